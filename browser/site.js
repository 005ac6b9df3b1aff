/* What every page runs: the scripts of the tools the page shows, Material's menu and search toggles
 * made sound for assistive technology, keyboard access to them on phones, a skip link that moves focus, help when a search finds nothing, link addresses for print,
 * and the page's review date. */

import { onEveryPage } from "./every-page.js";
import { loadPageScripts } from "./page-scripts.js";
import { markLinks } from "./print-links.js";
import { markReviewDate } from "./review-date.js";
import { startSearchHelp } from "./search-help.js";
import { startSkipLink } from "./skip-link.js";
import { setUpKeyboard, startKeyboard } from "./keyboard.js";
import { setUpToggles, startToggles } from "./toggles.js";

function everyPage() {
  loadPageScripts();
  setUpToggles();
  setUpKeyboard();
  markLinks();
  markReviewDate();
}

startToggles();
startKeyboard();
startSearchHelp();
startSkipLink();
onEveryPage(everyPage);
