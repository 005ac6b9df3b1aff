"""The leaflet's rules stay rules, in every organisation's guidelines, and a worried reader is told whom to
tell: the same route wherever the box is shown, naming an organisation's own safeguarding lead on its copy."""
from __future__ import annotations

import html
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from safeguarding_site import render
from safeguarding_site.errors import DataErrors
from safeguarding_site.link_history import LinkNotice
from safeguarding_site.loading import load_site_data
from safeguarding_site.models import Organisation
from safeguarding_site.overlay import load_organisation

DATA = load_site_data(ROOT / "data")
EXAMPLE = ROOT / "examples" / "riverside-youth-club" / "org"


def text(markup) -> str:
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", str(markup))).split())
    return re.sub(r" ([.,;:])", r"\1", words)


def lead_organisation(**lead) -> Organisation:
    return Organisation.model_validate({"name": "Oak Tree Youth Group", "copyright": "© Oak Tree Youth Group",
                                        "safeguarding_lead": {"name": "Ada Lovelace", "role": "Safeguarding lead",
                                                              **lead}})


def test_upstream_box_says_to_follow_your_own_procedures_then_the_leaflets_steps_in_its_order_then_ceop():
    box = text(render.urgent_help(DATA))
    steps = ["Follow your organisation’s safeguarding procedures", "Make notes, and make sure there is a record",
             "Think the situation through", "Make a referral, as your procedures set out", "CEOP"]
    places = [box.index(step) for step in steps]
    assert places == sorted(places), box
    assert "takes reports, for children aged 5 and over, young people and parents." in box
    assert "Listed in the leaflet in 2017." in box and "last checked" not in box
    assert "Tell " not in box


def test_the_box_names_an_organisations_lead_first_with_whatever_contact_details_it_has():
    full = text(render.urgent_help(DATA, lead_organisation(phone="0191 498 0999", email="lead@oak.example.org")))
    assert full.startswith("Worried about a child or young person? Tell Ada Lovelace, Safeguarding lead: 0191 498"
                           " 0999, lead@oak.example.org. Follow our safeguarding procedures.")
    assert "Tell Ada Lovelace, Safeguarding lead: lead@oak.example.org." in text(
        render.urgent_help(DATA, lead_organisation(email="lead@oak.example.org")))
    assert "Tell Ada Lovelace, Safeguarding lead." in text(render.urgent_help(DATA, lead_organisation()))
    escaped = str(render.urgent_help(DATA, lead_organisation(email="a@b.example.org").model_copy(
        update={"safeguarding_lead": lead_organisation().safeguarding_lead.model_copy(update={"name": "<b>Ada</b>"})})))
    assert "&lt;b&gt;Ada&lt;/b&gt;" in escaped and "<b>Ada</b>" not in escaped


def test_once_checked_the_box_says_when_ceops_link_was_last_checked():
    ceop = DATA.resource("ceop")
    ok = text(render.urgent_help(DATA, ceop_notice=LinkNotice("ok", date(2026, 3, 9), url=ceop.url)))
    assert "Listed in the leaflet in 2017; link last checked 9 March 2026." in ok
    dead = text(render.urgent_help(DATA, ceop_notice=LinkNotice("dead", date(2026, 3, 9), url=ceop.url)))
    assert "link last checked 9 March 2026, when it may no longer have worked." in dead
    older = text(render.urgent_help(DATA, ceop_notice=LinkNotice("dead", date(2026, 3, 9), url="http://old.example.org")))
    assert "last checked" not in older  # a notice for an address the data no longer has


def test_about_claims_a_link_check_only_when_the_history_backs_it():
    unchecked = text(render.changes(DATA.publication))
    assert "no record yet of checking" in unchecked and "most recently" not in unchecked
    checked = text(render.changes(DATA.publication, date(2026, 3, 9)))
    assert "most recently on 9 March 2026" in checked and "no record yet" not in checked


def test_every_change_the_site_makes_is_declared():
    changes = " ".join(DATA.publication.changes)
    for declared in ("http://", "just over half", "about one in four", "about three in five", "plain words of our",
                     "safeguarding lead", "every organisation's guidelines include them"):
        assert declared in changes, declared


def test_a_rule_naming_a_tip_that_does_not_exist_is_one_plain_message(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "guidelines.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("tip: tip-keep-records", "tip: tip-keep-record"),
                    encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    assert re.search(r"data/guidelines.yml, line \d+, entry 'records' \(rules #\d+\), field 'tip': 'tip-keep-record' is"
                     r" not the id of an item in data/checklists.yml: write one of tip-no-linking, .*tip-keep-records",
                     str(caught.value))


def test_a_rule_with_both_a_tip_and_its_own_words_is_refused(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "guidelines.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    tip: tip-keep-records\n",
                                                             "    tip: tip-keep-records\n    text: Keep records.\n"),
                    encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_site_data(data)
    assert re.search(r"entry 'records' \(rules #\d+\).*give either 'tip' .* or 'text'", str(caught.value))


def test_a_forks_file_from_before_the_rules_still_builds_and_says_what_to_tidy(tmp_path):
    org = tmp_path / "org"
    shutil.copytree(EXAMPLE, org)
    (org / "data" / "our-guidelines.yml").write_text(
        "choices:\n  copy-colleague:\n    stance: always-copy\n  instant-messaging:\n"
        "    wording: Only the club phone's texts.\n", encoding="utf-8")
    loaded = load_organisation(org, DATA.guidelines_file)
    notices = "\n".join(loaded.notices)
    assert re.search(r"org/data/our-guidelines.yml, line 3, field 'choices.copy-colleague.stance': 'copy-colleague' is"
                     r" now one of the leaflet's rules.*needs no stance: delete this line", notices)
    assert re.search(r"line 5, field 'choices.instant-messaging.wording': .*rename 'wording:' to 'follow_up:'", notices)
    page = text(render.guidelines(DATA.rules(), DATA.guidelines_file, loaded.guidelines, loaded.details))
    assert "where is the log of each kept? Only the club phone's texts." in page


def test_the_example_organisations_answers_name_no_retired_stance():
    loaded = load_organisation(EXAMPLE, DATA.guidelines_file)
    assert not loaded.notices
