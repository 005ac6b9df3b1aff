import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { blankReview, checkedReview, isEmptyReview } from "../review-file.js";
import { SET_ASIDE, createStore, deviceName } from "../store.js";
import { contract, memoryStorage } from "./fixtures.js";

const dates = makeDates(contract);
const key = contract.review.storageKey;

function setUp(storage) {
  const told = [];
  const kind = { key, what: "review", isEmpty: isEmptyReview, blank: () => blankReview(contract),
    check: (data) => checkedReview(data, contract, dates) };
  return { store: createStore(storage, kind, (message, problem) => told.push({ message, problem })), told };
}

test("a new browser starts with a blank review", () => {
  const { store, told } = setUp(memoryStorage());
  assert.deepEqual(Object.keys(store.load().items), []);
  assert.deepEqual(told, []);
});

test("a review is kept under one key and read back the same", () => {
  const storage = memoryStorage();
  const { store } = setUp(storage);
  const review = blankReview(contract);
  review.items["tip-a"] = { status: "done", notes: "Agreed", owner: "", due: "" };
  assert.ok(store.save(review, new Date("2026-12-01T09:00:00Z")));
  assert.equal(JSON.parse(storage.data.get(key)).saved, "2026-12-01T09:00:00.000Z");
  assert.deepEqual({ ...store.load().items["tip-a"] }, review.items["tip-a"]);
});

test("an empty review leaves nothing behind", () => {
  const storage = memoryStorage({ [key]: "{}" });
  setUp(storage).store.save(blankReview(contract));
  assert.ok(!storage.data.has(key));
});

test("what cannot be read is set aside, not overwritten, and the reader is told", () => {
  const storage = memoryStorage({ [key]: '{"format": "something else"}' });
  const { store, told } = setUp(storage);
  assert.deepEqual(Object.keys(store.load().items), []);
  assert.equal(storage.data.get(key + SET_ASIDE), '{"format": "something else"}');
  assert.ok(!storage.data.has(key));
  assert.equal(told.length, 1);
  assert.ok(told[0].problem && /set aside, not deleted/.test(told[0].message));
});

test("a browser that refuses to store says so, and advises a file", () => {
  const { store, told } = setUp(memoryStorage({}, { full: true }));
  const review = blankReview(contract);
  review.items["tip-a"] = { status: "done", notes: "", owner: "", due: "" };
  assert.equal(store.save(review), false);
  assert.match(told[0].message, /Save the review as a file/);
});

test("each browser names itself once, and keeps the name", () => {
  const storage = memoryStorage();
  const first = deviceName(storage, contract.deviceKey);
  assert.match(first, /^[a-z0-9]{8,20}$/);
  assert.equal(deviceName(storage, contract.deviceKey), first);
  assert.notEqual(deviceName(memoryStorage(), contract.deviceKey), first, "another browser, another name");
});
