"""Local web servers that misbehave on purpose, for the link check tests (127.0.0.1 only)."""
from __future__ import annotations

import http.server
import socket
import struct
import threading

import pytest


class Misbehaving(http.server.BaseHTTPRequestHandler):
    """/ok 200, /moved 301→/ok, /found 302→/ok, /loop 302 loop, /missing 404, /gone 410,
    /busy 429 + Retry-After, /error 500, /unavailable 503, /hang never answers, /reset drops."""

    def log_message(self, *args):
        pass

    def answer(self, code: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/hang":
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
        code, headers = routes.get(path, (404, {}))
        self.answer(code, headers, b"<!doctype html><title>t</title><p>page</p>" if code == 200 else b"")


def start_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    server.stop = threading.Event()
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
