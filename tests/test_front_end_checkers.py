"""Clear to every checker, not only axe: HTML_CodeSniffer (pa11y's engine) and IBM Equal Access
(accessibility-checker-engine) find nothing at WCAG 2 AA, at phone and desktop widths, on every page and
with the menu (phone and tablet), search, the worksheet's builder and its dialog, and a review's panel
open; the pages stay valid once their scripts have run; every page carries the policy, and the tools
work under it without a single violation. (The W3C validator on every built page, and every page
loaded under the policy with no violation, are the quick check's: tests/test_quick_check.py.)"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from browser_support import browser_page, site_pages, wait_for
from conftest import ROOT
from safeguarding_site.browser_checks import WATCH_CSP
from safeguarding_site.site_checks import validate

pytestmark = pytest.mark.slow

HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
IBM = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"


@pytest.mark.browser
def test_the_pages_are_still_valid_once_their_scripts_have_run(browser, site_url, tmp_path):
    """What the scripts add (checklist controls, the review's tools, the worksheet's builder and its
    document) is valid HTML too: the W3C validator reads each tool page as the browser holds it."""
    pages = []
    with browser_page(browser, 1280) as page:
        for path, then in (("tips/", None), ("review/", review_with_a_panel_open),
                           ("guidelines-worksheet/", worksheet_filled_in_with_a_dialog_open)):
            page.goto(site_url + path, wait_until="networkidle")
            if then:
                then(page)
            pages.append(tmp_path / f"{path.strip('/')}.html")
            pages[-1].write_text("<!DOCTYPE html>" + page.evaluate("document.documentElement.outerHTML"),
                                 encoding="utf-8")
    messages = validate(pages)
    assert not messages, "\n".join(f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}" for m in messages[:20])


def test_the_validator_check_can_fail(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><input type="checkbox" autocomplete="off"></html>',
                    encoding="utf-8")
    assert any("autocomplete" in message["message"] for message in validate([page]))


def codesniffer_errors(page) -> list[str]:
    if not page.evaluate("typeof window.HTMLCS !== 'undefined'"):
        page.evaluate(HTMLCS.read_text(encoding="utf-8") + "\n;window.HTMLCS = HTMLCS;")
    return page.evaluate("""() => new Promise(resolve => HTMLCS.process('WCAG2AA', document, () => resolve(
        HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR)
          .map(m => `HTML_CodeSniffer ${m.code}: ${m.element.outerHTML.slice(0, 120)}`))))""")


IBM_VIOLATIONS = """async () => {
  const report = await new ace.Checker().check(document, ["WCAG_2_2", "WCAG_2_1"]);
  return report.results
    .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
    .map(r => `IBM ${r.ruleId}: ${r.message} at ${r.snippet.slice(0, 120)}`);
}"""


def ibm_violations(page) -> list[str]:
    if not page.evaluate("typeof window.ace !== 'undefined'"):
        page.evaluate(IBM.read_text(encoding="utf-8") + "\n;window.ace = ace;")
    return page.evaluate(IBM_VIOLATIONS)


def checker_findings(page) -> list[str]:
    return codesniffer_errors(page) + ibm_violations(page)


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_html_codesniffer_and_ibm_find_nothing_at_wcag2_aa_on_any_page(browser, built_site, site_url, width):
    failures = []
    with browser_page(browser, width) as page:
        for path in site_pages(built_site):
            page.goto(site_url + path, wait_until="networkidle")
            failures += [f"/{path}: {finding}" for finding in checker_findings(page)]
    assert not failures, "\n".join(failures)


def open_menu(page):
    page.locator(".site-menu-button").click()
    wait_for(page, "() => document.getElementById('__drawer').checked")


def search_with_results(page):
    button = page.locator(".site-search-button")
    (button if button.is_visible() else page.locator(".md-search__input")).click()
    page.keyboard.type("privacy")
    page.wait_for_selector(".md-search-result__item mark")


def worksheet_filled_in_with_a_dialog_open(page):
    page.wait_for_selector(".guidelines--enhanced")
    page.locator("fieldset.guideline__choose input[data-choice=own]").first.check()
    page.locator("fieldset.guideline__choose textarea").first.fill("Our own words.")
    page.locator("fieldset.guideline__choose input[data-choice=stance]").last.check()
    page.get_by_role("button", name="Clear the worksheet").click()
    page.wait_for_selector("dialog[open]")


def review_with_a_panel_open(page):
    page.wait_for_selector("[data-review-app]:not([hidden])")
    page.locator("details.checklist__plan").first.locator("summary").click()
    page.locator("select[data-field=status]").first.select_option(index=1)


STATES = {
    "home, phone, menu open": ("", 375, open_menu),
    "tips, tablet, menu open": ("tips/", 960, open_menu),
    "about, tablet, search with results": ("about/", 800, search_with_results),
    "home, phone, search with results": ("", 375, search_with_results),
    "tips, desktop, search with results": ("tips/", 1280, search_with_results),
    "guidelines worksheet, phone, filled in, dialog open": ("guidelines-worksheet/", 375,
                                                            worksheet_filled_in_with_a_dialog_open),
    "guidelines worksheet, desktop, filled in, dialog open": ("guidelines-worksheet/", 1280,
                                                              worksheet_filled_in_with_a_dialog_open),
    "review plan, desktop, a panel open": ("review/", 1280, review_with_a_panel_open),
}


@pytest.mark.browser
@pytest.mark.parametrize("state", STATES)
def test_html_codesniffer_and_ibm_find_nothing_with_the_tools_open(browser, site_url, state):
    path, width, then = STATES[state]
    with browser_page(browser, width) as page:
        page.goto(site_url + path, wait_until="networkidle")
        then(page)
        findings = checker_findings(page)
    assert not findings, f"{state}:\n" + "\n".join(findings)


@pytest.mark.browser
def test_the_codesniffer_and_ibm_checks_can_fail(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + "404.html")
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<form><input type=text name=q></form>')")
        assert any("H32.2" in finding for finding in codesniffer_errors(page))
        page.evaluate("document.body.insertAdjacentHTML('beforeend', '<button><svg viewBox=\"0 0 1 1\"></svg></button>')")
        assert any("IBM svg_graphics_labelled" in finding for finding in ibm_violations(page))


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
def test_the_checklists_search_and_instant_navigation_work_under_the_policy_with_no_violation(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.add_init_script(WATCH_CSP)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + "tips/", wait_until="networkidle")
        page.get_by_role("checkbox").first.check()
        page.reload(wait_until="networkidle")
        assert page.get_by_role("checkbox").first.is_checked()  # the checklist script ran and stored it
        page.locator(".md-search__input").click()
        page.keyboard.type("Online Compass")
        page.wait_for_selector(".md-search-result__item")  # the search worker ran
        page.keyboard.press("Enter")
        page.wait_for_url("**/resources/**")  # instant navigation
        assert page.evaluate("window.__violations || []") == [], "checklist, search and instant navigation"
        page.goto(site_url + "review/", wait_until="networkidle")
        page.wait_for_selector("[data-review-app]:not([hidden])")
        assert page.evaluate("window.__violations || []") == []
        assert not errors, errors


def download(page, button_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    return Path(info.value.path()).read_bytes()


def confirm_in_the_dialog(page, button_name: str) -> None:
    page.get_by_role("button", name=button_name).click()
    page.locator("dialog[open] [data-dialog-confirm]").click()
    page.wait_for_selector("dialog[open]", state="detached")


@pytest.mark.browser
def test_the_worksheet_builder_and_the_review_files_work_under_the_policy_with_no_violation(browser, site_url):
    """The guidelines builder (choose, write, print, print the blank worksheet, save both files, open
    one, clear) and the review's files (save, open, combine, start again): each step runs its script
    and reads or writes a file, and none of them is refused by the page's policy."""
    with browser_page(browser, 1280) as page:
        page.add_init_script(WATCH_CSP + ";window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site_url + "guidelines-worksheet/", wait_until="networkidle")
        page.wait_for_selector(".guidelines--enhanced")
        page.fill("#guidelines-group", "Oak Tree Youth Group")
        page.locator("fieldset.guideline__choose input[data-choice=own]").first.check()
        page.locator("fieldset.guideline__choose textarea[data-topic-field=wording]").first.fill("Our own words.")
        page.locator("fieldset.guideline__choose input[data-choice=stance]").last.check()
        page.get_by_role("button", name="Print our guidelines").click()
        page.get_by_role("button", name="Print the blank worksheet").click()
        wait_for(page, "() => window.__printed === 2")
        assert b"Oak Tree Youth Group" in download(page, "Save as a document")
        overlay = download(page, "Save for our own copy of the site")
        confirm_in_the_dialog(page, "Clear the worksheet")
        wait_for(page, "() => document.getElementById('guidelines-group').value === ''")
        page.set_input_files("#guidelines-open", files=[{"name": "our-guidelines.yml", "mimeType": "text/plain",
                                                         "buffer": overlay}])
        wait_for(page, "() => document.getElementById('guidelines-group').value === 'Oak Tree Youth Group'")
        assert page.evaluate("window.__violations || []") == [], "guidelines worksheet"

        page.goto(site_url + "review/", wait_until="networkidle")
        page.wait_for_selector("[data-review-app]:not([hidden])")
        page.locator("details.checklist__plan > summary").first.click()
        page.locator("select[data-field=status]").first.select_option(index=2)
        saved = download(page, "Save to carry on later")
        download(page, "Copy for minutes")
        page.set_input_files("#review-import", files=[{"name": "opened.json", "mimeType": "application/json",
                                                        "buffer": saved}])
        page.locator("dialog[open] [data-dialog-confirm]").click()  # it replaces the review in this browser
        wait_for(page, "() => document.querySelector('[data-review-message]').textContent.includes('opened.json')")
        page.set_input_files("#review-merge", files=[{"name": "colleague.json", "mimeType": "application/json",
                                                       "buffer": saved}])
        wait_for(page, "() => document.querySelector('[data-review-message]').textContent.includes('colleague.json')")
        confirm_in_the_dialog(page, "Start a new review")
        assert page.evaluate("window.__violations || []") == [], "review plan"
        assert not errors, errors
