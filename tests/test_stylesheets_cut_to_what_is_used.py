"""The stylesheets are cut to the rules the built site can use (safeguarding_site/css_tools.py), and
that changes nothing a reader sees: every element of every state tried here has the same computed
style with the cut stylesheets as with Material's whole ones."""
from __future__ import annotations

import shutil
from pathlib import Path

import material
import pytest

from browser_support import browser_page, wait_for
from conftest import serve_directory
from safeguarding_site.css_tools import minify, prune, selector_can_match

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MATERIAL_STYLES = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
PROPERTIES = ["display", "visibility", "position", "color", "background-color", "font-size", "font-weight",
              "margin-top", "margin-left", "padding-top", "padding-left", "border-top-width", "border-top-color",
              "width", "height", "opacity", "transform", "fill", "text-decoration-line", "outline-style"]
SNAPSHOT = """props => [...document.querySelectorAll('body *')].map((el, i) => {
  const style = getComputedStyle(el);
  return [i, el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className, props.map(p => style.getPropertyValue(p))];
})"""


def test_a_rule_for_a_class_no_page_uses_is_cut_and_one_in_use_kept():
    css = ".used{color:red}.unused{color:blue}.used .unused,.used>p{margin:0}@media print{.unused{x:y}}"
    assert prune(css, {"used"}) == ".used{color:red}.used>p{margin:0}"
    assert selector_can_match(".used:not(.unused)", {"used"})
    assert not selector_can_match('[data-md-color-primary="pink"]', {"indigo"})


def test_minify_keeps_every_rule_and_drops_comments_and_space():
    css = "/* note */\n.a ,\n  .b {\n  color : red ;\n  margin: 0 0  1rem;\n}\n@media (max-width: 10em) {\n .a { x: y }\n}\n"
    assert minify(css) == ".a,.b{color:red;margin:0 0 1rem}@media (max-width: 10em){.a{x:y}}"


@pytest.fixture(scope="module")
def whole_styles_site(built_site, tmp_path_factory):
    """The same site with Material's stylesheets put back whole."""
    copy = tmp_path_factory.mktemp("whole") / "site"
    shutil.copytree(built_site, copy)
    for built in (copy / "assets" / "stylesheets").glob("*.min.css"):
        shutil.copy2(MATERIAL_STYLES / built.name, built)
    server, url = serve_directory(copy)
    yield url
    server.stop()


def open_search(page):
    page.locator(".md-search__input").first.click()
    page.keyboard.type("privacy settings")
    page.wait_for_selector(".md-search-result__item")


def open_menu(page):
    page.locator(".site-menu-button").click()
    wait_for(page, "() => document.getElementById('__drawer').checked")


STATES = {
    "home, desktop, search with results": ("", 1280, "light", open_search),
    "tips, phone, menu open": ("tips/", 375, "light", open_menu),
    "review plan, phone, dark": ("review/", 375, "dark", None),
    "resources, desktop, dark": ("resources/", 1280, "dark", None),
    "good practice, tablet": ("good-practice/", 900, "light", None),
}


def snapshot(browser, url, path, width, scheme, then):
    with browser_page(browser, width, scheme) as page:
        page.goto(url + path, wait_until="networkidle")
        page.wait_for_selector("[data-md-component=content]")
        if then:
            then(page)
        page.wait_for_load_state("networkidle")
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
                   for prop, a, b in zip(PROPERTIES, mine, theirs) if a != b]
    assert not differences, f"{state}: {len(differences)} differences, e.g.\n" + "\n".join(differences[:15])
