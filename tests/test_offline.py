"""`make offline` (mkdocs_adapter/offline.py): a zipped copy of the site that works opened straight from disk,
search included, and loads nothing from any other website."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE_CONFIG, ROOT, build_env, copy_project

pytestmark = pytest.mark.slow


def make_offline(project: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m mkdocs_adapter.offline` in `project`, as `make offline` does."""
    return subprocess.run([sys.executable, "-m", "mkdocs_adapter.offline", "--output", str(output), *args],
                          cwd=project, capture_output=True, text=True, env=build_env(), timeout=300)


def folder_of(archive: Path) -> str:
    """The one folder a zip made by `make offline` unpacks into."""
    with zipfile.ZipFile(archive) as opened:
        folders = {name.split("/")[0] for name in opened.namelist()}
    assert len(folders) == 1, f"the zip should hold one folder, not {sorted(folders)}"
    return folders.pop()


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    """The upstream site's offline copy (a fork's own copy is tested below, from the example)."""
    output = tmp_path_factory.mktemp("offline") / "offline.zip"
    result = make_offline(ROOT, output, "--config-file", "mkdocs.yml")
    assert result.returncode == 0, f"make offline failed:\n{result.stdout}\n{result.stderr}"
    assert not list(ROOT.glob(".offline-*.yml")), "the temporary config was left behind"
    return output


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / folder_of(offline_zip)


def test_zip_holds_one_folder_named_after_the_site_with_an_index_page(offline_zip):
    folder = folder_of(offline_zip)
    assert folder == "safeguarding-and-social-media"
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert {f"{folder}/index.html", f"{folder}/tips.html", f"{folder}/search/search_index.js"} <= set(names)


def test_pages_link_to_html_files_not_folders(unzipped):
    pages = sorted(page for page in unzipped.glob("*.html") if page.name != "404.html")  # only a server shows 404
    assert len(pages) > 10
    for page in pages:
        source = page.read_text(encoding="utf-8")
        links = re.findall(r'href="([^"#]*)(?:#[^"]*)?"', source)
        internal = [link for link in links if link and not re.match(r"[a-z]+:", link)]
        folder_links = [link for link in internal if link.endswith("/") or link in (".", "..")]
        assert not folder_links, f"{page.name} links to folders, which do not open from disk: {folder_links}"
        for link in internal:
            assert (page.parent / link).exists(), f"{page.name} links to missing {link}"


def test_offline_copy_loads_nothing_from_other_websites(unzipped):
    for page in unzipped.glob("*.html"):
        source = page.read_text(encoding="utf-8")
        remote = re.findall(r'<(?:script|img)[^>]+src="(https?:[^"]+)"', source)
        remote += re.findall(r'<link(?![^>]*rel="canonical")[^>]+href="(https?:[^"]+)"', source)
        assert not remote, f"{page.name} loads {remote}"


def test_a_failed_build_writes_no_zip(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "resources.yml").write_text("resources: [\n", encoding="utf-8")
    output = tmp_path / "offline.zip"
    result = make_offline(project, output)
    assert result.returncode == 1
    assert "data/resources.yml" in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


def test_a_forks_offline_copy_has_its_own_pages(tmp_path):
    project = copy_project(tmp_path / "project")
    output = tmp_path / "offline.zip"
    result = make_offline(project, output, "--config-file", EXAMPLE_CONFIG)
    assert result.returncode == 0, result.stderr
    folder = folder_of(output)
    assert folder == "safeguarding-and-social-media-at-riverside-youth-club"
    with zipfile.ZipFile(output) as archive:
        names = set(archive.namelist())
        assert {f"{folder}/our-guidelines.html", f"{folder}/tips.html", f"{folder}/assets/stylesheets/site.css"} <= names
        assert "#0b5d3b" in archive.read(f"{folder}/assets/stylesheets/site.css").decode()  # its own colours
        assert "Riverside Youth Club" in archive.read(f"{folder}/our-guidelines.html").decode()


@pytest.mark.browser
def test_pages_and_links_work_opened_from_disk(page, unzipped):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((unzipped / "index.html").as_uri())
    assert "Safeguarding and social media" in page.title()
    page.locator(".md-nav--primary a[href='tips.html']").first.click()
    page.wait_for_url("**/tips.html")
    assert page.locator("h1").inner_text().startswith("Useful tips")
    assert not errors, errors


@pytest.mark.browser
def test_search_works_opened_from_disk(page, unzipped):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((unzipped / "tips.html").as_uri())
    page.locator("input[data-md-component=search-query]").focus()
    page.keyboard.type("instant messaging", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() >= 1
    first = page.locator(".md-search-result__link").first.get_attribute("href")
    assert ".html" in first
    assert all(url.startswith("file:") or url.startswith("about:") for url in requests), \
        [url for url in requests if not url.startswith(("file:", "about:"))]
