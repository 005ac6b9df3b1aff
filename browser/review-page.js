/* The review and action plan page: progress per section, open actions, answers no longer in the
 * guidance, the confirmation dialog, and saving and opening files (made and read in the browser). */

import { make, setText, showRecord } from "./checklist-ui.js";
import { counts, openActions, orphans } from "./review-plan.js";

export function showPlan(app, review, guide, { contract, labels, dates }) {
  setText(app.querySelector("[data-review-updated]"), review.saved && Object.keys(review.items).length
    ? `Last changed in this browser on ${dates.savedWhen(review.saved)}.` : "Nothing recorded yet.");

  const rows = guide.lists.map((list) => {
    const row = make("tr");
    const head = make("th", "", list.title);
    head.scope = "row";
    row.append(head);
    const n = counts(list, review, contract);
    for (const status of contract.review.countColumns) row.append(make("td", "", String(n[status])));
    return row;
  });
  app.querySelector("[data-review-counts]").replaceChildren(...rows);

  const actions = openActions(guide, review);
  const now = dates.today();
  app.querySelector("[data-review-actions]").replaceChildren(...actions.map(({ item, list, r }) => {
    const li = make("li");
    const when = r.due ? `By ${dates.longDate(r.due)}${r.due < now ? " (overdue)" : ""}` : "No date yet";
    li.append(make("strong", "", when), ": ");
    const link = make("a", "", item.text);
    link.href = `#item-${item.id}`;
    li.append(link, ` (${list.title}). `);
    li.append(`Who will follow it up: ${r.owner || "nobody named yet"}. Status: ${labels.get(r.status)}.`);
    return li;
  }));
  app.querySelector("[data-review-no-actions]").hidden = actions.length > 0;

  const gone = orphans(review, guide);
  app.querySelector("[data-review-orphans]").hidden = !gone.length;
  app.querySelector("[data-review-orphan-list]").replaceChildren(...gone.map((id) => {
    const li = make("li");
    const r = review.items[id];
    li.append(make("p", "review-plan__orphan-text", r.text || `An item with the id “${id}”`));
    const shown = make("div", "checklist__record");
    showRecord(shown, r, labels, dates);
    const forget = make("button", "md-button", "Remove from the review");
    forget.type = "button";
    forget.setAttribute("data-review-forget", id);
    forget.append(make("span", "checklist__hidden", `: ${r.text || id}`));
    li.append(shown, forget);
    return li;
  }));
}

/* A file made in the browser and handed to it as a download; nothing is sent anywhere. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = make("a");
  link.href = url;
  link.download = name;
  // A detached link, and no bubbling: Material's instant navigation never sees this click.
  link.addEventListener("click", (event) => event.stopPropagation());
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return `Saved “${name}” to this device (usually in your Downloads folder). Nothing was sent anywhere.`;
}

/* Confirmation in a modal dialog, so keyboard and screen readers stay in it. However it closes (a
 * button or Escape), focus goes back where it came from, and "no" says nothing was changed. */
export function createDialog(tell) {
  let pending = null;
  let opener = null;
  const dialog = () => document.querySelector("[data-review-dialog]");
  return {
    ask(title, text, yes, then, from) {
      const node = dialog();
      setText(node.querySelector("[data-review-dialog-title]"), title);
      setText(node.querySelector("[data-review-dialog-text]"), text);
      setText(node.querySelector("[data-review-dialog-confirm]"), yes);
      pending = then;
      opener = from || document.activeElement;
      node.showModal();
      node.querySelector("[data-review-dialog-cancel]").focus();
    },
    answer(confirmed) {
      const then = confirmed ? pending : null;
      pending = null;
      dialog().close();
      if (then) then();
      else tell("Nothing was changed.");
    },
    closed(event) {
      if (!event.target.matches || !event.target.matches("[data-review-dialog]")) return;
      if (pending) {
        pending = null;
        tell("Nothing was changed.");
      }
      if (opener && opener.isConnected) opener.focus();
    },
  };
}
