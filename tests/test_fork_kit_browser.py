"""The example organisation's site in Chromium: its colours on screen, and its guidelines page on paper.
(Every one of its pages passing axe in its colours, in both schemes, is the quick check's:
tests/test_quick_check.py.)"""
from __future__ import annotations

import io
import unicodedata

import pytest

from conftest import ROOT, serve_directory
from safeguarding_site.loading import load_site_data
from test_fork_kit import PRIMARY

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


@pytest.fixture(scope="module")
def fork_url(fork_site):
    server, url = serve_directory(fork_site)
    yield url
    server.stop()


def test_header_and_links_use_the_organisations_colour(page, fork_url):
    page.goto(fork_url + "our-guidelines/")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == rgb(PRIMARY)
    link = page.locator(".md-content a[href*='good-practice']").first
    assert link.evaluate("a => getComputedStyle(a).color") == rgb(PRIMARY)


def test_guidelines_page_prints_cleanly_with_room_to_write(page, fork_url):
    from pypdf import PdfReader

    page.goto(fork_url + "our-guidelines/")
    page.emulate_media(media="print")
    # Menus, header and search are not printed; the to-decide items get lines to write on.
    for selector in (".md-header", ".md-sidebar--primary", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    write_in = page.locator("#guideline-online-history .guideline__write-in").first
    assert write_in.evaluate("e => e.getBoundingClientRect().height") > 40
    assert page.locator("#guideline-records .guideline__write-in").count() == 0  # decided: nothing to write

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    # NFKC turns the typeface's ligatures (the "ff" in "staff") back into letters.
    texts = [" ".join(unicodedata.normalize("NFKC", sheet.extract_text() or "").split()) for sheet in pdf.pages]
    assert all(texts), f"a blank sheet among {len(texts)} printed pages"
    whole = " ".join(texts)
    not_identified = next(s.text for s in load_site_data(ROOT / "data").topic("public-dealings").stances
                          if s.id == "not-identified")
    assert f"Our guideline: {' '.join(not_identified.split())}" in whole
    instant_messaging = load_site_data(ROOT / "data").rule_words(
        load_site_data(ROOT / "data").guidelines_file.entry("instant-messaging"))
    assert " ".join(instant_messaging.split()) in whole  # the leaflet's rules print as part of the guidelines
    assert "To decide." in whole
    assert "Newcastle Council for Voluntary Service" in whole  # the credit to the leaflet is printed too
