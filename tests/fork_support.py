"""Helpers for tests that treat a copy of the project as somebody's fork: a checkout in a folder of
another name with nothing beside it, git with an empty configuration, and `make` run there."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT
from mkdocs_adapter import engine

# Git as it is on a new machine: no settings at all (not even a name), as `make update` must expect.
EMPTY_GIT = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
# Who makes the commits a test sets up (never the ones under test).
AUTHOR = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@localhost",
          "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@localhost"}
# Fast tests only, when a fork runs its own suite inside this one (the whole suite is what CI runs).
FAST_TESTS = 'PYTEST_ARGS=-m "not slow and not browser" -q -p no:cacheprovider'


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PYTEST_", "VIRTUAL_ENV")) and key not in ("EMAIL", "MAKEFLAGS", "MFLAGS")}
    return {**env, **EMPTY_GIT, **extra}


def uv_program() -> str:
    """The uv that set up this checkout: the Makefile's (exported as UV), else on PATH, else .tools/."""
    given = os.environ.get("UV")
    if given and Path(given).is_absolute():
        return given
    return shutil.which(given or "uv") or str(ROOT / (given or ".tools/bin/uv"))


def organisations_own(name: str) -> bool:
    """Whether `name` (a path inside the project) is one of a fork's own files: org/ and mkdocs.org.yml."""
    return name == engine.FORK_CONFIG or name.startswith("org/")


def checkout(target: Path, source: Path = ROOT) -> Path:
    """The project as a fresh clone of upstream has it (every tracked file, and new ones not yet committed),
    in `target`, with nothing else: no .venv, no site/, no folder of editors' tools beside it, and none
    of a fork's own files (so these tests start a new fork from a fork just as from upstream)."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=source, capture_output=True)
    assert listed.returncode == 0, f"git cannot list the files in {source}: {listed.stderr.decode().strip()}"
    for name in filter(None, listed.stdout.decode().split("\0")):
        if organisations_own(name):
            continue
        source_file = Path(source) / name
        if source_file.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source_file, target / name)
    return target


def git(cwd: Path, *args: str, author: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                            env=environment(**(AUTHOR if author else {})))
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


def make(project: Path, *arguments: str, timeout: float = 900,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`make ARGUMENTS` in `project`, as its owner would run it (its own .venv, git unconfigured)."""
    command = ["make", "--no-print-directory", *arguments, f"UV={uv_program()}"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=timeout,
                          env=environment(**(env or {})))


def fill_in_placeholders(project: Path) -> None:
    """Replace each "FILL IN: ..." that `make org` wrote with made-up but real-looking details."""
    answers = {
        "the first line of your address": "Oak Tree Hall, 4 Front Street",
        "your town or city": "Gateshead",
        "your phone number, like 0191 123 4567": "0191 555 1234",
        "your email address": "hello@oaktree-youth.org.uk",
        "your website's address, starting https://": "https://oaktree-youth.org.uk/",
        "your safeguarding lead's name": "Pat Lee",
        "their phone number, like 0191 123 4567": "0191 555 9876",
        "their email address": "pat.lee@oaktree-youth.org.uk",
    }
    data = project / "org" / "data" / "organisation.yml"
    text = data.read_text(encoding="utf-8")
    for question, answer in answers.items():
        text = text.replace(f"FILL IN: {question}", answer)
    data.write_text(text, encoding="utf-8")
    config = project / "mkdocs.org.yml"
    text = re.sub(r"FILL IN:.*?\n(?=\S)", "How Oak Tree Youth Group's staff and volunteers use social media"
                  " safely with young people.\n", config.read_text(encoding="utf-8"), flags=re.S)
    config.write_text(text, encoding="utf-8")
