/* A saved guidelines file read back: the Markdown document (its answers ride in a comment at its end) or the
 * overlay file our-guidelines.yml, a file from an older version of the worksheet too, checked against the
 * worksheet this site has. Only opening or comparing a file needs it, so it comes in the worksheet's files part
 * (guidelines-files.js), not with every visit. Pure functions: no page, no storage. */

import { DAY_FIELDS, MARK, UNTOUCHED, asRuleAnswer, blankAnswer, blankGuidelines, checkedGuidelines, isBlankAnswer,
  isRule } from "./guidelines-file.js";
import { YamlProblem, parseYaml } from "./yaml-subset.js";

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
