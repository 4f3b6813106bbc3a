// Site search: Pagefind's index, fetched in small pieces only when someone searches, with
// Dutch stemming ("mogelijkheid" also finds "mogelijkheden"). Shown in Material's search box.
watwerkt.register("search", function (component) {
  "use strict";

  var form = document.getElementById("ww-zoeken");
  if (!form) return;
  var toggle = document.getElementById("__search");
  var input = form.elements.query;
  var output = document.getElementById("ww-zoekresultaten");
  var meta = output.querySelector(".md-search-result__meta");
  var list = output.querySelector(".md-search-result__list");
  var bundle = new URL(form.getAttribute("data-pagefind"), location.href);
  var more = output.querySelector(".ww-zoek-meer");
  var container = form.closest(".md-search");
  var PER_PAGE = 10;
  var pagefind = null;
  var latest = 0;
  var found = [];  // the results of the latest search, shown PER_PAGE at a time
  var returnFocusTo = null;
  var staysClosed = false;  // set while close() puts the focus back in the field
  var loadingMore = false;  // set while "Toon meer resultaten" loads

  function open() {
    if (toggle && !toggle.checked && !staysClosed) toggle.checked = true;
  }

  // Closing gives the focus back to where it was before the search opened. Otherwise, if the
  // focus was in the search (now hidden), it goes to the field on a desktop, or to the header's
  // search button on a phone, where the field hides too.
  function close() {
    var wasInside = container.contains(document.activeElement);
    if (toggle) toggle.checked = false;
    var button = document.querySelector(".md-header label[for='__search'] button");  // shown on a phone only
    if (returnFocusTo && returnFocusTo !== input && returnFocusTo !== document.body && document.contains(returnFocusTo)) {
      returnFocusTo.focus();
    } else if (button && button.offsetParent !== null) {
      button.focus();
    } else if (wasInside) {
      staysClosed = true;
      input.focus();
      staysClosed = false;
    }
    returnFocusTo = null;
  }

  // Loaded when the field gets focus, so the first letters typed do not wait for it.
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(bundle.href).then(function (module) {
        return module.options({ baseUrl: new URL("..", bundle).pathname })
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are the page's own text with the matches in <mark>: keep only those.
  // A <textarea> decodes entities as plain text and keeps the spaces around each match.
  var decoder = document.createElement("textarea");
  function excerpt(html) {
    var paragraph = element("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      decoder.innerHTML = part;
      var text = decoder.value;
      paragraph.appendChild(inMark ? element("mark", null, text) : document.createTextNode(text));
      return inMark;
    }, false);
    return paragraph;
  }

  function result(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("h1", null, data.meta.title || data.url));
    article.appendChild(excerpt(data.excerpt));
    link.appendChild(article);
    item.appendChild(link);
    (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; }).slice(0, 2).forEach(function (sub) {
      var subLink = element("a", "md-search-result__link");
      subLink.href = sub.url;
      var subArticle = element("article", "md-search-result__article md-typeset");
      subArticle.appendChild(element("h2", null, sub.title));
      subArticle.appendChild(excerpt(sub.excerpt));
      subLink.appendChild(subArticle);
      item.appendChild(subLink);
    });
    return item;
  }

  function search() {
    var query = input.value.trim();
    var ticket = ++latest;
    found = [];  // a "Toon meer" from the previous query must not add to this one
    more.hidden = true;
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Typ om te zoeken";
      return;
    }
    loadPagefind()
      .then(function (module) { return module.debouncedSearch(query, {}, 60); })
      .then(function (answer) {
        if (!answer || ticket !== latest) return null;  // a newer query is on its way
        found = answer.results;
        list.replaceChildren();
        var total = found.length;
        meta.textContent = total === 0 ? "Geen resultaten" : total === 1 ? "1 resultaat" : total + " resultaten";
        return showMore(ticket);
      })
      .catch(function () { meta.textContent = "Zoeken lukt nu niet."; });
  }

  // The next PER_PAGE results of the query `ticket`, added below the ones shown; nothing when a
  // newer query came in meanwhile. A click while they load does nothing, so two clicks add once.
  function showMore(ticket) {
    var results = found, start = list.children.length;
    loadingMore = true;
    return Promise.all(results.slice(start, start + PER_PAGE).map(function (r) { return r.data(); }))
      .finally(function () { loadingMore = false; })
      .then(function (pages) {
        if (ticket !== latest || results !== found) return;
        var fragment = document.createDocumentFragment();
        pages.forEach(function (data) { fragment.appendChild(result(data)); });
        list.appendChild(fragment);
        more.hidden = list.children.length >= found.length;
      });
  }

  // The search opens only when asked: by typing, a click in the field, the header's button or
  // a shortcut key. Tabbing into the field loads the index, but opens nothing.
  input.addEventListener("focus", loadPagefind);
  input.addEventListener("click", open);
  if (toggle) {
    // On a phone the magnifier in the header opens the search: put the cursor in the field.
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }
  input.addEventListener("input", function () { open(); search(); });
  more.addEventListener("click", function () {
    if (loadingMore || !found.length) return;
    var first = list.children.length;
    showMore(latest).then(function () {
      // Keyboard users continue at the first result that was just added.
      var next = list.children[first] && list.children[first].querySelector("a");
      if (next) next.focus();
    });
  });
  // Tabbing on past the search closes it, so it never covers what has the focus.
  container.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle && toggle.checked && next && !container.contains(next)) toggle.checked = false;
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () { setTimeout(function () { search(); input.focus(); }, 0); });
  output.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) close();
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape" && toggle && toggle.checked) {
      close();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      returnFocusTo = document.activeElement;
      open();
      input.focus();
    }
  });
});
