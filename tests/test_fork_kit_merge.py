"""A fork keeps taking upstream updates with the one documented command, `make update`, on git's
default settings (no pull.rebase, not even a name): upstream changes content, data, theme and
workflows after the fork started its own copy, and the update merges them with no conflicts, then
builds the result and runs the checks that need no system packages: it never calls apt-get or sudo, so
it needs no root, and it says that the browser checks run when the site is published."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from fork_support import checkout, commit_all, environment, fill_in_placeholders, git, make

pytestmark = pytest.mark.slow


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_TOPIC = """
  - id: team-meetings
    title: Talking about social media as a team
    question: How often do you talk about social media use at team meetings and with trustees?
    why: Regular talk keeps everyone's practice up to date as the services people use change.
"""


def test_make_update_merges_upstream_content_data_theme_and_workflow_changes_without_conflicts(tmp_path):
    # Upstream: the project as it is, committed.
    upstream = checkout(tmp_path / "upstream")
    git(upstream, "init", "--quiet", "--initial-branch=main")
    commit_all(upstream, "Upstream")

    # The fork: a clone, started with `make org` and filled in, as docs/for-organisations.md says.
    fork = tmp_path / "oak-tree-site"
    git(tmp_path, "clone", "--quiet", str(upstream), str(fork))
    git(fork, "remote", "add", "upstream", str(upstream))
    assert make(fork, "org", "NAME=Oak Tree Youth Group").returncode == 0
    fill_in_placeholders(fork)
    git(fork, "add", "org", "mkdocs.org.yml")
    git(fork, "commit", "--quiet", "-m", "Our organisation")

    # Upstream moves on: a page, the data (a resource and a new guideline topic), the theme and a workflow.
    edit(upstream / "docs" / "tips.md", "# Useful tips\n", "# Useful tips\n\nA new upstream paragraph about tips.\n")
    resources = upstream / "data" / "resources.yml"
    resources.write_text(re.sub(r"(?m)^(    offers: )(?!>)(.*)$", r"\1\2 Updated upstream.",
                                resources.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    (upstream / "data" / "guidelines.yml").write_text(
        (upstream / "data" / "guidelines.yml").read_text(encoding="utf-8") + NEW_TOPIC, encoding="utf-8")
    edit(upstream / "overrides" / "main.html", "{% block extrahead %}\n",
         "{% block extrahead %}\n  <meta name=\"upstream-theme-change\" content=\"Theme changed upstream.\">\n")
    edit(upstream / ".github" / "workflows" / "deploy.yml", "timeout-minutes: 20", "timeout-minutes: 40")
    commit_all(upstream, "Upstream improvements")

    # The fork takes the update with the documented command, on a git that has no settings at all, on a
    # machine where any call to apt-get or sudo (which need root) would be caught.
    caught = tmp_path / "root-tools-called"
    root_tools = tmp_path / "root-tools"
    root_tools.mkdir()
    for tool in ("apt-get", "apt", "sudo", "dpkg"):
        (root_tools / tool).write_text(f'#!/bin/sh\necho "{tool} $*" >> "{caught}"\nexit 1\n', encoding="utf-8")
        (root_tools / tool).chmod(0o755)
    update = make(fork, "update", env={"PATH": f"{root_tools}:{environment()['PATH']}"})
    output = update.stdout + update.stderr
    assert update.returncode == 0, output[-4000:]
    assert not caught.exists(), f"make update called a tool that needs root: {caught.read_text()}"
    assert "CONFLICT" not in output and "divergent" not in output
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert git(fork, "status", "--porcelain").stdout == ""
    assert git(fork, "log", "--merges", "--format=%an").stdout.strip() == "Site update"
    assert "links and pictures inside the site ... ok" in update.stdout, "make update did not check the site"
    said = [line for line in update.stdout.splitlines() if "when your site is published" in line]
    assert said == ["The accessibility, security-policy and page-weight checks in a browser, and the HTML"
                    " validator, run when your site is published (or here with make check)."], update.stdout[-3000:]

    # It built the merged site: the upstream changes and the fork's own overlay.
    site = fork / "site"
    assert "A new upstream paragraph about tips." in (site / "tips" / "index.html").read_text(encoding="utf-8")
    assert "Updated upstream." in (site / "resources" / "index.html").read_text(encoding="utf-8")
    ours = (site / "our-guidelines" / "index.html").read_text(encoding="utf-8")
    assert 'name="upstream-theme-change"' in ours
    assert '<section class="guideline guideline--to-decide" id="guideline-team-meetings"' in ours
    assert "Oak Tree Youth Group" in ours
    assert "timeout-minutes: 40" in (fork / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")


def test_make_update_without_an_upstream_remote_says_how_to_add_one(tmp_path):
    fork = checkout(tmp_path / "fork")
    git(fork, "init", "--quiet", "--initial-branch=main")
    commit_all(fork, "Fork")
    result = make(fork, "update")
    assert result.returncode != 0
    assert "git remote add upstream https://github.com/OWNER/REPOSITORY.git" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_the_update_merges_whatever_pull_settings_this_git_has(tmp_path):
    """pull.rebase=true would rewrite the fork's own commits and pull.ff=only refuses a merge: the update's
    own options win over both, and it still needs no name."""
    upstream, fork = tmp_path / "upstream", tmp_path / "fork"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch=main")
    (upstream / "page.md").write_text("upstream\n", encoding="utf-8")
    commit_all(upstream, "Upstream")
    git(tmp_path, "clone", "--quiet", str(upstream), str(fork))
    git(fork, "remote", "add", "upstream", str(upstream))
    for setting, value in (("pull.rebase", "true"), ("pull.ff", "only")):
        git(fork, "config", setting, value)
    (fork / "org.md").write_text("ours\n", encoding="utf-8")
    commit_all(fork, "Ours")
    (upstream / "page.md").write_text("upstream, improved\n", encoding="utf-8")
    commit_all(upstream, "Upstream improved")

    result = subprocess.run(["bash", str(ROOT / "scripts" / "update.sh")], cwd=fork, capture_output=True, text=True,
                            timeout=120, env=environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert (fork / "page.md").read_text(encoding="utf-8") == "upstream, improved\n"
    assert git(fork, "log", "--merges", "--format=%an").stdout.strip() == "Site update"
    assert "Ours" in git(fork, "log", "--format=%s").stdout


def test_make_update_with_an_uncommitted_change_outside_org_says_to_make_it_in_org(tmp_path):
    upstream, fork = tmp_path / "upstream", tmp_path / "fork"
    upstream.mkdir()
    git(upstream, "init", "--quiet", "--initial-branch=main")
    (upstream / "docs").mkdir()
    (upstream / "docs" / "index.md").write_text("upstream\n", encoding="utf-8")
    (upstream / "org").mkdir()
    (upstream / "org" / "notes.md").write_text("ours\n", encoding="utf-8")
    commit_all(upstream, "Upstream")
    git(tmp_path, "clone", "--quiet", str(upstream), str(fork))
    git(fork, "remote", "add", "upstream", str(upstream))
    (fork / "docs" / "index.md").write_text("our own home page\n", encoding="utf-8")
    (fork / "org" / "notes.md").write_text("ours, changed\n", encoding="utf-8")
    result = subprocess.run(["bash", str(ROOT / "scripts" / "update.sh")], cwd=fork, capture_output=True, text=True,
                            timeout=120, env=environment())
    assert result.returncode == 1
    said = result.stderr
    assert "Some are outside org/ and mkdocs.org.yml" in said and "\n  docs/index.md\n" in said
    assert "org/docs/index.md takes the place of docs/index.md" in said and "git checkout -- FILE" in said
    assert "\n  org/notes.md\n" not in said.split("Some are outside")[1]  # only the files outside org/ are named there
