/* Written into each page right after Material's header (page_markup.py), so it runs before the first
 * paint, while the page is still being read: changing the page now costs nothing, where the same change
 * once the page is shown made the browser restyle all of it. Without JavaScript none of this happens
 * and Material's labels do the work.
 * - The header's menu and search labels, which a keyboard cannot reach, get real buttons before them
 *   (the label stays, hidden, for Material); keyboard.js makes the buttons work.
 * - The backdrops behind the open menu and search, empty labels that close them when clicked, become
 *   plain elements that toggles.js answers: a label with nothing in it, and a second label for one
 *   control, are wrong to accessibility checkers. */
(function () {
  function addButton(toggleId, name, className) {
    var label = document.querySelector(".md-header label[for='" + toggleId + "']");
    if (!label || document.querySelector(".md-header ." + className)) return;
    var toggle = document.getElementById(toggleId);
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " " + className;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(Boolean(toggle && toggle.checked)));
    button.innerHTML = label.innerHTML;
    label.parentNode.insertBefore(button, label);
    label.hidden = true;
  }
  addButton("__drawer", "Menu", "site-menu-button");
  addButton("__search", "Search", "site-search-button");
  var backdrops = document.querySelectorAll("label.md-overlay[for], label.md-search__overlay[for]");
  for (var i = 0; i < backdrops.length; i++) {
    var backdrop = document.createElement("div");
    backdrop.className = backdrops[i].className;
    backdrop.setAttribute("data-closes", backdrops[i].htmlFor);
    backdrops[i].replaceWith(backdrop);
  }
})();
