"""`python -m upkeep`: the steps the upkeep workflows run, one command each.

  site-updates prepare       merge our main into the branch site-updates (--push: and send it)
  site-updates pull-request  open, update or close the pull request for it
  link-fixes prepare         change the addresses that moved for good, on the branch link-fixes (--push)
  link-fixes pull-request    open, update or close the pull request for it
  check -- COMMAND           run the quick check (make check) and keep its outcome for the pull request

Each writes what the next step needs as JSON (--output FILE), and, with --github-output NAME, as that
step output of a GitHub Actions job. Exit status: 0 done; 1 the check failed (check only); 2 it could
not be done (the message says why and what to do).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import link_fixes, site_updates
from .check import CheckResult, run_check
from .gitrepo import Git, UpkeepError
from .pulls import PullRequests

MAX_OUTPUT = 100_000  # characters of JSON in a job output (GitHub allows 1 MB a job; an argument 128 KB)


def _write(data: dict, output: Path | None, github_output: str | None, **more: str) -> None:
    """The outcome as JSON in a file, and as a step output (with `more` outputs beside it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text) > MAX_OUTPUT and isinstance(data.get("changes"), dict):
        # A copy far behind: name only the first few of the files behind the scenes (the counts stay).
        other = data["changes"].get("other", {})
        data["changes"]["other"] = {words: files[:3] + [f"… {len(files) - 3} more"] if len(files) > 3 else files
                                    for words, files in other.items()}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    if github_output:
        target = os.environ.get("GITHUB_OUTPUT")
        if not target:
            raise UpkeepError("--github-output needs GITHUB_OUTPUT (it is set inside a GitHub Actions job)")
        if len(text) > MAX_OUTPUT:
            raise UpkeepError(f"the outcome is {len(text)} characters long, more than a job output should hold")
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(f"{github_output}={text}\n")
            for name, value in more.items():
                handle.write(f"{name}={value}\n")


def _summary(text: str) -> None:
    """A line for the job's summary page on GitHub (and the log)."""
    print(text, flush=True)
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text + "\n\n")


def _read_json(path: Path | None, what: str) -> dict | None:
    """JSON from a file; None when no file was named, or it is empty (an earlier job did not run)."""
    if path is None:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UpkeepError(f"{path}: the {what} is not JSON ({exc})") from None


def _run_url() -> str:
    server, repository, run = (os.environ.get(name, "") for name in
                               ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    return f"{server}/{repository}/actions/runs/{run}" if server and repository and run else ""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m upkeep", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def outputs(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--output", type=Path, help="write the outcome here, as JSON")
        sub.add_argument("--github-output", metavar="NAME", help="also as this GitHub Actions step output")

    updates = commands.add_parser("site-updates", help="our updates as a pull request in a fork")
    steps = updates.add_subparsers(dest="step", required=True)
    prepare = steps.add_parser("prepare", help="merge our main into the branch (left checked out)")
    prepare.add_argument("--upstream", default="upstream", help="our repository: its address, a folder, or the name "
                         "of a git remote (default: upstream, the remote `make update` uses)")
    prepare.add_argument("--upstream-name", default="", help="our repository as OWNER/NAME on GitHub (default: read "
                         "from a github.com address)")
    prepare.add_argument("--upstream-branch", default="main")
    prepare.add_argument("--upstream-commit", help="merge this commit of ours (as an earlier step did)")
    prepare.add_argument("--base", default="main", help="the fork's branch to bring the updates into")
    prepare.add_argument("--branch", default=site_updates.BRANCH)
    prepare.add_argument("--remote", default="origin", help="the fork on GitHub")
    prepare.add_argument("--push", action="store_true", help="send the branch to the fork")
    outputs(prepare)
    pull = steps.add_parser("pull-request", help="open, update or close the pull request")
    pull.add_argument("--report", type=Path, required=True, help="what prepare wrote (--output)")
    pull.add_argument("--check", type=Path, help="what the check wrote (--output); none: it did not run")
    pull.add_argument("--gh", default="gh", help="GitHub's command-line tool")

    fixes = commands.add_parser("link-fixes", help="addresses that moved for good, as a pull request")
    steps = fixes.add_subparsers(dest="step", required=True)
    prepare = steps.add_parser("prepare", help="change them on the branch link-fixes")
    prepare.add_argument("--report", type=Path, default=Path("linkcheck-report.json"), help="the link check's JSON report")
    prepare.add_argument("--data", type=Path, default=Path("data"))
    prepare.add_argument("--branch", default=link_fixes.BRANCH)
    prepare.add_argument("--remote", default="origin")
    prepare.add_argument("--push", action="store_true", help="send the branch to GitHub")
    outputs(prepare)
    pull = steps.add_parser("pull-request", help="open, update or close the pull request")
    pull.add_argument("--fixes", type=Path, required=True, help="what prepare wrote (--output)")
    pull.add_argument("--check", type=Path, help="what the check wrote (--output); none: it did not run")
    pull.add_argument("--base", default="main")
    pull.add_argument("--gh", default="gh")

    check = commands.add_parser("check", help="run the quick check and keep its outcome")
    outputs(check)
    check.add_argument("check_command", nargs=argparse.REMAINDER, help="-- then the command (default: make check)")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    git = Git(Path.cwd())
    if args.command == "check":
        command = [word for word in args.check_command if word != "--"] or ["make", "check"]
        result = run_check(command)
        _write(result.as_json(), args.output, args.github_output)
        _summary(f"The quick check (`{result.command}`) {'passed' if result.passed else 'failed'}.")
        return 0 if result.passed else 1
    if args.command == "site-updates" and args.step == "prepare":
        report = site_updates.prepare(git, args.upstream, args.upstream_branch, args.base, args.branch, args.remote,
                                      args.upstream_commit, args.upstream_name)
        if args.push:
            site_updates.push(git, report, args.remote)
        _write(report.as_json(), args.output, args.github_output, new=str(report.new).lower(),
               upstream_commit=report.upstream_commit)
        if not report.new:
            _summary(f"This copy already has everything from {report.upstream_name or report.upstream_url} "
                     f"({args.upstream_branch} at {report.upstream_commit[:7]}).")
        else:
            clashes = f"; {len(report.conflicts)} file(s) changed on both sides" if report.conflicts else ""
            sent = " and sent it" if report.pushed else \
                " (GitHub refused the workflow changes: the pull request comes from our repository)" \
                if report.push_refused else ""
            _summary(f"Merged {report.commits} commit(s) from {report.upstream_name or report.upstream_url} into "
                     f"{report.branch}{sent}{clashes}.")
        return 0
    if args.command == "site-updates":
        data = _read_json(args.report, "report")
        if data is None:
            raise UpkeepError(f"{args.report}: there is no report from the prepare step")
        check = CheckResult.from_json(_read_json(args.check, "check's outcome"))
        _summary(site_updates.pull_request(site_updates.UpdateReport.from_json(data), check, PullRequests(args.gh),
                                           _run_url(), os.environ.get("GITHUB_SERVER_URL", ""),
                                           os.environ.get("GITHUB_REPOSITORY", "")))
        return 0
    if args.step == "prepare":
        result = link_fixes.prepare(git, args.report, args.data, args.branch)
        if args.push:
            link_fixes.push(git, result, args.remote)
        _write(result.as_json(), args.output, args.github_output, count=str(len(result.fixes)))
        _summary(f"{len(result.fixes)} address(es) changed on {result.branch}" if result.fixes
                 else "No address to change.")
        return 0
    data = _read_json(args.fixes, "list of fixes")
    if data is None:
        raise UpkeepError(f"{args.fixes}: there is no list of fixes from the prepare step")
    check = CheckResult.from_json(_read_json(args.check, "check's outcome"))
    _summary(link_fixes.pull_request(link_fixes.FixReport.from_json(data), check, PullRequests(args.gh), _run_url(),
                                     args.base))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except UpkeepError as exc:
        print(f"upkeep: {exc}", file=sys.stderr, flush=True)
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        if target:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"## Nothing was done\n\n{exc}\n\n")
        return 2
