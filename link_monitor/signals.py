"""Pure rules for "does this page still lead where the card says?", read from the page itself.

A plain link checker calls a page fine when it answers 200. These rules look at what came back, so that
a person is asked to check (status needs-review) when:

- the address now leads to **another site**: the registrable domain of the final address differs from
  the address's own (Public Suffix List, bundled by the `publicsuffixlist` package and never
  downloaded). `www.` and http→https on the same site are ordinary redirects;
- the page **reads as "not found"** although it answered 200 (a "soft 404" from a CMS), by the
  NOT_FOUND signals below, looked for in the title, the main heading (first <h1>) and the first text;
- the page **reads as a parked or for-sale domain** (or a web server's default page), by PARKED;
- its **title or its main heading changed**: each is compared with the page as first read or as read
  after a person last accepted it, and counts as changed when its similarity is below
  SIMILARITY_THRESHOLD (see `similarity`); a part missing on both sides is left out;
- it now **forwards to a home page** although the address is for a page inside a site (forwards_home).
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
# in the first text only whole sentences that such pages use (they count in a title or heading too).
NOT_FOUND_IN_TEXT = _patterns(
    r"\bthe\s+page\s+you(\s+are|\s+were|\s+have|['’]re|['’]ve)?\s+(looking\s+for|trying\s+to\s+(reach|find|access|view|visit)"
    r"|requested|followed)\s+(could\s+not|cannot|can['’]t|couldn['’]t|does\s+not|doesn['’]t|did\s+not|no\s+longer"
    r"|is\s+no\s+longer|is\s+not|isn['’]t|was\s+not|wasn['’]t|may\s+have|might\s+have|has)",
    r"\b(page|content|url|file)\s+(you\s+(have\s+)?requested\s+)?(could\s+not|cannot|can['’]t|couldn['’]t)\s+be\s+found\b",
    r"\b(can['’]?t|cannot|could\s+not|couldn['’]t|unable\s+to)\s+(find|locate)\s+(the|that|this|your)\s+page\b",
    r"\brequested\s+(url|page|resource|document)\s+(was\s+not|could\s+not\s+be|cannot\s+be)\s+found\b",
    r"\bnothing\s+was\s+found\s+at\s+this\s+location\b",
    r"\b(this|that|the)\s+page\s+(does\s+not|doesn['’]t|no\s+longer)\s+exists?\b",
    r"\bpage\s+(may|might)\s+have\s+been\s+(moved|removed|deleted)\b",
    r"\blink\s+you\s+followed\s+(may\s+be|is)\s+broken\b",
    r"\berror\s+404\b|\b404\s+error\b",
)
NOT_FOUND_IN_HEADINGS = NOT_FOUND_IN_TEXT + _patterns(
    r"^\W*404\s*([-|:–—.!]|$)|\b404\W*$|\b(error|err)\W*404\b|\b404\W+(page|not\s+found)\b",
    r"\b(page|file|content|article|document|resource|site)s?\s+(was\s+|is\s+)?not\s+found\b",
    r"\b(page|file|content|article|document)\s+(is\s+)?(missing|unavailable|no\s+longer\s+available)\b",
    r"\bpage\s+(isn['’]t|is\s+not)\s+available\b",
    r"^\W*(oops\W+|sorry\W+|whoops\W+)?not\s+found\b",
    r"\bnothing\s+(was\s+)?found\b",
    r"\bno\s+longer\s+exists\b",
    r"\b(can['’]t|cannot|could\s+not|couldn['’]t)\s+find\s+(that|the|this)\s+page\b",
    r"\bpage\s+(can['’]t|cannot|could\s+not|couldn['’]t)\s+be\s+found\b",
)
# Parked, for-sale or expired domains, and web servers or hosts that show only a placeholder page.
PARKED = _patterns(
    r"\b(web\s*site|site|domain(\s+name)?)\s+([\w.-]+\s+)?((is|may\s+be|might\s+be)\s+)?for\s+sale\b",
    r"\b[\w-]+(\.[\w-]+)+\s+(is|may\s+be|might\s+be)\s+for\s+sale\b",
    r"\b(buy|get|own|purchase|lease|inquire\s+about|enquire\s+about|make\s+an\s+offer\s+(on|for))\s+this\s+domain\b",
    r"\bthis\s+domain\s+(name\s+)?(is|has\s+been)\s+(registered|parked|reserved)\b",
    r"\bowner\s+of\s+this\s+domain\b",
    r"\b(this\s+)?domain\s+(name\s+)?(has\s+)?expired\b",
    r"\bparked\s+(domain|free|page)\b|\bdomain\s+parking\b|\bis\s+parked\b",
    r"\bfuture\s+home\s+of\s+something\s+quite\s+cool\b",
    r"\brelated\s+searches\b",
    r"\bwelcome\s+to\s+nginx\b|\bapache2?\b.{0,40}\bdefault\s+page\b|\bdefault\s+web\s+(site\s+)?page\b"
    r"|\btest\s+page\s+for\s+(the\s+)?(apache|nginx)\b|\bdomain\s+default\s+page\b",
)
# The same, said by a whole title or main heading (too short to mean it in a sentence).
PARKED_HEADINGS = PARKED + _patterns(
    r"^\W*it\s+works\W*$",
    r"^\W*iis\s+windows(\s+server)?\W*$",
    r"^\W*index\s+of\s+/",
    r"^\W*(this\s+)?account\s+(has\s+been\s+)?suspended\W*$",
    r"^\W*(web\s*site\s+|site\s+)?(is\s+)?(coming\s+soon|under\s+construction)\W*$",
)


# A robot check answered instead of the page (some answer 200): the page itself was not seen, so it is
# neither a fingerprint nor a signal, and the address counts as not reached (transient).
ROBOT_CHECK_TITLES = _patterns(
    r"^\W*just\s+a\s+moment\b",
    r"^\W*attention\s+required\b",
    r"\bverify(ing)?\s+(that\s+)?you\s+are\s+(a\s+)?human\b",
    r"\bare\s+you\s+a\s+robot\b",
    r"^\W*(please\s+)?verify\s+you\s+are\s+not\s+a\s+(robot|bot)\b",
    r"^\W*pardon\s+our\s+interruption\b",
    r"^\W*ddos-guard\W*$",
)


def robot_check(cf_mitigated: str | None, page: "PageText | None") -> str | None:
    """What shows that an answer is a robot check rather than the page, or None."""
    if cf_mitigated and cf_mitigated.strip().lower() == "challenge":
        return "a robot check (cf-mitigated: challenge)"
    for said in (page.title, page.heading) if page is not None else ():
        if said and any(pattern.search(said) for pattern in ROBOT_CHECK_TITLES):
            return f"a robot check (“{_short(said, 60)}”)"
    return None


@dataclass(frozen=True)
class PageText:
    """What a page says where a reader looks first."""

    title: str | None = None
    heading: str | None = None
    text: str = ""  # the first text of the main part of the page
    refresh: tuple[float, str] | None = None  # a <meta http-equiv="refresh">: (seconds, address as written)


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
    rules = {"not-found": (NOT_FOUND_IN_HEADINGS, NOT_FOUND_IN_TEXT), "parked": (PARKED_HEADINGS, PARKED)}
    for kind, (in_headings, in_text) in rules.items():
        for where, said in places:
            patterns = in_text if where == "first text" else in_headings
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
    """The parts ("title", "main heading") that became another one: present on either side, and below the
    threshold. None when neither did, so the page is still recognisably the same one."""
    parts = [name for name, old, new in (("title", before_title, title), ("main heading", before_heading, heading))
             if (words(old) or words(new)) and similarity(old, new) < SIMILARITY_THRESHOLD]
    return parts or None


HOME_PATHS = ("", "index.html", "index.htm", "index.php", "home", "default.aspx")


def forwards_home(url: str, final: str | None) -> bool:
    """True when an address for a page inside a site now ends at a home page (its own site's or another's):
    what many sites do instead of saying "not found"."""
    if not final:
        return False
    before, after = urlsplit(url), urlsplit(final)
    inside = before.path.strip("/").lower() not in HOME_PATHS or bool(before.query)
    return inside and after.path.strip("/").lower() in HOME_PATHS and not after.query
