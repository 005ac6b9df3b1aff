/* Material's script waits for the reader. It is most of the JavaScript a page loads (about 35 KB gzip)
 * and starting it holds a phone's main thread for a few hundred milliseconds, so a page does not run it
 * while it loads: the page is read and used without it (the menu and search open with Material's
 * labels, site.css and toggles.js; the colour scheme is chosen before the first paint, see
 * page_markup.py). It is asked for the first time the reader touches, clicks, types, scrolls or moves
 * the mouse, and at once on a page reached from a search result (its words are highlighted) or with an
 * address naming a place in the page. The build writes its address on site.js's tag (data-material)
 * and asks the browser to fetch it early (rel=prefetch), so it is usually there when wanted.
 *
 * Material sets the page up on DOMContentLoaded, which by then has passed: the event is sent again, to
 * Material alone (no script of ours listens for it). Once Material has set the page up,
 * <html data-material="ready"> says so. */

export const WAKE_EVENTS = ["pointerdown", "touchstart", "keydown", "wheel", "scroll", "mousemove", "focusin"];
const ARRIVED = "site:material";

/* A search result's link highlights its words (?h=...); a #place may need Material to open what holds it. */
export function wantedAtOnce(location) {
  return /[?&]h=/.test(location.search) || location.hash.length > 1;
}

export function startMaterial(win = window) {
  const doc = win.document;
  const tag = doc.querySelector("script[data-material]");
  if (!tag) return;
  let asked = false;
  const load = () => {
    if (asked) return;
    asked = true;
    for (const type of WAKE_EVENTS) win.removeEventListener(type, load, true);
    const script = doc.createElement("script");
    script.src = tag.dataset.material;
    script.addEventListener("load", () => {
      win.dispatchEvent(new win.Event(ARRIVED));
      doc.dispatchEvent(new win.Event("DOMContentLoaded"));
      doc.documentElement.dataset.material = "ready";
    });
    doc.body.append(script);
  };
  if (wantedAtOnce(win.location)) load();
  else for (const type of WAKE_EVENTS) win.addEventListener(type, load, { capture: true, passive: true });
}

/* Whether Material has set the page up. */
export function materialReady(doc = document) {
  return doc.documentElement.dataset.material === "ready";
}

/* `run(document$)` once Material's script is there: now, or when it arrives. */
export function whenMaterial(run, win = window) {
  if (win.document$ && typeof win.document$.subscribe === "function") run(win.document$);
  else win.addEventListener(ARRIVED, () => run(win.document$), { once: true });
}
