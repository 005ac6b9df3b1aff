"""An organisation's copy in Chromium: its name (short_name) and its logo are on the first screen at 320,
375 and 1280 pixels wide, in both colour schemes, the name not cut and the logo drawn from its web copy;
and the header of its pages stays clean for axe."""
from __future__ import annotations

import pytest

from browser_support import axe_script, axe_violations, browser_page, describe_violations
from conftest import copy_project, serve_directory
from fork_support import fill_in_placeholders
from mkdocs_adapter import engine
from photo_support import make_photo
from safeguarding_site.starter import start

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHORT_NAME = "Oak Tree Youth Group"


@pytest.fixture(scope="module")
def oak_url(tmp_path_factory):
    """Oak Tree Youth Group's copy, with a 5.9 MB phone photo as its logo and its short name set."""
    project = copy_project(tmp_path_factory.mktemp("oak-header") / "project")
    start(project, "Oak Tree Youth Group and Family Centre")
    fill_in_placeholders(project)
    make_photo(project / "org" / "docs" / "assets" / "logo.jpg")
    data = project / "org" / "data" / "organisation.yml"
    text = data.read_text(encoding="utf-8").replace("# logo: assets/logo.svg", "logo: assets/logo.jpg")
    data.write_text(text.replace("# short_name: ", f'short_name: "{SHORT_NAME}"  # ', 1), encoding="utf-8")
    site = project.parent / "site"
    result = engine.build(project, site)
    assert result.ok, result.output[-3000:]
    server, url = serve_directory(site)
    yield url
    server.stop()


SEEN = """() => {
  const name = document.querySelector('.md-header__topic:first-child .site-header-name__org');
  const logo = document.querySelector('.md-header__button.md-logo img');
  const box = element => { const r = element.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return {text: name.textContent, name: box(name), cut: name.scrollWidth > name.clientWidth + 1
            || name.scrollHeight > name.clientHeight + 1,
          logo: box(logo), drawn: logo.complete && logo.naturalWidth > 0, source: logo.currentSrc,
          header: box(document.querySelector('.md-header'))};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_organisations_name_and_logo_are_on_the_first_screen(browser, oak_url, width, scheme):
    with browser_page(browser, width=width, scheme=scheme) as page:
        for address in ("", "who-to-talk-to/", "tips/"):
            page.goto(oak_url + address)
            page.wait_for_function("document.querySelector('.md-header__button.md-logo img').complete")
            seen = page.evaluate(SEEN)
            assert seen["text"] == SHORT_NAME
            assert not seen["cut"], f"the organisation's name is cut at {width}px: {seen}"
            for part in ("name", "logo"):
                left, top, right, bottom = seen[part]
                assert 0 <= left < right <= width and 0 <= top < bottom <= seen["header"][3], (part, width, seen)
            assert seen["drawn"] and seen["source"].endswith("assets/logo.96h.webp"), seen


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_header_with_the_organisations_name_and_logo_passes_axe_on_a_phone(browser, oak_url, scheme):
    with browser_page(browser, width=320, scheme=scheme) as page:
        page.goto(oak_url)
        violations = axe_violations(page, axe_script())
        assert not violations, describe_violations(violations)
