/* The review kept in this browser, shared by every page with a checklist (checklists.js) and the review page's
 * own part (review-app.js): the contract, the store, the tool's state, the messages and the dialog, made once.
 * A change to one item goes through `change`; what the review page shows is added with `onRefresh`. */

import { makeDates, readContract, statusLabels } from "./contract.js";
import { setText, showChecklist } from "./checklist-ui.js";
import { createDialog } from "./confirm-dialog.js";
import { blankRecord, blankReview, checkedReview, isBlank, isEmptyReview, recordOf } from "./review-file.js";
import { stamp } from "./review-merge.js";
import { createStore, deviceName } from "./store.js";
import { createToolState } from "./tool-state.js";

export const contract = readContract();
export const dates = makeDates(contract);
export const labels = statusLabels(contract);
export const page = { guide: null }; // on the review page, the guidance it lists (review-plan.js readGuide)
export const device = deviceName(window.localStorage, contract.deviceKey);
export const app = () => document.querySelector("[data-review-app]");

/* Messages go to the review page's status line, or else to each checklist's own. */
export function tell(message, problem) {
  const own = document.querySelector(".review-plan [data-review-message]");
  (own ? [own] : document.querySelectorAll("[data-review-message]")).forEach((node) => {
    node.classList.toggle("is-problem", !!problem);
    setText(node, message);
  });
}

export const store = createStore(window.localStorage, {
  key: contract.review.storageKey, what: "review", isEmpty: isEmptyReview,
  blank: () => blankReview(contract), check: (data) => checkedReview(data, contract, dates),
}, tell);
export const dialog = createDialog(() => document.querySelector(".review-plan [data-dialog]"), tell);

const shown = []; // what else shows the review (the review page's plan, report...), added by onRefresh
export const onRefresh = (show) => shown.push(show);
export const tool = createToolState(store, blankReview(contract), () => refresh(), tell);

export function refresh() {
  document.querySelectorAll(".checklist[data-enhanced]").forEach((list) => showChecklist(list, tool.doc, labels, dates));
  shown.forEach((show) => show());
}

/* One item's answer changed: kept, stamped with this browser and the time (so two reviews can be combined). */
export function change(id, changes, text) {
  const before = tool.doc.items[id];
  const r = Object.assign(blankRecord(), recordOf(tool.doc, id), changes);
  if (isBlank(r)) delete tool.doc.items[id];
  else tool.doc.items[id] = stamp(Object.assign(r, text ? { text } : {}), before, device);
  tool.keep();
}
