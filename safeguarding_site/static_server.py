"""Serve a built site from a folder on 127.0.0.1, as a static host would: for the link check, the
tests, `make check` and `make bench` (which ask for gzip, as GitHub Pages sends it, and read what the
server sent: `RunningServer.sent`)."""
from __future__ import annotations

import functools
import gzip as gzip_module
import http.server
import io
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@dataclass(frozen=True)
class Sent:
    """One answer the server gave: the address asked for, the bytes of its body as sent, its status."""

    path: str
    size: int
    status: int


class _Handler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    use_gzip = False
    sent: list[Sent] = []
    arrived: threading.Condition = threading.Condition()
    _status = 0

    def log_message(self, *args):  # quiet: callers report what matters
        pass

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length" and self.command == "GET":
            with self.arrived:
                self.sent.append(Sent(self.path, int(value), self._status))
                self.arrived.notify_all()
        super().send_header(keyword, value)

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        if not self.use_gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or not content_type.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip_module.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@dataclass
class RunningServer:
    url: str  # e.g. http://127.0.0.1:41234/
    server: http.server.ThreadingHTTPServer
    sent: list[Sent]  # every answer to a GET, in order: what a visit downloaded, as the host sent it
    arrived: threading.Condition  # notified as each answer is added to `sent`

    def wait_for(self, wanted: Callable[[Sent], bool], since: int = 0, timeout: float = 30) -> bool:
        """Wait until the server has given an answer, from the `since`-th on, that is `wanted`; False once
        `timeout` seconds pass without one."""
        with self.arrived:
            return self.arrived.wait_for(lambda: any(wanted(answer) for answer in self.sent[since:]), timeout)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start(directory: Path, *, gzip: bool = False, headers: dict[str, str] | None = None, host: str = "127.0.0.1",
          port: int = 0) -> RunningServer:
    """Serve `directory` on `port` (a free one by default) of `host` in a background thread, until stop()."""
    sent: list[Sent] = []
    arrived = threading.Condition()
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers or {}), "use_gzip": gzip, "sent": sent,
                                            "arrived": arrived})
    server = http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="static-server", daemon=True).start()
    shown = f"[{host}]" if ":" in host else host
    return RunningServer(f"http://{shown}:{server.server_address[1]}/", server, sent, arrived)


@contextmanager
def serve(directory: Path, *, gzip: bool = False, headers: dict[str, str] | None = None) -> Iterator[str]:
    """`start`, as a `with` block that yields the address and stops the server at the end."""
    running = start(directory, gzip=gzip, headers=headers)
    try:
        yield running.url
    finally:
        running.stop()
