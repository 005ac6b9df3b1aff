/* A review as the two files it is saved as: a file to open again later, and Markdown for minutes. Only saving
 * needs them, so they come in the review's files part (review-files.js), not with every visit. Pure functions. */

import { statusLabels } from "./contract.js";
import { md, mdLine } from "./markdown-text.js";
import { MEETING, recordOf } from "./review-file.js";

/* The review as a file: each item carries its wording, so it can be listed even if the guidance changes, and the
 * file lists every item the guidance has now, so that, opened later, it can say which items are new since. */
export function forExport(review, guide, now = new Date()) {
  const items = {};
  for (const id of Object.keys(review.items)) {
    const known = guide.known.get(id);
    items[id] = Object.assign({}, review.items[id], known ? { text: known.item.text } : {});
  }
  const file = { format: review.format, version: review.version, saved: now.toISOString() };
  for (const field of MEETING) if (review[field]) file[field] = review[field];
  Object.assign(file, { known: [...guide.known.keys()], items });
  if (Object.keys(review.conflicts).length) file.conflicts = review.conflicts;
  return file;
}


/* Markdown for minutes: progress, open actions, then every item with its status and notes. */
export function asMarkdown(review, guide, plan, { siteName, contract, dates, now = new Date() }) {
  const labels = statusLabels(contract);
  const columns = contract.review.countColumns;
  const mdRecord = (r) => {
    const lines = [`  Status: ${labels.get(r.status)}.` +
      (r.owner ? ` Who will follow it up: ${mdLine(r.owner)}.` : "") +
      (r.due ? ` By when: ${dates.longDate(r.due)}.` : "")];
    if (r.notes) lines.push("", ...r.notes.split(/\r?\n/).map((line) => `  > ${md(line)}`.trimEnd()));
    return lines;
  };
  const out = ["# Review and action plan", "", `${mdLine(siteName)}: review saved on ${dates.savedWhen(now.toISOString())}.`, ""];
  if (review.reviewedOn) out.push(`Review held on ${dates.longDate(review.reviewedOn)}.`, "");
  if (review.people.trim()) out.push(`Who took part: ${mdLine(review.people)}.`, "");
  out.push("## Progress", "", `| Section | ${columns.map((id) => labels.get(id)).join(" | ")} |`,
    `| --- |${columns.map(() => " --: |").join("")}`);
  for (const list of guide.lists) {
    const n = plan.counts(list, review, contract);
    out.push(`| ${mdLine(list.title)} | ${columns.map((id) => n[id]).join(" | ")} |`);
  }
  out.push("", "## Open actions", "");
  const actions = plan.openActions(guide, review);
  actions.forEach(({ item, list, r }, i) => out.push(`${i + 1}. **${r.due ? `By ${dates.longDate(r.due)}` : "No date yet"}**: ` +
    `${mdLine(item.text)} (${mdLine(list.title)}). Who will follow it up: ${r.owner ? mdLine(r.owner) : "nobody named yet"}. ` +
    `Status: ${labels.get(r.status)}.`));
  if (!actions.length) out.push("None yet.");
  for (const list of guide.lists) {
    out.push("", `## ${mdLine(list.title)}`, "");
    for (const item of list.items) {
      const r = recordOf(review, item.id);
      out.push(`- [${r.status === "done" ? "x" : " "}] ${mdLine(item.text)}`, ...mdRecord(r));
    }
  }
  const gone = plan.orphans(review, guide);
  if (gone.length) {
    out.push("", "## No longer in the guidance", "");
    for (const id of gone) out.push(`- ${mdLine(review.items[id].text || id)}`, ...mdRecord(review.items[id]));
  }
  return out.join("\n") + "\n";
}
