/* Checklists and the review and action plan, kept in this browser only: the page wiring.
 *
 * Progressive enhancement: without this script every checklist is a plain list. With it, each item
 * gets a checkbox and a "Plan and notes" panel, and the review page gathers everything, saves it as
 * a file or as text for minutes, opens a saved file (saying what is new in the guidance since), combines
 * a colleague's, makes a one-page report for trustees, and says once a new review is due. One set of
 * listeners on the document, so Material's instant navigation needs no re-binding; `init` runs on every page. */

import { makeDates, readContract, statusLabels } from "./contract.js";
import { enhance, fillPanel, itemText, setText, showChecklist } from "./checklist-ui.js";
import { createDialog } from "./confirm-dialog.js";
import { startTool } from "./every-page.js";
import { dayOf, reviewReviewDay } from "./due.js";
import { showReminder } from "./due-notice.js";
import { noteFile, showKeeping } from "./keep.js";
import { loadPart } from "./parts.js";
import { UNTOUCHED, blankRecord, blankReview, checkedReview, isBlank, isEmptyReview, recordOf } from "./review-file.js";
import { combine, settle, stamp } from "./review-merge.js";
import { showConflicts, showPlan } from "./review-page.js";
import * as plan from "./review-plan.js";
import { newItems, newSinceWords, savedLongAgo } from "./review-report.js";
import { editReport, printReport, saveReport, showReport } from "./review-report-ui.js";
import { createStore, deviceName } from "./store.js";
import { createToolState } from "./tool-state.js";

const contract = readContract();
const dates = makeDates(contract);
const labels = statusLabels(contract);
const shared = { contract, labels, dates };
const page = { guide: null };
const device = deviceName(window.localStorage, contract.deviceKey);

/* Messages go to the review page's status line, or else to each checklist's own. */
function tell(message, problem) {
  const own = document.querySelector(".review-plan [data-review-message]");
  (own ? [own] : document.querySelectorAll("[data-review-message]")).forEach((node) => {
    node.classList.toggle("is-problem", !!problem);
    setText(node, message);
  });
}

const store = createStore(window.localStorage, {
  key: contract.review.storageKey, what: "review", isEmpty: isEmptyReview,
  blank: () => blankReview(contract), check: (data) => checkedReview(data, contract, dates),
}, tell);
const dialog = createDialog(() => document.querySelector(".review-plan [data-dialog]"), tell);
const app = () => document.querySelector("[data-review-app]");
const tool = createToolState(store, blankReview(contract), () => refresh(), tell);

function refresh() {
  document.querySelectorAll(".checklist[data-enhanced]").forEach((list) => showChecklist(list, tool.doc, labels, dates));
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


function change(id, changes, text) {
  const before = tool.doc.items[id];
  const r = Object.assign(blankRecord(), recordOf(tool.doc, id), changes);
  if (isBlank(r)) delete tool.doc.items[id];
  else tool.doc.items[id] = stamp(Object.assign(r, text ? { text } : {}), before, device);
  tool.keep();
}

function onEdit(event) {
  const control = event.target;
  const li = control.closest && control.closest(".checklist__item[data-item]");
  if (!li || !control.dataset.field) return;
  const id = li.dataset.item;
  const name = control.dataset.field;
  const r = recordOf(tool.doc, id);
  if (name === "done") {
    const busy = r.notes || r.owner || r.due;
    change(id, { status: control.checked ? "done" : busy ? "in-progress" : "not-started" }, itemText(li));
  } else if (name === "due") {
    if (!control.value || dates.longDate(control.value)) change(id, { due: control.value }, itemText(li));
  } else {
    change(id, { [name]: control.value }, itemText(li));
  }
}

/* The files part (saving, opening, combining, the report as a file), the first time it is needed: null, and
 * said, when it cannot come. */
async function files() {
  try {
    return (await loadPart("review-files")).files;
  } catch (error) {
    tell(error.message, true);
    return null;
  }
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

function clearTicks(button) {
  const list = button.closest(".checklist");
  let cleared = 0;
  list.querySelectorAll(".checklist__item[data-item]").forEach((li) => {
    const id = li.dataset.item;
    const before = tool.doc.items[id];
    if (recordOf(tool.doc, id).status !== "not-started") {
      cleared += 1;
      const r = Object.assign(blankRecord(), before, { status: "not-started" });
      if (isBlank(r)) delete tool.doc.items[id];
      else tool.doc.items[id] = stamp(r, before, device);
    }
  });
  tool.keep();
  const progress = list.querySelector(".checklist__progress");
  if (cleared) setText(progress, `${progress.textContent}. Ticks cleared; notes kept.`);
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

function onClick(event) {
  const button = event.target.closest ? event.target.closest("button") : null;
  if (!button || !button.closest(".review-plan, .checklist")) return; // another tool's buttons are its own
  if (dialog.click(button)) return;
  if (button.hasAttribute("data-checklist-reset")) clearTicks(button);
  else if (button.hasAttribute("data-review-forget")) forget(button.getAttribute("data-review-forget"));
  else if (button.hasAttribute("data-review-settle")) choose(button);
  else if (button.hasAttribute("data-review-action")) onAction(button.getAttribute("data-review-action"));
}

function init() {
  tool.doc = store.load();
  const root = app();
  document.querySelectorAll(".checklist[data-checklist]").forEach((list) => enhance(list, labels, !root));
  page.guide = root ? plan.readGuide(document.getElementById("review-guidance")) : null;
  if (root) root.hidden = false;
  if (root && page.guide.known.size) noteNewItems();
  refresh();
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
  const action = event.target.getAttribute && event.target.getAttribute("data-review-action");
  if (editReport(event.target, tool, { contract, dates, tell })) return;
  if (action === "import") openFile(event.target);
  else if (action === "merge") mergeFile(event.target);
  else onEdit(event);
}

/* The files part is asked for as soon as the reader reaches the review's file buttons, so that it is there by the
 * time one is pressed. */
function onReach(event) {
  if (event.target.closest && event.target.closest(".review-plan [data-review-action]")) files();
}
document.addEventListener("focusin", onReach);
document.addEventListener("pointerdown", onReach);

startTool({ start: init, storageKey: store.key, onEdit: onChange, onClick, dialog });
/* A panel's fields are made as it opens: on the click (or Enter, Space) that opens it, so the next Tab
 * lands in them, and on any other opening (find in page, a script) by its toggle event. */
function openingPanel(event) {
  const panel = event.target.closest && event.target.closest(".checklist__plan");
  const opening = event.type === "toggle" ? panel === event.target && panel.open
    : panel && !panel.open && event.target.closest("summary")?.parentElement === panel;
  if (opening) fillPanel(panel, labels, tool.doc);
}
document.addEventListener("click", openingPanel, true);
document.addEventListener("toggle", openingPanel, true);
