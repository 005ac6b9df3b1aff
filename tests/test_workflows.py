"""The GitHub Actions workflows run on GitHub as it is today: actionlint (with shellcheck) and the
workflow schema find nothing, every action is pinned to a full commit with its version beside it, each
job asks only for the permissions it needs, and a deploy before Pages is turned on says what to do."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def test_there_are_workflows_to_check():
    assert {path.name for path in WORKFLOWS} >= {"deploy.yml", "linkcheck.yml"}


def test_actionlint_with_shellcheck_finds_nothing():
    result = subprocess.run([str(BIN / "actionlint"), "-shellcheck", str(BIN / "shellcheck"), "-color=false",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_itself_reports_an_action_on_the_removed_node20_runtime(tmp_path):
    """The check can fail: an action still on Node 20 is reported."""
    old = tmp_path / "old.yml"
    old.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - uses: actions/checkout@v4\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "actionlint"), "-color=false", str(old)], capture_output=True, text=True)
    assert result.returncode != 0 and "node20" in result.stdout


def test_workflows_match_githubs_workflow_schema():
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_with_its_version_in_a_comment(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses, f"{path.name} uses no actions?"
    for line in uses:
        reference, _, comment = line.split("uses:", 1)[1].partition("#")
        assert PINNED.match(reference.strip()), f"{path.name}: not pinned to a commit: {line.strip()}"
        assert re.match(r"^\s*v\d+(\.\d+)*\s*$", comment), f"{path.name}: no version comment: {line.strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_each_job_asks_only_for_what_it_needs(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data.get("permissions") == {}, f"{path.name}: the workflow as a whole should grant nothing"
    for name, job in data["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{path.name}: job {name} has no permissions of its own"
        assert "write-all" not in str(job["permissions"]) and "read-all" not in str(job["permissions"])


def run_step(script: str, tmp_path: Path, gh_says: str, gh_status: int) -> tuple[subprocess.CompletedProcess, str, str]:
    """Run a workflow step's shell script as GitHub does (bash -e), with a stand-in for the gh program."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / "gh"
    fake.write_text(f"#!/bin/sh\necho '{gh_says}'\nexit {gh_status}\n", encoding="utf-8")
    fake.chmod(0o755)
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    output.write_text("")
    summary.write_text("")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_REPOSITORY": "oak-tree/safeguarding",
           "GITHUB_SERVER_URL": "https://github.com", "GH_TOKEN": "test"}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            capture_output=True, text=True, env=env, timeout=30)
    return result, output.read_text(), summary.read_text()


def pages_step() -> str:
    steps = workflow("deploy.yml")["jobs"]["pages"]["steps"]
    return next(step["run"] for step in steps if step.get("id") == "pages")


def test_before_pages_is_turned_on_the_deploy_says_what_to_do_instead_of_failing(tmp_path):
    result, output, summary = run_step(pages_step(), tmp_path, "gh: Not Found (HTTP 404)", 1)
    assert result.returncode == 0, result.stderr
    assert "url=" not in output
    assert "::warning title=GitHub Pages is not turned on::" in result.stdout
    assert "https://github.com/oak-tree/safeguarding/settings/pages" in summary
    assert "**Source** to **GitHub Actions**" in summary and "Run workflow" in summary
    assert "GitHub Pages is not turned on for this repository yet" in summary
    deploy = workflow("deploy.yml")["jobs"]["deploy"]
    assert deploy["if"] == "needs.pages.outputs.url != ''"


def test_the_container_job_lets_git_read_the_checkout_before_the_tests_use_it():
    """In a container the checkout belongs to another user, and git refuses it; test_fork_start reads it with git."""
    job = workflow("tests.yml")["jobs"]["test"]
    assert "container" in job
    runs = [step.get("run", "") for step in job["steps"]]
    trusted = next(index for index, run in enumerate(runs) if "safe.directory" in run and "$GITHUB_WORKSPACE" in run)
    assert trusted < runs.index("make test")


def test_the_deploy_publishes_after_the_quick_check_not_the_full_suite():
    jobs = workflow("deploy.yml")["jobs"]
    runs = [step.get("run", "") for job in jobs.values() for step in job["steps"]]
    assert "make check" in runs and not any("make test" in run for run in runs)
    assert jobs["deploy"]["needs"] == ["pages", "build"]  # nothing from the full suite's workflow


class Context(dict):
    """A GitHub expression context: `github.event.repository.fork`, with null for what is not there."""

    def __getattr__(self, name):
        value = self.get(name)
        return Context(value) if isinstance(value, dict) else value


def runs_when(expression: str, *, event: str, fork: bool, variables: dict[str, str]) -> bool:
    """Evaluate a job's `if:` as GitHub would for these expressions (!, ||, &&, ==, 'strings', contexts)."""
    python = re.sub(r"!(?!=)", " not ", expression.strip().removeprefix("${{").removesuffix("}}"))
    python = python.replace("||", " or ").replace("&&", " and ")
    github = Context(event_name=event, event={"repository": {"fork": fork}})
    return bool(eval(python, {"__builtins__": {}}, {"github": github, "vars": Context(variables)}))  # noqa: S307


def test_the_full_suite_runs_on_our_repository_and_in_a_fork_only_when_it_chooses():
    data = workflow("tests.yml")
    assert set(data[True]) == {"push", "pull_request", "workflow_dispatch"}  # YAML reads the key `on` as True
    condition = data["jobs"]["test"]["if"]
    for event in ("push", "pull_request"):
        assert runs_when(condition, event=event, fork=False, variables={}), f"our repository, {event}"
        assert not runs_when(condition, event=event, fork=True, variables={}), f"a fork that did not choose it, {event}"
        assert runs_when(condition, event=event, fork=True, variables={"FULL_TEST_SUITE": "true"}), "a fork that chose it"
    assert runs_when(condition, event="workflow_dispatch", fork=True, variables={}), "started by hand in a fork"
    guide = (ROOT / "docs" / "for-organisations.md").read_text(encoding="utf-8")
    assert "FULL_TEST_SUITE" in guide and "Full test suite" in guide


def test_pages_set_to_publish_a_branch_says_to_choose_github_actions(tmp_path):
    result, output, summary = run_step(pages_step(), tmp_path, "legacy https://oak-tree.github.io/safeguarding/", 0)
    assert result.returncode == 0, result.stderr
    assert "url=" not in output
    assert "::warning title=GitHub Pages publishes a branch, not this workflow::" in result.stdout
    assert "set to publish a branch" in summary and "**Source** to **GitHub Actions**" in summary


def test_with_pages_turned_on_the_site_address_reaches_the_build(tmp_path):
    result, output, summary = run_step(pages_step(), tmp_path, "workflow https://oak-tree.github.io/safeguarding", 0)
    assert result.returncode == 0, result.stderr
    assert "url=https://oak-tree.github.io/safeguarding/" in output
    assert summary == ""
    build = workflow("deploy.yml")["jobs"]["build"]
    step = next(step for step in build["steps"] if step.get("run") == "make check")
    assert step["env"]["SITE_URL"] == "${{ needs.pages.outputs.url }}"


# --- the upkeep workflows: our updates and the link fixes as pull requests ---------------------------

def upkeep_commands(name: str) -> list[tuple[str, list[str]]]:
    """(job, arguments) for each `python -m upkeep` a workflow runs, with its variables filled in."""
    import shlex
    found = []
    for job_name, job in workflow(name)["jobs"].items():
        for step in job["steps"]:
            script = re.sub(r"\\\n\s*", " ", step.get("run", ""))
            for line in script.splitlines():
                if "python -m upkeep" in line:
                    words = shlex.split(re.sub(r'"[^"]*\$[^"]*"', "VALUE", line))
                    found.append((job_name, words[words.index("upkeep") + 1:]))
    return found


@pytest.mark.parametrize("name", ["site-updates.yml", "linkcheck.yml"])
def test_the_upkeep_workflows_call_upkeeps_own_commands_and_the_quick_check(name):
    from upkeep.cli import parse_args
    commands = upkeep_commands(name)
    assert commands
    for _, arguments in commands:
        parse_args(arguments)  # exits (fails the test) on a command or option upkeep does not have
    checks = [arguments for _, arguments in commands if arguments[0] == "check"]
    assert checks and all(arguments[-2:] == ["make", "check"] for arguments in checks)


def test_site_updates_is_off_in_our_own_repository_and_every_job_waits_for_the_fork_check():
    jobs = workflow("site-updates.yml")["jobs"]
    assert "github.event.repository.fork" in jobs["upstream"]["if"]
    assert set(workflow("site-updates.yml")[True]) == {"schedule", "workflow_dispatch"}  # `on:` reads as True
    for name, job in jobs.items():
        if name != "upstream":
            needs = [job["needs"]] if isinstance(job["needs"], str) else job["needs"]
            assert "upstream" in needs or "merge" in needs, name
    assert jobs["merge"]["if"] == "needs.upstream.outputs.name != ''"


def find_upstream_step() -> str:
    steps = workflow("site-updates.yml")["jobs"]["upstream"]["steps"]
    return next(step["run"] for step in steps if step.get("id") == "find")


def test_in_a_fork_the_repository_it_was_forked_from_is_found(tmp_path):
    result, output, _ = run_step(find_upstream_step(), tmp_path, "ourorg/safeguarding", 0)
    assert result.returncode == 0, result.stderr
    assert output == "name=ourorg/safeguarding\n"


def test_in_a_repository_that_is_no_fork_there_is_nothing_to_do(tmp_path):
    result, output, _ = run_step(find_upstream_step(), tmp_path, "", 0)
    assert result.returncode == 0, result.stderr
    assert output == "" and "nothing to do" in result.stdout


@pytest.mark.parametrize("name, writes, reads", [
    ("site-updates.yml", {"merge": {"contents": "write"}, "pull-request": {"pull-requests": "write"}},
     ["check"]),
    ("linkcheck.yml", {"link-fixes": {"pull-requests": "write"}}, ["check-link-fixes"]),
])
def test_the_upkeep_jobs_are_split_so_each_holds_one_key_and_the_check_holds_none(name, writes, reads):
    jobs = workflow(name)["jobs"]
    for job, wanted in writes.items():
        granted = {scope: level for scope, level in jobs[job]["permissions"].items() if level == "write"}
        assert granted == wanted, job
    for job in reads:
        # The quick check runs the new code: its job can change nothing, and keeps no key in the checkout.
        assert jobs[job]["permissions"] == {"contents": "read"}, job
        checkout = next(step for step in jobs[job]["steps"] if "actions/checkout" in step.get("uses", ""))
        assert checkout["with"]["persist-credentials"] is False
    assert "pull-requests" not in jobs.get("linkcheck", {}).get("permissions", {})
