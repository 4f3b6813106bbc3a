// Projectenbank filters. Without this script the page lists the projects page by page; with it,
// the form narrows all projects at once. The selection lives in the URL (shareable, back and
// forward work, reload restores it) and the number of results is announced to screen readers.
watwerkt.register("project_list", function (component) {
  "use strict";

  var form = document.getElementById("ww-filters");
  if (!form) return;
  var list = document.getElementById("ww-projecten");
  var count = document.getElementById("ww-aantal");
  var more = document.getElementById("ww-meer");
  var pagination = document.getElementById("ww-paginering");
  var root = form.getAttribute("data-root");
  // What Python declares (__init__.py beside this script): the page size and the facets on the
  // page, the positions of the fields in the header of index.json once it is loaded.
  var SHOWN_AT_ONCE = Number(form.getAttribute("data-paginagrootte"));
  var FACETS = document.getElementById("ww-filter-keuzes").getAttribute("data-adressleutels").split(" ");
  var ID, NAME, ORGANISATION, MUNICIPALITIES, THEMES, REGION, STATUS, ADDRESS, FACET_COLUMNS;

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
  var typing = false;  // typed since the last history entry: replace it rather than add one per letter
  var announce = null;

  // The option indexes a project has, per facet, in the order of FACETS: from its own column,
  // or (province, region) from its municipalities.
  function valuesOf(project) {
    var provinces = {}, regions = {};
    project[MUNICIPALITIES].forEach(function (m) {
      var municipality = index.gemeenten[m];
      provinces[municipality[0]] = true;
      municipality[1].forEach(function (r) { regions[r] = true; });
    });
    var derived = { provincie: Object.keys(provinces).map(Number), regio: Object.keys(regions).map(Number) };
    return FACETS.map(function (name) {
      if (derived[name]) return derived[name];
      var value = project[FACET_COLUMNS[name]];
      return Array.isArray(value) ? value : [value];
    });
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

  // The first facet that rules the entry out, -2 when none does. Plain loops: this runs for
  // every project on every change.
  function firstMismatch(entry, chosenValues) {
    for (var f = 0; f < FACETS.length; f++) {
      var wanted = chosenValues[f];
      if (wanted !== -1 && entry.values[f].indexOf(wanted) === -1) return f;
    }
    return -2;
  }

  // "Filters (2 gekozen)": folded on a phone, the summary still says what is chosen.
  var chosenCount = form.querySelector(".ww-filters__gekozen");
  function showChosenCount() {
    var count = FACETS.filter(function (name) { return selects[name].value; }).length;
    chosenCount.textContent = count ? "(" + count + " gekozen)" : "";
  }

  // Filter, count per facet value under the current selection, and show the result.
  function update() {
    showChosenCount();
    var chosen = selection();
    var chosenValues = FACETS.map(function (name) { return chosen[name]; });
    var words = normalised(query.value).split(/\s+/).filter(Boolean);
    var counts = FACETS.map(function (name) { return new Int32Array(labels[name].length); });
    var results = [];
    var entries = index.entries;
    for (var e = 0; e < entries.length; e++) {
      var entry = entries[e];
      if (words.length && !matchesText(entry, words)) continue;
      var miss = firstMismatch(entry, chosenValues);
      if (miss === -2) results.push(entry);
      for (var f = 0; f < FACETS.length; f++) {
        // A facet's own choice does not narrow its counts: they show what choosing another
        // value would give. So an entry counts for facet f if only f (or nothing) rules it out.
        if (miss !== -2 && miss !== f) continue;
        if (miss === f) {
          var saved = chosenValues[f];
          chosenValues[f] = -1;
          var otherMiss = firstMismatch(entry, chosenValues);
          chosenValues[f] = saved;
          if (otherMiss !== -2) continue;
        }
        var values = entry.values[f];
        for (var v = 0; v < values.length; v++) counts[f][values[v]] += 1;
      }
    }
    FACETS.forEach(function (name, f) {
      var options = selects[name].options;
      labels[name].forEach(function (label, i) {
        var text = label + " (" + counts[f][i] + ")";
        if (options[i + 1].textContent !== text) options[i + 1].textContent = text;
      });
    });
    render(results);
  }

  function filtering() {
    return Boolean(query.value.trim()) || FACETS.some(function (name) { return selects[name].value; });
  }

  function render(results) {
    var fragment = document.createDocumentFragment();
    results.slice(0, shown).forEach(function (entry) { fragment.appendChild(card(entry.project)); });
    list.replaceChildren(fragment);
    more.hidden = results.length <= shown;
    var text = !filtering() ? results.length + " projecten"
      : results.length === 0 ? "Geen projecten gevonden. Kies minder filters of andere woorden."
      : results.length === 1 ? "1 project gevonden" : results.length + " projecten gevonden";
    // The count is a live region: while someone types, announce it once they pause.
    clearTimeout(announce);
    if (document.activeElement === query) {
      announce = setTimeout(function () { count.textContent = text; }, 400);
    } else {
      count.textContent = text;
    }
  }

  // The area in a few words, as area_text in __init__.py says it.
  function area(project) {
    if (project[REGION] !== -1) return labels.regio[project[REGION]];
    var names = project[MUNICIPALITIES].map(function (m) { return labels.gemeente[m]; });
    return names.length > index.gebiednamen ? names.length + " gemeenten" : names.join(", ");
  }

  // A card: the page's own card template (rendered by the same macro as the cards without
  // JavaScript), its slots filled; an empty slot stays hidden with its label.
  var TEMPLATE = document.getElementById("ww-kaart-sjabloon");
  function card(project) {
    var item = TEMPLATE.content.firstElementChild.cloneNode(true);
    var values = {
      naam: project[NAME],
      samenvatting: "",
      organisatie: project[ORGANISATION],
      gebied: area(project),
      themas: project[THEMES].map(function (t) { return labels.thema[t]; }).join(", "),
      status: index.kaartstatus[project[STATUS]]
    };
    item.querySelectorAll("[data-slot]").forEach(function (slot) {
      var value = values[slot.getAttribute("data-slot")] || "";
      slot.textContent = value;
      slot.hidden = !value;
      var label = item.querySelector("[data-slot-label='" + slot.getAttribute("data-slot") + "']");
      if (label) label.hidden = !value;
    });
    item.querySelector("[data-slot=naam]").href = root + ADDRESS.replace("{id}", project[ID]);
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
    var column = function (name) { return data.kolommen.indexOf(name); };
    ID = column("id"); NAME = column("naam"); ORGANISATION = column("organisatie");
    MUNICIPALITIES = column("gemeenten"); THEMES = column("themas"); STATUS = column("status"); REGION = column("regio");
    ADDRESS = data.adres;
    FACET_COLUMNS = {};
    Object.keys(data.facetkolommen).forEach(function (name) { FACET_COLUMNS[name] = column(data.facetkolommen[name]); });
    index.entries = data.projecten.map(function (project) {
      return {
        project: project,
        values: valuesOf(project),
        text: normalised([project[NAME], project[ORGANISATION]].join(" ")
          + " " + project[MUNICIPALITIES].map(function (m) { return labels.gemeente[m]; }).join(" "))
      };
    });
    urlToState();
    stateToUrl(false);  // drops values the page does not know, so a shared link shows what it says
    update();
    if (pagination) pagination.hidden = true;

    form.addEventListener("change", function (event) {
      if (event.target === query) return;
      shown = SHOWN_AT_ONCE; typing = false; stateToUrl(true); update();
    });
    query.addEventListener("input", function () {
      shown = SHOWN_AT_ONCE; stateToUrl(!typing); typing = true; update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () {
      setTimeout(function () { shown = SHOWN_AT_ONCE; stateToUrl(true); update(); }, 0);
    });
    more.addEventListener("click", function () {
      var before = shown;
      shown += SHOWN_AT_ONCE;
      update();
      // Keyboard users continue at the first card that was just added.
      var next = list.children[before] && list.children[before].querySelector("a");
      if (next) next.focus();
    });
    window.addEventListener("popstate", function () { urlToState(); shown = SHOWN_AT_ONCE; typing = false; update(); });
  }

  fetch(form.getAttribute("data-index"))
    .then(function (response) { return response.json(); })
    .then(start)
    .catch(function () { form.hidden = true; /* the page-by-page list without filters still works */ });
});
