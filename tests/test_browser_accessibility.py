"""WCAG 2.2 AA in a real browser: a dark scheme chosen with the toggle is kept and passes axe; every page
has a title, a description of its own and headings in order. (axe on every built page, on a phone and a
desktop, in the light and the dark scheme, is the quick check's: tests/test_quick_check.py.)"""
from __future__ import annotations

import pytest

from browser_support import (KEYBOARD_READY, axe_script, axe_violations, browser_page, content_pages,
                             describe_violations, site_pages)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def axe():
    return axe_script()


def open_ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_selector(KEYBOARD_READY, state="attached")


def test_dark_scheme_chosen_with_the_toggle_is_kept_and_passes_axe(browser, site_url, axe):
    """A reader on a light-scheme device who picks the dark scheme keeps it on the next page."""
    with browser_page(browser, 1280, "light") as page:
        open_ready(page, site_url + "tips/")
        for _ in range(10):  # the scheme toggle, from the keyboard
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Switch to dark mode":
                break
        page.keyboard.press("Enter")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        open_ready(page, site_url + "resources/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        violations = axe_violations(page, axe)
        assert not violations, describe_violations(violations)


def description_of(page) -> str:
    return " ".join(page.evaluate(
        "document.querySelector('meta[name=description]')?.getAttribute('content') ?? ''").split())


def test_every_page_has_a_title_and_a_description_of_its_own(page, built_site, site_url):
    page.goto(site_url + "404.html")  # a page with no front matter gets the site-wide description
    site_description = description_of(page)
    titles, descriptions = {}, {}
    for path in content_pages(built_site):
        page.goto(site_url + path)
        title = page.title().strip()
        description = description_of(page)
        assert title, f"/{path} has no <title>"
        assert len(description) >= 30, f"/{path} has no meta description, or one too short to say what it holds"
        assert description != site_description, \
            f"/{path} has only the site-wide description: give it a `description` in its front matter"
        titles.setdefault(title, []).append(path)
        descriptions.setdefault(description, []).append(path)
    assert all(len(paths) == 1 for paths in titles.values()), f"pages share a title: {titles}"
    assert all(len(paths) == 1 for paths in descriptions.values()), f"pages share a description: {descriptions}"


def test_headings_start_at_one_h1_and_never_skip_a_level(page, built_site, site_url):
    problems = []
    for path in site_pages(built_site):
        page.goto(site_url + path)
        levels = page.evaluate(
            "[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => [Number(h.tagName[1]), h.textContent.trim()])")
        if [level for level, _ in levels].count(1) != 1 or not levels or levels[0][0] != 1:
            problems.append(f"/{path}: needs exactly one h1, first: {levels}")
            continue
        for (before, _), (level, text) in zip(levels, levels[1:]):
            if level > before + 1:
                problems.append(f"/{path}: h{before} is followed by h{level} ({text!r})")
    assert not problems, "\n".join(problems)
