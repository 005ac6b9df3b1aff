/* Material's menu, search, sub-menus and table of contents open and close with <label>s that tick
 * checkboxes (its stylesheet does the rest, so all of it works without JavaScript). site.css draws
 * those checkboxes at no size instead of not at all, so every label points at a control that is there;
 * page_markup.py keeps them out of the tab order and out of assistive technology. Once this runs:
 * - a click on such a label ticks its checkbox without moving focus onto it (a label sends focus to its
 *   control, here an invisible one: the next Tab would start from nowhere a reader can see);
 * - the backdrops behind the open menu and search, empty labels that close them when clicked, are
 *   plain elements by then (browser/inline/before-paint.js: a label with nothing in it, and a
 *   second label for one control, are wrong to accessibility checkers): a click on one closes what it
 *   is behind. The backdrop is for the mouse only (Escape, the menu button and "Close search" do the
 *   same for everyone).
 * The colour-scheme switch is a button (page_markup.py) that chooses the other scheme's radio, which
 * Material's script watches; focus moves to the switch that takes its place. Before Material's script
 * is there (it waits for the reader: material.js) the button applies and keeps the scheme as Material
 * would, and Material starts from that choice. */

import { materialReady } from "./material.js";

const TOGGLE = "input.md-toggle";
const BACKDROPS = "div[data-closes]";
const INSIDE_A_LABEL = "a[href], button, input, select, textarea";
const SCHEME_SWITCH = "button[data-choose-scheme]";
const SCHEME_OPTIONS = "input.md-option[name='__palette']";
const SCHEME_KEYS = ["media", "scheme", "primary", "accent"];

function toggleOf(label) {
  const control = label.control;
  return control && control.matches(TOGGLE) ? control : null;
}

function tickWithoutFocus(event) {
  const label = event.target instanceof Element ? event.target.closest("label[for]") : null;
  const toggle = label && toggleOf(label);
  if (!toggle) return;
  const inner = event.target.closest(INSIDE_A_LABEL);
  if (inner && label.contains(inner)) return; /* a link inside the label goes where it goes */
  event.preventDefault();
  toggle.click();
}

/* A backdrop (made from Material's label as the page is read: browser/inline/before-paint.js)
   closes what it is behind. */
function closeFromBackdrop(event) {
  const backdrop = event.target instanceof Element ? event.target.closest(BACKDROPS) : null;
  const toggle = backdrop && document.getElementById(backdrop.dataset.closes);
  if (toggle && toggle.checked) toggle.click();
}

/* What Material's palette does with a chosen radio: the colours on <body>, the choice kept. */
export function applyScheme(option, doc = document, keep = window.__md_set) {
  const color = {};
  for (const key of SCHEME_KEYS) {
    color[key] = option.getAttribute(`data-md-color-${key}`);
    if (color[key] !== null) doc.body.setAttribute(`data-md-color-${key}`, color[key]);
  }
  option.checked = true;
  if (keep) keep("__palette", { index: [...doc.querySelectorAll(SCHEME_OPTIONS)].indexOf(option), color });
}

function chooseScheme(event) {
  const button = event.target instanceof Element ? event.target.closest(SCHEME_SWITCH) : null;
  const option = button && document.getElementById(button.dataset.chooseScheme);
  if (!option) return;
  const root = document.documentElement;
  root.classList.add("site-switching-scheme"); /* no fading while the colours change (site.css) */
  requestAnimationFrame(() => requestAnimationFrame(() => root.classList.remove("site-switching-scheme")));
  if (materialReady()) option.click();
  else applyScheme(option);
  /* Material shows the switch that follows the chosen scheme's radio, and hides the others. */
  const next = option.nextElementSibling;
  if (next && next !== button && next.matches(SCHEME_SWITCH)) {
    button.hidden = true;
    next.hidden = false;
    next.focus();
  }
}

/* Material's palette answers Enter by choosing the next scheme and focusing its radio: the button does
   that now (Enter clicks it), so Material is not told of the key as well. */
function keepEnterOnTheButton(event) {
  if (event.key === "Enter" && event.target instanceof Element && event.target.matches(SCHEME_SWITCH)) {
    event.stopPropagation();
  }
}

/* Listen once. */
export function startToggles() {
  document.addEventListener("click", tickWithoutFocus);
  document.addEventListener("click", chooseScheme);
  document.addEventListener("click", closeFromBackdrop);
  document.addEventListener("keydown", keepEnterOnTheButton, true);
}
