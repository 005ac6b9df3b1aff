"""The built site: serving it on 127.0.0.1, and naming its pages as an editor knows them.

The site is built before the check (`make linkcheck` asks mkdocs_adapter.engine for it); the link
check never builds it itself, so it depends on the site's core and on no site engine.
"""
from __future__ import annotations

import re
from collections import defaultdict
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit

from safeguarding_site import static_server


class SiteProblem(RuntimeError):
    """The built site cannot be used."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 for the duration; yields the base URL. linkchecker spaces out
    requests to each host; a "LinkChecker" header tells it that this one (our own local copy) may be
    checked at full speed."""
    with static_server.serve(directory, headers={"LinkChecker": "local copy of the site"}) as url:
        yield url


def page_folders(project: Path, overlay: str = "org") -> list[Path]:
    """Where the pages' sources live: an organisation's own pages first (org/docs/), then docs/."""
    return [folder for folder in (project / overlay / "docs", project / "docs") if folder.is_dir()]


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
