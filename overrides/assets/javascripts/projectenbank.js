// Projectenbank filters. Without this script the page lists the projects page by page; with it,
// the form narrows all projects at once. The selection lives in the URL (shareable, back and
// forward work, reload restores it) and the number of results is announced to screen readers.
(function () {
  "use strict";

  var form = document.getElementById("ww-filters");
  if (!form) return;
  var list = document.getElementById("ww-projecten");
  var count = document.getElementById("ww-aantal");
  var more = document.getElementById("ww-meer");
  var pagination = document.getElementById("ww-paginering");
  var root = form.getAttribute("data-root");
  var SHOWN_AT_ONCE = 50;
  // The order of the fields in each project array of index.json (see watwerkt/projectenbank.py).
  var ID = 0, NAME = 1, ORGANISATION = 2, SUMMARY = 3, MUNICIPALITIES = 4, THEMES = 5,
      TARGET_GROUPS = 6, APPROACHES = 7, STATUS = 8, REGION = 9;
  var FACETS = ["gemeente", "provincie", "regio", "thema", "doelgroep", "aanpak", "status"];

  var selects = {};
  var labels = {};
  FACETS.forEach(function (name) {
    selects[name] = form.elements[name];
    labels[name] = Array.prototype.slice.call(selects[name].options, 1).map(function (option) {
      return option.textContent;
    });
  });
  var query = form.elements.q;

  var index = null;
  var shown = SHOWN_AT_ONCE;

  // The option indexes each project has for each facet.
  function valuesOf(project) {
    var provinces = {}, regions = {};
    project[MUNICIPALITIES].forEach(function (m) {
      var municipality = index.gemeenten[m];
      provinces[municipality[0]] = true;
      municipality[1].forEach(function (r) { regions[r] = true; });
    });
    return {
      gemeente: project[MUNICIPALITIES],
      provincie: Object.keys(provinces).map(Number),
      regio: Object.keys(regions).map(Number),
      thema: project[THEMES],
      doelgroep: project[TARGET_GROUPS],
      aanpak: project[APPROACHES],
      status: [project[STATUS]]
    };
  }

  function normalised(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function selection() {
    var chosen = {};
    FACETS.forEach(function (name) {
      chosen[name] = selects[name].selectedIndex > 0 ? selects[name].selectedIndex - 1 : -1;
    });
    return chosen;
  }

  function matchesText(entry, words) {
    for (var i = 0; i < words.length; i++) {
      if (entry.text.indexOf(words[i]) === -1) return false;
    }
    return true;
  }

  function matchesFacets(entry, chosen, except) {
    for (var i = 0; i < FACETS.length; i++) {
      var name = FACETS[i];
      if (name === except || chosen[name] === -1) continue;
      if (entry.values[name].indexOf(chosen[name]) === -1) return false;
    }
    return true;
  }

  // Filter, count per facet value under the current selection, and show the result.
  function update() {
    var chosen = selection();
    var words = normalised(query.value).split(/\s+/).filter(Boolean);
    var counts = {};
    FACETS.forEach(function (name) { counts[name] = new Array(labels[name].length).fill(0); });
    var results = [];
    index.entries.forEach(function (entry) {
      if (!matchesText(entry, words)) return;
      var all = matchesFacets(entry, chosen, null);
      if (all) results.push(entry);
      FACETS.forEach(function (name) {
        // A facet's own choice does not narrow its counts: they show what choosing another value gives.
        if (all || (chosen[name] !== -1 && matchesFacets(entry, chosen, name))) {
          entry.values[name].forEach(function (value) { counts[name][value] += 1; });
        }
      });
    });
    FACETS.forEach(function (name) {
      labels[name].forEach(function (label, i) {
        selects[name].options[i + 1].textContent = label + " (" + counts[name][i] + ")";
      });
    });
    render(results);
  }

  function render(results) {
    var fragment = document.createDocumentFragment();
    results.slice(0, shown).forEach(function (entry) { fragment.appendChild(card(entry.project)); });
    list.replaceChildren(fragment);
    count.textContent = results.length === 1 ? "1 project gevonden" : results.length + " projecten gevonden";
    more.hidden = results.length <= shown;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function area(project) {
    if (project[REGION] !== -1) return labels.regio[project[REGION]];
    var names = project[MUNICIPALITIES].map(function (m) { return labels.gemeente[m]; });
    return names.length > 3 ? names.length + " gemeenten" : names.join(", ");
  }

  function card(project) {
    var item = element("li", "ww-kaart");
    var heading = element("h2", "ww-kaart__titel");
    var link = element("a", null, project[NAME]);
    link.href = root + "projectenbank/" + project[ID] + "/";
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(element("p", null, project[SUMMARY]));
    var facts = element("dl", "ww-feiten");
    [
      ["Organisatie", project[ORGANISATION]],
      ["Gemeenten", area(project)],
      ["Thema's", project[THEMES].map(function (t) { return labels.thema[t]; }).join(", ")],
      ["Status", labels.status[project[STATUS]]]
    ].forEach(function (fact) {
      facts.appendChild(element("dt", null, fact[0]));
      facts.appendChild(element("dd", null, fact[1]));
    });
    item.appendChild(facts);
    return item;
  }

  // The URL holds the selection: ?gemeente=GM0047&thema=schulden&q=maatje
  function stateToUrl(push) {
    var parameters = new URLSearchParams();
    if (query.value.trim()) parameters.set("q", query.value.trim());
    FACETS.forEach(function (name) {
      if (selects[name].value) parameters.set(name, selects[name].value);
    });
    var search = parameters.toString();
    var url = location.pathname + (search ? "?" + search : "");
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }

  function urlToState() {
    var parameters = new URLSearchParams(location.search);
    query.value = parameters.get("q") || "";
    FACETS.forEach(function (name) {
      var value = parameters.get(name) || "";
      var known = Array.prototype.some.call(selects[name].options, function (o) { return o.value === value; });
      selects[name].value = known ? value : "";
    });
  }

  function start(data) {
    index = data;
    index.entries = data.projecten.map(function (project) {
      return {
        project: project,
        values: valuesOf(project),
        text: normalised([project[NAME], project[ORGANISATION], project[SUMMARY]].join(" ")
          + " " + project[MUNICIPALITIES].map(function (m) { return labels.gemeente[m]; }).join(" "))
      };
    });
    urlToState();
    form.hidden = false;
    if (pagination) pagination.hidden = true;
    update();

    form.addEventListener("change", function () { shown = SHOWN_AT_ONCE; stateToUrl(true); update(); });
    query.addEventListener("input", function () { shown = SHOWN_AT_ONCE; stateToUrl(false); update(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { shown = SHOWN_AT_ONCE; stateToUrl(true); update(); }, 0);
    });
    more.addEventListener("click", function () { shown += SHOWN_AT_ONCE; update(); });
    window.addEventListener("popstate", function () { urlToState(); shown = SHOWN_AT_ONCE; update(); });
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { /* the page-by-page list without filters still works */ });
})();
