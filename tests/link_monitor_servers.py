"""Local web servers that misbehave on purpose, for the link check tests (127.0.0.1 only)."""
from __future__ import annotations

import email.utils
import http.server
import math
import socket
import struct
import threading
import time
from collections import Counter

import pytest

import link_monitor_pages as pages


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """/ok 200, /moved 301→/ok, /found 302→/ok, /loop 302 loop, /missing 404, /gone 410,
    /busy 429 + Retry-After, /error 500, /unavailable 503, /hang never answers, /reset drops.

    Pages that look like the real thing (link_monitor_pages), all status 200 unless said: /guide a resource
    page, /changing one whose title and heading change when `server.version` is 1, /soft-404 and
    /soft-404-text "not found" pages, /for-sale and /parked domains, /elsewhere 301 to another host name
    (localhost), /slow-down 429 with Retry-After: 1 then 200 (turn about), /maintenance 503 with
    Retry-After: 1 twice then 200, /challenge a Cloudflare 403 challenge, /bot-wall 999, /huge 1 MiB of comment before its
    <title>, /hang-second 200
    once, then never answers. `server.hits` counts the requests for each path.

    More, for what a plain link checker calls fine: /slow-down-date and /maintenance-date ask (429, 503)
    to wait until an HTTP date two seconds ahead and answer 200 from then on, once; /challenge-200 is a
    Cloudflare challenge sent with status 200; /refresh-away sends a reader on to another host name by a
    meta refresh; /title-only changes its title but not its heading when `server.version` is 1;
    /leaflet.pdf is a PDF, and a web page when `server.version` is 1; /old-page forwards to the home
    page (/) when `server.version` is 1; /hostile is a "not found" page whose title tries to be HTML,
    a Markdown link and a mention.

    Moves, for the link fixes (link_monitor.moves): when `server.version` is 1, /moving-guide forwards for good
    (301) to /guide-2026 (the same page at its new address), /moving-guide-308 too (308), /moving-for-now
    forwards for now (302) to /guide-2026, and /moving-to-camps forwards for good to /camps, another page;
    before that, each is the resource page itself."""

    def log_message(self, *args):
        pass

    def answer(self, code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(code)
        headers = dict(headers or {})
        for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[path] += 1
            hit = self.server.hits[path]
        if path == "/hang" or (path == "/hang-second" and hit > 1):
            self.server.stop.wait(30)  # longer than any timeout used here; released at shutdown
            return
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        routes = {
            "/ok": (200, {}), "/moved": (301, {"Location": "/ok"}), "/found": (302, {"Location": "/ok"}),
            "/loop": (302, {"Location": "/loop-back"}), "/loop-back": (302, {"Location": "/loop"}),
            "/gone": (410, {}), "/busy": (429, {"Retry-After": "120"}), "/error": (500, {}),
            "/unavailable": (503, {}),
        }
        if path in getattr(self.server, "redirects", {}):
            self.answer(301, {"Location": self.server.redirects[path]})
            return
        if path in self.realistic():
            code, headers, body = self.realistic()[path](hit)
            self.answer(code, headers, body.encode("utf-8"))
            return
        code, headers = routes.get(path, (404, {}))
        self.answer(code, headers, b"<!doctype html><title>t</title><p>page</p>" if code == 200 else b"")

    def realistic(self) -> dict:
        port = self.server.server_address[1]
        changed = getattr(self.server, "version", 0) == 1
        return {
            "/guide": lambda hit: (200, {}, pages.resource_page()),
            "/hang-second": lambda hit: (200, {}, pages.resource_page()),
            "/changing": lambda hit: (200, {}, pages.resource_page(
                "Summer holiday camps 2026 | Example Leisure", "Book a summer camp") if changed
                else pages.resource_page()),
            "/soft-404": lambda hit: (200, {}, pages.SOFT_404),
            "/soft-404-text": lambda hit: (200, {}, pages.SOFT_404_IN_TEXT),
            "/for-sale": lambda hit: (200, {}, pages.FOR_SALE),
            "/parked": lambda hit: (200, {}, pages.PARKED),
            "/elsewhere": lambda hit: (301, {"Location": f"http://localhost:{port}/casino"}, ""),
            "/casino": lambda hit: (200, {}, pages.OTHER_SITE),
            "/slow-down": lambda hit: (429, {"Retry-After": "1"}, "") if hit % 2 else (200, {}, pages.resource_page()),
            "/maintenance": lambda hit: (503, {"Retry-After": "1"}, "") if hit % 3 else
            (200, {}, pages.resource_page()),
            "/challenge": lambda hit: (403, pages.CLOUDFLARE_HEADERS, pages.CLOUDFLARE_CHALLENGE),
            "/bot-wall": lambda hit: (999, {}, pages.BOT_WALL),
            "/huge": lambda hit: (200, {}, pages.HUGE),
            "/": lambda hit: (200, {}, pages.HOME),
            "/slow-down-date": lambda hit: self.wait_until_date(429),
            "/maintenance-date": lambda hit: self.wait_until_date(503),
            "/challenge-200": lambda hit: (200, pages.CLOUDFLARE_HEADERS, pages.CLOUDFLARE_CHALLENGE),
            "/refresh-away": lambda hit: (200, {}, pages.refreshing_page(f"http://localhost:{port}/casino")),
            "/title-only": lambda hit: (200, {}, pages.resource_page(
                "Summer holiday camps 2026 | Example Leisure") if changed else pages.resource_page()),
            "/leaflet.pdf": lambda hit: (200, {}, pages.resource_page("Welcome | Example Trust", "Welcome"))
            if changed else (200, {"Content-Type": "application/pdf"}, pages.PDF),
            "/old-page": lambda hit: (301, {"Location": "/"}, "") if changed else (200, {}, pages.resource_page()),
            "/hostile": lambda hit: (200, {}, pages.HOSTILE),
            "/guide-2026": lambda hit: (200, {}, pages.resource_page()),
            "/camps": lambda hit: (200, {}, pages.resource_page("Summer holiday camps 2026 | Example Leisure",
                                                                "Book a summer camp")),
            "/moving-guide": lambda hit: self.moved(changed, 301, "/guide-2026"),
            "/moving-guide-308": lambda hit: self.moved(changed, 308, "/guide-2026"),
            "/moving-for-now": lambda hit: self.moved(changed, 302, "/guide-2026"),
            "/moving-to-camps": lambda hit: self.moved(changed, 301, "/camps"),
        }

    @staticmethod
    def moved(changed: bool, code: int, target: str) -> tuple[int, dict, str]:
        """The resource page, or (once `changed`) a redirect with `code` to `target`."""
        return (code, {"Location": target}, "") if changed else (200, {}, pages.resource_page())

    def wait_until_date(self, code: int) -> tuple[int, dict, str]:
        """`code` with a Retry-After two seconds ahead, as an HTTP date, until then; 200 once after it."""
        with self.server.lock:
            until = getattr(self.server, "until", None)
            now = time.time()
            if until is None:
                until = self.server.until = math.ceil(now) + 2
            if now < until:
                return code, {"Retry-After": email.utils.formatdate(until, usegmt=True)}, ""
            self.server.until = None
            return 200, {}, pages.resource_page()


def start_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    server.stop = threading.Event()
    server.hits = Counter()
    server.lock = threading.Lock()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def stop_server(server) -> None:
    server.stop.set()
    server.shutdown()
    server.server_close()


class Web:
    """`web("missing")` is a URL for that route. Each route gets a server (a host, to linkchecker) of
    its own, so linkchecker's polite spacing of requests to one host does not slow the tests down."""

    def __init__(self):
        self.servers: dict[str, tuple] = {}

    def __call__(self, route: str) -> str:
        if route not in self.servers:
            self.servers[route] = start_server()
        return f"{self.servers[route][1]}/{route}"

    def server(self, route: str):
        """The server behind `web(route)`."""
        self(route)
        return self.servers[route][0]

    def close(self) -> None:
        for server, _ in self.servers.values():
            stop_server(server)


@pytest.fixture(scope="module")
def web():
    pool = Web()
    yield pool
    pool.close()


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections to it are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
