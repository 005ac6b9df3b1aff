"""Size of the browser code as pages receive it (each entry module of browser/ bundled into one
script, as the site build does) and of the checklist styles, gzip -9.

The aim for the checklist and review script is under 8 KB gzipped, with no framework. `scripts/bench.py`
runs this; it also runs on its own: `.venv/bin/python scripts/bench_review.py`.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from safeguarding_site.browser_bundle import bundle

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {"review script": "checklists.js", "every page's script": "site.js"}
STYLES = {"review styles": ROOT / "styles/checklists.css"}
SCRIPT_AIM = 8 * 1024


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def sizes() -> dict[str, tuple[int, int]]:
    """name -> (bytes raw, bytes gzipped)."""
    found = {}
    for name, entry in SCRIPTS.items():
        text = bundle(ROOT / "browser" / entry, ROOT / "browser").encode()
        found[name] = (len(text), gzip_size(text))
    for name, path in STYLES.items():
        found[name] = (path.stat().st_size, gzip_size(path.read_bytes()))
    return found


def main() -> None:
    for name, (raw, packed) in sizes().items():
        aim = f" (aim: under {SCRIPT_AIM}; {'met' if packed < SCRIPT_AIM else 'NOT met'})" if name == "review script" else ""
        print(f"{name}: {packed} bytes gzip, {raw} bytes raw{aim}")


if __name__ == "__main__":
    main()
