/* Calm reminders that a review is due (templates/due_notice.html.j2): on an organisation's "Our guidelines"
 * page, the build writes the day they are due; on the worksheet and the review, their scripts work it out from
 * the answers. A reminder shows once its day has come, until the reader hides it; hidden, it stays hidden for
 * that review date, in this browser, and the next review date brings it back. */

import { makeDates, readContract } from "./contract.js";
import { reminderShows } from "./due.js";

function hiddenReminders(storage, key) {
  try {
    const hidden = JSON.parse(storage.getItem(key) || "{}");
    return hidden && typeof hidden === "object" ? hidden : {};
  } catch (_) {
    return {};
  }
}

/* Show or hide one reminder; `from` and `words` (when given) replace what the page says. */
export function showReminder(node, { from, words } = {}, doc = document) {
  if (!node) return;
  const contract = readContract(doc);
  if (from !== undefined) node.dataset.dueFrom = from;
  if (words !== undefined) {
    const text = node.querySelector("[data-due-words]");
    if (text.textContent !== words) text.textContent = words;
  }
  const today = makeDates(contract).today();
  node.hidden = !reminderShows(node.dataset.dueNotice, node.dataset.dueFrom, today,
    hiddenReminders(window.localStorage, contract.remindersKey));
}

/* Every reminder the page shows as it was built (the organisation's guidelines page). */
export function markReminders(doc = document) {
  doc.querySelectorAll("[data-due-notice][data-due-from]").forEach((node) => showReminder(node, {}, doc));
}

/* The "Hide this reminder" button: remembered for this review date, and focus goes to the page's heading. */
function hide(event) {
  const button = event.target.closest ? event.target.closest("[data-due-hide]") : null;
  const node = button && button.closest("[data-due-notice]");
  if (!node) return;
  const key = readContract().remindersKey;
  try {
    const hidden = hiddenReminders(window.localStorage, key);
    hidden[node.dataset.dueNotice] = node.dataset.dueFrom;
    window.localStorage.setItem(key, JSON.stringify(hidden));
  } catch (_) { /* storage refused: it is hidden for this visit only */ }
  node.hidden = true;
  const heading = document.querySelector(".md-content h1");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

export function startReminders() {
  document.addEventListener("click", hide);
}
