"""Material's script waits for the reader (mkdocs_adapter/page_markup.py, browser/material.js): the
build takes its tag out, tells site.js where it is and asks the browser to fetch it early; the
colour scheme is chosen before the first paint by a short inline script the policy allows."""
from __future__ import annotations

from mkdocs_adapter import page_markup

PAGE = """<html class="no-js"><head><title>t</title></head><body>
<div class="md-header__option" data-md-component="palette"></div>
<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>
<script src="../assets/javascripts/site.js"></script>
</body></html>"""


def test_materials_tag_goes_and_site_js_is_told_its_address():
    html = page_markup.finish(PAGE)
    assert '<script src="../assets/javascripts/bundle.' not in html
    assert '<script src="../assets/javascripts/site.js" data-material="../assets/javascripts/bundle.a5f9d56c.min.js" defer>' in html


def test_the_browser_is_asked_to_fetch_materials_script_early_from_the_head():
    html = page_markup.finish(PAGE)
    head = html[:html.index("</head>")]
    assert '<link rel="prefetch" href="../assets/javascripts/bundle.a5f9d56c.min.js">' in head


def test_a_page_without_site_js_keeps_materials_own_tag():
    html = page_markup.finish(PAGE.replace('<script src="../assets/javascripts/site.js"></script>', ""))
    assert '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>' in html
    assert "prefetch" not in html


def test_the_scheme_and_header_are_set_by_an_inline_script_after_the_header_that_the_policy_allows():
    page = PAGE.replace('<div class="md-header__option" data-md-component="palette"></div>',
                        '<header><form class="md-header__option" data-md-component="palette"></form></header>')
    html = page_markup.finish(page)
    after_header = html.split("</header>", 1)[1]
    assert after_header.startswith("<script>")
    code = after_header[len("<script>"):after_header.index("</script>")]
    assert "__palette" in code and "site-menu-button" in code and "data-closes" in code
    assert page_markup.inline_script_hashes(f"<script>{code}</script>")[0] in page_markup.content_security_policy(html)


def test_materials_focus_rules_use_the_browsers_focus_visible_not_its_polyfills_class():
    css = ".md-header__button:not(.focus-visible){outline:none}.md-typeset a.focus-visible{outline-offset:.2rem}" \
          ".js-focus-visible .x{color:red}"
    assert page_markup.native_focus_visible(css) == (
        ".md-header__button:not(:focus-visible){outline:none}.md-typeset a:focus-visible{outline-offset:.2rem}"
        ".js-focus-visible .x{color:red}")


TOOL_PAGE = PAGE.replace("<body>", '<body>\n<div data-needs-script="checklists"></div><section data-needs-script="checklists">'
                                   '</section><div data-needs-script="guidelines"></div>')


def test_each_tool_a_page_shows_has_its_script_asked_for_once_from_the_head():
    html = page_markup.finish(TOOL_PAGE)
    head = html[:html.index("</head>")]
    checklists = '<link rel="preload" href="../assets/javascripts/checklists.js" as="script" fetchpriority="low">'
    guidelines = '<link rel="preload" href="../assets/javascripts/guidelines.js" as="script" fetchpriority="low">'
    assert head.count(checklists) == 1 and head.count(guidelines) == 1


def test_a_page_without_a_tool_asks_for_no_tool_script():
    assert 'rel="preload"' not in page_markup.finish(PAGE)
