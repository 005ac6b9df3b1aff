"""What a successful build tells the person who ran it: a short summary, and nothing that reads like an error.

The engine's own lines ("INFO - Cleaning site directory", a plugin listing its macros...) are left out;
what is left is how many pages were built, the warnings worth a look (a page not in the menu list, a
review overdue), and where the site is.
"""
from __future__ import annotations

import re
from pathlib import Path

WARNING = re.compile(r"^WARNING\s+-\s+(?P<text>\S.*)$")


def warnings_in(output: str) -> list[str]:
    """The site's own warnings in a build's output (they do not stop a strict build: advice.py)."""
    return [match["text"] for line in output.splitlines() if (match := WARNING.match(line.strip()))]


def built_pages(site_dir: Path) -> int:
    """How many pages a built site has: every page's index.html, and the page-not-found page."""
    site_dir = Path(site_dir)
    return sum(1 for path in site_dir.rglob("*.html") if path.name in ("index.html", "404.html")
               and "assets" not in path.relative_to(site_dir).parts)


def summary(config_name: str, pages: int, warnings: list[str], site_name: str, seconds: float,
            serve: str = "make serve") -> str:
    """A few plain lines: what was built, the warnings, and where the site is."""
    told = "no warnings" if not warnings else f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
    lines = [f"Built the site from {config_name}: {pages} pages in {seconds:.1f} s, {told}."]
    if warnings:
        lines.append("The site is built; these are worth a look:")
        lines += [f"  - {warning}" for warning in warnings]
    lines.append(f"The site is in {site_name}/. To see it, run: {serve}")
    return "\n".join(lines)
