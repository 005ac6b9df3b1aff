/* Checklists and the review and action plan, kept in this browser only: the page wiring.
 *
 * Progressive enhancement: without this script every checklist is a plain list. With it, each item
 * gets a checkbox and a "Plan and notes" panel, and the review page gathers everything, saves it as
 * a file or as Markdown for minutes, and opens a saved file. One set of listeners on the document,
 * so Material's instant navigation needs no re-binding; `init` runs on every page it shows. */

import { makeDates, readContract, statusLabels } from "./contract.js";
import { enhance, itemText, setText, showChecklist } from "./checklist-ui.js";
import { MAX_FILE, UNTOUCHED, asMarkdown, blankRecord, blankReview, checkedReview, forExport, isBlank,
  recordOf } from "./review-file.js";
import { createDialog, download, showPlan } from "./review-page.js";
import * as plan from "./review-plan.js";
import { createStore } from "./review-store.js";

const contract = readContract();
const dates = makeDates(contract);
const labels = statusLabels(contract);
const shared = { contract, labels, dates };
const page = { review: blankReview(contract), guide: null };

/* Messages go to the review page's status line, or else to each checklist's own. */
function tell(message, problem) {
  const own = document.querySelector(".review-plan [data-review-message]");
  (own ? [own] : document.querySelectorAll("[data-review-message]")).forEach((node) => {
    node.classList.toggle("is-problem", !!problem);
    setText(node, message);
  });
}

const store = createStore(window.localStorage, contract, dates, tell);
const dialog = createDialog(tell);

function refresh() {
  document.querySelectorAll(".checklist[data-enhanced]").forEach((list) => showChecklist(list, page.review, labels, dates));
  const app = document.querySelector("[data-review-app]");
  if (app && page.guide) showPlan(app, page.review, page.guide, shared);
}

function change(id, changes, text) {
  const r = Object.assign(blankRecord(), recordOf(page.review, id), changes);
  if (isBlank(r)) delete page.review.items[id];
  else page.review.items[id] = Object.assign(r, text ? { text } : {});
  store.save(page.review);
  refresh();
}

function onEdit(event) {
  const control = event.target;
  const li = control.closest && control.closest(".checklist__item[data-item]");
  if (!li || !control.dataset.field) return;
  const id = li.dataset.item;
  const name = control.dataset.field;
  const r = recordOf(page.review, id);
  if (name === "done") {
    const busy = r.notes || r.owner || r.due;
    change(id, { status: control.checked ? "done" : busy ? "in-progress" : "not-started" }, itemText(li));
  } else if (name === "due") {
    if (!control.value || dates.longDate(control.value)) change(id, { due: control.value }, itemText(li));
  } else {
    change(id, { [name]: control.value }, itemText(li));
  }
}

async function openFile(input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  let incoming;
  try {
    if (file.size > MAX_FILE) throw new Error(`This file is too large to be a saved review, so it was not opened. ${UNTOUCHED}`);
    let data;
    try {
      data = JSON.parse(await file.text());
    } catch (_) {
      throw new Error("This file could not be read as a saved review: it may be cut short, damaged or " +
        `another kind of file, so it was not opened. ${UNTOUCHED}`);
    }
    incoming = checkedReview(data, contract, dates);
  } catch (error) {
    tell(error.message, true);
    return;
  }
  const count = Object.keys(incoming.items).length;
  const replace = () => {
    page.review = incoming;
    if (store.save(page.review)) tell(`Opened “${file.name}”: answers for ${count} ${count === 1 ? "item" : "items"} restored. ` +
      "It was read on this device; nothing was sent anywhere.");
    refresh();
  };
  const current = Object.keys(page.review.items).length;
  if (!current) replace();
  else {
    dialog.ask("Replace the review in this browser?",
      `This browser holds answers for ${current} ${current === 1 ? "item" : "items"}. Opening “${file.name}” ` +
      "replaces them with the answers in the file. Save the current review as a file first if you want to keep it.",
      "Yes, replace it", replace, input);
  }
}

function clearTicks(button) {
  const list = button.closest(".checklist");
  let cleared = 0;
  list.querySelectorAll(".checklist__item[data-item]").forEach((li) => {
    const id = li.dataset.item;
    if (recordOf(page.review, id).status !== "not-started") {
      cleared += 1;
      page.review.items[id] = Object.assign(recordOf(page.review, id), { status: "not-started" });
      if (isBlank(page.review.items[id])) delete page.review.items[id];
    }
  });
  store.save(page.review);
  refresh();
  const progress = list.querySelector(".checklist__progress");
  if (cleared) setText(progress, `${progress.textContent}. Ticks cleared; notes kept.`);
}

function forget(id) {
  delete page.review.items[id];
  store.save(page.review);
  refresh();
  tell("Removed from the review.");
  const next = document.querySelector("[data-review-forget]") || document.querySelector("[data-review-progress-heading]");
  if (!next.matches("button")) next.tabIndex = -1;
  next.focus();
}

function siteName() {
  const name = document.querySelector(".md-header__topic .md-ellipsis"); // the site's name, a fork's own too
  return name ? name.textContent : document.title;
}

function onAction(action) {
  const stamp = dates.today();
  if (action === "save-json") {
    tell(download(`safeguarding-review-${stamp}.json`, JSON.stringify(forExport(page.review, page.guide), null, 2),
      "application/json"));
  } else if (action === "save-markdown") {
    tell(download(`safeguarding-review-${stamp}.md`,
      asMarkdown(page.review, page.guide, plan, { siteName: siteName(), contract, dates }), "text/markdown"));
  } else if (action === "start-new") {
    dialog.ask("Start a new review?", "This clears every status, note, name and date kept in this browser, " +
      "on every checklist. Save the review as a file first if you may need it again.", "Yes, clear everything", () => {
      page.review = blankReview(contract);
      if (store.save(page.review)) tell("A new review has been started: everything recorded before was cleared from this browser.");
      refresh();
    });
  }
}

function onClick(event) {
  const button = event.target.closest ? event.target.closest("button") : null;
  if (!button) return;
  if (button.hasAttribute("data-checklist-reset")) clearTicks(button);
  else if (button.hasAttribute("data-review-dialog-confirm")) dialog.answer(true);
  else if (button.hasAttribute("data-review-dialog-cancel")) dialog.answer(false);
  else if (button.hasAttribute("data-review-forget")) forget(button.getAttribute("data-review-forget"));
  else onAction(button.getAttribute("data-review-action"));
}

function init() {
  page.review = store.load();
  const app = document.querySelector("[data-review-app]");
  document.querySelectorAll(".checklist[data-checklist]").forEach((list) => enhance(list, labels, !app));
  page.guide = app ? plan.readGuide(document.getElementById("review-guidance")) : null;
  if (app) app.hidden = false;
  refresh();
}

document.addEventListener("change", onEdit);
document.addEventListener("input", (event) => {
  if (event.target.tagName === "TEXTAREA" || event.target.type === "text") onEdit(event);
});
document.addEventListener("change", (event) => {
  if (event.target.matches && event.target.matches("[data-review-action=import]")) openFile(event.target);
});
document.addEventListener("click", onClick);
document.addEventListener("close", (event) => dialog.closed(event), true);
window.addEventListener("storage", (event) => {
  if (event.key === store.key) init();
});

if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
