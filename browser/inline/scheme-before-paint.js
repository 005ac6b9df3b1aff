/* Written into each page right after Material's colour-scheme switch (page_markup.py), so it runs
 * before the first paint. Material's script, which would otherwise choose the scheme, waits for the
 * reader (material.js); this does its first step now. A scheme the reader chose is already applied by
 * Material's own inline script; with none chosen, the scheme whose media query matches the device's
 * setting (light or dark) is applied, as Material would. Either way the switch to the other scheme is
 * shown. A plain script, not a module: it runs inline, before anything else of ours. */
(function () {
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
})();
