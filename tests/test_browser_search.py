"""Search, through Material's own search box in a real browser: the words people look for lead to
the right pages, and a search that finds nothing says so and offers a way on."""
from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest

from browser_support import browser_page, wait_for, wait_until
from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# query -> (pages that must be among the results, pages the best match may be)
EXPECTED = {
    "Facebook": ({"good-practice/", "resources/"}, {"good-practice/", "resources/", "tips/"}),
    "privacy settings": ({"tips/", "resources/"}, {"tips/", "resources/"}),
    "defensible": ({"", "good-practice/"}, {"", "good-practice/", "glossary/"}),
    "DBS": ({"keeping-up-to-date/", "glossary/"}, {"keeping-up-to-date/", "glossary/"}),
}

# sha256 of Material's partials/search.html that overrides/partials/search.html was copied from
MATERIAL_SEARCH_PARTIAL_SHA256 = "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30"


def site_path(url: str, site_url: str) -> str:
    return urlsplit(url).path[len(urlsplit(site_url).path):]


def search(page, query: str) -> list[str]:
    """Type the query into the search box as a reader would; return the result pages, best first."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query, delay=20)
    wait_for(page, "() => document.querySelector('.md-search-result__list').children.length > 0 || "
                   "document.querySelector('[data-search-help]').hidden === false", timeout=10000)
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                     "links => links.map(a => a.href)")


@pytest.fixture
def search_page(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url)
        yield page


@pytest.mark.parametrize("query", EXPECTED)
def test_search_leads_to_the_right_pages(search_page, site_url, query):
    must_include, best = EXPECTED[query]
    results = [site_path(url, site_url) for url in search(search_page, query)]
    assert must_include <= set(results), f"{query!r} found {results}"
    assert results[0] in best, f"{query!r}: best match is {results[0]}, expected one of {best}"
    search_page.keyboard.press("Enter")  # Material opens the best match, with the words to highlight
    search_page.wait_for_url(lambda url: site_path(url, site_url) == results[0] and "h=" in urlsplit(url).query)
    # search.highlight marks the words once the search index has loaded in the new page
    wait_until(search_page, "() => document.querySelector('.md-content mark') !== null", timeout=10000)
    marked = search_page.locator(".md-content mark").all_inner_texts()
    assert any(word.lower() in " ".join(marked).lower() for word in query.split()), \
        f"{query!r}: nothing highlighted on {results[0]}"


def test_a_search_that_finds_nothing_says_so_and_offers_a_way_on(search_page, site_url):
    assert search(search_page, "zebracorn") == []
    meta = search_page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == "No matching documents"
    assert meta.get_attribute("role") == "status"  # screen readers hear it
    help_box = search_page.locator("[data-search-help]")
    assert help_box.is_visible()
    text = " ".join(help_box.inner_text().split())
    assert "Try" in text and "resources" in text, text
    links = {link.inner_text(): link.get_attribute("href") for link in help_box.locator("a").all()}
    assert {site_path(href, site_url) for href in links.values()} == {"resources/", ""}, links
    help_box.get_by_role("link", name="list of resources").click()
    search_page.wait_for_url("**/resources/")
    assert search_page.title().startswith("Resources")


def test_every_word_the_help_suggests_finds_something(search_page):
    search(search_page, "zebracorn")
    suggestions = search_page.locator("[data-search-help] em").all_inner_texts()
    assert len(suggestions) >= 3, suggestions
    for word in suggestions:
        assert search(search_page, word), f"the help suggests {word!r}, which finds nothing"
        assert search_page.locator("[data-search-help]").is_hidden()


def test_search_dialog_has_a_name(search_page):
    dialog = search_page.locator(".md-search[role=dialog]")
    assert dialog.get_attribute("aria-label") == "Search"
    assert search_page.get_by_role("dialog", name="Search").count() == 1


def test_search_partial_override_is_based_on_the_installed_material():
    """overrides/partials/search.html is a copy of Material's with three marked changes. When Material
    changes its own, copy it again and re-apply the changes, then update the hash here."""
    installed = Path(material.__file__).parent / "templates" / "partials" / "search.html"
    digest = hashlib.sha256(installed.read_bytes()).hexdigest()
    assert digest == MATERIAL_SEARCH_PARTIAL_SHA256, \
        "Material's partials/search.html changed: refresh overrides/partials/search.html from it"
    override = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    assert override.count("{#- site:") == 4
