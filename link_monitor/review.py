"""needs-review: the address answers, but a person should check it still leads where the card says.

`review()` runs after the two-run rule (classify.advance) and may turn an ok, redirected or transient
record into needs-review, for these reasons (ReviewReason.kind):

- another-site: it now leads to another site (signals.another_site), by linkchecker's redirect, the
  page read's, or a refresh in the page within MAX_REFRESH_SECONDS (read, never obeyed);
- not-found / parked: the page read reads as "not found" or as a parked domain (signals.page_signals),
  or an address for a page inside a site now forwards to a home page (signals.forwards_home);
- changed: the page's title or its main heading changed since the baseline (signals.changed_parts), or
  a document (a PDF) became a web page or the other way. The baseline is the page as first read, or as
  first read after a person accepted the address;
- blocked: it has not been reached in BLOCKED_RUNS runs in a row (busy, rate-limited, a bot wall, a
  robot check answered instead of the page, time-outs).

A `dead` record stays dead: review never hides a broken link, and never makes one.

A person clears it with an entry in data/accepted-links.yml. While that acceptance is in force
(checked_on ≤ today ≤ until) the reasons it covers are reported as "accepted until DATE" and the status
is what the link check saw (ok, redirected, transient). It does not cover a change made after it: a
title or heading that changes again from the accepted page, or a redirect to yet another site. After
`until`, every reason counts again.
"""
from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

from safeguarding_site.link_history import LinkRecord, PageFingerprint, ReviewReason
from safeguarding_site.models import AcceptedLink
from safeguarding_site.review import long_date

from .page_read import Fetched
from .signals import another_site, changed_parts, forwards_home, page_signals, registrable_domain

BLOCKED_RUNS = 4  # runs in a row without reaching the page before a person is asked to try it
PAGE_KINDS = ("not-found", "parked", "changed")  # reasons read from the page itself
TEXT_LIMIT = 200  # characters of a title or heading kept in the history
MAX_REFRESH_SECONDS = 10  # a page that refreshes to another address sooner than this leads there


def _clip(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"


def fingerprint(read: Fetched | None, today: date) -> PageFingerprint | None:
    """What this run read at the address: a 2xx answer that was not a robot check (a PDF too: its type)."""
    if read is None or read.status is None or not 200 <= read.status < 300 or read.robot_check:
        return None
    page = read.page
    return PageFingerprint(title=_clip(page.title) if page else None, heading=_clip(page.heading) if page else None,
                           site=registrable_domain(read.final_url), type=read.content_type, read_on=today)


def is_web_page(page: PageFingerprint) -> bool | None:
    return None if not page.type else "html" in page.type


def describe(page: PageFingerprint) -> str:
    if is_web_page(page) is False:
        return "a PDF document" if page.type == "application/pdf" else f"a document of type {page.type}"
    parts = [f"title “{page.title}”" if page.title else "no title",
             f"main heading “{page.heading}”" if page.heading else "no main heading"]
    return ", ".join(parts)


def page_changes(baseline: PageFingerprint, page: PageFingerprint) -> list[str] | None:
    """What changed from the baseline to this read: the kind of answer (a document became a web page, or
    the other way), else the title or the main heading (signals.changed_parts); None when nothing did."""
    kinds = is_web_page(baseline), is_web_page(page)
    if None not in kinds and kinds[0] != kinds[1]:
        return ["kind of document"]
    return changed_parts(baseline.title, baseline.heading, page.title, page.heading)


def in_force(acceptance: AcceptedLink | None, today: date) -> bool:
    return acceptance is not None and acceptance.checked_on <= today <= acceptance.until


def _refresh_target(read: Fetched | None) -> str | None:
    """Where the page's own refresh sends a reader within MAX_REFRESH_SECONDS (read, never obeyed)."""
    if read is None or read.page is None or read.page.refresh is None:
        return None
    seconds, target = read.page.refresh
    return urljoin(read.final_url, target) if seconds <= MAX_REFRESH_SECONDS else None


def _final_site(url: str, record: LinkRecord, read: Fetched | None) -> tuple[str | None, str | None]:
    """(the other site, the address that leads there), from the page read, its refresh, or linkchecker's
    redirect."""
    finals = ([read.final_url] if read is not None and read.status is not None else []) + \
        [_refresh_target(read), record.redirect]
    for final in finals:
        site = another_site(url, final)
        if site:
            return site, final
    return None, None


def _home_page(url: str, record: LinkRecord, read: Fetched | None) -> str | None:
    """The home page an address for a page inside a site now forwards to (the commonest "not found")."""
    finals = ([read.final_url] if read is not None and read.status is not None else []) + [record.redirect]
    return next((final for final in finals if final and forwards_home(url, final)), None)


def reasons_for(url: str, record: LinkRecord, previous: LinkRecord | None, read: Fetched | None,
                page: PageFingerprint | None, baseline: PageFingerprint | None) -> list[ReviewReason]:
    reasons: list[ReviewReason] = []
    site, final = _final_site(url, record, read)
    if site:
        how = " by a refresh in the page" if final == _refresh_target(read) else ""
        reasons.append(ReviewReason(kind="another-site", was=registrable_domain(url), now=final,
                                    detail=f"it now leads to another site{how}, {site}: {final}"))
    home = _home_page(url, record, read) if record.status in ("ok", "redirected") else None
    if home:
        reasons.append(ReviewReason(kind="not-found", was=url, now=home,
                                    detail=f"it now forwards to a home page, not to the page itself: {home}"))
    if page is not None:
        for signal in page_signals(read.page) if read.page is not None else []:
            what = "“not found”" if signal.kind == "not-found" else \
                "a parked or for-sale domain (or a placeholder page)"
            reasons.append(ReviewReason(kind=signal.kind, now=signal.said,
                                        detail=f"it answers, but reads as {what} (its {signal.where}: "
                                               f"“{signal.said}”)"))
        parts = page_changes(baseline, page) if baseline is not None and baseline is not page else None
        if parts:
            since = f" since {long_date(baseline.read_on)}"
            reasons.append(ReviewReason(kind="changed", was=describe(baseline), now=describe(page),
                                        detail=f"its {' and '.join(parts)} changed{since}: was "
                                               f"{describe(baseline)}; now {describe(page)}"))
    elif previous is not None and record.status in ("ok", "redirected"):
        # Not read this run (the read timed out or was refused): what the last read found still stands.
        reasons += [reason for reason in previous.review if reason.kind in PAGE_KINDS]
    if record.status == "transient" and record.failing_runs >= BLOCKED_RUNS:
        since = f", since {long_date(record.first_failed)}" if record.first_failed else ""
        reasons.append(ReviewReason(kind="blocked", now=record.error,
                                    detail=f"not reached in {record.failing_runs} runs in a row{since} "
                                           f"({record.error}): the site may be busy or turning automated "
                                           "checks away; try it in a browser"))
    return list({reason.detail: reason for reason in reasons}.values())  # each once


def review(url: str, record: LinkRecord, previous: LinkRecord | None, read: Fetched | None,
           acceptance: AcceptedLink | None, today: date) -> LinkRecord:
    """The record after this run's review: needs-review, accepted, or as the two-run rule left it."""
    if record.observed == "unchecked":  # the run did not reach it: keep what was known
        return record
    fresh = fingerprint(read, today)
    fresh_page = fresh is not None
    page = fresh or (previous.page if previous else None)
    baseline = previous.baseline if previous else None
    if fresh_page and baseline is None and not (read.page is not None and page_signals(read.page)):
        baseline = page  # the first read that looks like a real page (not a "not found" or parked one)
    accepted = in_force(acceptance, today)
    same_acceptance = accepted and previous is not None and previous.accepted_on == acceptance.checked_on
    if accepted and fresh_page and (baseline is None or baseline is page
                                    or baseline.accepted_on != acceptance.checked_on):
        baseline = page.model_copy(update={"accepted_on": acceptance.checked_on})
        page = baseline
    reasons = [] if record.status == "dead" else \
        reasons_for(url, record, previous, read, page if fresh_page else None, baseline)
    status = record.status
    update: dict = {"page": page, "baseline": baseline, "review": reasons, "accepted_until": None,
                    "accepted_by": None, "accepted_check": None, "accepted_on": None, "accepted_site": None}
    if accepted:
        site, _ = _final_site(url, record, read)
        accepted_site = previous.accepted_site if same_acceptance else site
        update.update(accepted_until=acceptance.until, accepted_by=acceptance.by, accepted_check=acceptance.checked,
                      accepted_on=acceptance.checked_on, accepted_site=accepted_site)
        # What the acceptance does not cover: the page changing again, or leading to yet another site.
        uncovered = [reason for reason in reasons if reason.kind == "changed"
                     or (reason.kind == "another-site" and site != accepted_site)]
        if uncovered:
            status = "needs-review"
            update["review"] = uncovered
    elif reasons:
        status = "needs-review"
    update["status"] = status
    update["since"] = previous.since if previous is not None and previous.status == status else \
        (record.since if status == record.status else today)
    return record.model_copy(update=update)
