// The 404 page: the hint to the modules for an old /opleiding/ address, and a search field that
// passes its words to the header's search (components/search/), filled in from the address.
watwerkt.register("not_found", function (component) {
  "use strict";

  var curriculum = new URL(component.getAttribute("data-opleiding"), location.href).pathname;
  if (location.pathname.indexOf(curriculum) === 0 && location.pathname !== curriculum) {
    component.querySelector(".ww-niet-gevonden__opleiding").hidden = false;
  }

  var form = component.querySelector("form");
  var field = form.elements.zoek;
  var lastPart = location.pathname.replace(/\/+$/, "").split("/").pop() || "";
  if (/^404(\.html?)?$/.test(lastPart)) lastPart = "";  // the page's own address says nothing
  try {
    field.value = decodeURIComponent(lastPart).replace(/\.html?$/, "").replace(/[-_]+/g, " ").trim();
  } catch (error) {
    field.value = "";  // a malformed %-escape: no suggestion
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var header = document.querySelector("input.md-search__input");
    var toggle = document.getElementById("__search");
    if (!header) return;
    header.value = field.value;
    if (toggle && !toggle.checked) toggle.click();
    header.focus();
    header.dispatchEvent(new Event("input", { bubbles: true }));
  });
});
