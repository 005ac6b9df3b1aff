/* A review: what it holds (each item's answer; for the report to trustees, the day it was held, who took part
 * and the next review; the items the guidance had when it was last saved) and how a saved one is checked
 * (review-save.js writes the two files it is saved as). Pure functions. */

import { isItemId, statusLabels } from "./contract.js";

export const UNTOUCHED = "The review kept in this browser has not been changed.";
const NOT_A_REVIEW = "This file is not a review saved from this site, so it was not opened. " + UNTOUCHED;
// What each item's record may hold: the answers, the item's wording when saved, and when it was changed,
// in which browser, and the change it replaced (so that two people's reviews can be combined).
const FIELDS = ["status", "notes", "owner", "due", "text", "changed", "by", "base"];
const STAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
// The report to trustees: the day of the review, who took part, and the day of the next one ("" for a year on).
export const MEETING = ["reviewedOn", "people", "nextReview"];
const MEETING_DAYS = ["reviewedOn", "nextReview"];

export function blankReview(contract) {
  return { format: contract.review.format, version: contract.review.version, saved: null, exported: null,
    unsavedSince: null, reviewedOn: "", people: "", nextReview: "", known: [], items: Object.create(null),
    conflicts: Object.create(null) };
}

export const blankRecord = () => ({ status: "not-started", notes: "", owner: "", due: "" });
export const isBlank = (r) => r.status === "not-started" && !r.notes && !r.owner && !r.due;
export const recordOf = (review, id) => review.items[id] || blankRecord();
export const isEmptyReview = (review) => !Object.keys(review.items).length && !Object.keys(review.conflicts).length &&
  !MEETING.some((field) => review[field]);

function checkedItems(items, into, contract, dates) {
  if (!items) return;
  if (typeof items !== "object" || Array.isArray(items)) throw new Error(NOT_A_REVIEW);
  const labels = statusLabels(contract);
  for (const [id, saved] of Object.entries(items)) {
    const problem = (what) => new Error(`In this file the item “${id.slice(0, 60)}” has ${what}, ` +
      `so the file was not opened. ${UNTOUCHED}`);
    if (!isItemId(contract, id)) throw problem("a name this site never uses");
    if (!saved || typeof saved !== "object" || Array.isArray(saved)) throw problem("no answers in it");
    const r = blankRecord();
    for (const field of FIELDS) {
      if (saved[field] === undefined || saved[field] === null) continue;
      if (typeof saved[field] !== "string") throw problem(`a ${field} that is not text`);
      r[field] = saved[field];
    }
    if (!labels.has(r.status)) throw problem("a status this site does not know");
    if (r.due && !dates.longDate(r.due)) throw problem("a date this site cannot read");
    if ((r.changed && !STAMP.test(r.changed)) || (r.base && !STAMP.test(r.base))) throw problem("a time this site cannot read");
    if (r.by && !/^[a-z0-9]{1,20}$/.test(r.by)) throw problem("a browser name this site never writes");
    if (!isBlank(r)) into[id] = r;
  }
}

/* A clean copy of a saved review, or an Error whose message a reader can act on. */
export function checkedReview(data, contract, dates) {
  const { format, version } = contract.review;
  if (!data || typeof data !== "object" || data.format !== format) throw new Error(NOT_A_REVIEW);
  if (!Number.isInteger(data.version) || data.version < 1) throw new Error(NOT_A_REVIEW);
  if (data.version > version) {
    throw new Error(`This review was saved by a newer version of this site (format ${data.version}; ` +
      `this page reads format ${version}), so it was not opened. ${UNTOUCHED}`);
  }
  if (!data.items) throw new Error(NOT_A_REVIEW);
  const clean = blankReview(contract);
  for (const field of ["saved", "exported", "unsavedSince"]) {
    if (typeof data[field] === "string" && STAMP.test(data[field])) clean[field] = data[field];
  }
  checkedItems(data.items, clean.items, contract, dates);
  checkedItems(data.conflicts, clean.conflicts, contract, dates);
  for (const field of MEETING) {
    if (data[field] === undefined || data[field] === null) continue;
    if (typeof data[field] !== "string") throw new Error(`In this file “${field}” is not text, so it was not opened. ${UNTOUCHED}`);
    clean[field] = data[field].slice(0, 2000);
  }
  for (const field of MEETING_DAYS) {
    if (clean[field] && !dates.longDate(clean[field])) throw new Error(`In this file the date “${clean[field].slice(0, 20)}” ` +
      `cannot be read, so it was not opened. ${UNTOUCHED}`);
  }
  if (Array.isArray(data.known)) clean.known = [...new Set(data.known.filter((id) => isItemId(contract, id)))].slice(0, 5000);
  return clean;
}
