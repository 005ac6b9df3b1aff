"""The polite page read: each address's title, main heading and first text, and the Retry-After re-fetch.

linkchecker reports status codes only, and never retries. After it has run, this module fetches, once,
each address it reached (to read what the page says), and each one that answered 429 or 503 with a
Retry-After of up to MAX_RETRY_AFTER seconds (after that wait). It is polite in the same ways:

- one plain GET per address, as a reader following the link would (HTTP redirects are followed, up to
  MAX_HOPS); no robots.txt, no scripts run, no link inside the page followed, no meta refresh obeyed;
- at most `rate` requests a second to any one site, counting linkchecker's last request to it;
- at most MAX_PAGE_BYTES read from each answer; the connection is then closed;
- each fetch, redirects included, takes at most `timeout` seconds, and the whole read stops at its own
  time limit (`read_time_limit`); what is not read by then keeps linkchecker's verdict.

linkchecker does not pass on a 503's Retry-After, so a 503 is asked once more here to learn it.
"""
from __future__ import annotations

import codecs
import html
import http.client
import queue
import re
import socket
import ssl
import threading
import time
import urllib.request
import zlib
from dataclasses import dataclass, replace
from datetime import timezone
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .signals import FIRST_TEXT_CHARACTERS, PageText, robot_check

MAX_PAGE_BYTES = 512 * 1024
MAX_HOPS = 10
MAX_RETRY_AFTER = 30  # seconds: a longer wait is left for the next run
DATE_MARGIN = 1.0  # a Retry-After given as an HTTP date is to the second: wait to the end of that second
RETRY_CODES = (429, 503)
USER_AGENT = "Mozilla/5.0 (compatible; link_monitor; a weekly check of a guidance site's links)"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class Fetched:
    """One fetch: where it ended and what came back."""

    url: str
    final_url: str
    status: int | None = None
    reason: str = ""
    redirect_codes: tuple[int, ...] = ()
    retry_after: float | None = None  # seconds, as the answer's Retry-After asked
    retry_after_is_date: bool = False  # ... given as an HTTP date rather than seconds
    page: PageText | None = None  # for an HTML answer with status 2xx
    content_type: str | None = None  # of a 2xx answer, e.g. "text/html" or "application/pdf"
    robot_check: str | None = None  # a 2xx answer that was a robot check, not the page: what showed it
    error: str | None = None  # the fetch itself failed (time-out, TLS, refused...)
    answered_at: float = 0.0  # time.monotonic() when the answer came
    retried_after: float | None = None  # seconds waited before this, the second, fetch


@dataclass(frozen=True)
class Job:
    url: str
    retry_after: float | None = None  # linkchecker's 429 asked for this wait (seconds) ...
    answered_at: float = 0.0  # ... counted from its answer
    ask_first: bool = False  # a 503: ask once to learn its Retry-After


def parse_retry_after(value: str | None, now: float | None = None) -> tuple[float, bool] | None:
    """A Retry-After header as (seconds from now, whether it was an HTTP date); None when absent or
    unreadable. Both forms are allowed (RFC 9110, 10.2.3): "120", or "Wed, 21 Oct 2026 07:28:00 GMT"."""
    if value is None or not str(value).strip() or str(value).strip() == "None":
        return None
    value = str(value).strip()
    if value.isdigit():
        return float(value), False
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # a date with no zone (or "-0000") is read as UTC, as HTTP dates are
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, when.timestamp() - (time.time() if now is None else now)), True


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """A Retry-After header (seconds, or an HTTP date) as seconds from now; None when absent or unreadable."""
    parsed = parse_retry_after(value, now)
    return None if parsed is None else parsed[0]


def retry_wait(seconds: float | None, is_date: bool) -> float | None:
    """How long to wait before fetching again, or None when the site asked for more than MAX_RETRY_AFTER.
    An HTTP date is given to the second only, so the wait runs to the end of that second."""
    if seconds is None or seconds > MAX_RETRY_AFTER:
        return None
    return seconds + (DATE_MARGIN if is_date else 0.0)


class HostPacer:
    """At most `rate` requests a second to any one host (host:port, as linkchecker counts them)."""

    def __init__(self, rate: float, last_seen: dict[str, float] | None = None):
        self.spacing = 1.0 / rate
        self.next_free = {host: when + self.spacing for host, when in (last_seen or {}).items()}
        self.lock = threading.Lock()

    def slot(self, host: str) -> float:
        """Reserve the next moment (time.monotonic()) this host may be asked."""
        with self.lock:
            when = max(time.monotonic(), self.next_free.get(host, 0.0))
            self.next_free[host] = when + self.spacing
            return when


class _PageParser(HTMLParser):
    """Title, main heading and first text. The main heading is the first <h1> inside <main> (or
    role="main"), else the first anywhere; the first text is that of <main>, else of <body> leaving out
    its header, navigation, footer and asides. Only text is read: nothing in the page is run or followed."""

    HIDDEN = {"script", "style", "noscript", "template", "svg", "select", "button"}  # never text to read
    AROUND = {"nav", "header", "footer", "aside"}  # the site's frame, around the main part

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title: list[str] | None = None
        self.in_title = False
        self.headings: dict[str, list[str]] = {}  # "main" / "any" -> the first h1's text
        self.open_heading: list[str] = []
        self.hidden = self.around = 0
        self.main_open: list[list] = []  # [tag, how many of that tag are open] for each main part entered
        self.saw_main = False
        self.main_text: list[str] = []
        self.body_text: list[str] = []
        self.refresh: tuple[float, str] | None = None  # the first <meta http-equiv="refresh"> with an address

    def handle_starttag(self, tag, attrs):
        if tag == "meta" and self.refresh is None:
            values = {name.lower(): value or "" for name, value in attrs}
            if values.get("http-equiv", "").strip().lower() == "refresh":
                self.refresh = meta_refresh(values.get("content", ""))
        if tag == "title" and self.title is None and not self.hidden:  # not an <svg>'s <title>
            self.title, self.in_title = [], True
            self.set_cdata_mode(tag)  # as a browser reads it: text only, "<b>" in a title is not a tag
        elif tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.AROUND:
            self.around += 1
        for entry in self.main_open:
            entry[1] += entry[0] == tag
        if tag == "main" or dict(attrs).get("role") == "main":
            self.main_open.append([tag, 1])
            self.saw_main = True
        if tag == "h1" and not self.hidden:
            self.open_heading = [key for key in (("main",) if self.main_open else ()) + ("any",)
                                 if key not in self.headings]
            for key in self.open_heading:
                self.headings[key] = []

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.open_heading = []
        elif tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        elif tag in self.AROUND and self.around:
            self.around -= 1
        if self.main_open and self.main_open[-1][0] == tag:
            self.main_open[-1][1] -= 1
            if not self.main_open[-1][1]:
                self.main_open.pop()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(html.unescape(data))  # read raw (see set_cdata_mode), so entities are decoded here
            return
        if self.hidden or not data.strip():
            return
        for key in self.open_heading:
            self.headings[key].append(data)
        targets = ([self.main_text] if self.main_open else []) + ([] if self.around else [self.body_text])
        for target in targets:
            if sum(map(len, target)) < FIRST_TEXT_CHARACTERS:
                target.append(data)

    def page(self) -> PageText:
        def joined(parts):  # one line, without control characters (a page's text goes into reports and logs)
            return " ".join(CONTROL.sub(" ", " ".join(parts)).split()) if parts else None
        text = joined(self.main_text if self.saw_main and self.main_text else self.body_text) or ""
        heading = joined(self.headings.get("main") or self.headings.get("any") or [])
        return PageText(title=joined(self.title) or None, heading=heading or None,
                        text=text[:FIRST_TEXT_CHARACTERS], refresh=self.refresh)


REFRESH = re.compile(r"^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(['\"]?)(?P<url>[^'\"]*)\2)?", re.IGNORECASE)


def meta_refresh(content: str) -> tuple[float, str] | None:
    """(seconds, address) of a refresh that sends the reader on to an address; None for a plain reload.
    It is read, never obeyed."""
    match = REFRESH.match(content or "")
    if not match or not (match["url"] or "").strip():
        return None
    return float(match[1]), match["url"].strip()


def page_text(markup: str) -> PageText:
    parser = _PageParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # a page the parser chokes on still gives what was read so far
        pass
    return parser.page()


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def _decode(body: bytes, content_type: str) -> str:
    declared = re.search(r"charset=([\w-]+)", content_type or "", re.IGNORECASE)
    sniffed = CHARSET.search(body[:4096])
    for name in (declared and declared[1], sniffed and sniffed[1].decode("ascii", "replace"), "utf-8"):
        if name:
            try:
                return body.decode(codecs.lookup(name).name, errors="replace")
            except LookupError:
                continue
    return body.decode("utf-8", errors="replace")


class _Clock:
    """Socket time-outs that never reach past this fetch's end (nor the whole read's)."""

    def __init__(self, timeout: float, deadline: float):
        self.end = min(time.monotonic() + timeout, deadline)

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out")
        return left


def tls_context(certificates: str | None = None) -> ssl.SSLContext:
    """Certificates checked against `certificates` (runner.certificate_file: the file linkchecker is given)."""
    return ssl.create_default_context(cafile=certificates) if certificates else ssl.create_default_context()


def _connect(url: str, clock: _Clock, tls: ssl.SSLContext | None) -> tuple[http.client.HTTPConnection, str]:
    """A connection for `url` (through the proxy that urllib would use, if any) and the request target."""
    parts = urlsplit(url)
    host, secure = parts.hostname or "", parts.scheme == "https"
    port = parts.port or (443 if secure else 80)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    proxy = None if host in LOOPBACK or urllib.request.proxy_bypass(host) else \
        urllib.request.getproxies().get(parts.scheme)
    context = (tls or tls_context()) if secure else None
    if proxy:
        proxied = urlsplit(proxy if "//" in proxy else f"http://{proxy}")
        if secure:
            connection = http.client.HTTPSConnection(proxied.hostname, proxied.port or 8080, timeout=clock.left(),
                                                     context=context)
            connection.set_tunnel(host, port)
        else:
            connection = http.client.HTTPConnection(proxied.hostname, proxied.port or 8080, timeout=clock.left())
            target = url.split("#", 1)[0]
    elif secure:
        connection = http.client.HTTPSConnection(host, port, timeout=clock.left(), context=context)
    else:
        connection = http.client.HTTPConnection(host, port, timeout=clock.left())
    return connection, target


def _read_capped(response: http.client.HTTPResponse, connection, clock: _Clock) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "").lower()
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if encoding in ("gzip", "deflate", "x-gzip") else None
    raw, body = 0, bytearray()
    while raw < MAX_PAGE_BYTES and len(body) < MAX_PAGE_BYTES:
        if connection.sock is not None:
            connection.sock.settimeout(clock.left())
        chunk = response.read1(min(65536, MAX_PAGE_BYTES - raw)) if hasattr(response, "read1") else response.read(65536)
        if not chunk:
            break
        raw += len(chunk)
        body += inflate.decompress(chunk, MAX_PAGE_BYTES - len(body)) if inflate else chunk
    return bytes(body)


def fetch(url: str, pacer: HostPacer, timeout: float, deadline: float, tls: ssl.SSLContext | None = None) -> Fetched:
    """GET `url` politely, following HTTP redirects; read the page when it is HTML with status 2xx."""
    clock = _Clock(timeout, deadline)
    current, codes = url, []
    try:
        for _ in range(MAX_HOPS + 1):
            wait = pacer.slot(urlsplit(current).netloc.lower()) - time.monotonic()
            if wait > 0:
                if wait >= clock.left():
                    raise TimeoutError("timed out")
                time.sleep(wait)
            connection, target = _connect(current, clock, tls)
            try:
                connection.request("GET", target, headers={
                    "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Language": "en-GB,en;q=0.8", "Accept-Encoding": "gzip, identity",
                    "Connection": "close"})
                response = connection.getresponse()
                answered_at = time.monotonic()
                location = response.getheader("Location")
                if 300 <= response.status < 400 and location:
                    codes.append(response.status)
                    current = urljoin(current, location.strip())
                    continue
                page = None
                content_type = response.getheader("Content-Type") or ""
                success = 200 <= response.status < 300
                if success and re.search(r"html", content_type, re.IGNORECASE):
                    page = page_text(_decode(_read_capped(response, connection, clock), content_type))
                retry_after = parse_retry_after(response.getheader("Retry-After"))
                return Fetched(url=url, final_url=current, status=response.status, reason=response.reason,
                               redirect_codes=tuple(codes), page=page, answered_at=answered_at,
                               retry_after=retry_after[0] if retry_after else None,
                               retry_after_is_date=bool(retry_after and retry_after[1]),
                               content_type=(content_type.split(";")[0].strip().lower() or None) if success else None,
                               robot_check=robot_check(response.getheader("cf-mitigated"), page) if success else None)
            finally:
                connection.close()
        return Fetched(url=url, final_url=current, redirect_codes=tuple(codes), error="redirect loop",
                       answered_at=time.monotonic())
    except (OSError, http.client.HTTPException, ValueError, zlib.error) as exc:
        reason = "timed out" if isinstance(exc, (TimeoutError, socket.timeout)) else \
            (getattr(exc, "strerror", None) or type(exc).__name__)
        return Fetched(url=url, final_url=current, redirect_codes=tuple(codes), error=str(reason),
                       answered_at=time.monotonic())


def _sleep_until(moment: float, deadline: float) -> bool:
    """Wait until `moment`; False (without waiting) when it is past the deadline."""
    if moment >= deadline:
        return False
    time.sleep(max(0.0, moment - time.monotonic()))
    return True


def run_job(job: Job, pacer: HostPacer, timeout: float, deadline: float,
            tls: ssl.SSLContext | None = None) -> Fetched | None:
    """One address: a page read, a fetch after linkchecker's 429 Retry-After, or a 503 asked once to learn
    its Retry-After (and fetched again after it). None when the time left is too short to try."""
    wait = job.retry_after
    since = job.answered_at
    if job.ask_first:
        first = fetch(job.url, pacer, timeout, deadline, tls)
        wait = retry_wait(first.retry_after, first.retry_after_is_date)
        if first.status not in RETRY_CODES or wait is None:
            return first
        since = first.answered_at
    if wait is not None and not _sleep_until(since + wait, deadline - 1):
        return None
    result = fetch(job.url, pacer, timeout, deadline, tls)
    return result if wait is None else replace(result, retried_after=wait)


def read_time_limit(jobs: int, threads: int, timeout: float, retries: int, same_host_repeats: int,
                    rate: float, slack: float = 5) -> float:
    """The most the page read may take: timeout × ⌈jobs ÷ threads⌉, plus the polite spacing of several
    addresses on one site, plus (when anything is retried) the longest Retry-After honoured and a second
    fetch."""
    rounds = -(-max(jobs, 1) // max(threads, 1))
    return (timeout * rounds + same_host_repeats / rate
            + ((MAX_RETRY_AFTER + 2 * timeout) if retries else 0) + slack)


def read_pages(jobs: list[Job], pacer: HostPacer, threads: int, timeout: float, time_limit: float,
               on_result=None, tls: ssl.SSLContext | None = None) -> tuple[dict[str, Fetched], bool]:
    """Run the jobs on `threads` daemon threads until done or `time_limit` seconds have passed. Returns
    {url: Fetched} for the jobs that finished, and whether the time limit stopped the rest."""
    deadline = time.monotonic() + time_limit
    todo: queue.Queue[Job] = queue.Queue()
    for job in jobs:
        todo.put(job)
    results: dict[str, Fetched] = {}
    done = threading.Condition()

    def work():
        while time.monotonic() < deadline:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            result = run_job(job, pacer, timeout, deadline, tls)
            with done:
                if result is not None and time.monotonic() <= deadline:
                    results[job.url] = result
                    if on_result:
                        on_result(result)
                todo.task_done()
                done.notify_all()

    workers = [threading.Thread(target=work, daemon=True) for _ in range(min(threads, len(jobs)))]
    for worker in workers:
        worker.start()
    with done:  # wait for every job, or the time limit, whichever comes first
        done.wait_for(lambda: todo.unfinished_tasks == 0, timeout=max(0.0, deadline - time.monotonic()))
        finished_all = todo.unfinished_tasks == 0
        return dict(results), not finished_all
