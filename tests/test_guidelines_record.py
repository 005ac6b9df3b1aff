"""An organisation's guidelines say who agreed them (a name and a role), on which day, when they are next to be
reviewed (a year on unless the file says otherwise) and who the safeguarding lead is; files written before any
of this still build, and a date or a lead that cannot be right gets one plain message."""
from __future__ import annotations

import html
import re
import shutil
from datetime import date

import pytest

from conftest import ROOT
from safeguarding_site import render
from safeguarding_site.due_reviews import agreed_parts, agreement, next_review_from
from safeguarding_site.errors import DataErrors
from safeguarding_site.loading import load_site_data
from safeguarding_site.models import OurGuidelinesFile
from safeguarding_site.overlay import load_organisation
from safeguarding_site.overlay_checks import example_details, text_problem

DATA = load_site_data(ROOT / "data")
EXAMPLE = ROOT / "examples" / "riverside-youth-club" / "org"


def text(markup) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(markup))).split())


def page_for(tmp_path, guidelines_yml: str):
    org = tmp_path / "org"
    shutil.copytree(EXAMPLE, org)
    (org / "data" / "our-guidelines.yml").write_text(guidelines_yml, encoding="utf-8")
    loaded = load_organisation(org, DATA.guidelines_file)
    return loaded, render.guidelines(DATA.rules(), DATA.guidelines_file, loaded.guidelines, loaded.details)


def test_the_record_names_who_agreed_them_when_the_next_review_and_the_lead(tmp_path):
    _, page = page_for(tmp_path, "agreed_by: Jo Patel\nagreed_role: chair of trustees\nagreed_on: 2026-03-04\n")
    assert ("Agreed by Jo Patel, chair of trustees Agreed on 4 March 2026 Next review by 4 March 2027 Safeguarding"
            " lead Sam Okafor, Designated safeguarding lead, 0191 498 0123") in text(page)
    assert '<a href="tel:+441914980123">0191 498 0123</a>' in str(page)
    notice = re.search(r'<div class="due-notice" data-due-notice="our-guidelines" data-due-from="2027-03-04" hidden>'
                       r'.*?</div>', str(page), re.S)
    assert notice and "due for review on 4 March 2027" in notice.group(0) and "Hide this reminder" in notice.group(0)


def test_a_next_review_written_in_the_file_is_the_one_shown(tmp_path):
    _, page = page_for(tmp_path, "agreed_by: Jo Patel\nagreed_on: 2026-03-04\nreview_on: 2026-09-01\n")
    assert "Agreed by Jo Patel Agreed on 4 March 2026 Next review by 1 September 2026" in text(page)
    assert 'data-due-from="2026-09-01"' in str(page)


@pytest.mark.parametrize("written, shown", [
    ("agreed: by our trustees on 3 November 2026\n",
     "Agreed by our trustees Agreed on 3 November 2026 Next review by 3 November 2027"),
    ("agreed_by: our trustees\n", "Agreed by our trustees Safeguarding lead"),
    ("agreed: at the spring meeting\n", "Agreed by at the spring meeting Safeguarding lead"),
    ("choices: {}\n", "Agreed Not yet Safeguarding lead Sam Okafor"),
], ids=["one phrase", "agreed_by only", "a phrase with no day", "not agreed"])
def test_files_written_before_the_record_still_build(tmp_path, written, shown):
    loaded, page = page_for(tmp_path, written)
    assert shown in text(page)
    assert not loaded.notices


def test_a_year_on_from_29_february_is_28_february():
    assert next_review_from(date(2024, 2, 29)) == date(2025, 2, 28)
    assert agreed_parts("by the committee, on 29 February 2024.") == ("the committee", date(2024, 2, 29))
    assert agreed_parts("by us on 30 February 2026") == ("us on 30 February 2026", None)
    assert agreement(OurGuidelinesFile.model_validate({"agreed_on": date(2026, 1, 5)})).review_on == date(2027, 1, 5)


@pytest.mark.parametrize("written, message", [
    ("agreed_on: 2026-03-04\nreview_on: 2026-03-04\n",
     r"line 2, field 'review_on': is not after agreed_on \(2026-03-04\): write the day of the next review"),
    ("agreed: by us on 3 March 2026\nagreed_role: chair\n", r"give either 'agreed' \(one phrase\) or 'agreed_by', "),
    ("review_on: 4 March 2027\n", r"field 'review_on': should be a date written YYYY-MM-DD"),
    ("safeguarding_lead:\n  role: Welfare officer\n", r"field 'safeguarding_lead.name': is missing"),
])
def test_a_date_or_lead_that_cannot_be_right_is_one_plain_message(tmp_path, written, message):
    with pytest.raises(DataErrors) as caught:
        page_for(tmp_path, written)
    assert re.search(message, str(caught.value)), str(caught.value)
    assert "org/data/our-guidelines.yml" in str(caught.value)


def test_a_lead_saved_by_the_worksheet_who_is_not_the_organisations_is_a_notice_and_the_organisations_is_shown(tmp_path):
    loaded, page = page_for(tmp_path, "safeguarding_lead:\n  name: Pat Lee\n  phone: 0191 555 0000\n")
    assert re.search(r"org/data/our-guidelines.yml, line 2, field 'safeguarding_lead.name': names Pat Lee as the"
                     r" safeguarding lead, but org/data/organisation.yml names Sam Okafor\. Your pages show Sam Okafor",
                     "\n".join(loaded.notices))
    assert "Pat Lee" not in text(page) and "Safeguarding lead Sam Okafor" in text(page)
    same, _ = page_for(tmp_path / "same", "safeguarding_lead:\n  name: sam  okafor\n")
    assert not same.notices


def test_a_fork_that_copies_the_examples_agreement_is_told_it_is_made_up():
    import yaml
    details = example_details(yaml.safe_load((EXAMPLE / "data" / "organisation.yml").read_text(encoding="utf-8")),
                              yaml.safe_load((EXAMPLE / "data" / "our-guidelines.yml").read_text(encoding="utf-8")))
    assert "name of who agreed its guidelines" in (text_problem("Priya Shah", details) or "")


def test_the_worksheet_on_an_organisations_copy_names_its_lead_instead_of_asking():
    loaded = load_organisation(EXAMPLE, DATA.guidelines_file)
    sheet = str(render.guidelines_worksheet(DATA, organisation=loaded.details))
    assert "From your organisation’s details: Sam Okafor, Designated safeguarding lead" in text(sheet)
    assert 'id="guidelines-lead-name"' not in sheet
    book = render.worksheet_book(DATA, loaded.details)
    assert book["organisation"]["lead"]["name"] == "Sam Okafor" and book["organisation"]["name"] == "Riverside Youth Club"
    upstream = str(render.guidelines_worksheet(DATA))
    assert 'id="guidelines-lead-name"' in upstream and "organisation" not in render.worksheet_book(DATA)


def sign_off(markup) -> str:
    found = re.search(r'<section class="guidelines__sign-off".*?</section>', str(markup), re.S)
    assert found, "the worksheet has no lines for signing off the guidelines"
    return text(found.group(0))


def test_the_blank_worksheet_has_lines_for_who_agreed_the_guidelines_when_and_the_lead():
    upstream = sign_off(render.guidelines_worksheet(DATA))
    for line in ("Agreed by (name and role", "Signature", "Date agreed", "Date of the next review",
                 "Safeguarding lead (name and role)", "Their phone number and email address"):
        assert line in upstream
    loaded = load_organisation(EXAMPLE, DATA.guidelines_file)
    own = sign_off(render.guidelines_worksheet(DATA, organisation=loaded.details))
    lead = loaded.details.safeguarding_lead
    assert f"Safeguarding lead {lead.name}, {lead.role}, {lead.phone}" in own  # already known: printed, not asked
    assert "Safeguarding lead (name and role)" not in own
    assert "guidelines__sign-off" not in str(render.guidelines(DATA.rules(), DATA.guidelines_file, loaded.guidelines,
                                                              loaded.details))  # "Our guidelines" has its record
