/* The plan drawn from a review: counts per section, open actions by date, and answers whose item
 * has left the guidance. Pure functions over the review and the current guidance. */

import { recordOf } from "./review-file.js";

/* The current guidance, as the review page carries it (<template id="review-guidance">). */
export function readGuide(source) {
  try {
    const data = JSON.parse((source.content || source).textContent);
    return guideOf(data);
  } catch (_) {
    return { lists: [], known: new Map() };
  }
}

export function guideOf(data) {
  const known = new Map();
  for (const list of data.checklists) for (const item of list.items) known.set(item.id, { item, list });
  return { lists: data.checklists, known };
}

/* How many of a section's items have each status: { "done": 2, "in-progress": 1, ... }. */
export function counts(list, review, contract) {
  const n = Object.fromEntries(contract.review.statuses.map(({ id }) => [id, 0]));
  for (const item of list.items) n[recordOf(review, item.id).status] += 1;
  return n;
}

/* Not done, not set aside, and either under way or given to someone or to a date; soonest first. */
export function openActions(guide, review) {
  const actions = [];
  for (const list of guide.lists) {
    for (const item of list.items) {
      const r = recordOf(review, item.id);
      if (r.status === "in-progress" || (r.status === "not-started" && (r.owner || r.due))) actions.push({ item, list, r });
    }
  }
  const key = (action) => action.r.due || "9999";
  return actions.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const orphans = (review, guide) => Object.keys(review.items).filter((id) => !guide.known.has(id));
