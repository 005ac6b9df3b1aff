/* One tool's document in this browser (the review, or the worksheet's answers): the one in use, and
 * what happens to it after a change, a new start, or a save to a file. */

import { askToKeep, noteChange, noteFile } from "./keep.js";

/* `store` keeps it, `refresh()` shows it, `tell(words)` reports to the reader. */
export function createToolState(store, first, refresh, tell) {
  const tool = {
    doc: first,
    /* The document becomes `doc` (opened from a file, or a new start). */
    use(doc, words) {
      tool.doc = doc;
      if (store.save(doc)) tell(words);
      refresh();
    },
    /* A change was made here: keep it, and ask the browser to keep the site's storage. */
    keep() {
      noteChange(tool.doc);
      store.save(tool.doc);
      askToKeep(navigator.storage);
      refresh();
    },
    /* It was just saved to a file. */
    savedToFile(words) {
      noteFile(tool.doc);
      store.save(tool.doc);
      tell(words);
      refresh();
    },
  };
  return tool;
}
