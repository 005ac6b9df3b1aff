"""Size of the browser code as pages receive it (each entry module of browser/ bundled and minified
into one script, as the site build does), gzip -9.

The two tools, the checklists with the review and action plan (checklists.js) and the guidelines
builder (guidelines.js), each load only on the pages that show them. The aim for both together is
under 12 KB gzipped, with no framework. `scripts/bench.py` runs this; it also runs on its own:
`.venv/bin/python scripts/bench_review.py`.
"""
from __future__ import annotations

import gzip
from pathlib import Path

from safeguarding_site.browser_bundle import bundle

ROOT = Path(__file__).resolve().parent.parent
TOOLS = {"checklists and review (checklists.js)": "checklists.js", "guidelines builder (guidelines.js)": "guidelines.js"}
EVERY_PAGE = {"every page's script (site.js)": "site.js"}
TOOLS_AIM = 12 * 1024


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def sizes(entries: dict[str, str]) -> dict[str, tuple[int, int]]:
    """name -> (bytes raw, bytes gzipped)."""
    found = {}
    for name, entry in entries.items():
        text = bundle(ROOT / "browser" / entry, ROOT / "browser").encode()
        found[name] = (len(text), gzip_size(text))
    return found


def main() -> None:
    tools = sizes(TOOLS)
    for name, (raw, packed) in {**tools, **sizes(EVERY_PAGE)}.items():
        print(f"{name}: {packed} bytes gzip, {raw} bytes minified")
    total = sum(packed for _, packed in tools.values())
    print(f"both tools together: {total} bytes gzip (aim: under {TOOLS_AIM}; {'met' if total < TOOLS_AIM else 'NOT met'})")


if __name__ == "__main__":
    main()
