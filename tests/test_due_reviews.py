"""What is due for review on an organisation's copy: its guidelines once their next review date has come, and
every page past its review date, its own and the project's, listed by `python -m safeguarding_site.due_reviews`;
and the weekly workflow that keeps one GitHub issue of them, run step by step with a stand-in for `gh` that
records every call."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from safeguarding_site.due_reviews import due_list, issue_body, main

WORKFLOW = ROOT / ".github" / "workflows" / "due-reviews.yml"
TODAY = date.today()


def page(title: str, last_reviewed: date | str, review_in: str = "12 months") -> str:
    return f"---\ntitle: {title}\nlast_reviewed: {last_reviewed}\nreview_in: {review_in}\n---\n\n# {title}\n"


def a_copy(folder: Path, *, agreed_on: date | None = None, review_on: date | None = None, pages: dict | None = None,
           upstream: dict | None = None, guidelines: str | None = None) -> Path:
    """A small organisation's copy: mkdocs.org.yml, org/data/our-guidelines.yml, org/docs/ and docs/."""
    (folder / "org" / "data").mkdir(parents=True)
    (folder / "org" / "docs").mkdir(parents=True)
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.org.yml").write_text("INHERIT: mkdocs.yml\nsite_name: Oak Tree\nsite_url: !ENV [SITE_URL, x]\n"
                                           "docs_dir: org/docs\nextra:\n  organisation_dir: org\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text("site_name: Upstream\n", encoding="utf-8")
    if guidelines is None:
        lines = ["agreed_by: Jo Patel", "agreed_role: chair of trustees"]
        lines += [f"agreed_on: {agreed_on}"] if agreed_on else []
        lines += [f"review_on: {review_on}"] if review_on else []
        guidelines = "\n".join(lines + ["choices: {}"]) + "\n"
    (folder / "org" / "data" / "our-guidelines.yml").write_text(guidelines, encoding="utf-8")
    for name, text in (pages or {}).items():
        (folder / "org" / "docs" / name).write_text(text, encoding="utf-8")
    for name, text in (upstream or {}).items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
    return folder


# --- what is due ---------------------------------------------------------------------------------------------

def test_guidelines_agreed_over_a_year_ago_and_pages_past_their_review_date_are_listed(tmp_path):
    copy = a_copy(tmp_path, agreed_on=date(2025, 3, 4),
                  pages={"who-to-talk-to.md": page("Who to talk to", "2025-01-10"),
                         "fresh.md": page("Fresh", "2026-01-10", "2 years")},
                  upstream={"tips.md": page("Useful tips", "2025-06-01", "6 months"),
                            "fresh.md": page("Replaced by the copy's own", "2020-01-01")})
    found = due_list(copy, date(2026, 3, 4))
    assert [(item.path, item.due) for item in found.guidelines] == [("org/data/our-guidelines.yml", date(2026, 3, 4))]
    assert "Agreed by Jo Patel, chair of trustees, on 4 March 2025. Their review was due on 4 March 2026, a year" \
        " later." == found.guidelines[0].words
    assert [item.path for item in found.own_pages] == ["org/docs/who-to-talk-to.md"]
    assert [item.path for item in found.upstream_pages] == ["docs/tips.md"], "a page the copy replaces is its own"
    assert due_list(copy, date(2026, 3, 3)).guidelines == [], "the day before, nothing about the guidelines"


def test_a_next_review_written_in_the_file_is_the_day_they_fall_due(tmp_path):
    copy = a_copy(tmp_path, agreed_on=date(2026, 1, 1), review_on=date(2026, 6, 1))
    assert due_list(copy, date(2026, 5, 31)).guidelines == []
    item, = due_list(copy, date(2026, 6, 1)).guidelines
    assert item.words.endswith("Their next review was planned for 1 June 2026.")


@pytest.mark.parametrize("guidelines", ["choices: {}\n", "agreed_by: our trustees\n",
                                        "agreed: at the spring meeting\n"])
def test_guidelines_never_dated_are_not_said_to_be_due(tmp_path, guidelines):
    assert due_list(a_copy(tmp_path, guidelines=guidelines), date(2030, 1, 1)).guidelines == []


def test_an_older_files_one_phrase_gives_the_day_they_were_agreed(tmp_path):
    copy = a_copy(tmp_path, guidelines="agreed: by our trustees on 3 November 2025\n")
    item, = due_list(copy, date(2026, 11, 3)).guidelines
    assert item.words == "Agreed by our trustees, on 3 November 2025. Their review was due on 3 November 2026, a year later."


def test_a_page_whose_review_date_cannot_be_read_is_listed_with_why(tmp_path):
    copy = a_copy(tmp_path, pages={"notes.md": "# No front matter\n", "odd.md": page("Odd", "2026-01-01", "soon")})
    items = {item.path: item.words for item in due_list(copy, date(2026, 2, 1)).own_pages}
    assert "front matter field 'last_reviewed' is missing" in items["org/docs/notes.md"]
    assert "'review_in' should be a period like '6 months'" in items["org/docs/odd.md"]


def test_the_issue_text_is_plain_markdown_that_a_page_title_cannot_turn_into_a_link_or_a_mention(tmp_path):
    copy = a_copy(tmp_path, agreed_on=date(2025, 1, 1),
                  pages={"x.md": page("'@everyone [click](https://evil.example) <b>now</b>'", "2024-01-01")})
    body = issue_body(due_list(copy, date(2026, 2, 1)), date(2026, 2, 1))
    assert body.startswith("Checked on 1 February 2026.\n\n## Your guidelines\n")
    assert "- [ ] **Our guidelines** (`org/data/our-guidelines.yml`): Agreed by Jo Patel" in body
    assert "## Your pages" in body and "@\u200beveryone \\[click\\](https://evil.example) \\<b\\>now\\</b\\>" in body
    assert "[click](" not in body and "<b>" not in body


def test_the_command_exits_0_when_nothing_is_due_1_when_something_is_and_2_when_it_cannot_look(tmp_path, capsys):
    nothing = a_copy(tmp_path / "nothing", agreed_on=TODAY, pages={"a.md": page("A", TODAY)})
    assert main(["--project", str(nothing)]) == 0
    assert capsys.readouterr().out.endswith("Nothing is due for review.\n")
    due = a_copy(tmp_path / "due", agreed_on=date(2020, 1, 1))
    assert main(["--project", str(due), "--today", "2026-01-01"]) == 1
    assert "## Your guidelines" in capsys.readouterr().out
    broken = a_copy(tmp_path / "broken", guidelines="agreed_on: 3rd March\n")
    assert main(["--project", str(broken)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "org/data/our-guidelines.yml, line 1, field 'agreed_on': should be a date written YYYY-MM-DD" in captured.err


def test_without_an_organisations_settings_it_lists_the_projects_own_pages(tmp_path, capsys):
    copy = a_copy(tmp_path, upstream={"tips.md": page("Useful tips", "2020-01-01")})
    (copy / "mkdocs.org.yml").unlink()
    assert main(["--project", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "## Pages\n" in out and "docs/tips.md" in out and "## Your guidelines" not in out


def test_the_projects_own_pages_and_the_example_are_not_due_today():
    """The real pages: a page overdue here would put an issue in every copy."""
    assert not due_list(ROOT, TODAY, "mkdocs.example.yml").anything


# --- the weekly workflow, run with a stand-in for gh ---------------------------------------------------------

GH = r'''
import json, sys
from pathlib import Path
state_file = Path(__STATE__)
state = json.loads(state_file.read_text())
args = sys.argv[1:]
state["calls"].append(args)
def option(name):
    return args[args.index(name) + 1] if name in args else None
issues = state["issues"]
kind = " ".join(args[:2])
if kind == "issue list":
    found = [i for i in issues if i["state"] == "open" and option("--label") in i["labels"]]
    assert option("--jq") == ".[0].number // empty", "the stand-in answers only the workflow's own question"
    print(found[0]["number"] if found else "")
elif kind == "label create":
    state["labels"].append(args[2])
elif kind == "issue create":
    issues.append({"number": len(issues) + 1, "state": "open", "title": option("--title"), "labels": [option("--label")],
                   "body": Path(option("--body-file")).read_text(), "comments": []})
    print(f"https://github.com/oak-tree/safeguarding/issues/{len(issues)}")
elif kind == "issue edit":
    issues[int(args[2]) - 1]["body"] = Path(option("--body-file")).read_text()
elif kind == "issue close":
    issues[int(args[2]) - 1]["state"] = "closed"
    issues[int(args[2]) - 1]["comments"].append(option("--comment"))
else:
    print("unknown command: gh " + " ".join(args), file=sys.stderr)
    sys.exit(1)
state_file.write_text(json.dumps(state))
'''


class StandIn:
    """`gh` on PATH, answering from (and recording every call in) a small JSON file."""

    def __init__(self, folder: Path, issues: list[dict] | None = None):
        folder.mkdir(parents=True, exist_ok=True)
        self.state_file = folder / "gh-state.json"
        self.state_file.write_text(json.dumps({"issues": issues or [], "labels": [], "calls": []}))
        self.bin = folder / "bin"
        self.bin.mkdir()
        program = self.bin / "gh"
        program.write_text(f"#!{sys.executable}\n" + GH.replace("__STATE__", repr(str(self.state_file))))
        program.chmod(0o755)

    @property
    def state(self) -> dict:
        return json.loads(self.state_file.read_text())

    def commands(self) -> list[str]:
        return [" ".join(call[:2]) for call in self.state["calls"]]


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def step(name: str) -> dict:
    return next(s for s in workflow()["jobs"]["due"]["steps"] if s.get("name") == name)


def run_step(name: str, project: Path, gh: StandIn) -> tuple[subprocess.CompletedProcess, str, str]:
    """The step's script as GitHub runs it (bash -e, in the checkout), with the job's and the step's settings."""
    output, summary = project / "github-output", project / "github-summary.md"
    output.write_text("")
    summary.write_text("")
    job_env = workflow()["jobs"]["due"]["env"]
    env = {**os.environ, **{key: value for key, value in job_env.items() if "${{" not in value},
           "PATH": f"{gh.bin}{os.pathsep}{os.environ['PATH']}", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary), "GH_TOKEN": "test", "PYTHON": sys.executable,
           "RUN_URL": "https://github.com/oak-tree/safeguarding/actions/runs/1"}
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step(name)["run"]], cwd=project,
                            capture_output=True, text=True, env=env, timeout=60)
    return result, output.read_text(), summary.read_text()


ISSUE_STEP = "Open, update or close the issue"
OVERDUE = {"agreed_on": TODAY - timedelta(days=400)}


def test_something_due_and_no_issue_yet_opens_one_labelled_issue_listing_it(tmp_path):
    project = a_copy(tmp_path / "copy", **OVERDUE, pages={"who.md": page("Who to talk to", TODAY - timedelta(days=500))})
    gh = StandIn(tmp_path / "gh")
    result, _, summary = run_step(ISSUE_STEP, project, gh)
    assert result.returncode == 0, result.stderr
    assert gh.commands() == ["issue list", "label create", "issue create"]
    issue, = gh.state["issues"]
    assert issue["title"] == "Reviews due on our copy of the site" and issue["labels"] == ["review-due"]
    assert "## Your guidelines" in issue["body"] and "org/docs/who.md" in issue["body"]
    assert "Written each Monday by the workflow \"Reviews due\"" in issue["body"]
    assert "## Your guidelines" in summary


def test_something_still_due_updates_the_one_open_issue_instead_of_opening_another(tmp_path):
    project = a_copy(tmp_path / "copy", **OVERDUE)
    gh = StandIn(tmp_path / "gh", issues=[{"number": 1, "state": "open", "title": "Links", "labels": ["dead-links"],
                                           "body": "", "comments": []},
                                          {"number": 2, "state": "open", "title": "Reviews due on our copy of the site",
                                           "labels": ["review-due"], "body": "last week", "comments": []}])
    result, _, _ = run_step(ISSUE_STEP, project, gh)
    assert result.returncode == 0, result.stderr
    assert gh.commands() == ["issue list", "issue edit"]
    assert gh.state["calls"][1][2] == "2"
    assert "## Your guidelines" in gh.state["issues"][1]["body"] and gh.state["issues"][0]["body"] == ""


def test_once_nothing_is_due_the_issue_is_closed_with_a_word_why(tmp_path):
    project = a_copy(tmp_path / "copy", agreed_on=TODAY)
    gh = StandIn(tmp_path / "gh", issues=[{"number": 1, "state": "open", "title": "Reviews due", "labels": ["review-due"],
                                           "body": "old", "comments": []}])
    result, _, _ = run_step(ISSUE_STEP, project, gh)
    assert result.returncode == 0, result.stderr
    assert gh.commands() == ["issue list", "issue close"]
    issue, = gh.state["issues"]
    assert issue["state"] == "closed" and issue["comments"][0].startswith("Nothing is due for review any more")


def test_nothing_due_and_no_issue_changes_nothing(tmp_path):
    project = a_copy(tmp_path / "copy", agreed_on=TODAY)
    gh = StandIn(tmp_path / "gh")
    result, _, _ = run_step(ISSUE_STEP, project, gh)
    assert result.returncode == 0, result.stderr
    assert gh.commands() == ["issue list"] and gh.state["issues"] == []
    assert "Nothing is due for review, and no issue to close." in result.stdout


def test_a_file_it_cannot_read_fails_the_run_with_the_reason_and_leaves_the_issue_alone(tmp_path):
    project = a_copy(tmp_path / "copy", guidelines="agreed_on: [\n")
    gh = StandIn(tmp_path / "gh", issues=[{"number": 1, "state": "open", "title": "Reviews due", "labels": ["review-due"],
                                           "body": "old", "comments": []}])
    result, _, summary = run_step(ISSUE_STEP, project, gh)
    assert result.returncode == 1
    assert "org/data/our-guidelines.yml" in result.stderr and "org/data/our-guidelines.yml" in summary
    assert "::error::Could not list what is due for review" in result.stdout
    assert gh.commands() == [] and gh.state["issues"][0]["body"] == "old"


def test_it_runs_only_in_an_organisations_copy(tmp_path):
    gh = StandIn(tmp_path / "gh")
    project = a_copy(tmp_path / "copy", **OVERDUE)
    _, output, _ = run_step("Is this an organisation's copy?", project, gh)
    assert output == "org=true\n"
    (project / "mkdocs.org.yml").unlink()
    result, output, _ = run_step("Is this an organisation's copy?", project, gh)
    assert output == "" and "not an organisation's copy: nothing to do" in result.stdout
    later = [s for s in workflow()["jobs"]["due"]["steps"] if s.get("name") != "Is this an organisation's copy?"
             and "actions/checkout" not in s.get("uses", "")]
    assert later and all(s["if"] == "steps.copy.outputs.org == 'true'" for s in later)


def test_it_runs_weekly_and_by_hand_with_only_the_permissions_it_needs():
    data = workflow()
    assert set(data[True]) == {"schedule", "workflow_dispatch"}  # `on:` reads as True
    assert data["permissions"] == {}
    assert data["jobs"]["due"]["permissions"] == {"contents": "read", "issues": "write"}
    checkout = next(s for s in data["jobs"]["due"]["steps"] if "actions/checkout" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False
    assert "make .venv/.site-deps" in [s.get("run") for s in data["jobs"]["due"]["steps"]]
