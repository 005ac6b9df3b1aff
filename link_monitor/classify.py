"""Pure rules: what one linkchecker result means, and what a URL's status is after this run.

Two steps, both plain functions with no input or output, so they are easy to test and to reason about:

1. `classify(result)` turns one linkchecker result into an Observation: ok, redirected, transient
   (the site may be busy or blocking robots: 429, 5xx, time-outs, dropped connections, other 4xx) or
   broken (404, 410, unknown host name, refused connection, TLS failure, redirect loop).
2. `advance(previous, observation, today)` applies the history. A URL is `dead` only when this run
   AND the run before both saw it broken; the first broken run is reported as `transient`, with a
   note that it will be called dead if the next run sees the same.

`link_monitor.review` then looks at what the page itself said (status needs-review).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from safeguarding_site.link_history import LinkRecord

STATUSES = ("dead", "needs-review", "transient", "redirected", "ok")  # worst first

HTTP_CODE = re.compile(r"^\s*(\d{3})\b\s*(.*)$")
REDIRECT = re.compile(r"Redirected to `(?P<url>[^']+)' status: (?P<code>\d{3})")
PERMANENT_REDIRECTS = {301, 308}
# linkchecker's warning for a 429: "Rate limited (Retry-After: 120)" or "(Retry-After: Wed, 21 Oct 2026
# 07:28:00 GMT)" (an HTTP date has spaces in it) or "(Retry-After: None)".
RETRY_AFTER = re.compile(r"Retry-After: ([^)]*?)\s*\)")
URL_PARTS = re.compile(r"host='[^']*'|url: \S+|https?://\S+")

# Error text (from requests/urllib3 via linkchecker, possibly cut short) → (class, plain reason).
# Checked in order; the first match wins.
ERROR_RULES: tuple[tuple[re.Pattern, str, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind, reason) for pattern, kind, reason in (
        (r"TooManyRedirects|Exceeded \d+ redirects", "broken", "redirect loop"),
        (r"Temporary failure in name resolution|\[Errno -3\]|EAI_AGAIN",
         "transient", "name lookup failed for now (DNS busy)"),
        (r"NameResolutionError|Failed to resolve|Name or service not known|nodename nor servname"
         r"|No address associated|getaddrinfo failed|\[Errno -[25]\]|\[Errno 11001\]",
         "broken", "host name does not resolve"),
        (r"Connection refused|\[Errno 111\]|ECONNREFUSED|\[WinError 10061\]", "broken", "connection refused"),
        (r"SSLError|\[SSL|CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLCertVerificationError"
         r"|TLSV1_ALERT|wrong version number|handshake failure", "broken", "TLS (https) failure"),
        (r"ReadTimeout|ConnectTimeout|TimeoutError|timed out", "transient", "timed out"),
        (r"Connection reset|ConnectionResetError|\[Errno 104\]|Connection aborted|RemoteDisconnected"
         r"|BadStatusLine|IncompleteRead|ChunkedEncodingError|ProtocolError|Broken pipe",
         "transient", "connection dropped"),
        (r"Network is unreachable|No route to host|\[Errno 101\]|\[Errno 113\]",
         "transient", "network unreachable from the checker"),
    ))


@dataclass(frozen=True)
class CheckResult:
    """One row of linkchecker's output, as far as classification needs it."""

    url: str
    result: str  # e.g. "200 OK", "404 Not Found", "ReadTimeout: ... Read timed out."
    warnings: tuple[str, ...] = ()
    final_url: str | None = None  # where linkchecker ended up after redirects


@dataclass(frozen=True)
class Observation:
    """What one run saw for one URL, before the two-run rule."""

    kind: str  # ok | redirected | transient | broken | unchecked
    http_code: int | None = None
    error: str | None = None  # plain reason, e.g. "timed out", "404 Not Found"
    redirect: str | None = None  # final address after redirects, when there were any
    redirect_codes: tuple[int, ...] = field(default=())
    retry_after: str | None = None  # a 429's Retry-After, as linkchecker passed it on
    note: str | None = None  # e.g. "answered 200 when fetched again after its Retry-After of 5 s"

    @property
    def permanent_redirect(self) -> bool:
        return bool(self.redirect_codes) and all(code in PERMANENT_REDIRECTS for code in self.redirect_codes)


def _redirects(warnings: tuple[str, ...]) -> tuple[str | None, tuple[int, ...]]:
    hops = [match for warning in warnings for match in REDIRECT.finditer(warning)]
    if not hops:
        return None, ()
    return hops[-1]["url"], tuple(int(hop["code"]) for hop in hops)


def classify_http(code: int) -> str:
    """The class of a final HTTP status code."""
    if 200 <= code < 300:
        return "ok"
    if code in (404, 410):
        return "broken"
    # 429, 5xx and every other refusal (401, 403, 405, 451, ...) may be the site busy or blocking
    # robots; a person with a browser may well get through, so these never raise an alarm.
    return "transient"


def classify_error(text: str) -> tuple[str, str]:
    """(class, plain reason) for a result that is not an HTTP status line."""
    # Host names and paths are quoted in the error text; they must not match a rule by accident.
    bare = URL_PARTS.sub("", text)
    for pattern, kind, reason in ERROR_RULES:
        if pattern.search(bare):
            return kind, reason
    # Anything unrecognised is not proof that the page has gone.
    return "transient", text.strip()[:200] or "no answer"


def same_address(one: str, other: str) -> bool:
    """True when two URLs name the same page (scheme and host case, default path, fragment ignored)."""
    def norm(url: str) -> tuple:
        parts = urlsplit(url.strip())
        return (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query)
    return norm(one) == norm(other)


def classify(result: CheckResult) -> Observation:
    """The Observation for one linkchecker result."""
    redirect, codes = _redirects(result.warnings)
    if redirect and same_address(redirect, result.url):
        # linkchecker caches a redirect's result under its target too, so a URL that another one
        # redirects to can come back carrying that redirect's warnings. A page does not redirect to itself.
        redirect, codes = None, ()
    match = HTTP_CODE.match(result.result or "")
    if match:
        code = int(match[1])
        kind = classify_http(code)
        if kind == "ok" and redirect:
            kind = "redirected"
        error = None if kind in ("ok", "redirected") else f"{code} {match[2]}".strip()
        retry_after = next((m[1] for w in result.warnings for m in [RETRY_AFTER.search(w)] if m), None)
        if error and retry_after and retry_after != "None":
            error += f", Retry-After: {retry_after}"
        else:
            retry_after = None
        return Observation(kind, http_code=code, error=error, redirect=redirect, redirect_codes=codes,
                           retry_after=retry_after)
    kind, reason = classify_error(result.result or "")
    if reason == "redirect loop":
        redirect, codes = None, ()
    return Observation(kind, error=reason, redirect=redirect, redirect_codes=codes)


def advance(previous: LinkRecord | None, seen: Observation, today: date,
            sources: list[str], pages: list[str]) -> LinkRecord:
    """The URL's record after this run: the two-run rule, and the dates an editor needs."""
    if seen.kind == "unchecked":  # the run stopped before reaching it: keep what we knew
        if previous is not None:
            return previous.model_copy(update={"sources": sources, "pages": pages})
        return LinkRecord(sources=sources, pages=pages, status="transient", observed="unchecked",
                          error=seen.error, since=today, last_checked=today)
    failed = seen.kind in ("transient", "broken")
    failing_runs = (previous.failing_runs if previous else 0) + 1 if failed else 0
    broken_runs = (previous.broken_runs if previous else 0) + 1 if seen.kind == "broken" else 0
    if seen.kind == "broken":
        status = "dead" if broken_runs >= 2 else "transient"
    else:
        status = seen.kind
    first_failed = None
    if failed:
        first_failed = previous.first_failed if previous and previous.failing_runs and previous.first_failed \
            else today
    since = previous.since if previous is not None and previous.status == status else today
    return LinkRecord(
        sources=sources, pages=pages, status=status, observed=seen.kind, http_code=seen.http_code,
        error=seen.error, redirect=seen.redirect, redirect_codes=list(seen.redirect_codes), since=since, first_failed=first_failed,
        last_checked=today, failing_runs=failing_runs, broken_runs=broken_runs, note=seen.note,
        # what earlier runs learnt about the page and about acceptances; link_monitor.review updates them
        page=previous.page if previous else None, baseline=previous.baseline if previous else None,
        review=previous.review if previous else [], accepted_on=previous.accepted_on if previous else None,
        accepted_site=previous.accepted_site if previous else None)
