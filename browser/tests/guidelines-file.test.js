import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import { makeDates } from "../contract.js";
import { blankGuidelines, checkedGuidelines, documentOf, newSince, ruleState, topicState } from "../guidelines-file.js";
import { agreedPhrase, readSaved } from "../guidelines-read.js";
import { asMarkdown, asYaml } from "../guidelines-save.js";
import { parseYaml } from "../yaml-subset.js";
import { book, contract, projectRoot } from "./fixtures.js";

const dates = makeDates(contract);
const now = new Date("2026-12-05T12:00:00Z");
const [first, second] = book.topics;
const withFollowUp = book.topics.find((t) => t.followUp && t.stances.length);
const ruleWithFollowUp = book.rules.find((r) => r.followUp);
const formerQuestion = book.rules.find((r) => r.since === 1 && r.followUp);
const HOSTILE = "<b>bold</b> -- \"quotes\" # not a comment: really\n`code` 🎉 \u0085";

function answered() {
  const doc = blankGuidelines(contract);
  Object.assign(doc, { group: "Riverside Youth Club", agreedBy: "Jo Patel", agreedRole: "chair of trustees", agreedOn: "2026-12-03",
    leadName: "Sam Lee", leadRole: "Welfare officer", leadPhone: "0191 555 0000", leadEmail: "sam@oak.example" });
  doc.topics[first.id] = { mode: "stance", stance: first.stances[0].id, wording: "", followUp: first.followUp ? "Tell the lead" : "" };
  doc.topics[second.id] = { mode: "own", stance: "", wording: HOSTILE, followUp: "" };
  doc.topics[ruleWithFollowUp.id] = { mode: "", stance: "", wording: "", followUp: "In the shared drive" };
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

test("a rule is in place whatever is chosen: it only waits for the answer to its follow-up", () => {
  const blank = { mode: "", stance: "", wording: "", followUp: "" };
  assert.equal(ruleState(ruleWithFollowUp, blank).state, "to-decide");
  assert.equal(ruleState(ruleWithFollowUp, { ...blank, followUp: "The club phone" }).state, "decided");
  assert.equal(ruleState(book.rules.find((r) => !r.followUp), blank).state, "decided");
});

test("the document starts with every one of the leaflet's rules, then the decided topics, then what is still to decide", () => {
  const d = documentOf(blankGuidelines(contract), book, dates, contract);
  assert.deepEqual(d.rules.map((r) => r.text), book.rules.map((r) => r.text), "an empty worksheet still has every rule");
  assert.ok(d.rules.every((r) => r.text.trim()));
  const full = documentOf(answered(), book, dates, contract);
  assert.deepEqual(full.record.map((row) => [row.term, row.words]), [["Agreed by", "Jo Patel, chair of trustees"],
    ["Agreed on", "3 December 2026"], ["Next review", "by 3 December 2027"], ["Safeguarding lead", "Sam Lee, Welfare officer"]]);
  assert.equal(full.record[3].phone, "0191 555 0000");
  assert.deepEqual(full.rules.map((r) => r.title), book.rules.map((r) => r.title));
  assert.equal(full.rules.find((r) => r.title === ruleWithFollowUp.title).followUp.answer, "In the shared drive");
  assert.deepEqual(full.sections.map((s) => s.title), [first.title, second.title]);
  assert.equal(full.sections[0].decision, first.stances[0].text);
  const openRules = book.rules.filter((r) => r.followUp).length - 1;
  assert.equal(full.toDecide.length, book.topics.length - 2 + (second.followUp ? 1 : 0) + openRules);
  assert.ok(full.credit.includes("Newcastle Council for Voluntary Service"));
});

test("an answer can never drop or replace a rule: a stance or words given to a rule keep only what says how it is applied", () => {
  const doc = blankGuidelines(contract);
  doc.topics[formerQuestion.id] = { mode: "own", stance: "", wording: "We may use any app", followUp: "" };
  const clean = checkedGuidelines({ ...doc, topics: { ...doc.topics } }, contract, dates, book);
  assert.deepEqual(clean.topics[formerQuestion.id], { mode: "", stance: "", wording: "", followUp: "We may use any app" });
  const d = documentOf(clean, book, dates, contract);
  assert.equal(d.rules.find((r) => r.title === formerQuestion.title).text, formerQuestion.text);
});

test("the Markdown document reads as typed, carries the credit, and opens again to the same answers", () => {
  const doc = answered();
  const text = asMarkdown(doc, book, { dates, contract, siteName: "Safeguarding and social media", now });
  assert.match(text, /^# Our guidelines on social media\n\n\*\*Riverside Youth Club\*\*\n\n- \*\*Agreed by:\*\* Jo Patel, chair of trustees\n/);
  assert.ok(text.includes("- **Next review:** by 3 December 2027\n"));
  assert.ok(text.includes("- **Safeguarding lead:** Sam Lee, Welfare officer; phone 0191 555 0000, email sam@oak.example\n"));
  assert.ok(text.includes("## The rules we all follow"));
  for (const rule of book.rules) assert.ok(text.includes(`**${rule.title.replace(/[\\`*_[\]<>#|&~]/g, "\\$&")}.**`), rule.id);
  assert.ok(text.indexOf("## The rules we all follow") < text.indexOf("## Our own choices"));
  assert.ok(text.includes(`### ${first.title}`));
  assert.ok(text.includes("\\<b\\>bold\\</b\\>"), "HTML in an answer is escaped, not live");
  assert.ok(text.includes("## Still to decide"));
  assert.ok(text.includes(book.credit.replace(/[\\`*_[\]<>#|&~]/g, "\\$&")));
  const comment = text.slice(text.indexOf("<!--"));
  assert.equal((comment.match(/-->/g) || []).length, 1, "nothing in the answers ends the comment early");
  const { doc: back, version } = readSaved(text, book, contract, dates);
  assert.equal(version, contract.guidelines.version);
  assert.deepEqual(back.topics, doc.topics);
  assert.equal(back.group, doc.group);
  assert.equal(back.agreedOn, doc.agreedOn);
  for (const field of ["agreedRole", "leadName", "leadRole", "leadPhone", "leadEmail"]) assert.equal(back[field], doc[field], field);
});

test("the overlay file is YAML an organisation's copy reads, and opens again to the same choices", () => {
  const doc = answered();
  const text = asYaml(doc, book, { dates, contract, now });
  assert.equal(text.split("\n")[0], book.schemaLine);
  const data = parseYaml(text);
  assert.equal(data.group, "Riverside Youth Club");
  assert.equal(data.agreed_by, "Jo Patel");
  assert.equal(data.agreed_role, "chair of trustees");
  assert.equal(data.agreed_on, "2026-12-03");
  assert.equal(data.review_on, undefined, "a year after they were agreed is not written: it follows agreed_on");
  assert.deepEqual(data.safeguarding_lead, { name: "Sam Lee", role: "Welfare officer", phone: "0191 555 0000", email: "sam@oak.example" });
  assert.deepEqual(data.choices[first.id].stance, first.stances[0].id);
  assert.equal(data.choices[second.id].wording, HOSTILE.trim());
  assert.deepEqual(data.choices[ruleWithFollowUp.id], { follow_up: "In the shared drive" });
  const { doc: back } = readSaved(text, book, contract, dates);
  assert.equal(back.agreedRole, "chair of trustees");
  assert.equal(back.leadEmail, "sam@oak.example");
  assert.equal(back.topics[ruleWithFollowUp.id].followUp, "In the shared drive");
  assert.equal(back.topics[first.id].stance, first.stances[0].id);
  assert.equal(back.topics[second.id].wording, HOSTILE.trim());
  assert.equal(back.topics[second.id].mode, "own");
});

test("the example organisation's hand-written file opens, folded text and all", () => {
  const file = path.join(projectRoot, "examples", "riverside-youth-club", "org", "data", "our-guidelines.yml");
  const { doc } = readSaved(readFileSync(file, "utf8"), book, contract, dates);
  assert.deepEqual([doc.agreedBy, doc.agreedRole, doc.agreedOn, doc.reviewOn], ["Priya Shah", "chair of trustees", "2026-11-03", ""]);
  const instant = doc.topics["instant-messaging"];
  assert.equal(instant.mode, "");
  assert.match(instant.followUp, /^Only messages on the club's public Facebook page, which keeps them\. Never messaging apps/);
  assert.ok(!instant.followUp.includes("\n"), "folded lines join with spaces");
});

test("a file saved by the first version opens: its answers on what became rules are kept, and it says what is new", () => {
  const old = { format: contract.guidelines.format, version: 1, group: "Oak Tree", agreedBy: "", agreedOn: "", topics: {
    "copy-colleague": { mode: "stance", stance: "always-copy", wording: "", followUp: "" },
    "instant-messaging": { mode: "own", stance: "", wording: "Only the club phone's texts.", followUp: "" },
    records: { mode: "stance", stance: "keep-a-log", wording: "", followUp: "In the office diary" },
    "personal-contact": { mode: "stance", stance: first.stances[0].id, wording: "", followUp: "" } } };
  const text = `# Our guidelines\n\n<!-- sgsm-guidelines\n${JSON.stringify(old)}\n-->\n`;
  const { doc, version } = readSaved(text, book, contract, dates);
  assert.equal(version, 1);
  assert.equal(doc.version, contract.guidelines.version);
  assert.equal(doc.topics["copy-colleague"], undefined, "a stance for a rule is not needed any more");
  assert.equal(doc.topics["instant-messaging"].followUp, "Only the club phone's texts.");
  assert.equal(doc.topics.records.followUp, "In the office diary");
  assert.equal(doc.topics["personal-contact"].stance, first.stances[0].id);
  const news = newSince(book, version);
  assert.match(news, /role of whoever agreed them, the date of their next review/);
  for (const rule of book.rules.filter((r) => r.since === 1)) assert.ok(news.includes(`“${rule.title}”`), rule.id);
  for (const topic of book.topics.filter((t) => t.since > 1)) assert.ok(news.includes(`“${topic.title}”`), topic.id);
  assert.equal(newSince(book, contract.guidelines.version), "");
  assert.equal(newSince(book, null), "");
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

test("an older file's one phrase gives who agreed them and the day; a phrase with no day keeps its words", () => {
  assert.deepEqual(agreedPhrase("by our trustees on 3 November 2026", dates), { agreedBy: "our trustees", agreedOn: "2026-11-03" });
  assert.deepEqual(agreedPhrase("By the committee, on 29 February 2024.", dates), { agreedBy: "the committee", agreedOn: "2024-02-29" });
  assert.deepEqual(agreedPhrase("by our trustees in the spring", dates), { agreedBy: "our trustees in the spring", agreedOn: "" });
  assert.deepEqual(agreedPhrase("by us on 31 February 2026", dates), { agreedBy: "us on 31 February 2026", agreedOn: "" });
  const { doc } = readSaved("agreed: by our trustees on 3 November 2026\nchoices: {}\n", book, contract, dates);
  const d = documentOf(doc, book, dates, contract);
  assert.deepEqual(d.record.slice(0, 3).map((row) => row.words), ["our trustees", "3 November 2026", "by 3 November 2027"]);
});

test("a file saved by version 2 opens with its answers, and says what the worksheet now asks for", () => {
  const old = { format: contract.guidelines.format, version: 2, group: "Oak Tree", agreedBy: "our trustees", agreedOn: "2026-01-10",
    topics: { [first.id]: { mode: "stance", stance: first.stances[0].id, wording: "", followUp: "" } } };
  const { doc, version } = readSaved(`# Ours\n\n<!-- sgsm-guidelines\n${JSON.stringify(old)}\n-->\n`, book, contract, dates);
  assert.equal(version, 2);
  assert.deepEqual([doc.agreedBy, doc.agreedRole, doc.reviewOn, doc.leadName], ["our trustees", "", "", ""]);
  assert.deepEqual(doc.changes, []);
  assert.match(newSince(book, 2), /^New since then: your guidelines now say the role of whoever agreed them, the date of their next review and your safeguarding lead’s name and contact details/);
  assert.match(newSince({ ...book, organisation: { name: "Oak", lead: { name: "Pat" } } }, 2), /next review and your safeguarding lead, and can carry/);
});

test("a next review given by hand is kept and written; one not after the day they were agreed is dropped", () => {
  const doc = answered();
  doc.reviewOn = "2027-06-01";
  assert.equal(parseYaml(asYaml(doc, book, { dates, contract, now })).review_on, "2027-06-01");
  assert.equal(documentOf(doc, book, dates, contract).record[2].words, "by 1 June 2027");
  const clean = checkedGuidelines({ ...doc, reviewOn: "2026-01-01" }, contract, dates, book);
  assert.equal(clean.reviewOn, "");
  assert.throws(() => readSaved("review_on: 2027-02-30\n", book, contract, dates), /cannot be read/);
});

test("on an organisation's copy the document names the lead from its own details, and the overlay file does not", () => {
  const ours = { ...book, organisation: { name: "Riverside Youth Club", lead: { name: "Sam Okafor", role: "Designated safeguarding lead",
    phone: "0191 498 0123", email: "" } } };
  const doc = blankGuidelines(contract);
  doc.leadName = "Someone typed";
  const d = documentOf(doc, ours, dates, contract);
  assert.equal(d.group, "Riverside Youth Club");
  assert.deepEqual(d.record.at(-1), { term: "Safeguarding lead", words: "Sam Okafor, Designated safeguarding lead", phone: "0191 498 0123", email: "" });
  assert.ok(!asYaml(doc, ours, { dates, contract, now }).includes("safeguarding_lead"));
  assert.equal(documentOf(blankGuidelines(contract), book, dates, contract).record.at(-1).words, "Not named yet");
});
