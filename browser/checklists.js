/* Checklists kept in this browser only, on every page that has one: the page wiring.
 *
 * Progressive enhancement: without this script every checklist is a plain list. With it, each item
 * gets a checkbox and a "Plan and notes" panel, kept with the review (checklist-tool.js). On the review page,
 * the page's own part (review-app.js: the plan, combining, the report for trustees, files) comes too. One set
 * of listeners on the document, so Material's instant navigation needs no re-binding; `init` runs on every page. */

import { enhance, fillPanel, itemText, setText } from "./checklist-ui.js";
import { app, change, dates, device, dialog, labels, page, refresh, store, tell, tool } from "./checklist-tool.js";
import { startTool } from "./every-page.js";
import { loadPart } from "./parts.js";
import { blankRecord, isBlank, recordOf } from "./review-file.js";
import { stamp } from "./review-merge.js";

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

function onClick(event) {
  const button = event.target.closest ? event.target.closest("button") : null;
  if (!button || !button.closest(".review-plan, .checklist")) return; // another tool's buttons are its own
  if (dialog.click(button)) return;
  if (button.hasAttribute("data-checklist-reset")) clearTicks(button);
}

function init() {
  tool.doc = store.load();
  const root = app();
  document.querySelectorAll(".checklist[data-checklist]").forEach((list) => enhance(list, labels, !root));
  page.guide = null;
  refresh();
  if (root) {
    loadPart("review-app", { tell }).then((part) => part && part.review.start());
  }
}

startTool({ start: init, storageKey: store.key, onEdit, onClick, dialog });
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
