import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { askToKeep, fileState, noteChange, noteFile } from "../keep.js";
import { contract } from "./fixtures.js";

const dates = makeDates(contract);
const options = (now) => ({ dates, days: contract.remindAfterDays, what: "review", now });

test("the browser is asked once to keep the storage, and its answer is said plainly", async () => {
  const calls = [];
  const manager = { persisted: async () => { calls.push("persisted"); return false; },
    persist: async () => { calls.push("persist"); return true; } };
  const words = await askToKeep(manager);
  assert.match(words, /has agreed to keep/);
  await askToKeep(manager);
  assert.deepEqual(calls, ["persisted", "persist"], "asked once per page");
});

test("changes not saved to a file for more than a week bring one calm reminder; saving ends it", () => {
  const doc = { exported: null, unsavedSince: null };
  noteChange(doc, new Date("2026-12-01T09:00:00Z"));
  noteChange(doc, new Date("2026-12-05T09:00:00Z"));
  assert.equal(doc.unsavedSince, "2026-12-01T09:00:00.000Z", "the first unsaved change counts");
  assert.equal(fileState(doc, options(new Date("2026-12-07T09:00:00Z"))).reminder, "");
  const late = fileState(doc, options(new Date("2026-12-08T10:00:00Z")));
  assert.match(late.reminder, /not been saved to a file for more than a week/);
  assert.match(late.line, /has not been saved to a file yet/);
  noteFile(doc, new Date("2026-12-08T11:00:00Z"));
  const saved = fileState(doc, options(new Date("2026-12-20T10:00:00Z")));
  assert.equal(saved.reminder, "");
  assert.match(saved.line, /^Last saved to a file on 8 December 2026 at \d\d:\d\d\.$/);
});
