// The reading aid: larger or smaller text and wider letter spacing, remembered across pages
// and visits. The choice is applied in the page head (overrides/main.html) before drawing.
watwerkt.register("reading_aid", function (component) {
  "use strict";

  var aid = component;
  // Declared in watwerkt/reading_aid.py; the page carries it.
  var KEY = aid.getAttribute("data-sleutel");
  var SCALE = aid.getAttribute("data-schaal");
  var SPACING = aid.getAttribute("data-letterafstand");
  var LIMITS = JSON.parse(aid.getAttribute("data-grenzen"));
  var status = aid.querySelector(".ww-leeshulp__status");

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (error) { return {}; }
  }

  function apply(settings) {
    var root = document.documentElement.style;
    if (settings.tekst) root.setProperty(SCALE, settings.tekst / 100); else root.removeProperty(SCALE);
    if (settings.letters) root.setProperty(SPACING, settings.letters + "em"); else root.removeProperty(SPACING);
    try { localStorage.setItem(KEY, JSON.stringify(settings)); } catch (error) { /* private mode */ }
    status.textContent = "Tekst " + (settings.tekst || 100) + "%, letterafstand " + Math.round((settings.letters || 0) * 100) / 100 + " em";
  }

  var opener = aid.querySelector(".ww-leeshulp__open");
  opener.addEventListener("click", function () {
    var open = aid.classList.toggle("ww-leeshulp--open");
    opener.setAttribute("aria-expanded", String(open));
  });

  aid.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-leeshulp]");
    if (!button) return;
    var what = button.getAttribute("data-leeshulp");
    var settings = load();
    if (what === "standaard") {
      settings = {};
    } else {
      var current = settings[what] || (what === "tekst" ? 100 : 0);
      var next = Math.round((current + parseFloat(button.getAttribute("data-stap"))) * 1000) / 1000;
      settings[what] = Math.min(LIMITS[what][1], Math.max(LIMITS[what][0], next));
    }
    apply(settings);
  });
});
