import { test } from "node:test";
import assert from "node:assert/strict";

import { WAKE_EVENTS, materialReady, startMaterial, wantedAtOnce, whenMaterial } from "../material.js";
import { onEveryPage } from "../every-page.js";

/* A window and document with just what material.js and every-page.js touch. */
function fakeWindow({ search = "", hash = "", tag = true, readyState = "interactive" } = {}) {
  const win = new EventTarget();
  const doc = new EventTarget();
  const added = [];
  win.Event = Event;
  win.document = doc;
  win.location = { search, hash };
  doc.readyState = readyState;
  doc.documentElement = { dataset: {} };
  doc.querySelector = (selector) => (tag && selector === "script[data-material]"
    ? { dataset: { material: "assets/javascripts/bundle.0123abcd.min.js" } } : null);
  doc.createElement = () => Object.assign(new EventTarget(), { src: "" });
  doc.body = { append: (node) => added.push(node) };
  /* What Material's script does as it runs: offer document$, and set the page up on DOMContentLoaded. */
  const arrive = () => {
    const subscribers = [];
    let last = null;
    win.document$ = {
      subscribe(run) { subscribers.push(run); if (last) run(last); },
      next(page) { last = page; subscribers.forEach((run) => run(page)); },
    };
    doc.addEventListener("DOMContentLoaded", () => win.document$.next(doc), { once: true });
    added[0].dispatchEvent(new Event("load"));
  };
  return { win, doc, added, arrive };
}

test("Material's script is not loaded while the page loads and the reader does nothing", () => {
  const { win, added } = fakeWindow();
  startMaterial(win);
  assert.equal(added.length, 0);
});

test("the reader's first touch, key, scroll or mouse movement loads Material's script, once", () => {
  for (const type of WAKE_EVENTS) {
    const { win, added } = fakeWindow();
    startMaterial(win);
    win.dispatchEvent(new Event(type));
    win.dispatchEvent(new Event(WAKE_EVENTS[0]));
    assert.equal(added.length, 1, type);
    assert.equal(added[0].src, "assets/javascripts/bundle.0123abcd.min.js");
  }
});

test("a search result's highlight or a place in the page loads Material's script at once", () => {
  assert.ok(wantedAtOnce({ search: "?h=privacy", hash: "" }));
  assert.ok(wantedAtOnce({ search: "", hash: "#what-to-do" }));
  assert.ok(!wantedAtOnce({ search: "", hash: "" }));
  assert.ok(!wantedAtOnce({ search: "?hello=1", hash: "#" }));
  const { win, added } = fakeWindow({ hash: "#what-to-do" });
  startMaterial(win);
  assert.equal(added.length, 1);
});

test("a page whose build left Material's own tag in place loads nothing more", () => {
  const { win, added } = fakeWindow({ tag: false });
  startMaterial(win);
  win.dispatchEvent(new Event("keydown"));
  assert.equal(added.length, 0);
});

test("once loaded, Material is told the page is ready and the page says Material has set it up", () => {
  const { win, doc, arrive } = fakeWindow();
  const told = [];
  whenMaterial((document$) => document$.subscribe((page) => told.push(page)), win);
  startMaterial(win);
  assert.ok(!materialReady(doc));
  win.dispatchEvent(new Event("pointerdown"));
  arrive();
  assert.deepEqual(told, [doc]);
  assert.ok(materialReady(doc));
});

test("every page runs once: the first at once, not again when Material arrives, then each page it swaps in", () => {
  const { win, doc, arrive } = fakeWindow();
  const runs = [];
  onEveryPage((page) => runs.push(page), win);
  assert.deepEqual(runs, [doc]);
  startMaterial(win);
  win.dispatchEvent(new Event("scroll"));
  arrive();
  assert.deepEqual(runs, [doc]);
  win.document$.next(doc); /* Material gives the same document for the page it swaps in */
  win.document$.next(doc);
  assert.deepEqual(runs, [doc, doc, doc]);
});

test("a tool's script that starts after Material arrived still runs on this page and the next", () => {
  const { win, doc, arrive } = fakeWindow();
  startMaterial(win);
  win.dispatchEvent(new Event("keydown"));
  arrive();
  win.document$.next(doc); /* an instant page change, then a tool's script loaded for that page */
  const runs = [];
  onEveryPage((page) => runs.push(page), win);
  assert.deepEqual(runs, [doc]);
  win.document$.next(doc);
  assert.deepEqual(runs, [doc, doc]);
});
