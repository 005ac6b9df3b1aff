"""Starting a fork, as a newcomer would: `make org` in a fresh checkout in a folder of another name,
refused until every placeholder is filled in, then a strict build and the fork's own tests pass. A copy
of the made-up example organisation is refused, naming what is left of it. And the traps people hit
get plain messages: a page left out of the menu list, a port already in use, a failed build on GitHub."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_env, copy_project, run_build
from fork_support import FAST_TESTS, checkout, commit_all, environment, fill_in_placeholders, git, make
from safeguarding_site import overlay_checks
from safeguarding_site.overlay_checks import text_problem

EXAMPLE_ORG = Path("examples") / "riverside-youth-club" / "org"


@pytest.mark.slow
def test_a_fork_started_with_make_org_is_refused_until_its_placeholders_are_filled_in(tmp_path):
    fork = checkout(tmp_path / "oak-tree-youth-group-site")
    assert [path.name for path in fork.parent.iterdir()] == [fork.name], "nothing may sit beside the checkout"

    started = make(fork, "org", "NAME=Oak Tree Youth Group")
    assert started.returncode == 0, started.stdout + started.stderr
    assert (fork / "mkdocs.org.yml").is_file() and (fork / "org" / "data" / "organisation.yml").is_file()
    assert 'name: "Oak Tree Youth Group"' in (fork / "org" / "data" / "organisation.yml").read_text(encoding="utf-8")

    again = make(fork, "org", "NAME=Someone Else")
    assert again.returncode != 0 and "already exist" in again.stderr
    assert "Oak Tree Youth Group" in (fork / "org" / "data" / "organisation.yml").read_text(encoding="utf-8")
    name_as_typed_or_none(fork)

    refused = make(fork, "build")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "Traceback" not in output
    assert re.search(r"org/data/organisation.yml, line \d+, field 'safeguarding_lead.name': still says"
                     r" \"FILL IN: your safeguarding lead's name\": write your own in its place", output), output[-3000:]
    assert re.search(r"mkdocs.org.yml, line \d+, field 'site_description': still says \"FILL IN:", output)
    assert not (fork / "site").exists(), "a refused build must not leave a site to publish"
    assert guides_example_of_a_failed_run() in output, "the guide's example must be what the build says"

    fill_in_placeholders(fork)
    built = make(fork, "build")
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    ours = (fork / "site" / "our-guidelines" / "index.html").read_text(encoding="utf-8")
    assert "Safeguarding and social media at Oak Tree Youth Group" in ours
    assert "Pat Lee" in (fork / "site" / "who-to-talk-to" / "index.html").read_text(encoding="utf-8")

    tested = make(fork, "test", FAST_TESTS)
    assert tested.returncode == 0, (tested.stdout + tested.stderr)[-4000:]
    assert re.search(r"\d+ passed", tested.stdout) and " skipped" not in tested.stdout


def guides_example_of_a_failed_run() -> str:
    """The message docs/for-organisations.md shows under "When a run fails"."""
    guide = (ROOT / "docs" / "for-organisations.md").read_text(encoding="utf-8")
    section = guide[guide.index("### 5. When a run fails"):]
    return re.search(r"```text\n(.*?)\n\s*```", section, re.S).group(1).strip()


def name_as_typed_or_none(fork: Path) -> None:
    """`make org` takes the name as typed, quotes and a stray ` included; a NAME that only the environment
    sets (some systems set it to the computer's name) is not taken for the organisation's."""
    aside = fork.parent / "aside"
    aside.mkdir()
    for own in ("org", "mkdocs.org.yml"):
        (fork / own).rename(aside / own)
    try:
        odd = 'St Mary`s "Youth" Club'
        started = make(fork, "org", f"NAME={odd}")
        assert started.returncode == 0, started.stdout + started.stderr
        data = (fork / "org" / "data" / "organisation.yml").read_text(encoding="utf-8")
        assert 'name: "St Mary`s \\"Youth\\" Club"' in data, data[:600]
        shutil.rmtree(fork / "org")
        (fork / "mkdocs.org.yml").unlink()
        unnamed = subprocess.run(["make", "--no-print-directory", "org"], cwd=fork, capture_output=True, text=True,
                                 timeout=300, env=environment(NAME="my-laptop"))
        assert unnamed.returncode != 0 and "give your organisation's name" in unnamed.stderr
        assert not (fork / "org").exists()
    finally:
        for own in ("org", "mkdocs.org.yml"):
            (aside / own).rename(fork / own)
        aside.rmdir()


def test_a_new_fork_taken_from_a_fork_leaves_the_forks_own_files_behind(tmp_path):
    """These tests start a fork from the project they run in, which may itself be a fork with its own files."""
    first = tmp_path / "first-fork"
    for name in ("mkdocs.yml", "docs/index.md", "examples/starter/mkdocs.org.yml", "organisation-notes.md"):
        (first / name).parent.mkdir(parents=True, exist_ok=True)
        (first / name).write_text("upstream\n", encoding="utf-8")
    git(first, "init", "--quiet", "--initial-branch=main")
    for name in ("mkdocs.org.yml", "org/data/organisation.yml", "org/docs/our-guidelines.md"):
        (first / name).parent.mkdir(parents=True, exist_ok=True)
        (first / name).write_text("the fork's own\n", encoding="utf-8")
    commit_all(first, "A fork with its own files")
    second = checkout(tmp_path / "second-fork", source=first)
    assert sorted(path.relative_to(second).as_posix() for path in second.rglob("*") if path.is_file()) == [
        "docs/index.md", "examples/starter/mkdocs.org.yml", "mkdocs.yml", "organisation-notes.md"]


def test_leftovers_of_the_example_are_found_however_they_are_written():
    details = overlay_checks.example_details({"name": "Riverside Youth Club", "contact": {"phone": "0191 498 0000"},
                                              "safeguarding_lead": {"name": "Sam Okafor", "phone": "0191 498 0123"}})
    for written in ("01914980123", "0191 4980123", "+44 191 498 0123", "+44 (0)191 498 0123", "0191-498-0000",
                    "Talk to sam  okafor", "The riverside youth club"):
        assert "comes from the made-up example organisation" in (text_problem(written, details) or ""), written
    for own in ("0191 498 01234", "Samuel Okafor", "Riverside Youth Clubhouse", "0191 498 0124"):
        assert text_problem(own, details) is None, own


def copy_of_the_example(project: Path, site_name: str, name: str) -> None:
    """What a newcomer might do instead of `make org`: copy the example's files and change the name."""
    shutil.copytree(project / EXAMPLE_ORG, project / "org")
    config = (project / "mkdocs.example.yml").read_text(encoding="utf-8")
    config = config.replace(EXAMPLE_ORG.as_posix(), "org").replace(
        "site_name: Safeguarding and social media at Riverside Youth Club", f"site_name: {site_name}")
    (project / "mkdocs.org.yml").write_text(config, encoding="utf-8")
    data = project / "org" / "data" / "organisation.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Riverside Youth Club", f"name: {name}", 1),
                    encoding="utf-8")


def refused_fork_build(project: Path, site: Path) -> str:
    """A strict build of the fork's own settings, which must stop with plain messages and leave no site."""
    result = run_build(project, site, config="mkdocs.org.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert not (site / "index.html").exists()
    return output


@pytest.mark.slow
def test_a_copy_of_the_example_with_only_its_name_changed_is_refused_naming_what_is_left(tmp_path):
    project = copy_project(tmp_path / "project")
    copy_of_the_example(project, "Safeguarding at Oak Tree", "Oak Tree Youth Group")
    output = refused_fork_build(project, tmp_path / "site")
    assert "problems in your organisation's files" in output
    for field, leftover in (("safeguarding_lead.name", "Sam Okafor"), ("safeguarding_lead.phone", "0191 498 0123"),
                            ("contact.email", "hello@riverside-youth.example.org"),
                            ("contact.address", "1 Example Street")):
        assert re.search(rf"org/data/organisation.yml, line \d+, (entry [^,]+, )?field '{re.escape(field)}':"
                         rf" \"{re.escape(leftover)}\" comes from the made-up example organisation", output), field
    assert re.search(r"org/docs/who-to-talk-to.md, line \d+: \"Riverside Youth Club\" comes from the made-up", output)
    assert "'riverside-logo.svg' is the made-up example organisation's logo" in output


@pytest.mark.slow
def test_a_fork_that_points_its_settings_at_the_example_itself_is_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(project / "mkdocs.example.yml", project / "mkdocs.org.yml")
    data = project / EXAMPLE_ORG / "data" / "organisation.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("name: Riverside Youth Club", "name: Oak Tree", 1),
                    encoding="utf-8")
    output = refused_fork_build(project, tmp_path / "site")
    assert ("Problem in mkdocs.org.yml: extra.organisation_dir is 'examples/riverside-youth-club/org', the made-up"
            " example organisation") in output
    assert 'make org NAME="' in output


@pytest.mark.slow
def test_a_copy_of_the_example_with_the_example_folder_deleted_is_still_refused(tmp_path):
    project = copy_project(tmp_path / "project")
    copy_of_the_example(project, "Safeguarding at Oak Tree", "Oak Tree Youth Group")
    shutil.rmtree(project / "examples")
    output = refused_fork_build(project, tmp_path / "site")
    assert ("examples/riverside-youth-club/org/data/organisation.yml: the file is missing. The build compares your"
            " files with this made-up example") in output
    assert "git checkout upstream/main -- examples" in output


@pytest.mark.slow
def test_a_page_left_out_of_the_menu_list_gets_a_warning_naming_it(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / EXAMPLE_ORG / "docs" / "summer-trips.md").write_text(
        "---\ntitle: Summer trips\ndescription: Our summer trips.\nlast_reviewed: 2026-11-29\nreview_in: 12 months\n"
        "---\n\n# Summer trips\n\nWhere we go.\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site", config="mkdocs.example.yml")
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"WARNING\s+-\s+examples/riverside-youth-club/org/docs/summer-trips.md is not listed under"
                     r" 'pages:' in examples/riverside-youth-club/org/data/organisation.yml", result.stderr)
    assert (tmp_path / "site" / "summer-trips" / "index.html").is_file()


def test_make_serve_on_a_port_in_use_says_so_and_shows_port(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(["make", "--no-print-directory", "serve", f"PORT={port}"], cwd=ROOT,
                                capture_output=True, text=True, timeout=120, env=build_env())
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_a_failed_build_on_github_puts_the_plain_message_at_the_top_of_the_job_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    resources = project / "data" / "resources.yml"
    resources.write_text(resources.read_text(encoding="utf-8").replace("url: http://www.irights.uk", "url: irights"),
                         encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, "-m", "mkdocs_adapter.engine", "build", "--config", "mkdocs.yml"],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**build_env(), "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## The site did not build")
    assert re.search(r"data/resources.yml, line \d+, entry 'irights' \(resources #\d+\), field 'url'", text)
    assert re.search(r"^::error file=data/resources.yml,line=\d+,title=The site did not build::", result.stdout, re.M)
    assert not (project / "site").exists()


@pytest.mark.slow
def test_a_link_that_leads_nowhere_is_named_by_file_and_line_in_the_job_summary(tmp_path):
    """The commonest mistake in a page of one's own stops a strict build as a warning: the summary names it,
    and only it (an overdue review is advice, which does not stop the build)."""
    project = copy_project(tmp_path / "project")
    page = project / EXAMPLE_ORG / "docs" / "new-volunteers.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("Ask us about our [summer camp](camp.md).")
    page.write_text("\n".join(lines).replace("last_reviewed: 2026-11-03", "last_reviewed: 2020-11-03") + "\n",
                    encoding="utf-8")
    summary = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, "-m", "mkdocs_adapter.engine", "build", "--config", "mkdocs.example.yml"],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**build_env(), "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    text = summary.read_text(encoding="utf-8")
    where = f"examples/riverside-youth-club/org/docs/new-volunteers.md, line {len(lines)}"
    assert f"{where}: the link 'camp.md' leads to no page or file of the site" in text
    assert "Review overdue" in result.stdout and "Review overdue" not in text
    assert f"::error file=examples/riverside-youth-club/org/docs/new-volunteers.md,line={len(lines)}," in result.stdout
