// Filters the approaches overview. The form's select names (declared in
// watwerkt/approach_overview.py) match the cards' data-filter-<name> attributes, which hold
// space-separated values; this script knows no facet of its own.
(function () {
  "use strict";
  var form = document.getElementById("ww-aanpakfilter");
  var list = document.getElementById("ww-aanpakken");
  var count = document.getElementById("ww-aanpakfilter-aantal");
  if (!form || !list || !count) return;
  var cards = Array.prototype.slice.call(list.children);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));

  function matches(card) {
    return selects.every(function (select) {
      if (!select.value) return true;
      var values = (card.getAttribute("data-filter-" + select.name) || "").split(" ");
      return values.indexOf(select.value) !== -1;
    });
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card);
      card.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = shown === 1 ? "1 aanpak" : shown + " aanpakken";
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
})();
