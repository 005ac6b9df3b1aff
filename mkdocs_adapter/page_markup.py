"""Each built page, finished after Material has written it: valid HTML, names for every control, the
scripts out of the way of the first paint, and a Content-Security-Policy that allows only the site.

Material's templates are extended, never copied, so what its markup gets wrong is put right here, on
the finished page (MkDocs' on_post_page event), by small exact changes that a test checks:

- `autocomplete` is only allowed on text-like inputs, not on Material's checkbox toggles, and an
  empty `tabindex=""` is not a number (the W3C validator reports both on every page);
- the colour-scheme switch is a `<form>` with nothing to submit, whose visible switch is a <label> for
  the other scheme's radio button, placed before that radio and holding only an icon (IBM Equal
  Access: input_label_after, label_content_exists, label_name_visible). It becomes a plain group in
  which the switch is a button that says what it does ("Switch to dark mode") and toggles.js chooses
  the scheme with it; the radios, which only hold the choice for Material's script, are kept out of
  the tab order and out of assistive technology (the scheme needs JavaScript in any case);
- Material's toggles (the checkboxes behind the menu, search, sub-menus and table of contents) are
  drawn at no size by site.css instead of not at all, so that each <label> points at a control that is
  there (IBM Equal Access: label_ref_valid); they are kept out of the tab order and out of assistive
  technology, which the labels and the header buttons speak for (toggles.js);
- the arrow that closes the search on a phone, a label holding only an icon, says "Close search" to
  a screen reader (label_content_exists);
- right after the header, a short inline script puts real buttons before the header's menu and search
  labels and turns the empty backdrop labels into plain elements as the page is read, before the first
  paint (browser/inline/before-paint.js; done once the page was shown, it restyled all of it);
- icons are pictures in a control that is named already: hidden from assistive technology, as
  checkers other than axe ask (IBM Equal Access: an SVG needs a name or aria-hidden);
- the site's scripts are deferred (site.js is async: mkdocs.yml), so they never hold up the first
  paint, and Material's inline script that opens a content tab named in the address goes from pages
  that have no content tabs;
- the script of each tool a page shows (data-needs-script) is asked for from the head (rel=preload),
  so the browser fetches it alongside site.js instead of after it; page-scripts.js runs it;
- Material's script waits for the reader: its tag goes, and site.js is told its address
  (data-material) and loads it at the first touch, click, key, scroll or mouse movement
  (browser/material.js); the browser fetches it early, while idle (rel=prefetch). Its first step,
  choosing the colour scheme and showing the switch to the other one, is done before the first paint
  by the inline script after the header (browser/inline/before-paint.js);
- a `<meta http-equiv="Content-Security-Policy">` (GitHub Pages sets no headers) allows scripts, styles,
  images, fonts and requests from the site itself only, plus the site's own inline scripts by hash, never
  one inside the page's text (safeguarding_site/security_policy.py).
"""
from __future__ import annotations

import functools
import re
from pathlib import Path

from safeguarding_site import css_tools
from safeguarding_site.browser_bundle import minify_javascript
# The policy is the core's (one home for it): only the site's own inline scripts are hashed, never one
# from a page's text. Named here too, as the page's last step.
from safeguarding_site.security_policy import (  # noqa: F401
    add_security_policy,
    content_security_policy,
    inline_script_hashes,
)

CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="[^"]*"')
EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# Zensical's theme hides the backdrop label from assistive technology with aria-hidden, which the W3C validator
# refuses on a label tied to a control; before-paint.js makes it a plain element anyway.
HIDDEN_LABEL = re.compile(r'(<label class="md-overlay" for="__drawer")\s+aria-hidden="true"')
PALETTE = re.compile(r'<form class="md-header__option" data-md-component="palette">(.*?)</form>', re.S)
TOGGLE = re.compile(r'<input class="[^"]*\b(?:md-toggle|md-option)\b[^"]*"(?![^>]*\baria-hidden=)')
SCHEME_LABEL = re.compile(r'<label class="md-header__button md-icon" title="(?P<title>[^"]+)" for="(?P<for>__palette_\d+)"'
                          r'(?P<rest>[^>]*)>(?P<icon>.*?)</label>', re.S)
SEARCH_ICON = re.compile(r'(<label class="md-search__icon md-icon" for="__search">\s*<svg\b.*?</svg>)', re.S)
CLOSE_SEARCH = "Close search"
HIDDEN_TEXT = '<span class="visually-hidden">{}</span>'  # read by screen readers, not shown (site.css)
SCRIPT_SRC = re.compile(r'<script src="(?P<src>[^"]+)"(?P<rest>[^>]*)></script>')
TABBED_SCRIPT = re.compile(r'<script>var target=document\.getElementById\(location\.hash\.slice\(1\)\);[^<]*__tabbed_[^<]*</script>\n?')
ICON = re.compile(r"<svg(?![^>]*\b(?:role|aria-label|aria-labelledby|aria-hidden)=)")
MATERIAL_SCRIPT = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"[^>]*></script>\n?')
SITE_SCRIPT = re.compile(r'<script src="(?P<root>[^"]*)assets/javascripts/site\.js"')
INLINE_SCRIPTS = Path(__file__).resolve().parents[1] / "browser" / "inline"  # run as the page is read
HEADER_END = "</header>"


def tidy(html: str) -> str:
    """Material's markup, made valid and named (see the module's docstring)."""
    html = CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = ICON.sub('<svg aria-hidden="true"', html)
    html = EMPTY_TABINDEX.sub("", html)
    html = HIDDEN_LABEL.sub(r"\1", html)
    html = TOGGLE.sub(r'\g<0> tabindex="-1" aria-hidden="true"', html)
    html = name_scheme_options(html)
    html = SCHEME_LABEL.sub(lambda m: f'<button type="button" class="md-header__button md-icon" title="{m["title"]}"'
                                      f' data-choose-scheme="{m["for"]}"{m["rest"]}>{m["icon"]}'
                                      f'{HIDDEN_TEXT.format(m["title"])}</button>', html)
    # Between the two icons: Material's stylesheet picks them by svg:first-child and svg:last-child.
    html = SEARCH_ICON.sub(lambda m: m[1] + HIDDEN_TEXT.format(CLOSE_SEARCH), html)
    html = PALETTE.sub(r'<div class="md-header__option" data-md-component="palette">\1</div>', html)
    return html.replace(HEADER_END, f'{HEADER_END}<script>{inline_script("before-paint.js")}</script>', 1)


@functools.cache
def inline_script(name: str) -> str:
    """A script from browser/inline/, minified, to be written into the page where it must run."""
    return minify_javascript((INLINE_SCRIPTS / name).read_text(encoding="utf-8"))


def material_waits_for_the_reader(html: str) -> str:
    """Material's script is loaded by site.js when the reader first does something (browser/material.js),
    not by the page, which asks the browser to fetch it while idle (rel=prefetch) so that it is there
    when wanted; a page without site.js keeps Material's tag as it was."""
    material = MATERIAL_SCRIPT.search(html)
    if not material or not SITE_SCRIPT.search(html):
        return html
    html = html.replace(material[0], "").replace("</head>", f'<link rel="prefetch" href="{material["src"]}">\n</head>', 1)
    return SITE_SCRIPT.sub(lambda m: f'{m[0]} data-material="{material["src"]}"', html, count=1)


NEEDS_SCRIPT = re.compile(r'\bdata-needs-(?:script|part)="(?P<name>[a-z0-9-]+)"')


def preload_page_scripts(html: str) -> str:
    """The script of each tool the page shows (data-needs-script="checklists"), and a part the tool loads at once
    on this page (data-needs-part="review-app"), asked for from the head (rel=preload), so the browser fetches
    them alongside site.js instead of once site.js (or the tool) has run and asked for them (browser/page-scripts.js
    and browser/parts.js still run them, in order: each uses the modules of the script before it)."""
    site = SITE_SCRIPT.search(html)
    names = list(dict.fromkeys(match["name"] for match in NEEDS_SCRIPT.finditer(html)))
    if not site or not names:
        return html
    links = "".join(f'<link rel="preload" href="{site["root"]}assets/javascripts/{name}.js" as="script" fetchpriority="low">\n' for name in names)
    return html.replace("</head>", f"{links}</head>", 1)


def name_scheme_options(html: str) -> str:
    """Each scheme's radio named with the words of the switch that chooses it, which say what choosing
    it does: Material names it with the other scheme's ("Switch to light mode" on the dark one)."""
    for match in SCHEME_LABEL.finditer(html):
        option = re.compile(rf'(<input class="md-option"[^>]*?\baria-label=")[^"]*("[^>]*\bid="{match["for"]}")')
        html = option.sub(rf"\g<1>{match['title']}\g<2>", html)
    return html


def defer_scripts(html: str) -> str:
    """Every script the page loads by address runs after the page is parsed, in the order written."""
    def deferred(match: re.Match) -> str:
        rest = match["rest"]
        if re.search(r"\b(?:defer|async|type=\"module\")", rest):
            return match[0]
        return f'<script src="{match["src"]}"{rest} defer></script>'
    return SCRIPT_SRC.sub(deferred, html)


KEEP_SPACE = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2>)", re.S | re.I)


def collapse_whitespace(html: str) -> str:
    """Indentation and blank lines between tags go; each run of space keeps one character, so nothing
    that shows changes (text in <pre>, <textarea>, <script> and <style> is left exactly as written)."""
    parts = KEEP_SPACE.split(html)
    out = []
    for index in range(0, len(parts), 3):
        out.append(re.sub(r"\n[ \t\n]+", "\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)


def without_unused_scripts(html: str) -> str:
    """Material's script for content tabs, on a page that has none (pymdownx.tabbed names them __tabbed_)."""
    script = TABBED_SCRIPT.search(html)
    if script and "__tabbed_" not in html.replace(script[0], ""):
        html = html.replace(script[0], "")
    return html


def finish(html: str, security_policy: bool = True, styles: tuple[str, ...] = ()) -> str:
    """A built page put right; `styles` are styles the theme's script adds, which the policy allows by hash."""
    html = collapse_whitespace(preload_page_scripts(material_waits_for_the_reader(defer_scripts(without_unused_scripts(tidy(html))))))
    return add_security_policy(html, styles) if security_policy else html


def material_stylesheets(site_dir) -> list[Path]:
    """Material's own two stylesheets in a built site (main, then palette): in assets/stylesheets/ as MkDocs
    writes them, or in the folder of the theme's variant as Zensical does (the generated config asks for
    'classic', Material's own design; zensical_engine.py drops the other)."""
    folder = Path(site_dir) / "assets" / "stylesheets"
    for where in (folder, folder / "classic", folder / "modern"):
        main = sorted(where.glob("main.*.min.css"))
        if main:
            return [*main, *sorted(where.glob("palette.*.min.css"))]
    return []


# Material's rules left out on purpose. `[data-md-color-switching] *` stops every transition while the
# colour scheme changes; but Material's script sets and clears that attribute on every page as it
# starts, so the browser restyles the whole page twice before it can answer a tap (about 110 ms of
# blocking time on a mid-range phone). site.css does the same for the switch a reader makes
# (.site-switching-scheme, set by toggles.js).
MATERIAL_RULES_LEFT_OUT = ("[data-md-color-switching]",)
# Material's rules mark keyboard focus by a class its script's polyfill sets (.focus-visible, and
# :not(.focus-visible) to hide the ring after a click). Its script waits for the reader, so until then
# no element had that class and the ring was hidden; once it came, the element already focused kept a
# hidden ring. Every browser the site supports has :focus-visible itself: the rules use that instead.
POLYFILL_FOCUS = re.compile(r"\.focus-visible(?![\w-])")


def native_focus_visible(css: str) -> str:
    return POLYFILL_FOCUS.sub(":focus-visible", css)
# Material's script names the classes of features this site does not turn on (code annotations and copy
# buttons, tooltips, tags, versions, the status badge, repository facts, diagrams): their rules and custom
# properties go unless a page uses them.
UNUSED_FEATURES = re.compile(r"-*md-(?:annotation|code__|tooltip|tag|version|status|source__|mermaid|progress|score)")
# The kinds of call-out box (admonition) Material styles, each with its own colour and icon: Markdown
# writes them into pages, no script adds one, so a word such as "example" or "question" in a script's
# messages does not keep their rules.
CALL_OUT_TYPES = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success",
                  "check", "done", "question", "help", "faq", "warning", "caution", "attention", "failure",
                  "fail", "missing", "danger", "error", "bug", "example", "quote", "cite"}
CLASS_ATTRIBUTE = re.compile(r"""\sclass=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
ELEMENT = re.compile(r"<([a-zA-Z][\w-]*)")
QUOTED_NAME = re.compile(r"""["'`]([a-z][a-z0-9]*)["'`]""")
CUSTOM_PROPERTY = re.compile(r"--[a-zA-Z][\w-]*")
DATA_SCRIPT = re.compile(r'<script\b[^>]*type="application/(?:ld\+)?json"[^>]*>.*?</script>', re.S)


def site_usage(site_dir) -> tuple[css_tools.Usage, set[str]]:
    """What a stylesheet rule may need in a built site, and the custom properties a page or script names.

    - classes: those in the pages' class attributes, every word in the site's own scripts and in the
      pages' inline scripts (a script may add a class later) but the call-out types, the md-... names
      in Material's script; words in the pages' text do not count (a
      page that says "note" has no use for the rules of a note box);
    - attribute values: every word in the pages and the site's own scripts (data the scripts are
      given, such as review statuses, ends up in attributes);
    - elements: those the pages hold, and those a script writes as markup or names in quotes."""
    site_dir = Path(site_dir)
    scripts = list((site_dir / "assets" / "javascripts").rglob("*.js"))
    ours = [path for path in scripts if not path.name.startswith(("bundle.", "search.")) and "lunr" not in path.parts]
    material = "".join(path.read_text(encoding="utf-8", errors="replace") for path in scripts if path not in ours)
    pages = [path.read_text(encoding="utf-8", errors="replace") for path in site_dir.rglob("*.html")]
    own_code = [path.read_text(encoding="utf-8", errors="replace") for path in ours]
    inline_code = [code for page in pages for code in re.findall(r"<script\b[^>]*>(.*?)</script>",
                                                                  DATA_SCRIPT.sub("", page), re.S)]
    class_words = [" ".join(filter(None, match)) for page in pages for match in CLASS_ATTRIBUTE.findall(page)]
    runtime = {name for name in re.findall(r"md-[\w-]+", material) if not UNUSED_FEATURES.match(name)}
    script_words = css_tools.used_tokens(own_code + inline_code) - CALL_OUT_TYPES
    classes = css_tools.used_tokens(class_words) | script_words | runtime
    values = css_tools.used_tokens(pages + own_code) | runtime
    code = own_code + [material]
    tags = {name.lower() for text in pages + code for name in ELEMENT.findall(text)}
    tags |= {name for text in code for name in QUOTED_NAME.findall(text)}
    named = {name for text in pages + code for name in CUSTOM_PROPERTY.findall(text) if not UNUSED_FEATURES.match(name)}
    return css_tools.Usage(classes, values, tags), named
