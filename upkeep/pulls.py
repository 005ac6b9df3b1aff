"""One pull request per kind of upkeep, opened, updated or closed with GitHub's `gh` command.

Each kind has a branch of its own (site-updates, link-fixes); the open pull request from that branch is
the one to update, so a weekly run never opens a second. GitHub takes the token from GH_TOKEN and the
repository from GH_REPO (the workflows set both).
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass

from .gitrepo import UpkeepError

# What a workflow's own token may not do until a person allows it, once, in the repository's settings.
NOT_PERMITTED = "not permitted to create or approve pull requests"
ALLOW_ACTIONS = ("GitHub does not yet let this repository's workflows open pull requests. Allow it once: "
                 "Settings, Actions, General, under \"Workflow permissions\" tick \"Allow GitHub Actions to "
                 "create and approve pull requests\", press Save, then run this workflow again (Actions tab, "
                 "Run workflow).")


@dataclass(frozen=True)
class PullRequest:
    number: int
    url: str = ""


@dataclass
class PullRequests:
    gh: str = "gh"

    def _run(self, *args: str) -> str:
        try:
            result = subprocess.run([self.gh, *args], capture_output=True, text=True, env=os.environ.copy())
        except FileNotFoundError:
            raise UpkeepError(f"the {self.gh} command (GitHub's command-line tool) is not installed here; "
                              "GitHub's runners have it") from None
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip()
            if NOT_PERMITTED in said:
                raise UpkeepError(ALLOW_ACTIONS)
            raise UpkeepError(f"gh {' '.join(args[:2])} failed: {said}")
        return result.stdout

    def _with_body(self, body: str, *args: str) -> str:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".md", delete=False) as handle:
            handle.write(body)
        try:
            return self._run(*args, "--body-file", handle.name)
        finally:
            os.unlink(handle.name)

    def find(self, head: str, owner: str | None = None) -> list[PullRequest]:
        """The open pull requests from branch `head` (of `owner`'s repository, when given)."""
        fields = "number,url" + (",headRepositoryOwner" if owner else "")
        out = self._run("pr", "list", "--head", head, "--state", "open", "--json", fields)
        try:
            found = json.loads(out or "[]")
        except json.JSONDecodeError:
            raise UpkeepError(f"gh pr list gave an answer that is not JSON: {out[:200]!r}") from None
        return [PullRequest(int(pr["number"]), pr.get("url", "")) for pr in found
                if owner is None or (pr.get("headRepositoryOwner") or {}).get("login", "").lower() == owner.lower()]

    def create(self, base: str, head: str, title: str, body: str) -> PullRequest:
        out = self._with_body(body, "pr", "create", "--base", base, "--head", head, "--title", title).strip()
        url = out.splitlines()[-1] if out else ""
        number = url.rstrip("/").rsplit("/", 1)[-1]
        return PullRequest(int(number) if number.isdigit() else 0, url)

    def edit(self, pull: PullRequest, title: str, body: str) -> None:
        self._with_body(body, "pr", "edit", str(pull.number), "--title", title)

    def close(self, pull: PullRequest, comment: str) -> None:
        self._run("pr", "close", str(pull.number), "--comment", comment)

    def open_or_update(self, base: str, head: str, title: str, body: str,
                       owner: str | None = None, find_head: str | None = None) -> tuple[str, PullRequest]:
        """("opened" or "updated", the pull request): the one open from `head`, else a new one."""
        found = self.find(find_head or head, owner)
        if found:
            self.edit(found[0], title, body)
            for extra in found[1:]:  # a second one, from an earlier fault: one is enough
                self.close(extra, f"Replaced by #{found[0].number}.")
            return "updated", found[0]
        return "opened", self.create(base, head, title, body)
