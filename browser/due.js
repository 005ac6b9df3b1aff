/* When a review is due: the next review after a day (a year later, from the contract, as the site build
 * works it out in safeguarding_site/due_reviews.py), and whether a reminder that it is due should show.
 * Pure functions: no page, no storage. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n) => String(n).padStart(2, "0");

/* "2026-11-03" -> "2027-11-03"; 29 February gives the 28th when the year after has none; "" for no day. */
export function nextReviewFrom(day, contract) {
  const match = DAY.exec(day || "");
  if (!match) return "";
  const [y, m, d] = match.slice(1).map(Number);
  const year = y + contract.nextReviewAfterYears;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate(); // the last day of that month, that year
  return `${year}-${pad(m)}-${pad(Math.min(d, last))}`;
}

/* The local day of an ISO time stamp, YYYY-MM-DD ("" when it cannot be read). */
export function dayOf(stamp, dates) {
  const when = new Date(stamp || "");
  return isNaN(when) ? "" : dates.today(when);
}

/* The guidelines' next review: the day given, or the one after the day they were agreed; "" when neither. */
export function guidelinesReviewDay(doc, contract) {
  return doc.reviewOn || nextReviewFrom(doc.agreedOn, contract);
}

/* The review's next review: the day given, or the one after the day it was held, or, for a review that never
 * said when it was held, after it was last changed; "" for an empty review. */
export function reviewReviewDay(review, contract, dates) {
  if (review.nextReview) return review.nextReview;
  if (review.reviewedOn) return nextReviewFrom(review.reviewedOn, contract);
  return Object.keys(review.items || {}).length ? nextReviewFrom(dayOf(review.saved, dates), contract) : "";
}

/* Whether a reminder due from `from` shows today: the day has come and the reader has not hidden the one for
 * this very day (`hidden` maps each reminder to the review day it was hidden for). */
export function reminderShows(name, from, today, hidden) {
  return !!from && today >= from && (hidden || {})[name] !== from;
}
