"""`make check`, the quick check a fork's deploy runs before it publishes: it finds nothing wrong on the
upstream site (every page: links, pictures, the W3C validator, and in Chromium axe at 375 and 1280 px in
both schemes, the security policy, scripts, first-visit weight); the guide's example of its message is
what it says. (On the example organisation's site, it finds the mistakes planted there and nothing else:
test_quick_check_faults.py.)"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from safeguarding_site import browser_checks, site_checks

EXAMPLE_DOCS = "examples/riverside-youth-club/org/docs"


def sources_for(project: Path, *docs: str) -> dict[str, str]:
    return site_checks.page_sources([project / folder for folder in docs], project)


def every_check(browser, site: Path, sources: dict[str, str]) -> list[site_checks.Finding]:
    """What `make check` runs after the build (mkdocs_adapter/check.py), on the test run's own browser."""
    found = site_checks.check_files(site, "/", sources) + site_checks.html_errors(site, sources)
    return found + browser_checks.check_pages(browser, site, site_checks.site_pages(site), "/", sources)


@pytest.mark.browser
def test_the_quick_check_finds_nothing_on_the_upstream_site(browser, built_site):
    """Every page: links, pictures, the W3C validator, and in the browser axe at 375 and 1280 px in both
    schemes, the security policy, scripts and the first-visit limit."""
    pages = site_checks.site_pages(built_site)
    assert "" in pages and "404.html" in pages and len(pages) >= 10, pages
    found = every_check(browser, built_site, sources_for(ROOT, "docs"))
    assert not found, "\n".join(map(str, found))


def guides_example_of_a_check_that_found_a_problem() -> str:
    """The line docs/for-organisations.md shows under "When a run fails" for a check, not a build."""
    guide = (ROOT / "docs" / "for-organisations.md").read_text(encoding="utf-8")
    section = guide[guide.index("The site's check found problems"):]
    return re.search(r"```text\n(.*?)\n\s*```", section, re.S).group(1).strip()


def test_the_guides_example_of_a_failed_check_is_what_the_check_says(tmp_path):
    page = tmp_path / "new-volunteers" / "index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="en"><title>x</title><img src="../assets/fair.jpg" alt=""></html>',
                    encoding="utf-8")
    found = site_checks.pictures_without_text(tmp_path, "/", {"new-volunteers/": "org/docs/new-volunteers.md"})
    assert [str(finding) for finding in found] == [guides_example_of_a_check_that_found_a_problem()]


def test_a_picture_marked_as_decoration_needs_no_words(tmp_path):
    (tmp_path / "index.html").write_text('<img src="a.png" alt="" role="presentation"><img src="b.png" alt="A map">'
                                         '<img src="c.png" alt="" aria-hidden="true"><img src="d.png">',
                                         encoding="utf-8")
    assert [finding.message.split("'")[1] for finding in site_checks.pictures_without_text(tmp_path)] == ["d.png"]


def a_site(folder: Path, pages: dict[str, str]) -> Path:
    for address, body in pages.items():
        path = site_checks.page_file(folder, address)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<!doctype html><html lang="en"><title>t</title><body>{body}</body></html>', encoding="utf-8")
    return folder


def test_links_inside_the_site_are_followed_from_where_each_page_is_published(tmp_path):
    """A project's Pages site lives under /REPOSITORY/: its page not found links there by absolute paths."""
    site = a_site(tmp_path, {
        "": '<a href="tips/#privacy">tips</a> <a href="https://example.org/gone">elsewhere</a>'
            ' <a href="mailto:a@b.org">mail</a> <a href="#top" id="top">top</a>',
        "tips/": '<h2 id="privacy">Privacy</h2><a href="../">home</a><a href="../about/">about</a>'
                 '<a href="../#nowhere">home, nowhere</a><img src="../assets/logo.png" alt="Our logo">',
        "404.html": '<a href="/safeguarding/tips/">tips</a><a href="/elsewhere/">another site on the host</a>',
    })
    found = [str(finding) for finding in site_checks.broken_links(site, "/safeguarding/", {"tips/": "docs/tips.md"})]
    assert found == [
        "/404.html: the link '/elsewhere/' leads outside the site's own folder (/safeguarding/): link to pages by"
        " their file name, such as [useful tips](tips.md)",
        "/tips/ (docs/tips.md): the link '../about/' leads to no page or file of the site: link to another page"
        " by its file name, such as [useful tips](tips.md)",
        "/tips/ (docs/tips.md): the link '../#nowhere' leads to a place (#nowhere) that is not on that page: link"
        " to one of its headings",
        "/tips/ (docs/tips.md): the picture '../assets/logo.png' leads to no page or file of the site: put the"
        " picture in the assets/ folder beside your pages and give its place, such as assets/logo.png",
    ]


def test_each_page_is_named_by_the_file_it_is_built_from_the_organisations_first(tmp_path):
    for name in ("org/docs/tips.md", "org/docs/ours.md", "docs/tips.md", "docs/index.md", "docs/help/index.md",
                 "docs/help/more.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    assert site_checks.page_sources([tmp_path / "org" / "docs", tmp_path / "docs"], tmp_path) == {
        "tips/": "org/docs/tips.md", "ours/": "org/docs/ours.md", "": "docs/index.md", "help/": "docs/help/index.md",
        "help/more/": "docs/help/more.md"}


def test_without_java_the_check_says_what_is_missing_in_one_line(tmp_path):
    site = a_site(tmp_path / "site", {"": "<p>Home</p>"})
    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)
    result = subprocess.run([sys.executable, "-m", "mkdocs_adapter.check", "--no-build", "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "PATH": str(bare)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines()[-1] == ("make check: the W3C HTML validator needs Java, which is"
                                                      " missing: run `make java` (Debian's default-jre-headless)")
    assert "Traceback" not in result.stderr


def test_a_page_over_the_weight_limit_is_told_what_makes_it_heavy():
    site_code = {"assets/javascripts/bundle.0123abcd.min.js": 58_000, "assets/stylesheets/site.css": 13_400,
                 "assets/javascripts/workers/search.a7633da7.min.js": 12_300, "search/search_index.json": 11_200,
                 "assets/javascripts/guidelines.js": 11_400, "assets/javascripts/site.js": 5_200}
    heavy_code = browser_checks.Visit(sizes={**site_code, "guidelines-worksheet/": 12_500})
    said = browser_checks.weight_findings("/guidelines-worksheet/", heavy_code)[0].message
    assert "most of it is the site's own scripts, stylesheet and search" in said
    assert "publish with the default engine (MkDocs)" in said
    lighter = {address: size // 2 for address, size in site_code.items()}
    heavy_picture = browser_checks.Visit(sizes={**lighter, "camp/": 7_000, "assets/camp.jpg": 90_000})
    said = browser_checks.weight_findings("/camp/", heavy_picture)[0].message
    assert said.endswith("make pictures smaller or split a long page") and "assets/camp.jpg 90 KB" in said
