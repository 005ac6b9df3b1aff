"""`make offline`: a copy of the site that works opened straight from disk, zipped into dist/.

For training rooms without internet: unzip it anywhere, open index.html, and every page, link and the
search box work with no web server and no connection.

It does what Material's `offline` plugin does, without that plugin's one download from unpkg.com:

1. builds with `use_directory_urls: false`, so links point at files (tips.html), not folders (tips/);
2. writes search/search_index.js, the search index as a script, which Material's search loads when a
   page is opened from disk;
3. adds mkdocs_adapter/offline_worker.js to every page: browsers will not start the search's Web Worker from
   disk, so it runs the worker in a hidden frame instead.

Settings 1 and 3 come from a small temporary config file that INHERITs the chosen one (mkdocs.yml, or
a fork's mkdocs.org.yml), so nothing else in the site's settings changes. The build is strict, like
`make build`; exit status 0 means the zip was written, 1 that the build failed.

    python -m mkdocs_adapter.offline [--config-file mkdocs.org.yml] [--output dist/NAME.zip]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from . import engine

WORKER_SOURCE = Path(__file__).resolve().parent / "offline_worker.js"
WORKER_IN_SITE = "assets/javascripts/offline-worker.js"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "site"


def site_name(config: Path) -> str:
    """site_name from the config (or the file it INHERITs)."""
    return str(engine.load_config(config).get("site_name") or "site")


def offline_config(config: Path) -> str:
    """The temporary config: the chosen one, with file links and the search stand-in added."""
    return (f"# Written by scripts/offline.py for one build, then deleted.\n"
            f"INHERIT: {config.name}\n"
            f"use_directory_urls: false\n"
            f"extra:\n"
            f"  polyfills:\n"
            f"    - {WORKER_IN_SITE}\n"
            f"  # Pages opened from disk have no origin for a Content-Security-Policy to name, and the search\n"
            f"  # stand-in runs the worker in a frame of the page: the copy on disk goes without one.\n"
            f"  content_security_policy: false\n")


def build(config: Path, site_dir: Path) -> engine.BuildResult:
    # Written beside the chosen config, so every relative path in it means the same.
    handle, name = tempfile.mkstemp(prefix=".offline-", suffix=".yml", dir=config.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(offline_config(config))
        return engine.build(config.parent, site_dir, temporary, quiet=False, echo=True)
    finally:
        temporary.unlink(missing_ok=True)


def finish(site_dir: Path) -> None:
    """Add the search index as a script and the worker stand-in, as the pages expect."""
    index = site_dir / "search" / "search_index.json"
    (site_dir / "search" / "search_index.js").write_text(
        "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
    target = site_dir / WORKER_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(WORKER_SOURCE, target)


def zip_site(site_dir: Path, output: Path, folder: str) -> int:
    """Zip the site into `output` under one folder, so unzipping never scatters files. Returns the file count."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_suffix(".partial")
    count = 0
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder}/{path.relative_to(site_dir).as_posix()}")
                count += 1
    partial.replace(output)
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-file", help="the site's settings (default: mkdocs.org.yml if it exists,"
                                               " else mkdocs.yml)")
    parser.add_argument("--output", help="the zip to write (default: dist/<site name>-offline.zip)")
    args = parser.parse_args(argv)
    config = engine.config_file(Path.cwd(), args.config_file).resolve()
    if not config.is_file():
        print(f"offline: there is no config file {config}", file=sys.stderr)
        return 1
    folder = slug(site_name(config))
    project = Path.cwd()
    output = Path(args.output) if args.output else project / "dist" / f"{folder}-offline.zip"
    with tempfile.TemporaryDirectory(prefix="offline-site-") as temporary:
        site_dir = Path(temporary) / folder
        result = build(config, site_dir)
        if not result.ok:
            print("offline: the build failed, so no zip was written:", *result.problems, sep="\n  ", file=sys.stderr)
            return 1
        finish(site_dir)
        count = zip_site(site_dir, output, folder)
    size = output.stat().st_size
    print(f"offline: wrote {output.relative_to(project) if output.is_relative_to(project) else output}"
          f" ({count} files, {size / 1_000_000:.1f} MB). Unzip it and open {folder}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
