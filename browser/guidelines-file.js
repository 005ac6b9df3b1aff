/* The group's own guidelines, made on the Guidelines worksheet: who agreed them, when, their next review and
 * the safeguarding lead; the leaflet's rules (the floor of every organisation's guidelines: a rule is never
 * chosen, only its follow-up answered), then the group's answer to each question; what each one's state is,
 * the document they make, and how a saved file (guidelines-save.js writes them) is read back, an older
 * version's too. Pure functions: no page, no storage. */

import { isItemId } from "./contract.js";
import { guidelinesReviewDay } from "./due.js";
import { YamlProblem, parseYaml } from "./yaml-subset.js";

export const UNTOUCHED = "The worksheet in this browser has not been changed.";
const MODES = ["", "stance", "own"];
const TEXT_FIELDS = ["group", "agreedBy", "agreedRole", "agreedOn", "reviewOn", "leadName", "leadRole", "leadPhone",
  "leadEmail"];
const DAY_FIELDS = ["agreedOn", "reviewOn"];
const CHANGE_FIELDS = ["title", "part", "was", "now"];
const MAX_RECORD = 20; // entries in a record of changes (one per earlier version compared)
const ANSWER_FIELDS = ["mode", "stance", "wording", "followUp"];
export const MARK = "sgsm-guidelines"; // how the Markdown file carries the answers, in a comment at its end

export function blankGuidelines(contract) {
  const { format, version } = contract.guidelines;
  const doc = { format, version, saved: null, exported: null, unsavedSince: null, topics: Object.create(null), changes: [] };
  for (const field of TEXT_FIELDS) doc[field] = "";
  return doc;
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
export const isEmptyGuidelines = (doc) => !Object.keys(doc.topics).length && !TEXT_FIELDS.some((f) => doc[f]) &&
  !doc.changes.length;

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

/* A record of changes as saved: entries that cannot be read are left out, never guessed at. */
function checkedRecord(record) {
  if (!Array.isArray(record)) return [];
  const text = (value) => (typeof value === "string" ? value.slice(0, 5000) : null);
  const entries = [];
  for (const entry of record.slice(0, MAX_RECORD)) {
    if (!entry || typeof entry !== "object" || !Array.isArray(entry.items)) continue;
    const clean = { agreedOn: text(entry.agreedOn) || "", agreedBy: text(entry.agreedBy) || "", savedOn: text(entry.savedOn) || "",
      items: [] };
    for (const item of entry.items.slice(0, 500)) {
      if (item && typeof item === "object" && CHANGE_FIELDS.every((field) => text(item[field]) !== null)) {
        clean.items.push(Object.fromEntries(CHANGE_FIELDS.map((field) => [field, text(item[field])])));
      }
    }
    entries.push(clean);
  }
  return entries;
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
  for (const field of DAY_FIELDS) if (clean[field] && !dates.longDate(clean[field])) clean[field] = "";
  if (clean.reviewOn && clean.agreedOn && clean.reviewOn <= clean.agreedOn) clean.reviewOn = "";
  clean.changes = checkedRecord(data.changes);
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

/* "Jo Patel, chair of trustees": who agreed them, and their role. */
export const agreedWho = (doc) => [doc.agreedBy.trim().replace(/^by\s+/i, ""), doc.agreedRole.trim()].filter(Boolean).join(", ");

/* The safeguarding lead: an organisation's own (its copy of the site says), else the one typed in. */
export function leadOf(doc, book) {
  const own = book.organisation && book.organisation.lead;
  const lead = own || { name: doc.leadName, role: doc.leadRole, phone: doc.leadPhone, email: doc.leadEmail };
  const clean = Object.fromEntries(["name", "role", "phone", "email"].map((f) => [f, (lead[f] || "").trim()]));
  return clean.name ? clean : null;
}

/* The record at the head of the document: who agreed them, when, their next review and the safeguarding lead. */
export function recordOf(doc, book, dates, contract) {
  const who = agreedWho(doc);
  const rows = [who ? { term: "Agreed by", words: who } : { term: "Agreed", words: "Not yet" }];
  if (dates.longDate(doc.agreedOn)) rows.push({ term: "Agreed on", words: dates.longDate(doc.agreedOn) });
  const review = dates.longDate(guidelinesReviewDay(doc, contract));
  if (review) rows.push({ term: "Next review", words: `by ${review}` });
  const lead = leadOf(doc, book);
  rows.push(lead ? { term: "Safeguarding lead", words: [lead.name, lead.role].filter(Boolean).join(", "), phone: lead.phone,
    email: lead.email } : { term: "Safeguarding lead", words: "Not named yet" });
  return rows;
}

/* The heading of one entry in the record of changes. */
export function changesHeading(entry, dates) {
  const agreed = dates.longDate(entry.agreedOn);
  if (agreed) return `Changes since the version agreed on ${agreed}${entry.agreedBy ? ` by ${entry.agreedBy}` : ""}`;
  const saved = dates.longDate(entry.savedOn);
  return saved ? `Changes since the version saved on ${saved}` : "Changes since an earlier version";
}

/* The document the answers make, as the page, the Markdown file and print show it. */
export function documentOf(doc, book, dates, contract) {
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
  const group = doc.group.trim() || (book.organisation ? book.organisation.name : "");
  const changes = doc.changes.map((entry) => ({ heading: changesHeading(entry, dates), items: entry.items }));
  return { group, record: recordOf(doc, book, dates, contract), leaflet: book.leaflet, rules, sections, toDecide,
    changes, credit: book.credit, licence: book.licence };
}

export const RULES_HEADING = "The rules we all follow";
export const CHOICES_HEADING = "Our own choices";
export const CHANGES_HEADING = "Record of changes";
export const rulesIntro = (d) => `These rules come from the leaflet “${d.leaflet}”. Every organisation’s guidelines include them.`;
/* One change in words: "Was: “...”. Now: “...”." */
export const changeWords = (item) => `Was: ${item.was ? `“${item.was}”` : "not decided"}. Now: ${item.now ? `“${item.now}”` : "still to decide"}.`;

const RULES_SINCE = 2; // the version in which the leaflet's rules became the floor; some were questions before
const RECORD_SINCE = 3; // the version that added the role, the next review, the safeguarding lead, the record of changes

/* What is new in the worksheet since an earlier version saved a file (or the answers in this browser): "" when
 * nothing is. */
export function newSince(book, version) {
  const latest = Math.max(RECORD_SINCE, ...[...book.rules, ...book.topics].map((e) => e.since));
  if (!Number.isInteger(version) || version >= latest) return "";
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
  if (version < RECORD_SINCE) {
    parts.push("your guidelines now say the role of whoever agreed them, the date of their next review and " +
      (book.organisation ? "your safeguarding lead" : "your safeguarding lead’s name and contact details (fill them in " +
        "at the top)") + ", and can carry a record of what changed since an earlier version");
  }
  return `New since then: ${parts.join("; ")}.`;
}

/* An older file's one phrase, "by our trustees on 3 November 2026", as who agreed them and the day. */
export function agreedPhrase(phrase, dates) {
  const months = Array.from({ length: 12 }, (_, m) => dates.longDate(`2001-${String(m + 1).padStart(2, "0")}-01`).split(" ")[1]);
  const match = /^(?:by\s+)?(.*?)(?:,?\s+on\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}))?\s*\.?\s*$/i.exec(phrase);
  const month = match && match[3] ? months.findIndex((name) => name.toLowerCase() === match[3].toLowerCase()) : -1;
  const day = month >= 0 ? `${match[4]}-${String(month + 1).padStart(2, "0")}-${match[2].padStart(2, "0")}` : "";
  if (!day || !dates.longDate(day)) return { agreedBy: phrase.replace(/^by\s+/i, "").trim(), agreedOn: "" };
  return { agreedBy: match[1].trim(), agreedOn: day };
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
  doc.agreedBy = text(data.agreed_by, "agreed_by");
  doc.agreedRole = text(data.agreed_role, "agreed_role");
  doc.agreedOn = text(data.agreed_on, "agreed_on");
  doc.reviewOn = text(data.review_on, "review_on");
  if (data.agreed !== undefined && data.agreed !== null) Object.assign(doc, agreedPhrase(text(data.agreed, "agreed"), dates));
  for (const field of DAY_FIELDS) {
    if (doc[field] && !dates.longDate(doc[field])) throw problem(`the date “${doc[field]}” cannot be read (write it as YYYY-MM-DD)`);
  }
  if (doc.reviewOn && doc.agreedOn && doc.reviewOn <= doc.agreedOn) doc.reviewOn = "";
  const lead = data.safeguarding_lead;
  if (lead !== undefined && lead !== null) {
    if (typeof lead !== "object") throw problem("“safeguarding_lead” is not a name with contact details");
    doc.leadName = text(lead.name, "safeguarding_lead.name");
    doc.leadRole = text(lead.role, "safeguarding_lead.role");
    doc.leadPhone = text(lead.phone, "safeguarding_lead.phone");
    doc.leadEmail = text(lead.email, "safeguarding_lead.email");
  }
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
