import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { blankReview, checkedReview } from "../review-file.js";
import { asMarkdown, forExport } from "../review-save.js";
import { combine } from "../review-merge.js";
import * as plan from "../review-plan.js";
import { newSinceWords, reportOf, savedLongAgo } from "../review-report.js";
import { reportMarkdown } from "../review-report-save.js";
import { contract } from "./fixtures.js";

const dates = makeDates(contract);
const guide = plan.guideOf({ checklists: [
  { id: "tips", title: "Useful tips", items: [{ id: "tip-a", text: "Keep a record" }, { id: "tip-b", text: "Copy a colleague" },
    { id: "tip-c", text: "Check privacy settings" }] },
  { id: "actions", title: "Actions", items: [{ id: "action-a", text: "Agree a policy" }] },
] });

function review() {
  const r = blankReview(contract);
  Object.assign(r, { reviewedOn: "2026-12-01", people: "Jo Patel (chair), Sam Lee <b>", nextReview: "" });
  r.items["tip-a"] = { status: "done", notes: "", owner: "", due: "" };
  r.items["tip-b"] = { status: "in-progress", notes: "", owner: "Sam", due: "2027-01-15" };
  r.items["action-a"] = { status: "not-applicable", notes: "", owner: "", due: "" };
  return r;
}

test("the report counts every item by status in the contract's order, lists the open actions and the next review", () => {
  const report = reportOf(review(), guide, plan, { contract, dates });
  assert.equal(report.total, 4);
  assert.deepEqual(report.totals.map((row) => [row.id, row.n, row.share]),
    [["done", 1, 25], ["in-progress", 1, 25], ["not-started", 1, 25], ["not-applicable", 1, 25]]);
  assert.equal(report.totals[3].label, "Does not apply");
  assert.deepEqual(report.actions.map((a) => [a.text, a.owner, a.due]), [["Copy a colleague", "Sam", "15 January 2027"]]);
  assert.equal(report.reviewedOn, "1 December 2026");
  assert.equal(report.next, "1 December 2027", "a year after the review, unless changed");
  assert.equal(reportOf({ ...review(), nextReview: "2027-06-01" }, guide, plan, { contract, dates }).next, "1 June 2027");
});

test("the report as Markdown has the facts, a table and a chart in plain characters, and the actions", () => {
  const text = reportMarkdown(reportOf(review(), guide, plan, { contract, dates }),
    { siteName: "Oak Tree *site*", dates, now: new Date("2026-12-02T10:00:00Z") });
  assert.match(text, /^# Safeguarding and social media: review report for trustees\n/);
  assert.ok(text.includes("From the review and action plan of “Oak Tree \\*site\\*”."));
  assert.ok(text.includes("- **Who took part:** Jo Patel (chair), Sam Lee \\<b\\>\n"));
  assert.ok(text.includes("- **Next review:** by 1 December 2027\n"));
  assert.ok(text.includes("## Where the 4 items stand\n\n| Status | Items | Share |\n| --- | --: | --: |\n| Done | 1 | 25% |"));
  assert.ok(text.includes("```text\nDone            #####...............  1\nIn progress     #####"));
  assert.ok(text.includes("## Open actions, soonest first\n\n| Action | Who will follow it up | By when | Status |"));
  assert.ok(text.includes("| Copy a colleague | Sam | 15 January 2027 | In progress |"));
});

test("a review saved now lists the guidance's items, its report's details, and opens again with them", () => {
  const file = forExport(review(), guide, new Date("2026-12-02T10:00:00Z"));
  assert.equal(file.version, contract.review.version);
  assert.deepEqual(file.known, ["tip-a", "tip-b", "tip-c", "action-a"]);
  const back = checkedReview(JSON.parse(JSON.stringify(file)), contract, dates);
  assert.deepEqual([back.reviewedOn, back.people, back.known.length], ["2026-12-01", "Jo Patel (chair), Sam Lee <b>", 4]);
  assert.throws(() => checkedReview({ ...file, reviewedOn: "2026-13-01" }, contract, dates), /cannot be read/);
  assert.throws(() => checkedReview({ ...file, people: 7 }, contract, dates), /is not text/);
  const minutes = asMarkdown(back, guide, plan, { siteName: "Site", contract, dates });
  assert.ok(minutes.includes("Review held on 1 December 2026.\n\nWho took part: Jo Patel (chair), Sam Lee \\<b\\>."));
});

test("a file opened later names the items new since it was saved; an older file says only what it can", () => {
  const file = checkedReview({ ...forExport(review(), guide), known: ["tip-a", "tip-b", "action-a"] }, contract, dates);
  assert.equal(newSinceWords(guide, file, 3, contract),
    "New in the guidance since it was saved: 1 item, “Check privacy settings” (Useful tips). It has no answer yet.");
  assert.equal(newSinceWords(guide, { ...file, known: [...guide.known.keys()] }, 3, contract), "");
  const old = checkedReview({ format: contract.review.format, version: 2, items: { "tip-a": { status: "done" } } }, contract, dates);
  const words = newSinceWords(guide, old, 2, contract);
  assert.match(words, /^It was saved by an earlier version of the review, which did not list the guidance’s items, so it cannot say which items are new\. 3 items have no answer in it/);
  assert.match(words, /report for trustees/);
});

test("a file saved more than a year ago says a new review may be due", () => {
  const long = new Date();
  long.setFullYear(long.getFullYear() - 2);
  assert.match(savedLongAgo(long.toISOString(), { contract, dates }), /more than a year ago: a new review may be due\.$/);
  assert.equal(savedLongAgo(new Date().toISOString(), { contract, dates }), "");
  assert.equal(savedLongAgo(undefined, { contract, dates }), "");
});

test("combining a colleague's review fills in the report's details only where this one has none", () => {
  const mine = review();
  mine.people = "";
  const theirs = review();
  Object.assign(theirs, { reviewedOn: "2026-11-30", people: "Alex", nextReview: "2027-05-01" });
  combine(mine, theirs);
  assert.deepEqual([mine.reviewedOn, mine.people, mine.nextReview], ["2026-12-01", "Alex", "2027-05-01"]);
});
