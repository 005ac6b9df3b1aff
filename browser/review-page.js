/* The review and action plan page: progress per section, open actions, answers no longer in the
 * guidance, and items both people answered differently when two reviews were combined. */

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
    forget.append(make("span", "visually-hidden", `: ${r.text || id}`));
    li.append(shown, forget);
    return li;
  }));
}

/* A record in one line of words, for choosing between two answers. */
function recordWords(r, labels, dates) {
  return [`Status: ${labels.get(r.status)}.`, r.owner && `Who will follow it up: ${r.owner}.`,
    r.due && `By when: ${dates.longDate(r.due)}.`, r.notes && `Notes: ${r.notes}`,
    r.changed && `(Changed on ${dates.savedWhen(r.changed)}.)`].filter(Boolean).join(" ");
}

/* Items answered differently in both reviews: both answers, and a button to keep each. */
export function showConflicts(app, review, guide, { labels, dates }) {
  const ids = Object.keys(review.conflicts);
  app.querySelector("[data-review-conflicts]").hidden = !ids.length;
  app.querySelector("[data-review-conflict-list]").replaceChildren(...ids.map((id) => {
    const known = guide.known.get(id);
    const theirs = review.conflicts[id];
    const mine = review.items[id];
    const title = known ? known.item.text : theirs.text || id;
    const li = make("li", "review-plan__conflict");
    li.append(make("p", "review-plan__conflict-item", title));
    const choice = (who, r, take) => {
      const box = make("div", "review-plan__answer");
      box.append(make("p", "", `${who} ${r ? recordWords(r, labels, dates) : "No answer."}`));
      const button = make("button", "md-button", take ? "Keep your colleague’s answer" : "Keep the answer in this browser");
      button.type = "button";
      button.setAttribute("data-review-settle", id);
      button.setAttribute("data-take", take ? "theirs" : "mine");
      button.append(make("span", "visually-hidden", `: ${title}`));
      box.append(button);
      return box;
    };
    li.append(choice("In this browser:", mine, false), choice("In your colleague’s file:", theirs, true));
    return li;
  }));
}
