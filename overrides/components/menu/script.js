// On a phone (or a desktop zoomed to 400%), Material opens the menu and the search with a
// <label> for a hidden checkbox, which a keyboard can never reach. This puts a real button
// inside each label: reachable with Tab, opened with Enter or Space, closed with Escape, and
// the focus moves into the menu and back. Without JavaScript the labels still work by mouse
// and touch.
watwerkt.register("menu", function (component) {
  "use strict";

  var NAMES = { __drawer: "Menu", __search: "Zoeken" };
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var menuButton = null;
  if (menu) menu.id = "ww-menu";

  function firstLinkIn(container) {
    var links = container.querySelectorAll("a[href], [tabindex='0']");
    for (var i = 0; i < links.length; i++) {
      if (links[i].offsetParent !== null) return links[i];
    }
    return null;
  }

  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !NAMES[toggle.id]) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ww-kopknop";
    button.setAttribute("aria-label", NAMES[toggle.id]);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.appendChild(button);
    button.addEventListener("click", function (event) {
      toggle.click();  // fires "change", which Material and the search script listen to
      // Opened from the keyboard (a click without a pointer): continue inside the menu.
      if (toggle === drawer && toggle.checked && menu && event.detail === 0) {
        var first = firstLinkIn(menu);
        if (first) first.focus();
      }
    });
    if (toggle === drawer) {
      menuButton = button;
      button.setAttribute("aria-controls", "ww-menu");
      button.setAttribute("aria-expanded", String(toggle.checked));
      toggle.addEventListener("change", function () { button.setAttribute("aria-expanded", String(toggle.checked)); });
    }
  });

  if (!drawer || !menu || !menuButton) return;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      menuButton.focus();
    }
  });
  // Tabbing out of the open menu closes it: the focus never hides behind the overlay.
  menu.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (drawer.checked && next && !menu.contains(next) && next !== menuButton) drawer.click();
  });
});
