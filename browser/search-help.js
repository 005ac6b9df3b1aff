/*
  When a search finds nothing, Material says "No matching documents". This shows the help in
  partials/search-help.html under that line: other words to try and links to browse instead. And the
  search form's submit button goes to the best match.
*/

export function startSearchHelp() {
  var help = document.querySelector("[data-search-help]");
  var meta = document.querySelector(".md-search-result__meta");
  var list = document.querySelector(".md-search-result__list");
  var input = document.querySelector(".md-search__input");
  var config = document.getElementById("__config");
  if (!help || !meta || !list || !input || !config) return;

  var noneText = "No matching documents";
  try {
    noneText = JSON.parse(config.textContent).translations["search.result.none"] || noneText;
  } catch (error) {
    /* keep Material's English wording */
  }

  /* Addresses from the site root, which Material keeps in __md_scope. */
  var root = window.__md_scope ? String(window.__md_scope) : new URL(".", document.baseURI).href;
  var links = help.querySelectorAll("a[data-site-path]");
  for (var i = 0; i < links.length; i++) {
    links[i].href = new URL(links[i].getAttribute("data-site-path"), root).href;
  }

  function update() {
    var nothingFound = input.value.trim() !== "" &&
      meta.textContent.trim() === noneText &&
      list.children.length === 0;
    help.hidden = !nothingFound;
  }

  /* The form's submit button (partials/search.html) opens the best match, as Enter does. */
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var best = list.querySelector(".md-search-result__link");
    if (best) best.click();
    else input.focus();
  });

  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  new MutationObserver(update).observe(list, { childList: true });
  input.addEventListener("input", update);
}
