import { test } from "node:test";
import assert from "node:assert/strict";

import { blankReview } from "../review-file.js";
import { combine, settle, stamp, whichStands } from "../review-merge.js";
import { contract } from "./fixtures.js";

const at = (day) => new Date(`2026-12-${day}T10:00:00Z`);
const answer = (status, notes = "") => ({ status, notes, owner: "", due: "" });

/* Alice's browser "alice001" shares its review; Bob's "bob00001" opens it and carries on. */
function shared() {
  const alice = blankReview(contract);
  alice.items["tip-a"] = stamp(answer("in-progress", "Ask the trustees"), undefined, "alice001", at("01"));
  alice.items["tip-b"] = stamp(answer("done"), undefined, "alice001", at("01"));
  const bob = structuredClone(alice);
  return { alice, bob };
}

test("a change made on top of the other's answer wins, whichever side made it", () => {
  const { alice, bob } = shared();
  bob.items["tip-a"] = stamp(answer("done", "Trustees agreed"), bob.items["tip-a"], "bob00001", at("03"));
  assert.equal(whichStands(alice.items["tip-a"], bob.items["tip-a"]), "theirs");
  assert.equal(whichStands(bob.items["tip-a"], alice.items["tip-a"]), "mine");
  const tally = combine(alice, bob);
  assert.deepEqual(tally, { taken: 1, kept: 0, both: 0 });
  assert.equal(alice.items["tip-a"].notes, "Trustees agreed");
});

test("when both people changed an item, both answers are kept for a person to choose", () => {
  const { alice, bob } = shared();
  alice.items["tip-a"] = stamp(answer("done", "Alice's note"), alice.items["tip-a"], "alice001", at("02"));
  bob.items["tip-a"] = stamp(answer("not-applicable", "Bob's note"), bob.items["tip-a"], "bob00001", at("03"));
  const tally = combine(alice, bob);
  assert.deepEqual(tally, { taken: 0, kept: 0, both: 1 });
  assert.equal(alice.items["tip-a"].notes, "Alice's note", "until chosen, the answer in this browser stays");
  assert.equal(alice.conflicts["tip-a"].notes, "Bob's note", "and the colleague's is kept, not dropped");
});

test("choosing either answer settles it, and combining the same file again asks nothing", () => {
  for (const takeTheirs of [true, false]) {
    const { alice, bob } = shared();
    alice.items["tip-a"] = stamp(answer("done", "Alice's note"), alice.items["tip-a"], "alice001", at("02"));
    bob.items["tip-a"] = stamp(answer("not-applicable", "Bob's note"), bob.items["tip-a"], "bob00001", at("03"));
    combine(alice, bob);
    settle(alice, "tip-a", takeTheirs, "alice001", at("04"));
    assert.equal(alice.items["tip-a"].notes, takeTheirs ? "Bob's note" : "Alice's note");
    assert.deepEqual(Object.keys(alice.conflicts), []);
    assert.deepEqual(combine(alice, structuredClone(bob)).both, 0, "the same file again");
    assert.equal(alice.items["tip-a"].notes, takeTheirs ? "Bob's note" : "Alice's note");
  }
});

test("of two answers from one browser the newer wins, and answers only one side has are added", () => {
  const { alice, bob } = shared();
  bob.items["tip-a"] = stamp(answer("done", "First"), bob.items["tip-a"], "bob00001", at("03"));
  const older = structuredClone(bob);
  bob.items["tip-a"] = stamp(answer("done", "Second"), bob.items["tip-a"], "bob00001", at("05"));
  bob.items["tip-c"] = stamp(answer("done"), undefined, "bob00001", at("05"));
  combine(alice, older);
  combine(alice, bob);
  assert.equal(alice.items["tip-a"].notes, "Second");
  assert.ok(alice.items["tip-c"], "an item only the colleague answered is added");
  assert.ok(alice.items["tip-b"], "an item only this browser answered stays");
});

test("answers without a history (an older saved file) that differ are left for a person to choose", () => {
  const mine = blankReview(contract);
  const theirs = blankReview(contract);
  mine.items["tip-a"] = answer("done");
  theirs.items["tip-a"] = answer("in-progress");
  theirs.items["gone-item"] = { ...answer("done"), text: "An item no longer in the guidance" };
  assert.deepEqual(combine(mine, theirs), { taken: 1, kept: 0, both: 1 });
  assert.equal(mine.items["gone-item"].text, "An item no longer in the guidance", "nothing is dropped");
});
