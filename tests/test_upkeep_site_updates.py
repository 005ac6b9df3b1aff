"""Our updates reach a fork as one pull request (upkeep.site_updates, the Site updates workflow's steps), on
real git repositories made here: a tiny "upstream" (our repository), its fork on "GitHub" (a bare
repository) and the fork's working copy (as the workflow's checkout has it), with a stand-in for `gh`.

The steps run as the workflow runs them: `python -m upkeep site-updates prepare --push`, then
`python -m upkeep check -- COMMAND` (a stand-in for `make check`), then `... pull-request`."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from fork_support import environment, git
from gh_stand_in import install
from upkeep import cli

UPSTREAM_NAME = "ourorg/safeguarding"

RESOURCES = """\
# Outside resources. Each card on the Resources page is built from one entry.
resources:
  - id: ceop
    title: CEOP
    url: https://www.ceop.police.uk/
  - id: childnet
    title: Childnet
    url: http://www.childnet.com/   # the leaflet's address
  - id: old-one
    title: Old one
    url: https://old.example.org/
"""
CHECKLISTS = """\
checklists:
  - id: tips
    title: Useful tips
    items:
      - id: tip-one
        text: Keep work and private life apart online.
      - id: tip-two
        text: Copy a colleague into your messages.
      - id: tip-three
        text: Keep a record.
"""
TIPS = """\
---
title: Useful tips
---

# Useful tips

Share these tips with everyone.

The tips were written in 2017.
"""


def page(title: str, text: str = "Some words.") -> str:
    return f"---\ntitle: {title}\n---\n\n# {title}\n\n{text}\n"


def write(root: Path, files: dict[str, str | None]) -> None:
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repo: Path, files: dict[str, str | None], message: str) -> None:
    write(repo, files)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)


class Copies:
    """Upstream, the fork on GitHub (bare) and a working copy of the fork, as a workflow run checks it out."""

    def __init__(self, root: Path):
        self.root = root
        self.upstream = root / "upstream"
        self.fork = root / "fork.git"
        self.upstream.mkdir()
        git(self.upstream, "init", "--quiet", "--initial-branch=main")
        commit(self.upstream, {
            "docs/index.md": page("Home"), "docs/tips.md": TIPS, "docs/old.md": page("An old page"),
            "data/resources.yml": RESOURCES, "data/checklists.yml": CHECKLISTS,
            ".github/workflows/deploy.yml": "name: Build, test and deploy\n",
            "overrides/main.html": "{% extends 'base.html' %}\n", "README.md": "# The site\n"}, "Upstream")
        git(root, "clone", "--quiet", "--bare", str(self.upstream), str(self.fork))
        # The organisation makes it its own: org/ and mkdocs.org.yml.
        work = self.checkout("setup")
        commit(work, {"org/data/organisation.yml": "name: Oak Tree Youth Group\n",
                      "mkdocs.org.yml": "INHERIT: mkdocs.yml\n", "org/docs/who-to-talk-to.md": page("Who to talk to")},
               "Our organisation")
        git(work, "push", "--quiet", "origin", "main")
        self.gh = install(root / "gh")
        self.runs = 0
        self.programs = False

    def checkout(self, name: str) -> Path:
        """A fresh working copy of the fork, as actions/checkout makes one (the whole history)."""
        work = self.root / name
        git(self.root, "clone", "--quiet", str(self.fork), str(work))
        return work

    def environment(self) -> dict[str, str]:
        env = {**environment(), **self.gh.environment(), "PYTHONPATH": str(ROOT),
               "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "oak-tree/safeguarding",
               "GITHUB_RUN_ID": "77"}
        env.pop("GITHUB_OUTPUT", None)
        env.pop("GITHUB_STEP_SUMMARY", None)
        return env

    def upkeep(self, work: Path, *args: str) -> subprocess.CompletedProcess:
        """`python -m upkeep ARGS` in `work`: as a program of its own when `self.programs`, else called in this
        process (the same code, without starting Python each time), with the same environment."""
        if self.programs:
            return subprocess.run([sys.executable, "-m", "upkeep", *args], cwd=work, capture_output=True, text=True,
                                  env=self.environment(), timeout=120)
        out, err = io.StringIO(), io.StringIO()
        saved, here, env = dict(os.environ), Path.cwd(), self.environment()
        os.environ.clear()
        os.environ.update(env)
        os.chdir(work)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = cli.main(list(args))
        finally:
            os.chdir(here)
            os.environ.clear()
            os.environ.update(saved)
        return subprocess.CompletedProcess(["upkeep", *args], status, out.getvalue(), err.getvalue())

    def run_workflow(self, check: tuple[str, ...] = ("true",)) -> dict:
        """The workflow's three jobs, each in a fresh checkout; returns what each step gave."""
        self.runs += 1
        merge = self.checkout(f"merge-{self.runs}")
        prepared = self.upkeep(merge, "site-updates", "prepare", "--upstream", str(self.upstream),
                               "--upstream-name", UPSTREAM_NAME, "--push", "--output", "report.json")
        assert prepared.returncode == 0, prepared.stdout + prepared.stderr
        report = json.loads((merge / "report.json").read_text(encoding="utf-8"))
        checked = None
        if report["new"]:
            checker = self.checkout(f"check-{self.runs}")
            again = self.upkeep(checker, "site-updates", "prepare", "--upstream", str(self.upstream),
                                "--upstream-commit", report["upstream_commit"])
            assert again.returncode == 0, again.stderr
            checked = self.upkeep(checker, "check", "--output", str(self.root / f"check-{self.runs}.json"), "--",
                                  *check)
        (self.root / f"report-{self.runs}.json").write_text(json.dumps(report), encoding="utf-8")
        pull = self.upkeep(merge, "site-updates", "pull-request", "--report", str(self.root / f"report-{self.runs}.json"),
                           "--check", str(self.root / f"check-{self.runs}.json"))
        return {"prepare": prepared, "report": report, "check": checked, "pull": pull, "work": merge}

    def branch_file(self, name: str, branch: str = "site-updates") -> str | None:
        result = subprocess.run(["git", "show", f"{branch}:{name}"], cwd=self.fork, capture_output=True, text=True)
        return result.stdout if result.returncode == 0 else None


@pytest.fixture
def copies(tmp_path) -> Copies:
    return Copies(tmp_path)


UPSTREAM_IMPROVEMENTS = {
    "docs/new.md": page("Keeping up to date"),
    "docs/tips.md": TIPS.replace("title: Useful tips", "title: Nine useful tips").replace(
        "Share these tips with everyone.", "Share these nine tips with everyone."),
    "docs/old.md": None,
    "data/resources.yml": RESOURCES.replace("http://www.childnet.com/", "https://www.childnet.com/").replace(
        "  - id: old-one\n    title: Old one\n    url: https://old.example.org/\n",
        "  - id: irights\n    title: iRights\n    url: https://www.irights.uk/\n"),
    "data/checklists.yml": CHECKLISTS.replace("Copy a colleague into your messages.",
                                              "Copy a colleague into every work message.").replace(
        "      - id: tip-three\n        text: Keep a record.\n",
        "      - id: tip-four\n        text: Think before you post.\n"),
    "overrides/main.html": "{% extends 'base.html' %}\n{% block footer %}{% endblock %}\n",
    ".github/workflows/deploy.yml": "name: Build, check and deploy\n",
}


def test_our_improvements_arrive_as_one_pull_request_that_says_in_plain_words_what_changed(copies):
    commit(copies.upstream, UPSTREAM_IMPROVEMENTS, "Upstream improvements")
    copies.programs = True  # here each step is `python -m upkeep`, exactly as the workflow runs it
    run = copies.run_workflow()
    assert run["pull"].returncode == 0, run["pull"].stderr

    # The branch holds our improvements and the organisation's own files, untouched; its main is unchanged.
    assert copies.branch_file("docs/new.md") == page("Keeping up to date")
    assert copies.branch_file("docs/old.md") is None
    assert copies.branch_file("org/data/organisation.yml") == "name: Oak Tree Youth Group\n"
    assert copies.branch_file("mkdocs.org.yml") == "INHERIT: mkdocs.yml\n"
    assert copies.branch_file("docs/new.md", "main") is None
    assert run["report"]["conflicts"] == []

    [pull] = copies.gh.pulls
    assert (pull["state"], pull["base"], pull["headRefName"]) == ("open", "main", "site-updates")
    assert pull["title"] == "Our latest improvements: 3 pages, 3 resources, 1 checklist"
    body = pull["body"]
    for line in ("- New page: “Keeping up to date” (`docs/new.md`)",
                 "- Changed: “Nine useful tips”, was “Useful tips”",
                 "- Page removed: “An old page” (`docs/old.md`)",
                 "- New resource: “iRights”",
                 "- Resource removed: “Old one”",
                 "- New address for “Childnet”: <http://www.childnet.com/> → <https://www.childnet.com/>",
                 "- In the checklist “Useful tips”:",
                 "  - New item: “Think before you post.”",
                 "  - Item removed: “Keep a record.”",
                 "  - Item reworded: “Copy a colleague into every work message.”",
                 "- The workflows, GitHub's automatic steps for your copy: `deploy.yml`",
                 "- The site's look (templates) (1 file)"):
        assert line in body.splitlines(), f"missing: {line}\n{body}"
    assert "**The quick check passed** ([the run](https://github.com/oak-tree/safeguarding/actions/runs/77))" in body
    assert ("from [ourorg/safeguarding](https://github.com/ourorg/safeguarding) (its `main` as of "
            f"`{run['report']['upstream_commit'][:7]}`, 1 commit your copy does not have yet)") in body
    assert "**Merge pull request**" in body and "**Sync fork**" in body and "**Discard commits**" in body
    assert "files of yours" not in pull["title"]


def test_the_next_week_updates_the_same_pull_request_and_opens_no_second(copies):
    commit(copies.upstream, UPSTREAM_IMPROVEMENTS, "Upstream improvements")
    copies.run_workflow()
    commit(copies.upstream, {"docs/another.md": page("Another new page")}, "More upstream")
    run = copies.run_workflow()
    assert run["pull"].returncode == 0, run["pull"].stderr
    assert copies.gh.commands().count("pr create") == 1
    assert ["pr", "edit", "1"] == copies.gh.calls[-1][:3]
    [pull] = copies.gh.open_pulls()
    assert "- New page: “Another new page” (`docs/another.md`)" in pull["body"]
    assert "2 commits your copy does not have yet" in pull["body"]
    assert copies.branch_file("docs/another.md") == page("Another new page")


def test_a_copy_that_already_has_everything_gets_no_pull_request_and_an_open_one_is_closed(copies):
    run = copies.run_workflow()
    assert run["report"]["new"] is False and run["check"] is None
    assert "pr create" not in copies.gh.commands()
    assert "already has our latest changes" in run["pull"].stdout

    commit(copies.upstream, {"docs/new.md": page("Keeping up to date")}, "Upstream")
    copies.run_workflow()
    # The organisation takes the update another way (make update on a computer): the pull request goes.
    work = copies.checkout("by-hand")
    git(work, "pull", "--quiet", "--no-rebase", "--no-edit", str(copies.upstream), "main")
    git(work, "push", "--quiet", "origin", "main")
    run = copies.run_workflow()
    assert run["report"]["new"] is False
    [pull] = copies.gh.pulls
    assert pull["state"] == "closed" and "already has everything" in pull["comments"][0]


def test_a_failed_quick_check_is_said_with_its_message_and_what_to_do(copies):
    commit(copies.upstream, {"docs/new.md": page("Keeping up to date")}, "Upstream")
    failing = (sys.executable, "-c", "import sys; print('org/data/organisation.yml, line 1, field \\'colours\\': "
                                     "write it like \"#0b5d3b\"'); sys.exit(2)")
    run = copies.run_workflow(check=failing)
    assert run["check"].returncode == 1
    [pull] = copies.gh.pulls
    assert pull["title"].endswith("(quick check failed)")
    assert "**The quick check failed**" in pull["body"]
    assert "org/data/organisation.yml, line 1, field 'colours': write it like \"#0b5d3b\"" in pull["body"]
    assert "Your live site is not affected" in pull["body"]
    assert "switch to the branch `site-updates`" in pull["body"]


def test_a_clash_in_a_file_of_ours_takes_our_version_and_says_what_to_do(copies):
    work = copies.checkout("own-edit")
    # The organisation changed one of our pages, and its link check wrote its own history.
    commit(work, {"docs/tips.md": TIPS.replace("Share these tips with everyone.", "Share these with our club."),
                  "data/linkcheck-state.json": '{"links": {"ours": 1}}\n'}, "Our wording")
    git(work, "push", "--quiet", "origin", "main")
    commit(copies.upstream, {"docs/tips.md": UPSTREAM_IMPROVEMENTS["docs/tips.md"],
                             "data/linkcheck-state.json": '{"links": {"upstream": 1}}\n',
                             "org/data/organisation.yml": "name: Never ours\n"}, "Upstream")
    run = copies.run_workflow()
    assert run["pull"].returncode == 0, run["pull"].stderr
    conflicts = {c["path"]: (c["how"], c["kept"]) for c in run["report"]["conflicts"]}
    assert conflicts == {"docs/tips.md": ("both-changed", "ours"),
                         "org/data/organisation.yml": ("both-added", "yours")}
    assert copies.branch_file("docs/tips.md") == UPSTREAM_IMPROVEMENTS["docs/tips.md"]
    assert copies.branch_file("data/linkcheck-state.json") == '{"links": {"ours": 1}}\n'
    assert copies.branch_file("org/data/organisation.yml") == "name: Oak Tree Youth Group\n"
    [pull] = copies.gh.pulls
    assert pull["title"].endswith("(1 file of yours to look at)") or "files of yours" in pull["title"]
    body = pull["body"]
    assert "## 2 files your copy changed too" in body
    tips = next(line for line in body.splitlines() if line.startswith("- `docs/tips.md`"))
    assert "your copy changed this file of ours, and so did we" in tips
    assert "This pull request takes our version" in tips and "`org/docs/tips.md`" in tips
    assert f"[your version](https://github.com/oak-tree/safeguarding/blob/{run['report']['base_commit']}/docs/tips.md)" \
        in tips
    assert f"[ours](https://github.com/ourorg/safeguarding/blob/{run['report']['upstream_commit']}/docs/tips.md)" in tips
    own = next(line for line in body.splitlines() if line.startswith("- `org/data/organisation.yml`"))
    assert "Kept as your copy has it" in own
    assert "linkcheck-state" not in body


def test_each_copy_keeps_its_own_link_check_history_even_where_ours_would_merge_cleanly(copies):
    history = '{\n  "links": {\n    "a": 1,\n    "b": 2,\n    "c": 3,\n    "d": 4\n  }\n}\n'
    commit(copies.upstream, {"data/linkcheck-state.json": history}, "Our link check")
    run = copies.run_workflow()
    assert copies.branch_file("data/linkcheck-state.json") is None  # the copy had none: it gets none of ours
    commit(copies.upstream, {"docs/new.md": page("New")}, "More of ours")
    assert copies.run_workflow()["report"]["kept"] == []  # the commit that kept its history is not a person's
    work = copies.checkout("own-check")
    git(work, "pull", "--quiet", "--no-rebase", "--no-edit", "origin", "site-updates")
    commit(work, {"data/linkcheck-state.json": history.replace('"a": 1', '"a": 10')}, "The copy's own link check")
    git(work, "push", "--quiet", "origin", "main")
    commit(copies.upstream, {"data/linkcheck-state.json": history.replace('"d": 4', '"d": 40'),
                             "docs/newer.md": page("Newer")}, "Our next link check")
    run = copies.run_workflow()
    assert run["report"]["conflicts"] == []
    assert copies.branch_file("data/linkcheck-state.json") == history.replace('"a": 1', '"a": 10')
    assert "linkcheck-state" not in copies.gh.open_pulls()[0]["body"]


def test_when_github_refuses_the_workflow_changes_the_pull_request_comes_from_our_main(copies):
    refuse_workflow_changes(copies.fork)
    commit(copies.upstream, {"docs/new.md": page("Keeping up to date"),
                             ".github/workflows/deploy.yml": "name: Build, check and deploy\n"}, "Upstream")
    run = copies.run_workflow()
    assert run["report"]["pushed"] is False and run["report"]["push_refused"] == "workflows"
    assert run["pull"].returncode == 0, run["pull"].stderr
    create = next(call for call in copies.gh.calls if call[:2] == ["pr", "create"])
    assert create[create.index("--head") + 1] == "ourorg:main"
    [pull] = copies.gh.pulls
    assert "## Why this comes from our repository" in pull["body"]
    assert "**The quick check passed**" in pull["body"]  # checked on the same merge, made again
    # Next week: found again by its head in our repository, and updated.
    commit(copies.upstream, {"docs/more.md": page("More")}, "More upstream")
    copies.run_workflow()
    assert copies.gh.commands().count("pr create") == 1 and len(copies.gh.open_pulls()) == 1


def test_a_refused_workflow_change_with_a_clash_says_how_to_take_the_update_instead(copies):
    refuse_workflow_changes(copies.fork)
    work = copies.checkout("own-edit")
    commit(work, {"docs/tips.md": TIPS.replace("Share these tips with everyone.", "Share these with our club.")}, "Ours")
    git(work, "push", "--quiet", "origin", "main")
    commit(copies.upstream, {"docs/tips.md": UPSTREAM_IMPROVEMENTS["docs/tips.md"],
                             ".github/workflows/deploy.yml": "name: Build, check and deploy\n"}, "Upstream")
    pull = copies.run_workflow()["pull"]
    assert pull.returncode == 2
    assert "make update" in pull.stderr and "SITE_UPDATES_TOKEN" in pull.stderr and "docs/tips.md" in pull.stderr
    assert "Traceback" not in pull.stderr
    assert copies.gh.pulls == []


def test_a_fix_a_person_adds_to_the_branch_stays_there_the_next_week(copies):
    commit(copies.upstream, {"docs/new.md": page("Keeping up to date")}, "Upstream")
    copies.run_workflow()
    person = copies.root / "person"
    git(copies.root, "clone", "--quiet", "--branch", "site-updates", str(copies.fork), str(person))
    commit(person, {"org/data/organisation.yml": "name: Oak Tree Youth Group\ncolours: {primary: '#0b5d3b'}\n"},
           "Our colour, as the new version asks")
    git(person, "push", "--quiet", "origin", "site-updates")
    commit(copies.upstream, {"docs/more.md": page("More")}, "More upstream")
    run = copies.run_workflow()
    assert run["report"]["kept"] == ["Our colour, as the new version asks"]
    assert "colours" in copies.branch_file("org/data/organisation.yml")
    assert copies.branch_file("docs/more.md") == page("More")
    assert "## Kept from this branch" in copies.gh.open_pulls()[0]["body"]


def test_when_github_does_not_let_workflows_open_pull_requests_it_says_where_to_allow_it(copies):
    commit(copies.upstream, {"docs/new.md": page("Keeping up to date")}, "Upstream")
    copies.gh.fail("pr create", "pull request create failed: GraphQL: GitHub Actions is not permitted to create or "
                                "approve pull requests (createPullRequest)")
    pull = copies.run_workflow()["pull"]
    assert pull.returncode == 2 and "Traceback" not in pull.stderr
    assert ("Settings, Actions, General, under \"Workflow permissions\" tick \"Allow GitHub Actions to create and "
            "approve pull requests\"") in pull.stderr
    # The branch is there, ready: once allowed, the next run opens the pull request.
    assert copies.branch_file("docs/new.md") == page("Keeping up to date")
    assert copies.upkeep(copies.root / "merge-1", "site-updates", "pull-request", "--report",
                         str(copies.root / "report-1.json")).returncode == 0
    assert len(copies.gh.open_pulls()) == 1


def refuse_workflow_changes(bare: Path) -> None:
    """A pre-receive hook that answers as GitHub does to a workflow's own token changing a workflow."""
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("""#!/bin/sh
while read old new ref; do
  if git diff --name-only refs/heads/main "$new" -- .github/workflows | grep -q .; then
    file=$(git diff --name-only refs/heads/main "$new" -- .github/workflows | head -1)
    echo "refusing to allow a GitHub App to create or update workflow \\`$file\\` without \\`workflows\\` permission" >&2
    exit 1
  fi
done
""", encoding="utf-8")
    hook.chmod(0o755)


def test_on_a_computer_it_takes_our_updates_from_the_remote_make_update_uses(copies):
    commit(copies.upstream, {"docs/new.md": page("Keeping up to date")}, "Upstream")
    work = copies.checkout("computer")
    missing = copies.upkeep(work, "site-updates", "prepare")
    assert missing.returncode == 2
    assert "git remote add upstream https://github.com/OWNER/REPOSITORY.git" in missing.stderr
    git(work, "remote", "add", "upstream", str(copies.upstream))
    prepared = copies.upkeep(work, "site-updates", "prepare", "--output", "report.json")
    assert prepared.returncode == 0, prepared.stderr
    assert (work / "docs" / "new.md").read_text(encoding="utf-8") == page("Keeping up to date")
    assert git(work, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "site-updates"
    assert json.loads((work / "report.json").read_text(encoding="utf-8"))["upstream_url"] == str(copies.upstream)


@pytest.mark.parametrize("address, name", [
    ("https://github.com/ourorg/safeguarding.git", "ourorg/safeguarding"),
    ("https://github.com/ourorg/safeguarding", "ourorg/safeguarding"),
    ("git@github.com:ourorg/safe.guarding.git", "ourorg/safe.guarding"),
    ("/srv/git/safeguarding", ""),
])
def test_our_repository_is_named_from_a_github_address(address, name):
    from upkeep.site_updates import GITHUB_ADDRESS
    found = GITHUB_ADDRESS.search(address)
    assert (found.group(1) if found else "") == name


def test_data_is_compared_entry_by_entry_and_said_in_the_sites_words():
    from upkeep.changes import Changes, compare_data_file, markdown
    guidelines = ("topics:\n  - id: records\n    title: Records\n    question: Do you keep records?\n"
                  "    stances:\n      - id: always\n        text: Always keep a record.\n")
    after = guidelines.replace("Do you keep records?", "How do you keep records?").replace(
        "        text: Always keep a record.\n",
        "        text: Always keep a record.\n      - id: log\n        text: Keep a log of every message.\n") + \
        "  - id: team-meetings\n    title: Team meetings\n    question: How often do you talk about it?\n"
    checklists = CHECKLISTS.replace("title: Useful tips", "title: Nine useful tips").replace(
        "Keep a record.", "Keep a record.\n        detail: Notes help.")
    changes = Changes(data=[compare_data_file("data/guidelines.yml", guidelines, after),
                            compare_data_file("data/checklists.yml", CHECKLISTS, checklists),
                            compare_data_file("data/statistics.yml", "statistics: [", "statistics: []")])
    lines = markdown(changes)
    for line in ("- Worksheet question reworded: “Records”", "  - New example stance: “Keep a log of every message.”",
                 "- New worksheet question: “Team meetings”",
                 "- Checklist “Nine useful tips”: renamed from “Useful tips”",
                 "  - Item “Keep a record.”: changed: detail",
                 "- `data/statistics.yml`: changed"):
        assert line in lines, f"missing: {line}\n" + "\n".join(lines)
    assert "A new question shows on your “Our guidelines” page as **to decide**" in "\n".join(lines)
    assert changes.data[2].unreadable
