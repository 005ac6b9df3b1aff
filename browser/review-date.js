/* A page says when it was last reviewed. Once its review date has passed it says it may be out of
 * date, even if nobody has rebuilt the site since (as GOV.UK's tech docs do). The build writes the
 * first overdue day into data-review-overdue-from (safeguarding_site/review.py); this only compares
 * that day with today's. */

import { makeDates, readContract } from "./contract.js";

export function markReviewDate(doc = document) {
  const aside = doc.querySelector(".page-review[data-review-overdue-from]");
  if (!aside) return;
  const overdue = makeDates(readContract(doc)).today() >= aside.dataset.reviewOverdueFrom;
  aside.querySelector(".page-review__due").hidden = overdue;
  aside.querySelector(".page-review__overdue").hidden = !overdue;
}
