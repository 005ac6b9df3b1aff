/* Keeping work that lives in a browser: asking the browser not to clear the site's storage, and saying
 * when the work was last saved to a file. Browsers may clear a site's storage (Safari does after seven
 * days without a visit), so a file is the only copy that is safe. */

const KEEP_WORDS = {
  kept: "This browser has agreed to keep what you record here until you clear it yourself.",
  "not-kept": "This browser has not agreed to keep what you record here for good: it may clear it, for " +
    "example when space runs low or after some days without a visit. Save a file to be safe.",
  unknown: "This browser cannot say whether it will keep what you record here. Save a file to be safe.",
};

let asked = null;

/* Ask once per page load (navigator.storage.persist); resolves to the words that say what it answered. */
export function askToKeep(manager) {
  if (!asked) {
    asked = (async () => {
      if (!manager || typeof manager.persist !== "function") return "unknown";
      try {
        return (await manager.persisted()) || (await manager.persist()) ? "kept" : "not-kept";
      } catch (_) {
        return "unknown";
      }
    })().then((answer) => KEEP_WORDS[answer]);
  }
  return asked;
}

/* A change was made: remember when the first one not yet saved to a file was. */
export function noteChange(doc, now = new Date()) {
  if (!doc.unsavedSince) doc.unsavedSince = now.toISOString();
}

/* The work was saved to a file (or opened from one): nothing is unsaved. */
export function noteFile(doc, now = new Date()) {
  doc.exported = now.toISOString();
  doc.unsavedSince = null;
}

/* What to say about files: when it was last saved to one, and whether changes have waited too long. */
export function fileState(doc, { dates, days, what, now = new Date() }) {
  const line = doc.exported ? `Last saved to a file on ${dates.savedWhen(doc.exported)}.`
    : `This ${what} has not been saved to a file yet.`;
  const since = doc.unsavedSince ? Date.parse(doc.unsavedSince) : NaN;
  const waited = !isNaN(since) && now - since > days * 864e5;
  const reminder = waited ? `Some changes to this ${what} have not been saved to a file for more than ` +
    `${days === 7 ? "a week" : `${days} days`}. When you have a moment, save it, so that a copy is safe if this browser clears its storage.` : "";
  return { line, reminder };
}

/* Say it on the page: under `root`, [data-file-state], [data-file-reminder] and [data-keep-status]. The
 * browser is only asked to keep the storage once something has been recorded. */
export function showKeeping(root, doc, empty, options) {
  const put = (selector, text) => {
    const node = root.querySelector(selector);
    if (!node) return;
    if (node.textContent !== text) node.textContent = text;
    node.hidden = !text;
  };
  const { line, reminder } = fileState(doc, options);
  put("[data-file-state]", empty && !doc.exported ? "" : line);
  put("[data-file-reminder]", reminder);
  if (empty) put("[data-keep-status]", "");
  else askToKeep(navigator.storage).then((words) => put("[data-keep-status]", words));
}
