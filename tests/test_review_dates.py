"""Pages carry review dates; the page shows them and the build names every overdue page."""
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from conftest import built_pages, copy_project, run_build
from safeguarding_site.review import ReviewError, add_period, review_of


@pytest.mark.parametrize("start, period, due", [
    (date(2026, 11, 29), "12 months", date(2027, 11, 29)),
    (date(2026, 1, 31), "1 month", date(2026, 2, 28)),
    (date(2024, 2, 29), "1 year", date(2025, 2, 28)),
    (date(2026, 11, 29), "6 weeks", date(2027, 1, 10)),
    (date(2026, 11, 29), "10 days", date(2026, 12, 9)),
])
def test_due_date_is_last_reviewed_plus_review_in(start, period, due):
    assert add_period(start, period) == due


def test_review_is_overdue_only_after_the_due_date():
    meta = {"last_reviewed": date(2026, 1, 1), "review_in": "6 months"}
    assert not review_of(meta, date(2026, 7, 1)).overdue
    assert review_of(meta, date(2026, 7, 2)).overdue


@pytest.mark.parametrize("meta, field", [
    ({"review_in": "6 months"}, "last_reviewed"),
    ({"last_reviewed": date(2026, 1, 1)}, "review_in"),
    ({"last_reviewed": "yesterday", "review_in": "6 months"}, "last_reviewed"),
    ({"last_reviewed": date(2026, 1, 1), "review_in": "sometime"}, "review_in"),
])
def test_missing_or_malformed_review_fields_are_named(meta, field):
    with pytest.raises(ReviewError, match=f"'{field}'"):
        review_of(meta, date(2026, 1, 1))


def test_every_built_page_shows_when_it_was_last_reviewed(built_site):
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert 'class="page-review"' in html and "Last reviewed on" in html, page


@pytest.mark.slow
def test_build_warns_naming_each_overdue_page_but_still_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    for name in ("tips.md", "about.md"):
        path = project / "docs" / name
        path.write_text(re.sub(r"last_reviewed: \S+", "last_reviewed: 2020-01-15", path.read_text(encoding="utf-8"), 1),
                        encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Review overdue: docs/tips.md was last reviewed on 15 January 2020" in output
    assert "Review overdue: docs/about.md" in output
    assert "docs/index.md" not in output.split("Review overdue")[-1]
    tips = (tmp_path / "out" / "tips" / "index.html").read_text(encoding="utf-8")
    assert "was due for review on" in tips and "may be out of date" in tips


@pytest.mark.browser
@pytest.mark.parametrize("overdue", [False, True])
def test_the_browser_marks_a_page_overdue_without_a_rebuild(browser, site_url, overdue):
    """After GOV.UK's tech docs: the due date is built in, and the reader's browser compares it with today."""
    from datetime import datetime, timedelta
    import yaml
    from conftest import ROOT
    meta = yaml.safe_load((ROOT / "docs" / "tips.md").read_text(encoding="utf-8").split("---")[1])
    due = review_of(meta, date.today()).due
    context = browser.new_context()
    page = context.new_page()
    if overdue:
        page.clock.install(time=datetime.combine(due + timedelta(days=1), datetime.min.time()))
    page.goto(site_url + "tips/")
    notice = page.locator(".page-review")
    assert notice.get_attribute("data-review-overdue-from") == (due + timedelta(days=1)).isoformat()
    shown, hidden = (".page-review__overdue", ".page-review__due") if overdue else \
        (".page-review__due", ".page-review__overdue")
    expect(notice.locator(shown)).to_be_visible()
    expect(notice.locator(hidden)).to_be_hidden()
    text = notice.inner_text()
    context.close()
    assert ("may be out of date" in text) is overdue
    assert ("Next review due by" in text) is not overdue
