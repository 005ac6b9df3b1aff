"""A stand-in for GitHub's `gh` command, for tests of what the upkeep workflows do on GitHub.

`install(folder)` writes a program called `gh` into `folder/bin` (put that first on PATH). It answers the
pull request commands upkeep uses as gh does, from a small record of pull requests kept in
`folder/gh-state.json`, and logs every call:

  gh pr list --head BRANCH --state open --json number,url[,headRepositoryOwner]
  gh pr create --base BASE --head [OWNER:]BRANCH --title TITLE --body-file FILE   (prints the new URL)
  gh pr edit NUMBER --title TITLE --body-file FILE
  gh pr close NUMBER --comment TEXT

A test can make the next call of a kind fail as GitHub would: `GhStandIn.fail("pr create", "message")`.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

PROGRAM = r'''
import json, sys
from pathlib import Path

state_file = Path(__STATE__)
state = json.loads(state_file.read_text(encoding="utf-8"))
args = sys.argv[1:]
state["calls"].append(args)


def option(name, default=None):
    return args[args.index(name) + 1] if name in args else default


def save():
    state_file.write_text(json.dumps(state, indent=1), encoding="utf-8")


kind = " ".join(args[:2])
failure = state["failures"].pop(kind, None)
if failure is not None:
    save()
    print(failure, file=sys.stderr)
    sys.exit(1)
pulls = state["pulls"]
if kind == "pr list":
    head = option("--head")
    fields = option("--json", "number").split(",")
    found = [pull for pull in pulls if pull["state"] == "open" and pull["headRefName"] == head]
    print(json.dumps([{field: pull[field] for field in fields} for pull in found]))
elif kind == "pr create":
    head = option("--head")
    owner, _, branch = head.rpartition(":")
    number = len(pulls) + 1
    url = f"https://github.com/{state['repository']}/pull/{number}"
    pulls.append({"number": number, "url": url, "state": "open", "base": option("--base"),
                  "headRefName": branch, "headRepositoryOwner": {"login": owner or state["repository"].split("/")[0]},
                  "title": option("--title"), "body": Path(option("--body-file")).read_text(encoding="utf-8"),
                  "comments": []})
    print(url)
elif kind == "pr edit":
    pull = pulls[int(args[2]) - 1]
    pull["title"] = option("--title", pull["title"])
    if "--body-file" in args:
        pull["body"] = Path(option("--body-file")).read_text(encoding="utf-8")
elif kind == "pr close":
    pull = pulls[int(args[2]) - 1]
    pull["state"] = "closed"
    if "--comment" in args:
        pull["comments"].append(option("--comment"))
else:
    save()
    print(f"unknown command: gh {' '.join(args)}", file=sys.stderr)
    sys.exit(1)
save()
'''


@dataclass
class GhStandIn:
    folder: Path

    @property
    def state_file(self) -> Path:
        return self.folder / "gh-state.json"

    @property
    def bin(self) -> Path:
        return self.folder / "bin"

    def state(self) -> dict:
        return json.loads(self.state_file.read_text(encoding="utf-8"))

    @property
    def calls(self) -> list[list[str]]:
        return self.state()["calls"]

    def commands(self) -> list[str]:
        """Each call as "pr create", "pr list"..."""
        return [" ".join(call[:2]) for call in self.calls]

    @property
    def pulls(self) -> list[dict]:
        return self.state()["pulls"]

    def open_pulls(self) -> list[dict]:
        return [pull for pull in self.pulls if pull["state"] == "open"]

    def fail(self, kind: str, message: str) -> None:
        state = self.state()
        state["failures"][kind] = message
        self.state_file.write_text(json.dumps(state), encoding="utf-8")

    def environment(self) -> dict[str, str]:
        return {**os.environ, "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}", "GH_TOKEN": "test"}


def install(folder: Path, repository: str = "oak-tree/safeguarding") -> GhStandIn:
    folder.mkdir(parents=True, exist_ok=True)
    stand_in = GhStandIn(folder)
    stand_in.state_file.write_text(json.dumps({"repository": repository, "pulls": [], "calls": [], "failures": {}}),
                                   encoding="utf-8")
    stand_in.bin.mkdir(exist_ok=True)
    program = stand_in.bin / "gh"
    program.write_text(f"#!{sys.executable}\n" + PROGRAM.replace("__STATE__", repr(str(stand_in.state_file))),
                       encoding="utf-8")
    program.chmod(0o755)
    return stand_in
