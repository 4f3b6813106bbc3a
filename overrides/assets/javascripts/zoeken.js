// Site search: Pagefind's index, fetched in small pieces only when someone searches, with
// Dutch stemming ("mogelijkheid" also finds "mogelijkheden"). Shown in Material's search box.
(function () {
  "use strict";

  var form = document.getElementById("ww-zoeken");
  if (!form) return;
  var toggle = document.getElementById("__search");
  var input = form.elements.query;
  var output = document.getElementById("ww-zoekresultaten");
  var meta = output.querySelector(".md-search-result__meta");
  var list = output.querySelector(".md-search-result__list");
  var bundle = new URL(form.getAttribute("data-pagefind"), location.href);
  var pagefind = null;
  var latest = 0;
  var returnFocusTo = null;

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
  }

  // Closing gives the focus back to where it was before the search opened.
  function close() {
    if (toggle) toggle.checked = false;
    if (returnFocusTo && returnFocusTo !== input && document.contains(returnFocusTo)) {
      returnFocusTo.focus();
    } else {
      input.blur();
    }
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
  function excerpt(html) {
    var paragraph = element("p");
    html.split(/(<mark>|<\/mark>)/).reduce(function (inMark, part) {
      if (part === "<mark>") return true;
      if (part === "</mark>") return false;
      var text = new DOMParser().parseFromString(part, "text/html").documentElement.textContent;
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
    if (!query) {
      list.replaceChildren();
      meta.textContent = "Typ om te zoeken";
      return;
    }
    loadPagefind()
      .then(function (module) { return module.debouncedSearch(query, {}, 60); })
      .then(function (found) {
        if (!found || ticket !== latest) return null;  // a newer query is on its way
        return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }))
          .then(function (pages) {
            if (ticket !== latest) return;
            var fragment = document.createDocumentFragment();
            pages.forEach(function (data) { fragment.appendChild(result(data)); });
            list.replaceChildren(fragment);
            var total = found.results.length;
            meta.textContent = total === 0 ? "Geen resultaten" : total === 1 ? "1 resultaat" : total + " resultaten";
          });
      })
      .catch(function () { meta.textContent = "Zoeken lukt nu niet."; });
  }

  input.addEventListener("focus", function () { open(); loadPagefind(); });
  if (toggle) {
    // On a phone the magnifier in the header opens the search: put the cursor in the field.
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
  }
  input.addEventListener("input", search);
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
})();
