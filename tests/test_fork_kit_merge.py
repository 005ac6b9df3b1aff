"""A fork keeps taking upstream updates: upstream changes content, data and theme after the fork
added its overlay, and `git pull` merges them with no conflicts into a site that still builds."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build

EXAMPLE = ROOT / "examples" / "riverside-youth-club"
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=GIT_ENV, timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result


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


def test_fork_merges_upstream_content_data_and_theme_changes_without_conflicts(tmp_path):
    # Upstream: the project as it is, committed.
    upstream = copy_project(tmp_path / "upstream")
    git(upstream, "init", "--quiet", "--initial-branch=main")
    git(upstream, "add", "--all")
    git(upstream, "commit", "--quiet", "-m", "Upstream")

    # The fork: a clone with the example overlay copied in, as docs/for-organisations.md says.
    fork = tmp_path / "fork"
    git(tmp_path, "clone", "--quiet", str(upstream), str(fork))
    shutil.copytree(EXAMPLE / "org", fork / "org")
    shutil.copy2(EXAMPLE / "mkdocs.org.yml", fork / "mkdocs.org.yml")
    git(fork, "add", "org", "mkdocs.org.yml")
    git(fork, "commit", "--quiet", "-m", "Our organisation")

    # Upstream moves on: a page, the data (a resource and a new guideline topic) and the theme.
    edit(upstream / "docs" / "tips.md", "# Useful tips\n", "# Useful tips\n\nA new upstream paragraph about tips.\n")
    edit(upstream / "data" / "resources.yml", "Advice and help, and a way to make a report.",
         "Advice, help and a way to make a report, updated upstream.")
    (upstream / "data" / "guidelines.yml").write_text(
        (upstream / "data" / "guidelines.yml").read_text(encoding="utf-8") + NEW_TOPIC, encoding="utf-8")
    edit(upstream / "overrides" / "main.html", "{% block content %}\n",
         "{% block content %}\n  <p class=\"upstream-theme-change\">Theme changed upstream.</p>\n")
    git(upstream, "commit", "--quiet", "--all", "-m", "Upstream improvements")

    # The fork takes the update.
    merge = subprocess.run(["git", "pull", "--no-rebase", "--no-edit", "origin", "main"], cwd=fork,
                           capture_output=True, text=True, env=GIT_ENV, timeout=60)
    assert merge.returncode == 0, f"merge failed:\n{merge.stdout}{merge.stderr}"
    assert "CONFLICT" not in merge.stdout + merge.stderr
    assert git(fork, "diff", "--name-only", "--diff-filter=U").stdout == ""
    assert git(fork, "status", "--porcelain").stdout == ""

    # The merged fork builds strictly, with the upstream changes and its own overlay.
    site = tmp_path / "site"
    result = run_build(fork, site, config="mkdocs.org.yml")
    assert result.returncode == 0, f"merged fork does not build:\n{result.stdout}\n{result.stderr}"
    assert "A new upstream paragraph about tips." in (site / "tips" / "index.html").read_text(encoding="utf-8")
    assert "updated upstream" in (site / "resources" / "index.html").read_text(encoding="utf-8")
    ours = (site / "our-guidelines" / "index.html").read_text(encoding="utf-8")
    assert 'class="upstream-theme-change"' in ours
    assert "Talking about social media as a team" in ours
    assert '<section class="guideline guideline--to-decide" id="guideline-team-meetings"' in ours
    assert "Riverside Youth Club" in ours
