"""The link check and the site: links inside a built site are checked on a local copy, links in the
pages are checked with the data's, and a dead resource shows a notice on its card after the build."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta

import pytest

from browser_support import SCHEMES, WIDTHS, axe_script, axe_violations, browser_page, describe_violations
from conftest import ROOT, copy_project, run_build, serve_directory
from link_monitor.files import save_state
from link_monitor_servers import web  # noqa: F401 (a fixture)
from safeguarding_site.link_history import LinkRecord, LinkState, ReviewReason
from safeguarding_site.loading import load_site_data

FIRST_RUN, SECOND_RUN = date(2026, 3, 2), date(2026, 3, 9)


def monitor(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "link_monitor", "--timeout", "2", "--rate", "20", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)


def card(html: str, resource_id: str) -> str:
    match = re.search(rf'<article[^>]*id="resource-{resource_id}".*?</article>', html, re.S)
    assert match, f"no card for {resource_id}"
    return match[0]


# --- a small built site with a broken internal link ----------------------------------------------

@pytest.fixture(scope="module")
def small_site_run(web, tmp_path_factory):
    root = tmp_path_factory.mktemp("small-site")
    site = root / "site"
    (site / "about").mkdir(parents=True)
    ok, missing = web("ok"), web("missing")
    (site / "index.html").write_text(f"""<!doctype html><html lang="en"><head><title>Home</title>
<link rel="canonical" href="https://public.example/"></head><body>
<a href="about/">About</a> <a href="no-such-page/">Broken</a> <a href="{ok}">Works</a>
<a href="{missing}">Gone</a> <a href="mailto:someone@example.org">Mail</a> <a href="tel:+441234567890">Phone</a>
<a href="https://public.example/about/">Our public address</a></body></html>""")
    (site / "about" / "index.html").write_text(f"""<!doctype html><html lang="en"><head><title>About</title>
</head><body><a href="../">Home</a> <a href="{ok}">Works</a></body></html>""")
    (root / "urls.txt").write_text(f"listed {ok}\n")
    process = monitor("--project", str(root), "--site", str(site), "--urls", str(root / "urls.txt"),
                      "--today", FIRST_RUN.isoformat())
    report = json.loads((root / "linkcheck-report.json").read_text())
    return process, report, (root / "linkcheck-report.md").read_text(), ok, missing


def test_broken_link_inside_the_site_is_dead_at_once_and_exits_1(small_site_run):
    process, report, markdown, *_ = small_site_run
    assert process.returncode == 1, process.stdout + process.stderr
    broken = [link for link in report["site_links"] if link["status"] == "dead"]
    assert broken == [{"link": "/no-such-page/", "pages": ["/"], "status": "dead", "http_code": 404,
                       "error": "404 File not found"}]
    assert {link["link"] for link in report["site_links"] if link["status"] == "ok"} >= {"/", "/about/"}
    assert "## Broken links inside the site" in markdown and "/no-such-page/" in markdown


def test_links_to_other_sites_in_the_pages_are_checked_with_their_pages(small_site_run):
    _, report, _, ok, missing = small_site_run
    links = {link["url"]: link for link in report["links"]}
    assert set(links) == {ok, missing}  # not mailto:, tel:, nor the site's own public address
    assert links[ok]["status"] == "ok" and links[ok]["resource_ids"] == ["listed"]
    assert links[ok]["pages"] == ["/", "/about/"]
    assert links[missing]["observed"] == "broken" and links[missing]["pages"] == ["/"]


def test_progress_names_what_is_being_checked(small_site_run):
    out = small_site_run[0].stdout
    assert "Checking links inside the site" in out and "broken: /no-such-page/" in out
    assert "Checking 2 web addresses" in out and "[2/2]" in out


# --- the real project: two runs over its data, then a build ------------------------------------

@pytest.mark.slow
def test_dead_resource_shows_a_notice_on_its_card_after_two_runs(web, project_copy, tmp_path):
    urls = sorted(load_site_data(project_copy / "data").urls(), key=lambda pair: -len(pair[1]))
    dead_id = urls[0][0] if not urls[0][0].startswith("publication.") else \
        next(source for source, _ in urls if not source.startswith("publication."))
    replacements = {url: (f"{web('missing')}?{source}" if source == dead_id else f"{web('ok')}?{source}")
                    for source, url in urls}
    for name in ("resources.yml", "publication.yml"):
        path = project_copy / "data" / name
        text = path.read_text(encoding="utf-8")
        for old, new in replacements.items():  # longest first, so no address is a prefix of another
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    for day in (FIRST_RUN, SECOND_RUN):
        process = monitor("--project", str(project_copy), "--no-site", "--today", day.isoformat())
        assert process.returncode == (0 if day == FIRST_RUN else 1), process.stdout + process.stderr
    state = json.loads((project_copy / "data" / "linkcheck-state.json").read_text())
    assert state["last_run"] == SECOND_RUN.isoformat()

    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "resources" / "index.html").read_text(encoding="utf-8")
    dead = card(html, dead_id)
    assert "This link may no longer work" in dead and "last checked 9 March 2026" in dead
    assert f'aria-describedby="resource-{dead_id}-link-notice"' in dead
    assert f'id="resource-{dead_id}-link-notice" role="note"' in dead
    others = [source for source, _ in urls if source != dead_id and not source.startswith("publication.")]
    assert all("may no longer work" not in card(html, other) for other in others)
    assert "Links on this page were last checked on 9 March 2026." in html


def record(status: str, day: date, sources: list[str]) -> LinkRecord:
    return LinkRecord(sources=sources, status=status, observed="broken" if status != "ok" else "ok",
                      since=day, last_checked=day, first_failed=day if status != "ok" else None,
                      broken_runs=2 if status == "dead" else 1 if status == "transient" else 0)


@pytest.mark.slow
def test_only_dead_links_at_their_current_address_get_a_notice(project_copy, tmp_path):
    data = load_site_data(project_copy / "data")
    first, second, third = data.resources[:3]
    save_state(project_copy / "data" / "linkcheck-state.json", LinkState(last_run=SECOND_RUN, links={
        first.url: record("dead", SECOND_RUN, [first.id]),
        second.url: record("transient", SECOND_RUN, [second.id]),  # failed once: no alarm yet
        "http://old-address.example/": record("dead", SECOND_RUN, [third.id]),  # the data has moved on
    }))
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "resources" / "index.html").read_text(encoding="utf-8")
    assert "may no longer work" in card(html, first.id)
    assert "may no longer work" not in card(html, second.id)
    assert "may no longer work" not in card(html, third.id)
    assert html.count("may no longer work") == 1


@pytest.mark.slow
def test_unreadable_history_does_not_stop_the_build(project_copy, tmp_path):
    (project_copy / "data" / "linkcheck-state.json").write_text('{"links": [', encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "linkcheck-state.json" in result.stderr and "without link notices" in result.stderr
    html = (tmp_path / "site" / "resources" / "index.html").read_text(encoding="utf-8")
    assert "may no longer work" not in html and "last checked on" not in html


@pytest.mark.slow
def test_missing_history_builds_without_notices_or_date(project_copy, tmp_path):
    (project_copy / "data" / "linkcheck-state.json").unlink(missing_ok=True)
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "resources" / "index.html").read_text(encoding="utf-8")
    assert "may no longer work" not in html and "last checked on" not in html


# --- needs-review on the cards: a caution, the dead notice kept, both accessible ------------------

@pytest.fixture(scope="module")
def noticed_site(tmp_path_factory):
    """The site built with a history in which one resource is dead, one needs review, one needs review
    but is accepted by an editor, one is transient, and one needed review but a person has accepted it
    since the check ran; data/accepted-links.yml also holds an acceptance that has ended."""
    project = copy_project(tmp_path_factory.mktemp("noticed") / "project")
    data = load_site_data(project / "data")
    dead, review, accepted, transient, accepted_since, ended = data.resources[:6]
    reason = [ReviewReason(kind="parked", detail="it reads as a parked domain", now="This domain is for sale")]

    def needs_review(resource):
        return record("ok", SECOND_RUN, [resource.id]).model_copy(update={"status": "needs-review", "review": reason})

    save_state(project / "data" / "linkcheck-state.json", LinkState(last_run=SECOND_RUN, links={
        dead.url: record("dead", SECOND_RUN, [dead.id]),
        review.url: needs_review(review),
        accepted.url: record("transient", SECOND_RUN, [accepted.id]).model_copy(update={
            "accepted_until": date(2026, 6, 1), "accepted_by": "Sam", "review": reason}),
        transient.url: record("transient", SECOND_RUN, [transient.id]),
        accepted_since.url: needs_review(accepted_since),
        ended.url: needs_review(ended),
    }))
    today = date.today()
    (project / "data" / "accepted-links.yml").write_text(f"""accepted:
  - url: {accepted_since.url}
    checked: Opened it; it is still the same guidance.
    by: Sam
    checked_on: {today.isoformat()}
    until: {(today + timedelta(days=90)).isoformat()}
  - url: {ended.url}
    checked: Opened it; it was still the same guidance then.
    by: Sam
    checked_on: {(today - timedelta(days=200)).isoformat()}
    until: {(today - timedelta(days=10)).isoformat()}
""", encoding="utf-8")
    site = tmp_path_factory.mktemp("noticed-site")
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    return site, (dead.id, review.id, accepted.id, transient.id, accepted_since.id, ended.id), result


@pytest.mark.slow
def test_a_resource_that_needs_review_shows_a_caution_and_a_dead_one_keeps_its_notice(noticed_site):
    site, (dead_id, review_id, accepted_id, transient_id, *_), _ = noticed_site
    html = (site / "resources" / "index.html").read_text(encoding="utf-8")
    review = card(html, review_id)
    assert "We are checking that this link still goes to the right place" in review
    assert "last checked 9 March 2026" in review and "may no longer work" not in review
    assert f'aria-describedby="resource-{review_id}-link-notice"' in review
    assert f'id="resource-{review_id}-link-notice" role="note"' in review
    dead = card(html, dead_id)
    assert "This link may no longer work" in dead and "checking that this link" not in dead
    for quiet in (accepted_id, transient_id):
        assert "resource-card__notice" not in card(html, quiet)
    assert html.count("may no longer work") == 1


@pytest.mark.slow
def test_a_caution_goes_as_soon_as_a_person_accepts_the_address_and_an_ended_acceptance_is_a_notice(noticed_site):
    site, (*_, accepted_since_id, ended_id), result = noticed_site
    html = (site / "resources" / "index.html").read_text(encoding="utf-8")
    assert "resource-card__notice" not in card(html, accepted_since_id)  # before the next check has run
    assert "We are checking that this link still goes to the right place" in card(html, ended_id)
    assert html.count("We are checking that this link") == 2
    assert re.search(r"data/accepted-links\.yml, line 11, entry '[^']+' \(accepted #2\), field 'until': this "
                     r"acceptance ended on \d{4}-\d\d-\d\d, so the address is checked afresh", result.stderr)


@pytest.mark.slow
@pytest.mark.parametrize("entry, message", [
    ("  - url: https://www.example.org/not-used\n    checked: Opened it.\n    by: Sam\n    checked_on: 2026-03-02\n"
     "    until: 2026-04-02\n", "line 2, entry 'https://www.example.org/not-used' (accepted #1), field 'url': the site "
     "does not use this address"),
    ("  - url: {url}\n    checked: Opened it.\n    by: Sam\n    checked_on: 2026-02-30\n    until: 2026-04-02\n",
     "line 5, entry '{url}' (accepted #1), field 'checked_on': is not a day on the calendar (2026-02-30)"),
])
def test_a_bad_acceptance_stops_the_build_with_one_plain_message(project_copy, tmp_path, entry, message):
    url = load_site_data(project_copy / "data").resources[0].url
    (project_copy / "data" / "accepted-links.yml").write_text("accepted:\n" + entry.format(url=url), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "data/accepted-links.yml, " + message.format(url=url) in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "site" / "index.html").exists()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_nothing_on_cards_with_link_notices(browser, noticed_site, width, scheme):
    site, (dead_id, review_id, *_), _ = noticed_site
    server, url = serve_directory(site)
    try:
        with browser_page(browser, WIDTHS[width], scheme) as page:
            page.goto(url + "resources/")
            page.wait_for_load_state("load")
            for resource_id in (dead_id, review_id):
                link = page.locator(f"#resource-{resource_id} a.resource-card__link")
                note = page.locator(f"#{link.get_attribute('aria-describedby')}")
                assert note.get_attribute("role") == "note" and note.is_visible()
            violations = axe_violations(page, axe_script())
            assert not violations, describe_violations(violations)
    finally:
        server.stop()
