"""The repository stands alone: nothing in it reads outside it, and both lock files match what they
lock, so a fresh clone in a folder of any name installs exactly what was tested. On a machine that lacks
something `make bench` needs, one line says what, never a traceback. (The whole journey, from a fresh
checkout in another folder to a fork's passing tests, is in test_fork_start.py.)"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess

import pytest

from conftest import ROOT
from fork_support import environment, uv_program


def script(name: str):
    """scripts/NAME.py as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench, bench_lighthouse = script("bench"), script("bench_lighthouse")

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


def one_line(message: str) -> str:
    assert "Traceback" not in message and len(message.strip().splitlines()) == 1, message
    return message


def test_npm_that_cannot_install_says_why_in_one_line(tmp_path):
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    unreachable = {"npm_config_registry": "http://127.0.0.1:9/", "npm_config_cache": str(tmp_path / "npm-cache"),
                   "npm_config_fetch_retries": "0", "npm_config_offline": "false"}
    result = subprocess.run(["make", "--no-print-directory", "node_modules/.package-lock.json"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300, env=environment(**unreachable))
    assert result.returncode != 0
    said = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert len(said) == 1 and said[0].startswith("make: npm ci could not install the node packages"), result.stderr
    assert "ECONNREFUSED" in said[0] and "    at " not in result.stdout + result.stderr


def test_bench_without_chromium_says_so_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(bench, "CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(SystemExit) as stopped:
        bench.main()
    assert "Chromium is missing" in one_line(str(stopped.value)) and "make browser" in str(stopped.value)


def test_lighthouse_without_node_says_so_in_one_line(monkeypatch, tmp_path):
    monkeypatch.setattr(bench_lighthouse, "LIGHTHOUSE", tmp_path / "node_modules" / ".bin" / "lighthouse")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SystemExit) as stopped:
        bench_lighthouse.ensure_lighthouse()
    assert "node is missing" in one_line(str(stopped.value)) and "make node" in str(stopped.value)


def test_a_lighthouse_run_that_fails_says_so_in_one_line(monkeypatch, tmp_path):
    failing = tmp_path / "lighthouse"
    failing.write_text("#!/bin/sh\necho 'Runtime error encountered: Chrome prevented page load' >&2\n"
                       "echo '    at Object.<anonymous> (lighthouse/cli/index.js:10:3)' >&2\nexit 1\n")
    failing.chmod(0o755)
    monkeypatch.setattr(bench_lighthouse, "LIGHTHOUSE", failing)
    with pytest.raises(SystemExit) as stopped:
        bench_lighthouse.lighthouse("http://127.0.0.1:9/")
    message = one_line(str(stopped.value))
    assert message == "bench: Lighthouse failed on http://127.0.0.1:9/: Runtime error encountered: Chrome prevented page load"
