import { test } from "node:test";
import assert from "node:assert/strict";

import { blankReview } from "../review-file.js";
import { counts, guideOf, openActions, orphans } from "../review-plan.js";
import { contract } from "./fixtures.js";

const guide = guideOf({ checklists: [
  { id: "a", title: "A", items: [{ id: "a-1", text: "One" }, { id: "a-2", text: "Two" }, { id: "a-3", text: "Three" }] },
  { id: "b", title: "B", items: [{ id: "b-1", text: "Four" }] },
] });

function review(items) {
  const r = blankReview(contract);
  for (const [id, record] of Object.entries(items)) r.items[id] = { status: "not-started", notes: "", owner: "", due: "", ...record };
  return r;
}

test("counts give every status of the contract, for one section", () => {
  const n = counts(guide.lists[0], review({ "a-1": { status: "done" }, "a-2": { status: "not-applicable" } }), contract);
  assert.deepEqual(Object.keys(n).sort(), contract.review.statuses.map(({ id }) => id).sort());
  assert.deepEqual(n, { "not-started": 1, "in-progress": 0, done: 1, "not-applicable": 1 });
});

test("open actions are under way, or given a person or a date, soonest first, undated last", () => {
  const actions = openActions(guide, review({
    "a-1": { status: "in-progress" }, "a-2": { owner: "Sam", due: "2026-12-24" }, "a-3": { due: "2026-12-02" },
    "b-1": { status: "done", owner: "Ali" },
  }));
  assert.deepEqual(actions.map(({ item }) => item.id), ["a-3", "a-2", "a-1"]);
});

test("answers for items no longer in the guidance are found, not dropped", () => {
  assert.deepEqual(orphans(review({ "a-1": { status: "done" }, "gone": { status: "done" } }), guide), ["gone"]);
});
