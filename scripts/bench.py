#!/usr/bin/env python3
"""`make bench`: print how fast the site builds and how much a first visit downloads.

1. Build time of the real site (median of 3 strict builds).
2. A generated 1,000-page copy, built with the macros/data layer and without it (the same
   pages with every macro call replaced by its output beforehand), and the ratio of the two.
3. First-visit bytes, gzip-compressed, of each page type: the HTML plus every stylesheet,
   script and image it asks for, and separately the search index Material fetches, measured as
   `make check` measures every page (safeguarding_site.browser_checks.first_visit).
4. The same for the example organisation (mkdocs.example.yml), with its logo and picture, and the
   sizes of the pictures' web copies.
Then the other benchmarks, where present: the review script's size, Lighthouse scores, and how long the
quick check and the full suite take on a fresh clone (scripts/bench_suite.py).
"""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


import macros
from mkdocs_adapter import engine
from safeguarding_site import browser_checks
from safeguarding_site.site_checks import FIRST_VISIT_BUDGET as BUDGET
from safeguarding_site.site_checks import FIRST_VISIT_LIMIT as LIMIT

ROOT = engine.PROJECT
ENV = engine.build_environment()
PAGES = 1000
CHROMIUM = browser_checks.CHROMIUM
PAGE_TYPES = {"home": "index.html", "guidance": "good-practice/index.html", "checklist (tips)": "tips/index.html",
              "resources": "resources/index.html", "about": "about/index.html",
              "review plan": "review/index.html", "guidelines worksheet": "guidelines-worksheet/index.html",
              "page not found": "404.html"}


def build(project: Path, site: Path, config: str = "mkdocs.yml", site_engine: str = "mkdocs") -> float:
    start = time.perf_counter()
    result = engine.build(project, site, config, engine=site_engine)
    elapsed = time.perf_counter() - start
    if not result.ok:
        sys.exit(f"bench: the site does not build in {project}: " + " ".join(result.problems or [result.output[-500:]]))
    return elapsed


def copy_project(target: Path) -> None:
    for part in ("docs", "data", "overrides", "browser", "styles", "mkdocs.yml"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / part)


def generate(project: Path, with_macros: bool) -> str:
    """Turn `project` into a 1,000-page site; without macros, pages hold the macros' output. Returns the
    config to build (mkdocs_adapter.engine.variant_config)."""
    sources = sorted((project / "docs").glob("*.md"))
    texts = {p: p.read_text(encoding="utf-8") for p in sources}
    if not with_macros:
        texts = macros.prerender(project, texts)
    for p in sources:
        p.unlink()
    names = []
    for n in range(PAGES):
        source = sources[n % len(sources)]
        names.append(f"page-{n:04d}-{source.name}")
        (project / "docs" / names[-1]).write_text(texts[source], encoding="utf-8")
    config = engine.variant_config(project, "bench.yml", nav=names,
                                   without_plugins=() if with_macros else ("macros",))
    return config.name


def first_visit(site: Path, pages: dict[str, str]) -> dict[str, dict[str, int]]:
    """What a first visit to each page downloads, all in (browser_checks.first_visit: the page, its styles
    and scripts, the scripts those load, Material's script, which waits for the reader, the search worker
    and its index), as gzip bytes from a server that compresses as GitHub Pages does."""
    from playwright.sync_api import sync_playwright

    results = {}
    with browser_checks.served(site) as base, sync_playwright() as playwright:
        browser = browser_checks.launch(playwright)
        for label, page in pages.items():
            visit = browser_checks.first_visit(browser, base, page.removesuffix("index.html"))
            results[label] = {"all": visit.total, "search": visit.search}
        browser.close()
    return results


EXAMPLE_CONFIG = "mkdocs.example.yml"  # the example organisation, Riverside Youth Club, with its logo and picture
EXAMPLE_PAGES = {"our guidelines": "our-guidelines/index.html", "who to talk to": "who-to-talk-to/index.html",
                 "own page, a picture": "new-volunteers/index.html"}


def example_organisation(tmp: Path) -> None:
    """The organisation's copy meets the same budget as ours: the example built, its pictures' web copies
    (pictures.py) and its first visits, each page type and its own pages."""
    site = tmp / "example-site"
    seconds = build(ROOT, site, EXAMPLE_CONFIG)
    print(f"example organisation ({EXAMPLE_CONFIG}) build (strict): {seconds:.2f} s")
    assets = ROOT / "examples" / "riverside-youth-club" / "org" / "docs" / "assets"
    for original in sorted(assets.glob("*")):
        copies = sorted(site.glob(f"assets/{original.stem}.*"))
        made = ", ".join(f"{copy.name} {copy.stat().st_size:,d} B" for copy in copies)
        print(f"  {original.name}: {original.stat().st_size:,d} B in org/docs/, published as {made}")
    pages = {**PAGE_TYPES, **EXAMPLE_PAGES}
    print("example organisation, first visit, all in, gzip bytes:")
    for label, sizes in first_visit(site, {k: v for k, v in pages.items() if (site / v).exists()}).items():
        print(f"  {label:20} {sizes['all']:8,d} B   of which search {sizes['search']:7,d} B"
              f"   {'within' if sizes['all'] <= BUDGET else 'OVER'} the 90 KB aim ({BUDGET:,} B);"
              f" {'within' if sizes['all'] <= LIMIT else 'OVER'} make check's limit ({LIMIT:,} B)")


def two_engines(tmp: Path, mkdocs_site: Path, mkdocs_times: list[float]) -> None:
    """MkDocs (the default) and Zensical side by side: build time and every page type's first visit."""
    sites = {"mkdocs": mkdocs_site, "zensical": tmp / "zensical-0"}
    times = {"mkdocs": mkdocs_times,
             "zensical": [build(ROOT, tmp / f"zensical-{i}", site_engine="zensical") for i in range(3)]}
    print("two engines, side by side (the same sources; make build ENGINE=zensical):")
    print(f"  {'':20} {'MkDocs':>10} {'Zensical':>10}")
    print(f"  {'build, median of 3':20} {statistics.median(times['mkdocs']):>8.2f} s"
          f" {statistics.median(times['zensical']):>8.2f} s")
    pages = {k: v for k, v in PAGE_TYPES.items() if (mkdocs_site / v).exists()}
    visits = {name: first_visit(site, pages) for name, site in sites.items()}
    print("  first visit, all in, gzip bytes (Material 9 fetches its search index at start, Zensical when asked):")
    for label in pages:
        mkdocs_bytes, zensical_bytes = visits["mkdocs"][label]["all"], visits["zensical"][label]["all"]
        print(f"  {label:20} {mkdocs_bytes:>10,d} {zensical_bytes:>10,d}"
              f"   {'OVER' if zensical_bytes > LIMIT else 'within'} make check's limit on Zensical")


def run_other(script: str) -> None:
    path = ROOT / "scripts" / script
    if path.exists():
        print(flush=True)
        subprocess.run([sys.executable, str(path)], cwd=ROOT, env=ENV, check=False)


def ready() -> None:
    """What the bench needs and `make bench` installs; run by hand, one line says what is missing."""
    if not Path(CHROMIUM).exists():
        sys.exit(f"bench: Chromium is missing ({CHROMIUM}): run `make browser`, or `make bench` to install everything")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        sys.exit("bench: Playwright is missing: run `make bench`, which installs the test tools first")


def main() -> int:
    ready()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        times = [build(ROOT, tmp / f"site-{i}") for i in range(3)]
        print(f"site build (strict, median of 3): {statistics.median(times):.2f} s")

        timings = {}
        for label, with_macros in (("with macros/data layer", True), ("without (pre-rendered)", False)):
            project = tmp / label.split()[0]
            project.mkdir()
            copy_project(project)
            config = generate(project, with_macros)
            timings[label] = build(project, tmp / f"out-{label.split()[0]}", config)
            print(f"{PAGES}-page build {label}: {timings[label]:.2f} s")
        ratio = timings["with macros/data layer"] / timings["without (pre-rendered)"]
        print(f"{PAGES}-page ratio with/without macros: {ratio:.2f}")

        site = tmp / "site-0"
        print("first visit, all in, gzip bytes as the server sent them (the page, its styles and scripts,"
              " Material's script, the search worker and index):")
        for label, sizes in first_visit(site, {k: v for k, v in PAGE_TYPES.items() if (site / v).exists()}).items():
            print(f"  {label:20} {sizes['all']:8,d} B   of which search {sizes['search']:7,d} B"
                  f"   {'within' if sizes['all'] <= BUDGET else 'OVER'} the 90 KB aim ({BUDGET:,} B);"
                  f" {'within' if sizes['all'] <= LIMIT else 'OVER'} make check's limit ({LIMIT:,} B)")
        example_organisation(tmp)
        two_engines(tmp, site, times)
    run_other("bench_review.py")
    run_other("bench_lighthouse.py")
    run_other("bench_suite.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
