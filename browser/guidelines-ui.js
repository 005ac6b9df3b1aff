/* The Guidelines worksheet, made usable: its hidden controls shown, kept in step with the answers,
 * each topic's state said in words, and the group's guidelines document drawn from them. Text from
 * storage is only ever set with textContent, never parsed as HTML. */

import { guidelinesReviewDay } from "./due.js";
import { CHANGES_HEADING, CHOICES_HEADING, RULES_HEADING, answerOf, changeWords, documentOf, ruleState, rulesIntro,
  topicState } from "./guidelines-file.js";

const STATE_WORDS = {
  decided: () => "Decided.",
  half: (topic, s) => (s.decision ? `Half done: “${topic.followUp}” still needs an answer.`
    : "Half done: choose a stance or write your own words."),
  "to-decide": () => "Still to decide.",
};
const RULE_WORDS = { decided: "Answered.", "to-decide": "Still to answer." };

function make(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function setValue(control, value) {
  if (control.type === "radio") control.checked = value;
  else if (control.value !== value) control.value = value;
}

/* Show the builder's controls (once). */
export function enhance(root) {
  if (root.classList.contains("guidelines--enhanced")) return;
  root.classList.add("guidelines--enhanced");
  root.querySelectorAll("[data-guidelines-builder], .guideline__choose, [data-guidelines-document]").forEach((node) => {
    node.hidden = false;
  });
  document.documentElement.setAttribute("data-print", "guidelines");
}

function showState(box, state, words) {
  box.dataset.state = state;
  const line = box.querySelector("[data-topic-state]");
  if (line.textContent !== words) line.textContent = words;
}

/* Every control as the answers have it (the next review a year after they were agreed, unless changed), each
 * rule's and topic's state, and the document. */
export function show(root, doc, book, { dates, contract }) {
  root.querySelectorAll("[data-guidelines-field]").forEach((control) => {
    const field = control.dataset.guidelinesField;
    setValue(control, field === "reviewOn" ? guidelinesReviewDay(doc, contract) : doc[field]);
  });
  for (const rule of book.rules) {
    const box = root.querySelector(`.guideline__choose[data-topic="${rule.id}"]`);
    if (!box) continue;
    const answer = answerOf(doc, rule.id);
    box.querySelectorAll("[data-topic-field]").forEach((control) => setValue(control, answer[control.dataset.topicField]));
    const { state } = ruleState(rule, answer);
    showState(box, state, RULE_WORDS[state]);
  }
  for (const topic of book.topics) {
    const box = root.querySelector(`.guideline__choose[data-topic="${topic.id}"]`);
    if (!box) continue;
    const answer = answerOf(doc, topic.id);
    box.querySelectorAll("input[type=radio]").forEach((radio) => {
      const mode = radio.dataset.choice;
      setValue(radio, mode === answer.mode && (mode !== "stance" || radio.value === answer.stance));
    });
    box.querySelectorAll("[data-topic-field]").forEach((control) => setValue(control, answer[control.dataset.topicField]));
    box.querySelector("[data-own]").hidden = answer.mode !== "own";
    const state = topicState(topic, answer);
    showState(box, state.state, STATE_WORDS[state.state](topic, state));
  }
  drawDocument(root.querySelector("[data-guidelines-output]"), documentOf(doc, book, dates, contract));
  root.querySelector("[data-guidelines-action=drop-changes]").hidden = !doc.changes.length;
}

/* The record at the head of the document, as a list of terms: the lead's phone and email are links. */
function drawRecord(rows) {
  const list = make("dl");
  list.className = "guidelines__record";
  for (const row of rows) {
    const value = make("dd", row.words);
    const link = (scheme, text) => {
      const a = make("a", text);
      a.href = `${scheme}:${scheme === "tel" ? text.replace(/[^\d+]/g, "") : text}`;
      value.append(", ", a);
    };
    if (row.phone) link("tel", row.phone);
    if (row.email) link("mailto", row.email);
    const pair = make("div");
    pair.append(make("dt", row.term), value);
    list.append(pair);
  }
  return list;
}

/* Changes, topic by topic: each with what it was and what it is now. */
export function changeList(items) {
  const list = make("ul");
  list.className = "guidelines-changes";
  list.append(...items.map((item) => {
    const li = make("li");
    li.append(make("strong", item.title), ` (${item.part}): ${changeWords(item)}`);
    return li;
  }));
  return list;
}

function drawDocument(node, d) {
  const key = JSON.stringify(d);
  if (node.dataset.shown === key) return;
  node.dataset.shown = key;
  const parts = [make("h2", "Our guidelines on social media")];
  if (d.group) {
    const group = make("p", d.group);
    group.className = "guidelines-document__group";
    parts.push(group);
  }
  parts.push(drawRecord(d.record), make("h3", RULES_HEADING), make("p", rulesIntro(d)));
  const rules = make("ol");
  for (const r of d.rules) {
    const item = make("li");
    item.append(make("strong", `${r.title}.`), ` ${r.text}`);
    if (r.followUp) {
      const answer = make("p");
      answer.append(make("strong", r.followUp.question), " ", r.followUp.answer || make("em", "Still to decide."));
      item.append(answer);
    }
    rules.append(item);
  }
  parts.push(rules, make("h3", CHOICES_HEADING));
  for (const s of d.sections) {
    parts.push(make("h4", s.title));
    const rule = make("p");
    if (s.decision) rule.textContent = s.decision;
    else rule.append(make("em", "Still to decide."));
    parts.push(rule);
    if (s.followUp) {
      const answer = make("p");
      answer.append(make("strong", s.followUp.question), " ", s.followUp.answer || make("em", "Still to decide."));
      parts.push(answer);
    }
  }
  if (d.toDecide.length) {
    const list = make("ul");
    list.append(...d.toDecide.map((text) => make("li", text)));
    parts.push(make("h3", "Still to decide"), list);
  }
  if (d.changes.length) {
    parts.push(make("h3", CHANGES_HEADING));
    for (const entry of d.changes) {
      parts.push(make("h4", entry.heading), entry.items.length ? changeList(entry.items) : make("p", "Nothing changed."));
    }
  }
  const credit = make("p", `${d.credit} `);
  credit.className = "guidelines-document__credit";
  const licence = make("a", `Licence: ${d.licence.name}`);
  licence.href = d.licence.url;
  licence.rel = "license";
  credit.append(licence);
  parts.push(credit);
  node.replaceChildren(...parts);
}
