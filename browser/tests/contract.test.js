import { test } from "node:test";
import assert from "node:assert/strict";

import { isItemId, makeDates, statusLabels } from "../contract.js";
import { contract, longDates } from "./fixtures.js";

const dates = makeDates(contract);

test("long dates are written exactly as the site build writes them", () => {
  for (const [day, words] of Object.entries(longDates)) assert.equal(dates.longDate(day), words);
});

test("a day that does not exist, or a badly written one, has no long date", () => {
  for (const day of ["2026-02-30", "2026-13-01", "1 December 2026", "", undefined]) assert.equal(dates.longDate(day), "");
});

test("a saved time reads as the local date and a 24-hour time", () => {
  assert.match(dates.savedWhen("2026-12-01T14:05:00"), /^1 December 2026 at 14:05$/);
  assert.equal(dates.savedWhen("not a time"), "");
});

test("today is the local date written YYYY-MM-DD", () => {
  assert.equal(dates.today(new Date(2026, 0, 9, 23, 59)), "2026-01-09");
});

test("no date formatter is made until a date is written (today's date needs none)", () => {
  const real = Intl.DateTimeFormat;
  let made = 0;
  Intl.DateTimeFormat = function (...args) { made += 1; return new real(...args); };
  try {
    const fresh = makeDates(contract);
    fresh.today();
    assert.equal(made, 0);
    fresh.longDate("2026-12-01");
    fresh.longDate("2026-12-02");
    assert.equal(made, 1);
  } finally {
    Intl.DateTimeFormat = real;
  }
});

test("statuses keep the contract's order and labels", () => {
  const labels = statusLabels(contract);
  assert.deepEqual([...labels.keys()], contract.review.statuses.map(({ id }) => id));
  assert.equal(labels.get("not-applicable"), "Does not apply");
});

test("item ids follow the data's id rule", () => {
  assert.ok(isItemId(contract, "tip-keep-records"));
  for (const id of ["Tip", "tip_records", "-tip", "tip--x", "a".repeat(101), 7]) assert.ok(!isItemId(contract, id), id);
});
