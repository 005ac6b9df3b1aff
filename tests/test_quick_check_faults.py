"""`make check` given mistakes, in a copy of the project: the same ones on upstream pages and on an
organisation's own pages. Each is found, with the page, its source file, what is wrong and what to do:
a picture with no text alternative, a link with no text, a link that leads nowhere (in a page's raw HTML,
found in the built site; in its Markdown, stopped by the strict build with the file and line), an
oversized picture, a picture far wider than it is shown, a page over the first-visit limit, and a style
the security policy blocks."""
from __future__ import annotations

import os
import random
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from conftest import EXAMPLE_CONFIG, copy_project
from test_quick_check import EXAMPLE_DOCS

pytestmark = pytest.mark.slow

UPSTREAM_PAGE, ORG_PAGE = "docs/glossary.md", f"{EXAMPLE_DOCS}/new-volunteers.md"


def png(width: int, height: int, noise: bool = False, seed: int = 1) -> bytes:
    """A PNG picture: one flat colour (small, whatever its size in pixels), or noise (as large as a photo)."""
    draw = random.Random(seed)
    row = (lambda: draw.randbytes(width * 3)) if noise else (lambda: b"\x40\x80\xc0" * width)
    raw = b"".join(b"\0" + row() for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def plant(project: Path, page: str, markdown: str) -> None:
    path = project / page
    path.write_text(path.read_text(encoding="utf-8") + "\n" + markdown + "\n", encoding="utf-8")


# The same mistakes on an upstream page and on an organisation's own page. The pictures are in docs/assets/,
# which both reach (an organisation's page links to assets/... as an upstream page does).
# A picture without words written in Markdown stops the build itself (page_links.py); written as HTML, the check finds it.
MISTAKES = ('<img src="../assets/no-words.png" alt="">\n\nSee [](tips.md) too.\n\n'
            '<a href="../summer-camp/">Our summer camp</a>\n\n![A huge picture](assets/huge.png)\n')
HEAVY_PAGES = {"keeping-up-to-date/": "docs/keeping-up-to-date.md", "who-to-talk-to/": f"{EXAMPLE_DOCS}/who-to-talk-to.md"}
WIDE_PAGES = {"about/": "docs/about.md", "our-guidelines/": f"{EXAMPLE_DOCS}/our-guidelines.md"}


@pytest.fixture(scope="module")
def faulty_check(tmp_path_factory) -> subprocess.CompletedProcess:
    """`python -m mkdocs_adapter.check` (what `make check` runs) on the example organisation, after the same
    mistakes were made on upstream pages and on the organisation's own."""
    project = copy_project(tmp_path_factory.mktemp("faulty") / "project")
    assets = project / "docs" / "assets"
    assets.mkdir(exist_ok=True)
    (assets / "no-words.png").write_bytes(png(40, 40))
    (assets / "huge.png").write_bytes(png(300, 300, noise=True))  # about 270 KB
    (assets / "heavy.png").write_bytes(png(150, 150, noise=True, seed=2))  # about 68 KB: under the picture limit
    (assets / "wide.png").write_bytes(png(2400, 8, noise=True, seed=3))  # about 58 KB, 2400 pixels wide
    for page in (UPSTREAM_PAGE, ORG_PAGE):
        plant(project, page, MISTAKES)
    for page in HEAVY_PAGES.values():
        plant(project, page, "![A heavy picture](assets/heavy.png)\n")
    for page in WIDE_PAGES.values():
        plant(project, page, "![A wide picture](assets/wide.png){ width=300 }\n")
    # Only upstream: an organisation's raw HTML that the policy would block is refused by the build itself.
    plant(project, "docs/keeping-up-to-date.md", '<p style="color: red">In an emergency, call 999.</p>\n')
    summary = project.parent / "summary.md"  # as on GitHub, where the deploy runs it
    result = subprocess.run([sys.executable, "-m", "mkdocs_adapter.check", "--config", EXAMPLE_CONFIG], cwd=project,
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    result.summary = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return result


def lines_about(result: subprocess.CompletedProcess, page: str, source: str) -> str:
    return "\n".join(line for line in result.stderr.splitlines() if line.strip().startswith(f"/{page} ({source}):"))


PLANTED = {
    "glossary/": UPSTREAM_PAGE, "new-volunteers/": ORG_PAGE, **HEAVY_PAGES, **WIDE_PAGES,
}
WHAT_WAS_PLANTED = [r"the picture 'assets/no-words.png' has no text alternative", r"a link has no text",
                    r"the link '../summer-camp/' leads to no page", r"the picture 'assets/huge.png' is 2\d\d KB",
                    r"a first visit downloads [\d,]+ bytes", r"the picture 'assets/wide.png' is 2400 pixels wide",
                    r"the site's security policy blocked style-src-attr inline"]


@pytest.mark.browser
def test_the_quick_check_finds_nothing_else_on_the_example_organisations_site(faulty_check):
    """Every other page of the example organisation's site, its own and upstream's, in its colours, passes
    every check; the pages with mistakes show those mistakes and nothing more."""
    found = [line.strip() for line in faulty_check.stderr.splitlines() if line.startswith("  /")]
    assert found, faulty_check.stderr[-3000:]
    pages = {re.match(r"/(\S*) \(([^)]+)\):", line).groups() for line in found}
    assert pages == set(PLANTED.items()), "\n".join(found)
    unexpected = [line for line in found if not any(re.search(what, line) for what in WHAT_WAS_PLANTED)]
    assert not unexpected, "\n".join(unexpected)
    checked = re.search(r"Checking the site built from mkdocs.example.yml: (\d+) pages", faulty_check.stdout)
    assert checked and int(checked[1]) >= 17, faulty_check.stdout[-2000:]


@pytest.mark.browser
@pytest.mark.parametrize("page, source", [("glossary/", UPSTREAM_PAGE), ("new-volunteers/", ORG_PAGE)],
                         ids=["upstream page", "organisation's page"])
def test_the_quick_check_names_the_page_of_each_planted_mistake(faulty_check, page, source):
    result = faulty_check
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    said = lines_about(result, page, source)
    assert "'assets/no-words.png' has no text alternative" in said, result.stderr[-5000:]
    assert "a link has no text, so a screen reader cannot say where it leads" in said
    assert "the link '../summer-camp/' leads to no page or file of the site" in said
    assert re.search(r"the picture 'assets/huge.png' is 2\d\d KB, more than the 100 KB a picture may be", said)


@pytest.mark.browser
@pytest.mark.parametrize("page", HEAVY_PAGES, ids=["upstream page", "organisation's page"])
def test_the_quick_check_finds_a_page_over_the_first_visit_limit(faulty_check, page):
    said = lines_about(faulty_check, page, HEAVY_PAGES[page])
    assert re.search(r"a first visit downloads [\d,]+ bytes \(gzip, search included\), over the limit of 112,640:"
                     r" the largest are assets/heavy.png", said), faulty_check.stderr[-5000:]
    assert "more than the 100 KB a picture may be" not in said  # the picture alone is within its limit


@pytest.mark.browser
@pytest.mark.parametrize("page", WIDE_PAGES, ids=["upstream page", "organisation's page"])
def test_the_quick_check_finds_a_picture_far_wider_than_it_is_shown(faulty_check, page):
    said = lines_about(faulty_check, page, WIDE_PAGES[page])
    assert "the picture 'assets/wide.png' is 2400 pixels wide but shown at most 300 wide: save a copy at most" \
           " 600 pixels wide" in said, faulty_check.stderr[-5000:]


@pytest.mark.browser
def test_the_quick_check_finds_what_the_security_policy_blocks(faulty_check):
    said = lines_about(faulty_check, "keeping-up-to-date/", "docs/keeping-up-to-date.md")
    assert "the site's security policy blocked style-src-attr inline" in said, faulty_check.stderr[-5000:]


def test_a_link_to_a_page_that_is_not_there_stops_the_quick_check_at_the_build_naming_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    for page in (UPSTREAM_PAGE, ORG_PAGE):
        plant(project, page, "Ask us about our [summer camp](camp.md).")
    result = subprocess.run([sys.executable, "-m", "mkdocs_adapter.check", "--config", EXAMPLE_CONFIG], cwd=project,
                            capture_output=True, text=True, timeout=600, env=os.environ.copy())
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    for page in (UPSTREAM_PAGE, ORG_PAGE):
        lines = len((project / page).read_text(encoding="utf-8").splitlines())
        assert f"{page}, line {lines}: the link 'camp.md' leads to no page or file of the site" in result.stderr
    assert not (project / "site").exists(), "a site that did not build is not left to publish"


@pytest.mark.browser
def test_on_github_the_problems_head_the_summary_and_mark_each_page_file(faulty_check):
    summary = faulty_check.summary
    assert summary.startswith("## The site's check found problems, so it was not published"), summary[:500]
    for page, source in PLANTED.items():
        assert f"  /{page} ({source}): " in summary
        assert re.search(rf"^::error file={re.escape(source)},title=The site's check found a problem::/{re.escape(page)} ",
                         faulty_check.stdout, re.M), faulty_check.stdout[-3000:]
