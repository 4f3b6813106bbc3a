// Projectenbank filters. Without this script the page lists the projects page by page; with it,
// the form narrows and sorts all projects at once. The selection lives in the URL (shareable,
// back and forward work, reload restores it, a link such as the gap table's can choose filters)
// and the number of results is announced to screen readers. The projects' texts (summaries,
// description words: teksten.json) are half the index; they load once the reader reaches for
// the form, so the page itself stays small. Until then the first cards are the page's own.
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
  var SEARCH_RULE;  // how text becomes search words (search.py), from index.json

  var selects = {};
  var labels = {};
  FACETS.forEach(function (name) {
    selects[name] = form.elements[name];
    labels[name] = Array.prototype.slice.call(selects[name].options, 1).map(function (option) {
      return option.textContent;
    });
  });
  // The text field and the sort choice: their names are the query parameters (from Python).
  var query = document.getElementById("ww-filter-q");
  var sorting = document.getElementById("ww-volgorde");
  var FIRST_ORDER = sorting.options[0].value;  // the order of index.json, and without JavaScript

  var index = null;
  var texts = null;  // a promise of teksten.json, once asked for
  var textsReady = false;
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

  // The rule of search.py, over the endings it declares: words without accents or capitals,
  // and a typed word cut back to its stem.
  function words(text) {
    return text.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase().split(SEARCH_RULE.separator).filter(Boolean);
  }

  function stem(word) {
    var endings = SEARCH_RULE.uitgangen, shortest = SEARCH_RULE.kortste_stam;
    for (var i = 0; i < endings.length; i++) {
      var ending = endings[i][0], dropped = endings[i][1];
      if (word.length - dropped >= shortest && word.slice(-ending.length) === ending) {
        word = word.slice(0, word.length - dropped);
        var last = word.charAt(word.length - 1);
        if (word.length > shortest && last === word.charAt(word.length - 2) && SEARCH_RULE.klinkers.indexOf(last) === -1) {
          word = word.slice(0, -1);
        }
        return word;
      }
    }
    return word;
  }

  function selection() {
    var chosen = {};
    FACETS.forEach(function (name) {
      chosen[name] = selects[name].selectedIndex > 0 ? selects[name].selectedIndex - 1 : -1;
    });
    return chosen;
  }

  // Every stem occurs in the project's words, also inside one ("schuld" in "probleemschulden").
  function matchesText(entry, stems) {
    for (var i = 0; i < stems.length; i++) {
      if (entry.text.indexOf(stems[i]) === -1) return false;
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

  // The projects' texts, fetched once; each entry gets its summary and search text. Should
  // they not arrive, the filters still work, on the texts the index has.
  function loadTexts() {
    if (!texts) {
      texts = fetch(form.getAttribute("data-teksten"))
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var column = function (name) { return data.projecten[data.kolommen.indexOf(name)]; };
          var summaries = column("samenvatting"), descriptions = column("woorden");
          index.entries.forEach(function (entry, i) {
            entry.summary = summaries[i];
            entry.text = searchText(entry.project, entry.values, summaries[i], descriptions[i]);
          });
        })
        .catch(function () {
          index.entries.forEach(function (entry) { entry.text = searchText(entry.project, entry.values, "", ""); });
        })
        .then(function () { textsReady = true; });
    }
    return texts;
  }

  // Whether the cards on the page are the page's own: the first by name, nothing chosen.
  function pageCardsStand() {
    return !filtering() && sorting.value === FIRST_ORDER && shown === SHOWN_AT_ONCE;
  }

  // Filter, count per facet value under the current selection, and show the result. Cards
  // drawn here need the texts: until they have come, the page's own cards stand, or the
  // update waits for them.
  function update() {
    if (!textsReady && !pageCardsStand()) {
      loadTexts().then(update);
      return;
    }
    showChosenCount();
    var chosen = selection();
    var chosenValues = FACETS.map(function (name) { return chosen[name]; });
    var stems = words(query.value).map(stem);
    var counts = FACETS.map(function (name) { return new Int32Array(labels[name].length); });
    var results = [];
    var entries = index.entries;
    var order = index.orders[sorting.value];  // positions in index.json; none: its own order
    for (var e = 0; e < entries.length; e++) {
      var entry = entries[order ? order[e] : e];
      if (stems.length && !matchesText(entry, stems)) continue;
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
    render(results, textsReady);
  }

  function filtering() {
    return Boolean(query.value.trim()) || FACETS.some(function (name) { return selects[name].value; });
  }

  function render(results, drawCards) {
    if (drawCards) {
      var fragment = document.createDocumentFragment();
      results.slice(0, shown).forEach(function (entry) { fragment.appendChild(card(entry)); });
      list.replaceChildren(fragment);
    }
    more.hidden = results.length <= shown;
    var text = !filtering() ? results.length + " projecten"
      : results.length === 0 ? "Geen projecten gevonden. Kies minder filters of andere woorden."
      : results.length === 1 ? "1 project gevonden" : results.length + " projecten gevonden";
    // Said with the count, so a screen reader hears a change of order too.
    if (results.length > 1 && sorting.value !== FIRST_ORDER) text += ". Volgorde: " + sorting.selectedOptions[0].textContent;
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
  function card(entry) {
    var project = entry.project;
    var item = TEMPLATE.content.firstElementChild.cloneNode(true);
    var values = {
      naam: project[NAME],
      samenvatting: entry.summary,
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

  // The URL holds the selection: ?gemeente=GM0047&thema=schulden&q=maatje&volgorde=nieuw
  function stateToUrl(push) {
    var parameters = new URLSearchParams();
    if (query.value.trim()) parameters.set(query.name, query.value.trim());
    FACETS.forEach(function (name) {
      if (selects[name].value) parameters.set(name, selects[name].value);
    });
    if (sorting.value !== FIRST_ORDER) parameters.set(sorting.name, sorting.value);
    // From the whole address, not its path: a path such as //projectenbank/ would read as
    // another host. Browsers refuse too many history calls in a row; the filter goes on.
    var url = new URL(location.href);
    url.search = parameters.toString();
    if (url.href !== location.href) {
      try {
        history[push ? "pushState" : "replaceState"](null, "", url.href);
      } catch (error) { /* the address stays as it was; the list is right */ }
    }
  }

  function urlToState() {
    var parameters = new URLSearchParams(location.search);
    query.value = parameters.get(query.name) || "";
    function choose(select, value, otherwise) {
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
      select.value = known ? value : otherwise;
    }
    FACETS.forEach(function (name) { choose(selects[name], parameters.get(name) || "", ""); });
    choose(sorting, parameters.get(sorting.name) || FIRST_ORDER, FIRST_ORDER);
  }

  // index.json holds the projects column by column; a project is the row of its values.
  function rows(columns) {
    var projects = [];
    for (var i = 0; columns.length && i < columns[0].length; i++) {
      projects.push(columns.map(function (values) { return values[i]; }));
    }
    return projects;
  }

  // The positions in each order, from the steps between them that index.json gives.
  function positions(steps) {
    var at = 0;
    return steps.map(function (step) { at += step; return at; });
  }

  // What the text filter looks in: the words of the name, organisation and summary and of the
  // labels of every choice the project has (its municipalities, their province and regions, its
  // themes, ...), and the other words of its description (teksten.json).
  function searchText(project, values, summary, descriptionWords) {
    var text = [project[NAME], project[ORGANISATION], summary];
    FACETS.forEach(function (name, f) {
      values[f].forEach(function (v) { text.push(labels[name][v]); });
    });
    return words(text.join(" ")).join(" ") + " " + descriptionWords;
  }

  function start(data) {
    index = data;
    var column = function (name) { return data.kolommen.indexOf(name); };
    ID = column("id"); NAME = column("naam"); ORGANISATION = column("organisatie");
    MUNICIPALITIES = column("gemeenten"); THEMES = column("themas"); STATUS = column("status");
    REGION = column("regio");
    ADDRESS = data.adres;
    SEARCH_RULE = data.zoekregel;
    SEARCH_RULE.separator = new RegExp(SEARCH_RULE.scheiding);
    FACET_COLUMNS = {};
    Object.keys(data.facetkolommen).forEach(function (name) { FACET_COLUMNS[name] = column(data.facetkolommen[name]); });
    index.orders = {};
    Object.keys(data.volgorden).forEach(function (name) { index.orders[name] = positions(data.volgorden[name]); });
    index.entries = rows(data.projecten).map(function (project) {
      var values = valuesOf(project);
      return { project: project, values: values, summary: "", text: "" };
    });
    // Reaching for the form (a tap, a click, the keyboard's focus) fetches the texts, so the
    // first choice does not wait for them.
    form.addEventListener("focusin", loadTexts);
    form.addEventListener("pointerdown", loadTexts);
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
