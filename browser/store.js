/* What a tool keeps in this browser (the review, the guidelines worksheet): one localStorage entry each.
 * Nothing is ever sent anywhere. What cannot be read is set aside, never overwritten. */

export const SET_ASIDE = "-unreadable";

/* A store for one kind of document: `kind` gives its storage key, a blank one, the check that reads a
 * stored one back, whether one is empty, and what readers call it ("review"); `tell(message, problem)`
 * reports to the reader. `storage` is window.localStorage, or a stand-in in tests. */
export function createStore(storage, kind, tell) {
  const { key, blank, check, isEmpty, what } = kind;
  return {
    key,
    load() {
      let raw = null;
      try {
        raw = storage.getItem(key);
        return raw ? check(JSON.parse(raw)) : blank();
      } catch (_) {
        if (raw) {
          try {
            storage.setItem(key + SET_ASIDE, raw);
            storage.removeItem(key);
          } catch (_) { /* nothing more can be done */ }
          tell(`The ${what} kept in this browser could not be read, perhaps because it was saved by a newer ` +
            "version of this site. It has been set aside, not deleted, and a new one started.", true);
        }
        return blank();
      }
    },
    /* Keep `doc`, stamped with the time; false (and a message) when the browser refuses. */
    save(doc, now = new Date()) {
      doc.saved = now.toISOString();
      try {
        if (isEmpty(doc)) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(doc));
        return true;
      } catch (_) {
        tell(`This browser did not let the site keep your changes: its storage may be full or switched off. ` +
          `Save the ${what} as a file so that nothing is lost.`, true);
        return false;
      }
    },
  };
}

/* This browser's own random name, made once and kept: a combined review tells whose change is whose. */
export function deviceName(storage, key) {
  try {
    let name = storage.getItem(key);
    if (!/^[a-z0-9]{8,20}$/.test(name || "")) {
      name = Math.random().toString(36).slice(2, 12).padEnd(8, "0");
      storage.setItem(key, name);
    }
    return name;
  } catch (_) {
    return "unnamed0";
  }
}
