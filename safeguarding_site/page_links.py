"""Links from one page to another page or a picture of the site, checked in the pages as written: a Markdown
link that leads nowhere is one plain message naming the page's file and line, whichever engine builds the site.
(A link written as HTML is relative to the built page's address, not to the file: the quick check finds those
in the built site, `site_checks.broken_links`.)
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .errors import DataError, DataErrors

# [text](target "title") and ![alt](target).
MARKDOWN_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
ADVICE = ("Link to another page by its file name, such as [useful tips](tips.md), and to a picture by its place"
          " beside the pages, such as assets/logo.svg")


def _targets(markdown: str):
    """(line number, target) of every link in the page, outside code."""
    fenced = False
    for number, line in enumerate(markdown.splitlines(), start=1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        text = CODE_SPAN.sub("", line)
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
            inside = _internal(target)
            if inside is None:
                continue
            wanted = posixpath.normpath(posixpath.join(folder, inside))
            if wanted in files or posixpath.join(wanted, "index.md") in files or wanted.rstrip("/") + ".md" in files:
                continue
            problems.append(DataError(label, f"the link '{target}' leads to no page or file of the site. {ADVICE}",
                                      line=number + offset))
    return problems


def check(pages: dict[str, tuple[str, str, int]], files: set[str]) -> None:
    problems = broken_links(pages, files)
    if problems:
        raise DataErrors(problems, where="a page's links")
