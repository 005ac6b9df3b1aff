/* The Guidelines worksheet as a tool, kept in this browser only: the page wiring.
 *
 * Progressive enhancement: without this script the worksheet is a page to read and print. With it,
 * each topic gets its choices, the group's guidelines document builds up at the end of the page, and
 * it prints, saves as a document or as the overlay file of an organisation's own copy of the site,
 * and opens either file again. One set of listeners on the document, so Material's instant
 * navigation needs no re-binding; `init` runs on every page it shows. */

import { makeDates, readContract } from "./contract.js";
import { createDialog } from "./confirm-dialog.js";
import { chosenFile, download } from "./device-files.js";
import { startTool } from "./every-page.js";
import { UNTOUCHED, answerOf, asMarkdown, asYaml, blankGuidelines, checkedGuidelines, isEmptyGuidelines,
  newSince, readSaved } from "./guidelines-file.js";
import { enhance, show } from "./guidelines-ui.js";
import { noteFile, showKeeping } from "./keep.js";
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
  show(root, tool.doc, page.book, dates);
  showKeeping(root, tool.doc, isEmptyGuidelines(tool.doc), { dates, days: contract.remindAfterDays, what: "worksheet" });
}


function onEdit(event) {
  const control = event.target;
  if (!control.closest || !control.closest("[data-guidelines]")) return;
  const field = control.dataset.guidelinesField;
  const box = control.closest(".guideline__choose[data-topic]");
  if (field) {
    if (field === "agreedOn" && control.value && !dates.longDate(control.value)) return;
    tool.doc[field] = control.value;
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

function siteName() {
  const name = document.querySelector(".md-header__topic .md-ellipsis");
  return name ? name.textContent : document.title;
}

async function openFile(input) {
  let name;
  let doc;
  let version;
  try {
    const file = await chosenFile(input, "saved guidelines", UNTOUCHED);
    if (!file) return;
    name = file.name;
    ({ doc, version } = readSaved(file.text, page.book, contract, dates));
  } catch (error) {
    tell(error.message, true);
    return;
  }
  const replace = () => {
    noteFile(doc);
    const news = newSince(page.book, version);
    tool.use(doc, `Opened “${name}”: the worksheet shows the answers in it. It was read on this device; nothing was sent anywhere.` +
      (news ? ` ${news}` : ""));
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

function onAction(action) {
  const day = dates.today();
  if (action === "print") print("guidelines");
  else if (action === "print-blank") print("worksheet");
  else if (action === "save-markdown") {
    tool.savedToFile(download(`our-guidelines-${day}.md`, asMarkdown(tool.doc, page.book, { dates, siteName: siteName() }), "text/markdown"));
  } else if (action === "save-yaml") {
    tool.savedToFile(download("our-guidelines.yml", asYaml(tool.doc, page.book, { dates }), "application/yaml"));
  } else if (action === "start-new") {
    dialog.ask("Clear the worksheet?", "This clears every answer on this worksheet in this browser. Save them as a " +
      "file first if you may need them again.", "Yes, clear it",
    () => tool.use(blankGuidelines(contract), "The worksheet has been cleared in this browser."));
  }
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
  const news = newSince(page.book, page.storedVersion);
  if (news) tool.use(doc, `${news} The answers kept in this browser have been brought up to date.`);
  else {
    tool.doc = doc;
    refresh();
  }
}

function onChange(event) {
  if (event.target.getAttribute && event.target.getAttribute("data-guidelines-action") === "open") openFile(event.target);
  else onEdit(event);
}

startTool({ start: init, storageKey: store.key, onEdit: onChange, onClick, dialog });
