"""Pure rules for "does this page still lead where the card says?", read from the page itself.

A plain link checker calls a page fine when it answers 200. These rules look at what came back, so that
a person is asked to check (status needs-review) when:

- the address now leads to **another site**: the registrable domain of the final address differs from
  the address's own (Public Suffix List, bundled by the `publicsuffixlist` package and never
  downloaded). `www.` and http→https on the same site are ordinary redirects;
- the page **reads as "not found"** although it answered 200 (a "soft 404" from a CMS), by the
  NOT_FOUND signals below, looked for in the title, the main heading (first <h1>) and the first text;
- the page **reads as a parked or for-sale domain** (or a web server's default page), by PARKED;
- its **title and main heading both changed**: each is compared with the page as first read or as read
  after a person last accepted it, and counts as changed when its similarity is below
  SIMILARITY_THRESHOLD (see `similarity`). A part missing on both sides is left out; when only one
  of the two is present on either side, that one decides.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

SIMILARITY_THRESHOLD = 0.5  # below this, a title (or heading) is a different one
FIRST_TEXT_CHARACTERS = 600  # how much of the page's first text the signals look at

_SUFFIXES = PublicSuffixList()  # the list bundled with the package: no network, ever


def _patterns(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns)


# "Not found" pages served with status 200. In the title or main heading, short phrases are enough;
# in the first text only whole sentences that such pages use.
NOT_FOUND_IN_HEADINGS = _patterns(
    r"\b404\b",
    r"\b(page|file|content|article|document|resource)s?\s+(was\s+)?not\s+found\b",
    r"^\W*not\s+found\b",
    r"\bnothing\s+(was\s+)?found\b",
    r"\b(this\s+|that\s+|the\s+)?page\s+(does\s+not|doesn['’]t|no\s+longer)\s+exists?\b",
    r"\b(can['’]t|cannot|could\s+not|couldn['’]t)\s+find\s+(that|the|this)\s+page\b",
    r"\bpage\s+(can['’]t|cannot|could\s+not|couldn['’]t)\s+be\s+found\b",
)
NOT_FOUND_IN_TEXT = _patterns(
    r"\bthe\s+page\s+you(\s+are|\s+were|['’]re)\s+(looking\s+for|trying\s+to\s+(reach|find|access)|requested)"
    r"\s+(could\s+not|cannot|can['’]t|couldn['’]t|does\s+not|doesn['’]t|no\s+longer|is\s+no\s+longer|may\s+have|has)",
    r"\b(page|content|url)\s+(you\s+requested\s+)?(could\s+not|cannot|can['’]t|couldn['’]t)\s+be\s+found\b",
    r"\bnothing\s+was\s+found\s+at\s+this\s+location\b",
    r"\b(this|that|the)\s+page\s+(does\s+not|doesn['’]t|no\s+longer)\s+exists?\b",
    r"\berror\s+404\b|\b404\s+error\b",
)
# Parked, for-sale or expired domains, and web servers that show only their default page.
PARKED = _patterns(
    r"\bdomain(\s+name)?\s+([\w.-]+\s+)?(is|may\s+be|might\s+be)\s+for\s+sale\b",
    r"\b[\w-]+(\.[\w-]+)+\s+(is|may\s+be|might\s+be)\s+for\s+sale\b",
    r"\bbuy\s+this\s+domain\b",
    r"\bthis\s+domain\s+(name\s+)?(is|has\s+been)\s+(registered|parked|reserved)\b",
    r"\b(this\s+)?domain\s+(name\s+)?(has\s+)?expired\b",
    r"\bparked\s+(domain|free|page)\b|\bdomain\s+parking\b",
    r"\bfuture\s+home\s+of\s+something\s+quite\s+cool\b",
    r"\brelated\s+searches\b",
    r"\bwelcome\s+to\s+nginx\b|\bapache2?\b.{0,40}\bdefault\s+page\b|\bdefault\s+web\s+(site\s+)?page\b",
)


@dataclass(frozen=True)
class PageText:
    """What a page says where a reader looks first."""

    title: str | None = None
    heading: str | None = None
    text: str = ""  # the first text of the main part of the page


@dataclass(frozen=True)
class Signal:
    kind: str  # not-found | parked
    where: str  # "title", "main heading" or "first text"
    said: str  # what the page said there


def registrable_domain(url_or_host: str) -> str:
    """The site an address belongs to: nspcc.org.uk for https://www.learning.nspcc.org.uk/x. IP
    addresses and names the list does not know (localhost) are their own site."""
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host
    host = (host or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    return _SUFFIXES.privatesuffix(host) or host


def another_site(url: str, final: str | None) -> str | None:
    """The site `final` belongs to, when it is not `url`'s own."""
    if not final:
        return None
    there = registrable_domain(final)
    return there if there and there != registrable_domain(url) else None


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def page_signals(page: PageText) -> list[Signal]:
    """Each way the page reads as "not found" or as a parked domain (at most one of each kind)."""
    places = [("title", page.title or ""), ("main heading", page.heading or ""),
              ("first text", (page.text or "")[:FIRST_TEXT_CHARACTERS])]
    found: list[Signal] = []
    for kind, rules in (("not-found", None), ("parked", PARKED)):
        for where, said in places:
            patterns = rules or (NOT_FOUND_IN_TEXT if where == "first text" else NOT_FOUND_IN_HEADINGS)
            if said and any(pattern.search(said) for pattern in patterns):
                found.append(Signal(kind, where, _short(said)))
                break
    return found


WORD = re.compile(r"[^\W_]+")


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").lower())


def similarity(one: str | None, other: str | None) -> float:
    """How alike two titles are, from 0 (no word in common) to 1 (the same words in the same order):
    difflib's ratio over their words, ignoring case and punctuation (2 × words matched in order ÷ all
    words). "Online safety | NSPCC" and "Online safety - NSPCC Learning" score 0.86; two unrelated
    titles score near 0."""
    first, second = words(one), words(other)
    if not first and not second:
        return 1.0
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def changed_parts(before_title: str | None, before_heading: str | None,
                  title: str | None, heading: str | None) -> list[str] | None:
    """["title", "main heading"] when the page became another one (every part present on either side is
    below the threshold); None when it is still recognisably the same page."""
    parts = [(name, old, new) for name, old, new in (("title", before_title, title),
                                                     ("main heading", before_heading, heading))
             if words(old) or words(new)]
    if not parts or any(similarity(old, new) >= SIMILARITY_THRESHOLD for _, old, new in parts):
        return None
    return [name for name, _, _ in parts]
