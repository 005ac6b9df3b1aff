/* What every page runs: the scripts of the tools the page shows, keyboard access to the menu and search
 * on phones, a skip link that moves focus, help when a search finds nothing, link addresses for print,
 * and the page's review date. */

import { onEveryPage } from "./every-page.js";
import { loadPageScripts } from "./page-scripts.js";
import { markLinks } from "./print-links.js";
import { markReviewDate } from "./review-date.js";
import { startSearchHelp } from "./search-help.js";
import { startSkipLink } from "./skip-link.js";
import { setUpKeyboard, startKeyboard } from "./keyboard.js";

function everyPage() {
  loadPageScripts();
  setUpKeyboard();
  markLinks();
  markReviewDate();
}

startKeyboard();
startSearchHelp();
startSkipLink();
onEveryPage(everyPage);
