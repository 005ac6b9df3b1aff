"""Plain, UK-English prose: spelling and readability.

Whether the pages are in our own words is checked against the leaflet's text by the editors' own tool,
which lives with the leaflet, outside this repository: the test suite never reads outside it.
"""
from __future__ import annotations

import html as htmllib
import re
import subprocess
import sys
from pathlib import Path

import textstat

from conftest import ROOT, built_pages

PROSE = ["docs", "data", "README.md", "safeguarding_site/templates", "overrides", "examples"]
US_TO_UK = ROOT / "tests" / "prose" / "us-to-uk.txt"
# Official names keep their own spelling.
OFFICIAL_NAMES = r"International License|\bLICENSE\b|rel=\"license\""
# Flesch reading ease: 60+ is plain English; 50 is "fairly difficult". No page may fall below this.
READING_EASE_FLOOR = 50
def test_spelling_is_uk_english_and_free_of_typos():
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run(
        [str(codespell), "--dictionary", "-", "--dictionary", str(US_TO_UK), "--ignore-regex", OFFICIAL_NAMES,
         "--skip", "*.json,*.js,*.css,*.svg", *PROSE],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"spelling:\n{result.stdout}{result.stderr}"


def test_spelling_check_catches_us_spelling(tmp_path):
    """The check itself can fail: a US spelling is reported."""
    sample = tmp_path / "sample.md"
    sample.write_text("Your organization should pick a color.\n", encoding="utf-8")
    codespell = Path(sys.executable).parent / "codespell"
    result = subprocess.run([str(codespell), "-D", "-", "-D", str(US_TO_UK), str(sample)],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "organisation" in result.stdout and "colour" in result.stdout


def readable_text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    main = raw.split('data-md-component="content"', 1)[1].split("<footer", 1)[0]
    main = re.sub(r"<(script|style|noscript)[^>]*>.*?</\1>", " ", main, flags=re.S)
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", main))
    text = re.sub(r"(https?://|www\.)\S+|\S+@\S+", " ", text)  # addresses are not prose
    return re.sub(r"\s+", " ", text)


def test_every_page_is_plain_english(built_site):
    scores = {page.parent.name or "home": textstat.flesch_reading_ease(readable_text(page))
              for page in built_pages(built_site) if "search" not in page.parts}
    hard = {name: round(score, 1) for name, score in scores.items() if score < READING_EASE_FLOOR}
    assert not hard, f"pages below reading ease {READING_EASE_FLOOR}: {hard}"
