"""What a worried volunteer needs comes first, the site stays exact to the leaflet and says how old
things are, and the words are one plain set, explained in a glossary."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from conftest import ROOT, built_pages
from safeguarding_site.loading import load_site_data

DATA = load_site_data(ROOT / "data")
CEOP = DATA.resource("ceop")


def page_html(site, name: str) -> str:
    path = site / "index.html" if name == "index" else site / name if name.endswith(".html") else \
        site / name / "index.html"
    return path.read_text(encoding="utf-8")


def main_text(html: str) -> str:
    main = html.split('data-md-component="content"', 1)[1].split("<footer", 1)[0]
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def box(html: str) -> str:
    match = re.search(r'<aside class="urgent-help".*?</aside>', html, re.S)
    assert match, "no 'Worried about a child or young person?' box"
    return match[0]


@pytest.mark.parametrize("name", ["index", "tips", "404.html", "resources"])
def test_the_worried_box_is_one_route_the_same_on_every_page_that_shows_it(built_site, name):
    found = box(page_html(built_site, name))
    assert found == box(page_html(built_site, "index")), f"{name} tells a worried reader something else"
    text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", found)).split())
    steps = ("Worried about a child or young person?", "Follow your organisation’s safeguarding procedures",
             "Make notes", "record", "Think the situation through", "Make a referral, as your procedures set out",
             "advice and help", "takes reports", "children aged 5 and over, young people and parents",
             "Listed in the leaflet in 2017")
    assert [text.index(step) for step in steps] == sorted(text.index(step) for step in steps), text
    assert f'href="{CEOP.url}"' in found


def test_home_leads_with_what_a_volunteer_needs_before_the_background(built_site):
    text = main_text(page_html(built_site, "index"))
    worried, tips = text.index("Worried about a child"), text.index("useful tips")
    defensible, background = text.index("Am I in a defensible position?"), text.index("Why this matters")
    assert worried < tips < defensible < background
    html = page_html(built_site, "index")
    start_here = html.split('id="start-here"', 1)[1].split("<h2", 1)[0]
    for page in ("tips/", "guidelines-worksheet/", "review/"):
        assert f'href="{page}"' in start_here, page


def test_no_paragraph_stands_on_two_pages(built_site):
    seen: dict[str, str] = {}
    for page in built_pages(built_site):
        main = page.read_text(encoding="utf-8").split('data-md-component="content"', 1)[1].split("<footer", 1)[0]
        # The one box for a worried reader, and the page's review dates, are on several pages by design.
        main = re.sub(r'<aside class="(urgent-help|page-review)".*?</aside>', "", main, flags=re.S)
        for paragraph in re.findall(r"<p>(.*?)</p>", main, re.S):
            words = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", paragraph)).split())
            if len(words) > 60:
                assert words not in seen or seen[words] == page.parent.name, (words, seen.get(words), page)
                seen[words] = page.parent.name


def test_resources_put_ceop_first_for_those_the_leaflet_names_then_group_by_who_they_are_for(built_site):
    html = page_html(built_site, "resources")
    headings = re.findall(r'<h2 id="resources-[^"]+">([^<]+)</h2>', html)
    assert headings == [section.title for section in DATA.resources_file.sections]
    assert headings[0] == "Advice, help and making a report"
    assert DATA.resources_file.sections[0].intro == "For children aged 5 and over, young people and parents."
    first_card = re.search(r'<article class="resource-card[^"]*" id="resource-([^"]+)"', html)[1]
    assert first_card == "ceop"


def test_a_card_says_who_a_resource_is_for_only_where_the_leaflet_does(built_site):
    html = page_html(built_site, "resources")
    for resource in DATA.resources:
        card = re.search(rf'<article[^>]*id="resource-{resource.id}".*?</article>', html, re.S)[0]
        assert ("Who it is for" in card) is bool(resource.audience), resource.id


def test_about_says_plainly_what_changed_including_both_figure_corrections(built_site):
    text = main_text(page_html(built_site, "about"))
    for old, new in (("nearly one in five", "about one in four"), ("nearly two thirds", "about three in five")):
        assert old in text and new in text
    assert "unchanged" not in text


def test_what_the_leaflet_does_not_support_is_gone(built_site):
    everything = " ".join(main_text(page.read_text(encoding="utf-8")) for page in built_pages(built_site))
    for claim in ("checked every week", "Work through them in order", "and with reason",
                  # rules softened or widened, and offers the leaflet does not make
                  "no single right answer", "adopt, change or reject", "two organisations", "other social media",
                  "are not new", "can help you keep up", "needs to plan for it", "start with CEOP", "things your"
                  " organisation can do", "Sign up", "share them with everyone"):
        assert claim not in everything, claim


def test_the_leaflets_rules_are_the_floor_of_every_organisations_guidelines_in_the_tips_own_words():
    """Copying in, records, instant messaging: rules, never a question to decide; one home for their words."""
    tips = DATA.checklist("tips").items
    rules = {rule.tip: rule for rule in DATA.guidelines_file.rules if rule.tip}
    assert {tip.id for tip in tips} <= set(rules), "every tip is a rule of every organisation's guidelines"
    rule_words = dict(DATA.rules())
    for tip in tips:
        assert DATA.rule_words(rules[tip.id]) == tip.text
    topics = " ".join(t.question + " ".join(s.text for s in t.stances) for t in DATA.guidelines_file.topics)
    for rule_matter in ("instant messaging", "Copy other staff", "records are kept"):
        assert rule_matter.lower() not in topics.lower(), f"{rule_matter!r} is a rule, not a question to decide"
    assert any("defensible position" in words for words in rule_words.values())


def test_stances_keep_the_leaflets_strength_and_scope():
    """One organisation, for its local staff, and other organisations; Facebook only; 'must' stays 'must'."""
    personal = DATA.topic("personal-contact")
    assert all("Facebook friends" in s.text for s in personal.stances)
    local = next(s.text for s in personal.stances if s.id == "under-18s-family-only")
    assert local.startswith("For our local staff") and "recommend, ideally" in local
    assert "parents must know" in local and "must go through the organisation's Facebook Wall" in local
    assert next(s.text for s in personal.stances if s.id != "under-18s-family-only").startswith("A blanket ban")


def test_good_practice_says_each_point_once_in_its_prompts(built_site):
    """The page's own text introduces the prompts; it does not say the same things before them."""
    text = main_text(page_html(built_site, "good-practice"))
    for point in ("in secret", "record or log", "management committee members", "local connections", "grew up"):
        assert text.count(point) == 1, (point, text.count(point))


def test_the_site_says_how_old_its_figures_and_resources_are(built_site):
    assert "They are from 2015" in main_text(page_html(built_site, "local-evidence"))
    assert "listed in the leaflet in 2017, so some may have moved" in main_text(page_html(built_site, "resources"))
    assert "In 2017, Newcastle CVS had information sheets" in main_text(page_html(built_site, "keeping-up-to-date"))
    tips = page_html(built_site, "tips")
    assert "written in 2017" in main_text(tips) and 'href="../glossary/#facebook-wall"' in tips


def test_resources_say_when_the_links_were_last_checked_or_that_there_is_no_record():
    """From the link history: never a promise of how often the links are checked."""
    from datetime import date

    from safeguarding_site.render import resource_directory

    checked = str(resource_directory(DATA, {}, date(2026, 3, 9)))
    assert "Links on this page were last checked on 9 March 2026." in checked and "no record" not in checked
    assert "This copy of the site has no record yet of checking these links." in str(resource_directory(DATA))


def test_the_glossary_is_a_definition_list_of_the_leaflets_terms(built_site):
    html = page_html(built_site, "glossary")
    terms = re.findall(r'<dt id="([^"]+)">([^<]+)</dt>\s*<dd>', html)
    assert [term_id for term_id, _ in terms] == [term.id for term in DATA.glossary_file.terms]
    for needed in ("e-safety", "ceop", "dbs-checks", "grooming", "digital-exclusion", "defensible-position",
                   "referral", "acceptable-use", "risk-assessment", "management-committee"):
        assert needed in dict(terms)


def test_every_link_to_a_glossary_term_finds_it(built_site):
    ids = {term.id for term in DATA.glossary_file.terms}
    linked = set()
    for page in built_pages(built_site):
        linked |= set(re.findall(r'href="(?:\.\./)*glossary/#([^"]+)"', page.read_text(encoding="utf-8")))
    assert linked and linked <= ids, linked - ids
    assert {"e-safety", "grooming", "digital-exclusion", "defensible-position", "dbs-checks", "referral",
            "acceptable-use", "risk-assessment", "management-committee"} <= linked


def test_one_set_of_words_organisation_staff_and_service_users(built_site):
    other_words = r"\byour group\b|\bclients?\b|(?<!social )\bworkers?\b"
    for page in built_pages(built_site):
        if page.parent.name in ("glossary", "for-organisations", "about"):
            continue  # the glossary and About name the leaflet's other words; the admin guide speaks of GitHub groups
        text = main_text(page.read_text(encoding="utf-8"))
        assert not re.search(other_words, text, re.I), (page, re.findall(rf".{{30}}(?:{other_words}).{{30}}", text, re.I))


def test_the_local_figures_are_an_accessible_chart_with_the_figures_as_text_beside_it(built_site):
    html = page_html(built_site, "local-evidence")
    chart = re.search(r'<svg class="statistics__chart" role="img" aria-labelledby="([^"]+)".*?</svg>', html, re.S)
    assert chart, "no chart"
    title_id, desc_id = chart[1].split()
    assert re.search(rf'<title id="{title_id}">[^<]+</title>', chart[0])
    description = re.search(rf'<desc id="{desc_id}">([^<]+)</desc>', chart[0])[1]
    bars = [float(width) for width in re.findall(r'class="statistics__chart-bar" x="0" y="[\d.]+" width="([\d.]+)"', chart[0])]
    track = float(re.search(r'class="statistics__chart-track" x="0" y="[\d.]+" width="([\d.]+)"', chart[0])[1])
    for statistic, bar in zip(DATA.statistics, bars, strict=True):
        assert f"{statistic.percent}% of {statistic.group}" in description
        assert bar == pytest.approx(track * statistic.percent / 100, abs=0.1)
    after = html[chart.end():]
    assert all(f"{s.percent}%" in after.split("</figure>", 1)[0] for s in DATA.statistics), "figures not beside it"
    assert "<script" not in chart[0]


def test_every_page_declares_uk_english(built_site):
    for page in [*built_pages(built_site), built_site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in text, page
        assert "Initializing" not in text and "Initialising search" in text, page  # Material's words, in UK spelling


def test_the_guide_for_whoever_runs_a_copy_is_labelled_as_such(built_site):
    text = main_text(page_html(built_site, "for-organisations"))
    assert "This page is for the person who sets up and looks after a copy of this site" in text


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_chart_reads_in_both_schemes_and_on_paper(browser, site_url, scheme):
    from browser_support import browser_page
    from safeguarding_site.models import contrast

    def colour(page, selector, prop):
        rgb = page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")
        parts = [int(float(n)) for n in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
        return "#" + "".join(f"{n:02x}" for n in parts)

    with browser_page(browser, 375, scheme) as page:
        page.goto(site_url + "local-evidence/", wait_until="networkidle")
        background = colour(page, "body", "backgroundColor")
        bar = colour(page, ".statistics__chart-bar", "fill")
        label = colour(page, ".statistics__chart-label", "fill")
        assert contrast(bar, background) >= 3, f"bars {bar} on {background}"  # WCAG 1.4.11, graphics
        assert contrast(label, background) >= 4.5, f"labels {label} on {background}"
        page.emulate_media(media="print")
        assert page.locator(".statistics__chart").is_visible()
        assert contrast(colour(page, ".statistics__chart-bar", "fill"), "#ffffff") >= 3
