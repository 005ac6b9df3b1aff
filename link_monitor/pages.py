"""After linkchecker: read the pages it reached, and fetch again those that asked to wait (Retry-After).

Which addresses are fetched, and what a second fetch changes:
- ok or redirected (2xx): read once, for the title, main heading and first text (link_monitor.review);
- 429 with a Retry-After of at most MAX_RETRY_AFTER seconds (or an HTTP date at most that far ahead):
  fetched again after that wait, counted from linkchecker's answer (or at that date); a 429 with a
  longer or no Retry-After is left alone (the site asked us to slow down);
- 503: asked once to learn its Retry-After (linkchecker does not pass it on), then fetched again after it.
The answer to a second fetch replaces linkchecker's (a 429 that answers 200 is ok); a fetch that fails
in itself (time-out, refused) changes nothing. An answer that is a robot check rather than the page (some
answer 200) makes the address transient: the page was not reached.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace
from urllib.parse import urlsplit

from .classify import Observation, classify_http, same_address
from .page_read import Fetched, HostPacer, Job, parse_retry_after, read_pages, read_time_limit, retry_wait, tls_context
from .runner import Settings


def plan(observations: dict[str, Observation], answered_at: dict[str, float]) -> list[Job]:
    jobs = []
    for url, seen in observations.items():
        if seen.kind in ("ok", "redirected"):
            jobs.append(Job(url))
        elif seen.http_code == 429:
            asked = parse_retry_after(seen.retry_after)
            wait = retry_wait(*asked) if asked else None
            if wait is not None:
                # Seconds count from linkchecker's answer; a date is a moment, so its wait counts from now.
                since = time.monotonic() if asked[1] else answered_at.get(url, 0.0)
                jobs.append(Job(url, retry_after=wait, answered_at=since))
        elif seen.http_code == 503:
            jobs.append(Job(url, ask_first=True))
    return jobs


def from_second_fetch(seen: Observation, fetched: Fetched) -> Observation:
    """What a second fetch (after a 429 or 503) says instead of linkchecker's first answer."""
    if fetched.status is None or fetched.status in range(300, 400):
        return seen  # the fetch failed in itself, or ended on a redirect it could not follow
    kind = classify_http(fetched.status)
    redirect = fetched.final_url if not same_address(fetched.final_url, fetched.url) else None
    if kind == "ok" and redirect:
        kind = "redirected"
    waited = f" after its Retry-After of {fetched.retried_after:.0f} s" if fetched.retried_after is not None else ""
    note = f"answered {fetched.status} when fetched again{waited}"
    if kind in ("ok", "redirected"):
        return Observation(kind, http_code=fetched.status, redirect=redirect, note=note,
                           redirect_codes=fetched.redirect_codes)
    error = f"{fetched.status} {fetched.reason}".strip()
    if fetched.retry_after is not None and fetched.status in (429, 503):
        error += f", Retry-After: {fetched.retry_after:.0f}"
    return replace(seen, kind=kind, http_code=fetched.status, error=error, note=note)


def read_addresses(observations: dict[str, Observation], answered_at: dict[str, float], settings: Settings,
                   say=print) -> tuple[dict[str, Fetched], dict[str, Observation], bool]:
    """Run the page reads; returns the reads, the observations after any second fetch, and whether the
    read's own time limit stopped it."""
    jobs = plan(observations, answered_at)
    if not jobs:
        return {}, observations, False
    per_host = Counter(urlsplit(job.url).netloc.lower() for job in jobs)
    retries = sum(1 for job in jobs if job.retry_after is not None or job.ask_first)
    limit = read_time_limit(len(jobs), settings.threads, settings.timeout, retries,
                            sum(per_host.values()) - len(per_host), settings.rate)
    say(f"Reading {len(jobs) - retries} pages (title, main heading, first text) and fetching {retries} again "
        f"that asked to wait (stops after {limit:.0f} s at most)")
    last_seen = {}
    for url, moment in answered_at.items():
        host = urlsplit(url).netloc.lower()
        last_seen[host] = max(moment, last_seen.get(host, 0.0))

    def on_result(fetched: Fetched) -> None:
        if fetched.retried_after is not None or observations[fetched.url].http_code in (429, 503):
            answer = fetched.status or fetched.error
            say(f"  fetched again: {fetched.url} answered {answer}")

    reads, stopped = read_pages(jobs, HostPacer(settings.rate, last_seen), settings.threads, settings.timeout,
                                limit, on_result=on_result, tls=tls_context(settings.certificates))
    if stopped:
        say(f"  {len(jobs) - len(reads)} pages were not read within the time limit; they keep linkchecker's verdict")
    updated = dict(observations)
    for url, fetched in reads.items():
        if observations[url].http_code in (429, 503):
            updated[url] = from_second_fetch(observations[url], fetched)
        if fetched.robot_check and updated[url].kind in ("ok", "redirected"):
            # Answered, but not with the page: nobody has seen it, so it is not reached (transient).
            updated[url] = replace(updated[url], kind="transient", error=f"{fetched.status} with {fetched.robot_check}")
    return reads, updated, stopped
