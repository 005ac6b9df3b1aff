"""Addresses that moved for good to the same page, changed in data/ and offered as one pull request.

`prepare` reads the link check's JSON report (its `moves`: link_monitor.moves says when a move is safe),
finds each old address wherever it is the whole value of a field in data/*.yml, changes it on its own
line (yaml_edit: comments, order and layout kept), and commits the changes on the branch `link-fixes`,
made afresh from the current commit each run. An address a person accepted in data/accepted-links.yml,
or one that cannot be changed on its line alone, is left for a person, with the reason.

`pull_request` opens or updates the one pull request with each change and its evidence, and closes it
when a run finds nothing to change.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from link_monitor.markdown import markdown_link, markdown_text
from safeguarding_site.errors import DataError
from safeguarding_site.review import long_date
from safeguarding_site.yaml_source import YamlSource, read_yaml

from .check import CheckResult, fenced
from .gitrepo import Git, UpkeepError
from .pulls import PullRequests
from .yaml_edit import EditRefused, places_of, read_text, replace_value

BRANCH = "link-fixes"
MARKER = "<!-- upkeep: link-fixes -->"
ACCEPTED = "accepted-links.yml"
CODE_WORDS = {301: "301 Moved Permanently", 308: "308 Permanent Redirect"}


@dataclass
class Fix:
    url: str
    new_url: str
    file: str  # data/resources.yml
    line: int
    field: str  # "resources.url"
    entry_id: str | None
    entry_title: str | None
    codes: list[int]
    site: str
    pages: list[str]
    first_read_on: str
    title_before: str | None
    title_after: str | None
    heading_before: str | None
    heading_after: str | None


@dataclass
class Skipped:
    url: str
    new_url: str | None
    why: str


@dataclass
class FixReport:
    checked_on: str
    base_commit: str
    branch: str = BRANCH
    fixes: list[Fix] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    head_commit: str = ""
    pushed: bool = False

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "FixReport":
        data = dict(data)
        data["fixes"] = [Fix(**fix) for fix in data.get("fixes", [])]
        data["skipped"] = [Skipped(**skipped) for skipped in data.get("skipped", [])]
        return cls(**data)


def read_report(path: Path) -> dict:
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UpkeepError(f"{path}: there is no link check report; run `make linkcheck` first") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UpkeepError(f"{path}: the link check report cannot be read ({exc})") from None
    if not isinstance(report, dict) or not isinstance(report.get("moves", []), list):
        raise UpkeepError(f"{path}: this is not a link check report (no list of moves)")
    return report


def _relative(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return str(path)


def plan(report: dict, data_dir: Path, project: Path) -> tuple[dict[Path, str], list[Fix], list[Skipped]]:
    """The data files' new texts, the fixes made in them, and the moves left for a person."""
    texts: dict[Path, str] = {}
    sources = {}
    for path in sorted(Path(data_dir).glob("*.yml")):
        label = _relative(path, project)
        try:
            sources[path] = read_yaml(path, label)
        except DataError as exc:
            raise UpkeepError(f"{exc}\nFix the data first (make build shows the same problem).") from None
        with open(path, encoding="utf-8", newline="") as handle:
            texts[path] = handle.read()
    fixes: list[Fix] = []
    skipped: list[Skipped] = []
    for move in report.get("moves", []):
        url, new = move["url"], move["new_url"]
        accepted = [places_of(source, url) for path, source in sources.items() if path.name == ACCEPTED]
        if any(accepted):
            skipped.append(Skipped(url, new, f"a person accepted this address in data/{ACCEPTED}; change both by "
                                             "hand if the new address is right"))
            continue
        found = [(path, place) for path, source in sources.items() if path.name != ACCEPTED
                 for place in places_of(source, url)]
        if not found:
            skipped.append(Skipped(url, new, "it is not the whole value of any field in data/ (a page links to it:"
                                             " change the link in the page)"))
            continue
        edits: dict[Path, tuple[str, YamlSource]] = {}
        try:
            for path, place in found:
                text, source = edits.get(path, (texts[path], sources[path]))
                text = replace_value(source, place, url, new, text)
                edits[path] = (text, read_text(text, source))
        except EditRefused as exc:
            skipped.append(Skipped(url, new, str(exc)))
            continue
        for path, (text, source) in edits.items():
            texts[path], sources[path] = text, source
        for path, place in found:
            fixes.append(Fix(url=url, new_url=new, file=place.label, line=place.line, field=place.field,
                             entry_id=place.entry_id, entry_title=place.entry_title,
                             codes=[int(code) for code in move.get("codes", [])], site=move.get("site", ""),
                             pages=list(move.get("pages", [])), first_read_on=move.get("first_read_on", ""),
                             title_before=move.get("title_before"), title_after=move.get("title_after"),
                             heading_before=move.get("heading_before"), heading_after=move.get("heading_after")))
    changed = {path: text for path, text in texts.items() if any(fix.file == sources[path].label for fix in fixes)}
    return changed, fixes, skipped


def prepare(git: Git, report_path: Path, data_dir: Path, branch: str = BRANCH) -> FixReport:
    """Commit this run's fixes on `branch`, made afresh from the current commit (which stays checked out)."""
    status = git.out("status", "--porcelain", "--untracked-files=no")
    if status:
        raise UpkeepError("this working copy has changes that are not committed, so no fix was made:\n" + status)
    report = read_report(report_path)
    base_commit = git.commit_of("HEAD")
    result = FixReport(checked_on=str(report.get("checked_on", "")), base_commit=base_commit, branch=branch)
    texts, result.fixes, result.skipped = plan(report, Path(data_dir), git.root)
    for held in report.get("moves_held", []):
        if held.get("waiting"):
            continue  # first read this run: next week's check can show it is the same page
        result.skipped.append(Skipped(held.get("url", ""), held.get("new_url"), held.get("why", "")))
    if not result.fixes:
        return result
    where = git.out("rev-parse", "--abbrev-ref", "HEAD")
    git.run("checkout", "--quiet", "-B", branch, base_commit)
    try:
        for path, text in texts.items():
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            git.run("add", "--", str(path))
        count = len({fix.url for fix in result.fixes})
        lines = [f"Change {count} address{'es' if count != 1 else ''} that moved for good to the same page "
                 f"(link check {result.checked_on})", ""]
        lines += [f"- {fix.file}, line {fix.line}: {fix.url} -> {fix.new_url}" for fix in result.fixes]
        git.run("commit", "--quiet", "-m", "\n".join(lines), identity=True)
        result.head_commit = git.commit_of("HEAD")
    finally:
        git.run("checkout", "--quiet", where if where != "HEAD" else base_commit)
    return result


def push(git: Git, result: FixReport, remote: str = "origin") -> FixReport:
    """Send the branch (made afresh each run, so it replaces the last run's)."""
    if result.head_commit:
        git.run("push", "--quiet", "--force", remote, f"{result.head_commit}:refs/heads/{result.branch}")
        result.pushed = True
    return result


# --- the pull request -------------------------------------------------------------------------------

def _quote(text: str | None) -> str:
    """Text from a page, quoted, for a table cell."""
    return f"“{markdown_text(text)}”".replace("|", "\\|") if text else "(none)"


def _day(text: str) -> str:
    try:
        return long_date(date.fromisoformat(text))
    except ValueError:
        return markdown_text(text)


def _codes(codes: list[int]) -> str:
    return ", then ".join(CODE_WORDS.get(code, str(code)) for code in codes) or "a permanent redirect"


def _fix_lines(fix: Fix) -> list[str]:
    name = f"“{markdown_text(fix.entry_title)}” (`{markdown_text(fix.entry_id)}`)" if fix.entry_title else \
        f"`{markdown_text(fix.entry_id or fix.field)}`"
    lines = ["", f"### {name}", "",
             f"`{markdown_text(fix.file)}`, line {fix.line}, field `{markdown_text(fix.field.rsplit('.', 1)[-1])}`", "",
             f"The old address answers **{_codes(fix.codes)}**, and forwards to the new one on the same site "
             f"({markdown_text(fix.site)}).", "",
             "| | Before | Now |", "| --- | --- | --- |",
             f"| Address | {markdown_link(fix.url)} | {markdown_link(fix.new_url)} |",
             f"| Title | {_quote(fix.title_before)} | {_quote(fix.title_after)} |",
             f"| Main heading | {_quote(fix.heading_before)} | {_quote(fix.heading_after)} |",
             "", f"“Before” is the page as the link check first read it, on {_day(fix.first_read_on)}; “now” is "
                 "this run's reading at the new address."]
    if fix.pages:
        pages = ", ".join(f"`{markdown_text(page)}`" for page in fix.pages)
        lines.append("")
        lines.append(f"Pages also link to the old address ({pages}); it still works through the forward. Change "
                     "it there by hand if you like.")
    return lines


def title(result: FixReport, check: CheckResult | None) -> str:
    count = len({fix.url for fix in result.fixes})
    text = f"Addresses that moved: {count} to change in data/"
    return text + (" (quick check failed)" if check is not None and not check.passed else "")


def body(result: FixReport, check: CheckResult | None, run_url: str = "") -> str:
    count = len({fix.url for fix in result.fixes})
    run = f" ([the run]({run_url}))" if run_url else ""
    lines = [MARKER, "",
             f"The weekly link check of {_day(result.checked_on)} found "
             + (f"{count} addresses that now forward" if count != 1 else "an address that now forwards")
             + " for good to a new address for the same page: on the same site, with the title or main heading the "
             "page had when first read. This pull request changes "
             + ("each" if count != 1 else "it") + " in `data/`, and nothing else: the files keep their comments, "
             "order and layout.", ""]
    if check is None:
        lines.append(f"The quick check did not run{run}; GitHub checks your site again when you merge.")
    elif check.passed:
        lines.append(f"**The quick check passed**{run} with these changes (`{check.command}`).")
    else:
        lines += [f"**The quick check failed**{run} with these changes. Its last lines:", "",
                  fenced(check.tail or "(no output)"), "", "Your live site is not affected. Fix the file it names on "
                  f"`main`; the next weekly run makes this pull request again."]
    lines += ["", "## The changes"]
    for fix in result.fixes:
        lines += _fix_lines(fix)
    if result.skipped:
        lines += ["", "## Moved for good, but left for a person", "",
                  "The check could not show these are the same page, so they are not changed here. Open each in a "
                  "browser; if it is the same page, change its address in `data/` by hand.", ""]
        lines += [f"- {markdown_link(skip.url)} → {markdown_link(skip.new_url or '')}: {markdown_text(skip.why)}"
                  for skip in result.skipped]
    lines += ["", "## How to review it", "",
              "1. Open **Files changed**: each changed line is one address, old and new.",
              "2. Open a new address if you want to see the page for yourself.",
              "3. Press **Merge pull request**, then **Confirm merge**. Your site is published again with the new "
              "addresses.", "",
              "If a change is wrong, close this pull request, and add the old address to "
              f"`data/{ACCEPTED}` (what you checked, who, when, and until when): the link check then leaves it as it "
              "is until that date. Each week the check makes this pull request afresh from what it finds, so do not "
              "add your own commits to its branch.",
              "", "---", f"Opened by the weekly **Link check** workflow{run}."]
    return "\n".join(lines) + "\n"


def pull_request(result: FixReport, check: CheckResult | None, pulls: PullRequests, run_url: str = "",
                 base: str = "main") -> str:
    """Open, update or close the one pull request; returns what was done, in a sentence."""
    found = pulls.find(result.branch)
    if not result.fixes:
        for pull in found:
            pulls.close(pull, f"The link check of {_day(result.checked_on)} found no address to change (it may have "
                              "been changed already). It opens a new pull request when it finds one.")
        return "No address to change" + (f"; closed #{found[0].number}." if found else ".")
    if not result.pushed:
        raise UpkeepError(f"the branch {result.branch} was not sent to GitHub, so there is nothing to open a pull "
                          "request from")
    heading = title(result, check)
    action, pull = pulls.open_or_update(base, result.branch, heading, body(result, check, run_url))
    return f"{action.capitalize()} the pull request {pull.url or '#' + str(pull.number)}: {heading}"
