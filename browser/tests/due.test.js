import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { dayOf, guidelinesReviewDay, nextReviewFrom, reminderShows, reviewReviewDay } from "../due.js";
import { contract, nextReviews } from "./fixtures.js";

const dates = makeDates(contract);

test("the next review falls on the day the site build says, 29 February included", () => {
  assert.ok(Object.keys(nextReviews).includes("2024-02-29"));
  for (const [day, next] of Object.entries(nextReviews)) assert.equal(nextReviewFrom(day, contract), next, day);
  assert.equal(nextReviewFrom("", contract), "");
  assert.equal(nextReviewFrom("3 November 2026", contract), "");
});

test("the guidelines' next review is the day given, else the one after the day they were agreed", () => {
  assert.equal(guidelinesReviewDay({ agreedOn: "2026-11-03", reviewOn: "" }, contract), "2027-11-03");
  assert.equal(guidelinesReviewDay({ agreedOn: "2026-11-03", reviewOn: "2027-05-01" }, contract), "2027-05-01");
  assert.equal(guidelinesReviewDay({ agreedOn: "", reviewOn: "" }, contract), "");
});

test("the review's next review: the day given, the one after the day it was held, or after it was last changed", () => {
  const items = { "tip-a": { status: "done" } };
  assert.equal(reviewReviewDay({ nextReview: "2027-02-01", reviewedOn: "2026-01-05", items }, contract, dates), "2027-02-01");
  assert.equal(reviewReviewDay({ nextReview: "", reviewedOn: "2026-01-05", items }, contract, dates), "2027-01-05");
  const changed = dayOf("2026-03-04T12:00:00.000Z", dates);
  assert.equal(reviewReviewDay({ nextReview: "", reviewedOn: "", saved: "2026-03-04T12:00:00.000Z", items }, contract, dates),
    nextReviewFrom(changed, contract));
  assert.equal(reviewReviewDay({ nextReview: "", reviewedOn: "", saved: "2026-03-04T12:00:00.000Z", items: {} }, contract, dates), "");
});

test("a reminder shows from its day on, until it is hidden for that very day; the next review date brings it back", () => {
  assert.equal(reminderShows("review", "2027-01-05", "2027-01-04", {}), false);
  assert.equal(reminderShows("review", "2027-01-05", "2027-01-05", {}), true);
  assert.equal(reminderShows("review", "2027-01-05", "2027-03-01", { review: "2027-01-05" }), false);
  assert.equal(reminderShows("review", "2028-01-05", "2028-02-01", { review: "2027-01-05" }), true);
  assert.equal(reminderShows("worksheet", "2027-01-05", "2027-03-01", { review: "2027-01-05" }), true);
  assert.equal(reminderShows("review", "", "2027-03-01", {}), false);
});
