"""`python -m link_monitor`: check every link, keep the history, write the reports.

Exit status (this command's; `make linkcheck` calls it, but make turns any failure into 2):
  0  nothing needs a person (some links may be transient, redirected, or accepted by an editor)
  1  something needs a person: a dead address (failed in two runs in a row), a broken link inside the
     site, or an address that needs review (it may no longer lead where its card says)
  2  the check itself could not run; the history file and the reports were left as they were
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from safeguarding_site.accepted_links import acceptance_problems, known_addresses
from safeguarding_site.errors import DataErrors
from safeguarding_site.link_history import LinkState, StateFileError, read_state
from safeguarding_site.loading import load_site_data, markup_notices, read_accepted_links
from safeguarding_site.models import AcceptedLink
from safeguarding_site.yaml_source import YamlSource

from . import site as site_module
from .classify import Observation, advance, classify, same_address
from .files import save_state, write_atomically
from .moves import find_moves
from .pages import read_addresses
from .report import RunSummary, SiteLink, as_json, markdown
from .review import review
from .runner import LinkcheckerFailed, Row, Settings, find_linkchecker, run_linkchecker

OK, NEEDS_A_PERSON, CANNOT_RUN = 0, 1, 2
# When at least this many different sites were tried and not one of them answered at all, the
# checker's own network is down: recording that would turn every link "dead" after two such runs.
NETWORK_DOWN_MIN_HOSTS = 5
INTERNAL_RATE = 100.0  # requests a second to the local copy of the site


class CannotRun(RuntimeError):
    """The check could not run; the message says why and what to do."""


@dataclass
class Target:
    """A web address to check, and where it is used."""

    sources: set[str] = field(default_factory=set)  # resource ids / data paths / list labels
    pages: set[str] = field(default_factory=set)  # pages that link to it


def say(message: str = "") -> None:
    print(message, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m link_monitor",
        description="Check every web address in data/ and every link in the built site with linkchecker; "
                    "keep the history in data/linkcheck-state.json and write linkcheck-report.md/.json. "
                    "Exit 0: nothing needs a person; 1: something is dead or needs review; 2: the check could "
                    "not run.")
    parser.add_argument("--project", type=Path, default=Path("."),
                        help="the project folder (with mkdocs.yml and data/); default: the current folder")
    parser.add_argument("--pages", type=Path, action="append", help="a folder of the pages' sources, to name the"
                        " page a link is on (repeat it; default: PROJECT/org/docs when it exists, then PROJECT/docs)")
    parser.add_argument("--data", type=Path, help="the data folder; default: PROJECT/data")
    parser.add_argument("--urls", type=Path, help="check the addresses in this file instead of the data's "
                        "(one per line: 'URL' or 'NAME URL'; '#' starts a comment)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--site", type=Path, help="the built site to check (`make linkcheck` builds one with "
                       "mkdocs_adapter.engine and passes it here)")
    where.add_argument("--no-site", action="store_true", help="check only the addresses, not the pages")
    parser.add_argument("--state", type=Path, help="history file; default: DATA/linkcheck-state.json")
    parser.add_argument("--accepted", type=Path, help="the addresses a person has checked by hand; default: "
                        "DATA/accepted-links.yml")
    parser.add_argument("--report-md", type=Path, help="default: PROJECT/linkcheck-report.md")
    parser.add_argument("--report-json", type=Path, help="default: PROJECT/linkcheck-report.json")
    parser.add_argument("--timeout", type=int, default=20, help="seconds to wait for each connection or "
                        "answer (default 20)")
    parser.add_argument("--threads", type=int, default=10, help="addresses checked at once (default 10)")
    parser.add_argument("--rate", type=float, default=2.0, help="at most this many requests a second to "
                        "any one site (default 2)")
    parser.add_argument("--today", type=date.fromisoformat, help="the date to record (YYYY-MM-DD); "
                        "default: today")
    parser.add_argument("--linkchecker", help="the linkchecker program (default: the one in this "
                        "Python's environment)")
    args = parser.parse_args(argv)
    if args.timeout < 1:
        parser.error("--timeout must be at least 1 second")
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if args.rate <= 0:
        parser.error("--rate must be more than 0")
    args.project = args.project.resolve()
    args.pages = [folder.resolve() for folder in args.pages] if args.pages else site_module.page_folders(args.project)
    args.data = (args.data or args.project / "data")
    args.state = args.state or args.data / "linkcheck-state.json"
    args.accepted = args.accepted or args.data / "accepted-links.yml"
    args.report_md = args.report_md or args.project / "linkcheck-report.md"
    args.report_json = args.report_json or args.project / "linkcheck-report.json"
    args.today = args.today or date.today()
    return args


def read_url_list(path: Path) -> dict[str, Target]:
    """Addresses from a plain list: 'URL' or 'NAME URL' per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CannotRun(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    targets: dict[str, Target] = defaultdict(Target)
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
        if not words:
            continue
        if len(words) > 2 or urlsplit(words[-1]).scheme not in ("http", "https") or not urlsplit(words[-1]).netloc:
            raise CannotRun(f"{path}, line {number}: expected 'URL' or 'NAME URL' with an http(s) address, "
                            f"found {line.strip()!r}")
        target = targets[words[-1]]
        if len(words) == 2:
            target.sources.add(words[0])
    return dict(targets)


def _label(args: argparse.Namespace, path: Path) -> str:
    """A path as an editor knows it: data/accepted-links.yml rather than /home/.../data/accepted-links.yml."""
    try:
        return path.resolve().relative_to(args.project).as_posix()
    except ValueError:
        return str(path)


@dataclass
class Acceptances:
    """The acceptance file as read: its source (for lines in messages), its entries, and whether every
    entry must name an address this run checks (not when a list of addresses replaces the data's, and
    the data's own acceptances come along)."""

    label: str
    source: YamlSource | None = None
    entries: list[AcceptedLink] = field(default_factory=list)
    check_addresses: bool = True

    def by_url(self) -> dict[str, AcceptedLink]:
        return {entry.url: entry for entry in self.entries}


def data_targets(args: argparse.Namespace) -> tuple[dict[str, Target], Acceptances]:
    """The addresses to check, and the acceptances for them."""
    label = _label(args, args.accepted)
    own_file = args.accepted.resolve() != (args.data / "accepted-links.yml").resolve()
    try:
        if args.urls:
            source, entries = read_accepted_links(args.accepted, label)
            return read_url_list(args.urls), Acceptances(label, source, entries, check_addresses=own_file)
        data = load_site_data(args.data, label_prefix=_label(args, args.data))
        source, entries = data.sources.get("accepted-links"), data.accepted_links
        if own_file:
            source, entries = read_accepted_links(args.accepted, label)
    except DataErrors as errors:
        raise CannotRun(f"{errors}\nFix the data first (make build shows the same problems).") from None
    targets: dict[str, Target] = defaultdict(Target)
    for source_name, url in data.urls():
        targets[url].sources.add(source_name)
    return dict(targets), Acceptances(label, source, entries)


def check_acceptances(args: argparse.Namespace, acceptances: Acceptances, targets: dict[str, Target]) -> list[str]:
    """Notices about the acceptance file (an acceptance that has ended, HTML in it); CannotRun for an entry
    naming an address this run does not check, or checked on a day still to come."""
    if acceptances.source is None:
        return []
    known = None
    if acceptances.check_addresses:
        known = known_addresses(targets, None if args.urls else args.project)
    errors, notices = acceptance_problems(acceptances.source, acceptances.entries, args.today, known)
    if errors:
        raise CannotRun(f"{DataErrors(errors, where=acceptances.label)}\nFix the data first (make build shows the"
                        " same problems).")
    return markup_notices(acceptances.source) + notices


def round_robin(urls: list[str]) -> list[str]:
    """Interleave hosts, so requests to one site are spread out rather than bunched together."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(urls):
        by_host[urlsplit(url).netloc.lower()].append(url)
    return [url for batch in zip_longest(*by_host.values()) for url in batch if url]


def check_site(args, settings: Settings, site_dir: Path) -> tuple[list[SiteLink], dict[str, set[str]], bool]:
    """Crawl the local copy: every link inside it is fetched; outside links are collected, not fetched."""
    site_url = site_module.public_address(site_dir)
    docs_dirs = args.pages
    files = sum(1 for path in site_dir.rglob("*") if path.is_file())
    inside: dict[str, SiteLink] = {}
    outside: dict[str, set[str]] = defaultdict(set)
    with site_module.serve(site_dir) as base:
        say(f"Checking links inside the site (a local copy served at {base})")
        local = Settings(timeout=settings.timeout, threads=settings.threads, rate=INTERNAL_RATE,
                         linkchecker=settings.linkchecker)
        progress = {"rows": 0}

        def on_row(row: Row) -> None:
            progress["rows"] += 1
            if progress["rows"] % 50 == 0:
                say(f"  {progress['rows']} links looked at so far")

        outcome = run_linkchecker(local, start=base, time_limit=local.time_limit(files), on_row=on_row)
        used = site_module.links_by_page(site_dir, base)
        used_without_fragment: dict[str, set[str]] = defaultdict(set)
        for address, pages in used.items():
            used_without_fragment[urldefrag(address)[0]] |= pages

        def own_public_page(address: str) -> bool:
            """A link to the site's own published address (canonical links): checked here, locally."""
            return bool(site_url) and (address == site_url or address.startswith(site_url.rstrip("/") + "/"))

        def pages_using(address: str, found_on: str, any_fragment: bool = False) -> set[str]:
            found = used_without_fragment.get(urldefrag(address)[0]) if any_fragment else used.get(address)
            pages = (found or set()) | ({found_on} if found_on else set())
            return {site_module.page_name(page, base, args.project, docs_dirs) for page in pages}

        for row in outcome.rows:
            parent = row.parent or base
            absolute = urljoin(parent, row.urlname.strip())
            scheme = urlsplit(absolute).scheme.lower()
            if absolute.startswith(base):
                path = "/" + urldefrag(absolute)[0][len(base):]
                seen = classify(row.check_result(absolute))
                ok = seen.kind in ("ok", "redirected")
                link = inside.setdefault(path, SiteLink(link=path, pages=[], status="ok" if ok else "dead",
                                                        http_code=seen.http_code, error=seen.error))
                link.pages = sorted(set(link.pages) | pages_using(absolute, row.parent, any_fragment=True))
            elif scheme in ("http", "https"):
                if not own_public_page(absolute):
                    outside[absolute] |= pages_using(absolute, row.parent)
        # Links to other sites that linkchecker did not list (it lists each address once) are still
        # links in the pages: add them, so every outside link is checked.
        for address in used:
            if urlsplit(address).scheme in ("http", "https") and not address.startswith(base) \
                    and not own_public_page(address):
                outside[address] |= pages_using(address, "")
    links = sorted(inside.values(), key=lambda link: (link.status != "dead", link.link))
    broken = [link for link in links if link.status == "dead"]
    say(f"  {len(links)} links inside the site: {len(links) - len(broken)} work, {len(broken)} broken"
        + ("" if not outcome.hit_time_limit else " (stopped at the time limit)"))
    for link in broken:
        say(f"  broken: {link.link} ({link.error}) on {', '.join(link.pages) or 'the home page'}")
    say(f"  {len(outside)} links to other sites found in the pages")
    return links, outside, outcome.hit_time_limit


def progress_line(index: int, total: int, url: str, seen: Observation) -> str:
    width = len(str(total))
    detail = ""
    if seen.kind == "redirected":
        detail = f" → {seen.redirect}"
    elif seen.kind in ("transient", "broken"):
        detail = f" ({seen.error})"
    label = "failed" if seen.kind == "broken" else seen.kind
    return f"  [{index:>{width}}/{total}] {label:<10} {url}{detail}"


def check_addresses(targets: dict[str, Target], settings: Settings,
                    answered_at: dict[str, float]) -> tuple[dict[str, Observation], bool, float]:
    """linkchecker's verdict on each address; `answered_at` gets the moment each answer was seen."""
    urls = round_robin(list(targets))
    hosts = {urlsplit(url).netloc.lower() for url in urls}
    limit = settings.time_limit(len(urls), same_host_repeats=len(urls) - len(hosts))
    say(f"Checking {len(urls)} web addresses (timeout {settings.timeout} s, {settings.threads} at a time, "
        f"at most {settings.rate:g} requests a second to any one site; stops after {limit:.0f} s at most)")
    observations: dict[str, Observation] = {}

    def on_row(row: Row) -> None:
        url = row.urlname if row.urlname in targets else next(
            (candidate for candidate in urls if candidate not in observations
             and same_address(candidate, row.urlname)), None)  # in case linkchecker tidied the address
        if url is not None and url not in observations:
            observations[url] = classify(row.check_result(url))
            answered_at[url] = time.monotonic()
            say(progress_line(len(observations), len(urls), url, observations[url]))

    outcome = run_linkchecker(settings, urls=urls, time_limit=limit, on_row=on_row)
    if urls and not observations:
        if outcome.hit_time_limit:
            raise CannotRun(f"no address was checked within the time limit ({limit:.0f} s)")
        raise CannotRun("linkchecker finished without reporting on any address")
    missing = [url for url in urls if url not in observations]
    why = "not reached before the time limit" if outcome.hit_time_limit else "linkchecker gave no result for it"
    if missing:
        say(f"  {len(missing)} addresses were not checked ({why}); they keep their earlier status")
    for url in missing:
        observations[url] = Observation("unchecked", error=why)
    return observations, outcome.hit_time_limit, outcome.seconds


def network_looks_down(observations: dict[str, Observation]) -> str | None:
    """A reason when not one of several sites answered at all (so the fault is ours, not theirs)."""
    tried = {url: seen for url, seen in observations.items() if seen.kind != "unchecked"}
    hosts = {urlsplit(url).hostname for url in tried}
    if len(hosts) < NETWORK_DOWN_MIN_HOSTS or any(seen.http_code is not None for seen in tried.values()):
        return None
    reasons = sorted({seen.error or "no answer" for seen in tried.values()})
    return (f"not one of the {len(hosts)} sites tried gave any answer ({'; '.join(reasons)}). "
            "The checker's own network or name lookup looks broken, so nothing was recorded; "
            "run the check again when it is back")


def run(args: argparse.Namespace) -> int:
    started = time.monotonic()
    try:
        state = read_state(args.state)
    except StateFileError as exc:
        raise CannotRun(f"the link history cannot be used: {exc}.\nIt was left as it is. Restore it from git "
                        f"(git checkout -- {args.state}) or delete it to start the history afresh.") from None
    if not os.access(args.state.parent if args.state.parent.exists() else args.project, os.W_OK):
        raise CannotRun(f"cannot write the link history in {args.state.parent}")
    settings = Settings(timeout=args.timeout, threads=args.threads, rate=args.rate,
                        linkchecker=find_linkchecker(args.linkchecker))
    targets, accepted = data_targets(args)
    say(f"Link check, {args.today.isoformat()}: {len(targets)} web addresses from "
        f"{args.urls or 'the data'}; history in {args.state}")

    site_links: list[SiteLink] = []
    hit_limit = False
    if not args.no_site:
        if not (args.site / "index.html").is_file():
            raise CannotRun(f"{args.site} is not a built site (it has no index.html); run `make build`")
        site_links, outside, hit_limit = check_site(args, settings, args.site)
        for url, pages in outside.items():
            targets.setdefault(url, Target()).pages.update(pages)
    notices = check_acceptances(args, accepted, targets)
    for notice in notices:
        say(f"  note: {notice}")
    acceptances = accepted.by_url()
    answered_at: dict[str, float] = {}
    observations, address_limit, _ = check_addresses(targets, settings, answered_at) if targets else ({}, False, 0.0)
    hit_limit = hit_limit or address_limit
    reason = network_looks_down(observations)
    if reason:
        raise CannotRun(reason)
    reads, observations, read_limit = read_addresses(observations, answered_at, settings, say=say)
    hit_limit = hit_limit or read_limit

    new_state = LinkState(last_run=args.today, links={
        url: review(url, advance(state.links.get(url), observations[url], args.today, sorted(target.sources),
                                 sorted(target.pages)),
                    state.links.get(url), reads.get(url), acceptances.get(url), args.today)
        for url, target in targets.items()})
    for url, record in sorted(new_state.links.items()):
        if record.status == "needs-review":
            say(f"  needs review: {url}: {'; '.join(reason.detail for reason in record.review)}")
    try:
        save_state(args.state, new_state)
    except OSError as exc:
        raise CannotRun(f"could not write the link history {args.state}: {exc.strerror or exc}; "
                        "the previous history is unchanged") from None
    # Permanent moves to the same page, with the evidence (`upkeep link-fixes` changes them in data/).
    moves = find_moves(new_state, reads, args.today)
    for move in moves.fixable:
        say(f"  moved for good to the same page: {move.url} → {move.new_url}")
    summary = RunSummary(today=args.today, state=new_state, moves=moves,
                         checked={url for url, seen in observations.items() if seen.kind != "unchecked"},
                         site_links=site_links, seconds=time.monotonic() - started, hit_time_limit=hit_limit,
                         url_list=str(args.urls) if args.urls else None, accepted_file=accepted.label, notices=notices,
                         settings={"timeout": settings.timeout, "threads": settings.threads,
                                   "rate": settings.rate})
    try:
        write_atomically(args.report_md, markdown(summary))
        write_atomically(args.report_json, as_json(summary))
    except OSError as exc:
        raise CannotRun(f"the history was saved, but a report could not be written: {exc}") from None
    counts = summary.counts()
    say(f"Result: {counts['dead']} dead, {counts['needs-review']} needs review, {counts['transient']} transient, "
        f"{counts['redirected']} redirected, "
        f"{counts['ok']} ok" + (f"; {counts['dead_site_links']} broken links inside the site"
                                if site_links else "")
        + f" ({summary.seconds:.0f} s).")
    say(f"Reports: {args.report_md}, {args.report_json}. History: {args.state}")
    return NEEDS_A_PERSON if summary.needs_a_person else OK


def _terminate(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return run(args)
    except (CannotRun, LinkcheckerFailed, site_module.SiteProblem) as exc:
        print(f"Link check could not run: {exc}", file=sys.stderr, flush=True)
        return CANNOT_RUN
    except KeyboardInterrupt:
        print("Link check stopped before the end; the history and the reports were left as they were.",
              file=sys.stderr, flush=True)
        return CANNOT_RUN
    except Exception:  # a bug here must not look like "something is dead" (Python's own exit status 1)
        traceback.print_exc()
        print("Link check could not run: the error above is a fault in link_monitor itself; the history "
              "and the reports were left as they were.", file=sys.stderr, flush=True)
        return CANNOT_RUN
    finally:
        signal.signal(signal.SIGTERM, previous)
