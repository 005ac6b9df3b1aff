/* The group's own guidelines, made on the Guidelines worksheet: who agreed them, when, their next review and
 * the safeguarding lead; the leaflet's rules (the floor of every organisation's guidelines: a rule is never
 * chosen, only its follow-up answered), then the group's answer to each question; what each one's state is,
 * the document they make (guidelines-save.js writes it to a file, guidelines-read.js reads one back). Pure
 * functions: no page, no storage. */

import { isItemId } from "./contract.js";
import { guidelinesReviewDay } from "./due.js";

export const UNTOUCHED = "The worksheet in this browser has not been changed.";
const MODES = ["", "stance", "own"];
const TEXT_FIELDS = ["group", "agreedBy", "agreedRole", "agreedOn", "reviewOn", "leadName", "leadRole", "leadPhone",
  "leadEmail"];
export const DAY_FIELDS = ["agreedOn", "reviewOn"];
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
export const isRule = (book, id) => !!book && book.rules.some((rule) => rule.id === id);

/* A rule's answer holds only its follow-up. Own words given to it when it was still a question (an older
 * file) are kept, as part of that answer; a stance chosen then is no longer needed. */
export function asRuleAnswer(answer) {
  const words = [answer.followUp.trim(), answer.mode === "own" ? answer.wording.trim() : ""].filter(Boolean);
  return Object.assign(blankAnswer(), { followUp: words.join(" ") });
}
export const isBlankAnswer = (a) => !a.mode && !a.wording.trim() && !a.followUp.trim();
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
