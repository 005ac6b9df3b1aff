/* Checklists and the review and action plan, kept in this browser only.
 *
 * Progressive enhancement: without this script every checklist is a plain list. With it, each
 * item gets a labelled checkbox and a "Plan and notes" panel (status, notes, who follows it up,
 * by when), and the review page gathers everything, saves it as JSON or Markdown and opens a
 * saved JSON file. All of it lives in one localStorage key, keyed by the items' stable ids.
 * Nothing is ever sent anywhere: files are made and read inside the browser.
 * Text from storage or files is only ever set with textContent, never parsed as HTML.
 */
(() => {
  "use strict";

  const KEY = "sgsm-review";
  const FORMAT = "sgsm-review";
  const VERSION = 1;
  const MAX_FILE = 5e6;
  const STATUSES = [
    ["not-started", "Not started"],
    ["in-progress", "In progress"],
    ["done", "Done"],
    ["not-applicable", "Does not apply"],
  ];
  const STATUS_LABEL = Object.fromEntries(STATUSES);
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DAY = /^\d{4}-\d{2}-\d{2}$/;
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const UNTOUCHED = "The review kept in this browser has not been changed.";
  const NOT_A_REVIEW = "This file is not a review saved from this site, so it was not opened. " + UNTOUCHED;

  let review = blankReview();
  let guide = null; // the current guidance, read from the review page
  let pending = null; // what the confirmation dialog will do on "yes"
  let opener = null; // where focus returns when the dialog closes

  /* ---- the stored review ------------------------------------------------------------------ */

  function blankReview() {
    return { format: FORMAT, version: VERSION, saved: null, items: Object.create(null) };
  }

  const blankRecord = () => ({ status: "not-started", notes: "", owner: "", due: "" });
  const isBlank = (r) => r.status === "not-started" && !r.notes && !r.owner && !r.due;
  const record = (id) => review.items[id] || blankRecord();

  /* A clean copy of a saved review, or an Error whose message a reader can act on. */
  function checked(data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT) throw new Error(NOT_A_REVIEW);
    if (!Number.isInteger(data.version) || data.version < 1) throw new Error(NOT_A_REVIEW);
    if (data.version > VERSION) {
      throw new Error(`This review was saved by a newer version of this site (format ${data.version}; ` +
        `this page reads format ${VERSION}), so it was not opened. ${UNTOUCHED}`);
    }
    const items = data.items;
    if (!items || typeof items !== "object" || Array.isArray(items)) throw new Error(NOT_A_REVIEW);
    const clean = blankReview();
    clean.saved = typeof data.saved === "string" ? data.saved : null;
    for (const [id, saved] of Object.entries(items)) {
      const problem = (what) => new Error(`In this file the item “${id.slice(0, 60)}” has ${what}, ` +
        `so the file was not opened. ${UNTOUCHED}`);
      if (!ID.test(id) || id.length > 100) throw problem("a name this site never uses");
      if (!saved || typeof saved !== "object" || Array.isArray(saved)) throw problem("no answers in it");
      const r = blankRecord();
      for (const field of ["status", "notes", "owner", "due", "text"]) {
        if (saved[field] === undefined || saved[field] === null) continue;
        if (typeof saved[field] !== "string") throw problem(`a ${field} that is not text`);
        r[field] = saved[field];
      }
      if (!STATUSES.some(([value]) => value === r.status)) throw problem("a status this site does not know");
      if (r.due && !(DAY.test(r.due) && longDate(r.due))) throw problem("a date this site cannot read");
      if (!isBlank(r)) clean.items[id] = r;
    }
    return clean;
  }

  function load() {
    let raw = null;
    try {
      raw = localStorage.getItem(KEY);
      return raw ? checked(JSON.parse(raw)) : blankReview();
    } catch (error) {
      if (raw) {
        // Never overwrite what we cannot read: set it aside and start afresh.
        try { localStorage.setItem(KEY + "-unreadable", raw); localStorage.removeItem(KEY); } catch (_) { /* ignore */ }
        tell("The review kept in this browser could not be read, perhaps because it was saved by a newer " +
          "version of this site. It has been set aside, not deleted, and a new review started.", true);
      }
      return blankReview();
    }
  }

  function store() {
    review.saved = new Date().toISOString();
    try {
      if (Object.keys(review.items).length) localStorage.setItem(KEY, JSON.stringify(review));
      else localStorage.removeItem(KEY);
      return true;
    } catch (_) {
      tell("This browser did not let the site keep your changes: its storage may be full or switched off. " +
        "Save the review as a file so that nothing is lost.", true);
      return false;
    }
  }

  function change(id, changes, text) {
    const r = Object.assign(blankRecord(), record(id), changes);
    if (isBlank(r)) delete review.items[id];
    else review.items[id] = Object.assign(r, text ? { text } : {});
    store();
    refresh();
  }

  /* ---- small helpers ---------------------------------------------------------------------- */

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  function longDate(day) {
    const [y, m, d] = day.split("-").map(Number);
    const date = new Date(y, m - 1, d);
    if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return "";
    return `${d} ${MONTHS[m - 1]} ${y}`;
  }

  function today() {
    const now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  }

  function savedWhen(iso) {
    const when = new Date(iso);
    if (isNaN(when)) return "";
    const time = [when.getHours(), when.getMinutes()].map((n) => String(n).padStart(2, "0")).join(":");
    return `${when.getDate()} ${MONTHS[when.getMonth()]} ${when.getFullYear()} at ${time}`;
  }

  /* Messages go to the review page's status line, or else to each checklist's own. */
  function tell(message, problem) {
    const plan = document.querySelector(".review-plan [data-review-message]");
    (plan ? [plan] : document.querySelectorAll("[data-review-message]")).forEach((node) => {
      node.classList.toggle("is-problem", !!problem);
      setText(node, message);
    });
  }

  const itemText = (li) => li.querySelector(".checklist__text").textContent.trim();

  /* ---- checklists: checkbox, progress, reset, "Plan and notes" ----------------------------- */

  function enhance(list) {
    if (list.hasAttribute("data-enhanced")) return;
    list.setAttribute("data-enhanced", "");
    const title = list.dataset.checklistTitle || "";
    const bar = make("div", "checklist__bar");
    const progress = make("p", "checklist__progress");
    progress.setAttribute("role", "status");
    const reset = make("button", "md-button checklist__reset", "Clear ticks");
    reset.type = "button";
    reset.setAttribute("data-checklist-reset", "");
    reset.append(make("span", "checklist__hidden", ` in “${title}” (notes are kept)`));
    bar.append(progress, reset);
    if (!document.querySelector("[data-review-app]")) {
      const message = make("p", "checklist__message");
      message.setAttribute("role", "status");
      message.setAttribute("data-review-message", "");
      bar.append(message);
    }
    list.querySelector(".checklist__items").before(bar);
    list.querySelectorAll(".checklist__item[data-item]").forEach(enhanceItem);
  }

  function field(id, name, label, control) {
    const wrap = make("div", `checklist__field checklist__field--${name}`);
    const text = make("label", "", label);
    control.id = `${name}-${id}`;
    control.setAttribute("data-field", name);
    text.htmlFor = control.id;
    wrap.append(text, control);
    return wrap;
  }

  function enhanceItem(li) {
    const id = li.dataset.item;
    const text = li.querySelector(".checklist__text");
    const detail = li.querySelector(".checklist__detail");
    const box = make("input", "checklist__check");
    box.type = "checkbox";
    box.id = `check-${id}`;
    box.setAttribute("data-field", "done");
    const label = make("label", "checklist__label");
    label.htmlFor = box.id;
    text.before(label);
    label.append(text);
    if (detail) {
      detail.id = `detail-${id}`;
      box.setAttribute("aria-describedby", detail.id);
    }
    label.before(box);

    const status = make("select");
    for (const [value, name] of STATUSES) status.append(new Option(name, value));
    const notes = make("textarea");
    notes.rows = 4;
    const owner = make("input");
    owner.type = "text";
    owner.autocomplete = "off";
    const due = make("input");
    due.type = "date";

    const panel = make("details", "checklist__plan");
    const summary = make("summary", "", "Plan and notes");
    const fields = make("div", "checklist__fields");
    fields.append(field(id, "status", "Status", status), field(id, "notes", "Notes", notes),
      field(id, "owner", "Who will follow it up", owner), field(id, "due", "By when", due));
    panel.append(summary, fields);
    li.append(make("div", "checklist__record"), panel);
  }

  function showChecklist(list) {
    const items = list.querySelectorAll(".checklist__item[data-item]");
    let done = 0;
    let skipped = 0;
    items.forEach((li) => {
      const r = record(li.dataset.item);
      done += r.status === "done";
      skipped += r.status === "not-applicable";
      li.dataset.status = r.status;
      syncControls(li, r);
      showRecord(li.querySelector(".checklist__record"), r);
    });
    let progress = `${done} of ${items.length} done`;
    if (skipped) progress += `, ${skipped} ${skipped === 1 ? "does" : "do"} not apply`;
    setText(list.querySelector(".checklist__progress"), progress);
  }

  function syncControls(li, r) {
    li.querySelectorAll("[data-field]").forEach((control) => {
      const name = control.dataset.field;
      if (name === "done") control.checked = r.status === "done";
      else if (control.value !== r[name]) control.value = r[name];
    });
  }

  /* The record as text: shown under the item, and what a printed page shows. */
  function showRecord(node, r) {
    const key = JSON.stringify([r.status, r.owner, r.due, r.notes]);
    if (node.dataset.shown === key) return;
    node.dataset.shown = key;
    node.replaceChildren();
    node.hidden = isBlank(r);
    if (node.hidden) return;
    const line = make("p", "checklist__record-line");
    const part = (name, value) => {
      const span = make("span", "checklist__record-part");
      span.append(make("span", "checklist__record-name", `${name}: `), value);
      line.append(span, " ");
    };
    part("Status", STATUS_LABEL[r.status]);
    if (r.owner) part("Who will follow it up", r.owner);
    if (r.due) part("By when", longDate(r.due));
    node.append(line);
    if (r.notes) {
      const notes = make("p", "checklist__record-notes");
      notes.append(make("span", "checklist__record-name", "Notes: "), r.notes);
      node.append(notes);
    }
  }

  /* ---- the review page -------------------------------------------------------------------- */

  function readGuide() {
    const source = document.getElementById("review-guidance");
    try {
      const data = JSON.parse((source.content || source).textContent);
      const known = new Map();
      for (const list of data.checklists) for (const item of list.items) known.set(item.id, { item, list });
      return { lists: data.checklists, known };
    } catch (_) {
      return { lists: [], known: new Map() };
    }
  }

  function counts(list) {
    const n = { done: 0, "in-progress": 0, "not-started": 0, "not-applicable": 0 };
    for (const item of list.items) n[record(item.id).status] += 1;
    return n;
  }

  /* Not done, not set aside, and either under way or given to someone or to a date. */
  function openActions() {
    const actions = [];
    guide.lists.forEach((list) => list.items.forEach((item) => {
      const r = record(item.id);
      if ((r.status === "in-progress" || (r.status === "not-started" && (r.owner || r.due)))) {
        actions.push({ item, list, r });
      }
    }));
    return actions.sort((a, b) => (a.r.due || "9999") < (b.r.due || "9999") ? -1
      : (a.r.due || "9999") > (b.r.due || "9999") ? 1 : 0);
  }

  const orphans = () => Object.keys(review.items).filter((id) => !guide.known.has(id));

  function showPlan(app) {
    setText(app.querySelector("[data-review-updated]"), review.saved && Object.keys(review.items).length
      ? `Last changed in this browser on ${savedWhen(review.saved)}.` : "Nothing recorded yet.");

    const rows = guide.lists.map((list) => {
      const row = make("tr");
      const head = make("th", "", list.title);
      head.scope = "row";
      row.append(head);
      const n = counts(list);
      for (const status of ["done", "in-progress", "not-started", "not-applicable"]) row.append(make("td", "", String(n[status])));
      return row;
    });
    app.querySelector("[data-review-counts]").replaceChildren(...rows);

    const actions = openActions();
    const now = today();
    app.querySelector("[data-review-actions]").replaceChildren(...actions.map(({ item, list, r }) => {
      const li = make("li");
      const when = r.due ? `By ${longDate(r.due)}${r.due < now ? " (overdue)" : ""}` : "No date yet";
      li.append(make("strong", "", when), ": ");
      const link = make("a", "", item.text);
      link.href = `#item-${item.id}`;
      li.append(link, ` (${list.title}). `);
      li.append(`Who will follow it up: ${r.owner || "nobody named yet"}. Status: ${STATUS_LABEL[r.status]}.`);
      return li;
    }));
    app.querySelector("[data-review-no-actions]").hidden = actions.length > 0;

    const gone = orphans();
    app.querySelector("[data-review-orphans]").hidden = !gone.length;
    app.querySelector("[data-review-orphan-list]").replaceChildren(...gone.map((id) => {
      const li = make("li");
      const r = review.items[id];
      li.append(make("p", "review-plan__orphan-text", r.text || `An item with the id “${id}”`));
      const shown = make("div", "checklist__record");
      showRecord(shown, r);
      const forget = make("button", "md-button", "Remove from the review");
      forget.type = "button";
      forget.setAttribute("data-review-forget", id);
      forget.append(make("span", "checklist__hidden", `: ${r.text || id}`));
      li.append(shown, forget);
      return li;
    }));
  }

  function refresh() {
    document.querySelectorAll(".checklist[data-enhanced]").forEach(showChecklist);
    const app = document.querySelector("[data-review-app]");
    if (app && guide) showPlan(app);
  }

  /* ---- saving and opening files ----------------------------------------------------------- */

  function forExport() {
    const items = {};
    for (const id of Object.keys(review.items)) {
      const known = guide.known.get(id);
      items[id] = Object.assign({}, review.items[id], known ? { text: known.item.text } : {});
    }
    return { format: FORMAT, version: VERSION, saved: new Date().toISOString(), items };
  }

  const md = (text) => String(text).replace(/[\\`*_[\]<>#|&~]/g, "\\$&");
  const mdLine = (text) => md(String(text).replace(/\s+/g, " ").trim());

  function mdRecord(r) {
    const lines = [`  Status: ${STATUS_LABEL[r.status]}.` +
      (r.owner ? ` Who will follow it up: ${mdLine(r.owner)}.` : "") +
      (r.due ? ` By when: ${longDate(r.due)}.` : "")];
    if (r.notes) lines.push("", ...r.notes.split(/\r?\n/).map((line) => `  > ${md(line)}`.trimEnd()));
    return lines;
  }

  function asMarkdown() {
    const site = document.querySelector(".md-header__topic .md-ellipsis"); // the site's name, a fork's own too
    const out = ["# Review and action plan", "", `${mdLine(site ? site.textContent : document.title)}: ` +
      `review saved on ${savedWhen(new Date().toISOString())}.`,
      "", "## Progress", "", "| Section | Done | In progress | Not started | Does not apply |", "| --- | --: | --: | --: | --: |"];
    for (const list of guide.lists) {
      const n = counts(list);
      out.push(`| ${mdLine(list.title)} | ${n.done} | ${n["in-progress"]} | ${n["not-started"]} | ${n["not-applicable"]} |`);
    }
    out.push("", "## Open actions", "");
    const actions = openActions();
    actions.forEach(({ item, list, r }, i) => out.push(`${i + 1}. **${r.due ? `By ${longDate(r.due)}` : "No date yet"}**: ` +
      `${mdLine(item.text)} (${mdLine(list.title)}). Who will follow it up: ${r.owner ? mdLine(r.owner) : "nobody named yet"}. ` +
      `Status: ${STATUS_LABEL[r.status]}.`));
    if (!actions.length) out.push("None yet.");
    for (const list of guide.lists) {
      out.push("", `## ${mdLine(list.title)}`, "");
      for (const item of list.items) {
        const r = record(item.id);
        out.push(`- [${r.status === "done" ? "x" : " "}] ${mdLine(item.text)}`, ...mdRecord(r));
      }
    }
    const gone = orphans();
    if (gone.length) {
      out.push("", "## No longer in the guidance", "");
      for (const id of gone) out.push(`- ${mdLine(review.items[id].text || id)}`, ...mdRecord(review.items[id]));
    }
    return out.join("\n") + "\n";
  }

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
    const link = make("a");
    link.href = url;
    link.download = name;
    // A detached link, and no bubbling: Material's instant navigation never sees this click.
    link.addEventListener("click", (event) => event.stopPropagation());
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    tell(`Saved “${name}” to this device (usually in your Downloads folder). Nothing was sent anywhere.`);
  }

  async function open(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    let incoming;
    try {
      if (file.size > MAX_FILE) throw new Error(`This file is too large to be a saved review, so it was not opened. ${UNTOUCHED}`);
      let data;
      try {
        data = JSON.parse(await file.text());
      } catch (_) {
        throw new Error("This file could not be read as a saved review: it may be cut short, damaged or " +
          `another kind of file, so it was not opened. ${UNTOUCHED}`);
      }
      incoming = checked(data);
    } catch (error) {
      tell(error.message, true);
      return;
    }
    const count = Object.keys(incoming.items).length;
    const replace = () => {
      review = incoming;
      if (store()) tell(`Opened “${file.name}”: answers for ${count} ${count === 1 ? "item" : "items"} restored. ` +
        "It was read on this device; nothing was sent anywhere.");
      refresh();
    };
    const current = Object.keys(review.items).length;
    if (!current) replace();
    else {
      confirmStep("Replace the review in this browser?",
        `This browser holds answers for ${current} ${current === 1 ? "item" : "items"}. Opening “${file.name}” ` +
        "replaces them with the answers in the file. Save the current review as a file first if you want to keep it.",
        "Yes, replace it", replace, input);
    }
  }

  /* ---- confirmation (a modal dialog, so keyboard and screen readers stay in it) ------------ */

  function confirmStep(title, text, yes, then, from) {
    const dialog = document.querySelector("[data-review-dialog]");
    setText(dialog.querySelector("[data-review-dialog-title]"), title);
    setText(dialog.querySelector("[data-review-dialog-text]"), text);
    setText(dialog.querySelector("[data-review-dialog-confirm]"), yes);
    pending = then;
    opener = from || document.activeElement;
    dialog.showModal();
    dialog.querySelector("[data-review-dialog-cancel]").focus();
  }

  function closeDialog(dialog, confirmed) {
    const then = confirmed ? pending : null;
    pending = null;
    dialog.close();
    if (then) then();
    else tell("Nothing was changed.");
  }

  /* However the dialog closes (a button or Escape), focus goes back where it came from. */
  function onClose(event) {
    if (!event.target.matches || !event.target.matches("[data-review-dialog]")) return;
    if (pending) {
      pending = null;
      tell("Nothing was changed.");
    }
    if (opener && opener.isConnected) opener.focus();
  }

  /* ---- events: one set of listeners on the document, so instant navigation needs no re-binding */

  function onEdit(event) {
    const control = event.target;
    const li = control.closest && control.closest(".checklist__item[data-item]");
    if (!li || !control.dataset.field) return;
    const id = li.dataset.item;
    const name = control.dataset.field;
    const r = record(id);
    if (name === "done") {
      const busy = r.notes || r.owner || r.due;
      change(id, { status: control.checked ? "done" : busy ? "in-progress" : "not-started" }, itemText(li));
    } else if (name === "due") {
      if (!control.value || longDate(control.value)) change(id, { due: control.value }, itemText(li));
    } else {
      change(id, { [name]: control.value }, itemText(li));
    }
  }

  function onClick(event) {
    const target = event.target.closest ? event.target.closest("button") : null;
    if (!target) return;
    const dialog = target.closest("[data-review-dialog]");
    if (target.hasAttribute("data-checklist-reset")) {
      const list = target.closest(".checklist");
      let cleared = 0;
      list.querySelectorAll(".checklist__item[data-item]").forEach((li) => {
        if (record(li.dataset.item).status !== "not-started") {
          cleared += 1;
          review.items[li.dataset.item] = Object.assign(record(li.dataset.item), { status: "not-started" });
          if (isBlank(review.items[li.dataset.item])) delete review.items[li.dataset.item];
        }
      });
      store();
      refresh();
      const progress = list.querySelector(".checklist__progress");
      if (cleared) setText(progress, `${progress.textContent}. Ticks cleared; notes kept.`);
    } else if (target.hasAttribute("data-review-dialog-confirm")) closeDialog(dialog, true);
    else if (target.hasAttribute("data-review-dialog-cancel")) closeDialog(dialog, false);
    else if (target.hasAttribute("data-review-forget")) {
      delete review.items[target.getAttribute("data-review-forget")];
      store();
      refresh();
      tell("Removed from the review.");
      const next = document.querySelector("[data-review-forget]") || document.querySelector("[data-review-progress-heading]");
      if (!next.matches("button")) next.tabIndex = -1;
      next.focus();
    } else {
      const action = target.getAttribute("data-review-action");
      const stamp = today();
      if (action === "save-json") download(`safeguarding-review-${stamp}.json`, JSON.stringify(forExport(), null, 2), "application/json");
      else if (action === "save-markdown") download(`safeguarding-review-${stamp}.md`, asMarkdown(), "text/markdown");
      else if (action === "start-new") {
        confirmStep("Start a new review?", "This clears every status, note, name and date kept in this browser, " +
          "on every checklist. Save the review as a file first if you may need it again.", "Yes, clear everything", () => {
          review = blankReview();
          if (store()) tell("A new review has been started: everything recorded before was cleared from this browser.");
          refresh();
        });
      }
    }
  }

  function init() {
    review = load();
    document.querySelectorAll(".checklist[data-checklist]").forEach(enhance);
    const app = document.querySelector("[data-review-app]");
    guide = app ? readGuide() : null;
    if (app) app.hidden = false;
    refresh();
  }

  document.addEventListener("change", onEdit);
  document.addEventListener("input", (event) => {
    if (event.target.tagName === "TEXTAREA" || event.target.type === "text") onEdit(event);
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches("[data-review-action=import]")) open(event.target);
  });
  document.addEventListener("click", onClick);
  document.addEventListener("close", onClose, true);
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) init();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
