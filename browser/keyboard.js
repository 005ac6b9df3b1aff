/*
  Keyboard access to the menu and search on phones and tablets.

  Material opens its menu drawer, its sub-menus and (on narrow screens) its search box with <label>
  elements, which a keyboard cannot reach. Real buttons for the menu and search are put in the header
  as the page is read (browser/inline/before-paint.js); this makes them work, and lets Tab reach the
  sub-menu labels (Enter or Space presses them). Focus moves to what they open. Escape closes the
  menu and puts focus back on the menu button. Runs again after each instant page change, which
  replaces the menu.
  site.css hides closed menus and panels so that Tab never lands on something out of sight.
*/
/* What Tab can reach (Material's toggles, drawn at no size, have tabindex=-1). */
var FOCUSABLE = "a[href], label[tabindex='0'], button:not([disabled]), input:not([type='hidden']):not([tabindex='-1'])";

function toggleOf(label) {
  return document.getElementById(label.htmlFor);
}

function isShown(element) {
  return element.getClientRects().length > 0 && getComputedStyle(element).visibility === "visible";
}

function firstShown(container) {
  var candidates = container.querySelectorAll(FOCUSABLE);
  for (var i = 0; i < candidates.length; i++) {
    if (isShown(candidates[i])) return candidates[i];
  }
  return null;
}

function drawerButton() {
  return document.querySelector(".md-header .site-menu-button");
}

function searchButton() {
  return document.querySelector(".md-header .site-search-button");
}

function sidebar() {
  return document.querySelector(".md-sidebar--primary");
}

/* Whether the menu is a drawer, and the search box sits behind a button, is the layout's to decide
   (site.css, after Material's breakpoints): the script asks whether those header buttons are shown.
   Their style alone answers (site.css gives them display: none where not shown), so asking does not
   make the browser lay out the whole page there and then, inside this script's task. */
function shownByLayout(button) {
  return Boolean(button) && getComputedStyle(button).display !== "none";
}

function drawerMode() {
  return shownByLayout(drawerButton());
}

function searchBehindButton() {
  return shownByLayout(searchButton());
}

function drawerIsOpen() {
  var toggle = document.getElementById("__drawer");
  return Boolean(toggle && toggle.checked);
}

function closeDrawer(returnFocus) {
  if (drawerIsOpen()) document.getElementById("__drawer").click();
  if (returnFocus && drawerButton()) drawerButton().focus();
}

/* Focus something in the menu drawer. A sub-menu slides in from the side: focused while it is still
   out at the side, the browser would scroll the menu sideways to show it, and once slid in it would
   sit out of sight. Only up-and-down scrolling is wanted. */
function focusInMenu(element) {
  element.focus();
  var scroller = element.closest(".md-sidebar__scrollwrap");
  if (scroller && scroller.scrollLeft) scroller.scrollLeft = 0;
}

/* What to focus once a label has been pressed. */
function afterPress(label) {
  var toggle = toggleOf(label);
  if (!toggle) return;
  if (label.classList.contains("md-nav__title")) {
    /* "Back" from a sub-menu: return to the item that opened it. */
    var opener = document.querySelector(".md-nav--primary label.md-nav__link[for='" + toggle.id + "']");
    if (opener) focusInMenu(opener);
  } else if (toggle.checked) {
    /* An item that opens a sub-menu: go into it. */
    var panel = toggle.parentElement.querySelector(":scope > .md-nav");
    var first = panel && firstShown(panel);
    if (first) focusInMenu(first);
  }
}

/* Sub-menu labels: reachable by Tab and pressed with Enter or Space, as Material already does
   for the labels of menus that are not sections. */
function press(event) {
  if (event.key !== "Enter" && event.key !== " ") return;
  var label = event.currentTarget;
  event.preventDefault();
  event.stopPropagation(); /* Material also clicks a focused label on Enter: press it only once */
  label.click();
  afterPress(label);
}

function makeFocusable(label) {
  label.setAttribute("tabindex", "0");
  if (!label.dataset.keyboard) {
    label.dataset.keyboard = "true";
    label.addEventListener("keydown", press);
  }
}

function makeUnfocusable(label) {
  label.removeAttribute("tabindex");
}

/* The header's menu and search buttons, put before Material's labels as the page is read
   (browser/inline/before-paint.js), tick Material's toggles and move focus into what they open. */
var HEADER_BUTTONS = ".md-header .site-menu-button, .md-header .site-search-button";

function pressHeaderButton(event) {
  var button = event.target instanceof Element ? event.target.closest(HEADER_BUTTONS) : null;
  if (!button) return;
  var menu = button.classList.contains("site-menu-button");
  var toggle = document.getElementById(menu ? "__drawer" : "__search");
  if (!toggle) return;
  toggle.click();
  button.setAttribute("aria-expanded", String(toggle.checked));
  if (toggle.checked) (menu ? openedDrawer : openedSearch)();
}

function openedDrawer() {
  var target = sidebar() && firstShown(sidebar());
  if (target) focusInMenu(target);
}

function openedSearch() {
  var input = document.querySelector(".md-search__input");
  if (input) {
    input.removeAttribute("tabindex");
    input.focus();
  }
}

/* The sub-menu labels and their "back" titles act as buttons only while the menu is a drawer. */
function navLabels() {
  return document.querySelectorAll(
    ".md-nav--primary label.md-nav__link[for]:not([tabindex='0']), " +
    ".md-nav--primary label.md-nav__link[data-keyboard], " +
    ".md-nav--primary .md-nav .md-nav__title[for]"
  );
}

function setUpNavigation() {
  var labels = navLabels();
  var drawer = drawerMode(); /* asked once: a label made focusable would have the next answer worked out anew */
  for (var i = 0; i < labels.length; i++) {
    if (drawer) makeFocusable(labels[i]);
    else if (labels[i].dataset.keyboard) makeUnfocusable(labels[i]);
  }
}

/* On narrow screens the search box is closed behind a header button: keep it out of the tab
   order until it is open, so Tab goes to the button instead. */
function setUpSearchBox() {
  var input = document.querySelector(".md-search__input");
  var toggle = document.getElementById("__search");
  if (!input || !toggle) return;
  if (searchBehindButton() && !toggle.checked) input.setAttribute("tabindex", "-1");
  else input.removeAttribute("tabindex");
}

/* A block of code wider than the page scrolls sideways too, and so does a table until Material wraps it
   in a scrolling box: Material makes the code reachable once its script runs, which waits for the
   reader (material.js); until then, this does. */
function setUpWideContent() {
  document.querySelectorAll(".md-typeset pre > code, .md-typeset table:not([class])").forEach(function (code) {
    if (code.scrollWidth > code.clientWidth + 1) code.setAttribute("tabindex", "0");
    else if (code.getAttribute("tabindex") === "0") code.removeAttribute("tabindex");
  });
}

/* A table wider than a phone scrolls sideways: keyboard users must be able to reach and scroll it. */
function setUpWideTables() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table (scroll sideways to see all of it)");
    } else if (wrap.getAttribute("role") === "region") {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  });
}

export function setUpKeyboard() {
  setUpWideTables();
  setUpWideContent();
  setUpNavigation();
  setUpSearchBox();

  var nav = sidebar();
  if (nav && !nav.dataset.keyboard) {
    nav.dataset.keyboard = "true";
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawerIsOpen() && drawerMode()) {
        event.preventDefault();
        closeDrawer(true);
      }
    });
    /* Tabbing out of the open drawer closes it, so focus never hides behind it. */
    nav.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (next && drawerIsOpen() && drawerMode() && !nav.contains(next) && next !== drawerButton()) {
        closeDrawer(false);
      }
    });
  }
}

/* Listen once; `setUpKeyboard` runs on every page Material shows (see site.js). */
export function startKeyboard() {
  document.addEventListener("click", pressHeaderButton);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") {
      setUpSearchBox();
      if (searchButton()) searchButton().setAttribute("aria-expanded", String(event.target.checked));
      /* Closing search on a narrow screen: put focus back on the search button. */
      if (!event.target.checked && searchBehindButton() && searchButton()) {
        var active = document.activeElement;
        if (!active || active === document.body || active.closest(".md-search")) {
          window.setTimeout(function () {
            var now = document.activeElement;
            if (!now || now === document.body || now.closest(".md-search")) searchButton().focus();
          }, 0);
        }
      }
    } else if (event.target.id === "__drawer" && drawerButton()) {
      drawerButton().setAttribute("aria-expanded", String(event.target.checked));
    }
  });

  window.addEventListener("resize", function () {
    setUpWideTables();
    setUpWideContent();
    setUpNavigation();
    setUpSearchBox();
  });
}

