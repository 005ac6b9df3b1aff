"""Shared fixtures: strict builds of the site and of the example organisation, each made once per test
run and shared by every worker (`make test` runs tests side by side with pytest-xdist), a local HTTP
server for them, a project copy to break on purpose, and headless Chromium (Debian's package) driven by
Playwright, started once per worker."""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from mkdocs_adapter import engine
from safeguarding_site import browser_checks, static_server

ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads; examples/ holds the example organisation, built in place by mkdocs.example.yml.
PROJECT_PARTS = ("docs", "data", "overrides", "browser", "styles", "examples", "mkdocs.yml",
                 "mkdocs.example.yml")
EXAMPLE_CONFIG = "mkdocs.example.yml"
CHROMIUM = browser_checks.CHROMIUM
CHROMIUM_ARGS = browser_checks.CHROMIUM_ARGS


# Fixtures that build a site, or run linkchecker against local servers: a test using any of them is slow,
# whatever it says (the markers in pyproject.toml).
SLOW_FIXTURES = {"built_site", "site_url", "instant_site_url", "fork_site", "fork_url", "changed_site",
                 "offline_zip", "unzipped", "small_site_run", "web", "two_runs", "all_working"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def fast_tests_build_nothing(request, monkeypatch):
    """A test not marked slow or browser must not build a site: `-m "not slow and not browser"` means that."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("browser"):
        return

    def refuse(*args, **kwargs):
        raise AssertionError(f"{request.node.nodeid} builds a site: mark it @pytest.mark.slow")
    monkeypatch.setattr(engine, "build", refuse)


def build_env() -> dict[str, str]:
    return engine.build_environment()


def run_build(project: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir` (mkdocs_adapter.engine); returns the outcome
    as a finished process (MkDocs' messages are in stderr)."""
    result = engine.build(project, site_dir, config, quiet=False, engine=os.environ.get("SITE_ENGINE", "mkdocs"))
    return subprocess.CompletedProcess(args=["mkdocs", "build"], returncode=result.returncode, stdout="",
                                       stderr=result.output)


def copy_project(target: Path) -> Path:
    """A throw-away copy of everything the build reads, to change without touching the repo."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def serve_directory(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; returns (server, base_url)."""
    running = static_server.start(directory)
    return running, running.url


@contextmanager
def locked(path: Path):
    """Hold an exclusive lock on `path` (a file made for it) while the block runs."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_once(tmp_path_factory, name: str, project: Path, config: str) -> Path:
    """A strict build of `project` with `config`, made once per test run: the first worker to ask builds it,
    the others wait for it and read the same folder (tests only read it)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder every worker's own folder is in
    site, done = root / name, root / f"{name}.built"
    with locked(root / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(site, ignore_errors=True)
            result = run_build(project, site, config=config)
            assert result.returncode == 0, f"strict build of {config} failed:\n{result.stdout}\n{result.stderr}"
            done.touch()
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with --strict."""
    return built_once(tmp_path_factory, "upstream-site", ROOT, "mkdocs.yml")


@pytest.fixture(scope="session")
def fork_site(tmp_path_factory) -> Path:
    """The example organisation (examples/riverside-youth-club) built as itself, once per test run."""
    return built_once(tmp_path_factory, "example-site", ROOT, EXAMPLE_CONFIG)


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site served over local HTTP."""
    server, url = serve_directory(built_site)
    yield url
    server.stop()


@pytest.fixture(scope="session")
def instant_site_url(tmp_path_factory):
    """The real site served at the very address it was built for (SITE_URL). Material's instant
    navigation only follows links listed in sitemap.xml, port included, so this is the site to use
    when a test must prove that pages are swapped in without a reload."""
    site = tmp_path_factory.mktemp("instant-site")
    server, url = serve_directory(site)
    result = engine.build(ROOT, site, "mkdocs.yml", env={"SITE_URL": url}, engine=os.environ.get("SITE_ENGINE", "mkdocs"))
    assert result.ok, f"strict build failed:\n{result.output}"
    yield url
    server.stop()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def built_pages(site: Path) -> list[Path]:
    """Every content page of a built site (not the 404 page)."""
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. `make test` installs it; without it these tests fail, not skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make browser` (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = browser_checks.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
