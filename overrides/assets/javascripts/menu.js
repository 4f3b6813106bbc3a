// On a phone (or a desktop zoomed to 400%), Material opens the menu and the search with a
// <label> for a hidden checkbox, which a keyboard can never reach. This makes each a real
// button: reachable with Tab, opened with Enter or Space, closed with Escape, and the focus
// moves into the menu and back. Without JavaScript the labels still work by mouse and touch.
(function () {
  "use strict";

  var BUTTONS = { __drawer: "Menu", __search: "Zoeken" };

  function firstLinkIn(container) {
    var links = container.querySelectorAll("a[href], [tabindex='0']");
    for (var i = 0; i < links.length; i++) {
      if (links[i].offsetParent !== null) return links[i];
    }
    return null;
  }

  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle || !BUTTONS[toggle.id]) return;
    var isMenu = toggle.id === "__drawer";
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    label.setAttribute("aria-label", BUTTONS[toggle.id]);
    if (isMenu) {
      label.setAttribute("aria-controls", "ww-menu");
      label.setAttribute("aria-expanded", String(toggle.checked));
      toggle.addEventListener("change", function () { label.setAttribute("aria-expanded", String(toggle.checked)); });
    }
    label.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click();  // fires "change", which Material and zoeken.js listen to
      var menu = document.getElementById("ww-menu");
      if (isMenu && toggle.checked && menu) {
        var first = firstLinkIn(menu);
        if (first) first.focus();
      }
    });
  });

  // The drawer: named for assistive technology, and Escape closes it from anywhere inside.
  var drawer = document.getElementById("__drawer");
  var menu = document.querySelector(".md-sidebar--primary");
  var menuButton = document.querySelector(".md-header label[for='__drawer']");
  if (!drawer || !menu || !menuButton) return;
  menu.id = "ww-menu";
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
})();
