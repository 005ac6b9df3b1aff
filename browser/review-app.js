/* The review page's own part (parts.js): the plan of every checklist's items, combining a colleague's review,
 * the report for trustees and the reminder when a new review is due, with saving and opening files (a part of
 * their own, review-files.js). checklists.js loads it on the review page only, so the other pages with a
 * checklist do not carry it; `start` runs each time the review page is shown. */

import { app, contract, dates, device, dialog, labels, onRefresh, page, store, tell, tool } from "./checklist-tool.js";
import { dayOf, reviewReviewDay } from "./due.js";
import { showReminder } from "./due-notice.js";
import { noteFile, showKeeping } from "./keep.js";
import { loadPart } from "./parts.js";
import { UNTOUCHED, blankReview, checkedReview, isEmptyReview } from "./review-file.js";
import { combine, settle } from "./review-merge.js";
import { showConflicts, showPlan } from "./review-page.js";
import * as plan from "./review-plan.js";
import { newItems, newSinceWords, savedLongAgo } from "./review-report.js";
import { editReport, printReport, saveReport, showReport } from "./review-report-ui.js";

const shared = { contract, labels, dates };

function show() {
  const root = app();
  if (!root || !page.guide) return;
  showPlan(root, tool.doc, page.guide, shared);
  showConflicts(root, tool.doc, page.guide, shared);
  showKeeping(root, tool.doc, isEmptyReview(tool.doc),
    { dates, days: contract.remindAfterDays, what: "review" });
  showReport(root, tool.doc, page.guide, plan, { contract, dates, siteName: siteName() });
  showReminder(root.querySelector("[data-due-notice=review]"), dueWords(tool.doc));
}

/* When the next review is due, and what the reminder says then. */
function dueWords(review) {
  const from = reviewReviewDay(review, contract, dates);
  const held = review.reviewedOn ? `Your last review was held on ${dates.longDate(review.reviewedOn)}`
    : `This review has not changed since ${dates.longDate(dayOf(review.saved, dates))}`;
  return { from, words: `${held}, and a new review was due on ${dates.longDate(from)}. When you are ready, save this ` +
    "one to a file to keep it, then start a new review together." };
}

/* The files part (saving, opening, combining, the report as a file), the first time it is needed: null, and
 * said, when it cannot come. */
async function files() {
  const part = await loadPart("review-files", { tell });
  return part && part.files;
}

/* A saved review from a file input, checked; null (and a message) when it cannot be used. */
async function readReview(input) {
  const part = await files();
  if (!part) return null;
  try {
    const file = await part.chosenFile(input, "a saved review", UNTOUCHED);
    if (!file) return null;
    let data;
    try {
      data = JSON.parse(file.text);
    } catch (_) {
      throw new Error("This file could not be read as a saved review: it may be cut short, damaged or " +
        `another kind of file, so it was not opened. ${UNTOUCHED}`);
    }
    return { name: file.name, review: checkedReview(data, contract, dates), version: data.version, saved: data.saved };
  } catch (error) {
    tell(error.message, true);
    return null;
  }
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

async function openFile(input) {
  const opened = await readReview(input);
  if (!opened) return;
  const { name, review, version, saved } = opened;
  const replace = () => {
    const news = [newSinceWords(page.guide, review, version, contract), savedLongAgo(saved, { contract, dates })];
    review.known = [...page.guide.known.keys()];
    noteFile(review);
    tool.use(review, [`Opened “${name}”: answers for ${count(Object.keys(review.items).length, "item", "items")} ` +
      "restored. It was read on this device; nothing was sent anywhere.", ...news].filter(Boolean).join(" "));
  };
  const current = Object.keys(tool.doc.items).length;
  if (!current) replace();
  else {
    dialog.ask("Replace the review in this browser?",
      `This browser holds answers for ${count(current, "item", "items")}. Opening “${name}” ` +
      "replaces them with the answers in the file. To add a colleague’s answers to yours instead, use " +
      "“Combine with a colleague’s saved review”.", "Yes, replace it", replace, input);
  }
}

async function mergeFile(input) {
  const opened = await readReview(input);
  if (!opened) return;
  const tally = combine(tool.doc, opened.review);
  tool.keep();
  let words = `Combined “${opened.name}” with the review in this browser: ${count(tally.taken, "answer", "answers")} ` +
    `taken from the file, ${count(tally.kept, "answer", "answers")} kept from this browser where yours was newer.`;
  if (tally.both) words += ` ${count(tally.both, "item was", "items were")} answered differently in both: choose below which answer to keep.`;
  tell(words + " Nothing was sent anywhere.");
  if (tally.both) app().querySelector("[data-review-conflicts] h2").scrollIntoView();
}

/* Move focus somewhere sensible after the button that had it is gone. */
function focusNext(selector) {
  const next = document.querySelector(selector) || document.querySelector("[data-review-progress-heading]");
  if (!next.matches("button")) next.tabIndex = -1;
  next.focus();
}

function forget(id) {
  delete tool.doc.items[id];
  tool.keep();
  tell("Removed from the review.");
  focusNext("[data-review-forget]");
}

function choose(button) {
  const takeTheirs = button.getAttribute("data-take") === "theirs";
  settle(tool.doc, button.getAttribute("data-review-settle"), takeTheirs, device);
  tool.keep();
  tell(takeTheirs ? "Your colleague’s answer is kept." : "The answer in this browser is kept.");
  focusNext("[data-review-settle]");
}

function siteName() {
  const name = document.querySelector(".md-header__topic .md-ellipsis"); // the site's name, a fork's own too
  return (name ? name.textContent : document.title).trim();
}

async function onAction(action) {
  const day = dates.today();
  if (printReport(action)) return;
  if (action === "save-json" || action === "save-markdown" || action === "save-report") {
    const part = await files();
    if (!part) return;
    if (action === "save-json") {
      const file = JSON.stringify(part.forExport(tool.doc, page.guide), null, 2);
      tool.savedToFile(part.download(`safeguarding-review-${day}.json`, file, "application/json"));
    } else if (action === "save-markdown") {
      tell(part.download(`safeguarding-review-${day}.md`,
        part.asMarkdown(tool.doc, page.guide, plan, { siteName: siteName(), contract, dates }), "text/markdown"));
    } else {
      tell(saveReport(part, tool.doc, page.guide, plan, { contract, dates, siteName: siteName() }));
    }
  } else if (action === "start-new") {
    dialog.ask("Start a new review?", "This clears every status, note, name and date kept in this browser, " +
      "on every checklist. Save the review as a file first if you may need it again.", "Yes, clear everything",
    () => tool.use(blankReview(contract), "A new review has been started: everything recorded before was cleared from this browser."));
  }
}

/* The review page's buttons (the dialog's are checklists.js's). */
function onClick(event) {
  const button = event.target.closest ? event.target.closest(".review-plan button") : null;
  if (!button || button.closest("[data-dialog]")) return;
  if (button.hasAttribute("data-review-forget")) forget(button.getAttribute("data-review-forget"));
  else if (button.hasAttribute("data-review-settle")) choose(button);
  else if (button.hasAttribute("data-review-action")) onAction(button.getAttribute("data-review-action"));
}

/* On the review page: the items the guidance has now are remembered with the review, and any that came since the
 * page last saw it are named once. */
function noteNewItems() {
  const ids = [...page.guide.known.keys()];
  const review = tool.doc;
  if (isEmptyReview(review) || ids.every((id) => review.known.includes(id))) return;
  const found = review.known.length ? newItems(page.guide, review.known) : [];
  review.known = ids;
  store.save(review, review.saved ? new Date(review.saved) : undefined);
  if (found.length) {
    tell(`New in the guidance since you last opened the review: ${count(found.length, "item", "items")}, ` +
      `${found.map(({ item }) => `“${item.text}”`).join("; ")}. ${found.length === 1 ? "It has" : "They have"} no answer yet.`);
  }
}

function onChange(event) {
  if (!event.target.closest || !event.target.closest("[data-review-app]")) return;
  const action = event.target.getAttribute("data-review-action");
  if (event.type === "change" && action === "import") openFile(event.target);
  else if (event.type === "change" && action === "merge") mergeFile(event.target);
  else editReport(event.target, tool, { contract, dates, tell });
}

/* The files part is asked for as soon as the reader reaches the review's file buttons, so that it is there by the
 * time one is pressed. */
function onReach(event) {
  if (event.target.closest && event.target.closest(".review-plan [data-review-action]")) files();
}

/* The review page, each time it is shown. */
function start() {
  const root = app();
  if (!root) return;
  page.guide = plan.readGuide(document.getElementById("review-guidance"));
  root.hidden = false;
  if (page.guide.known.size) noteNewItems();
  show();
}

onRefresh(show);
document.addEventListener("click", onClick);
document.addEventListener("change", onChange);
document.addEventListener("input", (event) => {
  if (event.target.tagName === "TEXTAREA" || event.target.type === "text") onChange(event);
});
document.addEventListener("focusin", onReach);
document.addEventListener("pointerdown", onReach);

export const review = { start };
