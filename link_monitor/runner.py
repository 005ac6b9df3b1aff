"""Running linkchecker: its settings, its CSV output read as it is written, and a hard time limit.

linkchecker facts this module deals with:
- Run as root it switches to the user `nobody`, so its config and output live in a scratch directory
  everyone can use (mode 0777), never under a private temporary directory.
- It has no JSON output; CSV with a fixed set of columns is parsed instead. Rows are flushed one URL
  at a time, so progress can be printed while it runs.
- Its exit status is 1 for any warning (a redirect, a 429) and it does not retry; the status is only
  used to tell "it ran" (0 or 1) from "it failed" (anything else). Classification is done here.
"""
from __future__ import annotations

import csv
import io
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .classify import CheckResult

CSV_COLUMNS = ("urlname", "parentname", "result", "warningstring", "valid", "url")
SLACK_SECONDS = 10  # set-up allowance on top of timeout × ⌈URLs / threads⌉ (start-up, per-host spacing)


class LinkcheckerFailed(RuntimeError):
    """linkchecker could not be started, or stopped with an error of its own."""


SYSTEM_CERTIFICATES = Path("/etc/ssl/certs/ca-certificates.crt")  # what linkchecker itself picks first


def certificate_file() -> str | None:
    """The certificates that linkchecker and the page read both trust, so they never disagree about a site:
    a file named by REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE or SSL_CERT_FILE, else the system's, else certifi's.
    (linkchecker reads no variable itself; it is given the file in its config.)"""
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"):
        if os.environ.get(name):
            return os.environ[name]
    if SYSTEM_CERTIFICATES.is_file():
        return str(SYSTEM_CERTIFICATES)
    try:
        import certifi  # installed with requests, which linkchecker uses
        return certifi.where()
    except ImportError:
        return None


@dataclass(frozen=True)
class Settings:
    timeout: int = 20  # seconds per connection attempt or read
    threads: int = 10
    rate: float = 2.0  # at most this many requests a second to any one host
    linkchecker: str = ""  # path to the linkchecker program
    certificates: str | None = field(default_factory=certificate_file)  # trusted for https, by both fetches

    @property
    def longest_spacing(self) -> float:
        """linkchecker waits between 1/rate and 6/rate seconds between two requests to one host."""
        return 6 / self.rate

    def time_limit(self, count: int, same_host_repeats: int = 0) -> float:
        """The most a check of `count` URLs may take: timeout × ⌈count / threads⌉, plus set-up (start-up,
        and the polite spacing when several URLs are on one host: `same_host_repeats` is the number of
        URLs beyond the first on their host)."""
        return (self.timeout * math.ceil(max(count, 1) / max(self.threads, 1))
                + same_host_repeats * self.longest_spacing + SLACK_SECONDS)


@dataclass
class Row:
    """One CSV row from linkchecker."""

    urlname: str  # the link as written (absolute for outside links, maybe relative inside the site)
    parent: str  # the page it was found on ("" for URLs we handed over)
    result: str
    warnings: tuple[str, ...]
    url: str  # linkchecker's absolute, normalised URL (after redirects)

    def check_result(self, url: str | None = None) -> CheckResult:
        return CheckResult(url=url or self.urlname, result=self.result, warnings=self.warnings,
                           final_url=self.url)


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    hit_time_limit: bool = False
    seconds: float = 0.0


def find_linkchecker(explicit: str | None = None) -> str:
    """The linkchecker program: the one given, else the one beside this Python, else on PATH."""
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "linkchecker"
    if beside.exists():
        return str(beside)
    return shutil.which("linkchecker") or str(beside)


def _reachable_by_everyone(path: Path) -> bool:
    """True when every directory above `path` lets other users through (so `nobody` can reach it)."""
    for parent in [path, *path.parents]:
        try:
            if not parent.stat().st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    return True


def scratch_directory() -> Path:
    """A fresh directory that linkchecker can use after it has switched to the user `nobody`."""
    candidates = [Path(tempfile.gettempdir()), Path("/tmp"), Path("/var/tmp"), Path.cwd()]
    for base in candidates:
        if base.is_dir() and _reachable_by_everyone(base) and os.access(base, os.W_OK):
            work = Path(tempfile.mkdtemp(prefix="link_monitor-", dir=base))
            work.chmod(0o777)
            return work
    raise LinkcheckerFailed("found no temporary directory that the user 'nobody' can reach "
                            "(linkchecker switches to it when run as root); set TMPDIR to one")


def config_text(settings: Settings, recursive: bool, time_limit: float | None = None) -> str:
    return "\n".join([
        "[checking]",
        # A backstop: should this process die, linkchecker still stops itself at the limit.
        *([f"maxrunseconds={math.ceil(time_limit)}"] if time_limit else []),
        f"threads={settings.threads}",
        f"timeout={settings.timeout}",
        f"maxrequestspersecond={settings.rate}",
        f"recursionlevel={-1 if recursive else 0}",
        # One GET per listed address, like a reader following the link: robots.txt is for crawlers, and
        # fetching it would double the requests (and the waiting) for every host.
        "robotstxt=0",
        "aborttimeout=2",
        *([f"sslverify={settings.certificates}"] if settings.certificates else []),
        "",
        "[filtering]",
        "checkextern=0",
        "",
        "[csv]",
        f"parts={','.join(CSV_COLUMNS)}",
        "",
    ])


def parse_rows(text: str, complete: bool) -> list[Row]:
    """Rows from linkchecker's CSV; while it is still writing, a last unfinished row is left out."""
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";", quotechar='"')
    header: list[str] | None = None
    try:
        for fields in reader:
            if not fields or fields[0].startswith("#"):
                continue
            if header is None:
                header = fields
                continue
            values = dict(zip(header, fields))
            if "urlname" not in values:
                continue
            warnings = tuple(line for line in values.get("warningstring", "").splitlines() if line.strip())
            rows.append(Row(urlname=values.get("urlname", ""), parent=values.get("parentname", ""),
                            result=values.get("result", ""), warnings=warnings, url=values.get("url", "")))
    except csv.Error:
        complete = False
    if rows and not complete and not text.endswith(("\n", "\r")):
        rows.pop()
    return rows


def child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", LANGUAGE="C", PYTHONIOENCODING="utf-8")
    # Never send the local site through a proxy.
    for name in ("NO_PROXY", "no_proxy"):
        env[name] = ",".join(filter(None, [env.get(name, ""), "127.0.0.1", "localhost"]))
    return env


def _stop(process: subprocess.Popen) -> None:
    """Stop linkchecker and everything it started."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 2), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except (ProcessLookupError, PermissionError):
            process.kill() if sig == signal.SIGKILL else process.terminate()
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_linkchecker(settings: Settings, *, urls: list[str] | None = None, start: str | None = None,
                    time_limit: float, on_row: Callable[[Row], None] | None = None,
                    poll_seconds: float = 0.2) -> Outcome:
    """Check `urls` (each on its own, no crawling) or crawl the site at `start` (outside links are
    listed, not fetched). Rows are passed to `on_row` as they arrive; after `time_limit` seconds
    linkchecker is stopped and the rows so far are returned with hit_time_limit set."""
    program = settings.linkchecker or find_linkchecker()
    if not Path(program).exists() and not shutil.which(program):
        raise LinkcheckerFailed(f"linkchecker is not installed ({program} not found); run `make linkcheck`, "
                                "which installs it from uv.lock")
    work = scratch_directory()
    try:
        config = work / "linkcheckerrc"
        config.write_text(config_text(settings, recursive=start is not None, time_limit=time_limit + 5), encoding="utf-8")
        config.chmod(0o644)
        output = work / "results.csv"
        errors_path = work / "stderr.txt"
        command = [program, "--config", str(config), "--no-status", "--verbose", "--output", "none",
                   "--file-output", f"csv/utf-8/{output}"]
        command += [start] if start else ["--stdin"]
        began = time.monotonic()
        with open(errors_path, "wb") as errors:
            try:
                process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=errors, env=child_environment(), start_new_session=True)
            except OSError as exc:
                raise LinkcheckerFailed(f"could not start linkchecker ({program}): {exc.strerror or exc}") from None
            outcome = Outcome()
            try:
                if process.stdin:
                    try:
                        process.stdin.write("".join(f"{url}\n" for url in urls or []).encode("utf-8"))
                        process.stdin.close()
                    except BrokenPipeError:
                        pass
                seen = 0
                while True:
                    finished = process.poll() is not None
                    text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
                    outcome.rows = parse_rows(text, complete=finished)
                    if on_row:
                        for row in outcome.rows[seen:]:
                            on_row(row)
                    seen = len(outcome.rows)
                    if finished:
                        break
                    if time.monotonic() - began > time_limit:
                        outcome.hit_time_limit = True
                        _stop(process)
                        text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
                        outcome.rows = parse_rows(text, complete=False)
                        if on_row:
                            for row in outcome.rows[seen:]:
                                on_row(row)
                        break
                    time.sleep(poll_seconds)
            finally:
                _stop(process)
        outcome.seconds = time.monotonic() - began
        if not outcome.hit_time_limit and process.returncode not in (0, 1):
            messages = [line for line in errors_path.read_text(encoding="utf-8", errors="replace").splitlines()
                        if line.strip() and "dropping privileges" not in line]
            detail = "\n  ".join(messages[-8:]) or "no message"
            raise LinkcheckerFailed(f"linkchecker stopped with exit status {process.returncode}:\n  {detail}")
        return outcome
    finally:
        shutil.rmtree(work, ignore_errors=True)
