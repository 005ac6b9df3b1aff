#!/usr/bin/env python3
"""Lighthouse scores for each page type, as `make bench` prints them.

Builds the site (strict), serves it on 127.0.0.1 with gzip as any static host would, and runs the
Lighthouse pinned in package.json (installed with `npm ci` when missing) in Debian's Chromium with
Lighthouse's mobile settings: a mid-range phone on a slow 4G connection. Each page is measured
RUNS times (default 3) and the median kept. Prints performance and accessibility scores (0-1) and
the timings behind the performance score. The aim is 1.00 for both.

    python scripts/bench_lighthouse.py            # every page type
    RUNS=1 python scripts/bench_lighthouse.py     # quicker, noisier
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs_adapter import engine
from safeguarding_site import static_server

ROOT = engine.PROJECT
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
PAGE_TYPES = {"home": "", "guidance": "good-practice/", "tips": "tips/", "resources": "resources/",
              "about": "about/", "review plan": "review/", "worksheet": "guidelines-worksheet/"}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT",
           "cumulative-layout-shift": "CLS", "speed-index": "SI"}
def ensure_lighthouse() -> None:
    """Install the locked node packages (package-lock.json) when Lighthouse is not there yet; any
    problem is one line saying what is missing, never a traceback."""
    if LIGHTHOUSE.exists():
        return
    for program in ("node", "npm"):
        if not shutil.which(program):
            sys.exit(f"bench: Lighthouse needs Node.js 18.16 or later and npm, and {program} is missing:"
                     " run `make node` (Debian's nodejs and npm) or install them yourself")
    print("installing Lighthouse from package-lock.json (npm ci)...", flush=True)
    result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode:
        said = [line.removeprefix("npm error ") for line in result.stderr.splitlines() if line.startswith("npm error ")]
        said = [line for line in said if line.strip() and not line.startswith(" ")
                and not re.match(r"(code|errno|syscall) ", line)]
        sys.exit(f"bench: npm ci could not install Lighthouse: {said[0] if said else 'run it yourself to see why'}")


def load() -> str:
    """The machine's load averages (1, 5, 15 minutes) and how many CPUs it has."""
    return f"{' '.join(f'{value:.1f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs"


ENGINES = [name for name in os.environ.get("ENGINES", "mkdocs,zensical").split(",") if name]  # side by side


def build(site: Path, site_engine: str = "mkdocs") -> None:
    result = engine.build(ROOT, site, os.environ.get("CONFIG") or None, engine=site_engine)
    if not result.ok:
        sys.exit("bench: the site does not build: " + " ".join(result.problems or ["see make build"]))


def lighthouse(url: str) -> dict:
    """One Lighthouse run (mobile, the default form factor); returns its JSON report."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance,accessibility", "--output=json", "--output-path=stdout",
         "--quiet", f"--chrome-flags={' '.join(CHROME_FLAGS)}"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if result.returncode:
        said = [line.strip() for line in result.stderr.splitlines() if line.strip() and not line[0].isspace()]
        reason = next((line for line in said if "error" in line.lower()), said[0] if said else None)
        sys.exit(f"bench: Lighthouse failed on {url}: {reason or f'exit status {result.returncode}'}")
    try:
        return json.loads(result.stdout)
    except ValueError:
        sys.exit(f"bench: Lighthouse did not write a report for {url}")


def summarise(reports: list[dict]) -> dict:
    """Median scores and metrics over several runs, and the accessibility audits any run failed."""
    summary = {category: statistics.median(r["categories"][category]["score"] for r in reports)
               for category in ("performance", "accessibility")}
    for audit, label in METRICS.items():
        summary[label] = statistics.median(r["audits"][audit]["numericValue"] for r in reports)
    summary["failed"] = sorted({ref["id"] for r in reports for ref in r["categories"]["accessibility"]["auditRefs"]
                                if ref["weight"] > 0 and r["audits"][ref["id"]]["score"] == 0})
    return summary


def main() -> int:
    runs = int(os.environ.get("RUNS", "3"))
    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium not found at {CHROMIUM}: run `make browser`")
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        servers = {}
        for name in ENGINES:
            site = Path(tmp) / f"site-{name}"
            build(site, name)
            servers[name] = (site, static_server.start(site, gzip=True))
        try:
            print(f"Lighthouse, mobile (slow 4G, 4x CPU slowdown), median of {runs}, site served with gzip"
                  f" (machine load {load()}: the scores are only as steady as the machine is quiet):")
            print(f"  {'page type':12} {'engine':9} {'performance':>11} {'accessibility':>13}   FCP      LCP      TBT"
                  "     CLS")
            for label, path in PAGE_TYPES.items():
                for name, (site, server) in servers.items():
                    if not (site / path / "index.html").exists():
                        continue
                    result = summarise([lighthouse(server.url + path) for _ in range(runs)])
                    print(f"  {label:12} {name:9} {result['performance']:>11.2f} {result['accessibility']:>13.2f}   "
                          f"{result['FCP'] / 1000:.1f} s    {result['LCP'] / 1000:.1f} s    {result['TBT']:.0f} ms  "
                          f"{result['CLS']:.3f}", flush=True)
                    if result["failed"]:
                        print(f"  {'':22} accessibility audits failed: {', '.join(result['failed'])}")
        finally:
            for _, server in servers.values():
                server.stop()
    print(f"  machine load at the end: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
