/* The report to trustees on the review page (templates/review_plan.html.j2): its fields (the day of the review,
 * who took part, the next review: a year on unless changed), the one page drawn from the review, with a bar
 * chart that reads without colour (each bar has its words and numbers beside it, and a pattern of its own), and
 * its printing and saving. Text from storage is only ever set with textContent. */

import { make } from "./checklist-ui.js";
import { nextReviewFrom } from "./due.js";
import { REPORT_TITLE, reportOf, shareWords } from "./review-report.js";

function setValue(control, value) {
  if (control.value !== value) control.value = value;
}

function facts(report) {
  const list = make("dl", "review-report__facts");
  for (const [term, words] of [["Date of the review", report.reviewedOn || "Not given"],
    ["Who took part", report.people || "Not given"], ["Next review", report.next ? `by ${report.next}` : "Not set"]]) {
    const pair = make("div");
    pair.append(make("dt", "", term), make("dd", "", words));
    list.append(pair);
  }
  return list;
}

/* Where the items stand: one row a status, in the contract's order, its label, a patterned bar and its numbers. */
function chart(report) {
  const figure = make("figure", "report-chart");
  figure.append(make("figcaption", "", `Where the ${report.total} items stand`));
  const rows = make("ul", "report-chart__rows");
  for (const row of report.totals) {
    const li = make("li", "report-chart__row");
    li.dataset.status = row.id;
    const bar = make("span", "report-chart__bar");
    bar.setAttribute("aria-hidden", "true");
    const fill = make("span", "report-chart__fill");
    fill.style.width = `${report.total ? (100 * row.n) / report.total : 0}%`;
    bar.append(fill);
    li.append(make("span", "report-chart__label", row.label), bar,
      make("span", "report-chart__value", shareWords(row, report.total)));
    rows.append(li);
  }
  figure.append(rows);
  return figure;
}

function actions(report) {
  if (!report.actions.length) return [make("p", "review-report__no-actions", "No open actions.")];
  const table = make("table", "review-report__actions");
  table.append(make("caption", "", `Open actions, soonest first (${report.actions.length})`));
  const head = make("tr");
  for (const name of ["Action", "Who will follow it up", "By when", "Status"]) {
    const th = make("th", "", name);
    th.scope = "col";
    head.append(th);
  }
  const thead = make("thead");
  thead.append(head);
  const body = make("tbody");
  for (const a of report.actions) {
    const tr = make("tr");
    tr.append(make("td", "", a.text), make("td", "", a.owner || "Nobody named yet"),
      make("td", "", a.due ? `${a.due}${a.overdue ? " (overdue)" : ""}` : "No date yet"), make("td", "", a.status));
    body.append(tr);
  }
  table.append(thead, body);
  return [table];
}

/* The fields as the review has them, and the report's page drawn afresh when anything in it changed. */
export function showReport(app, review, guide, plan, { contract, dates, siteName }) {
  const root = app.querySelector("[data-review-report]");
  if (!root) return;
  root.querySelectorAll("[data-review-meeting]").forEach((control) => {
    const field = control.dataset.reviewMeeting;
    setValue(control, field === "nextReview" ? review.nextReview || nextReviewFrom(review.reviewedOn, contract) : review[field]);
  });
  const report = reportOf(review, guide, plan, { contract, dates });
  const node = root.querySelector("[data-review-report-page]");
  const key = JSON.stringify([report, siteName]);
  if (node.dataset.shown === key) return;
  node.dataset.shown = key;
  const title = make("p", "review-report__title", REPORT_TITLE);
  const site = make("p", "review-report__site", `From the review and action plan of “${siteName}”.`);
  node.replaceChildren(title, site, facts(report), chart(report), ...actions(report));
}

/* A change to one of the report's fields: kept, or refused with a reason. True when it was one of them. */
export function editReport(control, tool, { contract, dates, tell }) {
  const field = control.dataset.reviewMeeting;
  if (!field) return false;
  const value = control.value;
  const review = tool.doc;
  if (field !== "people" && value && !dates.longDate(value)) return true; // a date still being typed
  if (field === "nextReview") {
    if (value && review.reviewedOn && value <= review.reviewedOn) {
      tell("The next review has to be after the day of this review. It was not changed.", true);
      return true;
    }
    review.nextReview = value === nextReviewFrom(review.reviewedOn, contract) ? "" : value;
  } else {
    review[field] = value;
    if (field === "reviewedOn" && review.nextReview && value && review.nextReview <= value) review.nextReview = "";
  }
  tool.keep();
  return true;
}

/* "Print the report"; false for any other action. */
export function printReport(action) {
  if (action !== "print-report") return false;
  const html = document.documentElement;
  html.setAttribute("data-print", "report");
  window.addEventListener("afterprint", () => html.removeAttribute("data-print"), { once: true });
  window.print();
  return true;
}

/* "Save the report as a document", with the files part (review-files.js). */
export function saveReport(files, review, guide, plan, { contract, dates, siteName }) {
  const report = reportOf(review, guide, plan, { contract, dates });
  return files.download(`safeguarding-review-report-${dates.today()}.md`, files.reportMarkdown(report, { siteName, dates }),
    "text/markdown");
}
