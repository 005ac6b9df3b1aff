/* "Compare with an earlier version" on the Guidelines worksheet: a file saved before is read beside the answers
 * now, which it never replaces; the page lists what changed since, topic by topic, and the group can add that
 * list to its guidelines document as their record of changes (guidelines-compare.js holds the rules). */

import { chosenFile } from "./device-files.js";
import { compareGuidelines, recordEntry, topicsChanged, withRecord } from "./guidelines-compare.js";
import { changesHeading } from "./guidelines-file.js";
import { readSaved } from "./guidelines-read.js";
import { changeList } from "./guidelines-ui.js";

const SAME = "Your answers on this page were not changed.";

function focusOn(node) {
  if (!node) return;
  if (!node.matches("button, input, a[href]")) node.tabIndex = -1;
  node.focus();
}

/* `tool` holds the answers now, `page.book` the worksheet, `tell` reports, `root()` finds the worksheet. */
export function createComparison({ tool, page, tell, dates, contract, root }) {
  let pending = null; // { earlier, entry } while a comparison is shown
  const part = (selector) => (root() ? root().querySelector(selector) : null);

  function close() {
    pending = null;
    const box = part("[data-guidelines-compare]");
    if (box) box.hidden = true;
  }

  async function open(input) {
    let name;
    let earlier;
    try {
      const file = await chosenFile(input, "saved guidelines", SAME);
      if (!file) return;
      name = file.name;
      ({ doc: earlier } = readSaved(file.text, page.book, contract, dates));
    } catch (error) {
      tell(error.message.replace(/The worksheet in this browser has not been changed\.$/, SAME), true);
      return;
    }
    const items = compareGuidelines(earlier, tool.doc, page.book);
    pending = { earlier, entry: recordEntry(earlier, items, dates) };
    const heading = part("[data-compare-heading]");
    heading.textContent = `${changesHeading(pending.entry, dates)}, in “${name}”`;
    part("[data-compare-list]").replaceChildren(items.length ? changeList(items)
      : Object.assign(document.createElement("p"), { textContent: "Nothing in your guidelines has changed since then." }));
    part("[data-guidelines-compare]").hidden = false;
    const n = topicsChanged(items);
    tell(`Compared “${name}” with your answers now: ${n === 0 ? "nothing has changed" : n === 1 ? "1 part has changed"
      : `${n} parts have changed`}. ${SAME} It was read on this device; nothing was sent anywhere.`);
    focusOn(heading);
  }

  /* The comparison's buttons, and the one that takes the record out again; false for any other action. */
  function act(action) {
    if (action === "keep-changes" && pending) {
      tool.doc.changes = withRecord(pending.entry, pending.earlier);
      close();
      tool.keep();
      tell("The list is now in your guidelines document, as its record of changes. It is printed and saved with them.");
      focusOn([...part("[data-guidelines-output]").querySelectorAll("h3")].pop());
    } else if (action === "close-compare") {
      close();
      tell(`The comparison is closed. ${SAME}`);
      focusOn(part("#guidelines-compare"));
    } else if (action === "drop-changes") {
      tool.doc.changes = [];
      tool.keep();
      tell("The record of changes has been taken out of your guidelines document.");
      focusOn(part("#guidelines-compare"));
    } else return false;
    return true;
  }

  return { open, act, close };
}
