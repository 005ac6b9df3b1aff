"""The pure functions behind an organisation's pages: guideline rows, colours and contrast, escaping."""
from __future__ import annotations

import pytest

from conftest import ROOT
from safeguarding_site import render
from safeguarding_site.loading import load_site_data
from safeguarding_site.models import Colours, OurGuidelinesFile, contrast


@pytest.fixture(scope="module")
def data():
    return load_site_data(ROOT / "data")


@pytest.fixture(scope="module")
def topics(data):
    return data.guidelines_file


def choices(**entries) -> OurGuidelinesFile:
    return OurGuidelinesFile.model_validate({"choices": entries})


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_chosen_stance_shows_its_wording_and_an_unanswered_follow_up_leaves_the_topic_to_decide(topics):
    rows = {row.topic.id: row for row in render.guideline_rows(
        topics, choices(**{"public-dealings": {"stance": "all-in-public"},
                           "personal-contact": {"stance": "under-18s-family-only"}}))}
    in_public = next(s.text for s in topics.entry("public-dealings").stances if s.id == "all-in-public")
    assert rows["public-dealings"].decision == in_public
    assert rows["public-dealings"].decided  # no follow-up question
    assert rows["personal-contact"].decision and not rows["personal-contact"].decided  # its follow-up is still open
    assert rows["ground-rules"].decision is None and not rows["ground-rules"].decided


def test_the_leaflets_rules_are_on_every_guidelines_page_with_the_tips_words_and_no_choice(data):
    html = str(render.guidelines(data.rules(), data.guidelines_file))
    tips = {item.id: item.text for item in data.checklist("tips").items}
    for rule, words in data.rules():
        assert words == (tips[rule.tip] if rule.tip else rule.text)
        assert f'id="guideline-{rule.id}"' in html and str(render.plain_text(words)) in html, rule.id
    assert set(tips) <= {rule.tip for rule in data.guidelines_file.rules}, "every tip is one of the rules"
    rules_part = html.split('id="guideline-rules"', 1)[1].split('id="guideline-questions"', 1)[0]
    assert "To decide." in rules_part  # only the follow-ups wait for an answer...
    assert "Our guideline:" not in rules_part and "Examples from the leaflet" not in rules_part  # ...never the rule


def test_worksheet_without_choices_marks_every_question_to_decide(data):
    html = render.guidelines(data.rules(), data.guidelines_file)
    assert html.count('class="guideline guideline--to-decide"') == len(data.guidelines_file.topics)
    assert "Our guideline:" not in html


def test_an_older_files_stance_for_what_is_now_a_rule_changes_nothing_and_its_own_words_answer_the_follow_up(data):
    html = str(render.guidelines(data.rules(), data.guidelines_file, choices(**{
        "copy-colleague": {"stance": "always-copy"},
        "instant-messaging": {"wording": "Only the club phone's texts."}})))
    rule = data.guidelines_file.entry("instant-messaging")
    assert f"<strong>{rule.follow_up}</strong>\n Only the club phone&#39;s texts." in html
    assert "always-copy" not in html


def test_own_wording_is_escaped(data):
    html = render.guidelines(data.rules(), data.guidelines_file,
                             choices(**{"ground-rules": {"wording": "<script>alert(1)</script> & more"}}))
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html and "<script>" not in html


def test_dark_scheme_link_colour_is_lightened_until_readable():
    for colour in ("#0b5d3b", "#4051b5", "#8a3b00", "#000000"):
        light = render.readable_on_dark(colour)
        assert contrast(light, render.SLATE_BACKGROUND) >= 4.5, (colour, light)


def test_organisation_css_sets_materials_colour_variables():
    css = render.organisation_css(Colours(primary="#0b5d3b"))
    assert "--md-primary-fg-color: #0b5d3b;" in css
    assert "--md-accent-fg-color: #0b5d3b;" in css  # the primary colour when no accent is given
    assert '[data-md-color-scheme="slate"][data-md-color-primary]' in css
