#!/usr/bin/env python3
"""How long the quick check (`make check`) and the full suite (`make test`) take, as `make bench` prints them.

Each runs in a fresh clone of the committed HEAD, in a folder with nothing beside it, as a fork's
workflow meets the project: the first `make check` installs what it needs (its time includes that), the
second checks the example organisation with everything installed, and `make test` then runs every test.
The machine's load is printed with each time: the figures are only as steady as the machine is quiet.

    python scripts/bench_suite.py                  # both
    BENCH_SUITE=check python scripts/bench_suite.py   # the quick check only (a few minutes, not ten)
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load() -> str:
    return f"{' '.join(f'{value:.1f}' for value in os.getloadavg())} on {os.cpu_count()} CPUs"


def environment() -> dict[str, str]:
    """This machine's environment, without what a run inside make or a virtual environment adds."""
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("PYTEST_", "VIRTUAL_ENV", "MAKE")) and key not in ("MFLAGS", "CONFIG")}


def timed(clone: Path, label: str, *arguments: str) -> bool:
    """Run `make ARGUMENTS` in the clone and print how long it took; its output goes to a log beside it."""
    log = clone.parent / f"{'-'.join(arguments).replace('=', '-').replace('.', '-')}.log"
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as output:
        result = subprocess.run(["make", "--no-print-directory", *arguments], cwd=clone, stdout=output,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=environment())
    elapsed = time.perf_counter() - start
    verdict = "passed" if result.returncode == 0 else f"FAILED (exit {result.returncode}; see {log})"
    print(f"  {label:52} {int(elapsed // 60)} min {elapsed % 60:04.1f} s   {verdict}   (load {load()})", flush=True)
    return result.returncode == 0


def main() -> int:
    which = os.environ.get("BENCH_SUITE", "all")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if commit.returncode:
        sys.exit("bench: the quick check and the suite are timed on a clone of this repository, which git cannot read")
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as tmp:
        clone = Path(tmp) / "our-club-site"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        print(f"the quick check and the full suite, on a fresh clone of {commit.stdout.strip()}"
              f" (machine load {load()}):", flush=True)
        timed(clone, "make check (fresh clone, installs included)", "check")
        timed(clone, "make check CONFIG=mkdocs.example.yml (installed)", "check", "CONFIG=mkdocs.example.yml")
        if which != "check":
            timed(clone, "make test (every test; the quick check's installs done)", "test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
