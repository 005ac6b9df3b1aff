import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { makeDates } from "../contract.js";
import { asMarkdown, asYaml, blankGuidelines, checkedGuidelines, documentOf, readSaved, topicState } from "../guidelines-file.js";
import { parseYaml } from "../yaml-subset.js";
import { book, contract, projectRoot } from "./fixtures.js";

const dates = makeDates(contract);
const now = new Date("2026-12-05T12:00:00Z");
const [first, second] = book.topics;
const withFollowUp = book.topics.find((t) => t.followUp && t.stances.length);
const HOSTILE = "<b>bold</b> -- \"quotes\" # not a comment: really\n`code` 🎉 \u0085";

function answered() {
  const doc = blankGuidelines(contract);
  Object.assign(doc, { group: "Riverside Youth Club", agreedBy: "our trustees", agreedOn: "2026-12-03" });
  doc.topics[first.id] = { mode: "stance", stance: first.stances[0].id, wording: "", followUp: first.followUp ? "Tell the lead" : "" };
  doc.topics[second.id] = { mode: "own", stance: "", wording: HOSTILE, followUp: "" };
  return doc;
}

test("a topic is decided, half done or to decide, and half done is never silently 'to decide'", () => {
  const topic = withFollowUp;
  const stance = topic.stances[0];
  assert.equal(topicState(topic, { mode: "", stance: "", wording: "", followUp: "" }).state, "to-decide");
  assert.equal(topicState(topic, { mode: "stance", stance: stance.id, wording: "", followUp: "" }).state, "half");
  assert.equal(topicState(topic, { mode: "", stance: "", wording: "", followUp: "An answer" }).state, "half");
  assert.equal(topicState(topic, { mode: "stance", stance: stance.id, wording: "", followUp: "An answer" }).state, "decided");
  assert.equal(topicState(topic, { mode: "own", stance: "", wording: "  ", followUp: "" }).state, "to-decide");
});

test("the document lists every decided topic in order and what is still to decide at the end", () => {
  const d = documentOf(answered(), book, dates);
  assert.equal(d.agreed, "These guidelines were agreed by our trustees on 3 December 2026.");
  assert.deepEqual(d.sections.map((s) => s.title), [first.title, second.title]);
  assert.equal(d.sections[0].decision, first.stances[0].text);
  assert.equal(d.toDecide.length, book.topics.length - 2 + (second.followUp ? 1 : 0));
  assert.ok(d.credit.includes("Newcastle Council for Voluntary Service"));
});

test("the Markdown document reads as typed, carries the credit, and opens again to the same answers", () => {
  const doc = answered();
  const text = asMarkdown(doc, book, { dates, siteName: "Safeguarding and social media", now });
  assert.match(text, /^# Our guidelines on social media\n\n\*\*Riverside Youth Club\*\*\n/);
  assert.ok(text.includes(`## ${first.title}`));
  assert.ok(text.includes("\\<b\\>bold\\</b\\>"), "HTML in an answer is escaped, not live");
  assert.ok(text.includes("## Still to decide"));
  assert.ok(text.includes(book.credit.replace(/[\\`*_[\]<>#|&~]/g, "\\$&")));
  const comment = text.slice(text.indexOf("<!--"));
  assert.equal((comment.match(/-->/g) || []).length, 1, "nothing in the answers ends the comment early");
  const back = readSaved(text, book, contract, dates);
  assert.deepEqual(back.topics, doc.topics);
  assert.equal(back.group, doc.group);
  assert.equal(back.agreedOn, doc.agreedOn);
});

test("the overlay file is YAML an organisation's copy reads, and opens again to the same choices", () => {
  const doc = answered();
  const text = asYaml(doc, book, { dates, now });
  assert.equal(text.split("\n")[0], book.schemaLine);
  const data = parseYaml(text);
  assert.equal(data.group, "Riverside Youth Club");
  assert.equal(data.agreed_by, "our trustees");
  assert.equal(data.agreed_on, "2026-12-03");
  assert.deepEqual(data.choices[first.id].stance, first.stances[0].id);
  assert.equal(data.choices[second.id].wording, HOSTILE.trim());
  const back = readSaved(text, book, contract, dates);
  assert.equal(back.topics[first.id].stance, first.stances[0].id);
  assert.equal(back.topics[second.id].wording, HOSTILE.trim());
  assert.equal(back.topics[second.id].mode, "own");
});

test("the example organisation's hand-written file opens, folded text and all", () => {
  const file = path.join(projectRoot, "examples", "riverside-youth-club", "org", "data", "our-guidelines.yml");
  const doc = readSaved(readFileSync(file, "utf8"), book, contract, dates);
  assert.equal(doc.agreedBy, "our trustees on 3 November 2026");
  const instant = doc.topics["instant-messaging"];
  assert.equal(instant.mode, "own");
  assert.match(instant.wording, /^Staff and volunteers only use the club phone's text messages, which keep a record, and never messaging apps/);
  assert.ok(!instant.wording.includes("\n"), "folded lines join with spaces");
});

test("a file that is not saved guidelines, or names what the site does not have, is refused plainly", () => {
  const bad = [
    ["# Minutes\n\nWe met on Tuesday.\n", /not saved from this worksheet/],
    ["choices:\n  no-such-topic:\n    stance: x\n", /the topic “no-such-topic” is not one this site has/],
    [`choices:\n  ${first.id}:\n    stance: made-up\n`, /names a stance this site does not have/],
    ["agreed_on: 2026-02-30\n", /cannot be read/],
    ["choices:\n\t- tabs\n", /could not be read as guidelines/],
    ["group: \"unclosed\n", /quotation mark is not closed/],
    ["<!-- sgsm-guidelines {broken -->", /damaged/],
  ];
  for (const [text, reason] of bad) assert.throws(() => readSaved(text, book, contract, dates), reason, text);
});

test("stored answers are checked: another format or a newer version is refused", () => {
  assert.throws(() => checkedGuidelines({ format: "x", version: 1 }, contract, dates), /does not hold guidelines/);
  assert.throws(() => checkedGuidelines({ format: contract.guidelines.format, version: 99 }, contract, dates), /newer version/);
});
