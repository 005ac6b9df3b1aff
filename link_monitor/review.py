"""needs-review: the address answers, but a person should check it still leads where the card says.

`review()` runs after the two-run rule (classify.advance) and may turn an ok, redirected or transient
record into needs-review, for these reasons (ReviewReason.kind):

- another-site: it now leads to another site (signals.another_site), by linkchecker's redirect or the
  page read's;
- not-found / parked: the page read reads as "not found" or as a parked domain (signals.page_signals);
- changed: the page's title and main heading both changed since the baseline (signals.changed_parts).
  The baseline is the page as first read, or as first read after a person accepted the address;
- blocked: it has not been reached in BLOCKED_RUNS runs in a row (busy, rate-limited, a bot wall, time-outs).

A `dead` record stays dead: review never hides a broken link, and never makes one.

A person clears it with an entry in data/accepted-links.yml. While that acceptance is in force
(checked_on ≤ today ≤ until) the reasons it covers are reported as "accepted until DATE" and the status
is what the link check saw (ok, redirected, transient). It does not cover a change made after it: a
title and heading that change again from the accepted page, or a redirect to yet another site. After
`until`, every reason counts again.
"""
from __future__ import annotations

from datetime import date

from safeguarding_site.link_history import LinkRecord, PageFingerprint, ReviewReason
from safeguarding_site.models import AcceptedLink
from safeguarding_site.review import long_date

from .page_read import Fetched
from .signals import another_site, changed_parts, page_signals, registrable_domain

BLOCKED_RUNS = 4  # runs in a row without reaching the page before a person is asked to try it
PAGE_KINDS = ("not-found", "parked", "changed")  # reasons read from the page itself
TEXT_LIMIT = 200  # characters of a title or heading kept in the history


def _clip(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1].rstrip() + "…"


def fingerprint(read: Fetched | None, today: date) -> PageFingerprint | None:
    if read is None or read.page is None:
        return None
    return PageFingerprint(title=_clip(read.page.title), heading=_clip(read.page.heading),
                           site=registrable_domain(read.final_url), read_on=today)


def describe(page: PageFingerprint) -> str:
    parts = [f"title “{page.title}”" if page.title else "no title",
             f"main heading “{page.heading}”" if page.heading else "no main heading"]
    return ", ".join(parts)


def in_force(acceptance: AcceptedLink | None, today: date) -> bool:
    return acceptance is not None and acceptance.checked_on <= today <= acceptance.until


def _final_site(url: str, record: LinkRecord, read: Fetched | None) -> tuple[str | None, str | None]:
    """(the other site, the address that leads there), from the page read or linkchecker's redirect."""
    finals = ([read.final_url] if read is not None and read.status is not None else []) + [record.redirect]
    for final in finals:
        site = another_site(url, final)
        if site:
            return site, final
    return None, None


def reasons_for(url: str, record: LinkRecord, previous: LinkRecord | None, read: Fetched | None,
                page: PageFingerprint | None, baseline: PageFingerprint | None) -> list[ReviewReason]:
    reasons: list[ReviewReason] = []
    site, final = _final_site(url, record, read)
    if site:
        reasons.append(ReviewReason(kind="another-site", was=registrable_domain(url), now=final,
                                    detail=f"it now leads to another site, {site}: {final}"))
    if page is not None:
        for signal in page_signals(read.page):
            what = "“not found”" if signal.kind == "not-found" else "a parked or for-sale domain"
            reasons.append(ReviewReason(kind=signal.kind, now=signal.said,
                                        detail=f"it answers, but reads as {what} (its {signal.where}: "
                                               f"“{signal.said}”)"))
        parts = changed_parts(baseline.title, baseline.heading, page.title, page.heading) \
            if baseline is not None and baseline is not page else None
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
    return reasons


def review(url: str, record: LinkRecord, previous: LinkRecord | None, read: Fetched | None,
           acceptance: AcceptedLink | None, today: date) -> LinkRecord:
    """The record after this run's review: needs-review, accepted, or as the two-run rule left it."""
    if record.observed == "unchecked":  # the run did not reach it: keep what was known
        return record
    fresh = fingerprint(read, today)
    fresh_page = fresh is not None
    page = fresh or (previous.page if previous else None)
    baseline = previous.baseline if previous else None
    if fresh_page and baseline is None:
        baseline = page
    accepted = in_force(acceptance, today)
    same_acceptance = accepted and previous is not None and previous.accepted_on == acceptance.checked_on
    if accepted and fresh_page and (baseline is page or baseline.accepted_on != acceptance.checked_on):
        baseline = page.model_copy(update={"accepted_on": acceptance.checked_on})
        page = baseline
    reasons = [] if record.status == "dead" else \
        reasons_for(url, record, previous, read, page if fresh_page else None, baseline)
    status = record.status
    update: dict = {"page": page, "baseline": baseline, "review": reasons, "accepted_until": None,
                    "accepted_by": None, "accepted_on": None, "accepted_site": None}
    if accepted:
        site, _ = _final_site(url, record, read)
        accepted_site = previous.accepted_site if same_acceptance else site
        update.update(accepted_until=acceptance.until, accepted_by=acceptance.by,
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
