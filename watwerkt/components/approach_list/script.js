// Filters the approaches overview. The form's select names (declared in
// __init__.py beside this script) match the cards' data-filter-<name> attributes, which hold
// space-separated values; this script knows no filter of its own. The choice is kept in the
// address (?thema=schulden), so a filtered list can be shared.
watwerkt.register("approach_list", function (component) {
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
    count.textContent = shown === 0 ? "Geen aanpakken gevonden. Kies minder filters."
      : shown === 1 ? "1 aanpak" : shown + " aanpakken";
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    var address = new URL(window.location.href);  // the whole address: a path like //aanpakken/ is no host
    address.search = query.toString();
    try {
      window.history.replaceState(null, "", address.href);
    } catch (error) { /* too many history calls in a row: the address stays, the list is right */ }
  }

  // A choice in the address that the form offers is taken; anything else is dropped.
  var asked = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var value = asked.get(select.name);
    if (value && Array.prototype.some.call(select.options, function (option) { return option.value === value; })) {
      select.value = value;
    }
  });
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
});
