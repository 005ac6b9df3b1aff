/* What the site tells its scripts (safeguarding_site/browser_contract.py writes it into every page as
 * <script type="application/json" id="site-contract">): ids, review statuses and their labels, the
 * saved-file format, and how dates are written. No rule here is typed twice. */

let cached = null;

/* The contract of this page, read once (instant navigation may swap the head; the contract is the same). */
export function readContract(doc = document) {
  if (!cached) {
    const source = doc.getElementById("site-contract");
    cached = JSON.parse(source ? source.textContent : "null");
  }
  return cached;
}

/* Date helpers for one contract: long dates ("1 December 2026"), saved times, today's date. Each
 * formatter is made the first time it is needed: the first Intl.DateTimeFormat on a page loads the
 * browser's locale data (50-90 ms on a slow machine, four times that on Lighthouse's phone), and most
 * pages only ask for today's date. */
export function makeDates(contract) {
  const made = {};
  const formatter = (name, options) => (made[name] ||= new Intl.DateTimeFormat(contract.dates.locale, options));
  const long = () => formatter("long", { ...contract.dates.long, timeZone: "UTC" });
  const time = () => formatter("time", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const local = () => formatter("local", contract.dates.long);
  const pad = (n) => String(n).padStart(2, "0");
  return {
    /* "2026-12-01" -> "1 December 2026"; "" for a day that does not exist. */
    longDate(day) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day || "");
      if (!match) return "";
      const [y, m, d] = match.slice(1).map(Number);
      const when = new Date(Date.UTC(y, m - 1, d));
      if (when.getUTCFullYear() !== y || when.getUTCMonth() !== m - 1 || when.getUTCDate() !== d) return "";
      return long().format(when);
    },
    /* An ISO time stamp as the reader's local date and time: "1 December 2026 at 14:05". */
    savedWhen(iso) {
      const when = new Date(iso);
      return isNaN(when) ? "" : `${local().format(when)} at ${time().format(when)}`;
    },
    /* Today in the reader's own time zone, written YYYY-MM-DD. */
    today(now = new Date()) {
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    },
  };
}

/* The review's statuses as a Map of id -> label, in the order the status menu offers them. */
export function statusLabels(contract) {
  return new Map(contract.review.statuses.map(({ id, label }) => [id, label]));
}

export function isItemId(contract, id) {
  return typeof id === "string" && id.length <= 100 && new RegExp(contract.idPattern).test(id);
}
