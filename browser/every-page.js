/* Run something on every page a reader is shown: the first, and each one Material's instant navigation
 * swaps in without loading its scripts again (its document$ observable, once Material's script is
 * there: see material.js). document$ gives the same `document` for every page, and the first it gives
 * (or replays, to a script that starts later) is the page this has already run on, so that one is
 * passed over. */

import { whenMaterial } from "./material.js";

export function onEveryPage(run, win = window) {
  const doc = win.document;
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", () => run(doc), { once: true });
  else run(doc);
  whenMaterial((document$) => {
    let current = true;
    document$.subscribe((page) => {
      if (current) current = false;
      else run(page);
    });
  }, win);
}

/* A tool's wiring: `start` on every page (just after, in a task of its own), and again when another
 * tab changes what `storageKey` holds; `onEdit` for every change and every keystroke in a text field;
 * `onClick` for clicks; and the tool's dialog told when it closes. One set of listeners on the
 * document serves every page. */
export function startTool({ start, storageKey, onEdit, onClick, dialog }) {
  document.addEventListener("change", onEdit);
  document.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") onEdit(event);
  });
  document.addEventListener("click", onClick);
  document.addEventListener("close", (event) => dialog.closed(event), true);
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey) start();
  });
  /* in a task of its own, not the one that ran the tool's script: together they made one long task */
  onEveryPage(() => setTimeout(start, 0));
}
