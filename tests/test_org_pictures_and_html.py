"""The core's checks and transformations for an organisation's copy, without a build: web copies of
pictures (a real 5.9 MB photo from Pillow), refused raw HTML, the security policy hashing only the site's
own scripts, the organisation's name in the header, the settings file, and the build's summary."""
from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT
from photo_support import make_photo
from safeguarding_site import build_summary, pictures, raw_html, security_policy, settings_file
from safeguarding_site.organisation_header import name_in_header
from safeguarding_site.picture_markup import with_web_copies
from safeguarding_site.starter import start


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    return make_photo(tmp_path_factory.mktemp("photo") / "logo.jpg")


def test_a_5_9_mb_photo_as_a_logo_becomes_a_few_kb_without_its_location(photo):
    assert 5_500_000 < photo.stat().st_size < 6_500_000
    made = pictures.make_web_picture(photo, "assets/logo.jpg", "logo", "org/docs/assets/logo.jpg")
    webp = made.modern[-1]
    assert webp.path == "assets/logo.96h.webp" and webp.height == 96
    assert len(webp.content) <= pictures.LOGO_LIMIT and len(made.fallback.content) <= pictures.LOGO_LIMIT
    for copy in made.copies:
        image = Image.open(io.BytesIO(copy.content))
        assert image.height == 96 and not image.getexif().get(0x8825), "no GPS data is published"
    assert Image.open(io.BytesIO(made.fallback.content)).format == "JPEG"


def test_a_picture_in_a_page_gets_copies_for_phones_and_wide_screens(photo):
    made = pictures.make_web_picture(photo, "assets/hall.jpg", "picture", "x")
    assert [copy.width for copy in made.modern] == [480, 960]
    assert all(len(copy.content) <= pictures.PICTURE_LIMIT for copy in made.modern)
    assert made.fallback.path == "assets/hall.jpg" and made.fallback.width == 960


def test_a_picture_that_cannot_be_made_small_is_refused_naming_the_file_and_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(pictures, "PICTURE_LIMIT", 20_000)  # what no copy of pure noise can get under
    noise = tmp_path / "docs" / "assets" / "noise.png"
    noise.parent.mkdir(parents=True)
    Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(noise)  # no picture is harder to shrink
    (tmp_path / "docs" / "ours.md").write_text("# Ours\n\nText.\n\n![Static](assets/noise.png)\n", encoding="utf-8")
    found, problems = pictures.web_pictures(tmp_path / "docs", "org")
    assert not found and len(problems) == 1
    assert re.fullmatch(r"org/docs/ours.md, line 5: the picture assets/noise.png is \d\.\d MB \(1,600 × 1,200 pixels\),"
                        r" and even made 480 pixels wide, as WebP .* it would be \d+ KB, more than the 20 KB a"
                        r" picture may add to a page: crop it to what matters, or choose a simpler picture",
                        str(problems[0])), str(problems[0])


def test_a_picture_too_big_to_read_and_an_svg_with_a_photo_inside_are_refused_with_their_size(tmp_path):
    (tmp_path / "assets").mkdir()
    Image.new("RGB", (8000, 8000), "white").save(tmp_path / "assets" / "poster.png")
    (tmp_path / "assets" / "logo.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;'
                                                  f'base64,{"A" * 40_000}"/></svg>', encoding="utf-8")
    _, problems = pictures.web_pictures(tmp_path, "org", logo="assets/logo.svg", logo_where=("org/data/organisation.yml", 18))
    said = " | ".join(map(str, problems))
    assert ("org/data/organisation.yml, line 18, field 'logo': org/docs/assets/logo.svg is an SVG of 40 KB; an SVG logo"
            " or drawing is a few KB") in said
    assert re.search(r"org/docs/assets/poster.png: has 64 million pixels \(8,000 × 8,000\), more than any picture the"
                     r" site can show", said), said


def test_a_picture_browsers_do_not_show_or_that_is_damaged_is_refused(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "IMG_0001.HEIC").write_bytes(b"\0" * 100)
    (tmp_path / "assets" / "broken.png").write_bytes(b"not a picture")
    _, problems = pictures.web_pictures(tmp_path, "org")
    said = " | ".join(map(str, problems))
    assert "org/docs/assets/IMG_0001.HEIC: is a HEIC file, which browsers do not show: save it as JPEG" in said
    assert "org/docs/assets/broken.png: cannot be read as a picture" in said


def test_pages_show_the_web_copies_with_their_size_and_the_logo_is_not_lazy(photo):
    logo = pictures.make_web_picture(photo, "assets/logo.jpg", "logo", "x")
    hall = pictures.make_web_picture(photo, "assets/hall.jpg", "picture", "x")
    page = ('<a class="md-logo"><img src="../assets/logo.jpg" alt="logo"></a>'
            '<p><img alt="Our hall" src="../assets/hall.jpg"></p><img src="https://elsewhere.org/x.jpg">')
    html = with_web_copies(page, "who-to-talk-to/index.html", {"assets/logo.jpg": logo, "assets/hall.jpg": hall})
    assert ('<picture><source type="image/webp" srcset="../assets/logo.96h.webp"><img alt="logo" width="128"'
            ' height="96" decoding="async"') in html.replace(' src="../assets/logo.jpg"', "")
    assert ('srcset="../assets/hall.480w.webp 480w, ../assets/hall.960w.webp 960w"' in html
            and 'alt="Our hall" width="960" height="720" loading="lazy"' in html)
    assert '<img src="https://elsewhere.org/x.jpg">' in html


RAW_HTML = {
    '<p style="color: red">In an emergency, call 999.</p>':
        r'an inline style \(style="color: red"\) is blocked by the site\'s security policy, so the page would show'
        r' without it: use what the site already styles: \*\*bold\*\* for emphasis, or a call-out box',
    '<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>':
        r"an <iframe> showing another site .* link to it instead, like \[Watch the video\]"
        r"\(https://www.youtube.com/watch\?v=dQw4w9WgXcQ\)",
    '<embed src="https://maps.example.com/map">': r"an <embed> showing another site",
    '<object data="https://example.com/a.pdf"></object>': r"an <object> showing another site",
    "<script>document.write('hi')</script>": r"a <script> is blocked .* would not run: take it out",
    '<script src="https://counter.example.com/c.js"></script>': r"a <script> from https://counter.example.com/c.js",
    '<img src="https://www.oaktree.org.uk/team.jpg" alt="Team">':
        r"a picture from another site \(https://www.oaktree.org.uk/team.jpg\) .* save the picture into"
        r" org/docs/assets/",
    "![Team](https://www.oaktree.org.uk/team.jpg)": r"the picture https://www.oaktree.org.uk/team.jpg comes from"
                                                    r" another site.* write !\[Team\]\(assets/its-name.jpg\)",
    '<video src="https://cdn.example.com/v.mp4"></video>': r"a video or sound from another site .* link to it",
    '<a href="#" onclick="go()">Go</a>': r"a script in an attribute \(onclick=...\) is blocked",
    "Call 999 now\n{: style=\"color: red\" }": r"an inline style \(\{ style=... \}\) is blocked",
}


@pytest.mark.parametrize("markup", RAW_HTML, ids=range(len(RAW_HTML)))
def test_raw_html_the_policy_would_block_is_refused_with_its_line_and_what_to_do(markup):
    page = f"---\ntitle: Ours\n---\n\n# Ours\n\n{markup}\n"
    problems = raw_html.page_problems(page, "org/docs/ours.md")
    assert problems, markup
    assert re.search(r"^org/docs/ours.md, line (7|8): " + RAW_HTML[markup], str(problems[0])), str(problems[0])


def test_html_shown_as_code_and_plain_markdown_are_left_alone():
    page = ("# Ours\n\nWrite `<script>` or `style=\"...\"` as code.\n\n```html\n<iframe src=\"https://x.org\">"
            "</iframe>\n```\n\n**In an emergency, call 999.**\n\n![Hall](assets/hall.jpg)\n\n"
            "<details><summary>More</summary>Text</details>\n")
    assert raw_html.page_problems(page, "org/docs/ours.md") == []


def test_the_policy_hashes_the_sites_own_inline_scripts_never_one_in_the_pages_text():
    own, pasted = "document.documentElement.classList.add('js')", "alert('hello')"
    page = (f"<html><head><script>{own}</script></head><body><article class=\"md-content__inner md-typeset\">"
            f"<article class=\"card\">A card</article><p>Text</p><script>{pasted}</script></article>"
            "<footer><script type=\"application/json\">{}</script></footer></body></html>")
    hashes = security_policy.inline_script_hashes(page)
    assert hashes == security_policy.inline_script_hashes(f"<script>{own}</script>")
    assert security_policy.inline_script_hashes(f"<script>{pasted}</script>")[0] not in \
        security_policy.content_security_policy(page)


HEADER = ('<a href="." title="S" class="md-header__button md-logo" aria-label="S" data-md-component="logo">'
          '<img src="assets/logo.png" alt="logo"></a><div class="md-header__title" data-md-component="header-title">'
          '<div class="md-header__ellipsis"><div class="md-header__topic">\n<span class="md-ellipsis">\n'
          "{name}\n</span>\n</div>")


def test_the_header_keeps_the_organisations_name_apart_and_its_logo_in_view():
    html = name_in_header(HEADER.format(name="Safeguarding and social media at Oak &amp; Ash Club"), "Oak & Ash Club",
                          has_logo=True)
    assert ('<span class="md-ellipsis site-header-name"><span class="site-header-name__rest">Safeguarding and social'
            ' media at </span><span class="site-header-name__org">Oak &amp; Ash Club</span></span>') in html
    assert "md-logo site-header-logo" in html and "md-header__title site-header-title" in html
    other = name_in_header(HEADER.format(name="Online safety"), "Oak Club", has_logo=False)
    assert ('<span class="site-header-name__rest">Online safety – </span><span class="site-header-name__org">'
            "Oak Club</span>") in other and "site-header-logo" not in other


@pytest.fixture
def fork(tmp_path) -> Path:
    project = tmp_path / "fork"
    shutil.copytree(ROOT / "examples", project / "examples")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    start(project, "Oak Tree Youth Group")
    return project


SETTINGS = {
    "INHERIT deleted": ("INHERIT: mkdocs.yml\n", "", "field 'INHERIT': the line 'INHERIT: mkdocs.yml' is missing,"
                        " so none of the site's own settings (its menu, theme, search and checks) would be used: put"
                        " it back near the top of the file: INHERIT: mkdocs.yml"),
    "organisation_dir deleted": ("  organisation_dir: org\n", "", "field 'extra.organisation_dir': the line"
                                 " '  organisation_dir: org' is missing, so your org/ folder (your details, pages and"
                                 " guidelines) would not be used: put it back under 'extra:'"),
    "docs_dir deleted": ("docs_dir: org/docs\n", "", "field 'docs_dir': the line 'docs_dir: org/docs' is missing:"
                         " with organisation_dir set to 'org', docs_dir must be 'org/docs'"),
    "docs_dir wrong": ("docs_dir: org/docs\n", "docs_dir: docs\n", "field 'docs_dir': with organisation_dir set to"
                       " 'org', docs_dir must be 'org/docs' (your own pages; the site's pages fill in the rest): write"
                       " docs_dir: org/docs"),
    "site_name deleted": ('site_name: "Safeguarding and social media at Oak Tree Youth Group"\n', "",
                          "field 'site_name': the line 'site_name: ...' is missing, so your site would take our site's"
                          ' name: put it back: site_name: "Safeguarding and social media at Oak Tree Youth Group"'),
    "organisation_dir not under extra": ("\n  organisation_dir: org\n", "\norganisation_dir: org\n",
                                         "field 'organisation_dir': organisation_dir belongs under 'extra:', indented"
                                         " by two spaces"),
}


@pytest.mark.parametrize("case", SETTINGS, ids=list(SETTINGS))
def test_each_required_line_of_the_settings_file_is_named_with_the_line_to_put_back(fork, case):
    old, new, expected = SETTINGS[case]
    config = fork / "mkdocs.org.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new), encoding="utf-8")
    said = [str(problem) for problem in settings_file.settings_problems(fork, config)]
    assert len(said) == 1 and said[0].startswith("mkdocs.org.yml") and expected in said[0], said


def test_an_org_folder_without_its_settings_file_is_named_and_make_org_writes_only_that_file(fork):
    (fork / "mkdocs.org.yml").unlink()
    problem = settings_file.org_without_settings(fork)
    assert str(problem).startswith("org/: there is an org/ folder but no mkdocs.org.yml beside it, so org/ is ignored")
    assert 'make org NAME="Your organisation\'s name"' in str(problem)
    assert settings_file.problems_before_the_build(fork, fork / "mkdocs.yml", chosen_by_default=False) == []
    assert [path.name for path in start(fork, "Oak Tree Youth Group")] == ["mkdocs.org.yml"]
    assert settings_file.org_without_settings(fork) is None


def test_the_starter_has_the_pictures_folder_with_a_note_the_build_does_not_publish():
    note = ROOT / "examples" / "starter" / "org" / "docs" / "assets" / "README.md"
    assert "Upload files" in note.read_text(encoding="utf-8")
    from safeguarding_site.overlay import is_note_for_people, markdown_pages
    assert is_note_for_people("assets/README.md") and "assets/README.md" not in markdown_pages(note.parent.parent)


def test_a_successful_build_is_summed_up_in_a_few_plain_lines():
    output = ("INFO    -  [macros] - Config variables: [...]\nWARNING -  org/docs/trips.md is not listed under"
              " 'pages:'\nINFO    -  Documentation built in 0.67 seconds\n")
    text = build_summary.summary("mkdocs.org.yml", 18, build_summary.warnings_in(output), "site", 2.04)
    assert text == ("Built the site from mkdocs.org.yml: 18 pages in 2.0 s, 1 warning.\n"
                    "The site is built; these are worth a look:\n  - org/docs/trips.md is not listed under 'pages:'\n"
                    "The site is in site/. To see it, run: make serve")
    assert "INFO" not in text and "error" not in text.lower()
