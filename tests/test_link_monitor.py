"""The link check (python -m link_monitor): classification, the two-run rule, the history file, the
reports, the exit codes and the time bound. No internet: every address is served by a local HTTP
server on 127.0.0.1 started here, a port nothing listens on, or a host name under .invalid."""
from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from link_monitor_servers import free_port, start_server, stop_server, web  # noqa: F401 (web is a fixture)
from link_monitor.classify import CheckResult, Observation, advance, classify
from link_monitor.files import save_state, write_atomically
from link_monitor.runner import Settings, parse_rows, run_linkchecker
from safeguarding_site.link_history import LinkRecord, LinkState, StateFileError, load_link_notices, read_state

TIMEOUT = 2  # seconds, for every run here
FIRST_RUN, SECOND_RUN = date(2026, 3, 2), date(2026, 3, 9)


def run_monitor(workdir: Path, lines: list[str], *extra: str, today: date = FIRST_RUN,
                threads: int = 10, env: dict | None = None) -> tuple[subprocess.CompletedProcess, dict | None]:
    """One `python -m link_monitor` run over a URL list; returns the process and the JSON report."""
    url_list = workdir / "urls.txt"
    url_list.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = workdir / "linkcheck-report.json"
    report.unlink(missing_ok=True)
    command = [sys.executable, "-m", "link_monitor", "--urls", str(url_list), "--no-site",
               "--state", str(workdir / "linkcheck-state.json"), "--report-md", str(workdir / "linkcheck-report.md"),
               "--report-json", str(report), "--timeout", str(TIMEOUT), "--threads", str(threads),
               "--rate", "20", "--today", today.isoformat(), *extra]
    process = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env={**os.environ, **(env or {})})
    return process, json.loads(report.read_text(encoding="utf-8")) if report.exists() else None


def by_name(report: dict) -> dict[str, dict]:
    return {link["resource_id"]: link for link in report["links"]}


# --- one URL list with every kind of answer, checked in two runs a week apart ---------------------

@pytest.fixture(scope="module")
def two_runs(web, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-runs")
    lines = [f"{name} {web(path)}" for name, path in (
        ("ok", "ok"), ("moved", "moved"), ("found", "found"), ("loop", "loop"), ("missing", "missing"),
        ("gone", "gone"), ("busy", "busy"), ("error", "error"), ("unavailable", "unavailable"),
        ("hang", "hang"), ("reset", "reset"))]
    lines += [f"refused http://127.0.0.1:{free_port()}/page", "unresolvable http://no-such-host.invalid/page"]
    first, first_report = run_monitor(workdir, lines, today=FIRST_RUN)
    first_md = (workdir / "linkcheck-report.md").read_text(encoding="utf-8")
    second, second_report = run_monitor(workdir, lines, today=SECOND_RUN)
    return {"first": first, "first_report": first_report, "first_md": first_md,
            "second": second, "second_report": second_report, "lines": lines, "workdir": workdir,
            "second_md": (workdir / "linkcheck-report.md").read_text(encoding="utf-8")}


def test_first_run_exits_0_because_nothing_has_failed_twice(two_runs):
    assert two_runs["first"].returncode == 0, two_runs["first"].stderr
    assert two_runs["first_report"]["summary"]["dead"] == 0


def test_second_run_exits_1_because_links_failed_twice(two_runs):
    assert two_runs["second"].returncode == 1, two_runs["second"].stderr
    assert two_runs["second_report"]["exit_status"] == 1


def test_page_answering_200_is_ok(two_runs):
    for report in ("first_report", "second_report"):
        link = by_name(two_runs[report])["ok"]
        assert (link["status"], link["http_code"], link["error"], link["first_failed"]) == ("ok", 200, None, None)


def test_permanent_redirect_is_redirected_with_the_new_address(two_runs):
    link = by_name(two_runs["second_report"])["moved"]
    assert link["status"] == "redirected"
    assert link["redirect"].endswith("/ok")
    assert "301" in link["what_to_do"] and link["redirect"] in link["what_to_do"]


def test_temporary_redirect_is_redirected_but_not_urgent(two_runs):
    link = by_name(two_runs["second_report"])["found"]
    assert link["status"] == "redirected" and link["redirect"].endswith("/ok")
    assert link["what_to_do"].startswith("Probably nothing")


@pytest.mark.parametrize("name, reason", [
    ("missing", "404 Not Found"), ("gone", "410 Gone"), ("refused", "connection refused"),
    ("unresolvable", "host name does not resolve"), ("loop", "redirect loop")])
def test_broken_link_is_transient_on_first_failure_and_dead_on_the_second(two_runs, name, reason):
    first = by_name(two_runs["first_report"])[name]
    assert (first["status"], first["observed"], first["error"]) == ("transient", "broken", reason)
    assert "next run" in first["what_to_do"]
    second = by_name(two_runs["second_report"])[name]
    assert (second["status"], second["error"]) == ("dead", reason)
    assert second["first_failed"] == FIRST_RUN.isoformat()
    assert second["last_checked"] == SECOND_RUN.isoformat()


@pytest.mark.parametrize("name, code, reason", [
    ("busy", 429, "429 Too Many Requests, Retry-After: 120"), ("error", 500, "500 Internal Server Error"),
    ("unavailable", 503, "503 Service Unavailable"), ("hang", None, "timed out"),
    ("reset", None, "connection dropped")])
def test_busy_or_blocking_site_stays_transient_however_often_it_fails(two_runs, name, code, reason):
    for report in ("first_report", "second_report"):
        link = by_name(two_runs[report])[name]
        assert (link["status"], link["http_code"], link["error"]) == ("transient", code, reason)
    assert by_name(two_runs["second_report"])[name]["failing_runs"] == 2
    assert by_name(two_runs["second_report"])[name]["first_failed"] == FIRST_RUN.isoformat()


def test_json_report_gives_every_field_for_every_url(two_runs):
    report = two_runs["second_report"]
    assert len(report["links"]) == len(two_runs["lines"])
    for link in report["links"]:
        assert {"url", "resource_id", "status", "http_code", "error", "redirect", "first_failed",
                "last_checked"} <= set(link)
        assert link["status"] in ("ok", "redirected", "transient", "needs-review", "dead")
    assert report["summary"] == {"ok": 1, "redirected": 2, "transient": 5, "needs-review": 0, "dead": 5,
                                 "dead_site_links": 0}


def test_markdown_report_is_a_table_an_editor_can_act_on(two_runs):
    text = two_runs["second_md"]
    assert "| Resource | URL | Status | Since | What to do |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) == len(two_runs["lines"])
    assert rows[0].split(" | ")[2].startswith("dead")  # worst first
    missing = next(row for row in rows if row.startswith("| missing |"))
    assert "dead (404 Not Found)" in missing and "2 March 2026" in missing and "Open it in a browser" in missing
    moved = next(row for row in rows if row.startswith("| moved |"))
    assert "redirected →" in moved and "/ok" in moved
    assert "transient (failed once; not yet dead)" in two_runs["first_md"]


def test_markdown_report_lists_what_is_dead_apart_before_the_table(two_runs):
    text = two_runs["second_md"]
    assert "## Dead (" not in two_runs["first_md"]
    section = text.split("## Dead (5)", 1)[1].split("\n| Resource |", 1)[0]
    assert "- **missing**: <http://127.0.0.1:" in section and "/missing>: 404 Not Found (failing since 2 March 2026)" \
        in section
    assert "## Needs review" not in text


def test_progress_is_printed_one_line_per_url(two_runs):
    out = two_runs["first"].stdout
    assert out.count("/13] ") == 13
    assert "Result: 0 dead" in out


def test_history_file_records_both_runs(two_runs):
    state = read_state(two_runs["workdir"] / "linkcheck-state.json")
    assert state.last_run == SECOND_RUN
    record = next(r for url, r in state.links.items() if url.endswith("/missing"))
    assert (record.status, record.broken_runs, record.first_failed, record.since) == \
        ("dead", 2, FIRST_RUN, SECOND_RUN)


# --- classification and the two-run rule as plain functions ---------------------------------------

@pytest.mark.parametrize("result, warnings, kind, error", [
    ("200 OK", (), "ok", None),
    ("200 OK", ("Redirected to `https://new.example/' status: 301 Moved Permanently.",), "redirected", None),
    ("404 Not Found", ("Redirected to `https://new.example/' status: 301 Moved Permanently.",), "broken",
     "404 Not Found"),
    ("410 Gone", (), "broken", "410 Gone"),
    ("429 Too Many Requests", ("Rate limited (Retry-After: 60)",), "transient", "429 Too Many Requests, Retry-After: 60"),
    ("503 Service Unavailable", (), "transient", "503 Service Unavailable"),
    ("502 Bad Gateway", (), "transient", "502 Bad Gateway"),
    ("403 Forbidden", (), "transient", "403 Forbidden"),
    ("ReadTimeout: HTTPConnectionPool(host='timeout.example', port=80): Read timed out. (read timeout=2)", (),
     "transient", "timed out"),
    ("ConnectTimeout: HTTPSConnectionPool(host='a.example', port=443): Max retries exceeded with url: /certificate "
     "(Caused by ConnectTimeoutError(<urllib3.connection.HTTPSConnection object>, 'Connection to a.example timed "
     "out. (connect timeout=2)'))", (), "transient", "timed out"),
    ("ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))", (),
     "transient", "connection dropped"),
    ("ConnectionError: HTTPConnectionPool(host='127.0.0.1', port=1): Max retries exceeded with url: /x (Caused by "
     "NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=1): Failed to establish a new connection: "
     "[Errno 111] Connection refused\")...", (), "broken", "connection refused"),
    ("ConnectionError: HTTPConnectionPool(host='nothere.invalid', port=80): Max retries exceeded with url: / "
     "(Caused by NameResolutionError(\"HTTPConnection(host='nothere.invalid', port=80): Failed to resolve "
     "'nothere.invalid' ([Errno -2] Name or ...", (), "broken", "host name does not resolve"),
    ("ConnectionError: HTTPSConnectionPool(host='x.example', port=443): Max retries exceeded with url: / (Caused "
     "by NameResolutionError(\"...: Failed to resolve 'x.example' ([Errno -3] Temporary failure in name "
     "resolution)\"))", (), "transient", "name lookup failed for now (DNS busy)"),
    ("SSLError: HTTPSConnectionPool(host='expired.example', port=443): Max retries exceeded with url: / (Caused "
     "by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
     "certificate has expired (_ssl.c:1006)')))", (), "broken", "TLS (https) failure"),
    ("TooManyRedirects: Exceeded 30 redirects.", ("Redirected to `http://a/loop' status: 302 Found.",),
     "broken", "redirect loop"),
    ("something nobody has seen before", (), "transient", "something nobody has seen before"),
])
def test_classify_turns_linkchecker_results_into_observations(result, warnings, kind, error):
    seen = classify(CheckResult(url="http://a.example/", result=result, warnings=warnings))
    assert (seen.kind, seen.error) == (kind, error)


def test_host_names_in_error_text_do_not_decide_the_class():
    # 'tls' and 'certificate' in a host name or path must not turn a time-out into a TLS failure
    seen = classify(CheckResult(url="https://atls.example/certificate-guide", result=(
        "ReadTimeout: HTTPSConnectionPool(host='atls-certificate.example', port=443): Read timed out.")))
    assert seen.kind == "transient"


def test_a_redirect_to_the_url_itself_is_not_a_redirect():
    # what linkchecker reports for /ok when /moved, checked just before, redirected to it
    seen = classify(CheckResult(url="http://a.example/ok", result="200 OK",
                                warnings=("Redirected to `http://A.example/ok' status: 301 Moved Permanently.",)))
    assert (seen.kind, seen.redirect) == ("ok", None)


def test_redirect_codes_say_whether_the_move_is_for_good():
    seen = classify(CheckResult(url="http://a/", result="200 OK", warnings=(
        "Redirected to `http://a/b' status: 301 Moved Permanently.",
        "Redirected to `https://a/b' status: 308 Permanent Redirect.")))
    assert (seen.redirect, seen.redirect_codes, seen.permanent_redirect) == ("https://a/b", (301, 308), True)
    temporary = classify(CheckResult(url="http://a/", result="200 OK",
                                     warnings=("Redirected to `http://a/b' status: 302 Found.",)))
    assert temporary.permanent_redirect is False


def days(n: int) -> date:
    return date(2026, 1, 1).replace(day=n)


def history(*kinds: str) -> LinkRecord | None:
    record = None
    for day, kind in enumerate(kinds, start=1):
        record = advance(record, Observation(kind, error=kind), days(day), ["r"], [])
    return record


@pytest.mark.parametrize("kinds, status", [
    (("broken",), "transient"),
    (("broken", "broken"), "dead"),
    (("broken", "broken", "broken"), "dead"),
    (("broken", "ok"), "ok"),
    (("broken", "ok", "broken"), "transient"),  # not consecutive
    (("broken", "transient", "broken"), "transient"),  # a time-out in between breaks the run of failures
    (("transient",) * 8, "transient"),  # busy sites never become dead
    (("transient", "broken"), "transient"),
    (("broken", "broken", "redirected"), "redirected"),
])
def test_dead_needs_two_consecutive_broken_runs(kinds, status):
    assert history(*kinds).status == status


def test_first_failed_is_the_start_of_the_current_run_of_failures():
    record = history("ok", "transient", "broken", "broken")
    assert (record.first_failed, record.since, record.failing_runs) == (days(2), days(4), 3)
    assert history("broken", "ok").first_failed is None


def test_an_unchecked_url_keeps_what_was_known():
    before = history("broken")
    after = advance(before, Observation("unchecked"), days(9), ["r"], [])
    assert (after.status, after.broken_runs, after.last_checked) == ("transient", 1, days(1))
    assert advance(after, Observation("broken", error="404"), days(10), ["r"], []).status == "dead"


def test_parse_rows_leaves_out_a_row_still_being_written():
    text = 'urlname;parentname;result;warningstring;valid;url\nhttp://a/;;200 OK;;True;http://a/\nhttp://b/;;40'
    assert [row.urlname for row in parse_rows(text, complete=False)] == ["http://a/"]
    text = 'urlname;parentname;result;warningstring;valid;url\nhttp://a/;;200 OK;"one\ntwo";True;http://a/\n'
    assert parse_rows(text, complete=True)[0].warnings == ("one", "two")


# --- the history file survives crashes and bad runs ----------------------------------------------

def sample_state() -> LinkState:
    return LinkState(last_run=FIRST_RUN, links={"http://a.example/": history("broken")})


def test_state_is_replaced_atomically_and_an_error_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "linkcheck-state.json"
    save_state(path, sample_state())
    before = path.read_bytes()

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_state(path, LinkState(last_run=SECOND_RUN))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linkcheck-state.json"]  # no temporary file left


def test_a_failure_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "report.md"
    write_atomically(path, "old\n")

    def disk_went_away(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", disk_went_away)  # the new text is half on its way to disk
    with pytest.raises(OSError):
        write_atomically(path, "new\n" * 10_000)
    assert path.read_text() == "old\n"
    assert len(list(tmp_path.iterdir())) == 1


def write_sample_state(path: Path) -> bytes:
    save_state(path, sample_state())
    return path.read_bytes()


@pytest.fixture
def scratch_for_nobody():
    """A TMPDIR that linkchecker (as `nobody`) can use and that is removed afterwards: a killed run
    cannot tidy up its own scratch folder."""
    folder = Path(tempfile.mkdtemp(prefix="link-monitor-test-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_state_survives_a_run_killed_midway(web, tmp_path, scratch_for_nobody):
    before = write_sample_state(tmp_path / "linkcheck-state.json")
    (tmp_path / "urls.txt").write_text(f"hang {web('hang')}\nok {web('ok')}\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "link_monitor", "--urls", str(tmp_path / "urls.txt"), "--no-site",
         "--state", str(tmp_path / "linkcheck-state.json"), "--report-md", str(tmp_path / "r.md"),
         "--report-json", str(tmp_path / "r.json"), "--timeout", "20"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(scratch_for_nobody)})
    for line in process.stdout:
        if "ok " in line and "/ok" in line:  # the quick URL is done; the hanging one is in progress
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    for scratch in scratch_for_nobody.iterdir():  # linkchecker itself is in its own session: stop it too
        for pid in [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]:
            try:
                if str(scratch) in Path(f"/proc/{pid}/cmdline").read_text():
                    os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    assert (tmp_path / "linkcheck-state.json").read_bytes() == before
    assert not (tmp_path / "r.json").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_stopped_run_exits_2_and_changes_nothing(web, tmp_path):
    before = write_sample_state(tmp_path / "linkcheck-state.json")
    (tmp_path / "urls.txt").write_text(f"hang {web('hang')}\nok {web('ok')}\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "link_monitor", "--urls", str(tmp_path / "urls.txt"), "--no-site",
         "--state", str(tmp_path / "linkcheck-state.json"), "--report-md", str(tmp_path / "r.md"),
         "--report-json", str(tmp_path / "r.json"), "--timeout", "20"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in process.stdout:
        if "/ok" in line:
            break
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "left as they were" in err
    assert (tmp_path / "linkcheck-state.json").read_bytes() == before


# --- exit status 2: the check could not run --------------------------------------------------------

def test_unreadable_state_file_exits_2_names_the_file_and_keeps_it(web, tmp_path):
    state = tmp_path / "linkcheck-state.json"
    state.write_text('{"version": 1, "links": {', encoding="utf-8")
    process, report = run_monitor(tmp_path, [f"ok {web('ok')}"])
    assert process.returncode == 2
    assert str(state) in process.stderr and "not valid JSON" in process.stderr
    assert "delete it" in process.stderr
    assert state.read_text(encoding="utf-8") == '{"version": 1, "links": {'
    assert report is None


def test_state_file_with_wrong_fields_is_refused(tmp_path):
    state = tmp_path / "linkcheck-state.json"
    state.write_text(json.dumps({"version": 1, "links": {"http://a/": {"status": "gone"}}}))
    with pytest.raises(StateFileError, match="links.http://a/.status"):
        read_state(state)


def test_missing_linkchecker_exits_2(web, tmp_path):
    process, report = run_monitor(tmp_path, [f"ok {web('ok')}"], "--linkchecker", str(tmp_path / "no-linkchecker"))
    assert process.returncode == 2 and "linkchecker is not installed" in process.stderr
    assert report is None and not (tmp_path / "linkcheck-state.json").exists()


def test_a_fault_in_the_checker_itself_exits_2_not_1(tmp_path, monkeypatch, capsys):
    from link_monitor import cli

    def fault(args):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "run", fault)
    assert cli.main(["--no-site", "--state", str(tmp_path / "state.json")]) == 2
    assert "fault in link_monitor itself" in capsys.readouterr().err


def test_bad_line_in_url_list_exits_2_naming_file_and_line(tmp_path):
    process, _ = run_monitor(tmp_path, ["ok http://127.0.0.1/ok", "not a url at all"])
    assert process.returncode == 2
    assert f"{tmp_path / 'urls.txt'}, line 2" in process.stderr


def test_broken_data_exits_2_naming_the_file(project_copy, tmp_path):
    resources = project_copy / "data" / "resources.yml"
    resources.write_text(resources.read_text().replace("url: http://www.irights.uk", "url: not-a-url", 1))
    process = subprocess.run([sys.executable, "-m", "link_monitor", "--project", str(project_copy), "--no-site"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert process.returncode == 2
    assert "data/resources.yml" in process.stderr and "irights" in process.stderr
    assert "Traceback" not in process.stderr


def test_no_site_answering_at_all_means_our_network_is_down_not_that_links_are_dead(tmp_path):
    lines = [f"site{n} http://host{n}.invalid/" for n in range(6)]
    process, report = run_monitor(tmp_path, lines)
    assert process.returncode == 2, process.stdout
    assert "network" in process.stderr
    assert not (tmp_path / "linkcheck-state.json").exists() and report is None


@pytest.fixture(scope="module")
def all_working(web, tmp_path_factory):
    """A run where every link works; its duration is the set-up cost of a run (start-up of Python and
    linkchecker, and linkchecker's own shutdown), which the time bound allows on top."""
    started = time.monotonic()
    process, report = run_monitor(tmp_path_factory.mktemp("all-working"), [f"ok {web('ok')}", f"also {web('ok')}?again"])
    return process, report, time.monotonic() - started


def test_all_links_working_exits_0(all_working):
    process, report, _ = all_working
    assert process.returncode == 0, process.stderr
    assert report["summary"]["ok"] == 2 and report["exit_status"] == 0


# --- time bound --------------------------------------------------------------------------------

def test_several_hanging_hosts_finish_within_timeout_times_rounds(web, tmp_path, all_working):
    set_up = all_working[2]
    hanging = [start_server() for _ in range(6)]
    try:
        lines = [f"hang{n} {base}/hang" for n, (_, base) in enumerate(hanging)]
        lines += [f"ok {web('ok')}", f"gone {web('gone')}"]
        threads = 3
        started = time.monotonic()
        process, report = run_monitor(tmp_path, lines, threads=threads)
        elapsed = time.monotonic() - started
    finally:
        for server, _ in hanging:
            stop_server(server)
    assert process.returncode == 0, process.stderr
    links = by_name(report)
    assert all(links[f"hang{n}"]["error"] == "timed out" for n in range(6))
    assert links["ok"]["status"] == "ok" and links["gone"]["observed"] == "broken"
    bound = TIMEOUT * math.ceil(len(lines) / threads)
    assert elapsed <= bound + set_up + 3, f"took {elapsed:.1f} s; bound {bound} s plus set-up {set_up:.1f} s"


def test_linkchecker_is_stopped_at_the_time_limit_and_rows_so_far_are_kept(web):
    settings = Settings(timeout=20, threads=1, rate=20)
    started = time.monotonic()
    outcome = run_linkchecker(settings, urls=[web("ok"), web("hang"), web("hang") + "?again"], time_limit=4)
    elapsed = time.monotonic() - started
    assert outcome.hit_time_limit
    assert [row.urlname for row in outcome.rows] == [web("ok")]
    assert elapsed < 4 + 8  # the limit, plus stopping linkchecker (TERM, then KILL after 2 s)


# --- the site build reads the history ------------------------------------------------------------

def test_missing_history_gives_no_notices(tmp_path):
    notices = load_link_notices(tmp_path / "linkcheck-state.json")
    assert notices.by_source == {} and notices.last_checked is None and notices.warning is None


def test_unusable_history_gives_no_notices_and_a_warning_naming_the_file(tmp_path):
    path = tmp_path / "linkcheck-state.json"
    path.write_text("not json")
    notices = load_link_notices(path)
    assert notices.by_source == {} and notices.last_checked is None
    assert str(path) in notices.warning and "without link notices" in notices.warning


def test_history_gives_a_notice_per_resource_with_its_address(tmp_path):
    path = tmp_path / "linkcheck-state.json"
    dead = history("broken", "broken")
    save_state(path, LinkState(last_run=days(2), links={"http://a.example/": dead}))
    notices = load_link_notices(path)
    assert notices.last_checked == days(2)
    card = notices.by_source["r"]
    assert card.status == "dead" and card.url == "http://a.example/" and card.last_checked == days(2)
