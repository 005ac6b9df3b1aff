/* The review's report to trustees as Markdown, to paste into minutes or send to trustees. Only saving it needs
 * this, so it comes in the review's files part (review-files.js). Pure functions. */

import { mdLine } from "./markdown-text.js";
import { REPORT_TITLE } from "./review-report.js";

const BAR = 20; // characters in a bar of the Markdown file's chart

/* The report as Markdown, to paste into minutes or send to trustees. */
export function reportMarkdown(report, { siteName, dates, now = new Date() }) {
  const out = [`# ${REPORT_TITLE}`, "", `From the review and action plan of “${mdLine(siteName)}”.`, "",
    `- **Date of the review:** ${report.reviewedOn || "not given"}`,
    `- **Who took part:** ${report.people ? mdLine(report.people) : "not given"}`,
    `- **Next review:** ${report.next ? `by ${report.next}` : "not set"}`, "",
    `## Where the ${report.total} items stand`, "", "| Status | Items | Share |", "| --- | --: | --: |",
    ...report.totals.map((row) => `| ${row.label} | ${row.n} | ${row.share}% |`), "", "```text"];
  const width = Math.max(...report.totals.map((row) => row.label.length));
  for (const row of report.totals) {
    const filled = report.total ? Math.round((BAR * row.n) / report.total) : 0;
    out.push(`${row.label.padEnd(width)}  ${"#".repeat(filled)}${".".repeat(BAR - filled)}  ${row.n}`);
  }
  out.push("```", "", "## Open actions, soonest first", "");
  if (!report.actions.length) out.push("No open actions.");
  else {
    out.push("| Action | Who will follow it up | By when | Status |", "| --- | --- | --- | --- |");
    for (const a of report.actions) {
      out.push(`| ${mdLine(a.text)} | ${a.owner ? mdLine(a.owner) : "nobody named yet"} | ` +
        `${a.due ? `${a.due}${a.overdue ? " (overdue)" : ""}` : "no date yet"} | ${a.status} |`);
    }
  }
  out.push("", "---", "", `Saved on ${dates.savedWhen(now.toISOString())}.`, "");
  return out.join("\n");
}
