"""Links from one page to another page or a picture of the site, checked in the pages as written: a Markdown
link that leads nowhere, that starts with / (it would lead nowhere once the site is published at an address with
a folder, such as your-name.github.io/your-copy/), or that names a place (#...) its page does not have, is one plain
message naming the page's file and line, whichever engine builds the site. Places are looked for in the built
pages, where the headings' ids are (`missing_places`).
(A link written as HTML is relative to the built page's address, not to the file: the quick check finds those
in the built site, `site_checks.broken_links`.)
"""
from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import unquote, urlsplit

from .errors import DataError, DataErrors

# [text](target "title") and ![alt](target).
MARKDOWN_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
# ![alt](target){ attributes }: a picture, with what a screen reader says of it.
PICTURE = re.compile(r"!\[(?P<alt>(?:[^\]\\]|\\.)*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)"
                     r"(?P<attributes>[ \t]*\{[^}\n]*\})?")
DECORATION = re.compile(r"""role\s*=\s*["']?(?:presentation|none)\b|aria-hidden\s*=\s*["']?true""")
NO_WORDS = ("has no text alternative, so a screen reader cannot say what it shows: describe it between the square"
            " brackets, like ![Volunteers at our summer fair](assets/fair.jpg); a picture that only decorates the"
            ' page takes { role="presentation" } after it')
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
ADVICE = ("Link to another page by its file name, such as [useful tips](tips.md), and to a picture by its place"
          " beside the pages, such as assets/logo.svg")
ROOTED = ("starts with /, so it leads to the top of the web address: once the site is published at an address with a"
          " folder, such as your-name.github.io/your-copy/, it leads nowhere. " + ADVICE)
PAGE_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass(frozen=True)
class PlaceLink:
    """A link to a place in a page (page.md#place, or #place in the same page), as written."""
    label: str  # the page's file, as an editor names it
    line: int
    target: str
    page: str  # the page it leads to, a path in the docs
    place: str


def built_path(page: str) -> str:
    """Where a page is in the built site, with folder addresses as mkdocs.yml has them (tips.md -> tips/index.html)."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _lines(markdown: str):
    """(line number, text) of each line of the page outside code."""
    fenced = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            yield number, CODE_SPAN.sub("", line)


def pictures_without_words(pages: dict[str, tuple[str, str, int]]) -> list[DataError]:
    """Each Markdown picture with nothing between its brackets that is not marked as decoration: it would be
    published with alt="", which a screen reader skips as if the picture were not there."""
    problems = []
    for _, (label, markdown, offset) in sorted(pages.items()):
        for number, text in _lines(markdown):
            for match in PICTURE.finditer(text):
                if match["alt"].strip() or "{{" in match["target"] or DECORATION.search(match["attributes"] or ""):
                    continue
                problems.append(DataError(label, f"the picture '{match['target']}' {NO_WORDS}", line=number + offset))
    return problems


def _targets(markdown: str):
    """(line number, target) of every link in the page, outside code."""
    for number, text in _lines(markdown):
        for match in MARKDOWN_LINK.finditer(text):
            yield number, match["target"]


def _internal(target: str) -> str | None:
    """The path a link names inside the site, or None when it leads elsewhere (another site, an email...), to
    this page, or somewhere a macro or the theme fills in ({{ ... }})."""
    if "{{" in target or "{%" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("#", "/")):
        return None
    return unquote(parts.path) or None


def broken_links(pages: dict[str, tuple[str, str, int]], files: set[str]) -> list[DataError]:
    """Each link that leads to no file of the site. `pages`: path in the docs -> (its file as an editor names
    it, its text, how many lines of front matter come before the text); `files`: every path in the docs."""
    problems = []
    for path, (label, markdown, offset) in sorted(pages.items()):
        folder = posixpath.dirname(path)
        for number, target in _targets(markdown):
            if target.startswith("/") and not target.startswith("//"):
                problems.append(DataError(label, f"the link '{target}' {ROOTED}", line=number + offset))
                continue
            inside = _internal(target)
            if inside is None:
                continue
            wanted = posixpath.normpath(posixpath.join(folder, inside))
            if wanted in files or posixpath.join(wanted, "index.md") in files or wanted.rstrip("/") + ".md" in files:
                continue
            problems.append(DataError(label, f"the link '{target}' leads to no page or file of the site."
                                      f"{_nearly(wanted, folder, files)} {ADVICE}", line=number + offset))
    return problems


def _nearly(wanted: str, folder: str, files: set[str]) -> str:
    """' There is tips.md: write (tips.md).' when a file of the site nearly has the name the link gives."""
    same = [path for path in sorted(files) if path.lower() in (wanted.lower(), wanted.lower().rstrip("/") + ".md")]
    close = same or difflib.get_close_matches(wanted, sorted(files), n=1, cutoff=0.8)
    if not close:
        return ""
    relative = posixpath.relpath(close[0], folder or ".")
    return f" There is {close[0]}: write ({relative}), if that is the one."


def check(pages: dict[str, tuple[str, str, int]], files: set[str]) -> None:
    problems = broken_links(pages, files) + pictures_without_words(pages)
    if problems:
        raise DataErrors(problems, where="a page's links")


def _page_of(wanted: str, files: set[str]) -> str | None:
    for page in (wanted, posixpath.join(wanted, "index.md"), wanted.rstrip("/") + ".md"):
        if page in files and page.endswith(".md"):
            return page
    return None


def place_links(pages: dict[str, tuple[str, str, int]], files: set[str]) -> list[PlaceLink]:
    """Each Markdown link to a place in a page of the site (the places are known once the pages are built)."""
    found = []
    for path, (label, markdown, offset) in sorted(pages.items()):
        folder = posixpath.dirname(path)
        for number, target in _targets(markdown):
            if "{{" in target or "{%" in target:
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.fragment or target.startswith("/"):
                continue
            page = path if not parts.path else _page_of(
                posixpath.normpath(posixpath.join(folder, unquote(parts.path))), files)
            if page:
                found.append(PlaceLink(label, number + offset, target, page, unquote(parts.fragment)))
    return found


def missing_places(links: list[PlaceLink], places_of: Callable[[str], set[str] | None]) -> list[DataError]:
    """Each link whose page has no place of that name. `places_of`: a page (path in the docs) -> the ids in its
    built page, or None when the page was not built."""
    problems = []
    for link in links:
        places = places_of(link.page)
        if places is None or link.place in places:
            continue
        page = link.target.split("#")[0] or "this page"
        close = difflib.get_close_matches(link.place, sorted(places), n=1, cutoff=0.6)
        instead = (f"write #{close[0]}, if that is the heading you mean" if close else
                   "link to a heading that is there: its place is its words in small letters, with hyphens for the"
                   " spaces, such as #useful-tips for the heading 'Useful tips'")
        problems.append(DataError(link.label, f"the link '{link.target}' leads to a place called '#{link.place}', but"
                                  f" {page} has no heading or place with that name: {instead}, or link to the page"
                                  " alone", line=link.line))
    return problems


def ids_in(html: str) -> set[str]:
    return set(PAGE_ID.findall(html))
