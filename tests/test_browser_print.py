"""Print, through Chromium's own print-to-PDF on A4: a tips or checklist page fits one sheet with no
header, menu or search; every link shows its address; the licence attribution is at the foot."""
from __future__ import annotations

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from browser_support import browser_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ONE_SHEET_PAGES = ["tips/", "actions/"]
A4_POINTS = (595.3, 841.9)
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer__inner",
               ".md-skip", ".md-top"]


def squashed(text: str) -> str:
    """PDF text without ligatures or line breaks, for finding long addresses split over lines."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def print_to_pdf(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))


def pdf_text(pdf: PdfReader) -> str:
    return "\n".join(sheet.extract_text() for sheet in pdf.pages)


@pytest.mark.parametrize("path", ONE_SHEET_PAGES)
def test_tips_and_checklist_pages_print_on_one_a4_sheet(browser, site_url, path):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + path, wait_until="networkidle")
        pdf = print_to_pdf(page)
        assert len(pdf.pages) == 1, f"/{path} prints on {len(pdf.pages)} A4 sheets"
        box = pdf.pages[0].mediabox
        assert abs(float(box.width) - A4_POINTS[0]) < 2 and abs(float(box.height) - A4_POINTS[1]) < 2, box


@pytest.mark.parametrize("path", ONE_SHEET_PAGES)
def test_printout_has_no_header_menu_or_search(browser, site_url, path):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + path, wait_until="networkidle")
        page.emulate_media(media="print")
        for selector in SCREEN_ONLY:
            shown = page.eval_on_selector_all(selector, "els => els.filter(e => e.getClientRects().length > 0).length")
            assert shown == 0, f"/{path}: {selector} is printed"
        text = pdf_text(print_to_pdf(page))
        for screen_words in ("Skip to content", "Type to start searching", "Back to top", "Previous"):
            assert screen_words not in text, f"/{path} prints {screen_words!r}"
        heading = page.locator("h1").first.evaluate("h => h.firstChild.textContent.trim()")
        assert heading in text


@pytest.mark.parametrize("path", ONE_SHEET_PAGES)
def test_printout_carries_the_licence_attribution_in_its_footer(browser, site_url, path):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + path, wait_until="networkidle")
        words = " ".join(page.locator(".site-attribution").inner_text().split())
        pdf = print_to_pdf(page)  # leaves the page in print media
        below_content = page.evaluate("""() => {
            const footer = document.querySelector('.md-footer .site-attribution').getBoundingClientRect();
            const content = document.querySelector('.md-content').getBoundingClientRect();
            return footer.height > 0 && footer.top >= content.bottom }""")
        assert below_content, f"/{path}: the attribution is not printed at the foot of the page"
        text = squashed(pdf_text(pdf))
        credit, _, licence = words.partition(" used under the ")  # the licence name is followed by its address
        assert squashed(credit) in text, f"/{path}: the credit {credit!r} is missing from the printout"
        assert squashed(licence.split(" (")[0]) in text, f"/{path}: the licence name is missing from the printout"
        assert "creativecommons.org/licenses/by-nc/4.0" in text


def test_every_link_prints_with_its_address(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + "actions/", wait_until="networkidle")
        canonical = page.evaluate("document.querySelector('link[rel=canonical]').href")
        published_root = canonical[: -len("actions/")]
        text = squashed(pdf_text(print_to_pdf(page)))  # leaves the page in print media
        links = page.eval_on_selector_all(
            ".md-content a[href]:not(.headerlink), .md-footer-meta a[href]",
            "links => links.filter(a => a.getClientRects().length > 0)"
            "              .map(a => [a.textContent.trim(), a.dataset.printUrl || ''])")
        inside = [address for _, address in links if address.startswith(published_root)]
        assert inside, f"no link within the site on /actions/ was given its published address: {links}"
        for label, address in links:
            assert address, f"the link {label!r} has no address to print"
            assert squashed(address) in text, f"the link {label!r} prints without its address {address}"


def test_without_javascript_the_printout_still_fits_and_shows_outside_addresses(browser, site_url):
    with browser_page(browser, 1280, java_script_enabled=False) as page:
        page.goto(site_url + "tips/")
        pdf = print_to_pdf(page)
        assert len(pdf.pages) == 1
        text = squashed(pdf_text(pdf))
        assert "creativecommons.org/licenses/by-nc/4.0" in text
