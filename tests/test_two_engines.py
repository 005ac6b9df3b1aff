"""One source, two engines: the same sources make a complete site with Zensical (Material's successor) as with
MkDocs, checked by the same checks: the built-site checks here, and every page's accessibility, security policy,
scripts and first visit in a browser with the quick check's own functions. The same mistakes get the same plain
messages on both engines. (The full browser suite runs once, on MkDocs, the default; SITE_ENGINE=zensical runs
any browser test file against Zensical's build.)"""
from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import pytest
import yaml

from browser_support import browser_page, wait_for
from conftest import EXAMPLE_CONFIG, ROOT, copy_project, serve_directory
from mkdocs_adapter import engine
from safeguarding_site import browser_checks, site_checks
from safeguarding_site.browser_contract import contract
from safeguarding_site.loading import load_site_data
from safeguarding_site.review import long_date

pytestmark = pytest.mark.slow

DATA = load_site_data(ROOT / "data")
EXAMPLE = ROOT / "examples" / "riverside-youth-club" / "org"


def zensical_build(tmp_path_factory, name: str, config: str) -> Path:
    site = tmp_path_factory.mktemp(name)
    result = engine.build(ROOT, site, config, engine="zensical")
    assert result.ok, f"the Zensical build of {config} failed:\n{result.output}"
    return site


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    return zensical_build(tmp_path_factory, "zensical-site", "mkdocs.yml")


@pytest.fixture(scope="module")
def zensical_example(tmp_path_factory) -> Path:
    return zensical_build(tmp_path_factory, "zensical-example", EXAMPLE_CONFIG)


def article(page: Path) -> str:
    """The page's own text as written (Material's <article>), without what each engine's theme adds of its own
    accord: Zensical's skip-link target, and the attribute Material's search reads to leave a part out (Zensical's
    search takes it out of the page instead)."""
    found = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.S)
    text = found[0] if found else ""
    text = text.replace('<a id="__skip" tabindex="-1"></a>\n', "")
    return re.sub(r" data-search-exclude(?=[\s>])", "", text)


# --- what each engine builds -------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["upstream", "example organisation"])
def test_both_engines_build_the_same_pages_with_the_same_text(built_site, fork_site, zensical_site, zensical_example,
                                                              which):
    """Cards, checklists, figures, the worksheet, the review plan, the glossary, an organisation's own pages: every
    page's text is the same, element for element, on both engines."""
    mkdocs_site, zensical = (built_site, zensical_site) if which == "upstream" else (fork_site, zensical_example)
    pages = site_checks.site_pages(mkdocs_site)
    assert pages == site_checks.site_pages(zensical), "the two engines built different pages"
    different = [page for page in pages if page != "404.html" and article(site_checks.page_file(mkdocs_site, page))
                 != article(site_checks.page_file(zensical, page))]
    assert not different, f"these pages differ between the engines: {different}"


def test_every_page_zensical_builds_carries_the_credit_the_contract_and_the_security_policy(zensical_site,
                                                                                          zensical_example):
    credit = str(DATA.publication.licence.url)
    for site in (zensical_site, zensical_example):
        for page in site_checks.site_pages(site):
            text = site_checks.page_file(site, page).read_text(encoding="utf-8")
            footer = text.split("<footer", 1)[1]
            assert f'href="{credit}"' in footer and "Adapted from <cite>" in footer, f"{page}: no credit"
            told = re.search(r'<script type="application/json" id="site-contract">(.*?)</script>', text, re.S)
            assert told and json.loads(told[1]) == contract(), f"{page}: the scripts are not told the contract"
            policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
            assert policy and "script-src 'self'" in policy[1] and "'unsafe-inline'" not in policy[1], page
            assert text.index("Content-Security-Policy") < text.index("<script"), f"{page}: a script comes first"


def test_every_page_zensical_builds_shows_its_review_dates_from_its_front_matter(zensical_site):
    for page in site_checks.site_pages(zensical_site):
        if page == "404.html":
            continue
        source = ROOT / "docs" / ((page.rstrip("/") or "index") + ".md")
        meta = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
        text = site_checks.page_file(zensical_site, page).read_text(encoding="utf-8")
        assert f"Last reviewed on <time datetime=\"{meta['last_reviewed']}\">{long_date(meta['last_reviewed'])}" \
            in text, page


def test_zensicals_pages_are_valid_html_and_lead_only_to_files_that_are_there(zensical_site, zensical_example):
    for site in (zensical_site, zensical_example):
        found = site_checks.check_files(site) + site_checks.html_errors(site)
        assert not found, "\n".join(map(str, found))


def test_an_organisations_copy_on_zensical_has_its_pages_menu_logo_colours_and_lead(zensical_example):
    details = yaml.safe_load((EXAMPLE / "data" / "organisation.yml").read_text(encoding="utf-8"))
    home = (zensical_example / "index.html").read_text(encoding="utf-8")
    assert details["short_name"] in home and "site-header-logo" in home
    box = re.search(r'<aside class="urgent-help".*?</aside>', home, re.S)[0]
    assert f"Tell {details['safeguarding_lead']['name']}" in htmllib.unescape(box)
    assert (zensical_example / "our-guidelines" / "index.html").is_file()
    assert list(zensical_example.glob("assets/*.webp")), "no web copies of the organisation's pictures"
    stylesheet = (zensical_example / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert details["colours"]["primary"] in stylesheet


# --- the same mistakes, the same messages ------------------------------------------------------------------

MISTAKES = {
    "an id no checklist has": ("docs/tips.md", '{{ checklist("tips") }}', '{{ checklist("tipz") }}'),
    "a macro call not closed": ("docs/tips.md", '{{ checklist("tips") }}', '{{ checklist("tips" }}'),
    "a link to no page": ("docs/tips.md", "(glossary.md#facebook-wall)", "(glossery.md#facebook-wall)"),
    "a link to no place in its page": ("docs/tips.md", "(glossary.md#facebook-wall)", "(glossary.md#facebook-walls)"),
    "a picture without words": ("docs/tips.md", "(glossary.md#facebook-wall)",
                                "(glossary.md#facebook-wall) ![](assets/images/favicon.svg)"),
    "a link that starts with /": ("docs/tips.md", "(glossary.md#facebook-wall)", "(/glossary/#facebook-wall)"),
    "front matter not closed": ("docs/tips.md", "review_in: 12 months\n---", "review_in: 12 months\n--"),
    "a field the data does not know": ("data/resources.yml", "    offers: A report", "    offer: A report"),
    "a rule naming no tip": ("data/guidelines.yml", "tip: tip-keep-records", "tip: tip-keep-record"),
}


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_the_same_mistake_gets_the_same_plain_message_on_both_engines(tmp_path, mistake):
    file, old, new = MISTAKES[mistake]
    project = copy_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    said = {}
    for name in engine.ENGINES:
        result = engine.build(project, tmp_path / f"site-{name}", "mkdocs.yml", quiet=False, engine=name)
        assert not result.ok, f"{name} built the site with {mistake}"
        said[name] = result.problems
        assert said[name] and file in said[name][0], (name, result.output[-2000:])
    assert said["mkdocs"] == said["zensical"]
    assert not any("Traceback" in line for line in said["mkdocs"])


def test_links_to_a_place_a_page_lacks_or_starting_with_a_slash_and_pictures_without_words_are_named(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "docs" / "tips.md"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("(glossary.md#facebook-wall)")].count("\n") + 1
    path.write_text(text.replace("(glossary.md#facebook-wall)", "(glossary.md#facebook-walls)", 1), encoding="utf-8")
    said = "\n".join(engine.build(project, tmp_path / "site", "mkdocs.yml", quiet=False).problems)
    assert f"docs/tips.md, line {line}:" in said
    assert "glossary.md has no heading or place with that name: write #facebook-wall, if that is the heading" in said
    path.write_text(text.replace("(glossary.md#facebook-wall)", "(/glossary/)", 1), encoding="utf-8")
    said = "\n".join(engine.build(project, tmp_path / "site", "mkdocs.yml", quiet=False).problems)
    assert f"docs/tips.md, line {line}: the link '/glossary/' starts with /" in said
    assert "your-name.github.io/your-copy/" in said and "[useful tips](tips.md)" in said
    path.write_text(text.replace("(glossary.md#facebook-wall)", "(glossary.md) ![ ](assets/images/favicon.svg)", 1),
                    encoding="utf-8")
    said = "\n".join(engine.build(project, tmp_path / "site", "mkdocs.yml", quiet=False).problems)
    assert (f"docs/tips.md, line {line}: the picture 'assets/images/favicon.svg' has no text alternative, so a screen"
            " reader cannot say what it shows: describe it between the square brackets") in said


def test_an_organisations_mistake_gets_the_same_message_on_both_engines(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "examples" / "riverside-youth-club" / "org" / "data" / "organisation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('primary: "#0b5d3b"', "primary: rgb(27, 94, 32)"),
                    encoding="utf-8")
    said = {name: engine.build(project, tmp_path / f"site-{name}", EXAMPLE_CONFIG, quiet=False, engine=name).problems
            for name in engine.ENGINES}
    assert said["mkdocs"] and said["mkdocs"] == said["zensical"]
    assert "#1b5e20" in said["zensical"][0]


# --- in a browser ------------------------------------------------------------------------------------------

@pytest.mark.browser
def test_every_page_zensical_builds_passes_the_quick_checks_in_a_browser(browser, zensical_site, zensical_example):
    """axe at a phone's and a desktop's width in both schemes, the security policy (the search's own style
    allowed by its hash, nothing else), no script failing: on every page. The first visit's weight is measured
    (make bench prints both engines side by side), not held to MkDocs' limit here: Zensical's own script is
    larger than Material's (DESIGN.md, "Two engines")."""
    for site in (zensical_site, zensical_example):
        found = browser_checks.check_pages(browser, site, site_checks.site_pages(site), limit=10 ** 9)
        assert not found, "\n".join(map(str, found))


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    server, url = serve_directory(zensical_site)
    yield url
    server.stop()


@pytest.mark.browser
def test_the_scripts_start_and_the_tools_work_on_zensical(browser, zensical_url):
    with browser_page(browser, 1280) as page:
        page.goto(zensical_url + "tips/")
        page.wait_for_selector(".checklist[data-enhanced] .checklist__check")
        page.locator(".checklist__check").first.check()
        expect_progress = page.locator(".checklist__progress").first
        assert expect_progress.text_content().startswith("1 of")
        page.goto(zensical_url + "guidelines-worksheet/")
        page.wait_for_selector(".guidelines--enhanced")
        page.goto(zensical_url + "review/")
        page.wait_for_selector("[data-review-app]:not([hidden])")


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_zensicals_search_answers_by_keyboard(browser, zensical_url, width):
    """Zensical's own search: a button, then a dialog drawn in a shadow root, which answers a query."""
    with browser_page(browser, width) as page:
        page.goto(zensical_url)
        page.mouse.move(5, 5)  # Material's script waits for the reader (browser/material.js)
        wait_for(page, "() => document.documentElement.dataset.material === 'ready'", timeout=10000)
        # The search box's own button on a desktop; on a phone, the header's search button (keyboard.js) opens it.
        page.locator(".md-search__button:visible, .site-search-button:visible").first.focus()
        page.keyboard.press("Enter")
        typing_goes_to_search = """() => { const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot);
            const focused = host && host.shadowRoot.activeElement;
            return !!focused && focused.tagName === 'INPUT'; }"""
        wait_for(page, typing_goes_to_search, timeout=10000)
        page.keyboard.type("Facebook")
        answered = """() => { const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot);
            const status = host && host.shadowRoot.querySelector('[role=status]');
            return !!status && /[1-9][0-9]* results?/.test(status.textContent); }"""
        wait_for(page, answered, timeout=10000)
        page.keyboard.press("Escape")
