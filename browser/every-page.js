/* Run something on every page a reader is shown: the first, and each one Material's instant navigation
 * swaps in without loading its scripts again (its document$ observable). */

export function onEveryPage(run) {
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(run);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
}

/* A tool's wiring: `start` on every page, and again when another tab changes what `storageKey` holds;
 * `onEdit` for every change and every keystroke in a text field; `onClick` for clicks; and the tool's
 * dialog told when it closes. One set of listeners on the document serves every page. */
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
  onEveryPage(start);
}
