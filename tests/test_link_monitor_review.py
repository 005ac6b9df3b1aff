"""needs-review, end to end: `python -m link_monitor` over local servers serving pages that look like the
real thing (link_monitor_pages), in five weekly runs, with an editor's acceptances. No internet."""
from __future__ import annotations

import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from link_monitor_servers import start_server, stop_server, web  # noqa: F401 (web is a fixture)
from test_link_monitor import by_name, run_monitor, write_sample_state
from link_monitor.page_read import HostPacer, MAX_PAGE_BYTES, fetch

RUNS = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30)]
ROUTES = ("guide", "changing", "soft-404", "soft-404-text", "for-sale", "parked", "elsewhere", "slow-down",
          "maintenance", "challenge", "bot-wall", "busy", "slow-down-date", "maintenance-date", "challenge-200",
          "refresh-away", "title-only", "leaflet.pdf", "old-page", "hostile")
CHANGE_AT_THIRD_RUN = ("changing", "title-only", "leaflet.pdf", "old-page")  # server.version 1 from then on


CHALLENGE_ACCEPTED_ON = date(2026, 3, 20)


def acceptances(web, until: date, today: date) -> str:
    """The file as it stands on `today`: the challenge's entry is written on the day it was checked."""
    challenge = f"""
  - url: {web('challenge')}
    checked: Opened it in a browser; it is still the same advice page behind a check for robots.
    by: Sam, website volunteer
    checked_on: {CHALLENGE_ACCEPTED_ON.isoformat()}
    until: {until.isoformat()}""" if today >= CHALLENGE_ACCEPTED_ON else ""
    return f"""# yaml-language-server: $schema=schema/accepted-links.schema.json
accepted:{challenge}
  - url: {web('changing')}
    checked: Looked at it; the page was rewritten, and not into the guidance its card describes.
    by: Sam, website volunteer
    checked_on: 2026-03-01
    until: 2026-03-08
"""


@pytest.fixture(scope="module")
def five_runs(web, tmp_path_factory):
    """Five weekly runs. The 'changing' page becomes another page before the third run; the Cloudflare
    challenge is accepted from 20 March to 25 March (the fourth run falls inside, the fifth after)."""
    workdir = tmp_path_factory.mktemp("five-runs")
    lines = [f"{route} {web(route)}" for route in ROUTES]
    accepted = workdir / "accepted-links.yml"
    runs = []
    for number, day in enumerate(RUNS, start=1):
        accepted.write_text(acceptances(web, until=date(2026, 3, 25), today=day), encoding="utf-8")
        for route in CHANGE_AT_THIRD_RUN:
            web.server(route).version = 1 if number >= 3 else 0
        process, report = run_monitor(workdir, lines, "--accepted", str(accepted), today=day)
        assert report is not None, process.stdout + process.stderr
        runs.append({"process": process, "report": report, "links": by_name(report),
                     "md": (workdir / "linkcheck-report.md").read_text(encoding="utf-8")})
    return runs


def statuses(five_runs, name: str) -> list[str]:
    return [run["links"][name]["status"] for run in five_runs]


def kinds(link: dict) -> list[str]:
    return [reason["kind"] for reason in link["review"]]


def test_an_ordinary_resource_page_stays_ok_in_every_run(five_runs):
    assert statuses(five_runs, "guide") == ["ok"] * 5
    page = five_runs[-1]["links"]["guide"]["page"]
    assert page["title"] == "Online safety advice for parents | Example Trust"
    assert page["heading"] == "Online safety advice for parents"


@pytest.mark.parametrize("name, kind, said", [
    ("soft-404", "not-found", "Page not found – Example Youth Network"),
    ("soft-404-text", "not-found", "The page you are looking for could not be found"),
    ("for-sale", "parked", "parentsguide.example is for sale"),
    ("parked", "parked", "This domain may be for sale!"),
])
def test_a_page_that_answers_200_but_reads_as_not_found_or_parked_needs_review_at_once(five_runs, name, kind, said):
    assert statuses(five_runs, name) == ["needs-review"] * 5
    link = five_runs[0]["links"][name]
    assert link["http_code"] == 200 and kinds(link) == [kind]
    assert said in link["review"][0]["detail"]


def test_a_redirect_to_another_host_name_needs_review_and_names_where_it_leads(five_runs):
    assert statuses(five_runs, "elsewhere") == ["needs-review"] * 5
    link = five_runs[0]["links"]["elsewhere"]
    assert kinds(link) == ["another-site"]
    assert link["review"][0]["now"].startswith("http://localhost:") and link["review"][0]["now"].endswith("/casino")
    assert link["review"][0]["was"] == "127.0.0.1"


def test_a_title_and_heading_that_change_between_runs_need_review_with_the_old_and_new_title(five_runs):
    assert statuses(five_runs, "changing")[:3] == ["ok", "ok", "needs-review"]
    link = five_runs[2]["links"]["changing"]
    assert kinds(link) == ["changed"]
    assert link["review"][0]["was"] == ("title “Online safety advice for parents | Example Trust”, "
                                        "main heading “Online safety advice for parents”")
    assert link["review"][0]["now"] == "title “Summer holiday camps 2026 | Example Leisure”, main heading “Book a summer camp”"
    assert link["baseline"]["title"] == "Online safety advice for parents | Example Trust"
    # The acceptance for it ended (8 March) before the page changed: it does not hide the change.
    assert link["accepted_until"] is None
    assert statuses(five_runs, "changing")[3:] == ["needs-review", "needs-review"]


def test_a_429_that_answers_200_after_its_retry_after_is_ok(five_runs):
    for run in five_runs:
        link = run["links"]["slow-down"]
        assert (link["status"], link["http_code"]) == ("ok", 200)
        assert link["note"] == "answered 200 when fetched again after its Retry-After of 1 s"
        assert link["page"]["title"] == "Online safety advice for parents | Example Trust"


def test_a_503_is_asked_for_its_retry_after_and_fetched_again_after_it(five_runs):
    for run in five_runs:
        link = run["links"]["maintenance"]
        assert (link["status"], link["http_code"]) == ("ok", 200)
        assert "after its Retry-After of 1 s" in link["note"]


def test_a_retry_after_longer_than_30_seconds_is_left_for_the_next_run(web, five_runs):
    link = five_runs[-1]["links"]["busy"]
    assert link["error"] == "429 Too Many Requests, Retry-After: 120"
    assert web.server("busy").hits["/busy"] == len(RUNS)  # linkchecker's one request a run, and no other


@pytest.mark.parametrize("name, error", [("challenge", "403 Forbidden"), ("bot-wall", "999")])
def test_a_bot_wall_stays_transient_for_three_runs_then_needs_review_never_dead(five_runs, name, error):
    links = [run["links"][name] for run in five_runs]
    assert [link["status"] for link in links[:3]] == ["transient"] * 3
    assert all(link["error"].startswith(error) for link in links)
    assert all(link["observed"] == "transient" and link["broken_runs"] == 0 for link in links)
    if name == "bot-wall":
        assert [link["status"] for link in links[3:]] == ["needs-review"] * 2
        assert kinds(links[3]) == ["blocked"] and "4 runs in a row" in links[3]["review"][0]["detail"]


def test_an_accepted_address_is_reported_accepted_until_its_date_then_checked_afresh(five_runs):
    fourth, fifth = five_runs[3]["links"]["challenge"], five_runs[4]["links"]["challenge"]
    assert (fourth["status"], fourth["accepted_until"], fourth["accepted_by"]) == \
        ("transient", "2026-03-25", "Sam, website volunteer")
    assert kinds(fourth) == ["blocked"]  # what it would need review for, covered by the acceptance
    assert fourth["what_to_do"].startswith("Nothing until 25 March 2026")
    assert "## Accepted by an editor (1)" in five_runs[3]["md"]
    assert "accepted until 25 March 2026 by Sam, website volunteer (checked on 20 March 2026: Opened it in a browser; " \
           "it is still the same advice page behind a check for robots.)" in five_runs[3]["md"]
    assert fourth["accepted_check"].startswith("Opened it in a browser")
    assert (fifth["status"], fifth["accepted_until"]) == ("needs-review", None)
    assert "5 runs in a row" in fifth["review"][0]["detail"]


def test_a_retry_after_given_as_an_http_date_is_waited_for_and_then_ok(five_runs):
    for run in five_runs:
        for name in ("slow-down-date", "maintenance-date"):
            link = run["links"][name]
            assert (link["status"], link["http_code"]) == ("ok", 200), link
            assert link["note"].startswith("answered 200 when fetched again")
        assert "after its Retry-After of" in run["links"]["slow-down-date"]["note"]


def test_a_challenge_sent_with_status_200_is_not_the_page_so_it_is_not_reached(five_runs):
    links = [run["links"]["challenge-200"] for run in five_runs]
    assert [link["status"] for link in links] == ["transient"] * 3 + ["needs-review"] * 2
    assert all("robot check (cf-mitigated: challenge)" in link["error"] for link in links)
    assert all(link["page"] is None for link in links)  # never taken for the page itself
    assert kinds(links[3]) == ["blocked"]


def test_a_meta_refresh_to_another_host_name_needs_review_without_being_followed(web, five_runs):
    link = five_runs[0]["links"]["refresh-away"]
    assert link["status"] == "needs-review" and kinds(link) == ["another-site"]
    assert "by a refresh in the page, localhost" in link["review"][0]["detail"]
    assert web.server("refresh-away").hits["/casino"] == 0


def test_a_title_that_changes_while_the_heading_stays_needs_review(five_runs):
    assert statuses(five_runs, "title-only") == ["ok", "ok", "needs-review", "needs-review", "needs-review"]
    link = five_runs[2]["links"]["title-only"]
    assert kinds(link) == ["changed"] and link["review"][0]["detail"].startswith("its title changed since 2 March")
    assert "now title “Summer holiday camps 2026 | Example Leisure”, main heading “Online safety advice" \
        in link["review"][0]["detail"]


def test_a_pdf_that_becomes_a_web_page_needs_review(five_runs):
    assert statuses(five_runs, "leaflet.pdf") == ["ok", "ok", "needs-review", "needs-review", "needs-review"]
    assert five_runs[0]["links"]["leaflet.pdf"]["page"]["title"] is None
    detail = five_runs[2]["links"]["leaflet.pdf"]["review"][0]["detail"]
    assert detail.startswith("its kind of document changed since 2 March 2026: was a PDF document; now title “Welcome")


def test_a_page_that_now_forwards_to_the_home_page_needs_review(five_runs):
    assert statuses(five_runs, "old-page") == ["ok", "ok", "needs-review", "needs-review", "needs-review"]
    link = five_runs[2]["links"]["old-page"]
    assert "not-found" in kinds(link) and link["redirect"].endswith("/")
    assert "it now forwards to a home page, not to the page itself" in link["review"][0]["detail"]


def test_what_a_page_says_stays_text_in_the_report_and_the_issue(five_runs):
    link = five_runs[0]["links"]["hostile"]
    assert link["status"] == "needs-review" and "<img src=x" in link["review"][0]["detail"]  # JSON keeps it as it is
    text = five_runs[0]["md"]
    line = next(line for line in text.splitlines() if "page not found" in line and "octocat" in line)
    assert "\\<img src=x onerror=alert(1)\\>" in line and "<img" not in line.replace("\\<img", "")
    assert "!\\[x\\](/trap/p.png)" in line and "\\[click\\](/trap/phish)" in line
    assert "@octocat" not in line and "@\u2060octocat" in line
    assert "\\*\\*now\\*\\*" in line


def test_nothing_here_is_ever_called_dead(five_runs):
    for run in five_runs:
        assert run["report"]["summary"]["dead"] == 0
        assert all(link["status"] != "dead" for link in run["report"]["links"])


def test_needs_review_exits_1_and_says_so_in_the_report(five_runs):
    for run in five_runs:
        assert run["process"].returncode == 1, run["process"].stderr
        assert run["report"]["exit_status"] == 1
    # soft-404, soft-404-text, for-sale, parked, elsewhere, refresh-away and hostile
    assert five_runs[0]["report"]["summary"]["needs-review"] == 7
    # + changing, title-only, leaflet.pdf and old-page (from the third run), bot-wall, busy (a 429 in four
    # runs in a row) and challenge-200; the challenge (403) is accepted
    assert five_runs[3]["report"]["summary"]["needs-review"] == 14


def test_the_weekly_issue_lists_needs_review_apart_from_dead_with_what_changed(five_runs):
    text = five_runs[2]["md"]
    assert "## Needs review (11)" in text
    section = text.split("## Needs review (11)", 1)[1].split("\n| Resource |", 1)[0]
    assert "was title “Online safety advice for parents | Example Trust”" in section
    assert "now title “Summer holiday camps 2026 | Example Leisure”" in section
    assert "it now leads to another site, localhost: http://localhost:" in section
    assert "accepted-links.yml" in section  # where to accept one
    assert text.index("## Needs review") < text.index("| Resource | URL |")
    rows = [line for line in text.splitlines() if line.startswith("| changing |")]
    assert rows and "needs-review (its title and main heading changed" in rows[0]


def test_the_page_read_never_fetches_what_the_page_links_to_or_loads(web, five_runs):
    for route in ROUTES:
        hits = web.server(route).hits
        assert not [path for path in hits if path.startswith("/trap")], (route, hits)
    assert web.server("guide").hits["/guide"] == 2 * len(RUNS)  # linkchecker's request and the page read


# --- http → https on the same site, over real TLS -------------------------------------------------

@pytest.fixture
def tls_site(tmp_path):
    """https://localhost:PORT/advice (a certificate made here, trusted through REQUESTS_CA_BUNDLE as
    requests, and so linkchecker, reads it), and http://localhost:OTHER/advice forwarding there."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a certificate")
    shared = Path(tempfile.mkdtemp(prefix="link-monitor-tls-"))  # readable by 'nobody', whom linkchecker becomes
    shared.chmod(0o755)
    cert, key = shared / "cert.pem", shared / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    secure, _ = start_server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    secure.socket = context.wrap_socket(secure.socket, server_side=True)
    plain, _ = start_server()
    plain.redirects = {"/advice": f"https://localhost:{secure.server_address[1]}/guide"}
    cert.chmod(0o644)
    yield f"http://localhost:{plain.server_address[1]}/advice", cert, secure
    stop_server(secure)
    stop_server(plain)
    shutil.rmtree(shared)


def test_http_to_https_on_the_same_site_is_an_ordinary_redirect_and_the_page_is_read(tls_site, tmp_path):
    address, cert, secure = tls_site
    process, report = run_monitor(tmp_path, [f"advice {address}"], env={"REQUESTS_CA_BUNDLE": str(cert)})
    assert report is not None, process.stdout + process.stderr
    link = by_name(report)["advice"]
    assert (link["status"], link["review"]) == ("redirected", []), link
    assert link["redirect"].startswith("https://localhost:") and process.returncode == 0
    assert link["page"]["title"] == "Online safety advice for parents | Example Trust"  # read over TLS too
    assert secure.hits["/guide"] == 2


# --- the page read on its own -------------------------------------------------------------------

def test_the_page_read_stops_at_its_byte_cap(web):
    assert MAX_PAGE_BYTES < 1024 * 1024
    huge = fetch(web("huge"), HostPacer(20), timeout=5, deadline=time.monotonic() + 10)
    assert huge.status == 200 and huge.page.title is None  # the title lies beyond the cap


def test_a_killed_run_during_the_page_read_leaves_the_history_as_it_was(tmp_path):
    server, base = start_server()  # /hang-second answers linkchecker, then hangs the page read
    folder = tmp_path / "scratch"
    folder.mkdir()
    folder.chmod(0o777)
    try:
        before = write_sample_state(tmp_path / "linkcheck-state.json")
        (tmp_path / "urls.txt").write_text(f"slow {base}/hang-second\n")
        process = subprocess.Popen(
            [sys.executable, "-m", "link_monitor", "--urls", str(tmp_path / "urls.txt"), "--no-site",
             "--state", str(tmp_path / "linkcheck-state.json"), "--report-md", str(tmp_path / "r.md"),
             "--report-json", str(tmp_path / "r.json"), "--timeout", "20", "--accepted", str(tmp_path / "none.yml")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "TMPDIR": str(folder)})
        for line in process.stdout:
            if line.startswith("Reading "):
                break
        waited_until = time.monotonic() + 30
        while server.hits["/hang-second"] < 2 and time.monotonic() < waited_until:
            time.sleep(0.05)  # until the page read's request has reached the server
        assert server.hits["/hang-second"] == 2
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        stop_server(server)
    assert (tmp_path / "linkcheck-state.json").read_bytes() == before
    assert not (tmp_path / "r.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_page_read_stops_at_its_own_time_limit_however_many_pages_hang(web):
    from link_monitor.page_read import Job, read_pages

    jobs = [Job(f"{web('hang')}?{n}") for n in range(4)]
    started = time.monotonic()
    reads, stopped = read_pages(jobs, HostPacer(20), threads=2, timeout=20, time_limit=2)
    elapsed = time.monotonic() - started
    assert stopped and reads == {}
    assert elapsed < 2 + 1, f"took {elapsed:.1f} s for a 2 s limit"
