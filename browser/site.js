/* What every page runs: Material's script once the reader does something (material.js), the scripts of the tools the page shows, Material's menu and search toggles
 * made sound for assistive technology, keyboard access to them on phones, a skip link that moves
 * focus, help when a search finds nothing, link addresses for print, the page's review date, and a reminder
 * that an organisation's guidelines are due for review. */

import { markReminders, startReminders } from "./due-notice.js";
import { onEveryPage } from "./every-page.js";
import { startMaterial } from "./material.js";
import { loadPageScripts } from "./page-scripts.js";
import { markLinks } from "./print-links.js";
import { markReviewDate } from "./review-date.js";
import { startSearchHelp } from "./search-help.js";
import { startSkipLink } from "./skip-link.js";
import { setUpKeyboard, startKeyboard } from "./keyboard.js";
import { startToggles } from "./toggles.js";

/* The tools' scripts are asked for at once (the page's load waits for them, and each runs in a task
 * of its own); the rest of the page's set-up runs after, each step in a task of its own: one long task
 * doing them all would keep a tap waiting (Lighthouse counts each task's time beyond 50 ms as blocking). */
const SET_UP_STEPS = [setUpKeyboard, markLinks, markReviewDate, markReminders];

function everyPage() {
  loadPageScripts();
  for (const step of SET_UP_STEPS) setTimeout(step, 0);
}

startMaterial();
startToggles();
startKeyboard();
startSearchHelp();
startSkipLink();
startReminders();
onEveryPage(everyPage);
