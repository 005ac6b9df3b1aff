/* Two people's reviews, combined item by item. Each answer carries when it was changed, in which browser
 * (`by`), and the change it replaced (`base`). An answer built on the other's wins; of two answers from
 * one browser, the newer wins; when both people changed an item, both answers are kept for a person to
 * choose between. The report's details (the day, who took part, the next review) fill in where this one has
 * none. Nothing is dropped. Pure functions over reviews. */

import { MEETING } from "./review-file.js";

const ANSWERS = ["status", "notes", "owner", "due"];
export const sameAnswers = (a, b) => ANSWERS.every((field) => (a[field] || "") === (b[field] || ""));
const newer = (a, b) => ((b.changed || "") > (a.changed || "") ? "theirs" : "mine");

/* Which answer stands for one item both reviews hold: "mine", "theirs", or "both" (a person chooses). */
export function whichStands(mine, theirs) {
  if (sameAnswers(mine, theirs)) return newer(mine, theirs);
  if (theirs.base && theirs.base === mine.changed) return "theirs";
  if (mine.base && mine.base === theirs.changed) return "mine";
  if (mine.by && mine.by === theirs.by) return newer(mine, theirs);
  return "both";
}

/* A change made in this browser (`by`) at `now`: the record remembers the answer it replaced. */
export function stamp(record, before, by, now = new Date()) {
  const base = before && before.by === by ? before.base || "" : (before && before.changed) || "";
  return Object.assign(record, { changed: now.toISOString(), by, base });
}

/* `theirs` combined into `mine` (changed in place); returns how many answers were taken, kept, and left
 * for a person to choose. A colleague's own unsettled choices come along too. */
export function combine(mine, theirs) {
  const tally = { taken: 0, kept: 0, both: 0 };
  for (const [id, record] of Object.entries(theirs.items)) {
    const own = mine.items[id];
    const stands = own ? whichStands(own, record) : "theirs";
    if (stands === "both") {
      mine.conflicts[id] = record;
      tally.both += 1;
    } else if (stands === "theirs") {
      if (!own || !sameAnswers(own, record)) tally.taken += 1;
      mine.items[id] = record;
    } else if (!sameAnswers(own, record)) {
      tally.kept += 1;
    }
  }
  for (const [id, record] of Object.entries(theirs.conflicts)) {
    if (!mine.conflicts[id] && !(mine.items[id] && sameAnswers(mine.items[id], record))) {
      mine.conflicts[id] = record;
      tally.both += 1;
    }
  }
  for (const field of MEETING) if (!mine[field] && theirs[field]) mine[field] = theirs[field]; // the report's own details
  return tally;
}

/* A person's choice for one item answered differently in both: the chosen answer stands, and is marked
 * as settled in this browser, so combining the same file again asks nothing. */
export function settle(review, id, takeTheirs, by, now = new Date()) {
  const theirs = review.conflicts[id];
  const mine = review.items[id];
  delete review.conflicts[id];
  if (!theirs) return;
  if (takeTheirs || !mine) review.items[id] = theirs;
  else stamp(mine, theirs, by, now);
}
