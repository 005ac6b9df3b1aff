"""Bad data stops the build with one plain message naming the file, the entry and the field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from safeguarding_site.errors import DataErrors
from safeguarding_site.loading import load_site_data


def edited_data(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """A copy of data/ with one text replacement in one file."""
    target = tmp_path / "data"
    target.mkdir()
    for source in (ROOT / "data").glob("*.yml"):
        (target / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def problem(tmp_path, file, old, new) -> str:
    with pytest.raises(DataErrors) as caught:
        load_site_data(edited_data(tmp_path, file, old, new))
    return str(caught.value)


def test_real_data_is_valid():
    data = load_site_data(ROOT / "data")
    assert data.resources and data.checklists and data.statistics and data.guidelines_file.topics
    assert not data.notices


def test_broken_yaml_names_file_and_line(tmp_path):
    message = problem(tmp_path, "checklists.yml", "    title: Useful tips", "    title: [Useful tips")
    assert "data/checklists.yml" in message and "line" in message and "not valid YAML" in message


def test_missing_field_names_entry_and_field(tmp_path):
    message = problem(tmp_path, "resources.yml", "    offers: Advice and help, and a way to make a report.\n", "")
    assert re.search(r"data/resources.yml, line \d+, entry 'ceop' \(resources #5\), field 'offers': is missing", message)


def test_wrongly_typed_field(tmp_path):
    message = problem(tmp_path, "statistics.yml", "percent: 24", "percent: about a quarter")
    assert "entry 'image-requests-girls'" in message and "field 'percent'" in message
    assert "whole number" in message


def test_unquoted_number_where_text_is_needed(tmp_path):
    message = problem(tmp_path, "publication.yml", 'charity_number: "1125877"', "charity_number: 1125877")
    assert "field 'publisher.charity_number'" in message and "should be text" in message


def test_malformed_url(tmp_path):
    message = problem(tmp_path, "resources.yml", "url: http://www.irights.uk", "url: www.irights.uk")
    assert "entry 'irights'" in message and "field 'url'" in message and "http://" in message


def test_url_with_spaces_is_rejected(tmp_path):
    message = problem(tmp_path, "resources.yml", "url: http://www.irights.uk", "url: http://www.i rights.uk")
    assert "entry 'irights'" in message and "field 'url'" in message


def test_duplicate_resource_id(tmp_path):
    message = problem(tmp_path, "resources.yml", "- id: irights", "- id: childnet")
    assert "'childnet'" in message and "field 'id'" in message and "used twice" in message


def test_duplicate_checklist_item_id_across_checklists(tmp_path):
    message = problem(tmp_path, "checklists.yml", "- id: tip-deleted-retrieved", "- id: action-policy")
    assert "item id 'action-policy'" in message and "field 'id'" in message


def test_unknown_audience(tmp_path):
    message = problem(tmp_path, "resources.yml", "audience: [policy-makers]", "audience: [politicians]")
    assert "entry 'youth-and-the-internet'" in message and "field 'audience'" in message
    assert "'politicians' is not one of the audiences" in message


def test_unknown_topic(tmp_path):
    message = problem(tmp_path, "resources.yml", "topics: [rights]", "topics: [freedom]")
    assert "entry 'irights'" in message and "field 'topics'" in message


def test_unknown_field_is_named(tmp_path):
    message = problem(tmp_path, "resources.yml", "    topics: [rights]", "    topics: [rights]\n    colour: red")
    assert "field 'colour'" in message and "not a field this file knows" in message


def test_statistic_naming_unknown_source(tmp_path):
    message = problem(tmp_path, "statistics.yml", "source: this-is-me-2015\n\n  - id: chat-room-boys",
                      "source: this-is-me-2016\n\n  - id: chat-room-boys")
    assert "entry 'chat-room-girls'" in message and "field 'source'" in message


def test_percentage_out_of_range(tmp_path):
    message = problem(tmp_path, "statistics.yml", "percent: 55", "percent: 155")
    assert "entry 'chat-room-girls'" in message and "too large" in message


def test_empty_file(tmp_path):
    message = problem(tmp_path, "statistics.yml", "sources:", "")
    assert "data/statistics.yml" in message


def test_duplicate_yaml_key(tmp_path):
    message = problem(tmp_path, "resources.yml", "    title: CEOP\n", "    title: CEOP\n    title: CEOP again\n")
    assert "appears twice" in message and "field 'title'" in message


def test_html_in_data_is_reported_as_a_notice_not_run(tmp_path):
    data = load_site_data(edited_data(tmp_path, "resources.yml", "title: iRights", "title: <b>iRights</b>"))
    assert any("entry 'irights'" in n and "field 'title'" in n for n in data.notices)


# --- through the real build: one plain message, no traceback ------------------------------------

REVIEWED = r"last_reviewed: \d{4}-\d{2}-\d{2}"  # whatever date the page was last reviewed on


def broken_build(tmp_path, file, old, new):
    """A copy of the project with one change in one file: `old` is text, or a pattern when it is REVIEWED."""
    project = copy_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    pattern = old if old.startswith(REVIEWED) else re.escape(old)
    assert re.search(pattern, text), f"test setup: {old!r} not in {file}"
    path.write_text(re.sub(pattern, new.replace("\\", "\\\\"), text, count=1), encoding="utf-8")
    return run_build(project, tmp_path / "out")


def line_of_macro(file: str, call: str) -> int:
    lines = (ROOT / file).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if call in line)


@pytest.mark.slow
@pytest.mark.parametrize("file, old, new, expected", [
    ("data/resources.yml", "url: http://www.irights.uk", "url: irights", "entry 'irights' (resources #6), field 'url'"),
    ("data/checklists.yml", "    title: Useful tips", "    title: [Useful tips", "data/checklists.yml, line"),
    ("docs/tips.md", '{{ checklist("tips") }}', '{{ checklist("tipz") }}',
     f"docs/tips.md, line {line_of_macro('docs/tips.md', 'checklist(')}, macro checklist('tipz'): there is no"
     " checklist with id 'tipz'"),
    ("docs/resources.md", "{{ resource_directory(level=2) }}", '{{ resource_card("nope") }}',
     f"docs/resources.md, line {line_of_macro('docs/resources.md', 'resource_directory(')}, macro"
     " resource_card('nope'): there is no resource with id 'nope'"),
    ("docs/tips.md", '{{ checklist("tips") }}', '{{ chekclist("tips") }}',
     f"docs/tips.md, line {line_of_macro('docs/tips.md', 'checklist(')}: no macro is called 'chekclist'"),
    ("docs/tips.md", '{{ checklist("tips") }}', '{{ checklist("tips" }}',
     f"docs/tips.md, line {line_of_macro('docs/tips.md', 'checklist(')}: this macro call is not written correctly"
     " (unexpected '}', expected ')')"),
    ("docs/tips.md", "---\ntitle: Useful tips", "title: Useful tips",
     "docs/tips.md: the front matter has no opening line: add a line of exactly three hyphens (---) above line 1"),
    ("docs/tips.md", "review_in: 12 months\n---\n", "review_in: 12 months\n--\n",
     "docs/tips.md: line 6 should close the front matter with exactly three hyphens (---), not '--'"),
    ("docs/tips.md", "review_in: 12 months\n---\n", "review_in: 12 months\n\n",
     "docs/tips.md: the front matter that starts on line 1 is never closed"),
    ("docs/tips.md", REVIEWED + "\n", "", "docs/tips.md: front matter field 'last_reviewed' is missing"),
    ("docs/tips.md", "review_in: 12 months", "review_in: soon", "docs/tips.md, line 5: front matter field 'review_in'"),
    ("docs/tips.md", REVIEWED, "last_reviewed: 03/11/2026",
     "docs/tips.md, line 4: front matter field 'last_reviewed' is '03/11/2026', which should be a date written"
     " YYYY-MM-DD: write last_reviewed: 2026-11-03"),
    ("docs/tips.md", REVIEWED, "last_reviewed: 2026-13-45",
     "docs/tips.md: the front matter between the --- lines cannot be read: month must be in 1..12"),
    ("docs/tips.md", "title: Useful tips", "title: [Useful tips",
     "docs/tips.md: the front matter between the --- lines is not valid YAML on line"),
    ("docs/tips.md", '{{ checklist("tips") }}', "{{ checklist() }}",
     f"docs/tips.md, line {line_of_macro('docs/tips.md', 'checklist(')}, macro checklist(): it is written"
     " checklist(checklist_id)"),
    ("data/resources.yml", "audience: [policy-makers]", "audience: policy-makers",
     "entry 'youth-and-the-internet' (resources #7), field 'audience': should be a list"),
])
def test_bad_input_stops_the_build_with_a_plain_message(tmp_path, file, old, new, expected):
    result = broken_build(tmp_path, file, old, new)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "tips" / "index.html").exists(), "a half-built site was left behind"


def test_a_section_naming_an_unknown_resource_is_named(tmp_path):
    message = problem(tmp_path, "resources.yml", "    resources: [childnet]", "    resources: [childnett]")
    assert re.search(r"data/resources.yml, line \d+, entry 'for-young-people' \(sections #\d+\), field 'resources':"
                     r" 'childnett' is not the id of a resource", message)


def test_a_resource_in_no_section_is_named_because_the_page_would_not_show_it(tmp_path):
    message = problem(tmp_path, "resources.yml", "    resources: [childnet]", "    resources: [ceop]")
    assert "'ceop' is already in section 'get-help-now'" in message
    assert re.search(r"entry 'childnet' \(resources #\d+\), field 'id': 'childnet' is in no section", message)


def test_a_glossary_term_written_twice_is_named(tmp_path):
    message = problem(tmp_path, "glossary.yml", "  - id: grooming", "  - id: e-safety")
    assert re.search(r"data/glossary.yml, line \d+, entry 'e-safety' \(terms #\d+\), field 'id': the id 'e-safety'"
                     r" is used twice", message)


def test_a_bad_acceptance_stops_the_build_data_naming_file_line_entry_and_field(tmp_path):
    target = edited_data(tmp_path, "accepted-links.yml", "accepted: []", """accepted:
  - url: https://www.example.org/advice
    checked: Opened it in a browser.
    by: Sam
    checked_on: 2026-03-09
    until: 2028-03-09""")
    with pytest.raises(DataErrors) as caught:
        load_site_data(target)
    assert str(caught.value) == ("Problem in the site's data: data/accepted-links.yml, line 18, entry "
                                 "'https://www.example.org/advice' (accepted #1), field 'until': is more than a "
                                 "year after checked_on (2026-03-09): write a date within a year, so the address "
                                 "is looked at again")
