/* A checklist, made usable: each item gets a labelled checkbox and a "Plan and notes" panel (status,
 * notes, who follows it up, by when), and the list says how many are done. Without the script it is
 * a plain list. Text from storage is only ever set with textContent, never parsed as HTML. */

import { isBlank, recordOf } from "./review-file.js";

export function make(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

export const itemText = (li) => li.querySelector(".checklist__text").textContent.trim();

function field(id, name, label, control) {
  const wrap = make("div", `checklist__field checklist__field--${name}`);
  const text = make("label", "", label);
  control.id = `${name}-${id}`;
  control.setAttribute("data-field", name);
  text.htmlFor = control.id;
  wrap.append(text, control);
  return wrap;
}

function enhanceItem(li, labels) {
  const id = li.dataset.item;
  const text = li.querySelector(".checklist__text");
  const detail = li.querySelector(".checklist__detail");
  const box = make("input", "checklist__check");
  box.type = "checkbox";
  box.id = `check-${id}`;
  box.setAttribute("data-field", "done");
  const label = make("label", "checklist__label");
  label.htmlFor = box.id;
  text.before(label);
  label.append(text);
  if (detail) {
    detail.id = `detail-${id}`;
    box.setAttribute("aria-describedby", detail.id);
  }
  label.before(box);

  const panel = make("details", "checklist__plan");
  panel.append(make("summary", "", "Plan and notes"));
  li.append(make("div", "checklist__record"), panel);
}

/* A "Plan and notes" panel's fields, made the first time it opens (a page with many items stays quick
 * to start) and showing the item's answer in `review`. */
export function fillPanel(panel, labels, review) {
  if (panel.querySelector(".checklist__fields")) return;
  const li = panel.closest(".checklist__item[data-item]");
  const id = li.dataset.item;
  const r = recordOf(review, id);
  const status = make("select");
  for (const [value, name] of labels) {
    if (offered(li, value) || r.status === value) status.append(new Option(statusWords(li, value, name), value));
  }
  const notes = make("textarea");
  notes.rows = 4;
  const owner = make("input");
  owner.type = "text";
  owner.autocomplete = "off";
  const due = make("input");
  due.type = "date";
  const fields = make("div", "checklist__fields");
  fields.append(field(id, "status", "Status", status), field(id, "notes", "Notes", notes),
    field(id, "owner", "Who will follow it up", owner), field(id, "due", "By when", due));
  panel.append(fields);
  syncControls(li, r);
}

/* The leaflet's own actions and tips always apply: the page names on such an item the status a review may not
 * give it (data-never-status); an item that applies only in some organisations says, for that status, what it
 * means instead (data-applies-if, for data-applies-if-status). */
const offered = (li, status) => li.dataset.neverStatus !== status;
const statusWords = (li, status, label) => (li.dataset.appliesIfStatus === status && li.dataset.appliesIf) || label;

/* Add the controls to one checklist (once); `ownMessages` gives it a status line of its own. */
export function enhance(list, labels, ownMessages) {
  if (list.hasAttribute("data-enhanced")) return;
  list.setAttribute("data-enhanced", "");
  const title = list.dataset.checklistTitle || "";
  const bar = make("div", "checklist__bar");
  const progress = make("p", "checklist__progress");
  progress.setAttribute("role", "status");
  const reset = make("button", "md-button checklist__reset", "Clear ticks");
  reset.type = "button";
  reset.setAttribute("data-checklist-reset", "");
  reset.append(make("span", "visually-hidden", ` in “${title}” (notes are kept)`));
  bar.append(progress, reset);
  if (ownMessages) {
    const message = make("p", "checklist__message");
    message.setAttribute("role", "status");
    message.setAttribute("data-review-message", "");
    bar.append(message);
  }
  list.querySelector(".checklist__items").before(bar);
  list.querySelectorAll(".checklist__item[data-item]").forEach((li) => enhanceItem(li, labels));
}

/* The record as text: shown under the item, and what a printed page shows. */
export function showRecord(node, r, labels, dates) {
  const li = node.closest && node.closest(".checklist__item[data-item]");
  const key = JSON.stringify([r.status, r.owner, r.due, r.notes]);
  if (node.dataset.shown === key) return;
  node.dataset.shown = key;
  node.replaceChildren();
  node.hidden = isBlank(r);
  if (node.hidden) return;
  const line = make("p", "checklist__record-line");
  const part = (name, value) => {
    const span = make("span", "checklist__record-part");
    span.append(make("span", "checklist__record-name", `${name}: `), value);
    line.append(span, " ");
  };
  part("Status", li ? statusWords(li, r.status, labels.get(r.status)) : labels.get(r.status));
  if (r.owner) part("Who will follow it up", r.owner);
  if (r.due) part("By when", dates.longDate(r.due));
  node.append(line);
  if (r.notes) {
    const notes = make("p", "checklist__record-notes");
    notes.append(make("span", "checklist__record-name", "Notes: "), r.notes);
    node.append(notes);
  }
}

function syncControls(li, r) {
  li.querySelectorAll("[data-field]").forEach((control) => {
    const name = control.dataset.field;
    if (name === "done") control.checked = r.status === "done";
    else if (control.value !== r[name]) control.value = r[name];
  });
}

/* Show the review's answers in one enhanced checklist, and how many of its items are done. */
export function showChecklist(list, review, labels, dates) {
  const items = list.querySelectorAll(".checklist__item[data-item]");
  let done = 0;
  let skipped = 0;
  items.forEach((li) => {
    const r = recordOf(review, li.dataset.item);
    done += r.status === "done";
    skipped += r.status === "not-applicable";
    li.dataset.status = r.status;
    syncControls(li, r);
    showRecord(li.querySelector(".checklist__record"), r, labels, dates);
  });
  let progress = `${done} of ${items.length} done`;
  if (skipped) progress += `, ${skipped} ${skipped === 1 ? "does" : "do"} not apply`;
  setText(list.querySelector(".checklist__progress"), progress);
}
