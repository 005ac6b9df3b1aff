"""The built site: building it, serving it on 127.0.0.1, and naming its pages as an editor knows them."""
from __future__ import annotations

import functools
import http.server
import re
import os
import subprocess
import sys
import threading
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit


class SiteProblem(RuntimeError):
    """The site could not be built or served."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # progress is printed by the link check, not per request
        pass

    def end_headers(self):
        # linkchecker spaces out requests to each host; a "LinkChecker" header tells it that this
        # host (our own local copy) may be checked at full speed.
        self.send_header("LinkChecker", "local copy of the site")
        super().end_headers()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_SiteHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def default_config(project: Path) -> Path:
    """The configuration `make build` uses: a fork's mkdocs.org.yml when there is one, else mkdocs.yml."""
    own = project / "mkdocs.org.yml"
    return own if own.is_file() else project / "mkdocs.yml"


def build(project: Path, target: Path, config: Path) -> None:
    """`mkdocs build --strict` of `project` into `target`; SiteProblem with mkdocs' own words if it fails."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
               "--config-file", str(config), "--site-dir", str(target)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteProblem(f"could not build the site: {exc}") from None
    if result.returncode != 0:
        output = (result.stderr + result.stdout).strip().splitlines()
        detail = "\n  ".join(output[-15:]) or f"exit status {result.returncode}"
        raise SiteProblem(f"the site does not build (make build shows the same):\n  {detail}")


CANONICAL = re.compile(r"""<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["']([^"'>\s]+)""", re.IGNORECASE)


def public_address(site_dir: Path) -> str | None:
    """The address the built site says it will be published at (its home page's canonical link).

    Pages link to their own public address (rel=canonical); those links are the site's own pages,
    already checked on the local copy, so they are not fetched from the internet as well.
    """
    try:
        match = CANONICAL.search((site_dir / "index.html").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    return match[1] if match else None


def docs_directories(project: Path, config_file: Path) -> list[Path]:
    """Where page sources live: the configuration's docs_dir (a fork's own pages), then docs/."""
    try:
        from mkdocs.utils.yaml import yaml_load  # understands !ENV and INHERIT

        with open(config_file, encoding="utf-8") as handle:
            config = yaml_load(handle) or {}
    except Exception:  # any unreadable configuration: fall back to MkDocs' default
        config = {}
    docs_dir = config.get("docs_dir") if isinstance(config.get("docs_dir"), str) else "docs"
    return list(dict.fromkeys([config_file.parent / docs_dir, project / "docs"]))


def page_name(page_url: str, base_url: str, project: Path, docs_dirs: list[Path]) -> str:
    """The source file behind a served page (docs/about.md), or its path on the site when unknown."""
    path = urlsplit(page_url).path
    base_path = urlsplit(base_url).path
    relative = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
    stem = relative.removesuffix("index.html").strip("/")
    candidates = [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"] if stem else ["index.md", "README.md"]
    for source in (docs_dir / candidate for docs_dir in docs_dirs for candidate in candidates):
        if source.is_file():
            try:
                return source.relative_to(project).as_posix()
            except ValueError:
                return source.as_posix()
    return "/" + relative


class _LinkCollector(HTMLParser):
    """The addresses a page links to or loads (a, area, link, img, script, iframe, source)."""

    ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                  "iframe": "src", "source": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "base" and values.get("href"):
            self.base = values["href"]
        wanted = self.ATTRIBUTES.get(tag)
        if wanted and values.get(wanted):
            self.links.append(values[wanted].strip())


def links_by_page(site_dir: Path, base_url: str) -> dict[str, set[str]]:
    """{absolute address as written (with any #fragment): the served pages that use it}, from the HTML.

    linkchecker reports each address once (on the first page it met it on); this gives every page.
    """
    used: dict[str, set[str]] = defaultdict(set)
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        page_url = urljoin(base_url, relative.removesuffix("index.html"))
        collector = _LinkCollector()
        try:
            collector.feed(html.read_text(encoding="utf-8", errors="replace"))
        except Exception:  # a page the parser cannot read is still crawled by linkchecker
            continue
        for link in collector.links:
            absolute = urljoin(urljoin(page_url, collector.base or ""), link)
            used[absolute].add(page_url)
    return used
