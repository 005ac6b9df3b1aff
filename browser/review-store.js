/* The review kept in this browser: one localStorage entry, keyed by the items' stable ids. Nothing
 * is ever sent anywhere. What cannot be read is set aside, never overwritten. */

import { blankReview, checkedReview } from "./review-file.js";

export const SET_ASIDE = "-unreadable";
const UNREADABLE = "The review kept in this browser could not be read, perhaps because it was saved by a newer " +
  "version of this site. It has been set aside, not deleted, and a new review started.";
const NOT_KEPT = "This browser did not let the site keep your changes: its storage may be full or switched off. " +
  "Save the review as a file so that nothing is lost.";

/* A store over `storage` (window.localStorage, or a stand-in in tests); `tell(message, problem)` reports. */
export function createStore(storage, contract, dates, tell) {
  const key = contract.review.storageKey;
  return {
    key,
    load() {
      let raw = null;
      try {
        raw = storage.getItem(key);
        return raw ? checkedReview(JSON.parse(raw), contract, dates) : blankReview(contract);
      } catch (_) {
        if (raw) {
          try {
            storage.setItem(key + SET_ASIDE, raw);
            storage.removeItem(key);
          } catch (_) { /* nothing more can be done */ }
          tell(UNREADABLE, true);
        }
        return blankReview(contract);
      }
    },
    /* Keep `review`, stamped with the time; false (and a message) when the browser refuses. */
    save(review, now = new Date()) {
      review.saved = now.toISOString();
      try {
        if (Object.keys(review.items).length) storage.setItem(key, JSON.stringify(review));
        else storage.removeItem(key);
        return true;
      } catch (_) {
        tell(NOT_KEPT, true);
        return false;
      }
    },
  };
}
