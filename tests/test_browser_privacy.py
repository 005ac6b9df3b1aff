"""Privacy, as the browser's own network log shows it: every page, its search included, asks for
nothing from any host but the site's own; no cookies; no analytics; no outside fonts; and the
footer says so in one line."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_support import browser_page, content_pages, site_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANALYTICS_GLOBALS = ["gtag", "ga", "_gaq", "dataLayer", "_paq", "plausible", "fathom", "umami", "clarity", "fbq",
                     "hj", "posthog", "mixpanel"]


class NetworkLog:
    """Every request the browser makes for a page, its workers included. Requests for another host
    are refused as well as recorded, so a test never waits on the internet."""

    def __init__(self, context, own_host: str):
        self.own_host = own_host
        self.requests: list[tuple[str, str]] = []
        context.route("**/*", self._route)
        context.on("request", lambda request: self.requests.append((request.resource_type, request.url)))

    def _route(self, route):
        if urlsplit(route.request.url).netloc == self.own_host:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    def foreign(self) -> list[str]:
        return sorted({url for _, url in self.requests
                       if urlsplit(url).scheme not in ("data", "blob", "about")
                       and urlsplit(url).netloc != self.own_host})


def visit_every_page_and_search(page, pages, site_url, settle="networkidle"):
    """Load each page (by default waiting until the network is quiet), then use the search, which
    starts a worker that fetches the search index."""
    for path in pages:
        page.goto(site_url + path, wait_until=settle)
    page.goto(site_url, wait_until="networkidle")
    search_button = page.locator(".site-search-button")  # on a phone, search opens from a header button
    if search_button.is_visible():
        search_button.click()
    else:
        page.locator(".md-search__input").click()
    page.keyboard.type("privacy")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")


def test_no_page_asks_any_other_host_for_anything(browser, built_site, site_url):
    own_host = urlsplit(site_url).netloc
    with browser_page(browser, 1280) as page:
        log = NetworkLog(page.context, own_host)
        visit_every_page_and_search(page, site_pages(built_site), site_url)
        assert log.foreign() == [], f"requests to other hosts: {log.foreign()}"
        kinds = {kind for kind, _ in log.requests}
        assert {"document", "stylesheet", "script"} <= kinds, kinds  # the log really saw the page load
        assert any("search_index.json" in url for _, url in log.requests), "the search index was never loaded"
        assert not [url for kind, url in log.requests if kind == "font"], "the site should load no web fonts"


def test_no_page_sets_a_cookie(browser, built_site, site_url):
    with browser_page(browser, 375) as page:
        visit_every_page_and_search(page, content_pages(built_site), site_url, settle="load")
        assert page.context.cookies() == []
        assert page.evaluate("document.cookie") == ""


def test_no_page_carries_analytics_or_outside_fonts(browser, built_site, site_url):
    with browser_page(browser, 1280) as page:
        for path in site_pages(built_site):
            page.goto(site_url + path)
            found = page.evaluate("names => names.filter(name => name in window)", ANALYTICS_GLOBALS)
            assert found == [], f"/{path} defines analytics globals: {found}"
            outside = page.evaluate("""origin => [
                ...[...document.querySelectorAll('script[src], link[href], img[src], iframe[src], source[src]')]
                   .filter(e => !(e.tagName === 'LINK' && ['canonical', 'prev', 'next', 'alternate'].includes(e.rel)))
                   .map(e => e.src || e.href)
                   .filter(url => new URL(url).origin !== origin),
                ...[...document.fonts].map(f => f.family)]""", site_url.rstrip("/"))
            assert outside == [], f"/{path} loads from outside or uses web fonts: {outside}"


def test_footer_says_in_one_line_that_nothing_is_tracked(browser, built_site, site_url):
    with browser_page(browser, 1280) as page:
        for path in site_pages(built_site):
            page.goto(site_url + path)
            notice = page.locator(".md-footer .site-privacy")
            assert notice.count() == 1, f"/{path} has no privacy line in its footer"
            assert notice.is_visible()
            text = " ".join(notice.inner_text().split())
            assert "cookies" in text and "analytics" in text and "other website" in text, text
            assert text.count(".") == 1, f"one sentence, please: {text!r}"
            lines = page.evaluate("""e => { const s = getComputedStyle(e);
                return Math.round(e.getBoundingClientRect().height / parseFloat(s.lineHeight)) }""",
                                  notice.element_handle())
            assert lines == 1, f"/{path}: the privacy line takes {lines} lines on a desktop screen"
