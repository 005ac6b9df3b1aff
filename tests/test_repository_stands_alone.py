"""The repository stands alone: nothing in it reads outside it, and both lock files match what they
lock, so a fresh clone in a folder of any name installs exactly what was tested. (The whole journey,
from a fresh checkout in another folder to a fork's passing tests, is in test_fork_start.py.)"""
from __future__ import annotations

import re
import shutil
import subprocess

from conftest import ROOT
from fork_support import uv_program

# Ways a file could reach the folder beside the repository, where editors keep the leaflet's text.
OUTSIDE = re.compile("|".join([r"\.\./" + "shared", "parent / ['\"]" + "shared", r"ROOT\.parent\b",
                               r"\.\./\.\./\.\./"]))
# What git ignores (.gitignore) or keeps for itself: installed tools and built output, not the project.
NOT_THE_PROJECT = {".git", ".venv", ".tools", "node_modules", "site", ".site-build", "dist", "build",
                   "__pycache__", ".pytest_cache"}
TEXT = {".py", ".js", ".mjs", ".sh", ".yml", ".yaml", ".toml", ".md", ".html", ".j2", ".css", ".json", ".txt", ""}


def project_files():
    for path in sorted(ROOT.rglob("*")):
        parts = path.relative_to(ROOT).parts
        if any(part in NOT_THE_PROJECT or part.endswith(".egg-info") for part in parts):
            continue
        if path.is_file() and path.suffix in TEXT and path.name not in ("uv.lock", "package-lock.json"):
            yield path


def test_no_file_in_the_repository_reads_outside_it():
    reaching = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                for path in project_files()
                for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
                if OUTSIDE.search(line)]
    assert not reaching, "these lines reach outside the repository:\n" + "\n".join(reaching)


def test_uv_lock_matches_pyproject():
    result = subprocess.run([uv_program(), "lock", "--check", "--offline"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_npm_lock_matches_package_json(tmp_path):
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    result = subprocess.run(["npm", "ci", "--dry-run", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
