"""The pure functions behind an organisation's pages: guideline rows, colours and contrast, escaping."""
from __future__ import annotations

import pytest

from conftest import ROOT
from safeguarding_site import render
from safeguarding_site.loading import load_site_data
from safeguarding_site.models import Colours, OurGuidelinesFile, contrast


@pytest.fixture(scope="module")
def topics():
    return load_site_data(ROOT / "data").guidelines_file


def choices(**entries) -> OurGuidelinesFile:
    return OurGuidelinesFile.model_validate({"choices": entries})


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_chosen_stance_shows_its_wording_and_an_unanswered_follow_up_leaves_the_topic_to_decide(topics):
    rows = {row.topic.id: row for row in render.guideline_rows(
        topics, choices(**{"copy-colleague": {"stance": "always-copy"}, "records": {"stance": "keep-a-log"}}))}
    always_copy = next(s.text for t in topics.topics if t.id == "copy-colleague" for s in t.stances if s.id == "always-copy")
    assert rows["copy-colleague"].decision == always_copy
    assert rows["copy-colleague"].decided  # no follow-up question
    assert rows["records"].decision and not rows["records"].decided  # its follow-up is still open
    assert rows["channels"].decision is None and not rows["channels"].decided


def test_worksheet_without_choices_marks_every_topic_to_decide(topics):
    html = render.guidelines(topics)
    assert html.count('class="guideline guideline--to-decide"') == len(topics.topics)
    assert "Our guideline:" not in html


def test_own_wording_is_escaped(topics):
    html = render.guidelines(topics, choices(channels={"wording": "<script>alert(1)</script> & more"}))
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
