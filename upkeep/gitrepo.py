"""The few git commands upkeep needs, with failures as plain messages instead of tracebacks."""
from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class UpkeepError(RuntimeError):
    """Something upkeep cannot do; the message says what happened and what to do."""


@dataclass
class Git:
    """git in one working copy. Commits are signed by git's own settings, else by `name` (as `make update`
    does on a computer where git does not know who you are yet)."""

    root: Path
    name: str = "Site upkeep"
    email: str = "site-upkeep@localhost"

    def _identity(self) -> list[str]:
        extra = []
        for key, value in (("user.name", self.name), ("user.email", self.email)):
            if subprocess.run(["git", "config", key], cwd=self.root, capture_output=True).returncode != 0:
                extra += ["-c", f"{key}={value}"]
        return extra

    def run(self, *args: str, check: bool = True, identity: bool = False) -> subprocess.CompletedProcess:
        command = ["git", *(self._identity() if identity else []), *args]
        result = subprocess.run(command, cwd=self.root, capture_output=True, text=True)
        if check and result.returncode != 0:
            said = (result.stderr or result.stdout).strip()
            raise UpkeepError(f"git {' '.join(args)} failed: {said}")
        return result

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def commit_of(self, ref: str) -> str | None:
        """The commit `ref` names, or None when there is no such ref."""
        result = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return result.stdout.strip() or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def show(self, commit: str, path: str) -> str | None:
        """A file's text at `commit`, or None when it is not there (or not text)."""
        result = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=self.root, capture_output=True)
        if result.returncode != 0:
            return None
        try:
            return result.stdout.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def unmerged(self) -> dict[str, set[int]]:
        """Each path git could not merge, with the stages it has (1 the common base, 2 ours, 3 theirs)."""
        stages: dict[str, set[int]] = {}
        for line in self.out("ls-files", "--unmerged", "-z").split("\0"):
            if not line.strip():
                continue
            info, _, path = line.partition("\t")
            stages.setdefault(path, set()).add(int(info.split()[2]))
        return stages

    def changed_files(self, old: str, new: str, *paths: str) -> list[tuple[str, str, str | None]]:
        """(status letter, path, old path for a rename) for each file that differs between two commits."""
        out = self.run("diff", "--name-status", "-z", "-M", old, new, "--", *paths).stdout
        fields = [field for field in out.split("\0") if field]
        changes, index = [], 0
        while index < len(fields):
            status = fields[index]
            if status[0] in "RC":
                changes.append((status[0], fields[index + 2], fields[index + 1]))
                index += 3
            else:
                changes.append((status[0], fields[index + 1], None))
                index += 2
        return changes
