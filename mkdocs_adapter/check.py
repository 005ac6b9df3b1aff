"""`make check`: the quick check of what an organisation's change can break, on the site the current
settings build (a fork's mkdocs.org.yml when there is one, else mkdocs.yml; CONFIG= as for `make build`).

1. the strict build into site/ (data, "FILL IN" gaps, links between pages, the credit on every page);
2. every link and picture inside the site leads to a file, and no picture file is oversized;
3. the W3C HTML validator finds no error on any page (needs Java);
4. in Chromium, on every page: axe-core finds nothing at WCAG 2.2 AA on a phone and a desktop, in the light
   and the dark scheme; the security policy refuses nothing and no script fails; no picture is far wider
   than it is shown; a first visit downloads at most the limit (gzip, all in, search included).

The deploy workflow runs it before it publishes. `--without-system-packages` (what `make update` runs)
leaves out 3 and 4, which need Java and Chromium. The checks themselves are plain functions of the core
(`safeguarding_site.site_checks`, `safeguarding_site.browser_checks`) over the built folder; this module
only builds, through engine.py, and reports.

    python -m mkdocs_adapter.check [--config FILE] [--engine mkdocs|zensical] [--site-dir site] [--no-build]
                                   [--without-system-packages]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from safeguarding_site import site_checks
from safeguarding_site.site_checks import Finding

from . import engine

BROWSER_LATER = ("The accessibility, security-policy and page-weight checks in a browser, and the HTML validator,"
                 " run when your site is published (or here with make check).")


def site_path(config: Path) -> str:
    """The path the site is published under: '/' at home, '/REPOSITORY/' on a project's GitHub Pages."""
    if not os.environ.get("SITE_URL"):
        os.environ.pop("SITE_URL", None)  # as the build takes it (engine.build_environment)
    try:
        url = engine.load_config(config).get("site_url") or "/"
    except Exception:  # noqa: BLE001 - a config MkDocs could not read has already stopped the build
        url = "/"
    return urlsplit(str(url)).path or "/"


def sources_of(project: Path, config: Path) -> dict[str, str]:
    return site_checks.page_sources(engine.docs_folders(project, config), project)


def report(findings: list[Finding]) -> str:
    """The findings, page by page."""
    findings = sorted(site_checks.merged(findings), key=lambda finding: finding.page)
    lines = [f"{len(findings)} problem{'s' if len(findings) != 1 else ''} found:"]
    lines += [f"  {finding}" for finding in findings]
    return "\n".join(lines)


def github_report(findings: list[Finding], summary_path: str | None) -> None:
    """Annotations on the pages' source files, and the findings at the top of the job's summary."""
    for finding in site_checks.merged(findings):
        text = str(finding).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        place = f" file={finding.source}" if finding.source and not finding.source.startswith("/") else ""
        print(f"::error{place},title=The site's check found a problem::{text}")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write("## The site's check found problems, so it was not published\n\n"
                         "Fix what this says, commit, and the workflow runs again. `make check` on your own"
                         " computer says the same.\n\n```text\n" + report(findings) + "\n```\n")


class Steps:
    """Each step's line, with how long it took."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def run(self, label: str, step) -> None:
        print(f"  {label} ...", end=" ", flush=True)
        start = time.perf_counter()
        found = step()
        self.findings += found
        verdict = "ok" if not found else f"{len(found)} problem{'s' if len(found) != 1 else ''}"
        print(f"{verdict} ({time.perf_counter() - start:.1f} s)", flush=True)


def check(project: Path, config: str | None, site_dir: Path, *, build: bool = True,
          system_packages: bool = True, site_engine: str = "mkdocs") -> int:
    chosen = engine.config_file(project, config)
    started = time.perf_counter()
    if build:
        built = engine.build_into_place(project, site_dir, config, site_engine)
        if built:
            return built
    if not (site_dir / "index.html").is_file():
        print(f"There is no built site in {site_dir}: run make build first", file=sys.stderr)
        return 1
    sources = sources_of(project, chosen)
    base_path = site_path(chosen)
    pages = site_checks.site_pages(site_dir)
    print(f"\nChecking the site built from {chosen.name}: {len(pages)} pages")
    steps = Steps()
    steps.run("links and pictures inside the site", lambda: site_checks.check_files(site_dir, base_path, sources))
    if system_packages:
        from safeguarding_site import browser_checks

        steps.run("valid HTML (the W3C validator)", lambda: site_checks.html_errors(site_dir, sources))
        steps.run(f"in Chromium, every page: accessibility (axe, {' and '.join(map(str, browser_checks.WIDTHS.values()))}"
                  f" px, light and dark), security policy, scripts, pictures, first visit within"
                  f" {site_checks.FIRST_VISIT_LIMIT:,} bytes",
                  lambda: browser_checks.check_in_browser(site_dir, pages, base_path, sources))
    elapsed = time.perf_counter() - started
    if steps.findings:
        print(f"\nThe site's check found problems ({elapsed:.0f} s in all):", file=sys.stderr)
        print(report(steps.findings), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            github_report(steps.findings, os.environ.get("GITHUB_STEP_SUMMARY"))
        return 1
    print(f"All checks passed ({elapsed:.0f} s in all); the site is in {site_dir.name}/.")
    if not system_packages:
        print(BROWSER_LATER)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdocs_adapter.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--config", help="the configuration file (default: mkdocs.org.yml if it exists, else mkdocs.yml)")
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--no-build", action="store_true", help="check the site already in --site-dir")
    parser.add_argument("--engine", choices=engine.ENGINES, default="mkdocs", help="the site engine (default: mkdocs)")
    parser.add_argument("--without-system-packages", action="store_true",
                        help="leave out the checks that need Java and Chromium (make update)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if not engine.config_file(project, args.config).is_file():
        print(f"There is no configuration file {engine.config_file(project, args.config)}", file=sys.stderr)
        return 1
    site_dir = args.site_dir if args.site_dir.is_absolute() else project / args.site_dir
    try:
        return check(project, args.config or None, site_dir, build=not args.no_build,
                     system_packages=not args.without_system_packages, site_engine=args.engine)
    except RuntimeError as problem:  # a tool the check needs is missing: one line says which
        print(f"make check: {problem}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
