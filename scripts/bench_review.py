"""Size of the checklist and review script and its styles, as sent over the wire (gzip -9).

The aim for the script is under 8 KB gzipped, with no framework. `scripts/bench.py` calls main();
it also runs on its own: `.venv/bin/python scripts/bench_review.py`.
"""
from __future__ import annotations

import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = {
    "review script": ROOT / "docs/assets/javascripts/checklists.js",
    "review styles": ROOT / "docs/assets/stylesheets/checklists.css",
}
SCRIPT_AIM = 8 * 1024


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def sizes() -> dict[str, tuple[int, int]]:
    """name -> (bytes on disk, bytes gzipped)."""
    return {name: (path.stat().st_size, gzip_size(path)) for name, path in ASSETS.items()}


def main() -> None:
    for name, (raw, packed) in sizes().items():
        aim = f" (aim: under {SCRIPT_AIM}; {'met' if packed < SCRIPT_AIM else 'NOT met'})" if name == "review script" else ""
        print(f"{name} ({ASSETS[name].relative_to(ROOT)}): {packed} bytes gzip, {raw} bytes raw{aim}")


if __name__ == "__main__":
    main()
