"""The policy's life in a real browser: the guidelines say who agreed them (a name and a role), when, the next
review and the safeguarding lead, on paper and in both files; an earlier version is compared beside the answers
and its changes kept as a record; the review makes a one-page report for trustees whose chart reads without
colour; files from earlier versions open and say what is new; and a reminder says once that a review is due,
on the worksheet, the review and an organisation's own "Our guidelines" page. All by keyboard where a reader
acts, with no request leaving the site, and clear to axe, HTML_CodeSniffer and IBM Equal Access in both colour
schemes at 375 and 1280 px."""
from __future__ import annotations

import io
import json
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from browser_support import (SCHEMES, WIDTHS, axe_script, axe_violations, browser_page, describe_violations,
                             wait_for, wait_until_still)
from conftest import ROOT, serve_directory
from safeguarding_site.browser_contract import GUIDELINES_FORMAT_VERSION, REVIEW_FORMAT_VERSION, STATUSES
from safeguarding_site.loading import load_site_data
from test_browser_workbench import (ASKING_RULES, TOPICS, download, open_worksheet, outside_requests,
                                    seed_review)
from test_front_end_checkers import WATCH_CSP, checker_findings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = load_site_data(ROOT / "data")
TODAY = date.today()
LONG_AGO = TODAY - timedelta(days=800)
MONTHS = ("January February March April May June July August September October November December").split()
STANCE_TOPIC = next(t for t in TOPICS if len(t.stances) >= 2)
RULE = ASKING_RULES[0]


def uk(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", sheet.extract_text() or "")
                                       for sheet in reader.pages)


def squashed(text: str) -> str:
    return " ".join(text.split())


def fill_record(page, agreed_on: str = "2026-12-03"):
    page.fill("#guidelines-group", "Oak Tree Youth Group")
    page.fill("#guidelines-agreed-by", "Jo Patel")
    page.fill("#guidelines-agreed-role", "chair of trustees")
    page.fill("#guidelines-agreed-on", agreed_on)
    page.fill("#guidelines-lead-name", "Sam Lee")
    page.fill("#guidelines-lead-role", "Welfare officer")
    page.fill("#guidelines-lead-phone", "0191 555 0000")
    page.fill("#guidelines-lead-email", "sam@oaktree-youth.org.uk")


def answers_kept(page) -> dict:
    """The worksheet's answers as this browser keeps them, without the time they were last kept."""
    kept = json.loads(page.evaluate("localStorage.getItem('sgsm-guidelines')"))
    return {key: value for key, value in kept.items() if key != "saved"}


def reminder(page, name: str):
    return page.locator(f"[data-due-notice={name}]")


# --- the guidelines' record -----------------------------------------------------------------------------------

def test_who_agreed_them_when_the_next_review_and_the_lead_head_the_document_print_and_go_into_both_files(page, site_url):
    open_worksheet(page, site_url)
    requests = outside_requests(page, site_url)
    fill_record(page)
    expect(page.locator("#guidelines-review-on")).to_have_value("2027-12-03")  # a year on, unless changed
    page.fill("#guidelines-agreed-on", "2026-12-04")
    expect(page.locator("#guidelines-review-on")).to_have_value("2027-12-04")  # ... so it follows the day agreed
    page.fill("#guidelines-review-on", "2027-06-30")
    page.fill("#guidelines-agreed-on", "2026-12-03")
    expect(page.locator("#guidelines-review-on")).to_have_value("2027-06-30")  # a day chosen by hand stays
    page.fill("#guidelines-review-on", "2026-11-01")
    expect(page.locator("[data-guidelines-message]")).to_contain_text("has to be after the day the guidelines were agreed")
    record = page.locator("[data-guidelines-output] dl")
    expect(record).to_have_text(re.compile(r"Agreed by\s*Jo Patel, chair of trustees\s*Agreed on\s*3 December 2026\s*"
                                           r"Next review\s*by 30 June 2027\s*Safeguarding lead\s*Sam Lee, Welfare officer, "
                                           r"0191 555 0000, sam@oaktree-youth.org.uk"))
    expect(record.locator("a[href='mailto:sam@oaktree-youth.org.uk']")).to_have_count(1)

    pages, text = pdf_text(page.pdf(format="A4", print_background=True))
    print(f"\nthe guidelines with their record, nothing else answered: {pages} A4 pages")
    assert 1 <= pages <= 3
    assert ("Agreed by Jo Patel, chair of trustees Agreed on 3 December 2026 Next review by 30 June 2027 "
            "Safeguarding lead Sam Lee, Welfare officer, 0191 555 0000, sam@oaktree-youth.org.uk") in squashed(text)

    _, markdown = download(page, "Save as a document")
    assert ("- **Agreed by:** Jo Patel, chair of trustees\n- **Agreed on:** 3 December 2026\n- **Next review:** by 30 June"
            " 2027\n- **Safeguarding lead:** Sam Lee, Welfare officer; phone 0191 555 0000, email sam@oaktree-youth.org.uk"
            ) in markdown
    _, overlay = download(page, "Save for our own copy of the site")
    data = yaml.safe_load(overlay)
    assert (data["agreed_by"], data["agreed_role"], data["agreed_on"], data["review_on"]) == (
        "Jo Patel", "chair of trustees", date(2026, 12, 3), date(2027, 6, 30))
    assert data["safeguarding_lead"] == {"name": "Sam Lee", "role": "Welfare officer", "phone": "0191 555 0000",
                                         "email": "sam@oaktree-youth.org.uk"}
    schema = json.loads((ROOT / "data" / "schema" / "our-guidelines.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({**data, "agreed_on": "2026-12-03", "review_on": "2027-06-30"}, schema)

    page.get_by_role("button", name="Clear the worksheet").click()
    page.locator("dialog[open] [data-dialog-confirm]").click()
    expect(page.locator("#guidelines-lead-name")).to_have_value("")
    page.set_input_files("#guidelines-open", files=[{"name": "our-guidelines.yml", "mimeType": "text/plain",
                                                     "buffer": overlay.encode()}])
    expect(page.locator("#guidelines-agreed-role")).to_have_value("chair of trustees")
    expect(page.locator("#guidelines-review-on")).to_have_value("2027-06-30")
    expect(page.locator("#guidelines-lead-email")).to_have_value("sam@oaktree-youth.org.uk")
    assert requests == [], f"requests left the site: {requests}"


def test_a_worksheet_saved_by_version_2_opens_keeps_its_answers_and_says_what_is_new(page, site_url):
    open_worksheet(page, site_url)
    old = {"format": "sgsm-guidelines", "version": 2, "group": "Oak Tree", "agreedBy": "our trustees",
           "agreedOn": "2026-01-10", "topics": {STANCE_TOPIC.id: {"mode": "stance", "stance": STANCE_TOPIC.stances[0].id,
                                                                  "wording": "", "followUp": ""}}}
    text = f"# Our guidelines\n\n<!-- sgsm-guidelines\n{json.dumps(old)}\n-->\n"
    page.set_input_files("#guidelines-open", files=[{"name": "v2.md", "mimeType": "text/plain", "buffer": text.encode()}])
    message = page.locator("[data-guidelines-message]")
    expect(message).to_contain_text("saved by an earlier version of the worksheet")
    expect(message).to_contain_text("the role of whoever agreed them, the date of their next review")
    expect(page.locator(f"#choice-{STANCE_TOPIC.id}-{STANCE_TOPIC.stances[0].id}")).to_be_checked()
    expect(page.locator("#guidelines-review-on")).to_have_value("2027-01-10")
    stored = json.loads(page.evaluate("localStorage.getItem('sgsm-guidelines')"))
    assert stored["version"] == GUIDELINES_FORMAT_VERSION and stored["agreedBy"] == "our trustees"


# --- what changed since an earlier version ---------------------------------------------------------------------

def test_an_earlier_version_is_compared_beside_the_answers_by_keyboard_and_kept_as_the_record_of_changes(page, site_url):
    open_worksheet(page, site_url)
    fill_record(page, "2025-11-03")
    page.check(f"#choice-{STANCE_TOPIC.id}-{STANCE_TOPIC.stances[0].id}")
    page.fill(f"#follow-up-{RULE.id}", "In the office diary")
    _, earlier = download(page, "Save as a document")
    requests = outside_requests(page, site_url)

    page.fill("#guidelines-agreed-on", "2026-11-03")
    page.check(f"#choice-{STANCE_TOPIC.id}-{STANCE_TOPIC.stances[1].id}")
    page.fill(f"#follow-up-{RULE.id}", "In the shared drive")
    page.fill("#guidelines-lead-name", "Alex Moor")

    page.focus("#guidelines-open")
    before = answers_kept(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "guidelines-compare"
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(files=[{"name": "agreed-2025.md", "mimeType": "text/markdown", "buffer": earlier.encode()}])
    heading = page.locator("[data-compare-heading]")
    expect(heading).to_have_text("Changes since the version agreed on 3 November 2025 by Jo Patel, chair of trustees, in"
                                 " “agreed-2025.md”")
    assert page.evaluate("document.activeElement.matches('[data-compare-heading]')"), "focus goes to what was found"
    expect(page.locator("[data-guidelines-message]")).to_contain_text("3 parts have changed. Your answers on this page"
                                                                      " were not changed.")
    items = page.locator("[data-compare-list] li")
    expect(items).to_have_text([
        f"{RULE.title} ({RULE.follow_up}): Was: “In the office diary”. Now: “In the shared drive”.",
        f"{STANCE_TOPIC.title} (our guideline): Was: “{squashed(STANCE_TOPIC.stances[0].text)}”. Now: "
        f"“{squashed(STANCE_TOPIC.stances[1].text)}”.",
        "Safeguarding lead (name and contact): Was: “Sam Lee, Welfare officer, 0191 555 0000, sam@oaktree-youth.org.uk”."
        " Now: “Alex Moor, Welfare officer, 0191 555 0000, sam@oaktree-youth.org.uk”."])
    assert answers_kept(page) == before, "comparing changed no answer"
    expect(page.locator(f"#follow-up-{RULE.id}")).to_have_value("In the shared drive")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Add this list to our guidelines as their record of changes"
    page.keyboard.press("Enter")
    expect(page.locator("[data-guidelines-compare]")).to_be_hidden()
    assert page.evaluate("document.activeElement.textContent") == "Record of changes"
    document = page.locator("[data-guidelines-output]")
    expect(document.locator("h4").last).to_have_text("Changes since the version agreed on 3 November 2025 by Jo Patel,"
                                                     " chair of trustees")
    _, markdown = download(page, "Save as a document")
    record = markdown[markdown.index("## Record of changes"):markdown.index("\n---\n")]
    assert f"- **{RULE.title}** ({RULE.follow_up}): Was: “In the office diary”. Now: “In the shared drive”." in record
    _, text = pdf_text(page.pdf(format="A4", print_background=True))
    assert "Record of changes Changes since the version agreed on 3 November 2025" in squashed(text)

    page.reload()
    page.wait_for_selector(".guidelines--enhanced")
    take_out = page.get_by_role("button", name="Take out the record of changes")
    take_out.focus()
    page.keyboard.press("Enter")
    expect(document).not_to_contain_text("Record of changes")
    expect(take_out).to_be_hidden()
    assert requests == [], f"requests left the site: {requests}"


# --- reminders ---------------------------------------------------------------------------------------------------

def test_the_worksheet_says_once_when_the_guidelines_are_due_and_a_hidden_reminder_stays_hidden(page, site_url):
    open_worksheet(page, site_url)
    notice = reminder(page, "worksheet")
    expect(notice).to_be_hidden()
    page.fill("#guidelines-agreed-on", LONG_AGO.isoformat())
    due = LONG_AGO.replace(year=LONG_AGO.year + 1) if not (LONG_AGO.month == 2 and LONG_AGO.day == 29) \
        else date(LONG_AGO.year + 1, 2, 28)
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(f"Your guidelines were due for review on {uk(due)} (they were agreed on {uk(LONG_AGO)})")
    assert page.locator("[data-due-notice]:visible").count() == 1, "said once"
    notice.get_by_role("button", name="Hide this reminder").focus()
    page.keyboard.press("Enter")
    expect(notice).to_be_hidden()
    assert page.evaluate("document.activeElement.tagName") == "H1"
    page.reload()
    page.wait_for_selector(".guidelines--enhanced")
    expect(notice).to_be_hidden()
    assert json.loads(page.evaluate("localStorage.getItem('sgsm-reminders')")) == {"worksheet": due.isoformat()}
    page.fill("#guidelines-agreed-on", TODAY.isoformat())
    expect(notice).to_be_hidden()
    page.fill("#guidelines-review-on", (TODAY + timedelta(days=1)).isoformat())
    page.fill("#guidelines-agreed-on", (TODAY - timedelta(days=400)).isoformat())
    page.fill("#guidelines-review-on", "")
    expect(notice).to_be_visible()  # another review date: said again


def test_the_review_says_once_when_a_new_review_is_due(page, site_url):
    seed_review(page, site_url, {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "saved": "2025-01-01T09:00:00Z",
                                 "reviewedOn": LONG_AGO.isoformat(), "items": {"tip-no-linking": {"status": "done"}}})
    notice = reminder(page, "review")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(f"Your last review was held on {uk(LONG_AGO)}")
    notice.get_by_role("button", name="Hide this reminder").click()
    page.reload()
    page.wait_for_selector("[data-review-app]:not([hidden])")
    expect(notice).to_be_hidden()
    page.fill("#review-held-on", TODAY.isoformat())
    expect(page.locator("#review-next")).to_have_value(TODAY.replace(year=TODAY.year + 1).isoformat()
                                                       if (TODAY.month, TODAY.day) != (2, 29) else "")
    expect(notice).to_be_hidden()


@pytest.fixture(scope="module")
def example_url(fork_site):  # noqa: F811
    server, url = serve_directory(fork_site)
    yield url
    server.stop()


def test_an_organisations_guidelines_page_says_once_when_they_are_due_and_its_worksheet_names_its_lead(browser, example_url):
    with browser_page(browser, 375) as page:
        page.goto(example_url + "our-guidelines/")
        notice = reminder(page, "our-guidelines")
        expect(page.locator(".guidelines__record")).to_contain_text("Next review")
        assert notice.get_attribute("data-due-from") == "2027-11-03"
        if TODAY < date(2027, 11, 3):
            wait_for(page, "() => document.querySelector('.md-sidebar--primary[data-keyboard]')")
            expect(notice).to_be_hidden()
        page.clock.set_fixed_time("2027-11-04T10:00:00")
        page.reload()
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("These guidelines were due for review on 3 November 2027.")
        notice.get_by_role("button", name="Hide this reminder").focus()
        page.keyboard.press("Enter")
        expect(notice).to_be_hidden()
        page.reload()
        wait_for(page, "() => document.querySelector('.md-sidebar--primary[data-keyboard]')")
        expect(notice).to_be_hidden()

        page.goto(example_url + "guidelines-worksheet/")
        page.wait_for_selector(".guidelines--enhanced")
        expect(page.locator(".guidelines-builder__lead")).to_contain_text("Sam Okafor, Designated safeguarding lead")
        assert page.locator("#guidelines-lead-name").count() == 0
        expect(page.locator("[data-guidelines-output] dl")).to_contain_text("Sam Okafor, Designated safeguarding lead")


# --- the report for trustees ---------------------------------------------------------------------------------------

def typical_review() -> dict:
    """A review as a group might leave it after a meeting: some items done, ten open actions with owners and dates."""
    items = {item.id: {"status": "done"} for item in DATA.checklist("tips").items[:4]}
    items["action-acceptable-use"] = {"status": "not-applicable"}
    open_items = [item for _, item in DATA.all_items() if item.id not in items][:10]
    for number, item in enumerate(open_items):
        items[item.id] = {"status": "in-progress" if number % 2 else "not-started", "owner": f"Volunteer {number + 1}",
                          "due": f"2027-{number % 12 + 1:02d}-15", "notes": "Agreed at the meeting."}
    return {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "saved": "2026-12-01T09:00:00Z", "items": items}


def test_the_report_for_trustees_prints_on_one_a4_page_reads_without_colour_and_saves_as_markdown(page, site_url):
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    seed_review(page, site_url, typical_review())
    requests = outside_requests(page, site_url)
    page.focus("#review-held-on")
    page.keyboard.type("01122026")  # a date field typed as a keyboard user types it
    page.fill("#review-held-on", "2026-12-01")
    page.focus("#review-people")
    page.keyboard.type("Jo Patel (chair), Sam Lee, Priya Shah")
    expect(page.locator("#review-next")).to_have_value("2027-12-01")
    report = page.locator("[data-review-report-page]")
    total = sum(1 for _ in DATA.all_items())
    rows = report.locator(".report-chart__row")
    expect(rows).to_have_count(4)
    counts = {"done": 4, "in-progress": 5, "not-started": total - 4 - 5 - 1, "not-applicable": 1}
    labels = dict(STATUSES)
    for number, (status, n) in enumerate(counts.items()):
        expect(rows.nth(number)).to_have_text(re.compile(rf"{labels[status]}\s*{n} of {total} items \({round(100 * n / total)}%\)"))
    # Not colour alone: each bar has its own pattern, in the text's own colour; the words say the numbers.
    fills = rows.locator(".report-chart__fill").evaluate_all(
        "els => els.map(e => { const s = getComputedStyle(e); return [s.backgroundImage, s.backgroundColor, s.width] })")
    assert len({image for image, _, _ in fills}) == 4, fills
    assert len({colour for _, colour, _ in fills if colour != "rgba(0, 0, 0, 0)"}) <= 1, fills
    expect(report.locator("table tbody tr")).to_have_count(10)
    expect(report.locator("table tbody tr").first).to_contain_text("Volunteer 1")

    page.get_by_role("button", name="Print the report").focus()
    page.keyboard.press("Enter")
    wait_for(page, "() => window.__printed === 1")
    pages, text = pdf_text(page.pdf(format="A4", print_background=True))
    print(f"\nthe report for trustees, a typical review (10 open actions): {pages} A4 page(s)")
    assert pages == 1
    text = squashed(text)
    for words in ("Safeguarding and social media: review report for trustees", "Date of the review 1 December 2026",
                  "Who took part Jo Patel (chair), Sam Lee, Priya Shah", "Next review by 1 December 2027",
                  f"Where the {total} items stand", f"Done {counts['done']} of {total} items", "Open actions, soonest first",
                  "Volunteer 10", "Newcastle Council for Voluntary Service"):
        assert words in text, words
    for screen_only in ("Every item", "Keep or share your review", "About this review", "Progress"):
        assert screen_only not in text, screen_only
    page.evaluate("document.documentElement.removeAttribute('data-print')")  # as afterprint does
    whole, _ = pdf_text(page.pdf(format="A4", print_background=True))
    assert whole > 1, "the page prints the whole plan again"

    name, markdown = download(page, "Save the report as a document")
    assert re.fullmatch(r"safeguarding-review-report-\d{4}-\d{2}-\d{2}\.md", name)
    assert markdown.startswith("# Safeguarding and social media: review report for trustees\n")
    assert f"| Done | {counts['done']} | " in markdown and "```text\nDone " in markdown
    assert "| Volunteer 1 |" not in markdown or "Volunteer 1" in markdown
    assert "- **Next review:** by 1 December 2027" in markdown
    assert requests == [], f"requests left the site: {requests}"


def test_review_files_from_earlier_versions_open_and_say_what_is_new_since(page, site_url):
    seed_review(page, site_url, {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "items": {}})
    v2 = {"format": "sgsm-review", "version": 2, "saved": "2026-06-01T09:00:00Z",
          "items": {"tip-no-linking": {"status": "done", "changed": "2026-06-01T09:00:00.000Z", "by": "alice001"}}}
    page.set_input_files("#review-import", files=[{"name": "v2.json", "mimeType": "application/json",
                                                   "buffer": json.dumps(v2).encode()}])
    message = page.locator(".review-plan [data-review-message]")
    total = sum(1 for _ in DATA.all_items())
    expect(message).to_contain_text("which did not list the guidance’s items, so it cannot say which items are new.")
    expect(message).to_contain_text(f"{total - 1} items have no answer in it")
    ids = [item.id for _, item in DATA.all_items()]
    newer = {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "saved": f"{LONG_AGO.isoformat()}T09:00:00.000Z",
             "known": ids[1:], "items": {"tip-no-linking": {"status": "done"}}}
    page.set_input_files("#review-import", files=[{"name": "v3.json", "mimeType": "application/json",
                                                   "buffer": json.dumps(newer).encode()}])
    page.locator("dialog[open] [data-dialog-confirm]").click()
    first = next(item for _, item in DATA.all_items())
    expect(message).to_contain_text(f"New in the guidance since it was saved: 1 item, “{first.text}”")
    expect(message).to_contain_text("more than a year ago: a new review may be due.")
    assert json.loads(page.evaluate("localStorage.getItem('sgsm-review')"))["known"] == ids


# --- accessibility of all of it ----------------------------------------------------------------------------------

def worksheet_compared_with_a_reminder(page):
    page.wait_for_selector(".guidelines--enhanced")
    fill_record(page, LONG_AGO.isoformat())
    page.check(f"#choice-{STANCE_TOPIC.id}-{STANCE_TOPIC.stances[0].id}")
    _, earlier = download(page, "Save as a document")
    page.check(f"#choice-{STANCE_TOPIC.id}-{STANCE_TOPIC.stances[1].id}")
    page.set_input_files("#guidelines-compare", files=[{"name": "earlier.md", "mimeType": "text/plain",
                                                        "buffer": earlier.encode()}])
    expect(page.locator("[data-compare-list] li")).to_have_count(1)
    page.get_by_role("button", name="Add this list to our guidelines as their record of changes").click()
    page.set_input_files("#guidelines-compare", files=[{"name": "earlier.md", "mimeType": "text/plain",
                                                        "buffer": earlier.encode()}])
    expect(reminder(page, "worksheet")).to_be_visible()


def review_report_with_a_reminder(page):
    page.evaluate("value => localStorage.setItem('sgsm-review', value)",
                  json.dumps({**typical_review(), "reviewedOn": LONG_AGO.isoformat(), "people": "Jo, Sam"}))
    page.reload()
    page.wait_for_selector("[data-review-app]:not([hidden])")
    expect(reminder(page, "review")).to_be_visible()
    expect(page.locator("[data-review-report-page] table")).to_be_visible()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_checker_finds_nothing_with_the_record_the_comparison_the_report_and_the_reminders_shown(
        browser, site_url, example_url, width, scheme):
    script = axe_script()
    failures = []
    with browser_page(browser, WIDTHS[width], scheme) as page:
        page.add_init_script(WATCH_CSP)
        page.on("pageerror", lambda error: failures.append(f"script error: {error}"))
        page.clock.set_fixed_time("2027-11-04T10:00:00")  # the example's guidelines are due by then
        for path, then in (("guidelines-worksheet/", worksheet_compared_with_a_reminder),
                           ("review/", review_report_with_a_reminder), ("our-guidelines/", None)):
            page.goto((example_url if then is None else site_url) + path, wait_until="networkidle")
            if then:
                then(page)
            else:
                expect(reminder(page, "our-guidelines")).to_be_visible()
            wait_until_still(page)
            found = [f"axe {v}" for v in describe_violations(axe_violations(page, script)).splitlines()]
            found += checker_findings(page)
            found += [f"refused by the page's security policy: {v}" for v in page.evaluate("window.__violations || []")]
            failures += [f"/{path} at {WIDTHS[width]} px, {scheme}: {finding}" for finding in found if finding.strip()]
    assert not failures, "\n".join(failures)


def test_the_tools_are_still_valid_html_with_the_record_the_comparison_and_the_report_shown(browser, site_url, tmp_path):
    from test_front_end_checkers import validate
    pages = []
    with browser_page(browser, 1280) as page:
        for path, then in (("guidelines-worksheet/", worksheet_compared_with_a_reminder),
                           ("review/", review_report_with_a_reminder)):
            page.goto(site_url + path, wait_until="networkidle")
            then(page)
            pages.append(tmp_path / f"{path.strip('/')}.html")
            pages[-1].write_text("<!DOCTYPE html>" + page.evaluate("document.documentElement.outerHTML"), encoding="utf-8")
    messages = validate(pages)
    assert not messages, "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages[:20])
