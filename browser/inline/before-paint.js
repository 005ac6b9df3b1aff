/* Written into each page right after Material's header (page_markup.py), so it runs before the first
 * paint, while the page is still being read: changing the page now costs nothing, where the same
 * changes once the page is shown made the browser restyle all of it. A plain script, not a module.
 * Without JavaScript none of this happens and Material's labels do the work.
 * - The colour scheme. Material's script, which would otherwise choose it, waits for the reader
 *   (material.js); this does its first step now. A scheme the reader chose is already applied by
 *   Material's own inline script; with none chosen, the scheme whose media query matches the device's
 *   setting (light or dark) is applied, as Material would. Either way the switch to the other scheme
 *   is shown.
 * - The header's menu and search labels, which a keyboard cannot reach, get real buttons before them
 *   (the label stays, hidden, for Material); keyboard.js makes the buttons work.
 * - The backdrops behind the open menu and search, empty labels that close them when clicked, become
 *   plain elements that toggles.js answers: a label with nothing in it, and a second label for one
 *   control, are wrong to accessibility checkers. */
(function () {
  function chooseScheme() {
    var options = document.querySelectorAll("input.md-option[name='__palette']");
    var chosen = window.__md_get && __md_get("__palette");
    var index = chosen && chosen.index >= 0 ? chosen.index : -1;
    for (var i = 0; index < 0 && i < options.length; i++) {
      var media = options[i].getAttribute("data-md-color-media");
      if (media && matchMedia(media).matches) index = i;
    }
    var option = options[Math.max(0, Math.min(index, options.length - 1))];
    if (!option) return;
    if (!chosen) {
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        var value = option.getAttribute("data-md-color-" + key);
        if (value !== null) document.body.setAttribute("data-md-color-" + key, value);
      });
    }
    option.checked = true;
    var button = option.nextElementSibling;
    if (button && button.hasAttribute("data-choose-scheme")) button.hidden = false;
  }

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
  chooseScheme();
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
