"""`make check`, the quick check a fork's deploy runs before it publishes: it finds nothing wrong on the
upstream site (every page: links, pictures, the W3C validator, and in Chromium axe at 375 and 1280 px in
both schemes, the security policy, scripts, first-visit weight); the guide's example of its message is
what it says. (On the example organisation's site, it finds the mistakes planted there and nothing else:
test_quick_check_faults.py.)"""
from __future__ import annotations

import re
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
