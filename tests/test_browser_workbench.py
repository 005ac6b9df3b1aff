"""The group's workbench in a real browser: its guidelines made on the worksheet (kept, printed, saved as
a document and as the overlay file a fork builds, opened again), and a review that is not lost (the
browser asked to keep it, when it was last saved to a file, a colleague's review combined item by
item). Nothing is sent anywhere; axe finds nothing."""
from __future__ import annotations

import copy
import io
import json
import re
from datetime import date
from pathlib import Path

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from browser_support import (SCHEMES, WIDTHS, axe_script, axe_violations, browser_page, describe_violations,
                             wait_until_still, wake_material)
from conftest import ROOT, copy_project, run_build
from fork_support import fill_in_placeholders
from safeguarding_site import starter
from safeguarding_site.browser_contract import GUIDELINES_FORMAT_VERSION, REVIEW_FORMAT_VERSION
from safeguarding_site.loading import load_site_data

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = load_site_data(ROOT / "data")
TOPICS = DATA.guidelines_file.topics
ASKING_RULES = [rule for rule in DATA.guidelines_file.rules if rule.follow_up]  # rules that ask how they are applied
WORKSHEET = "guidelines-worksheet/"
OWN_WORDS = "Staff only use the club phone's texts, which keep a record. <b>Never</b> apps that delete messages."
FOLLOW_UP = "Tell the safeguarding lead, and agree with them what to do."
GROUP = "Oak Tree Youth Group"


def topic_with(kind: str):
    """The first topic with a follow-up question (kind='follow_up') or with example stances ('stances')."""
    return next(t for t in TOPICS if (t.follow_up if kind == "follow_up" else t.stances))


def open_worksheet(page, url):
    page.goto(url + WORKSHEET)
    page.wait_for_selector(".guidelines--enhanced")


def answer_every_topic(page) -> dict[str, str]:
    """How each rule is applied, then a stance, own words or 'still to decide' for each topic, every
    follow-up answered; returns what each topic's guideline should now say (topic id -> words), the
    undecided ones left out."""
    expected = {}
    page.fill("#guidelines-group", GROUP)
    page.fill("#guidelines-agreed-by", "Jo Patel")
    page.fill("#guidelines-agreed-role", "chair of trustees")
    page.fill("#guidelines-agreed-on", "2026-12-03")
    for rule in ASKING_RULES:
        page.fill(f"#follow-up-{rule.id}", f"{FOLLOW_UP} ({rule.id})")
    for number, topic in enumerate(TOPICS):
        if number == len(TOPICS) - 1:
            page.check(f"#choice-{topic.id}-later")
            continue
        if number % 2 == 0 and topic.stances:
            stance = topic.stances[-1]
            page.check(f"#choice-{topic.id}-{stance.id}")
            expected[topic.id] = stance.text
        else:
            page.check(f"#choice-{topic.id}-own")
            page.fill(f"#wording-{topic.id}", f"{OWN_WORDS} ({topic.id})")
            expected[topic.id] = f"{OWN_WORDS} ({topic.id})"
        if topic.follow_up:
            page.fill(f"#follow-up-{topic.id}", f"{FOLLOW_UP} ({topic.id})")
    return expected


def download(page, button_name) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    file = info.value
    return file.suggested_filename, Path(file.path()).read_text(encoding="utf-8")


def outside_requests(page, site_url) -> list[str]:
    """Collects every request from now on that is not for the site's own files, as it happens."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(f"{request.method} {request.url}")
            if not (request.url.startswith(site_url) and request.method == "GET") else None)
    return seen


# --- the guidelines builder ----------------------------------------------------------------------

def test_every_answer_is_kept_through_a_reload_and_instant_navigation(page, instant_site_url):
    open_worksheet(page, instant_site_url)
    expected = answer_every_topic(page)
    last = TOPICS[-1]
    expect(page.locator(f"[data-topic={last.id}] [data-topic-state]")).to_have_text("Still to decide.")

    page.reload()
    page.wait_for_selector(".guidelines--enhanced")
    expect(page.locator("#guidelines-group")).to_have_value(GROUP)
    expect(page.locator("#guidelines-agreed-on")).to_have_value("2026-12-03")
    wake_material(page)  # instant navigation is Material's, whose script waits for the reader
    page.evaluate("window.__samePage = true")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Useful tips").first.click()
    page.wait_for_url("**/tips/")
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Guidelines worksheet").first.click()
    page.wait_for_url(f"**/{WORKSHEET}")
    page.wait_for_selector(".guidelines--enhanced")
    assert page.evaluate("window.__samePage === true"), "navigation was not instant"

    for number, topic in enumerate(TOPICS[:-1]):
        words = expected[topic.id]
        if words.startswith(OWN_WORDS):
            expect(page.locator(f"#choice-{topic.id}-own")).to_be_checked()
            expect(page.locator(f"#wording-{topic.id}")).to_have_value(words)
        else:
            stance = next(s for s in topic.stances if s.text == words)
            expect(page.locator(f"#choice-{topic.id}-{stance.id}")).to_be_checked()
        if topic.follow_up:
            expect(page.locator(f"#follow-up-{topic.id}")).to_have_value(f"{FOLLOW_UP} ({topic.id})")
        expect(page.locator(f"[data-topic={topic.id}] [data-topic-state]")).to_have_text("Decided.")
    for rule in ASKING_RULES:
        expect(page.locator(f"#follow-up-{rule.id}")).to_have_value(f"{FOLLOW_UP} ({rule.id})")
        expect(page.locator(f"[data-topic={rule.id}] [data-topic-state]")).to_have_text("Answered.")
    document = page.locator("[data-guidelines-output]")
    expect(document).to_contain_text(GROUP)
    expect(document.locator("dl")).to_have_text(re.compile(r"Agreed by\s*Jo Patel, chair of trustees\s*Agreed on\s*"
                                                          r"3 December 2026\s*Next review\s*by 3 December 2027"))
    expect(document.locator("h3").last).to_have_text("Still to decide")
    expect(document.locator("ul li")).to_have_text([f"{last.title}: {last.question}"])
    assert document.locator("b").count() == 0, "words that look like HTML stay words"


def test_a_topic_whose_follow_up_is_unanswered_shows_as_half_done(page, site_url):
    topic = topic_with("follow_up")
    open_worksheet(page, site_url)
    page.check(f"#choice-{topic.id}-own")
    page.fill(f"#wording-{topic.id}", "Our own rule")
    state = page.locator(f"[data-topic={topic.id}] [data-topic-state]")
    expect(state).to_have_text(f"Half done: “{topic.follow_up}” still needs an answer.")
    expect(page.locator("[data-guidelines-output] li", has_text=topic.follow_up)).to_have_count(1)
    page.fill(f"#follow-up-{topic.id}", "The club phone")
    expect(state).to_have_text("Decided.")


def test_the_worksheet_works_by_keyboard_alone(page, site_url):
    topic = topic_with("stances")
    open_worksheet(page, site_url)
    page.focus(f"#choice-{topic.id}-{topic.stances[0].id}")
    page.keyboard.press("Space")
    expect(page.locator(f"#choice-{topic.id}-{topic.stances[0].id}")).to_be_checked()
    for _ in topic.stances:
        page.keyboard.press("ArrowDown")  # arrow keys move through a radio group, choosing as they go
    expect(page.locator(f"#choice-{topic.id}-own")).to_be_checked()
    expect(page.locator(f"#wording-{topic.id}")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"wording-{topic.id}"
    page.keyboard.type("Typed by keyboard")
    expect(page.locator("[data-guidelines-output]")).to_contain_text("Typed by keyboard")


def test_saved_document_and_overlay_file_hold_the_answers_and_open_again_without_any_request(page, site_url):
    open_worksheet(page, site_url)
    expected = answer_every_topic(page)
    requests = outside_requests(page, site_url)

    name, markdown = download(page, "Save as a document")
    assert re.fullmatch(r"our-guidelines-\d{4}-\d{2}-\d{2}\.md", name)
    assert markdown.startswith(f"# Our guidelines on social media\n\n**{GROUP}**\n\n"
                               "- **Agreed by:** Jo Patel, chair of trustees\n- **Agreed on:** 3 December 2026\n"
                               "- **Next review:** by 3 December 2027\n")
    rules, choices = markdown.index("## The rules we all follow"), markdown.index("## Our own choices")
    for rule, words in DATA.rules():
        assert rules < markdown.index(f"**{rule.title}.** {' '.join(words.split())}") < choices, rule.id
    for rule in ASKING_RULES:
        assert f"**{rule.follow_up}** {FOLLOW_UP} ({rule.id})" in markdown
    for topic in TOPICS[:-1]:
        assert f"### {topic.title}" in markdown
    assert "\\<b\\>Never\\</b\\>" in markdown, "HTML in an answer is written as text"
    assert f"## Still to decide\n\n- {TOPICS[-1].title}: {TOPICS[-1].question}" in markdown
    assert "Newcastle Council for Voluntary Service" in markdown and DATA.publication.licence.url in markdown
    expect(page.locator("[data-file-state]")).to_contain_text("Last saved to a file on")

    name, overlay = download(page, "Save for our own copy of the site")
    assert name == "our-guidelines.yml"
    data = yaml.safe_load(overlay)
    assert data["group"] == GROUP and data["agreed_by"] == "Jo Patel" and data["agreed_on"] == date(2026, 12, 3)
    assert data["agreed_role"] == "chair of trustees"
    schema = json.loads((ROOT / "data" / "schema" / "our-guidelines.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate({**data, "agreed_on": data["agreed_on"].isoformat()}, schema)
    assert set(data["choices"]) == set(expected) | {rule.id for rule in ASKING_RULES}
    assert all(set(data["choices"][rule.id]) == {"follow_up"} for rule in ASKING_RULES), "a rule is never chosen"

    for saved_name, text in (("our-guidelines.md", markdown), ("our-guidelines.yml", overlay)):
        page.evaluate("localStorage.clear()")
        page.reload()
        page.wait_for_selector(".guidelines--enhanced")
        expect(page.locator("#guidelines-group")).to_have_value("")
        page.set_input_files("#guidelines-open", files=[{"name": saved_name, "mimeType": "text/plain",
                                                         "buffer": text.encode("utf-8")}])
        expect(page.locator("[data-guidelines-message]")).to_contain_text(f"Opened “{saved_name}”")
        expect(page.locator("#guidelines-group")).to_have_value(GROUP)
        for topic in TOPICS[:-1]:
            expect(page.locator(f"[data-topic={topic.id}] [data-topic-state]")).to_have_text("Decided.")
        own = next(t for t in TOPICS if expected[t.id].startswith(OWN_WORDS))
        expect(page.locator(f"#wording-{own.id}")).to_have_value(expected[own.id])
        for rule in ASKING_RULES:
            expect(page.locator(f"#follow-up-{rule.id}")).to_have_value(f"{FOLLOW_UP} ({rule.id})")
    assert requests == [], f"saving or opening made requests: {requests}"


def test_a_fork_that_drops_in_the_saved_overlay_file_shows_the_same_guidelines(page, site_url, tmp_path):
    open_worksheet(page, site_url)
    expected = answer_every_topic(page)
    _, overlay = download(page, "Save for our own copy of the site")

    project = copy_project(tmp_path / "project")
    starter.start(project, GROUP)
    fill_in_placeholders(project)
    (project / "org" / "data" / "our-guidelines.yml").write_text(overlay, encoding="utf-8")
    result = run_build(project, tmp_path / "site", config="mkdocs.org.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    ours = page.context.new_page()
    ours.goto((tmp_path / "site" / "our-guidelines" / "index.html").as_uri())
    text = " ".join(ours.locator(".guidelines").inner_text().split())
    for rule, words in DATA.rules():
        assert " ".join(words.split()) in text, rule.id
    for rule in ASKING_RULES:
        assert f"{rule.follow_up} {FOLLOW_UP} ({rule.id})" in text, rule.id
    for topic in TOPICS[:-1]:
        assert f"Our guideline: {expected[topic.id]}" in text, topic.id
        if topic.follow_up:
            assert f"{FOLLOW_UP} ({topic.id})" in text
    assert "Agreed by Jo Patel, chair of trustees Agreed on 3 December 2026 Next review by 3 December 2027" in text
    assert f"Still to decide: {TOPICS[-1].title}" in text


def test_the_leaflets_rules_are_on_the_worksheet_and_in_its_document_and_cannot_be_chosen_away(page, site_url):
    open_worksheet(page, site_url)
    rules = page.locator("#guideline-rules")
    for rule, words in DATA.rules():
        expect(rules.locator(f"#guideline-{rule.id}")).to_contain_text(" ".join(words.split()))
        expect(page.locator("[data-guidelines-output] ol")).to_contain_text(" ".join(words.split()))
    assert rules.locator("input[type=radio]").count() == 0, "a rule offers no stance to pick and none to reject"
    assert rules.locator("textarea").count() == len(ASKING_RULES)
    expect(page.locator("#guideline-rules")).not_to_contain_text("reject")


def test_a_worksheet_saved_by_the_first_version_opens_keeps_its_answers_and_says_what_is_new(page, site_url):
    open_worksheet(page, site_url)
    old = {"format": "sgsm-guidelines", "version": 1, "group": GROUP, "agreedBy": "", "agreedOn": "",
           "topics": {"instant-messaging": {"mode": "own", "stance": "", "wording": "Only the club phone's texts.",
                                            "followUp": ""},
                      "copy-colleague": {"mode": "stance", "stance": "always-copy", "wording": "", "followUp": ""}}}
    text = f"# Our guidelines\n\n<!-- sgsm-guidelines\n{json.dumps(old)}\n-->\n"
    page.set_input_files("#guidelines-open", files=[{"name": "old.md", "mimeType": "text/plain",
                                                     "buffer": text.encode("utf-8")}])
    message = page.locator("[data-guidelines-message]")
    expect(message).to_contain_text("saved by an earlier version of the worksheet")
    expect(message).to_contain_text("“Instant messaging”")
    expect(page.locator("#follow-up-instant-messaging")).to_have_value("Only the club phone's texts.")
    stored = json.loads(page.evaluate("localStorage.getItem('sgsm-guidelines')"))
    assert stored["version"] == GUIDELINES_FORMAT_VERSION and "copy-colleague" not in stored["topics"]


def test_a_file_that_is_not_saved_guidelines_is_refused_and_changes_nothing(page, site_url):
    open_worksheet(page, site_url)
    page.fill("#guidelines-group", GROUP)
    before = page.evaluate("localStorage.getItem('sgsm-guidelines')")
    for name, text in (("minutes.md", "# Minutes\n\nWe met.\n"), ("x.yml", "choices:\n  no-such-topic:\n    stance: a\n"),
                       ("bin.yml", "\x00\x01garbage: [")):
        page.set_input_files("#guidelines-open", files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}])
        expect(page.locator("[data-guidelines-message]")).to_contain_text("has not been changed")
        assert page.evaluate("localStorage.getItem('sgsm-guidelines')") == before
    expect(page.locator("#guidelines-group")).to_have_value(GROUP)


def test_our_guidelines_print_on_a4_without_the_site_around_them(page, site_url):
    open_worksheet(page, site_url)
    answer_every_topic(page)
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    text = " ".join(" ".join(sheet.extract_text() for sheet in pdf.pages).split())
    print(f"\nOur guidelines, every topic answered: {len(pdf.pages)} A4 pages")
    assert 1 <= len(pdf.pages) <= 3, f"{len(pdf.pages)} pages"
    assert text.startswith("Our guidelines on social media") or "Our guidelines on social media" in text[:200], text[:300]
    assert GROUP in text and "Newcastle Council for Voluntary Service" in text
    for absent in ("Guidelines worksheet", "Useful tips", "Search", "Print our guidelines", "Your organisation’s name"):
        assert absent not in text, f"the printout shows {absent!r}"


def test_after_the_worksheet_another_page_still_prints_as_itself(page, instant_site_url):
    open_worksheet(page, instant_site_url)
    page.evaluate("window.__samePage = true")
    wake_material(page)  # instant navigation is Material's, whose script waits for the reader
    page.locator(".md-sidebar--primary a.md-nav__link", has_text="Useful tips").first.click()
    page.wait_for_url("**/tips/")
    page.wait_for_selector(".checklist[data-enhanced]")
    assert page.evaluate("window.__samePage === true"), "navigation was not instant"
    page.emulate_media(media="print")
    expect(page.locator(".md-content h1")).to_be_visible()
    expect(page.locator(".checklist").first).to_be_visible()


def test_the_blank_worksheet_still_prints_when_asked_for(page, site_url):
    open_worksheet(page, site_url)
    answer_every_topic(page)
    page.evaluate("document.documentElement.setAttribute('data-print', 'worksheet')")  # as its button does
    page.emulate_media(media="print")
    expect(page.locator(".guideline__stances").first).to_be_visible()
    expect(page.locator(".guideline__choose").first).to_be_hidden()
    expect(page.locator("[data-guidelines-document]")).to_be_hidden()


def test_the_blank_worksheet_prints_lines_to_sign_off_the_guidelines_and_the_screen_asks_instead(page, site_url):
    open_worksheet(page, site_url)
    sign_off = page.locator(".guidelines__sign-off")
    expect(sign_off).to_be_hidden()  # on screen, "About your guidelines" asks for the same
    expect(page.locator("#guidelines-agreed-by")).to_be_visible()
    page.evaluate("document.documentElement.setAttribute('data-print', 'worksheet')")  # as its button does
    page.emulate_media(media="print")
    expect(sign_off).to_be_visible()
    for line in ("Agreed by", "Signature", "Date agreed", "Date of the next review", "Safeguarding lead"):
        expect(sign_off.locator("dt", has_text=line).first).to_be_visible()
    assert sign_off.locator("dd").first.evaluate("e => e.getBoundingClientRect().height") > 20  # room to write
    page.evaluate("document.documentElement.setAttribute('data-print', 'guidelines')")  # the group's own document
    expect(sign_off).to_be_hidden()


def test_without_javascript_the_worksheet_reads_and_prints_as_a_plain_worksheet(browser, site_url):
    with browser_page(browser, 1280, java_script_enabled=False) as page:
        page.goto(site_url + WORKSHEET)
        expect(page.locator(".guideline__stances").first).to_be_visible()
        expect(page.locator(".guideline__choose").first).to_be_hidden()
        expect(page.locator("[data-guidelines-builder]")).to_be_hidden()
        expect(page.locator("[data-guidelines-document]")).to_be_hidden()
        page.emulate_media(media="print")
        expect(page.locator(".guideline__write-in").first).to_be_visible()
        expect(page.locator(".guidelines__sign-off")).to_be_visible()


# --- reviews that are not lost -------------------------------------------------------------------

PERSIST_SPY = """
window.__persistCalls = 0;
if (navigator.storage) {
  navigator.storage.persisted = async () => false;
  navigator.storage.persist = async () => { window.__persistCalls += 1; return window.__persistAnswer !== false; };
}
"""


@pytest.mark.parametrize("agrees", [True, False])
def test_the_browser_is_asked_to_keep_the_review_and_its_answer_is_said(browser, site_url, agrees):
    with browser_page(browser, 1280) as page:
        page.add_init_script(PERSIST_SPY + ("" if agrees else "window.__persistAnswer = false;"))
        page.goto(site_url + "tips/")
        page.wait_for_selector(".checklist[data-enhanced]")
        assert page.evaluate("window.__persistCalls") == 0, "nothing recorded yet: nothing to ask"
        page.check("#check-tip-no-linking")
        expect(page.locator("#check-tip-no-linking")).to_be_checked()
        page.goto(site_url + "review/")
        keep = page.locator(".review-plan [data-keep-status]")
        expect(keep).to_contain_text("has agreed to keep" if agrees else "has not agreed to keep")
        assert page.evaluate("window.__persistCalls") == 1


def seed_review(page, url, review: dict):
    page.goto(url + "review/")
    page.evaluate("value => localStorage.setItem('sgsm-review', value)", json.dumps(review))
    page.reload()
    page.wait_for_selector("[data-review-app]:not([hidden])")


def test_a_week_of_changes_not_saved_to_a_file_brings_one_calm_reminder(page, site_url):
    eight_days_ago = "2026-01-01T09:00:00.000Z"
    seed_review(page, site_url, {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "saved": eight_days_ago,
                                 "exported": None, "unsavedSince": eight_days_ago,
                                 "items": {"tip-no-linking": {"status": "done"}}})
    reminder = page.locator(".review-plan [data-file-reminder]")
    expect(reminder).to_be_visible()
    expect(reminder).to_contain_text("not been saved to a file for more than a week")
    expect(page.locator(".review-plan [data-file-state]")).to_have_text("This review has not been saved to a file yet.")
    assert page.locator("text=not been saved to a file for more than a week").count() == 1, "said once"
    download(page, "Save to carry on later")
    expect(reminder).to_be_hidden()
    expect(page.locator(".review-plan [data-file-state]")).to_contain_text("Last saved to a file on")


def record(status, notes, changed, by, base=""):
    return {"status": status, "notes": notes, "owner": "", "due": "", "changed": changed, "by": by, "base": base}


def two_reviews():
    """Alice shared her review on 1 December; since then each changed what the other did not, and both
    changed 'tip-keep-records'."""
    shared = "2026-12-01T10:00:00.000Z"
    common = {"tip-no-linking": record("done", "", shared, "alice001"),
              "tip-keep-records": record("in-progress", "Start a log", shared, "alice001"),
              "gone-item": {**record("done", "An answer to an item since removed", shared, "alice001"),
                            "text": "An item no longer in the guidance"}}
    alice = {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "items": copy.deepcopy(common)}
    bob = {"format": "sgsm-review", "version": REVIEW_FORMAT_VERSION, "items": copy.deepcopy(common)}
    alice["items"]["tip-keep-records"] = record("done", "Alice: the log is in the office", "2026-12-02T10:00:00.000Z",
                                                "alice001", shared)
    alice["items"]["action-policy"] = record("done", "Alice: agreed in May", "2026-12-02T10:00:00.000Z", "alice001")
    bob["items"]["tip-keep-records"] = record("not-applicable", "Bob: we keep no log", "2026-12-03T10:00:00.000Z",
                                              "bob00001", shared)
    bob["items"]["tip-no-linking"] = record("in-progress", "Bob: two profiles are still linked",
                                            "2026-12-03T10:00:00.000Z", "bob00001", shared)
    return alice, bob


@pytest.mark.parametrize("choice", ["Keep the answer in this browser", "Keep your colleague’s answer"])
def test_a_colleagues_review_is_combined_item_by_item_and_a_clash_is_left_to_a_person(page, site_url, choice):
    alice, bob = two_reviews()
    seed_review(page, site_url, alice)
    requests = outside_requests(page, site_url)
    page.set_input_files("#review-merge", files=[{"name": "bob.json", "mimeType": "application/json",
                                                  "buffer": json.dumps(bob).encode()}])
    message = page.locator(".review-plan [data-review-message]")
    expect(message).to_contain_text("1 answer taken from the file")
    expect(message).to_contain_text("1 item was answered differently in both")
    stored = json.loads(page.evaluate("localStorage.getItem('sgsm-review')"))
    assert stored["items"]["tip-no-linking"]["notes"] == "Bob: two profiles are still linked", "built on Alice's: taken"
    assert stored["items"]["action-policy"]["notes"] == "Alice: agreed in May", "only Alice had it: kept"
    assert stored["items"]["gone-item"]["text"] == "An item no longer in the guidance", "nothing is dropped"
    assert stored["items"]["tip-keep-records"]["notes"] == "Alice: the log is in the office", "until chosen, hers stays"
    assert stored["conflicts"]["tip-keep-records"]["notes"] == "Bob: we keep no log", "and his is kept"

    clash = page.locator("[data-review-conflict-list] > li")
    expect(clash).to_have_count(1)
    expect(clash).to_contain_text("Alice: the log is in the office")
    expect(clash).to_contain_text("Bob: we keep no log")
    expect(page.locator("#item-gone-item, [data-review-orphan-list]").first).to_contain_text("no longer in the guidance")
    clash.get_by_role("button", name=choice).click()
    expect(page.locator("[data-review-conflicts]")).to_be_hidden()
    kept = "Bob: we keep no log" if "colleague" in choice else "Alice: the log is in the office"
    expect(page.locator("#item-tip-keep-records .checklist__record")).to_contain_text(kept)
    stored = json.loads(page.evaluate("localStorage.getItem('sgsm-review')"))
    assert stored["items"]["tip-keep-records"]["notes"] == kept and not stored["conflicts"]

    page.set_input_files("#review-merge", files=[{"name": "bob.json", "mimeType": "application/json",
                                                  "buffer": json.dumps(bob).encode()}])
    expect(message).to_contain_text("0 answers taken from the file")
    expect(page.locator("[data-review-conflicts]")).to_be_hidden()
    assert requests == [], f"combining made requests: {requests}"


# --- accessibility ---------------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_the_worksheet_and_the_review_in_use(browser, site_url, width, scheme):
    script = axe_script()
    with browser_page(browser, WIDTHS[width], scheme) as page:
        open_worksheet(page, site_url)
        answer_every_topic(page)
        violations = axe_violations(page, script)
        assert not violations, f"worksheet at {WIDTHS[width]} px, {scheme}:\n{describe_violations(violations)}"
        alice, bob = two_reviews()
        seed_review(page, site_url, alice)
        wake_material(page)  # the scroll to the clash would load it part-way through the check
        page.set_input_files("#review-merge", files=[{"name": "bob.json", "mimeType": "application/json",
                                                      "buffer": json.dumps(bob).encode()}])
        expect(page.locator("[data-review-conflict-list] > li")).to_have_count(1)
        wait_until_still(page)  # scrolled to the clash, Material's header swaps the site's name for the page's with a fade
        violations = axe_violations(page, script)
        assert not violations, f"review at {WIDTHS[width]} px, {scheme}:\n{describe_violations(violations)}"
