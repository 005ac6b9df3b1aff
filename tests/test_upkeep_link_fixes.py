"""Addresses that moved for good to the same page become a pull request (link_monitor.moves, upkeep.link_fixes):
which moves are safe (the rules, one by one), the edit of data/ that keeps each file as it was written
but for the one address, and, end to end, two weekly link checks over local servers, the branch on a
local "GitHub" and the pull request through a stand-in for `gh`."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from fork_support import environment, git
from gh_stand_in import install
from link_monitor.moves import find_moves
from link_monitor.page_read import Fetched
from link_monitor.signals import PageText
from link_monitor_servers import web  # noqa: F401 (a fixture)
from safeguarding_site.link_history import LinkRecord, LinkState, PageFingerprint, ReviewReason
from safeguarding_site.yaml_source import read_yaml
from test_link_monitor import by_name, run_monitor
from upkeep import link_fixes
from upkeep.yaml_edit import EditRefused, places_of, replace_value

TODAY, LAST_WEEK = date(2026, 3, 9), date(2026, 3, 2)
OLD, NEW = "http://www.example.org/advice", "https://www.example.org/advice-for-parents"
TITLE, HEADING = "Online safety advice for parents | Example Trust", "Online safety advice for parents"


def record(**changes) -> LinkRecord:
    """A resource's address that now forwards for good (301) to NEW, the same page as read last week."""
    fields = dict(sources=["example-advice"], status="redirected", observed="redirected", http_code=200,
                  redirect=NEW, redirect_codes=[301], since=TODAY, last_checked=TODAY,
                  page=PageFingerprint(title=TITLE, heading=HEADING, site="example.org", type="text/html",
                                       read_on=TODAY),
                  baseline=PageFingerprint(title="Online safety advice for parents - Example Trust", heading=HEADING,
                                           site="example.org", type="text/html", read_on=LAST_WEEK))
    fields.update(changes)
    return LinkRecord(**fields)


def read(**changes) -> Fetched:
    fields = dict(url=OLD, final_url=NEW, status=200, reason="OK", redirect_codes=(301,),
                  page=PageText(title=TITLE, heading=HEADING), content_type="text/html")
    fields.update(changes)
    return Fetched(**fields)


def moves_for(rec: LinkRecord, fetched: Fetched | None = None):
    return find_moves(LinkState(links={OLD: rec}), {OLD: fetched or read()}, TODAY)


def test_a_permanent_move_to_the_same_page_on_the_same_site_is_fixable_with_its_evidence():
    moves = moves_for(record())
    [move] = moves.fixable
    assert (move.url, move.new_url, move.codes, move.site, move.sources) == (OLD, NEW, (301,), "example.org",
                                                                              ("example-advice",))
    assert (move.title_before, move.title_after) == ("Online safety advice for parents - Example Trust", TITLE)
    assert (move.heading_before, move.heading_after) == (HEADING, HEADING)
    assert move.first_read_on == LAST_WEEK and move.heading_similarity == 1.0
    assert moves.held == []


@pytest.mark.parametrize("rec, fetched, why", [
    (record(page=PageFingerprint(title="Summer camps | Example Leisure", heading="Book a camp", site="example.org",
                                 read_on=TODAY)), None, "its title or main heading is not the one first read"),
    (record(baseline=None), None, "the page was first read in this run"),
    (record(baseline=PageFingerprint(title=TITLE, heading=HEADING, read_on=TODAY)), None,
     "the page was first read in this run"),
    (record(page=PageFingerprint(type="application/pdf", read_on=TODAY),
            baseline=PageFingerprint(type="application/pdf", read_on=LAST_WEEK)), None,
     "no title or main heading to compare"),
    (record(), read(status=None, error="timed out"), "could not be read this run"),
    (record(), read(robot_check="a robot check"), "could not be read this run"),
    (record(page=PageFingerprint(title=TITLE, heading=HEADING, read_on=LAST_WEEK)), None, "could not be read this run"),
    (record(), read(redirect_codes=(302,)), "not forwarded there for good"),
    (record(), read(final_url="https://www.example.org/other"), "ended at another address"),
    (record(sources=[]), None, "only pages link to it"),
    (record(accepted_on=LAST_WEEK, accepted_until=date(2026, 9, 1)), None, "a person accepted this address"),
    (record(redirect="https://www.example.org/"), read(final_url="https://www.example.org/"), "home page"),
    (record(redirect="https://www.example.org/a b"), read(final_url="https://www.example.org/a b"), "characters"),
], ids=["title-changed", "no-baseline", "first-read-today", "pdf-without-title", "not-read", "robot-check",
        "old-reading", "read-went-temporary", "read-ended-elsewhere", "pages-only", "accepted", "home-page",
        "odd-address"])
def test_a_move_the_check_cannot_show_is_the_same_page_is_held_for_a_person_with_why(rec, fetched, why):
    moves = moves_for(rec, fetched)
    assert moves.fixable == []
    [held] = moves.held
    assert why in held.why
    # Only a page first read today needs nobody: the next run can show it is the same page.
    assert held.waiting == (why == "the page was first read in this run")


@pytest.mark.parametrize("rec", [
    record(redirect_codes=[302]), record(redirect_codes=[301, 307]), record(status="ok", redirect=None),
    record(status="needs-review", review=[ReviewReason(kind="another-site", detail="it now leads to another site")]),
    record(status="dead", observed="broken"), record(observed="unchecked")],
    ids=["temporary", "permanent-then-temporary", "not-moved", "needs-review", "dead", "not-checked-this-run"])
def test_anything_but_a_permanent_move_is_left_alone(rec):
    moves = moves_for(rec)
    assert moves.fixable == [] and moves.held == []


def test_a_move_to_another_site_is_never_fixable():
    rec = record(redirect="https://advice.example.net/parents")
    moves = moves_for(rec, read(final_url="https://advice.example.net/parents"))
    assert moves.fixable == [] and "another site (example.net)" in moves.held[0].why


# --- the edit: one value on one line, the rest of the file as written -------------------------------

SAMPLE = """\
# Resources. A comment that mentions nothing.
resources:
  - id: example-advice
    title: "Advice: for parents"   # quoted, with a comment
    url: http://www.example.org/advice   # the leaflet's address
    offers: >-
      Folded text that a YAML library
      would write back differently.
  - id: quoted
    url: 'http://www.example.org/advice'
  - id: other
    url: http://www.example.org/advice/more
"""


def test_the_edit_changes_the_address_on_its_line_and_nothing_else(tmp_path):
    path = tmp_path / "resources.yml"
    path.write_text(SAMPLE, encoding="utf-8")
    source = read_yaml(path, "data/resources.yml")
    places = places_of(source, OLD)
    assert [(place.line, place.entry_id, place.field) for place in places] == [(5, "example-advice", "resources.url"),
                                                                                 (10, "quoted", "resources.url")]
    text = replace_value(source, places[0], OLD, NEW)
    assert text == SAMPLE.replace("    url: http://www.example.org/advice   #",
                                  f"    url: {NEW}   #")
    text = SAMPLE
    for place in places:
        text = replace_value(read_yaml_text(tmp_path, text), place, OLD, NEW)
    changed = [(old, new) for old, new in zip(SAMPLE.splitlines(), text.splitlines()) if old != new]
    assert changed == [("    url: http://www.example.org/advice   # the leaflet's address",
                        f"    url: {NEW}   # the leaflet's address"),
                       ("    url: 'http://www.example.org/advice'", f"    url: '{NEW}'")]
    assert "http://www.example.org/advice/more" in text  # a longer address is another address


def read_yaml_text(folder: Path, text: str):
    path = folder / "current.yml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "data/resources.yml")


def test_the_edit_keeps_windows_line_endings(tmp_path):
    path = tmp_path / "resources.yml"
    path.write_bytes(SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    source = read_yaml(path, "data/resources.yml")
    raw = path.read_bytes().decode("utf-8")
    text = replace_value(source, places_of(source, OLD)[0], OLD, NEW, raw)
    assert text.count("\r\n") == SAMPLE.count("\n") and NEW in text


def test_an_address_that_is_not_on_one_line_as_it_is_is_not_edited(tmp_path):
    path = tmp_path / "resources.yml"
    path.write_text("resources:\n  - id: a\n    url: http://www.example.org/advice  # http://www.example.org/advice\n",
                    encoding="utf-8")
    source = read_yaml(path, "data/resources.yml")
    with pytest.raises(EditRefused, match="line 3"):
        replace_value(source, places_of(source, OLD)[0], OLD, NEW)


def data_copy(folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("linkcheck-state.json", "schema"))
    return data


def a_move(url: str, new: str, **more) -> dict:
    return {"url": url, "new_url": new, "codes": [301], "site": "example.org", "sources": ["x"], "pages": [],
            "first_read_on": "2026-03-02", "title_before": TITLE, "title_after": TITLE,
            "heading_before": HEADING, "heading_after": HEADING, **more}


def test_the_real_data_files_change_by_one_line_per_address(tmp_path):
    data = data_copy(tmp_path)
    resources = read_yaml(data / "resources.yml", "data/resources.yml")
    childnet = next(entry for entry in resources.data["resources"] if entry["id"] == "childnet")
    licence = read_yaml(data / "publication.yml", "data/publication.yml").data["licence"]["url"]
    report = {"moves": [a_move(childnet["url"], "https://www.childnet.com/new-home"),
                        a_move(licence, "https://creativecommons.org/licenses/by-nc/4.0/"),
                        a_move("https://nowhere.example.org/", "https://nowhere.example.org/new")]}
    texts, fixes, skipped = link_fixes.plan(report, data, tmp_path)
    assert {path.name for path in texts} == {"resources.yml", "publication.yml"}
    for path, text in texts.items():
        before = path.read_text(encoding="utf-8").splitlines()
        after = text.splitlines()
        assert len(before) == len(after)
        assert sum(1 for old, new in zip(before, after) if old != new) == 1, path.name
    [resource, publication] = sorted(fixes, key=lambda fix: fix.file)[::-1]
    assert (resource.file, resource.entry_id, resource.field) == ("data/resources.yml", "childnet", "resources.url")
    assert resource.entry_title == childnet["title"]
    assert (publication.file, publication.field) == ("data/publication.yml", "licence.url")
    assert [skip.url for skip in skipped] == ["https://nowhere.example.org/"]
    assert "not the whole value of any field" in skipped[0].why


def test_an_address_a_person_accepted_is_left_to_them(tmp_path):
    data = data_copy(tmp_path)
    resources = read_yaml(data / "resources.yml", "data/resources.yml")
    url = resources.data["resources"][0]["url"]
    (data / "accepted-links.yml").write_text(
        f"accepted:\n  - url: {url}\n    checked: Opened it.\n    by: Sam\n    checked_on: 2026-03-01\n"
        "    until: 2026-09-01\n", encoding="utf-8")
    texts, fixes, skipped = link_fixes.plan({"moves": [a_move(url, url + "moved")]}, data, tmp_path)
    assert texts == {} and fixes == [] and "accepted" in skipped[0].why


# --- end to end: two weekly checks, the branch, the pull request -------------------------------------

@pytest.mark.slow
def test_two_weekly_checks_turn_a_permanent_move_into_a_pull_request_with_the_evidence(web, tmp_path):
    routes = ("moving-guide", "moving-guide-308", "moving-for-now", "moving-to-camps")
    lines = [f"{route} {web(route)}" for route in routes]
    for route in routes:
        web.server(route).version = 0
    first, _ = run_monitor(tmp_path, lines, today=LAST_WEEK)
    assert first.returncode == 0, first.stdout + first.stderr
    for route in routes:
        web.server(route).version = 1
    second, report = run_monitor(tmp_path, lines, today=TODAY)
    assert second.returncode == 1, second.stdout + second.stderr  # moving-to-camps needs review
    links = by_name(report)
    assert links["moving-to-camps"]["status"] == "needs-review"
    def moved(route: str) -> str:  # each route has a server of its own; the page moved within it
        return web(route).replace(route, "guide-2026")
    assert {move["url"]: move["new_url"] for move in report["moves"]} == {
        web("moving-guide"): moved("moving-guide"), web("moving-guide-308"): moved("moving-guide-308")}
    move = next(move for move in report["moves"] if move["url"] == web("moving-guide"))
    assert move["codes"] == [301] and move["site"] == "127.0.0.1" and move["first_read_on"] == LAST_WEEK.isoformat()
    assert move["title_before"] == move["title_after"] == "Online safety advice for parents | Example Trust"
    assert "## Moved for good to the same page (2)" in (tmp_path / "linkcheck-report.md").read_text(encoding="utf-8")

    # A copy of the site whose data uses those addresses, on a local "GitHub".
    project, bare = tmp_path / "project", tmp_path / "project.git"
    data = data_copy(project)
    text = (data / "resources.yml").read_text(encoding="utf-8")
    urls = [entry["url"] for entry in read_yaml(data / "resources.yml", "x").data["resources"]]
    text = text.replace(urls[0], web("moving-guide")).replace(urls[1], web("moving-for-now"))
    (data / "resources.yml").write_text(text, encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "The site")
    git(tmp_path, "clone", "--quiet", "--bare", str(project), str(bare))
    git(project, "remote", "add", "origin", str(bare))
    git(project, "fetch", "--quiet", "origin")
    gh = install(tmp_path / "gh")
    env = {**environment(), **gh.environment(), "PYTHONPATH": str(ROOT), "GITHUB_SERVER_URL": "https://github.com",
           "GITHUB_REPOSITORY": "oak-tree/safeguarding", "GITHUB_RUN_ID": "9"}

    def upkeep(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "upkeep", *args], cwd=project, capture_output=True, text=True,
                              env=env, timeout=120)

    prepared = upkeep("link-fixes", "prepare", "--report", str(tmp_path / "linkcheck-report.json"), "--push",
                      "--output", str(tmp_path / "fixes.json"))
    assert prepared.returncode == 0, prepared.stderr
    assert git(project, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip() == "main"  # left where it was
    fixed = subprocess.run(["git", "show", "link-fixes:data/resources.yml"], cwd=bare, capture_output=True,
                           text=True).stdout
    changed = [(old, new) for old, new in zip(text.splitlines(), fixed.splitlines()) if old != new]
    assert changed == [(line, line.replace(web("moving-guide"), moved("moving-guide"))) for line in text.splitlines()
                       if web("moving-guide") in line]
    assert len(fixed.splitlines()) == len(text.splitlines())
    checked = upkeep("check", "--output", str(tmp_path / "check.json"), "--", sys.executable, "-c", "print('ok')")
    assert checked.returncode == 0
    opened = upkeep("link-fixes", "pull-request", "--fixes", str(tmp_path / "fixes.json"), "--check",
                    str(tmp_path / "check.json"))
    assert opened.returncode == 0, opened.stderr
    [pull] = gh.pulls
    assert (pull["headRefName"], pull["base"]) == ("link-fixes", "main")
    assert pull["title"] == "Addresses that moved: 1 to change in data/"
    body = pull["body"]
    first_title = read_yaml(data / "resources.yml", "x").data["resources"][0]["title"]
    assert f"### “{first_title}”" in body
    assert f"| Address | <{web('moving-guide')}> | <{moved('moving-guide')}> |" in body
    assert "The old address answers **301 Moved Permanently**, and forwards to the new one on the same site" in body
    assert "| Title | “Online safety advice for parents \\| Example Trust” |" in body
    assert "**The quick check passed**" in body and "2 March 2026" in body
    assert "`data/resources.yml`, line " in body

    # The next week finds the same: the same pull request is updated; then nothing: it is closed.
    assert upkeep("link-fixes", "pull-request", "--fixes", str(tmp_path / "fixes.json")).returncode == 0
    assert gh.commands().count("pr create") == 1 and gh.calls[-1][:3] == ["pr", "edit", "1"]
    (tmp_path / "none.json").write_text(json.dumps({**report, "moves": [], "moves_held": []}), encoding="utf-8")
    assert upkeep("link-fixes", "prepare", "--report", str(tmp_path / "none.json"), "--output",
                  str(tmp_path / "no-fixes.json")).returncode == 0
    closed = upkeep("link-fixes", "pull-request", "--fixes", str(tmp_path / "no-fixes.json"))
    assert closed.returncode == 0, closed.stderr
    assert gh.pulls[0]["state"] == "closed" and "found no address to change" in gh.pulls[0]["comments"][0]


def test_the_report_lists_the_moves_and_those_a_person_should_check_but_not_those_waiting_a_week():
    from link_monitor.moves import Held, Moves
    from link_monitor.report import RunSummary, as_json, markdown
    moves = moves_for(record())
    moves = Moves(fixable=moves.fixable, held=[
        Held("http://a.example.org/x", "http://a.example.org/y", "the page at the new address could not be read"),
        Held("http://b.example.org/x", "http://b.example.org/y", "the page was first read in this run", waiting=True)])
    summary = RunSummary(today=TODAY, state=LinkState(links={OLD: record()}), checked={OLD}, moves=moves,
                         settings={"timeout": 20, "threads": 10, "rate": 2.0})
    text = markdown(summary)
    assert "## Moved for good to the same page (1)" in text
    assert f"- **example-advice**: <{OLD}> → <{NEW}> (301, example.org)" in text
    assert "## Moved for good, to check by hand (1)" in text and "a.example.org" in text
    assert "b.example.org" not in text and "1 more address forwards for good, to a page read for the first time" in text
    report = json.loads(as_json(summary))
    assert [move["url"] for move in report["moves"]] == [OLD]
    assert [held["waiting"] for held in report["moves_held"]] == [False, True]


def test_with_nothing_to_change_no_branch_is_made_and_only_what_needs_a_person_is_listed(tmp_path):
    from upkeep.gitrepo import Git
    data_copy(tmp_path)
    git(tmp_path, "init", "--quiet", "--initial-branch=main")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "-m", "The site")
    report = tmp_path / "linkcheck-report.json"
    report.write_text(json.dumps({"checked_on": "2026-03-09", "moves": [], "moves_held": [
        {"url": "http://a.example.org/x", "new_url": "http://a.example.org/y", "why": "could not be read",
         "waiting": False},
        {"url": "http://b.example.org/x", "new_url": "http://b.example.org/y", "why": "first read", "waiting": True}]}),
        encoding="utf-8")
    result = link_fixes.prepare(Git(tmp_path), report, tmp_path / "data")
    assert result.fixes == [] and result.head_commit == ""
    assert [skip.url for skip in result.skipped] == ["http://a.example.org/x"]
    assert "link-fixes" not in git(tmp_path, "branch").stdout
