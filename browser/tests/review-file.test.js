import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { blankReview, checkedReview, isBlank } from "../review-file.js";
import { asMarkdown, forExport } from "../review-save.js";
import * as plan from "../review-plan.js";
import { contract } from "./fixtures.js";

const dates = makeDates(contract);
const guide = plan.guideOf({ checklists: [
  { id: "tips", title: "Useful tips", items: [{ id: "tip-a", text: "Keep a record" }, { id: "tip-b", text: "Copy a colleague" }] },
] });
const saved = (items, extra = {}) => ({ format: contract.review.format, version: contract.review.version, items, ...extra });

test("a saved review is read back clean, blank answers left out", () => {
  const review = checkedReview(saved({ "tip-a": { status: "done", notes: "Yes" }, "tip-b": { status: "not-started" } },
    { saved: "2026-12-01T10:00:00.000Z" }), contract, dates);
  assert.deepEqual(Object.keys(review.items), ["tip-a"]);
  assert.deepEqual({ ...review.items["tip-a"] }, { status: "done", notes: "Yes", owner: "", due: "" });
  assert.equal(review.saved, "2026-12-01T10:00:00.000Z");
});

test("a file that is not a review, or from a newer site, is refused with a plain reason", () => {
  assert.throws(() => checkedReview({ hello: 1 }, contract, dates), /not a review saved from this site/);
  assert.throws(() => checkedReview(saved({}, { version: contract.review.version + 1 }), contract, dates), /newer version/);
  assert.throws(() => checkedReview(saved([]), contract, dates), /not a review/);
});

test("each bad item is named, and nothing is half-read", () => {
  const bad = [
    [{ "Not An Id": { status: "done" } }, /a name this site never uses/],
    [{ "tip-a": "done" }, /no answers in it/],
    [{ "tip-a": { status: "finished" } }, /a status this site does not know/],
    [{ "tip-a": { due: "2026-02-30" } }, /a date this site cannot read/],
    [{ "tip-a": { notes: 5 } }, /a notes that is not text/],
  ];
  for (const [items, reason] of bad) assert.throws(() => checkedReview(saved(items), contract, dates), reason);
});

test("a saved file carries each item's wording, so it can be listed if the guidance changes", () => {
  const review = blankReview(contract);
  review.items["tip-a"] = { status: "in-progress", notes: "", owner: "Sam", due: "" };
  review.items["gone-item"] = { status: "done", notes: "", owner: "", due: "", text: "An old tip" };
  const file = forExport(review, guide, new Date("2026-12-01T09:00:00Z"));
  assert.equal(file.items["tip-a"].text, "Keep a record");
  assert.equal(file.items["gone-item"].text, "An old tip");
  assert.equal(file.saved, "2026-12-01T09:00:00.000Z");
  assert.equal(file.format, contract.review.format);
});

test("Markdown for minutes lists progress, open actions and every item, with the reader's text escaped", () => {
  const review = blankReview(contract);
  review.items["tip-a"] = { status: "in-progress", notes: "<b>line one</b>\nline two", owner: "Sam *A*", due: "2026-12-24" };
  review.items["old"] = { status: "done", notes: "", owner: "", due: "", text: "A removed tip" };
  const text = asMarkdown(review, guide, plan, { siteName: "Our site", contract, dates, now: new Date("2026-12-01T09:00:00") });
  assert.match(text, /^# Review and action plan\n\nOur site: review saved on 1 December 2026 at 09:00\./);
  assert.ok(text.includes("| Section | Done | In progress | Not started | Does not apply |"));
  assert.ok(text.includes("| Useful tips | 0 | 1 | 1 | 0 |"));
  assert.ok(text.includes("1. **By 24 December 2026**: Keep a record (Useful tips). Who will follow it up: Sam \\*A\\*."));
  assert.ok(text.includes("  > \\<b\\>line one\\</b\\>\n  > line two"));
  assert.ok(text.includes("## No longer in the guidance\n\n- A removed tip"));
  assert.ok(!text.includes("<b>"));
});

test("a record with nothing in it is blank", () => {
  assert.ok(isBlank({ status: "not-started", notes: "", owner: "", due: "" }));
  assert.ok(!isBlank({ status: "not-started", notes: "", owner: "Ali", due: "" }));
});
