// Starts the site's components. An element with data-ww-module="<name>" is a component; its
// script, <name>/script.js beside this file, is fetched once, the first time a page has such an
// element, and registers how to start one (watwerkt.register). Each element is started once.
// With Material's instant navigation, every new page it swaps in (document$) is looked at again.
// Loaded on every page (mkdocs.yml); it knows no component by name.
(function () {
  "use strict";

  var base = document.currentScript.src.replace(/[^\/]*$/, "");
  var starters = {};
  var requested = {};
  var started = new WeakSet();

  function startAll() {
    document.querySelectorAll("[data-ww-module]").forEach(function (element) {
      var name = element.getAttribute("data-ww-module");
      if (started.has(element) || !/^[a-z_]+$/.test(name)) return;
      if (starters[name]) {
        started.add(element);
        try {
          starters[name](element);
        } catch (error) {
          console.error("watwerkt: " + name + " kon niet starten", error);  // the others still start
        }
      } else if (!requested[name]) {
        requested[name] = true;
        var script = document.createElement("script");
        script.src = base + name + "/script.js";
        document.head.appendChild(script);
      }
    });
  }

  window.watwerkt = {
    register: function (name, start) {
      starters[name] = start;
      startAll();
    },
  };

  startAll();  // now, at the end of the page: the scripts are on their way before it has loaded
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(startAll);
})();
