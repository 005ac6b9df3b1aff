/* A tool's code that only an action needs (saving, opening or comparing a file, combining a colleague's review,
 * the trustees' report as a file) is a part of its own, fetched the first time the reader goes to use it, not
 * with every visit: loadPart with the part's name (guidelines-files) gives its exports. The bundler
 * (safeguarding_site/browser_bundle.py) finds each call of it with a quoted name and builds the part to take the
 * modules the tool's script already holds from it, so nothing is fetched twice. */

import { scriptAddress } from "./page-scripts.js";

export const PART_MISSING = "This part of the page could not be loaded, so nothing was done. Check the connection " +
  "and try again.";
const asked = new Map();

/* The part's exports; with `tell`, a part that cannot come is said (as a problem) and gives null instead. */
export function loadPart(name, { tell = null, doc = document, win = window } = {}) {
  const asking = ask(name, doc, win);
  return tell ? asking.catch((error) => {
    tell(error.message, true);
    return null;
  }) : asking;
}

function ask(name, doc, win) {
  if (!asked.has(name)) {
    asked.set(name, new Promise((resolve, reject) => {
      const script = doc.createElement("script");
      const fail = () => {
        asked.delete(name); // the next try asks again
        script.remove();
        reject(new Error(PART_MISSING));
      };
      script.onload = () => {
        const part = win.__siteParts && win.__siteParts[name];
        if (part) resolve(part);
        else fail();
      };
      script.onerror = fail;
      script.src = scriptAddress(name, doc);
      doc.head.append(script);
    }));
  }
  return asked.get(name);
}
