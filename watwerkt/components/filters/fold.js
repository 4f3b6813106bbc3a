// Runs right after the projectenbank's filter choices, before the page is drawn: on a phone
// they start folded, so the projects come first, unless the address already chooses a filter.
// The filter names and the phone's width come from the page, which has them from Python.
(function (choices) {
  if (!choices || !matchMedia(choices.getAttribute("data-telefoon")).matches) return;
  var keys = choices.getAttribute("data-adressleutels").split(" ");
  var params = new URLSearchParams(location.search);
  if (!keys.some(function (key) { return params.get(key); })) choices.open = false;
})(document.getElementById("ww-filter-keuzes"));
