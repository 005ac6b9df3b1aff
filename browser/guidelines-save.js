/* The two files the group's guidelines are saved as: a document in Markdown (its answers in a comment at the
 * end, so it opens again on the worksheet), and the overlay file org/data/our-guidelines.yml of an
 * organisation's own copy of the site. guidelines-file.js reads both back. Pure functions. */

import { guidelinesReviewDay } from "./due.js";
import { CHANGES_HEADING, CHOICES_HEADING, MARK, RULES_HEADING, answerOf, changeWords, documentOf, ruleState, rulesIntro,
  topicState } from "./guidelines-file.js";
import { md, mdLine } from "./markdown-text.js";

const STILL = "*Still to decide.*";

/* One line of the record, with the lead's phone and email. */
function recordLine(row) {
  const contact = [row.phone && `phone ${row.phone}`, row.email && `email ${row.email}`].filter(Boolean).join(", ");
  return `- **${row.term}:** ${mdLine(row.words)}${contact ? `; ${mdLine(contact)}` : ""}`;
}

/* The guidelines as a Markdown document, with the answers in a comment at the end so it opens again here. */
export function asMarkdown(doc, book, { dates, contract, siteName, now = new Date() }) {
  const d = documentOf(doc, book, dates, contract);
  const out = ["# Our guidelines on social media", ""];
  if (d.group) out.push(`**${mdLine(d.group)}**`, "");
  out.push(...d.record.map(recordLine), "", `## ${RULES_HEADING}`, "", md(rulesIntro(d)), "");
  d.rules.forEach((r, n) => {
    out.push(`${n + 1}. **${mdLine(r.title)}.** ${mdLine(r.text)}`);
    if (r.followUp) out.push(`   **${mdLine(r.followUp.question)}** ${r.followUp.answer ? mdLine(r.followUp.answer) : STILL}`);
  });
  out.push("", `## ${CHOICES_HEADING}`);
  for (const s of d.sections) {
    out.push("", `### ${mdLine(s.title)}`, "", s.decision ? mdLine(s.decision) : STILL);
    if (s.followUp) out.push("", `**${mdLine(s.followUp.question)}** ${s.followUp.answer ? mdLine(s.followUp.answer) : STILL}`);
  }
  if (d.toDecide.length) out.push("", "## Still to decide", "", ...d.toDecide.map((t) => `- ${mdLine(t)}`));
  if (d.changes.length) {
    out.push("", `## ${CHANGES_HEADING}`);
    for (const entry of d.changes) {
      out.push("", `### ${mdLine(entry.heading)}`, "");
      if (!entry.items.length) out.push("Nothing changed.");
      for (const item of entry.items) out.push(`- **${mdLine(item.title)}** (${mdLine(item.part)}): ${mdLine(changeWords(item))}`);
    }
  }
  out.push("", "---", "", `${md(d.credit)} Licence: <${d.licence.url}>`, "",
    `Made on the Guidelines worksheet of “${mdLine(siteName)}” on ${dates.longDate(dates.today(now))}.`, "",
    `<!-- ${MARK}`, JSON.stringify(doc, null, 1).replace(/--/g, "-\\u002d"), "-->", "");
  return out.join("\n");
}

const yamlText = (text) => JSON.stringify(text.trim())
  .replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/* The overlay file org/data/our-guidelines.yml: the same choices, as an organisation's own copy builds them. */
export function asYaml(doc, book, { dates, contract, now = new Date() }) {
  const out = [book.schemaLine,
    `# Our guidelines, as chosen on the Guidelines worksheet on ${dates.longDate(dates.today(now))}.`,
    "# For your organisation's own copy of the site: save this file as org/data/our-guidelines.yml.", ""];
  if (doc.group.trim()) out.push(`group: ${yamlText(doc.group)}`);
  if (doc.agreedBy.trim()) out.push(`agreed_by: ${yamlText(doc.agreedBy.replace(/^\s*by\s+/i, ""))}`);
  if (doc.agreedRole.trim()) out.push(`agreed_role: ${yamlText(doc.agreedRole)}`);
  if (dates.longDate(doc.agreedOn)) {
    out.push(`agreed_on: ${doc.agreedOn}`);
    const review = guidelinesReviewDay(doc, contract);
    if (doc.reviewOn && review > doc.agreedOn) out.push(`review_on: ${review}`);
  } else if (dates.longDate(doc.reviewOn)) out.push(`review_on: ${doc.reviewOn}`);
  if (doc.leadName.trim() && !book.organisation) {
    out.push("# The safeguarding lead named on the worksheet. A copy of the site shows the one in organisation.yml.",
      "safeguarding_lead:", `  name: ${yamlText(doc.leadName)}`);
    for (const [field, value] of [["role", doc.leadRole], ["phone", doc.leadPhone], ["email", doc.leadEmail]]) {
      if (value.trim()) out.push(`  ${field}: ${yamlText(value)}`);
    }
  }
  const choices = [];
  for (const rule of book.rules) {
    const { followUp } = ruleState(rule, answerOf(doc, rule.id));
    if (rule.followUp && followUp) choices.push(`  ${rule.id}:`, `    follow_up: ${yamlText(followUp)}`);
  }
  for (const topic of book.topics) {
    const answer = answerOf(doc, topic.id);
    const { decision, followUp } = topicState(topic, answer);
    const lines = [];
    if (decision && answer.mode === "stance") lines.push(`    stance: ${answer.stance}`);
    else if (decision) lines.push(`    wording: ${yamlText(decision)}`);
    if (topic.followUp && followUp) lines.push(`    follow_up: ${yamlText(followUp)}`);
    if (lines.length) choices.push(`  ${topic.id}:`, ...lines);
  }
  out.push(choices.length ? "choices:" : "choices: {}", ...choices, "");
  return out.join("\n");
}
