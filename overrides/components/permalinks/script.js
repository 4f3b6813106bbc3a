// "Kopieer link" next to every permanent link: puts the full address on the clipboard, so a
// trainer can paste it into a lesson plan. Without JavaScript the links themselves still work.
watwerkt.register("permalinks", function (component) {
  "use strict";

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "absolute";
    field.style.left = "-9999px";
    document.body.appendChild(field);
    field.select();
    var done = document.execCommand("copy");
    field.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  // The name read out starts with the visible text (WCAG 2.5.3) and says which link it is.
  function button(context, text) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "ww-kopieer";
    node.textContent = "Kopieer link";
    var hidden = document.createElement("span");
    hidden.className = "ww-onzichtbaar";
    hidden.textContent = " " + context;
    node.appendChild(hidden);
    var status = document.createElement("span");
    status.className = "ww-kopieer__status";
    status.setAttribute("role", "status");
    node.addEventListener("click", function () {
      copy(text()).then(
        function () { status.textContent = "Gekopieerd"; },
        function () { status.textContent = "Kopiëren lukte niet; kopieer de link zelf"; }
      );
      setTimeout(function () { status.textContent = ""; }, 4000);
    });
    return [node, status];
  }

  document.querySelectorAll("a.ww-vaste-link").forEach(function (link) {
    var item = link.closest("li");
    var goalText = item ? Array.prototype.filter.call(item.childNodes, function (node) { return node.nodeType === 3; })
      .map(function (node) { return node.textContent; }).join("").trim() : "";
    var context = item ? "naar leerdoel: " + goalText.slice(0, 80) : "naar deze module";
    var parts = button(context, function () { return link.href; });
    link.after(parts[0], parts[1]);
    // A written-out address shows what is copied: the address where this site is read.
    if (link.parentNode.classList.contains("ww-permalink")) link.textContent = link.href;
  });

  // On paper a link is only useful with its address: print the full address of every link
  // (not of a begrip's link to /begrippen/: it explains a word, the handout needs no address).
  document.querySelectorAll(".md-content a[href]:not(.headerlink):not(.ww-begrip)").forEach(function (link) {
    if (!/^(mailto|javascript):/.test(link.getAttribute("href"))) link.setAttribute("data-print-url", link.href);
  });

  var all = document.getElementById("ww-alle-links");
  if (all) {
    var parts = button("van alle modules en leerdoelen", function () { return all.value; });
    parts[0].firstChild.textContent = "Kopieer alle links";
    all.after(parts[0], parts[1]);
  }
});
