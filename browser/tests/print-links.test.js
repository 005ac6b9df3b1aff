import { test } from "node:test";
import assert from "node:assert/strict";

import { sameNumber } from "../print-links.js";

test("a phone link whose text is its number, written the UK way, needs no address printed after it", () => {
  assert.equal(sameNumber("0191 498 0123", "tel:+441914980123"), true);
  assert.equal(sameNumber("(0191) 498 0123", "tel:+441914980123"), true);
  assert.equal(sameNumber("Call us", "tel:+441914980123"), false);
  assert.equal(sameNumber("0191 498 0999", "tel:+441914980123"), false);
  assert.equal(sameNumber("999", "tel:999"), false, "too short to be sure: the address is printed");
});
