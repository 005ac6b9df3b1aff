/* A part is fetched once, however often it is asked for; its exports come from the script it runs; one that
 * cannot be fetched is said plainly, and asked for again next time. */
import { test } from "node:test";
import assert from "node:assert/strict";

import { PART_MISSING, loadPart } from "../parts.js";

/* A page with a head that "runs" each script appended to it: `serve` says what the named script does. */
function page(serve) {
  const appended = [];
  const win = { __md_scope: new URL("https://example.org/copy/") };
  globalThis.window = win;
  const doc = {
    baseURI: "https://example.org/copy/tips/",
    createElement: () => ({ remove() { this.removed = true; } }),
    head: {
      append(script) {
        appended.push(script);
        setTimeout(() => serve(script, win), 0);
      },
    },
  };
  return { doc, win, appended };
}

test("a part is fetched from the site's scripts once and gives its exports", async () => {
  const { doc, win, appended } = page((script, w) => {
    (w.__siteParts = w.__siteParts || {})["tool-files"] = { files: { save: () => "saved" } };
    script.onload();
  });
  const [first, second] = await Promise.all([loadPart("tool-files", { doc, win }), loadPart("tool-files", { doc, win })]);
  assert.equal(first.files.save(), "saved");
  assert.equal(first, second);
  assert.equal(appended.length, 1);
  assert.equal(appended[0].src, "https://example.org/copy/assets/javascripts/tool-files.js");
});

test("a part that cannot be fetched is said plainly and asked for again next time", async () => {
  let tries = 0;
  const { doc, win, appended } = page((script, w) => {
    tries += 1;
    if (tries === 1) script.onerror();
    else {
      (w.__siteParts = w.__siteParts || {})["other-files"] = { ok: true };
      script.onload();
    }
  });
  await assert.rejects(loadPart("other-files", { doc, win }), new Error(PART_MISSING));
  assert.ok(appended[0].removed);
  assert.deepEqual(await loadPart("other-files", { doc, win }), { ok: true });
  assert.equal(appended.length, 2);
});

test("a script that ran but left no part is a failure, not a silent wait", async () => {
  const { doc, win } = page((script) => script.onload());
  await assert.rejects(loadPart("empty-files", { doc, win }), new Error(PART_MISSING));
});

test("with tell, a part that cannot come is said as a problem and gives null", async () => {
  const { doc, win } = page((script) => script.onerror());
  const said = [];
  assert.equal(await loadPart("said-files", { doc, win, tell: (message, problem) => said.push([message, problem]) }), null);
  assert.deepEqual(said, [[PART_MISSING, true]]);
});
