"""The needs-review rules as plain functions: which site an address belongs to, the "not found" and parked
signals, the title similarity threshold, the review of a record with and without an editor's acceptance,
the acceptance file's plain errors, and the page read's politeness (per-host spacing, Retry-After)."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

import pytest

import link_monitor_pages as pages
from conftest import ROOT
from email.utils import formatdate

from link_monitor.classify import CheckResult, Observation, advance, classify
from link_monitor.page_read import DATE_MARGIN, Fetched, HostPacer, page_text, retry_after_seconds, retry_wait
from link_monitor.pages import from_second_fetch, plan
from link_monitor.review import BLOCKED_RUNS, review
from link_monitor.signals import SIMILARITY_THRESHOLD, another_site, changed_parts, page_signals, \
    registrable_domain, similarity
from safeguarding_site.errors import DataErrors
from safeguarding_site.link_history import LinkState, load_link_notices
from safeguarding_site.loading import load_accepted_links
from safeguarding_site.models import AcceptedLink

URL = "https://www.example.org.uk/advice"


# --- which site ----------------------------------------------------------------------------------

@pytest.mark.parametrize("url, final, other", [
    ("http://www.nspcc.org.uk/", "https://www.nspcc.org.uk/keeping-children-safe/", None),  # http → https
    ("http://nspcc.org.uk/", "https://www.nspcc.org.uk/", None),  # adding www.
    ("https://www.nspcc.org.uk/", "https://learning.nspcc.org.uk/", None),  # another part of the same site
    ("https://www.childnet-int.org/", "https://www.childnet.com/", "childnet.com"),
    ("https://parentsguide.co.uk/", "https://parentsguide.org.uk/", "parentsguide.org.uk"),
    ("https://a-charity.github.io/", "https://someone-else.github.io/", "someone-else.github.io"),
    ("http://127.0.0.1:8000/x", "http://localhost:8000/x", "localhost"),
    ("https://www.example.org/", None, None),
])
def test_a_redirect_to_another_registrable_domain_is_another_site(url, final, other):
    assert another_site(url, final) == other


def test_the_public_suffix_list_is_the_bundled_one():
    assert registrable_domain("https://www.gov.uk/x") == "www.gov.uk"  # gov.uk is a public suffix
    assert registrable_domain("https://www.saferinternet.org.uk/") == "saferinternet.org.uk"


# --- "not found" and parked signals --------------------------------------------------------------

@pytest.mark.parametrize("html, kind, where", [
    (pages.SOFT_404, "not-found", "title"),
    (pages.SOFT_404_IN_TEXT, "not-found", "first text"),
    (pages.FOR_SALE, "parked", "title"),
    (pages.PARKED, "parked", "first text"),
])
def test_real_looking_pages_give_their_signal(html, kind, where):
    signals = page_signals(page_text(html))
    assert [(signal.kind, signal.where) for signal in signals] == [(kind, where)]


@pytest.mark.parametrize("title, heading, text", [
    ("Online safety advice for parents | Example Trust", "Online safety advice for parents", "Children use…"),
    ("Sexting: what to do | Childline", "Nude image of you online?", "We can help you get it removed."),
    ("Find help near you", "Services we found for you", "Search by postcode."),
    ("Domain names explained for youth workers", "What a domain is", "A domain is a web address."),
])
def test_ordinary_resource_pages_give_no_signal(title, heading, text):
    assert page_signals(pages_text(title, heading, text)) == []


# What hosts, content systems, registrars and web servers put on such pages (title or heading; first text).
@pytest.mark.parametrize("kind, title, text", [
    ("not-found", "404: This page could not be found.", None),  # Next.js
    ("not-found", "Page Not Found - 404", None),
    ("not-found", "Sorry, this page isn't available.", None),
    ("not-found", "Page no longer available", None),
    ("not-found", "The page you requested could not be found", None),
    ("not-found", "This page has moved or no longer exists", None),
    ("not-found", None, "The requested URL was not found on this server."),  # Apache, sent as a success
    ("not-found", None, "Sorry, we couldn't find the page you were looking for."),
    ("not-found", None, "We're sorry, the page you have requested cannot be found."),
    ("not-found", None, "This page may have been moved or deleted."),
    ("not-found", None, "Sorry, but the page you were trying to view does not exist."),
    ("parked", "This website is for sale!", None),  # Sedo, Bodis
    ("parked", "Domain for sale", None),
    ("parked", "Get this domain", None),
    ("parked", None, "Make an offer on this domain"),
    ("parked", None, "The owner of this domain has not yet uploaded their website."),
    ("parked", "It works!", None),  # Apache's placeholder
    ("parked", "Test Page for the Apache HTTP Server", None),
    ("parked", "IIS Windows Server", None),
    ("parked", "Account Suspended", None),  # a host's page for an unpaid account
    ("parked", "Index of /", None),
    ("parked", "Website coming soon", None),
])
def test_more_real_wordings_give_their_signal(kind, title, text):
    assert [signal.kind for signal in page_signals(pages_text(title, None, text or ""))] == [kind]


@pytest.mark.parametrize("title", [
    "404 youth clubs across the country", "Coming soon: our new guide to gaming", "It works for families",
    "Missing children: what to do", "Lost your phone? What to do", "Selling items online safely",
    "What to do if you can't find help", "Under 13s and social media",
])
def test_titles_that_only_look_like_those_give_no_signal(title):
    assert page_signals(pages_text(title, title, "Advice for parents and carers.")) == []


def test_a_robot_check_is_known_by_its_header_or_its_words_and_is_not_taken_for_the_page():
    from link_monitor.review import fingerprint
    from link_monitor.signals import robot_check
    challenge = page_text(pages.CLOUDFLARE_CHALLENGE)
    assert robot_check("challenge", None) == "a robot check (cf-mitigated: challenge)"
    assert robot_check(None, challenge) == "a robot check (“Just a moment...”)"
    assert robot_check(None, page_text(pages.resource_page())) is None
    seen = Fetched(url=URL, final_url=URL, status=200, page=challenge, robot_check="a robot check")
    assert fingerprint(seen, week(1)) is None


def pages_text(title, heading, text):
    from link_monitor.signals import PageText
    return PageText(title=title, heading=heading, text=text)


def test_the_page_text_is_read_from_main_leaving_out_scripts_navigation_and_footer():
    page = page_text(pages.resource_page())
    assert page.title == "Online safety advice for parents | Example Trust"
    assert page.heading == "Online safety advice for parents"
    assert page.text.startswith("Online safety advice for parents Children use the internet")
    assert "About us" not in page.text and "dataLayer" not in page.text and "Registered" not in page.text


def test_the_title_is_read_as_a_browser_shows_it_and_an_icons_title_is_not_the_pages():
    page = page_text("<head><title>Tips &amp; <b>tricks</b></title></head><body><svg><title>Facebook</title></svg>"
                     "<h1>Tips</h1></body>")
    assert (page.title, page.heading) == ("Tips & <b>tricks</b>", "Tips")
    assert page_text("<body><svg><title>Facebook</title></svg><main><h1>Advice</h1></main></body>").title is None


def test_the_main_heading_inside_main_wins_over_a_logo_heading_in_the_site_header():
    page = page_text("<title>T</title><header><h1>Example Trust</h1></header><main><h1>Advice</h1></main>")
    assert page.heading == "Advice"


# --- the similarity threshold --------------------------------------------------------------------

def test_similarity_is_the_share_of_words_in_common_in_order():
    assert similarity("Online safety | NSPCC", "Online safety - NSPCC Learning") == pytest.approx(6 / 7)
    assert similarity("Online safety advice", "Best casino bonuses") == 0
    assert similarity(None, "") == 1.0


@pytest.mark.parametrize("before, after, changed", [
    (("Online safety | NSPCC", "Keeping children safe online"),
     ("Online safety - NSPCC Learning", "Keeping children safe online"), None),
    (("Online safety | NSPCC", "Keeping children safe online"),  # the title is new, the heading is not
     ("Home | NSPCC Learning", "Keeping children safe online"), ["title"]),
    (("Example Safeguarding Board", "Online safety for parents"),  # a site that titles every page alike
     ("Example Safeguarding Board", "Best casino bonuses"), ["main heading"]),
    (("Parents' guide | Foo Trust", "A parent's guide to online safety"),
     ("Best Casino Bonuses 2026", "Top online casinos"), ["title", "main heading"]),
    (("Parents' guide | Foo Trust", None), ("Cheap flights to Spain", None), ["title"]),
    ((None, None), (None, None), None),
])
def test_a_page_changed_when_its_title_or_its_heading_is_below_the_threshold(before, after, changed):
    assert SIMILARITY_THRESHOLD == 0.5
    assert changed_parts(*before, *after) == changed


# --- review of one record ------------------------------------------------------------------------

def read(title="Online safety advice for parents", heading="Advice for parents", final=URL, status=200):
    return Fetched(url=URL, final_url=final, status=status, page=pages_text(title, heading, "Text."))


def accepted(checked_on=date(2026, 3, 10), until=date(2026, 6, 1)) -> AcceptedLink:
    return AcceptedLink(url=URL, checked="Opened it; same advice.", by="Sam", checked_on=checked_on, until=until)


def week(n: int) -> date:
    return date(2026, 3, 2) + timedelta(weeks=n - 1)


def history(steps, acceptance=None):
    """Run `review` over weekly (observation kind, Fetched or None) steps; return every record."""
    records, previous = [], None
    for n, (kind, fetched) in enumerate(steps, start=1):
        record = advance(previous, Observation(kind, http_code=200 if kind == "ok" else 403,
                                               error=None if kind == "ok" else "403 Forbidden"),
                         week(n), ["r"], [])
        previous = review(URL, record, previous, fetched, acceptance, week(n))
        records.append(previous)
    return records


def test_the_first_read_is_the_baseline_and_a_new_page_needs_review():
    records = history([("ok", read()), ("ok", read()), ("ok", read("Casino bonuses", "Top slots"))])
    assert [r.status for r in records] == ["ok", "ok", "needs-review"]
    assert records[2].review[0].was == "title “Online safety advice for parents”, main heading “Advice for parents”"
    assert records[2].baseline.read_on == week(1)


def test_a_not_found_page_is_not_taken_as_the_baseline_so_its_return_is_no_change():
    records = history([("ok", read("Page not found", None)), ("ok", read()), ("ok", read())])
    assert [r.status for r in records] == ["needs-review", "ok", "ok"]
    assert records[0].baseline is None and records[1].baseline.title == "Online safety advice for parents"
    accepted_records = history([("ok", read("Page not found", None))], accepted(checked_on=week(1)))
    assert accepted_records[0].status == "ok" and accepted_records[0].baseline.title == "Page not found"


def test_a_page_not_read_this_run_keeps_what_the_last_read_found():
    records = history([("ok", read(final="https://www.example.org.uk/x")), ("ok", read("Page not found", None)),
                       ("ok", None)])
    assert [r.status for r in records] == ["ok", "needs-review", "needs-review"]
    assert records[2].review[0].kind == "not-found"


def test_four_runs_without_reaching_the_page_need_review_but_never_make_it_dead():
    records = history([("transient", None)] * (BLOCKED_RUNS + 2))
    assert [r.status for r in records] == ["transient"] * (BLOCKED_RUNS - 1) + ["needs-review"] * 3
    assert all(r.broken_runs == 0 for r in records)


def test_a_dead_link_stays_dead_even_when_accepted():
    record = advance(advance(None, Observation("broken", error="404"), week(1), ["r"], []),
                     Observation("broken", error="404"), week(2), ["r"], [])
    assert review(URL, record, None, None, accepted(week(1)), week(2)).status == "dead"


def test_an_acceptance_covers_a_bot_wall_until_its_date_then_it_is_checked_afresh():
    acceptance = accepted(checked_on=week(4), until=week(5))
    records = history([("transient", None)] * 6, acceptance)
    assert [r.status for r in records] == ["transient"] * 5 + ["needs-review"]
    assert (records[3].accepted_until, records[3].review[0].kind) == (week(5), "blocked")
    assert records[5].accepted_until is None


def test_an_accepted_page_becomes_the_baseline_and_a_later_change_still_needs_review():
    acceptance = accepted(checked_on=week(2), until=week(8))
    new = read("Online safety hub", "Keeping safe online together")
    records = history([("ok", read()), ("ok", new), ("ok", new), ("ok", read("Casino bonuses", "Slots"))], acceptance)
    assert [r.status for r in records] == ["ok", "ok", "ok", "needs-review"]
    assert records[1].baseline.title == "Online safety hub" and records[1].baseline.accepted_on == week(2)
    assert records[3].accepted_until == week(8) and records[3].review[0].kind == "changed"


def test_an_acceptance_covers_the_other_site_it_was_given_for_but_not_yet_another():
    acceptance = accepted(checked_on=week(1), until=week(8))
    moved = read(final="https://www.new-name.org.uk/advice")
    elsewhere = read(final="https://casino.example/")
    records = history([("ok", moved), ("ok", moved), ("ok", elsewhere)], acceptance)
    assert [r.status for r in records] == ["ok", "ok", "needs-review"]
    assert records[0].review[0].kind == "another-site"  # seen, and covered
    assert records[2].review[0].now == "https://casino.example/"


def test_a_refresh_in_the_page_to_another_site_is_another_site_but_not_a_slow_or_local_one():
    def refreshing(content):
        return Fetched(url=URL, final_url=URL, status=200, content_type="text/html",
                       page=page_text(f'<meta http-equiv="refresh" content="{content}"><title>Moving</title>'))
    now = history([("ok", refreshing("0; url=https://casino.example/"))])[0]
    assert now.status == "needs-review" and now.review[0].kind == "another-site"
    assert now.review[0].detail == "it now leads to another site by a refresh in the page, casino.example: " \
                                   "https://casino.example/"
    for harmless in ("0; url=/advice/new", "300; url=https://casino.example/", "60"):
        assert history([("ok", refreshing(harmless))])[0].status == "ok", harmless


@pytest.mark.parametrize("url, final, home", [
    ("https://www.example.org/advice/parents", "https://www.example.org/", True),
    ("http://www.example.org/report.pdf", "https://example.org/index.php", True),
    ("https://www.example.org/advice", "https://www.example.org/advice/", False),
    ("https://www.example.org/", "https://www.example.org/home", False),  # it was a home page already
    ("https://www.example.org/advice", None, False),
])
def test_an_address_inside_a_site_that_now_forwards_to_a_home_page(url, final, home):
    from link_monitor.signals import forwards_home
    assert forwards_home(url, final) is home


def test_a_document_that_becomes_a_web_page_has_changed():
    pdf = Fetched(url=URL, final_url=URL, status=200, content_type="application/pdf")
    page = replace(read("Welcome", "Welcome to our new site"), content_type="text/html")
    records = history([("ok", pdf), ("ok", pdf), ("ok", page)])
    assert [r.status for r in records] == ["ok", "ok", "needs-review"]
    assert records[2].review[0].detail == ("its kind of document changed since 2 March 2026: was a PDF document; "
                                           "now title “Welcome”, main heading “Welcome to our new site”")


def test_an_acceptance_that_has_not_started_covers_nothing():
    records = history([("ok", read("Page not found", None))], accepted(checked_on=week(2), until=week(3)))
    assert records[0].status == "needs-review" and records[0].accepted_until is None


# --- the page read's politeness -------------------------------------------------------------------

def test_the_pacer_spaces_requests_to_one_host_and_counts_linkcheckers_last_one():
    now = time.monotonic()
    pacer = HostPacer(rate=2, last_seen={"a.example": now})
    first, second = pacer.slot("a.example"), pacer.slot("a.example")
    assert first >= now + 0.5 and second - first == pytest.approx(0.5)
    assert pacer.slot("b.example") <= time.monotonic()  # another host is not kept waiting


@pytest.mark.parametrize("value, seconds", [("5", 5.0), ("120", 120.0), (None, None), ("None", None),
                                            ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_retry_after_is_read_as_seconds_or_a_date(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_linkchecker_passes_on_a_429s_retry_after_in_either_form():
    def seen(value):
        return classify(CheckResult("http://a/", "429 Too Many Requests", (f"Rate limited (Retry-After: {value})",)))
    assert seen("120").retry_after == "120"
    assert seen("Wed, 21 Oct 2026 07:28:00 GMT").retry_after == "Wed, 21 Oct 2026 07:28:00 GMT"
    assert seen("None").retry_after is None and seen("None").error == "429 Too Many Requests"


def test_a_retry_after_date_is_waited_for_from_now_to_the_end_of_its_second_and_not_beyond_30_seconds():
    soon = formatdate(time.time() + 10, usegmt=True)
    later = formatdate(time.time() + 45, usegmt=True)
    before = time.monotonic()
    jobs = plan({"http://a/soon": Observation("transient", http_code=429, retry_after=soon),
                 "http://a/later": Observation("transient", http_code=429, retry_after=later)}, {"http://a/soon": 1.0})
    [job] = jobs
    assert job.url == "http://a/soon" and job.answered_at >= before  # counted from now, not linkchecker's answer
    assert 9 < job.retry_after <= 11 + DATE_MARGIN - 1
    assert retry_wait(30, False) == 30 and retry_wait(31, False) is None and retry_wait(2.5, True) == 3.5


def test_only_short_retry_afters_are_fetched_again():
    jobs = plan({"http://a/ok": Observation("ok", http_code=200),
                 "http://a/soon": Observation("transient", http_code=429, retry_after="3"),
                 "http://a/later": Observation("transient", http_code=429, retry_after="120"),
                 "http://a/unsaid": Observation("transient", http_code=429),
                 "http://a/down": Observation("transient", http_code=503),
                 "http://a/gone": Observation("broken", http_code=404)}, {"http://a/soon": 7.0})
    assert [(job.url, job.retry_after, job.answered_at, job.ask_first) for job in jobs] == [
        ("http://a/ok", None, 0.0, False), ("http://a/soon", 3.0, 7.0, False), ("http://a/down", None, 0.0, True)]


def test_a_second_fetch_that_fails_in_itself_changes_nothing():
    seen = Observation("transient", http_code=429, error="429 Too Many Requests, Retry-After: 3")
    assert from_second_fetch(seen, Fetched(url="http://a/", final_url="http://a/", error="timed out")) == seen
    again = from_second_fetch(seen, Fetched(url="http://a/", final_url="http://a/", status=404, reason="Not Found",
                                            retried_after=3))
    assert (again.kind, again.error) == ("broken", "404 Not Found")


# --- the acceptance file ---------------------------------------------------------------------------

GOOD = """accepted:
  - url: https://www.example.org/advice
    checked: Opened it in a browser; it is the same advice.
    by: Sam
    checked_on: 2026-03-09
    until: 2026-09-09
"""


def accepted_file(tmp_path, text):
    path = tmp_path / "accepted-links.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path, text) -> str:
    with pytest.raises(DataErrors) as caught:
        load_accepted_links(accepted_file(tmp_path, text), "data/accepted-links.yml")
    return str(caught.value)


def test_the_shipped_acceptance_file_is_valid_and_empty():
    assert load_accepted_links(ROOT / "data" / "accepted-links.yml") == []


def test_a_file_whose_every_entry_was_removed_accepts_nothing(tmp_path):
    assert load_accepted_links(accepted_file(tmp_path, "accepted:\n#  - url: https://www.example.org/advice\n")) == []


def test_a_good_acceptance_is_read(tmp_path):
    [entry] = load_accepted_links(accepted_file(tmp_path, GOOD))
    assert (entry.by, entry.until) == ("Sam", date(2026, 9, 9))


@pytest.mark.parametrize("old, new, message", [
    ("until: 2026-09-09", "until: 2027-09-09", "line 6, entry 'https://www.example.org/advice' (accepted #1), "
     "field 'until': is more than a year after checked_on (2026-03-09)"),
    ("until: 2026-09-09", "until: 2026-03-01", "field 'until': is before checked_on"),
    ("checked_on: 2026-03-09", "checked_on: 9 March 2026", "line 5, entry 'https://www.example.org/advice' "
     "(accepted #1), field 'checked_on': should be a date written YYYY-MM-DD"),
    ("checked_on: 2026-03-09", "checked_on: '2026-03-09'", "line 5, entry 'https://www.example.org/advice' "
     "(accepted #1), field 'checked_on': is in quotes, so it is read as text, not a date: write it without quotes"),
    ("    by: Sam\n", "", "field 'by': is missing: add it"),
    ("url: https://www.example.org/advice", "url: www.example.org/advice", "it must start with http"),
    ("    by: Sam\n", "    by: Sam\n    reason: robots\n", "field 'reason': is not a field this file knows"),
])
def test_a_bad_acceptance_gets_one_plain_message_naming_file_line_entry_and_field(tmp_path, old, new, message):
    text = problem(tmp_path, GOOD.replace(old, new))
    assert text.startswith("Problem in data/accepted-links.yml: data/accepted-links.yml, line ")
    assert message in text and "Traceback" not in text


def test_a_date_that_is_no_day_on_the_calendar_is_a_plain_error_not_a_traceback(tmp_path):
    text = problem(tmp_path, GOOD.replace("checked_on: 2026-03-09", "checked_on: 2026-02-30"))
    assert "line 5, entry 'https://www.example.org/advice' (accepted #1), field 'checked_on': is not a day on the " \
           "calendar (2026-02-30)" in text


def checked(tmp_path, text, today=date(2026, 4, 1), used=("https://www.example.org/advice",)):
    from safeguarding_site.accepted_links import KnownAddresses, acceptance_problems
    from safeguarding_site.loading import read_accepted_links
    source, entries = read_accepted_links(accepted_file(tmp_path, text), "data/accepted-links.yml")
    errors, notices = acceptance_problems(source, entries, today, KnownAddresses(set(used)))
    return [str(error) for error in errors], notices


def test_an_acceptance_for_an_address_the_site_does_not_use_is_refused_with_the_nearest_one(tmp_path):
    errors, _ = checked(tmp_path, GOOD.replace("https://www.example.org/advice", "https://example.org/advice/"))
    assert errors == ["data/accepted-links.yml, line 2, entry 'https://example.org/advice/' (accepted #1), field "
                      "'url': the site does not use this address (no resource, no other data and no page links to "
                      "it). Did you mean https://www.example.org/advice? Copy the address exactly as the link check "
                      "report gives it, or remove the entry if the address is no longer used"]
    assert checked(tmp_path, GOOD, used=())[0][0].endswith("it). Copy the address exactly as the link check report "
                                                          "gives it, or remove the entry if the address is no longer used")


def test_an_acceptance_checked_on_a_day_still_to_come_is_refused(tmp_path):
    errors, _ = checked(tmp_path, GOOD, today=date(2026, 3, 7))
    assert errors == ["data/accepted-links.yml, line 5, entry 'https://www.example.org/advice' (accepted #1), "
                      "field 'checked_on': is after today (2026-03-07): write the day a person checked the address"]
    assert checked(tmp_path, GOOD, today=date(2026, 3, 8)) == ([], [])  # a day's grace for time zones


def test_an_acceptance_that_has_ended_is_a_notice_and_the_address_is_checked_afresh(tmp_path):
    errors, notices = checked(tmp_path, GOOD, today=date(2026, 9, 10))
    assert errors == []
    assert notices == ["data/accepted-links.yml, line 6, entry 'https://www.example.org/advice' (accepted #1), "
                       "field 'until': this acceptance ended on 2026-09-09, so the address is checked afresh (and may "
                       "show as needs-review again). Once a person has checked it again, give new checked_on and "
                       "until dates; or remove the entry"]


def test_an_address_accepted_twice_is_refused(tmp_path):
    text = problem(tmp_path, GOOD + GOOD.removeprefix("accepted:\n"))
    assert "line 7, entry 'https://www.example.org/advice' (accepted #2), field 'url': this address is already " \
           "accepted in entry #1" in text


def test_a_needs_review_notice_goes_as_soon_as_a_person_accepts_the_address(tmp_path):
    from link_monitor.files import save_state
    path = tmp_path / "linkcheck-state.json"
    save_state(path, LinkState(last_run=week(1), links={URL: history([("ok", read("Page not found", None))])[0]}))
    notices = load_link_notices(path)
    assert notices.by_source["r"].status == "needs-review"
    assert "r" not in notices.cleared_by([accepted(checked_on=week(2))], week(2)).by_source
    assert "r" in notices.cleared_by([accepted(checked_on=week(2))], week(1)).by_source  # not yet in force
    # An acceptance the check already knew of, and still found wanting (the page changed again), keeps it.
    again = history([("ok", read()), ("ok", read("Casino bonuses", "Slots"))], accepted(checked_on=week(1)))[1]
    save_state(path, LinkState(last_run=week(2), links={URL: again}))
    assert again.status == "needs-review"
    assert "r" in load_link_notices(path).cleared_by([accepted(checked_on=week(1))], week(2)).by_source


def test_the_history_gives_a_needs_review_notice_and_dead_wins_over_it(tmp_path):
    from link_monitor.files import save_state
    review_record = history([("ok", read("Page not found", None))])[0]
    dead = advance(advance(None, Observation("broken"), week(1), ["r"], []), Observation("broken"), week(2), ["r"], [])
    path = tmp_path / "linkcheck-state.json"
    save_state(path, LinkState(last_run=week(2), links={URL: review_record}))
    assert load_link_notices(path).by_source["r"].status == "needs-review"
    save_state(path, LinkState(last_run=week(2), links={URL: review_record, "https://old.example/": dead}))
    assert load_link_notices(path).by_source["r"].status == "dead"
