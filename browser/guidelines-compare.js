/* An earlier version of the guidelines beside the answers now: what changed, topic by topic (a rule's answer
 * on how it is put into practice too), and the record of changes the document can carry, which keeps the
 * earlier version's own record after it. Pure functions: no page, no storage. */

import { dayOf } from "./due.js";
import { agreedWho, answerOf, leadOf, ruleState, topicState } from "./guidelines-file.js";

const OUR_GUIDELINE = "our guideline";
const LEAD = "Safeguarding lead";
const MAX_RECORD = 20;

/* Each change from `earlier` to `current`, in the worksheet's order: { title, part, was, now }. */
export function compareGuidelines(earlier, current, book) {
  const items = [];
  const add = (title, part, was, now) => {
    if ((was || "") !== (now || "")) items.push({ title, part, was: was || "", now: now || "" });
  };
  for (const rule of book.rules) {
    if (!rule.followUp) continue;
    add(rule.title, rule.followUp, ruleState(rule, answerOf(earlier, rule.id)).followUp,
      ruleState(rule, answerOf(current, rule.id)).followUp);
  }
  for (const topic of book.topics) {
    const was = topicState(topic, answerOf(earlier, topic.id));
    const now = topicState(topic, answerOf(current, topic.id));
    add(topic.title, OUR_GUIDELINE, was.decision, now.decision);
    if (topic.followUp) add(topic.title, topic.followUp, was.followUp, now.followUp);
  }
  if (!book.organisation) {
    const words = (doc) => {
      const lead = leadOf(doc, book);
      return lead ? [lead.name, lead.role, lead.phone, lead.email].filter(Boolean).join(", ") : "";
    };
    add(LEAD, "name and contact", words(earlier), words(current));
  }
  return items;
}

/* How many topics (or rules) changed: a topic whose guideline and follow-up both changed counts once. */
export const topicsChanged = (items) => new Set(items.map((item) => item.title)).size;

/* One entry of the record of changes: the version compared with, and what changed since it. */
export function recordEntry(earlier, items, dates) {
  return { agreedOn: earlier.agreedOn, agreedBy: agreedWho(earlier), savedOn: dayOf(earlier.exported || earlier.saved, dates),
    items };
}

/* The record the document carries once this comparison is added: this entry first, then the earlier version's
 * own record (each version compared once: a second comparison with the same version replaces the first). */
export function withRecord(entry, earlier) {
  const same = (other) => other.agreedOn === entry.agreedOn && other.savedOn === entry.savedOn;
  return [entry, ...earlier.changes.filter((other) => !same(other))].slice(0, MAX_RECORD);
}
