/* The Guidelines worksheet as a tool, kept in this browser only: the page wiring.
 *
 * Progressive enhancement: without this script the worksheet is a page to read and print. With it,
 * each topic gets its choices, the group's guidelines document builds up at the end of the page, and
 * it prints, saves as a document or as the overlay file of an organisation's own copy of the site,
 * opens either file again, or compares one with the answers now (guidelines-changes.js), and says once
 * their next review has come. What only the files need comes the first time it is asked for
 * (guidelines-files.js, a part: parts.js). One set of listeners on the document, so Material's instant navigation
 * needs no re-binding; `init` runs on every page it shows. */

import { makeDates, readContract } from "./contract.js";
import { createDialog } from "./confirm-dialog.js";
import { startTool } from "./every-page.js";
import { guidelinesReviewDay, nextReviewFrom } from "./due.js";
import { showReminder } from "./due-notice.js";
import { UNTOUCHED, answerOf, blankGuidelines, checkedGuidelines, isEmptyGuidelines, newSince } from "./guidelines-file.js";
import { enhance, show } from "./guidelines-ui.js";
import { noteFile, showKeeping } from "./keep.js";
import { loadPart } from "./parts.js";
import { createStore } from "./store.js";
import { createToolState } from "./tool-state.js";

const contract = readContract();
const dates = makeDates(contract);
const page = { book: null, storedVersion: null };
const rootOf = () => document.querySelector("[data-guidelines]");

function tell(message, problem) {
  const node = document.querySelector("[data-guidelines-message]");
  if (!node) return;
  node.classList.toggle("is-problem", !!problem);
  node.textContent = message;
}

const store = createStore(window.localStorage, {
  key: contract.guidelines.storageKey, what: "worksheet", isEmpty: isEmptyGuidelines,
  blank: () => blankGuidelines(contract),
  check: (data) => {
    const doc = checkedGuidelines(data, contract, dates, page.book);
    page.storedVersion = data.version;
    return doc;
  },
}, tell);
const tool = createToolState(store, blankGuidelines(contract), () => refresh(), tell);
const dialog = createDialog(() => document.querySelector("[data-guidelines] [data-dialog]"), tell);

function refresh() {
  const root = rootOf();
  if (!root || !page.book) return;
  show(root, tool.doc, page.book, { dates, contract });
  showKeeping(root, tool.doc, isEmptyGuidelines(tool.doc), { dates, days: contract.remindAfterDays, what: "worksheet" });
  const due = guidelinesReviewDay(tool.doc, contract);
  const agreed = dates.longDate(tool.doc.agreedOn);
  showReminder(root.querySelector("[data-due-notice=worksheet]"), { from: due, words: `Your guidelines were due for review on ` +
    `${dates.longDate(due)}${agreed ? ` (they were agreed on ${agreed})` : ""}. When you are ready, go through them again ` +
    "together, agree any changes, and give the new date they were agreed." });
}

/* The files part (saving, opening, comparing), the first time it is needed: null, and said, when it cannot come. */
async function files() {
  const part = await loadPart("guidelines-files", { tell });
  return part && part.files;
}
let comparison = null; // made with the files part, the first time a comparison is asked for
const closeComparison = () => comparison && comparison.close();
async function comparisonOf() {
  const part = await files();
  if (part && !comparison) comparison = part.createComparison({ tool, page, tell, dates, contract, root: rootOf });
  return comparison;
}


function onEdit(event) {
  const control = event.target;
  if (!control.closest || !control.closest("[data-guidelines]")) return;
  const field = control.dataset.guidelinesField;
  const box = control.closest(".guideline__choose[data-topic]");
  if (field) {
    if (!editField(field, control.value)) return;
  } else if (box) {
    const id = box.dataset.topic;
    const answer = Object.assign({}, answerOf(tool.doc, id));
    if (control.type === "radio") {
      answer.mode = control.dataset.choice;
      answer.stance = answer.mode === "stance" ? control.value : "";
    } else if (control.dataset.topicField) {
      answer[control.dataset.topicField] = control.value;
    } else return;
    tool.doc.topics[id] = answer;
  } else return;
  tool.keep();
}

/* A field of "About your guidelines": false when the value cannot be kept as it is. A next review on the day a
 * year after they were agreed is kept as "a year after", so it moves with the day they were agreed. */
function editField(field, value) {
  const doc = tool.doc;
  if ((field === "agreedOn" || field === "reviewOn") && value && !dates.longDate(value)) return false;
  if (field === "reviewOn") {
    if (value && doc.agreedOn && value <= doc.agreedOn) {
      tell("The next review has to be after the day the guidelines were agreed. It was not changed.", true);
      return false;
    }
    doc.reviewOn = value === nextReviewFrom(doc.agreedOn, contract) ? "" : value;
    return true;
  }
  doc[field] = value;
  if (field === "agreedOn" && doc.reviewOn && value && doc.reviewOn <= value) doc.reviewOn = "";
  return true;
}

function siteName() {
  const name = document.querySelector(".md-header__topic .md-ellipsis");
  return name ? name.textContent : document.title;
}

async function openFile(input) {
  const part = await files();
  if (!part) return;
  let name;
  let doc;
  let version;
  try {
    const file = await part.chosenFile(input, "saved guidelines", UNTOUCHED);
    if (!file) return;
    name = file.name;
    ({ doc, version } = part.readSaved(file.text, page.book, contract, dates));
  } catch (error) {
    tell(error.message, true);
    return;
  }
  const replace = () => {
    noteFile(doc);
    const news = newSince(page.book, version);
    closeComparison();
    tool.use(doc, `Opened “${name}”: the worksheet shows the answers in it. It was read on this device; nothing was sent anywhere.` +
      (news ? ` This file was saved by an earlier version of the worksheet. ${news}` : ""));
  };
  if (isEmptyGuidelines(tool.doc)) replace();
  else dialog.ask("Replace the answers in this browser?", `Opening “${name}” replaces the answers on this worksheet ` +
    "with the ones in the file. Save the current answers first if you want to keep them.", "Yes, replace them", replace, input);
}

function print(mode) {
  const html = document.documentElement;
  html.setAttribute("data-print", mode);
  window.addEventListener("afterprint", () => html.setAttribute("data-print", "guidelines"), { once: true });
  window.print();
}

async function onAction(action) {
  const day = dates.today();
  if (action === "print") print("guidelines");
  else if (action === "print-blank") print("worksheet");
  else if (action === "start-new") {
    dialog.ask("Clear the worksheet?", "This clears every answer on this worksheet in this browser. Save them as a " +
      "file first if you may need them again.", "Yes, clear it",
    () => {
      closeComparison();
      tool.use(blankGuidelines(contract), "The worksheet has been cleared in this browser.");
    });
  } else if (action === "save-markdown" || action === "save-yaml") {
    const part = await files();
    if (!part) return;
    if (action === "save-markdown") {
      tool.savedToFile(part.download(`our-guidelines-${day}.md`, part.asMarkdown(tool.doc, page.book, { dates, contract,
        siteName: siteName() }), "text/markdown"));
    } else {
      tool.savedToFile(part.download("our-guidelines.yml", part.asYaml(tool.doc, page.book, { dates, contract }),
        "application/yaml"));
    }
  } else {
    const compare = await comparisonOf(); // the comparison's own buttons, and the one that takes its record out
    if (compare) compare.act(action);
  }
}

/* The files part is asked for as soon as the reader reaches the document's buttons, so that it is there by the
 * time one is pressed. */
function onReach(event) {
  if (event.target.closest && event.target.closest("[data-guidelines-document] .guidelines-builder__tools")) files();
}

function onClick(event) {
  const button = event.target.closest ? event.target.closest("[data-guidelines] button") : null;
  if (!button || dialog.click(button)) return;
  if (button.hasAttribute("data-guidelines-action")) onAction(button.getAttribute("data-guidelines-action"));
}

function init() {
  const root = rootOf();
  const source = document.getElementById("guidelines-book");
  if (!root || !source) {
    document.documentElement.removeAttribute("data-print"); // another page: it prints as itself
    return;
  }
  try {
    page.book = JSON.parse(source.content.textContent);
  } catch (_) {
    return;
  }
  page.storedVersion = null;
  const doc = store.load();
  enhance(root);
  closeComparison();
  const news = newSince(page.book, page.storedVersion);
  if (news) {
    tool.use(doc, `The answers kept in this browser were made with an earlier version of the worksheet. ${news} ` +
      "They have been brought up to date.");
  }
  else {
    tool.doc = doc;
    refresh();
  }
}

function onChange(event) {
  const action = event.target.getAttribute && event.target.getAttribute("data-guidelines-action");
  if (action === "open") openFile(event.target);
  else if (action === "compare") comparisonOf().then((compare) => compare && compare.open(event.target));
  else onEdit(event);
}

document.addEventListener("focusin", onReach);
document.addEventListener("pointerdown", onReach);

startTool({ start: init, storageKey: store.key, onEdit: onChange, onClick, dialog });
