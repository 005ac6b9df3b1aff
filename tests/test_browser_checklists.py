"""Checklists in a real browser: labelled checkboxes, ticks kept in this browser by item id,
progress announced, reset, survival across reload and instant navigation, ticks on paper,
and plain lists without JavaScript."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect
from browser_support import wake_material
from conftest import ROOT
from safeguarding_site.loading import load_site_data

ACTIONS_TITLE = load_site_data(ROOT / "data").checklist("actions").title

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KEY = "sgsm-review"
CHECKLIST_PAGES = {"actions/": "actions", "good-practice/": "good-practice-prompts",
                   "supporting-staff/": "support-prompts", "tips/": "tips"}


def stored(page) -> dict:
    raw = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else {}


def open_page(page, instant_site_url, path):
    page.goto(instant_site_url + path)
    page.wait_for_selector(".checklist[data-enhanced]")


def nav_to(page, title, path):
    """Follow a sidebar link: Material swaps the page in without a reload (instant navigation)."""
    wake_material(page)  # instant navigation is Material's, whose script waits for the reader
    page.locator(".md-sidebar--primary a.md-nav__link", has_text=title).first.click()
    page.wait_for_url(f"**/{path}")
    page.wait_for_selector(".checklist[data-enhanced] .checklist__check")


def test_every_item_on_every_checklist_page_is_a_labelled_checkbox(page, instant_site_url):
    from safeguarding_site.loading import load_site_data
    from conftest import ROOT
    data = load_site_data(ROOT / "data")
    for path, checklist_id in CHECKLIST_PAGES.items():
        open_page(page, instant_site_url, path)
        checklist = data.checklist(checklist_id)
        boxes = page.locator(f"#checklist-{checklist_id} input[type=checkbox]")
        expect(boxes).to_have_count(len(checklist.items))
        for item in checklist.items:
            box = page.get_by_role("checkbox", name=item.text, exact=True)
            expect(box).to_have_count(1)
            expect(box).not_to_be_checked()


def test_ticks_survive_reload_and_instant_navigation(page, instant_site_url):
    open_page(page, instant_site_url, "tips/")
    page.check("#check-tip-no-linking")
    page.check("#check-tip-keep-records")
    page.reload()
    page.wait_for_selector(".checklist[data-enhanced]")
    expect(page.locator("#check-tip-no-linking")).to_be_checked()
    expect(page.locator("#check-tip-keep-records")).to_be_checked()
    expect(page.locator("#check-tip-copy-colleagues")).not_to_be_checked()

    page.evaluate("window.__samePage = true")  # survives only if Material swaps pages in place
    nav_to(page, ACTIONS_TITLE, "actions/")
    page.check("#check-action-policy")
    nav_to(page, "Useful tips", "tips/")
    assert page.evaluate("window.__samePage === true"), "navigation was not instant"
    expect(page.locator("#check-tip-no-linking")).to_be_checked()
    expect(page.locator("#checklist-tips .checklist__progress")).to_have_text("2 of 9 done")
    nav_to(page, ACTIONS_TITLE, "actions/")
    expect(page.locator("#check-action-policy")).to_be_checked()
    assert page.evaluate("window.__samePage === true")


def test_ticks_are_kept_by_item_id_so_reworded_items_keep_them(page, instant_site_url):
    open_page(page, instant_site_url, "tips/")
    old = {"format": KEY, "version": 1, "saved": "2026-01-01T10:00:00Z",
           "items": {"tip-no-linking": {"status": "done", "text": "Wording the guidance used to have"}}}
    page.evaluate("value => localStorage.setItem('sgsm-review', value)", json.dumps(old))
    page.reload()
    page.wait_for_selector(".checklist[data-enhanced]")
    expect(page.locator("#check-tip-no-linking")).to_be_checked()


def test_progress_is_a_polite_live_region_that_counts_ticks(page, instant_site_url):
    open_page(page, instant_site_url, "tips/")
    progress = page.locator("#checklist-tips .checklist__progress")
    assert progress.get_attribute("role") == "status"  # an implicit aria-live="polite"
    expect(progress).to_have_text("0 of 9 done")
    page.check("#check-tip-no-linking")
    expect(progress).to_have_text("1 of 9 done")
    page.check("#check-tip-copy-colleagues")
    expect(progress).to_have_text("2 of 9 done")
    page.uncheck("#check-tip-no-linking")
    expect(progress).to_have_text("1 of 9 done")


def test_keyboard_alone_ticks_an_item_and_opens_its_plan(page, instant_site_url):
    open_page(page, instant_site_url, "actions/")
    page.focus("#checklist-actions .checklist__reset")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "check-action-policy"
    page.keyboard.press("Space")
    expect(page.locator("#check-action-policy")).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "status-action-policy"
    expect(page.locator("#status-action-policy")).to_have_value("done")


def test_reset_clears_this_lists_ticks_and_keeps_notes(page, instant_site_url):
    open_page(page, instant_site_url, "tips/")
    page.check("#check-tip-no-linking")
    page.check("#check-tip-keep-records")
    page.click("#item-tip-keep-records summary")
    page.fill("#notes-tip-keep-records", "Use the shared log book")
    page.get_by_role("button", name=re.compile("^Clear ticks")).click()
    expect(page.locator("#checklist-tips input[type=checkbox]:checked")).to_have_count(0)
    expect(page.locator("#checklist-tips .checklist__progress")).to_contain_text("0 of 9 done")
    page.reload()
    page.wait_for_selector(".checklist[data-enhanced]")
    expect(page.locator("#checklist-tips input[type=checkbox]:checked")).to_have_count(0)
    assert stored(page)["items"]["tip-keep-records"]["notes"] == "Use the shared log book"


def test_printed_checklist_shows_ticks_and_no_controls(page, instant_site_url):
    open_page(page, instant_site_url, "tips/")
    page.check("#check-tip-no-linking")
    page.emulate_media(media="print")
    marker = "el => getComputedStyle(el, '::before').content"
    assert page.locator("#item-tip-no-linking .checklist__label").evaluate(marker) == '"☑\u00a0"'
    assert page.locator("#item-tip-copy-colleagues .checklist__label").evaluate(marker) == '"☐\u00a0"'
    for hidden in ("#check-tip-no-linking", "#item-tip-no-linking .checklist__plan", "#checklist-tips .checklist__reset"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#item-tip-deleted-retrieved .checklist__text")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    print(f"\nprinted tips checklist (ticked): {pages} A4 page(s)")
    assert pages >= 1


def test_without_javascript_checklists_read_and_print_as_plain_lists(browser, instant_site_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        for path, checklist_id in CHECKLIST_PAGES.items():
            page.goto(instant_site_url + path)
            items = page.locator(f"#checklist-{checklist_id} .checklist__items > li")
            assert items.count() > 0
            expect(items.first).to_be_visible()
            assert page.locator(".md-content input[type=checkbox], .checklist__plan").count() == 0
            notice = page.locator(f"#checklist-{checklist_id} .checklist__no-js")
            expect(notice).to_be_visible()
            expect(notice).to_contain_text("needs JavaScript")
        page.emulate_media(media="print")
        expect(page.locator(".checklist__items > li").first).to_be_visible()
        style = page.locator(".checklist__items > li").first.evaluate("el => getComputedStyle(el).display")
        assert style == "list-item"
    finally:
        context.close()
