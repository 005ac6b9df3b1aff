import { test } from "node:test";
import assert from "node:assert/strict";

import { applyScheme } from "../toggles.js";

function option(values) {
  return { checked: false, getAttribute: (name) => values[name.replace("data-md-color-", "")] ?? null };
}

test("choosing a scheme before Material's script is there applies and keeps it as Material would", () => {
  const light = option({ media: "(prefers-color-scheme: light)", scheme: "default", primary: "indigo", accent: "indigo" });
  const dark = option({ media: "(prefers-color-scheme: dark)", scheme: "slate", primary: "indigo", accent: "indigo" });
  const body = {};
  const doc = { body: { setAttribute: (name, value) => { body[name] = value; } }, querySelectorAll: () => [light, dark] };
  const kept = {};
  applyScheme(dark, doc, (key, value) => { kept[key] = value; });
  assert.equal(body["data-md-color-scheme"], "slate");
  assert.equal(body["data-md-color-media"], "(prefers-color-scheme: dark)");
  assert.ok(dark.checked);
  assert.deepEqual(kept.__palette, { index: 1, color: { media: "(prefers-color-scheme: dark)", scheme: "slate",
    primary: "indigo", accent: "indigo" } });
});
