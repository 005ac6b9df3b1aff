"""The self-review and action plan in a real browser: status, notes, owner and date for every
item, kept in this browser only; the plan page, its JSON and Markdown files, starting again,
opening a saved file, bad files, text that looks like HTML, change over time, axe and print."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from safeguarding_site.browser_contract import REVIEW_FORMAT_VERSION
from safeguarding_site.loading import load_site_data
from conftest import ROOT, copy_project, run_build, serve_directory
from browser_support import axe_script, wait_until_still, wake_material
from browser_support import axe_violations as axe_run

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "sgsm-review"
HOSTILE = "<img src=x onerror=alert(1)> <script>alert(2)</script> & “quotes” 🎉👩🏽‍💻"
LONG = ("We talked this through at length. " * 600).strip()  # about 20,000 characters

SEEDED = {
    "tip-no-linking": {"status": "done", "notes": "", "owner": "", "due": ""},
    "tip-privacy-settings": {"status": "in-progress", "notes": "Check each account\nevery term",
                             "owner": "Sam", "due": "2027-03-03"},
    "tip-keep-records": {"status": "not-started", "notes": "", "owner": "Priya", "due": ""},
    "gp-defensible": {"status": "not-started", "notes": "Add to induction", "owner": "Jo", "due": "2027-01-15"},
    "gp-clear-position": {"status": "not-applicable", "notes": "Covered by the council's policy",
                          "owner": "", "due": ""},
    "action-policy": {"status": "done", "notes": "Agreed at the May meeting", "owner": "Chair", "due": "2026-05-01"},
}


# --- helpers ------------------------------------------------------------------------------------

def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {"items": {}}


def answers(review: dict) -> dict:
    """The answers only, without the saved-text snapshots and timestamps."""
    return {item_id: {k: v for k, v in record.items() if k in ("status", "notes", "owner", "due")}
            for item_id, record in review["items"].items()}


def seed(page, base_url, items, path="review/"):
    page.goto(base_url + path)
    review = {"format": KEY, "version": 1, "saved": "2026-11-01T09:30:00Z", "items": items}
    page.evaluate("value => localStorage.setItem('sgsm-review', value)", json.dumps(review))
    page.reload()
    page.wait_for_selector(".checklist[data-enhanced]")


def open_plan(page, item_id):
    panel = page.locator(f"#item-{item_id} .checklist__plan")
    if not panel.evaluate("el => el.open"):
        panel.locator("summary").click()
    return panel


def plan_field(page, item_id, name):
    """One field of an item's "Plan and notes" panel, opened as a reader would (its fields are made then)."""
    open_plan(page, item_id)
    return page.locator(f"#{name}-{item_id}")


def fill_item(page, item_id, status=None, notes=None, owner=None, due=None):
    open_plan(page, item_id)
    if status:
        page.select_option(f"#status-{item_id}", status)
    if notes is not None:
        page.fill(f"#notes-{item_id}", notes)
    if owner is not None:
        page.fill(f"#owner-{item_id}", owner)
    if due is not None:
        page.fill(f"#due-{item_id}", due)


def nav_to(page, title, path):
    """Follow a sidebar link: Material swaps the page in without a reload (instant navigation)."""
    wake_material(page)  # instant navigation is Material's, whose script waits for the reader
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=title).first.click()
    page.wait_for_url(f"**/{path}")
    page.wait_for_selector(".checklist[data-enhanced] .checklist__check")


def download(page, button_name) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_text(encoding="utf-8")


def open_file(page, name, content: str | bytes):
    data = content.encode("utf-8") if isinstance(content, str) else content
    page.set_input_files("#review-import", files=[{"name": name, "mimeType": "application/json", "buffer": data}])


def message(page):
    return page.locator(".review-plan [data-review-message]")


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture
def dark_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    yield context.new_page()
    context.close()


# --- filling in, and keeping it -----------------------------------------------------------------

def test_answers_survive_reload_and_instant_navigation(page, instant_site_url):
    page.goto(instant_site_url + "tips/")
    page.wait_for_selector(".checklist[data-enhanced]")
    page.evaluate("window.__samePage = true")
    page.check("#check-tip-no-linking")
    fill_item(page, "tip-privacy-settings", "in-progress", "Check each account\nevery term", "Sam", "2027-03-03")
    nav_to(page, "Good practice with young people", "good-practice/")
    fill_item(page, "gp-defensible", notes="Add to induction", owner="Jo", due="2027-01-15")
    fill_item(page, "gp-own-guidelines", "not-applicable")
    assert page.evaluate("window.__samePage === true"), "navigation was not instant"

    page.reload()
    page.wait_for_selector(".checklist[data-enhanced]")
    expect(plan_field(page, "gp-defensible", "notes")).to_have_value("Add to induction")
    expect(plan_field(page, "gp-defensible", "owner")).to_have_value("Jo")
    expect(plan_field(page, "gp-defensible", "due")).to_have_value("2027-01-15")
    expect(plan_field(page, "gp-own-guidelines", "status")).to_have_value("not-applicable")
    expect(page.locator("#checklist-good-practice-prompts .checklist__progress")).to_have_text(
        "0 of 8 done, 1 does not apply")

    page.evaluate("window.__samePage = true")
    nav_to(page, "Useful tips", "tips/")
    expect(page.locator("#check-tip-no-linking")).to_be_checked()
    expect(plan_field(page, "tip-no-linking", "status")).to_have_value("done")
    expect(plan_field(page, "tip-privacy-settings", "status")).to_have_value("in-progress")
    expect(plan_field(page, "tip-privacy-settings", "notes")).to_have_value("Check each account\nevery term")
    expect(page.locator("#item-tip-privacy-settings .checklist__record")).to_contain_text("Who will follow it up: Sam")
    expect(page.locator("#item-tip-privacy-settings .checklist__record")).to_contain_text("By when: 3 March 2027")

    nav_to(page, "Review and action plan", "review/")
    assert page.evaluate("window.__samePage === true"), "navigation was not instant"
    expect(page.locator("#item-gp-defensible .checklist__record")).to_contain_text("Add to induction")
    expect(page.locator("[data-review-actions] li").first).to_contain_text("By 15 January 2027")


def test_ticking_an_item_makes_it_done_and_unticking_keeps_it_in_progress(page, instant_site_url):
    page.goto(instant_site_url + "actions/")
    page.wait_for_selector(".checklist[data-enhanced]")
    fill_item(page, "action-policy", notes="Draft ready")
    page.check("#check-action-policy")
    expect(plan_field(page, "action-policy", "status")).to_have_value("done")
    page.uncheck("#check-action-policy")
    expect(plan_field(page, "action-policy", "status")).to_have_value("in-progress")
    page.select_option("#status-action-policy", "done")
    expect(page.locator("#check-action-policy")).to_be_checked()


def test_plan_gathers_counts_every_item_and_open_actions_by_date(page, instant_site_url):
    seed(page, instant_site_url, SEEDED)
    counts = page.locator("[data-review-counts] tr", has_text="Useful tips").locator("td")
    expect(counts).to_have_text(["1", "1", "7", "0"])  # done, in progress, not started, does not apply
    actions_row = page.locator("[data-review-counts] tr", has_text=load_site_data(ROOT / "data").checklist("actions").title).locator("td")
    expect(actions_row).to_have_text(["1", "0", "2", "0"])

    actions = page.locator("[data-review-actions] > li")
    expect(actions).to_have_count(3)  # done and "does not apply" items are not open
    expect(actions.nth(0)).to_contain_text("By 15 January 2027")
    expect(actions.nth(0)).to_contain_text("Jo")
    expect(actions.nth(1)).to_contain_text("By 3 March 2027")
    expect(actions.nth(2)).to_contain_text("No date yet")
    expect(actions.nth(2)).to_contain_text("Priya")

    record = page.locator("#item-gp-clear-position .checklist__record")
    expect(record).to_contain_text("Status: Does not apply")
    expect(record).to_contain_text("Covered by the council's policy")
    expect(page.locator("#item-tip-privacy-settings .checklist__record-notes")).to_have_text(
        "Notes: Check each account\nevery term")
    expect(page.get_by_text("Nothing is sent", exact=False).first).to_be_visible()


def test_the_leaflets_actions_and_tips_are_never_marked_as_not_applying(page, instant_site_url):
    """A prompt may not apply; an action or tip always does, except a tip about separate work profiles, which
    says in its own words when it does not."""
    data = load_site_data(ROOT / "data")
    page.goto(instant_site_url + "review/")
    page.wait_for_selector(".checklist[data-enhanced]")
    for checklist in data.checklists:
        for item in checklist.items:
            options = plan_field(page, item.id, "status").locator("option")
            words = options.all_inner_texts()
            if not checklist.rules:
                assert "Does not apply" in words, item.id
            elif item.applies_if:
                assert item.applies_if in words and "Does not apply" not in words, item.id
            else:
                assert len(words) == 3 and "Does not apply" not in words, (item.id, words)
    tip = next(item for item in data.checklist("tips").items if item.applies_if)
    fill_item(page, tip.id, "not-applicable")
    expect(page.locator(f"#item-{tip.id} .checklist__record")).to_contain_text(f"Status: {tip.applies_if}")


# --- files: save, start again, open ---------------------------------------------------------------

def test_save_both_formats_start_new_and_open_restores_everything_without_any_request(page, instant_site_url):
    seed(page, instant_site_url, SEEDED)
    before = stored(page)
    wake_material(page)  # Material's script and its search index come with the reader's first movement
    page.wait_for_load_state("networkidle")
    requests: list[str] = []  # anything but the site's own files (the review's files part is one, fetched when first needed)
    page.on("request", lambda request: requests.append(f"{request.method} {request.url}")
            if not (request.url.startswith(instant_site_url) and request.method == "GET") else None)

    name, text = download(page, "Save to carry on later")
    assert re.fullmatch(r"safeguarding-review-\d{4}-\d{2}-\d{2}\.json", name)
    saved = json.loads(text)
    assert saved["format"] == KEY and saved["version"] == REVIEW_FORMAT_VERSION and saved["saved"]
    assert answers(saved) == answers(before)
    assert saved["items"]["tip-no-linking"]["text"].startswith("If you keep a work profile")

    name, markdown = download(page, "Copy for minutes")
    assert name.endswith(".md")
    assert markdown.startswith("# Review and action plan\n\nSafeguarding and social media: review saved on ")
    assert "| Useful tips | 1 | 1 | 7 | 0 |" in markdown
    assert "- [x] If you keep a work profile apart from your personal one" in markdown
    assert "- [ ] Check your privacy settings often" in markdown
    assert "  Status: In progress. Who will follow it up: Sam. By when: 3 March 2027." in markdown
    assert "  > Check each account\n  > every term" in markdown
    assert markdown.index("By 15 January 2027") < markdown.index("By 3 March 2027")

    page.get_by_role("button", name="Start a new review").click()
    dialog = page.get_by_role("dialog", name="Start a new review?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    assert answers(stored(page)) == answers(before), "cancelling changed nothing"

    page.get_by_role("button", name="Start a new review").click()
    page.get_by_role("dialog", name="Start a new review?").get_by_role("button", name="Yes, clear everything").click()
    expect(message(page)).to_contain_text("new review")
    assert answers(stored(page)) == {}
    expect(page.locator("[data-review-counts] tr", has_text="Useful tips").locator("td")).to_have_text(
        ["0", "0", "9", "0"])
    expect(page.locator("#check-tip-no-linking")).not_to_be_checked()

    open_file(page, "safeguarding-review.json", text)
    expect(message(page)).to_contain_text(f"answers for {len(SEEDED)} items restored")
    assert answers(stored(page)) == answers(before)
    expect(page.locator("#check-tip-no-linking")).to_be_checked()
    expect(plan_field(page, "tip-privacy-settings", "notes")).to_have_value("Check each account\nevery term")

    web = [request for request in requests if " http" in request]
    assert web == [], f"saving or opening a review made requests: {web}"


def test_opening_a_file_over_an_existing_review_asks_first(page, instant_site_url):
    seed(page, instant_site_url, SEEDED)
    before = stored(page)
    other = {"format": KEY, "version": 1, "saved": "2026-10-01T10:00:00Z",
             "items": {"tip-copy-colleagues": {"status": "done", "notes": "", "owner": "", "due": ""}}}
    open_file(page, "other.json", json.dumps(other))
    dialog = page.get_by_role("dialog", name="Replace the review in this browser?")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert answers(stored(page)) == answers(before)

    open_file(page, "other.json", json.dumps(other))
    dialog.get_by_role("button", name="Yes, replace it").click()
    assert answers(stored(page)) == answers(other)
    expect(page.locator("#check-tip-copy-colleagues")).to_be_checked()
    expect(page.locator("#check-tip-no-linking")).not_to_be_checked()


def valid_export() -> dict:
    return {"format": KEY, "version": 1, "saved": "2026-11-01T09:30:00Z", "items": copy.deepcopy(SEEDED)}


BAD_FILES = {
    "not JSON at all": b"Minutes of the trustees' meeting",
    "an empty file": b"",
    "a truncated save": json.dumps(valid_export()).encode()[:180],
    "binary junk": bytes(range(256)),
    "some other JSON": json.dumps({"name": "something else", "items": [1, 2]}).encode(),
    "a JSON list": b"[1, 2, 3]",
    "a future format version": json.dumps({**valid_export(), "version": REVIEW_FORMAT_VERSION + 1}).encode(),
    "an unknown status": json.dumps({**valid_export(), "items": {"tip-no-linking": {"status": "maybe"}}}).encode(),
    "notes that are not text": json.dumps({**valid_export(), "items": {"tip-no-linking": {"notes": {"a": 1}}}}).encode(),
    "an impossible date": json.dumps({**valid_export(), "items": {"tip-no-linking": {"due": "2027-02-30"}}}).encode(),
    "an item id with markup": json.dumps({**valid_export(), "items": {"<b>x</b>": {"status": "done"}}}).encode(),
}


def test_bad_files_get_a_plain_message_and_leave_the_review_untouched(page, instant_site_url):
    seed(page, instant_site_url, SEEDED)
    before = page.evaluate(f"localStorage.getItem('{KEY}')")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for label, content in BAD_FILES.items():
        page.evaluate("document.querySelector('[data-review-message]').textContent = ''")
        open_file(page, "review.json", content)
        expect(message(page), label).to_contain_text("has not been changed")
        text = message(page).text_content()
        assert "not opened" in text or "could not be read" in text, (label, text)
        if label == "a future format version":
            assert "newer version of this site" in text
        assert page.evaluate(f"localStorage.getItem('{KEY}')") == before, label
        expect(page.locator("[data-review-dialog]")).to_be_hidden()
    assert page.locator("[data-review-message] b").count() == 0
    assert dialogs == []
    expect(page.locator("#check-tip-no-linking")).to_be_checked()


def test_an_unreadable_review_in_the_browser_is_set_aside_not_overwritten(page, instant_site_url):
    page.goto(instant_site_url + "review/")
    future = json.dumps({**valid_export(), "version": 9})
    page.evaluate("value => localStorage.setItem('sgsm-review', value)", future)
    page.reload()
    expect(message(page)).to_contain_text("set aside, not deleted")
    page.check("#check-tip-copy-colleagues")
    assert page.evaluate(f"localStorage.getItem('{KEY}-unreadable')") == future
    assert list(stored(page)["items"]) == ["tip-copy-colleagues"]


# --- text that looks like HTML, long notes, emoji -------------------------------------------------

def test_html_script_emoji_and_long_notes_are_kept_and_shown_as_text(page, instant_site_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(instant_site_url + "tips/")
    page.wait_for_selector(".checklist[data-enhanced]")
    fill_item(page, "tip-copy-colleagues", notes=HOSTILE, owner="<b>Ali</b> 😀")
    fill_item(page, "tip-keep-records", notes=LONG)
    record = page.locator("#item-tip-copy-colleagues .checklist__record")
    expect(record).to_contain_text("<img src=x onerror=alert(1)>")
    expect(record).to_contain_text("<b>Ali</b> 😀")

    page.goto(instant_site_url + "review/")
    page.wait_for_selector("[data-review-app]:not([hidden])")
    for where in ("#item-tip-copy-colleagues", "[data-review-actions]"):
        expect(page.locator(where).first).to_contain_text("<b>Ali</b>")
    assert page.locator(".checklist__record img, .checklist__record script, .checklist__record b, "
                        "[data-review-actions] b").count() == 0
    notes = page.locator("#item-tip-keep-records .checklist__record-notes").text_content()
    assert notes == "Notes: " + LONG
    assert plan_field(page, "tip-copy-colleagues", "notes").input_value() == HOSTILE

    _, markdown = download(page, "Copy for minutes")
    assert "\\<img src=x onerror=alert(1)\\>" in markdown and "<img" not in markdown.replace("\\<img", "")
    assert "🎉👩🏽‍💻" in markdown
    _, saved = download(page, "Save to carry on later")
    assert json.loads(saved)["items"]["tip-copy-colleagues"]["notes"] == HOSTILE
    assert json.loads(saved)["items"]["tip-keep-records"]["notes"] == LONG
    page.wait_for_load_state("networkidle")  # an image planted in the notes would have failed to load by now
    assert dialogs == [], f"script in notes ran: {dialogs}"


# --- the guidance changes over time -------------------------------------------------------------

@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """The site after an upstream edit: one tip reworded, one tip removed (ids unchanged)."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    path = project / "data" / "checklists.yml"
    text = path.read_text(encoding="utf-8")
    reworded = text.replace(
        "text: If you keep a work profile apart from your personal one, do not link the two to each other.",
        "text: Keep your work profile and your personal profile unlinked.")
    removed = re.sub(r"\n      - id: tip-deleted-retrieved\n        text: [^\n]+", "", reworded)
    assert reworded != text and removed != reworded
    path.write_text(removed, encoding="utf-8")
    rules = project / "data" / "guidelines.yml"  # the removed tip's rule goes too, as the build asks
    rules.write_text(re.sub(r"\n  - id: deleted-retrieved\n(    [^\n]+\n)+", "\n", rules.read_text(encoding="utf-8")),
                     encoding="utf-8")
    site = tmp_path_factory.mktemp("changed-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_directory(site)
    yield url
    server.stop()


def test_reworded_items_keep_answers_and_removed_items_are_listed_not_dropped(page, changed_site):
    seed(page, changed_site, {
        "tip-no-linking": {"status": "done", "notes": "Done for all staff", "owner": "", "due": "",
                           "text": "If you keep a work profile apart from your personal one, do not link the two."},
        "tip-deleted-retrieved": {"status": "in-progress", "notes": "Tell the volunteers", "owner": "Kim", "due": "",
                                  "text": "Anything you delete can always be got back."},
    })
    expect(page.get_by_role("checkbox", name="Keep your work profile and your personal profile unlinked.")).to_be_checked()
    expect(page.locator("#item-tip-no-linking .checklist__record")).to_contain_text("Done for all staff")
    orphans = page.locator("[data-review-orphans]")
    expect(orphans.get_by_role("heading", name="No longer in the guidance")).to_be_visible()
    expect(orphans).to_contain_text("Anything you delete can always be got back.")
    expect(orphans).to_contain_text("Tell the volunteers")
    expect(orphans).to_contain_text("Kim")
    _, saved = download(page, "Save to carry on later")
    assert json.loads(saved)["items"]["tip-deleted-retrieved"]["notes"] == "Tell the volunteers"
    _, markdown = download(page, "Copy for minutes")
    assert "## No longer in the guidance" in markdown and "Tell the volunteers" in markdown

    page.goto(changed_site + "tips/")
    page.wait_for_selector(".checklist[data-enhanced]")
    expect(page.locator("#checklist-tips .checklist__progress")).to_have_text("1 of 8 done")
    assert "tip-deleted-retrieved" in stored(page)["items"], "a visit to the checklist page keeps it"

    page.goto(changed_site + "review/")
    page.get_by_role("button", name=re.compile("^Remove from the review")).click()
    expect(orphans).to_be_hidden()
    assert "tip-deleted-retrieved" not in stored(page)["items"]


# --- keyboard, accessibility, print, no JavaScript -------------------------------------------------

def test_start_new_review_works_by_keyboard_and_escape_changes_nothing(page, instant_site_url):
    seed(page, instant_site_url, SEEDED)
    button = page.get_by_role("button", name="Start a new review")
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Start a new review?")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.textContent") == "Cancel", "focus starts on the safe choice"
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.reviewAction") == "start-new", "focus comes back"
    assert len(stored(page)["items"]) == len(SEEDED)
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert stored(page)["items"] == {}


def axe_violations(page) -> list[str]:
    """axe-core with the WCAG 2.2 AA tags and best practice, as every page's check runs it (once the
    page's transitions have ended: a header title caught fading in is not the page's colour)."""
    return [f"{v['id']}: {[(n['target'], n['failureSummary']) for n in v['nodes']][:5]}"
            for v in axe_run(page, axe_script())]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_nothing_on_the_plan_or_an_open_item(browser, instant_site_url, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        seed(page, instant_site_url, {**SEEDED, "tip-from-long-ago": {
            "status": "in-progress", "notes": HOSTILE, "owner": "Kim", "due": "", "text": "A tip since removed"}})
        expect(page.locator("[data-review-orphans]")).to_be_visible()
        found = {"review/": axe_violations(page)}
        page.get_by_role("button", name="Start a new review").click()
        found["review/ (confirmation open)"] = axe_violations(page)
        page.keyboard.press("Escape")
        page.goto(instant_site_url + "tips/")
        page.wait_for_selector(".checklist[data-enhanced]")
        open_plan(page, "tip-privacy-settings")
        wait_until_still(page)  # opening the item can scroll, and Material's header title fades as it does
        found["tips/ (item open)"] = axe_violations(page)
        assert found == {key: [] for key in found}
    finally:
        context.close()


def test_plan_prints_on_a4_without_navigation_and_with_notes_in_full(page, instant_site_url):
    seed(page, instant_site_url, {**SEEDED, "ss-team-meetings": {"status": "in-progress", "notes": LONG,
                                                                 "owner": "Trustees", "due": "2027-06-01"}})
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".review-plan__tools", ".checklist__plan",
                   ".checklist__check", ".md-search"):
        assert page.locator(hidden).first.is_hidden(), f"{hidden} prints"
    expect(page.locator("[data-review-counts]")).to_be_visible()
    notes = page.locator("#item-ss-team-meetings .checklist__record-notes")
    expect(notes).to_be_visible()
    assert notes.text_content() == "Notes: " + LONG
    assert notes.evaluate("el => el.scrollHeight <= el.clientHeight + 1"), "notes are cut off"
    pdf = page.pdf(format="A4", print_background=True)
    pages = pdf_pages(pdf)
    page.goto(instant_site_url + "review/")
    page.evaluate(f"localStorage.removeItem('{KEY}')")
    page.reload()
    page.emulate_media(media="print")
    empty_pages = pdf_pages(page.pdf(format="A4", print_background=True))
    print(f"\nreview plan printed on A4: {pages} pages with long notes, {empty_pages} pages when empty")
    assert pages > empty_pages >= 1


def test_without_javascript_the_plan_reads_as_lists_and_says_it_needs_javascript(browser, instant_site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(instant_site_url + "review/")
        notice = page.locator(".review-plan__no-js")  # Playwright's text search skips <noscript>
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("The review needs JavaScript.")
        for tools in page.locator(".review-plan__tools").all():
            expect(tools).to_be_hidden()
        items = page.locator(".review-plan .checklist__items > li")
        assert items.count() == sum(len(checklist.items) for checklist in load_site_data(ROOT / "data").checklists)
        expect(items.first).to_be_visible()
        assert page.locator(".md-content :is(input, select, textarea, button) >> visible=true").count() == 0
        page.emulate_media(media="print")
        expect(items.last).to_be_visible()
        assert page.pdf(format="A4")
    finally:
        context.close()
