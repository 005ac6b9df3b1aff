/* Each page loads a tool's script only when it shows that tool. A component that needs one says so in
 * its markup (data-needs-script="checklists", written by its template), and the script is fetched from
 * the site's own assets the first time a page shows it, however the reader got there: a first visit or
 * Material's instant navigation, which swaps pages without loading their scripts. */

const loaded = new Set();

/* Where the site's script `name` is, from any page (the site's root, as Material knows it). */
export function scriptAddress(name, doc = document) {
  const root = window.__md_scope ? String(window.__md_scope) : new URL(".", doc.baseURI).href;
  return new URL(`assets/javascripts/${name}.js`, root).href;
}

export function loadPageScripts(doc = document) {
  for (const node of doc.querySelectorAll("[data-needs-script]")) {
    const name = node.dataset.needsScript;
    if (loaded.has(name) || !/^[a-z0-9-]+$/.test(name)) continue;
    loaded.add(name);
    const script = doc.createElement("script");
    script.src = scriptAddress(name, doc);
    doc.head.append(script);
  }
}
