/* The group's own guidelines, made on the Guidelines worksheet: what they hold, what each topic's state
 * is, the document they make, and the two files they are saved as (a document in Markdown, and the
 * overlay file org/data/our-guidelines.yml of an organisation's own copy of the site). Each file can
 * be opened again. Pure functions: no page, no storage. */

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
const isBlankAnswer = (a) => !a.mode && !a.wording.trim() && !a.followUp.trim();
export const isEmptyGuidelines = (doc) => !Object.keys(doc.topics).length && !TEXT_FIELDS.some((f) => doc[f]);

/* One topic as chosen so far: the words decided (null if none) and its state. */
export function topicState(topic, answer) {
  const stance = answer.mode === "stance" && topic.stances.find((s) => s.id === answer.stance);
  const decision = stance ? stance.text : answer.mode === "own" && answer.wording.trim() ? answer.wording.trim() : null;
  const followUp = answer.followUp.trim();
  const state = decision && (!topic.followUp || followUp) ? "decided" : decision || followUp ? "half" : "to-decide";
  return { decision, followUp, state };
}

/* A clean copy of stored or saved answers, or an Error a reader can act on. */
export function checkedGuidelines(data, contract, dates) {
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
    if (!isBlankAnswer(answer)) clean.topics[id] = answer;
  }
  return clean;
}

/* The document the answers make, as the page, the Markdown file and print show it. */
export function documentOf(doc, book, dates) {
  const agreedOn = dates.longDate(doc.agreedOn);
  const by = doc.agreedBy.trim().replace(/^by\s+/i, "");
  const agreed = by || agreedOn ? `These guidelines were agreed${by ? ` by ${by}` : ""}${agreedOn ? ` on ${agreedOn}` : ""}.`
    : "These guidelines have not been agreed yet.";
  const sections = [];
  const toDecide = [];
  for (const topic of book.topics) {
    const { decision, followUp, state } = topicState(topic, answerOf(doc, topic.id));
    if (state === "to-decide") toDecide.push(`${topic.title}: ${topic.question}`);
    else {
      sections.push({ title: topic.title, decision, followUp: topic.followUp && { question: topic.followUp, answer: followUp } });
      if (!decision) toDecide.push(`${topic.title}: ${topic.question}`);
      if (topic.followUp && !followUp) toDecide.push(`${topic.title}: ${topic.followUp}`);
    }
  }
  return { group: doc.group.trim(), agreed, sections, toDecide, credit: book.credit, licence: book.licence };
}

/* The guidelines as a Markdown document, with the answers in a comment at the end so it opens again here. */
export function asMarkdown(doc, book, { dates, siteName, now = new Date() }) {
  const d = documentOf(doc, book, dates);
  const out = ["# Our guidelines on social media", ""];
  if (d.group) out.push(`**${mdLine(d.group)}**`, "");
  out.push(md(d.agreed));
  for (const s of d.sections) {
    out.push("", `## ${mdLine(s.title)}`, "", s.decision ? mdLine(s.decision) : "*Still to decide.*");
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
    if (!topic) throw problem(`the topic “${id.slice(0, 60)}” is not one this site has`);
    if (!choice || typeof choice !== "object") throw problem(`the topic “${id}” has no choice in it`);
    const answer = blankAnswer();
    const stance = text(choice.stance, "stance");
    if (stance && !topic.stances.some((s) => s.id === stance)) throw problem(`the topic “${id}” names a stance this site does not have (“${stance.slice(0, 60)}”)`);
    answer.wording = text(choice.wording, "wording");
    answer.mode = stance ? "stance" : answer.wording ? "own" : "";
    answer.stance = stance;
    answer.followUp = text(choice.follow_up, "follow_up");
    if (!isBlankAnswer(answer)) doc.topics[id] = answer;
  }
  return doc;
}

/* A saved file, Markdown or YAML, read back into answers; an Error a reader can act on otherwise. */
export function readSaved(text, book, contract, dates) {
  const marked = new RegExp(`<!-- ${MARK}\\s*([\\s\\S]*?)\\s*-->`).exec(text);
  if (marked) {
    let data;
    try {
      data = JSON.parse(marked[1]);
    } catch (_) {
      throw new Error(`The answers at the end of this document are damaged, so it was not opened. ${UNTOUCHED}`);
    }
    return checkedGuidelines(data, contract, dates);
  }
  if (/^\s*#\s+\S/m.test(text) && !/^\s*[\w-]+\s*:/m.test(text)) {
    throw new Error("This document was not saved from this worksheet (or its last lines were removed), so it " +
      `was not opened. ${UNTOUCHED}`);
  }
  try {
    return fromOverlay(parseYaml(text), book, contract, dates);
  } catch (error) {
    if (error instanceof YamlProblem) {
      throw new Error(`This file could not be read as guidelines saved from this site (${error.message}), so it ` +
        `was not opened. ${UNTOUCHED}`);
    }
    throw error;
  }
}
