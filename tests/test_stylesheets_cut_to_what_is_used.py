"""The stylesheets are cut to the rules the built site can use, and to the custom properties those
rules read (safeguarding_site/css_tools.py), and that changes nothing a reader sees: every element of
every state tried here, and its ::before and ::after, has the same computed style with the cut
stylesheets as with Material's whole ones."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import material
import pytest

from browser_support import browser_page, wait_for, wake_material
from conftest import ROOT, serve_directory
from mkdocs_adapter.page_markup import site_usage
from safeguarding_site.css_tools import Usage, drop_unused_properties, join, minify, prune, selector_can_match

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MATERIAL_STYLES = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
# margin-left is left out: Chrome reports an auto margin as its used width on one load and 0px on
# another, with the box in the same place. Where each box sits (its left edge) is compared instead.
PROPERTIES = ["display", "visibility", "position", "color", "background-color", "font-size", "font-weight",
              "margin-top", "padding-top", "padding-left", "border-top-width", "border-top-color",
              "width", "height", "opacity", "transform", "fill", "text-decoration-line", "outline-style",
              "content", "mask-image", "background-image", "border-left-color"]
SNAPSHOT = """props => [...document.querySelectorAll('body *')].flatMap((el, i) => [null, '::before', '::after']
  .map(pseudo => {
    const style = getComputedStyle(el, pseudo);
    return [i, el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className + (pseudo || ''),
            [...props.map(p => style.getPropertyValue(p)), pseudo ? "" : String(Math.round(el.getBoundingClientRect().left))]];
  }))"""


def test_a_rule_for_a_class_no_page_uses_is_cut_and_one_in_use_kept():
    css = ".used{color:red}.unused{color:blue}.used .unused,.used>p{margin:0}@media print{.unused{x:y}}"
    assert prune(css, {"used"}) == ".used{color:red}.used>p{margin:0}"
    assert selector_can_match(".used:not(.unused)", {"used"})
    assert not selector_can_match('[data-md-color-primary="pink"]', {"indigo"})


def test_a_material_rule_left_out_on_purpose_goes_even_though_the_site_uses_it(built_site):
    css = "[data-md-color-switching] *,.kept{transition:none}@media screen{[data-md-color-switching] p{a:b}}"
    assert prune(css, {"kept", "p"}, ("[data-md-color-switching]",)) == ".kept{transition:none}"
    # Material's script sets that attribute on every page as it starts: its rule restyled whole pages
    stylesheet = (built_site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert "[data-md-color-switching]" not in stylesheet and ".site-switching-scheme" in stylesheet


def test_a_rule_naming_an_element_or_class_only_the_text_mentions_is_cut():
    usage = Usage(classes={"note"}, values={"slate"}, tags={"p", "div"})
    css = ".note p{a:b}.tip p{a:b}div>kbd{a:b}[data-scheme=slate] div{a:b}[data-scheme=teal] div{a:b}"
    assert prune(css, usage) == ".note p{a:b}[data-scheme=slate] div{a:b}"
    assert selector_can_match("p:not(kbd)", usage)


def test_a_call_out_type_counts_only_when_a_page_has_it_not_when_a_script_says_the_word(tmp_path):
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    (tmp_path / "assets" / "javascripts" / "tool.js").write_text('say("Use the example, or ask a question")')
    (tmp_path / "index.html").write_text('<article class="md-typeset"><div class="admonition note"><p>x</p></div></article>')
    usage, _ = site_usage(tmp_path)
    assert {"note", "admonition", "say", "ask"} <= usage.classes
    assert not {"example", "question"} & usage.classes
    css = ".md-typeset .admonition.note{a:b}.md-typeset .admonition.example,.md-typeset details.question{a:b}"
    assert prune(css, usage) == ".md-typeset .admonition.note{a:b}"


def test_a_custom_property_no_rule_reads_is_dropped_and_the_chain_behind_it():
    sheets = {"a": ":root{--used:red;--icon:var(--svg);--svg:url(x.svg)}.x{color:var(--used)}",
              "b": ".y{--set-by-script:1;--lonely:2}"}
    assert drop_unused_properties(sheets, named={"--set-by-script"}) == {
        "a": ":root{--used:red}.x{color:var(--used)}", "b": ".y{--set-by-script:1}"}


def test_minify_keeps_every_rule_and_drops_comments_and_space():
    css = "/* note */\n.a ,\n  .b {\n  color : red ;\n  margin: 0 0  1rem;\n}\n@media (max-width: 10em) {\n .a { x: y }\n}\n"
    assert minify(css) == ".a,.b{color:red;margin:0 0 1rem}@media (max-width: 10em){.a{x:y}}"


def test_stylesheets_are_joined_in_order_with_one_charset():
    assert join(['@charset "UTF-8";a{b:c}', '@charset "UTF-8";d{e:f}', "g{h:i}"]) == '@charset "UTF-8";a{b:c}d{e:f}g{h:i}'


def whole_stylesheet() -> str:
    """The one stylesheet as it would be uncut: Material's two whole, then the site's own from styles/."""
    names = re.search(r"stylesheets: \[([^\]]+)\]", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[1]
    ours = minify("\n".join((ROOT / "styles" / name.strip()).read_text(encoding="utf-8") for name in names.split(",")))
    material = [next(MATERIAL_STYLES.glob(f"{part}.*.min.css")).read_text(encoding="utf-8") for part in ("main", "palette")]
    return join([*material, ours])


def test_every_page_links_one_stylesheet_and_material_s_own_are_gone(built_site):
    assert sorted(path.name for path in (built_site / "assets" / "stylesheets").iterdir()) == ["site.css"]
    for page in built_site.rglob("*.html"):
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert [link.rsplit("/", 1)[-1] for link in links] == ["site.css"], page


@pytest.fixture(scope="module")
def whole_styles_site(built_site, tmp_path_factory):
    """The same site with the stylesheet put back whole: nothing cut from Material's or the site's own."""
    copy = tmp_path_factory.mktemp("whole") / "site"
    shutil.copytree(built_site, copy)
    (copy / "assets" / "stylesheets" / "site.css").write_text(whole_stylesheet(), encoding="utf-8")
    server, url = serve_directory(copy)
    yield url
    server.stop()


def open_search(page):
    wake_material(page)  # Material's search, set up before the click on both pages, not during it on one
    page.locator(".md-search__input").first.click()
    page.keyboard.type("privacy settings")
    # The results for the whole query, not for "privacy sett" as the keys arrive (a fresh clone on a loaded
    # machine compared the two): each result links to its page with the query's words to highlight (?h=).
    wait_for(page, "() => [...document.querySelectorAll('.md-search-result__item a')]"
                   ".some(link => link.href.includes('h=privacy+settings'))", timeout=10000)


def open_menu(page):
    page.locator(".site-menu-button").click()
    wait_for(page, "() => document.getElementById('__drawer').checked")


def fill_worksheet_and_ask_to_clear(page):
    page.wait_for_selector(".guidelines--enhanced")
    page.locator("fieldset.guideline__choose input[data-choice=own]").first.check()
    page.locator("fieldset.guideline__choose input[data-choice=stance]").last.check()
    page.get_by_role("button", name="Clear the worksheet").click()
    page.wait_for_selector("dialog[open]")


STATES = {
    "home, desktop, search with results": ("", 1280, "light", open_search),
    "tips, phone, menu open": ("tips/", 375, "light", open_menu),
    "review plan, phone, dark": ("review/", 375, "dark", None),
    "resources, desktop, dark": ("resources/", 1280, "dark", None),
    "good practice, tablet": ("good-practice/", 900, "light", None),
    "guidelines worksheet, phone, dark, a dialog open": ("guidelines-worksheet/", 375, "dark",
                                                         fill_worksheet_and_ask_to_clear),
    "about, desktop": ("about/", 1280, "light", None),
}


def snapshot(browser, url, path, width, scheme, then):
    with browser_page(browser, width, scheme) as page:
        page.goto(url + path, wait_until="networkidle")
        page.wait_for_selector("[data-md-component=content]")
        searching = page.evaluate("document.querySelector('.md-search-result__meta')?.textContent ?? ''")
        if then:
            then(page)
        page.wait_for_load_state("networkidle")
        # A click or a key press starts Material's script (browser/material.js), and its search worker: compare
        # pages it has set up, whose search no longer says it is starting (the words, a different number of
        # lines in the hidden search panel, made its height differ between two pages of the same site).
        if page.evaluate("!!document.querySelector('script[src*=\"/bundle.\"]')"):
            wait_for(page, "() => document.documentElement.dataset.material === 'ready'", timeout=10000)
            wait_for(page, f"() => document.querySelector('.md-search-result__meta').textContent !== {json.dumps(searching)}",
                     timeout=10000)
        page.evaluate("document.getAnimations().forEach(a => a.finish())")
        wait_for(page, "() => document.getAnimations().length === 0")  # every transition has ended
        return page.evaluate(SNAPSHOT, PROPERTIES)


@pytest.mark.parametrize("state", STATES)
def test_cut_stylesheets_change_nothing_a_reader_sees(browser, site_url, whole_styles_site, state):
    path, width, scheme, then = STATES[state]
    cut = snapshot(browser, site_url, path, width, scheme, then)
    whole = snapshot(browser, whole_styles_site, path, width, scheme, then)
    assert len(cut) == len(whole), "the pages differ in their elements"
    differences = [f"{element}: {prop} {a!r} != {b!r}"
                   for (_, element, mine), (_, _, theirs) in zip(cut, whole)
                   for prop, a, b in zip([*PROPERTIES, "left edge"], mine, theirs) if a != b]
    assert not differences, f"{state}: {len(differences)} differences, e.g.\n" + "\n".join(differences[:15])
