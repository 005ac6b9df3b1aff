"""The review and action plan page is rendered from data: every checklist and item, as plain lists
for readers without JavaScript, plus the current guidance as JSON that no data can break out of."""
from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

import pytest

from safeguarding_site import render
from safeguarding_site.loading import SiteData, load_site_data
from safeguarding_site.models import ChecklistsFile

ROOT = Path(__file__).resolve().parent.parent
BREAKOUT = '</script><script>alert(1)</script><!-- </SCRIPT > & \u2028 "quoted" 🎉'
GUIDANCE = re.compile(r'<template id="review-guidance">(.*?)</template>', re.S)


def checklists_only(raw: dict) -> SiteData:
    """SiteData holding just checklists: all review_plan() reads (other files left empty)."""
    required = {f.name: None for f in dataclasses.fields(SiteData)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return SiteData(**{**required, "checklists_file": ChecklistsFile.model_validate(raw)})


@pytest.fixture(scope="module")
def real_data() -> SiteData:
    return load_site_data(ROOT / "data")


def guidance_of(page: str) -> dict:
    blocks = GUIDANCE.findall(page)
    assert len(blocks) == 1, "the plan carries exactly one guidance block"
    return json.loads(blocks[0])


def test_plan_carries_every_checklist_and_item_from_the_data(real_data):
    page = str(render.review_plan(real_data))
    guidance = guidance_of(page)
    assert guidance["version"] == render.REVIEW_FORMAT_VERSION
    assert [c["id"] for c in guidance["checklists"]] == [c.id for c in real_data.checklists]
    for rendered, checklist in zip(guidance["checklists"], real_data.checklists):
        assert rendered["title"] == checklist.title
        assert [(i["id"], i["text"]) for i in rendered["items"]] == [(i.id, i.text) for i in checklist.items]
    for _, item in real_data.all_items():
        assert f'data-item="{item.id}"' in page  # the plain list, for readers without JavaScript


def test_plan_lists_read_as_plain_lists_under_section_headings(real_data):
    page = str(render.review_plan(real_data))
    for checklist in real_data.checklists:
        assert f'<h3>{html.escape(checklist.title, quote=False)}</h3>' in page
    assert page.count('class="checklist__items"') == len(real_data.checklists)


def test_guidance_is_in_an_inert_template_not_a_script_instant_navigation_would_run(real_data):
    page = str(render.review_plan(real_data))
    assert "<script" not in page
    assert guidance_of(page)["checklists"]


def test_plan_says_the_review_needs_javascript_once(real_data):
    page = str(render.review_plan(real_data))
    noscript = re.findall(r"<noscript>(.*?)</noscript>", page, re.S)
    assert len(noscript) == 1 and "needs JavaScript" in noscript[0]
    assert re.search(r'<div class="review-plan__app" data-review-app [^>]*\bhidden>', page), \
        "the interactive parts stay hidden until the script shows them"


def test_checklist_pages_say_ticking_needs_javascript(real_data):
    page = str(render.checklist(real_data.checklist("tips")))
    assert "<noscript>" in page and "needs JavaScript" in page


def test_end_tags_in_data_cannot_break_out_of_the_json_block():
    data = checklists_only({"checklists": [{"id": "x", "title": BREAKOUT, "items": [
        {"id": "x-1", "text": BREAKOUT, "detail": BREAKOUT}]}]})
    page = str(render.review_plan(data))
    block = GUIDANCE.findall(page)[0]
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\u2028" not in block
    assert "</script" not in page.lower() and "<!--" not in page
    assert page.lower().count("</template") == 1, "only the block's own end tag"
    assert "<script>alert" not in page
    guidance = json.loads(block)
    item = guidance["checklists"][0]["items"][0]
    assert guidance["checklists"][0]["title"] == BREAKOUT
    assert item["text"] == BREAKOUT and item["detail"] == BREAKOUT  # nothing lost on the way


def test_html_in_item_text_is_escaped_in_the_plain_lists():
    data = checklists_only({"checklists": [{"id": "x", "title": "T", "items": [
        {"id": "x-1", "text": "<img src=x onerror=alert(1)>"}]}]})
    page = str(render.review_plan(data))
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_json_for_script_round_trips_any_text():
    value = {"a": BREAKOUT, "b": ["\u2029", "&amp;", "<!--"], "c": 1}
    text = str(render.json_for_script(value))
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


def test_plan_block_has_no_blank_lines_so_markdown_keeps_it_whole(real_data):
    page = str(render.review_plan(real_data))
    assert "\n\n" not in page and page.startswith("<section")


@pytest.mark.slow
def test_search_finds_the_review_page_by_its_own_words_not_by_copies_of_the_items(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    review = [doc for doc in index["docs"] if doc["location"].startswith("review/")]
    assert len(review) == 1, [doc["location"] for doc in review]
    text = review[0]["text"]
    assert "Your review stays on this device" in text
    for copy in ("Anything you delete can always be got back", "tip-deleted-retrieved", "needs JavaScript"):
        assert copy not in text
