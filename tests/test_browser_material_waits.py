"""Material's script waits for the reader (browser/material.js): a page loads and is shown without it,
in the colour scheme the reader chose or the device prefers, with the switch to the other scheme
there; the reader's first movement brings it, and search, the scheme switch and the page's tools then
work as before."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser_support import KEYBOARD_READY, browser_page, wait_for, wake_material

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MATERIAL_REQUESTED = "() => performance.getEntriesByType('resource').some(e => /bundle\\.[0-9a-f]+\\.min\\.js/.test(e.name) && e.initiatorType === 'script')"
SCHEME = "document.body.getAttribute('data-md-color-scheme')"


def settled(page, url):
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector(KEYBOARD_READY, state="attached")


def test_a_page_loads_and_settles_without_materials_script_until_the_reader_moves(browser, site_url):
    with browser_page(browser, 375) as page:
        settled(page, site_url + "tips/")
        assert not page.evaluate(MATERIAL_REQUESTED)
        assert page.evaluate("typeof window.document$") == "undefined"
        assert page.evaluate("document.documentElement.classList.contains('js')")
        page.locator(".checklist[data-enhanced]").first.wait_for()  # the page's own tool runs regardless
        wake_material(page)
        assert page.evaluate(MATERIAL_REQUESTED)


def test_a_search_typed_before_materials_script_arrives_still_finds_pages(browser, site_url):
    with browser_page(browser, 375) as page:
        settled(page, site_url)
        page.locator(".site-search-button").click()  # the first touch: Material is asked for now
        page.keyboard.type("privacy")
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        assert page.locator(".md-search-result__item").count() >= 1


@pytest.mark.parametrize("device, shown, switch", [("light", "default", "Switch to dark mode"),
                                                   ("dark", "slate", "Switch to light mode")])
def test_the_devices_scheme_is_shown_from_the_start_with_the_switch_to_the_other(browser, site_url, device, shown,
                                                                                   switch):
    with browser_page(browser, 1280, device) as page:
        settled(page, site_url + "about/")
        assert page.evaluate(SCHEME) == shown
        visible = page.locator("button[data-choose-scheme]:not([hidden])")
        assert visible.count() == 1 and visible.get_attribute("title") == switch
        wake_material(page)
        assert page.evaluate(SCHEME) == shown  # Material, arriving, agrees


def test_the_scheme_switch_works_before_material_arrives_and_material_keeps_the_choice(browser, site_url):
    with browser_page(browser, 1280, "light") as page:
        settled(page, site_url + "about/")
        # A click with no movement before it: the scheme changes at once, without Material's script
        # (which the focus then moving to the other switch asks for)
        assert page.evaluate("""() => {
          document.querySelector('button[data-choose-scheme]:not([hidden])').click();
          return [document.documentElement.dataset.material, document.body.getAttribute('data-md-color-scheme')];
        }""") == [None, "slate"]
        wake_material(page)
        assert page.evaluate(SCHEME) == "slate"
        settled(page, site_url + "tips/")
        assert page.evaluate(SCHEME) == "slate"
        page.get_by_role("button", name="Switch to light mode").click()
        wait_for(page, f"() => {SCHEME} === 'default'")


def test_a_page_reached_at_a_place_in_it_loads_materials_script_at_once(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + "tips/#useful-tips", wait_until="networkidle")
        wait_for(page, "() => document.documentElement.dataset.material === 'ready'")


def test_a_pages_tool_script_is_asked_for_by_the_page_and_fetched_once(browser, site_url):
    with browser_page(browser, 375) as page:
        settled(page, site_url + "guidelines-worksheet/")
        page.wait_for_selector(".guidelines--enhanced")
        assert page.evaluate("document.head.querySelectorAll('link[rel=preload][href$=\"/guidelines.js\"]').length") == 1
        fetched = page.evaluate("performance.getEntriesByType('resource').filter(e => e.name.endsWith('/guidelines.js')).length")
        assert fetched == 1


def test_the_review_pages_own_part_is_asked_for_by_the_page_and_the_other_checklist_pages_never_fetch_it(browser, site_url):
    part = "performance.getEntriesByType('resource').filter(e => e.name.endsWith('/review-app.js')).length"
    with browser_page(browser, 375) as page:
        settled(page, site_url + "review/")
        expect(page.locator("[data-review-app]")).to_be_visible()
        assert page.evaluate("document.head.querySelectorAll('link[rel=preload][href$=\"/review-app.js\"]').length") == 1
        assert page.evaluate(part) == 1, "asked for from the head and run by the checklists' script: fetched once"
    with browser_page(browser, 375) as page:
        settled(page, site_url + "tips/")
        page.wait_for_selector(".checklist[data-enhanced]")
        assert page.evaluate(part) == 0
        assert page.evaluate("document.querySelectorAll('link[href$=\"/review-app.js\"]').length") == 0
