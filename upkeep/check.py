"""Run the quick check (`make check`) on a prepared branch, and keep what a pull request needs to say.

The command's output goes to the log as it comes; its outcome, and its last lines when it failed (where
the plain message naming the file, the line and the field is), are written as JSON for the pull request.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import deque
from dataclasses import asdict, dataclass

TAIL_LINES = 25
TAIL_CHARACTERS = 4000
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@dataclass
class CheckResult:
    command: str
    passed: bool
    exit_status: int
    tail: str = ""  # the last lines of its output, when it failed

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict | None) -> "CheckResult | None":
        if not data or "passed" not in data:
            return None
        return cls(command=str(data.get("command", "make check")), passed=bool(data["passed"]),
                   exit_status=int(data.get("exit_status", 0 if data["passed"] else 1)), tail=str(data.get("tail", "")))


def fenced(text: str) -> str:
    """Output as a Markdown code block that nothing in it can end early."""
    ticks = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, ticks + 1)
    return f"{fence}text\n{text}\n{fence}"


def run_check(command: list[str], cwd=None) -> CheckResult:
    """Run `command`, passing its output on, and return its outcome."""
    tail: deque[str] = deque(maxlen=TAIL_LINES)
    try:
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   errors="replace")
    except OSError as exc:
        return CheckResult(" ".join(command), False, 127, f"{command[0]}: {exc.strerror or exc}")
    assert process.stdout is not None
    for line in process.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        tail.append(ANSI.sub("", line.rstrip("\n")))
    status = process.wait()
    text = "\n".join(tail)[-TAIL_CHARACTERS:] if status else ""
    return CheckResult(" ".join(command), status == 0, status, text)
