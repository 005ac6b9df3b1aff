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
# Official names, and HTML's own words, keep their own spelling.
OFFICIAL_NAMES = r"International License|\bLICENSE\b|rel=\"license\"|autocomplete=\"organization\""
# Flesch reading ease: 60+ is plain English, 70+ "fairly easy". No page may fall below this.
READING_EASE_FLOOR = 70
# No sentence in the guidance may be longer than this, in words.
LONGEST_SENTENCE = 25
# Where a sentence ends: a full stop, question or exclamation mark (and any closing quote or bracket),
# then space; or the end of a block (a paragraph, list item, heading, table cell or term).
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
BLOCK = re.compile(r"</?(?:p|li|h[1-6]|dt|dd|td|th|caption|figcaption|blockquote|pre|summary|div|section|aside|"
                   r"tr|table|ul|ol|dl|br|button|label|legend|fieldset|textarea)\b[^>]*>", re.I)
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


def main_html(page: Path) -> str:
    """The page's own content: no header, menu or footer, no scripts, no picture (a chart's words repeat
    the figures beside it), and no code (commands and file names are not prose)."""
    raw = page.read_text(encoding="utf-8")
    main = raw.split('data-md-component="content"', 1)[1].split(">", 1)[1].split("<footer", 1)[0]
    return re.sub(r"<(script|style|noscript|svg|pre|code|template)\b[^>]*>.*?</\1>", " ", main, flags=re.S)


def plain(html: str) -> str:
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", html))
    text = re.sub(r"(https?://|www\.)\S+|\S+@\S+", " ", text)  # addresses are not prose
    return re.sub(r"\s+", " ", text).strip()


def readable_text(page: Path) -> str:
    """The page's words as a reader meets them: each block (a paragraph, a list item, a heading, a term)
    reads as a sentence of its own, whether or not it ends with a full stop."""
    return " ".join(sentence if sentence[-1] in ".!?:;\"'”’)" else sentence + "."
                    for sentence in sentences(page))


def sentences(page: Path) -> list[str]:
    """The page's sentences: blocks (paragraphs, list items, headings ...) split at their full stops.
    The credit to the leaflet is left out: it is a title, a name and a licence, not our prose."""
    found = []
    html = re.sub(r'<span class="attribution">.*?</span>', " ", main_html(page), flags=re.S)
    for block in BLOCK.split(html):
        found += [sentence for sentence in SENTENCE_END.split(plain(block)) if sentence]
    return found


def test_no_sentence_in_the_guidance_is_too_long(built_site):
    long = {}
    for page in built_pages(built_site):
        if "search" in page.parts:
            continue
        over = [s for s in sentences(page) if len(s.split()) > LONGEST_SENTENCE]
        if over:
            long[page.parent.name or "home"] = over
    assert not long, f"sentences over {LONGEST_SENTENCE} words:\n" + "\n".join(
        f"  {name}: ({len(s.split())}) {s}" for name, found in long.items() for s in found)


def test_the_sentence_check_can_fail(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<div data-md-component="content"><p>' + "word " * 30 + ".</p><li>Short one.</li></div>"
                    "<footer></footer>", encoding="utf-8")
    assert [len(s.split()) for s in sentences(page)] == [31, 2]


def test_every_page_is_plain_english(built_site):
    scores = {page.parent.name or "home": textstat.flesch_reading_ease(readable_text(page))
              for page in built_pages(built_site) if "search" not in page.parts}
    hard = {name: round(score, 1) for name, score in scores.items() if score < READING_EASE_FLOOR}
    assert not hard, f"pages below reading ease {READING_EASE_FLOOR}: {hard}"
