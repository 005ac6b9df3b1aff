"""`make offline` (scripts/offline.py): a zipped copy of the site that works opened straight from disk,
search included, and loads nothing from any other website."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, build_env, copy_project

EXAMPLE = ROOT / "examples" / "riverside-youth-club"
FOLDER = "safeguarding-and-social-media"

pytestmark = pytest.mark.slow


def make_offline(project: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the project's own scripts/offline.py, as `make offline` does."""
    return subprocess.run([sys.executable, str(project / "scripts" / "offline.py"), "--output", str(output), *args],
                          cwd=project, capture_output=True, text=True, env=build_env(), timeout=300)


def with_script(project: Path) -> Path:
    (project / "scripts").mkdir(exist_ok=True)
    for name in ("offline.py", "offline_worker.js"):
        shutil.copy2(ROOT / "scripts" / name, project / "scripts" / name)
    return project


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("offline") / "offline.zip"
    result = make_offline(ROOT, output)
    assert result.returncode == 0, f"make offline failed:\n{result.stdout}\n{result.stderr}"
    assert not list(ROOT.glob(".offline-*.yml")), "the temporary config was left behind"
    return output


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / FOLDER


def test_zip_holds_one_folder_with_an_index_page(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert f"{FOLDER}/index.html" in names
    assert {name.split("/")[0] for name in names} == {FOLDER}
    assert f"{FOLDER}/tips.html" in names and f"{FOLDER}/search/search_index.js" in names


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
    project = with_script(copy_project(tmp_path / "project"))
    (project / "data" / "resources.yml").write_text("resources: [\n", encoding="utf-8")
    output = tmp_path / "offline.zip"
    result = make_offline(project, output)
    assert result.returncode == 1
    assert "data/resources.yml" in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


def test_a_forks_offline_copy_has_its_own_pages(tmp_path):
    project = with_script(copy_project(tmp_path / "project"))
    shutil.copytree(EXAMPLE / "org", project / "org")
    shutil.copy2(EXAMPLE / "mkdocs.org.yml", project / "mkdocs.org.yml")
    output = tmp_path / "offline.zip"
    result = make_offline(project, output, "--config-file", "mkdocs.org.yml")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        folder = "safeguarding-and-social-media-at-riverside-youth-club"
        names = set(archive.namelist())
        assert {f"{folder}/our-guidelines.html", f"{folder}/tips.html",
                f"{folder}/assets/stylesheets/organisation.css"} <= names
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
