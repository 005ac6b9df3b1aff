/* The review's one-page report to trustees: the day of the review, who took part, how many items are done, in
 * progress, not started or do not apply, the open actions with who follows each up and by when, and the next
 * review, as the page draws it (review-report-save.js writes it as Markdown). And what is new in the guidance
 * since a review was saved.
 * Pure functions: no page, no storage. */

import { statusLabels } from "./contract.js";
import { dayOf, nextReviewFrom } from "./due.js";

export const REPORT_TITLE = "Safeguarding and social media: review report for trustees";

/* The report's contents, in words and numbers. */
export function reportOf(review, guide, plan, { contract, dates }) {
  const labels = statusLabels(contract);
  const columns = contract.review.countColumns;
  const n = Object.fromEntries(columns.map((id) => [id, 0]));
  let total = 0;
  for (const list of guide.lists) {
    const counted = plan.counts(list, review, contract);
    for (const id of columns) n[id] += counted[id];
    total += list.items.length;
  }
  const today = dates.today();
  const actions = plan.openActions(guide, review).map(({ item, list, r }) => ({
    text: item.text, section: list.title, owner: r.owner.trim(), status: labels.get(r.status),
    due: r.due ? dates.longDate(r.due) : "", overdue: !!r.due && r.due < today }));
  const next = review.nextReview || nextReviewFrom(review.reviewedOn, contract);
  return { reviewedOn: dates.longDate(review.reviewedOn), people: review.people.trim(), next: dates.longDate(next),
    total, actions,
    totals: columns.map((id) => ({ id, label: labels.get(id), n: n[id], share: total ? Math.round((100 * n[id]) / total) : 0 })) };
}

/* A bar's numbers: "12 of 32 items (38%)". */
export const shareWords = (row, total) => `${row.n} of ${total} ${total === 1 ? "item" : "items"} (${row.share}%)`;

/* Items the guidance has now that a review's list of items (`known`) did not have. */
export const newItems = (guide, known) => [...guide.known.values()].filter(({ item }) => !known.includes(item.id));

function named(found) {
  const shown = found.slice(0, 5).map(({ item, list }) => `“${item.text}” (${list.title})`);
  return shown.join("; ") + (found.length > 5 ? `; and ${found.length - 5} more` : "");
}

/* What to say about what is new since a review was saved, by the file's version: its list of items from version
 * 3 on; before that, only what can honestly be said. "" when nothing is new. */
export function newSinceWords(guide, review, version, contract) {
  if (version >= 3 && review.known.length) {
    const found = newItems(guide, review.known);
    if (!found.length) return "";
    return `New in the guidance since it was saved: ${found.length === 1 ? "1 item" : `${found.length} items`}, ` +
      `${named(found)}. ${found.length === 1 ? "It has" : "They have"} no answer yet.`;
  }
  if (version >= contract.review.version) return "";
  const blank = [...guide.known.keys()].filter((id) => !review.items[id]).length;
  return "It was saved by an earlier version of the review, which did not list the guidance’s items, so it cannot say " +
    `which items are new. ${blank} ${blank === 1 ? "item has" : "items have"} no answer in it: look at ${blank === 1 ? "it" : "those"}. ` +
    "The review now has a report for trustees: fill in the day of the review and who took part.";
}

/* For a review file saved more than a year ago: a word that a new review may be due ("" otherwise). */
export function savedLongAgo(stamp, { contract, dates }) {
  const day = dayOf(stamp, dates);
  const next = nextReviewFrom(day, contract);
  return next && dates.today() >= next ? `It was saved on ${dates.longDate(day)}, more than a year ago: a new review ` +
    "may be due." : "";
}
