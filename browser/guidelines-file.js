/* The group's own guidelines, made on the Guidelines worksheet: the leaflet's rules (the floor of every
 * organisation's guidelines: a rule is never chosen, only its follow-up answered), then the group's answer to
 * each question; what each one's state is, the document they make, and the two files they are saved as (a
 * document in Markdown, and the overlay file org/data/our-guidelines.yml of an organisation's own copy of
 * the site). Each file can be opened again, an older version's too. Pure functions: no page, no storage. */

import { isItemId } from "./contract.js";
import { md, mdLine } from "./markdown-text.js";
import { YamlProblem, parseYaml } from "./yaml-subset.js";

export const UNTOUCHED = "The worksheet in this browser has not been changed.";
const MODES = ["", "stance", "own"];
const TEXT_FIELDS = ["group", "agreedBy", "agreedOn"];
const ANSWER_FIELDS = ["mode", "stance", "wording", "followUp"];
const MARK = "sgsm-guidelines"; // how the Markdown file carries the answers, in a comment at its end

export function blankGuidelines(contract) {
  const { format, version } = contract.guidelines;
  return { format, version, saved: null, exported: null, unsavedSince: null, group: "", agreedBy: "", agreedOn: "",
    topics: Object.create(null) };
}

export const blankAnswer = () => ({ mode: "", stance: "", wording: "", followUp: "" });
export const answerOf = (doc, id) => doc.topics[id] || blankAnswer();
const isRule = (book, id) => !!book && book.rules.some((rule) => rule.id === id);

/* A rule's answer holds only its follow-up. Own words given to it when it was still a question (an older
 * file) are kept, as part of that answer; a stance chosen then is no longer needed. */
function asRuleAnswer(answer) {
  const words = [answer.followUp.trim(), answer.mode === "own" ? answer.wording.trim() : ""].filter(Boolean);
  return Object.assign(blankAnswer(), { followUp: words.join(" ") });
}
const isBlankAnswer = (a) => !a.mode && !a.wording.trim() && !a.followUp.trim();
export const isEmptyGuidelines = (doc) => !Object.keys(doc.topics).length && !TEXT_FIELDS.some((f) => doc[f]);

/* One rule: answered once its follow-up is (a rule without one is always in place). */
export function ruleState(rule, answer) {
  const followUp = answer.followUp.trim();
  return { followUp, state: !rule.followUp || followUp ? "decided" : "to-decide" };
}

/* One topic as chosen so far: the words decided (null if none) and its state. */
export function topicState(topic, answer) {
  const stance = answer.mode === "stance" && topic.stances.find((s) => s.id === answer.stance);
  const decision = stance ? stance.text : answer.mode === "own" && answer.wording.trim() ? answer.wording.trim() : null;
  const followUp = answer.followUp.trim();
  const state = decision && (!topic.followUp || followUp) ? "decided" : decision || followUp ? "half" : "to-decide";
  return { decision, followUp, state };
}

/* A clean copy of stored or saved answers, or an Error a reader can act on. With the worksheet's `book`, an
 * answer to a rule keeps only its follow-up (see asRuleAnswer). */
export function checkedGuidelines(data, contract, dates, book) {
  const { format, version } = contract.guidelines;
  const notOurs = `This file does not hold guidelines saved from this site, so it was not opened. ${UNTOUCHED}`;
  if (!data || typeof data !== "object" || data.format !== format || !Number.isInteger(data.version)) throw new Error(notOurs);
  if (data.version > version) {
    throw new Error(`These guidelines were saved by a newer version of this site, so they were not opened. ${UNTOUCHED}`);
  }
  const clean = blankGuidelines(contract);
  for (const field of ["saved", "exported", "unsavedSince", ...TEXT_FIELDS]) {
    if (typeof data[field] === "string") clean[field] = data[field];
  }
  if (clean.agreedOn && !dates.longDate(clean.agreedOn)) clean.agreedOn = "";
  const topics = data.topics || {};
  if (typeof topics !== "object" || Array.isArray(topics)) throw new Error(notOurs);
  for (const [id, saved] of Object.entries(topics)) {
    if (!isItemId(contract, id) || !saved || typeof saved !== "object") throw new Error(notOurs);
    const answer = blankAnswer();
    for (const field of ANSWER_FIELDS) if (typeof saved[field] === "string") answer[field] = saved[field];
    if (!MODES.includes(answer.mode)) answer.mode = "";
    const kept = isRule(book, id) ? asRuleAnswer(answer) : answer;
    if (!isBlankAnswer(kept)) clean.topics[id] = kept;
  }
  return clean;
}

/* The document the answers make, as the page, the Markdown file and print show it. */
export function documentOf(doc, book, dates) {
  const agreedOn = dates.longDate(doc.agreedOn);
  const by = doc.agreedBy.trim().replace(/^by\s+/i, "");
  const agreed = by || agreedOn ? `These guidelines were agreed${by ? ` by ${by}` : ""}${agreedOn ? ` on ${agreedOn}` : ""}.`
    : "These guidelines have not been agreed yet.";
  const toDecide = [];
  const rules = book.rules.map((rule) => {
    const { followUp } = ruleState(rule, answerOf(doc, rule.id));
    if (rule.followUp && !followUp) toDecide.push(`${rule.title}: ${rule.followUp}`);
    return { title: rule.title, text: rule.text, followUp: rule.followUp && { question: rule.followUp, answer: followUp } };
  });
  const sections = [];
  for (const topic of book.topics) {
    const { decision, followUp, state } = topicState(topic, answerOf(doc, topic.id));
    if (state === "to-decide") toDecide.push(`${topic.title}: ${topic.question}`);
    else {
      sections.push({ title: topic.title, decision, followUp: topic.followUp && { question: topic.followUp, answer: followUp } });
      if (!decision) toDecide.push(`${topic.title}: ${topic.question}`);
      if (topic.followUp && !followUp) toDecide.push(`${topic.title}: ${topic.followUp}`);
    }
  }
  return { group: doc.group.trim(), agreed, leaflet: book.leaflet, rules, sections, toDecide, credit: book.credit,
    licence: book.licence };
}

export const RULES_HEADING = "The rules we all follow";
export const CHOICES_HEADING = "Our own choices";
export const rulesIntro = (d) => `These rules come from the leaflet “${d.leaflet}”. Every organisation’s guidelines include them.`;

const RULES_SINCE = 2; // the version in which the leaflet's rules became the floor; some were questions before

/* What is new since a file saved by an earlier version of the worksheet: "" when nothing is. */
export function newSince(book, version) {
  if (!Number.isInteger(version) || version >= Math.max(...[...book.rules, ...book.topics].map((e) => e.since))) return "";
  const named = (entries) => entries.map((e) => `“${e.title}”`).join(", ");
  const becameRules = version < RULES_SINCE ? book.rules.filter((r) => r.since <= version) : [];
  const newRules = book.rules.filter((r) => r.since > version);
  const newTopics = book.topics.filter((t) => t.since > version);
  const parts = [];
  if (becameRules.length) {
    parts.push(`${named(becameRules)} ${becameRules.length === 1 ? "is" : "are"} now among the leaflet’s rules, which ` +
      "every organisation’s guidelines include: there is no stance to choose, and your answers on them are kept as how " +
      "you put them into practice");
  }
  if (newRules.length) parts.push(`the leaflet’s other rules are now in your guidelines too: ${named(newRules)}`);
  if (newTopics.length) parts.push(`new questions to decide: ${named(newTopics)}`);
  return `This file was saved by an earlier version of the worksheet. New since then: ${parts.join("; ")}.`;
}

/* The guidelines as a Markdown document, with the answers in a comment at the end so it opens again here. */
export function asMarkdown(doc, book, { dates, siteName, now = new Date() }) {
  const d = documentOf(doc, book, dates);
  const out = ["# Our guidelines on social media", ""];
  if (d.group) out.push(`**${mdLine(d.group)}**`, "");
  out.push(md(d.agreed), "", `## ${RULES_HEADING}`, "", md(rulesIntro(d)), "");
  d.rules.forEach((r, n) => {
    out.push(`${n + 1}. **${mdLine(r.title)}.** ${mdLine(r.text)}`);
    if (r.followUp) out.push(`   **${mdLine(r.followUp.question)}** ${r.followUp.answer ? mdLine(r.followUp.answer) : "*Still to decide.*"}`);
  });
  out.push("", `## ${CHOICES_HEADING}`);
  for (const s of d.sections) {
    out.push("", `### ${mdLine(s.title)}`, "", s.decision ? mdLine(s.decision) : "*Still to decide.*");
    if (s.followUp) out.push("", `**${mdLine(s.followUp.question)}** ${s.followUp.answer ? mdLine(s.followUp.answer) : "*Still to decide.*"}`);
  }
  if (d.toDecide.length) out.push("", "## Still to decide", "", ...d.toDecide.map((t) => `- ${mdLine(t)}`));
  out.push("", "---", "", `${md(d.credit)} Licence: <${d.licence.url}>`, "",
    `Made on the Guidelines worksheet of “${mdLine(siteName)}” on ${dates.longDate(dates.today(now))}.`, "",
    `<!-- ${MARK}`, JSON.stringify(doc, null, 1).replace(/--/g, "-\\u002d"), "-->", "");
  return out.join("\n");
}

const yamlText = (text) => JSON.stringify(text.trim())
  .replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/* The overlay file org/data/our-guidelines.yml: the same choices, as an organisation's own copy builds them. */
export function asYaml(doc, book, { dates, now = new Date() }) {
  const out = [book.schemaLine,
    `# Our guidelines, as chosen on the Guidelines worksheet on ${dates.longDate(dates.today(now))}.`,
    "# For your organisation's own copy of the site: save this file as org/data/our-guidelines.yml.", ""];
  if (doc.group.trim()) out.push(`group: ${yamlText(doc.group)}`);
  if (doc.agreedBy.trim()) out.push(`agreed_by: ${yamlText(doc.agreedBy.replace(/^\s*by\s+/i, ""))}`);
  if (dates.longDate(doc.agreedOn)) out.push(`agreed_on: ${doc.agreedOn}`);
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

/* Answers read from an overlay file (as parsed), checked against the topics this site has. */
function fromOverlay(data, book, contract, dates) {
  const problem = (what) => new Error(`In this file ${what}, so it was not opened. ${UNTOUCHED}`);
  if (!data || typeof data !== "object") throw problem("there are no guidelines");
  const doc = blankGuidelines(contract);
  const text = (value, name) => {
    if (value === undefined || value === null) return "";
    if (typeof value !== "string") throw problem(`“${name}” is not text`);
    return value.trim();
  };
  doc.group = text(data.group, "group");
  doc.agreedBy = text(data.agreed_by, "agreed_by") || text(data.agreed, "agreed").replace(/^by\s+/i, "");
  doc.agreedOn = text(data.agreed_on, "agreed_on");
  if (doc.agreedOn && !dates.longDate(doc.agreedOn)) throw problem(`the date “${doc.agreedOn}” cannot be read (write it as YYYY-MM-DD)`);
  const choices = data.choices || {};
  if (typeof choices !== "object") throw problem("“choices” is not a list of topics");
  for (const [id, choice] of Object.entries(choices)) {
    const topic = book.topics.find((t) => t.id === id);
    const rule = isRule(book, id);
    if (!topic && !rule) throw problem(`the topic “${id.slice(0, 60)}” is not one this site has`);
    if (!choice || typeof choice !== "object") throw problem(`the topic “${id}” has no choice in it`);
    const answer = blankAnswer();
    const stance = text(choice.stance, "stance");
    if (topic && stance && !topic.stances.some((s) => s.id === stance)) throw problem(`the topic “${id}” names a stance this site does not have (“${stance.slice(0, 60)}”)`);
    answer.wording = text(choice.wording, "wording");
    answer.mode = stance ? "stance" : answer.wording ? "own" : "";
    answer.stance = stance;
    answer.followUp = text(choice.follow_up, "follow_up");
    const kept = rule ? asRuleAnswer(answer) : answer;
    if (!isBlankAnswer(kept)) doc.topics[id] = kept;
  }
  return doc;
}

/* A saved file, Markdown or YAML, read back: { doc, version } (the worksheet version that saved a Markdown
 * document; null for the overlay file, which does not say); an Error a reader can act on otherwise. */
export function readSaved(text, book, contract, dates) {
  const marked = new RegExp(`<!-- ${MARK}\\s*([\\s\\S]*?)\\s*-->`).exec(text);
  if (marked) {
    let data;
    try {
      data = JSON.parse(marked[1]);
    } catch (_) {
      throw new Error(`The answers at the end of this document are damaged, so it was not opened. ${UNTOUCHED}`);
    }
    return { doc: checkedGuidelines(data, contract, dates, book), version: data.version };
  }
  if (/^\s*#\s+\S/m.test(text) && !/^\s*[\w-]+\s*:/m.test(text)) {
    throw new Error("This document was not saved from this worksheet (or its last lines were removed), so it " +
      `was not opened. ${UNTOUCHED}`);
  }
  try {
    return { doc: fromOverlay(parseYaml(text), book, contract, dates), version: null };
  } catch (error) {
    if (error instanceof YamlProblem) {
      throw new Error(`This file could not be read as guidelines saved from this site (${error.message}), so it ` +
        `was not opened. ${UNTOUCHED}`);
    }
    throw error;
  }
}
