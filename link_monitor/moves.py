"""Addresses that moved for good to the same page: safe to change in data/ without asking a person.

A redirect is no alarm (the reader still gets there), but a permanent one (301, 308) says the old
address is retired, and some day the forward may go. When the check can show that the new address is
the same page, `upkeep link-fixes` changes the address in data/ and opens a pull request with the
evidence; a person only reviews and merges it. The evidence, all from this run:

- linkchecker followed only permanent redirects (301/308) to the new address, and the page read, on
  its own fetch, followed only permanent redirects to the same address and got a 2xx answer (not a
  robot check);
- the new address is on the same site (signals.registrable_domain) and is not a home page standing in
  for a page inside the site (signals.forwards_home);
- the page read there has the title or main heading the page had when first read in an earlier run (the
  baseline; a page first read today is compared at the next run), by
  the same test as the rest of the check (signals.changed_parts): at least one of them is present on
  both sides, and neither changed; it is the same kind of document;
- nothing in the review asks for a person (no other site, no "not found", no parked domain), and no
  person has an acceptance on the old address (data/accepted-links.yml names addresses exactly).

Anything short of that is left as it was: in the report, and, when it needs a person, in the weekly
issue.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from safeguarding_site.link_history import LinkRecord, LinkState

from .classify import PERMANENT_REDIRECTS, same_address
from .page_read import Fetched
from .review import is_web_page
from .signals import changed_parts, forwards_home, registrable_domain, similarity, words

FIRST_READ = "the page was first read in this run; the next run compares it with this reading"
# An address that can be written into a YAML file as it is: http(s), no spaces, quotes or controls.
PLAIN_ADDRESS = re.compile(r"https?://[^\s\"'<>\\`{}|^\x00-\x1f\x7f]+")


@dataclass(frozen=True)
class Move:
    """One address that moved for good to the same page, with the evidence for a reviewer."""

    url: str
    new_url: str
    codes: tuple[int, ...]  # linkchecker's redirect statuses, in order
    site: str  # the registrable domain both addresses belong to
    sources: tuple[str, ...]  # resource ids or data paths (publication.licence) that use it
    pages: tuple[str, ...]  # pages that link to it (they keep working through the forward)
    first_read_on: date  # when the page it is compared with was read
    title_before: str | None
    title_after: str | None
    heading_before: str | None
    heading_after: str | None
    title_similarity: float | None
    heading_similarity: float | None

    def as_json(self) -> dict:
        data = asdict(self)
        data["codes"] = list(self.codes)
        data["sources"] = list(self.sources)
        data["pages"] = list(self.pages)
        data["first_read_on"] = self.first_read_on.isoformat()
        return data


@dataclass(frozen=True)
class Held:
    """A permanent move that was not changed automatically, and why (for the report)."""

    url: str
    new_url: str | None
    why: str
    waiting: bool = False  # first read this run: the next run can show it is the same page; nobody need act


@dataclass
class Moves:
    fixable: list[Move] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


def _score(before: str | None, after: str | None) -> float | None:
    return round(similarity(before, after), 2) if words(before) and words(after) else None


def why_not(url: str, record: LinkRecord, read: Fetched | None, today: date) -> str | None:
    """Why this permanent move cannot be changed without a person; None when it can."""
    new = record.redirect
    if not record.sources:
        return "only pages link to it (change the link in the page)"
    if record.accepted_until or record.accepted_on:
        return "a person accepted this address in data/accepted-links.yml; change both by hand"
    if not PLAIN_ADDRESS.fullmatch(new or ""):
        return "the new address has characters that need a person to check it"
    if registrable_domain(new) != registrable_domain(url):
        return f"it moved to another site ({registrable_domain(new)})"
    if forwards_home(url, new):
        return "it forwards to a home page, not to the page itself"
    if read is None or read.status is None or not 200 <= read.status < 300 or read.robot_check:
        return "the page at the new address could not be read this run"
    if not read.redirect_codes or any(code not in PERMANENT_REDIRECTS for code in read.redirect_codes):
        return "the page read this run was not forwarded there for good"
    if not same_address(read.final_url, new):
        return f"the page read this run ended at another address ({read.final_url})"
    page, baseline = record.page, record.baseline
    if page is None or page.read_on != today:
        return "the page at the new address could not be read this run"
    if baseline is None or baseline.read_on >= today:
        return FIRST_READ
    kinds = is_web_page(baseline), is_web_page(page)
    if None not in kinds and kinds[0] != kinds[1]:
        return "it is another kind of document now"
    shared = [part for part, old, now in (("title", baseline.title, page.title),
                                          ("main heading", baseline.heading, page.heading))
              if words(old) and words(now)]
    if not shared:
        return "it has no title or main heading to compare with the page as first read"
    if changed_parts(baseline.title, baseline.heading, page.title, page.heading):
        return "its title or main heading is not the one first read"
    return None


def find_moves(state: LinkState, reads: dict[str, Fetched], today: date) -> Moves:
    """The addresses in `state` (after this run's review) that moved for good to the same page."""
    moves = Moves()
    for url, record in sorted(state.links.items()):
        permanent = record.redirect_codes and all(code in PERMANENT_REDIRECTS for code in record.redirect_codes)
        if record.status != "redirected" or record.observed != "redirected" or not permanent \
                or not record.redirect or record.review:
            continue  # not a permanent move, or one the review already hands to a person
        reason = why_not(url, record, reads.get(url), today)
        if reason:
            moves.held.append(Held(url, record.redirect, reason, waiting=reason == FIRST_READ))
            continue
        baseline, page = record.baseline, record.page
        moves.fixable.append(Move(
            url=url, new_url=record.redirect, codes=tuple(record.redirect_codes),
            site=registrable_domain(url), sources=tuple(record.sources), pages=tuple(record.pages),
            first_read_on=baseline.read_on, title_before=baseline.title, title_after=page.title,
            heading_before=baseline.heading, heading_after=page.heading,
            title_similarity=_score(baseline.title, page.title),
            heading_similarity=_score(baseline.heading, page.heading)))
    return moves
