"""An organisation's copy, started with `make org`'s starter and filled in, built as `make build` builds it
(mkdocs_adapter.engine): each kind of everyday mistake stops the build with one plain message naming the
file, the line and the field, and what to write instead, and the site already published is left as it
was; a 5.9 MB photo as the logo is published web-sized; a successful build prints a short summary."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import copy_project
from fork_support import fill_in_placeholders
from mkdocs_adapter import engine
from photo_support import make_photo
from safeguarding_site.starter import start

pytestmark = pytest.mark.slow
ORG = "org/data/organisation.yml"
PAGE = "org/docs/who-to-talk-to.md"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """Oak Tree Youth Group's copy, filled in and built once into site/."""
    project = copy_project(tmp_path_factory.mktemp("oak") / "project")
    start(project, "Oak Tree Youth Group")
    fill_in_placeholders(project)
    assert engine.main(["--project", str(project), "build"]) == 0
    return project


def build(project: Path, capsys) -> tuple[int, str]:
    code = engine.main(["--project", str(project), "build"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def edit(project: Path, file: str, old: str, new: str, encoding: str = "utf-8") -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))


def logo(project: Path, name: str, line: str) -> None:
    make_photo(project / "org" / "docs" / "assets" / name, 1200, 900, quality=90)
    edit(project, ORG, "# logo: assets/logo.svg", line)


MISTAKES = {
    "a tab": (lambda p: edit(p, ORG, "  role: Designated", "\trole: Designated"),
              rf"{ORG}, line \d+: this is not valid YAML: this line starts with a tab, and YAML takes only spaces .*"
              r"replace the tab with spaces"),
    "a title with a colon": (lambda p: edit(p, PAGE, "title: Who to talk to", "title: Who to talk to: our lead"),
                             rf"{PAGE}: the front matter between the --- lines is not valid YAML on line 2: the value of"
                             r" 'title' has a colon .* put the value in quotes, like title: \"Who to talk to: our lead\""),
    "a block half out of its notes": (
        lambda p: edit(p, ORG, '#   primary: "#1b5e20"', '  primary: "#1b5e20"'),
        rf"{ORG}, line \d+: this is not valid YAML: this line is indented under 'colours:' on line \d+, which is still"
        r" a note"),
    "a logo with a space": (lambda p: logo(p, "Our Logo.jpg", "logo: assets/Our Logo.jpg"),
                            rf"{ORG}, line \d+, field 'logo': 'assets/Our Logo.jpg' has a space in it.* such as"
                            r" our-logo.jpg, and write logo: assets/our-logo.jpg"),
    "a logo in another folder": (lambda p: logo(p, "../../logo.jpg", "logo: assets/logo.jpg"),
                                 rf"{ORG}, line \d+, field 'logo': there is no file org/docs/assets/logo.jpg, but there"
                                 r" is org/logo.jpg: .* move it to org/docs/assets/logo.jpg"),
    "a colour written rgb()": (lambda p: edit(p, ORG, '# colours:\n#   primary: "#1b5e20"',
                                              "colours:\n  primary: rgb(27, 94, 32)"),
                               rf"{ORG}, line \d+, field 'colours.primary': 'rgb\(27, 94, 32\)' is not written the way"
                               r" this file needs: write primary: \"#1b5e20\""),
    "a phone left unquoted": (lambda p: edit(p, ORG, '"0191 555 9876"', "01915559876"),
                              rf"{ORG}, line \d+, field 'safeguarding_lead.phone': is read as a number \(1915559876\),"
                              r" not as text, so its first 0 is lost: put it in quotes, like phone: \"01915559876\""),
    "an email without @": (lambda p: edit(p, ORG, "pat.lee@oaktree", "pat.lee.oaktree"),
                           rf"{ORG}, line \d+, field 'safeguarding_lead.email': 'pat.lee.oaktree-youth.org.uk' has no"
                           r" @ in it: write the whole address"),
    "a file saved as Windows-1252": (lambda p: edit(p, ORG, "Oak Tree Hall", "Oak Tree Café", encoding="cp1252"),
                                     rf"{ORG}, line \d+: the file is not saved as UTF-8 \(it looks like Windows-1252,"
                                     r" also called ANSI\): this line has '©' .* Save it again as UTF-8"),
    "INHERIT deleted": (lambda p: edit(p, "mkdocs.org.yml", "INHERIT: mkdocs.yml\n", ""),
                        r"mkdocs.org.yml, field 'INHERIT': the line 'INHERIT: mkdocs.yml' is missing, .* put it back"
                        r" near the top of the file: INHERIT: mkdocs.yml"),
    "organisation_dir deleted": (lambda p: edit(p, "mkdocs.org.yml", "  organisation_dir: org\n", ""),
                                 r"mkdocs.org.yml, line \d+, field 'extra.organisation_dir': the line '  organisation_dir:"
                                 r" org' is missing, .* put it back under 'extra:'"),
    "org/ without mkdocs.org.yml": (lambda p: (p / "mkdocs.org.yml").unlink(),
                                    r"org/: there is an org/ folder but no mkdocs.org.yml beside it, so org/ is ignored"
                                    r".* make org NAME=\"Your organisation's name\""),
    "an inline style": (lambda p: edit(p, PAGE, "happened.", 'happened.\n\n<p style="color: red">In an'
                                                                   " emergency, call 999.</p>"),
                        rf"{PAGE}, line \d+: an inline style \(style=\"color: red\"\) is blocked by the site's security"
                        r" policy, .* a call-out box"),
    "an embedded video": (lambda p: edit(p, PAGE, "happened.", 'happened.\n\n<iframe src="https://www.youtube'
                                                                    '.com/embed/abc123"></iframe>'),
                          rf"{PAGE}, line \d+: an <iframe> showing another site .* like \[Watch the video\]"
                          r"\(https://www.youtube.com/watch\?v=abc123\)"),
    "a script": (lambda p: edit(p, PAGE, "happened.", "happened.\n\n<script>alert('hi')</script>"),
                 rf"{PAGE}, line \d+: a <script> is blocked by the site's security policy and would not run"),
    "a picture from another site": (lambda p: edit(p, PAGE, "happened.", "happened.\n\n![Our team]"
                                                                              "(https://oaktree-youth.org.uk/team.jpg)"),
                                    rf"{PAGE}, line \d+: the picture https://oaktree-youth.org.uk/team.jpg comes from"
                                    r" another site.* write !\[Our team\]\(assets/its-name.jpg\)"),
    "a picture browsers do not show": (lambda p: ((p / "org/docs/assets/IMG_0042.heic").write_bytes(b"\0" * 64),
                                                  edit(p, PAGE, "happened.",
                                                       "happened.\n\n![Us](assets/IMG_0042.heic)")),
                                       rf"{PAGE}, line \d+: the picture assets/IMG_0042.heic is a HEIC file, which"
                                       r" browsers do not show: save it as JPEG"),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_each_kind_of_mistake_stops_the_build_with_one_message_and_publishes_nothing(published, tmp_path, capsys, case):
    project = tmp_path / "project"
    shutil.copytree(published, project, ignore=shutil.ignore_patterns(".site-build"))
    before = (project / "site" / "index.html").read_bytes()
    mistake, expected = MISTAKES[case]
    mistake(project)
    code, output = build(project, capsys)
    assert code == 1
    assert re.search(expected, output), output[-3000:]
    assert "Traceback" not in output and "INFO" not in output
    assert (project / "site" / "index.html").read_bytes() == before, "the published site must be left as it was"
    assert not (project / ".site-build").exists()


def test_a_5_9_mb_photo_as_the_logo_is_published_web_sized_and_the_build_sums_up(published, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(published, project)
    photo = make_photo(project / "org" / "docs" / "assets" / "logo.jpg")
    assert photo.stat().st_size > 5_500_000
    edit(project, ORG, "# logo: assets/logo.svg", "logo: assets/logo.jpg")
    code, output = build(project, capsys)
    assert code == 0, output[-3000:]
    assert re.fullmatch(r"Building mkdocs.org.yml \(strict\) into site/\nBuilt the site from mkdocs.org.yml: \d+ pages"
                        r" in \d+\.\d s, no warnings.\nThe site is in site/. To see it, run: make serve\n", output), output
    assets = project / "site" / "assets"
    assert (assets / "logo.jpg").stat().st_size < 16_000 and (assets / "logo.96h.webp").stat().st_size < 16_000
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<picture><source type="image/webp" srcset="assets/logo.96h.webp"><img src="assets/logo.jpg"' in home
    assert not (assets / "README.md").exists(), "the note in org/docs/assets/ is not published"
