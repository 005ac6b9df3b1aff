import { test } from "node:test";
import assert from "node:assert/strict";

import { makeDates } from "../contract.js";
import { compareGuidelines, recordEntry, topicsChanged, withRecord } from "../guidelines-compare.js";
import { blankGuidelines, documentOf } from "../guidelines-file.js";
import { readSaved } from "../guidelines-read.js";
import { asMarkdown } from "../guidelines-save.js";
import { book, contract } from "./fixtures.js";

const dates = makeDates(contract);
const rule = book.rules.find((r) => r.followUp);
const topic = book.topics.find((t) => t.followUp && t.stances.length >= 2);
const other = book.topics.find((t) => t !== topic);

function earlier() {
  const doc = blankGuidelines(contract);
  Object.assign(doc, { agreedBy: "Jo Patel", agreedRole: "chair of trustees", agreedOn: "2025-11-03", leadName: "Sam Lee" });
  doc.topics[rule.id] = { mode: "", stance: "", wording: "", followUp: "In the office diary" };
  doc.topics[topic.id] = { mode: "stance", stance: topic.stances[0].id, wording: "", followUp: "Tell the lead" };
  doc.topics[other.id] = { mode: "own", stance: "", wording: "Our words then", followUp: "" };
  return doc;
}

function now() {
  const doc = earlier();
  Object.assign(doc, { agreedOn: "2026-11-03", leadName: "Alex Moor" });
  doc.topics = { ...doc.topics };
  doc.topics[rule.id] = { mode: "", stance: "", wording: "", followUp: "In the shared drive" };
  doc.topics[topic.id] = { mode: "stance", stance: topic.stances[1].id, wording: "", followUp: "Tell the lead" };
  delete doc.topics[other.id];
  return doc;
}

test("what changed is listed topic by topic, a rule's answer and the lead too, and nothing that stayed the same", () => {
  const items = compareGuidelines(earlier(), now(), book);
  assert.deepEqual(items, [
    { title: rule.title, part: rule.followUp, was: "In the office diary", now: "In the shared drive" },
    { title: topic.title, part: "our guideline", was: topic.stances[0].text, now: topic.stances[1].text },
    { title: other.title, part: "our guideline", was: "Our words then", now: "" },
    { title: "Safeguarding lead", part: "name and contact", was: "Sam Lee", now: "Alex Moor" },
  ]);
  assert.equal(topicsChanged(items), 4);
  assert.deepEqual(compareGuidelines(now(), now(), book), []);
});

test("the record of changes names the version compared with, keeps the earlier version's own record, and prints", () => {
  const old = earlier();
  old.changes = [{ agreedOn: "2024-11-03", agreedBy: "Jo Patel", savedOn: "", items: [{ title: "T", part: "p", was: "a", now: "b" }] }];
  const current = now();
  const entry = recordEntry(old, compareGuidelines(old, current, book), dates);
  current.changes = withRecord(entry, old);
  assert.deepEqual(current.changes.map((e) => e.agreedOn), ["2025-11-03", "2024-11-03"]);
  assert.deepEqual(withRecord(entry, { ...old, changes: [entry] }).length, 1, "the same version compared twice is listed once");
  const d = documentOf(current, book, dates, contract);
  assert.equal(d.changes[0].heading, "Changes since the version agreed on 3 November 2025 by Jo Patel, chair of trustees");
  const text = asMarkdown(current, book, { dates, contract, siteName: "Site", now: new Date("2026-12-01T10:00:00Z") });
  const record = text.slice(text.indexOf("## Record of changes"), text.indexOf("\n---\n"));
  assert.ok(record.includes("### Changes since the version agreed on 3 November 2025 by Jo Patel, chair of trustees"));
  assert.ok(record.includes(`- **${rule.title}** (${rule.followUp}): Was: “In the office diary”. Now: “In the shared drive”.`));
  assert.ok(record.includes("Now: still to decide."));
  assert.ok(record.includes("### Changes since the version agreed on 3 November 2024 by Jo Patel"));
  const { doc: back } = readSaved(text, book, contract, dates);
  assert.deepEqual(back.changes, current.changes, "the record opens again with the document");
});

test("a version never agreed is named by the day it was saved", () => {
  const old = blankGuidelines(contract);
  old.exported = "2026-02-03T10:00:00.000Z";
  const entry = recordEntry(old, [], dates);
  assert.equal(documentOf({ ...now(), changes: [entry] }, book, dates, contract).changes[0].heading,
    "Changes since the version saved on 3 February 2026");
});
