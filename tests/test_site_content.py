"""Every fact from the leaflet reaches the built site, exactly, on the page where a reader looks for it."""
from __future__ import annotations

import html as htmllib
import re

import pytest

from conftest import ROOT, built_pages
from safeguarding_site.loading import load_site_data

DATA = load_site_data(ROOT / "data")

FACTS = {
    "index": ["social media", "text messages", "digital exclusion", "court proceedings", "threatened and harassed",
              "Abuse, neglect and poor mental health", "groomed and exploited online", "am I in a defensible position?",
              "make notes", "make sure there is a record", "make referrals", "social media or phone"],
    "local-evidence": ["2015", "Health Related Behaviour Questionnaire", "This is me", "year 8 and year 10",
                       "55% of girls", "59% of boys", "24% of girls", "internet chat room",
                       "violent or pornographic images", "inappropriate images of themselves",
                       "about one in four", "just over half", "about three in five"],
    "actions": ["safeguarding policy", "procedures", "risk assessments", "good practice", "acceptable use",
                "careers", "good name", "text messages"],
    "good-practice": ["separate professional presence", "Facebook", "local", "in secret",
                      "copy a colleague", "record or log", "volunteers, management committee members and staff",
                      "under 18", "family members", "parents must know", "Facebook Wall", "blanket ban",
                      "service users", "am I in a defensible position?", "make notes", "make referrals",
                      "social media or phone", "draw up guidelines of its own"],
    "supporting-staff": ["neighbours", "school friends", "online history", "ground rules", "Facebook friends",
                         "service users", "digital exclusion", "team meetings", "trustees"],
    "tips": ["Do not use instant messaging that leaves no log", "Facebook Wall", "2017",
             "Anything you delete can always be got back"],
    "resources": ["Northumberland Safeguarding Children Board", "social networking", "email", "mobile phones",
                  "live streaming", "flow chart", "location tagging", "Online Compass", "register", "free tool",
                  "Childnet", "'consider your online reputation' button", "Child Exploitation and Online Protection Centre",
                  "Children aged 5 and over", "Parents", "make a report", "iRights", "Five principles",
                  "'creatively, knowledgeably and fearlessly'", "Youth and the Internet",
                  "Government policy makers", "2017"],
    "keeping-up-to-date": [*DATA.publication.updates.information_sheets.titles, "free",
                           DATA.publication.updates.information_sheets.url, DATA.publication.updates.newsletter.url],
    "glossary": ["clients", "CRB checks", "Child Exploitation and Online Protection Centre"],
    "about": ["Newcastle Council for Voluntary Service", "2017", "Higham House", "Higham Place", "Newcastle upon Tyne",
              "NE1 8AF", "0191 232 7445", "information@cvsnewcastle.org.uk", "http://www.cvsnewcastle.org.uk",
              "1125877", "6681475", "England and Wales", "CC BY-NC 4.0",
              "Creative Commons Attribution-NonCommercial 4.0 International License", *DATA.publication.changes],
}

LEAFLET_URLS = [
    "http://northumberlandlscb.proceduresonline.com/pdfs/esafety_social_media.pdf",
    "www.communitycare.co.uk/2014/09/11/simple-guide-protecting-social-media-privacy-facebook/",
    "www.onlinecompass.org.uk", "www.childnet.com/young-people/secondary/hot-topics",
    "www.ceop.police.uk/safety-centre", "www.irights.uk", "www.barnardos.org.uk/youth_and_the_internet_report.pdf",
]


def page_text(site, name: str) -> str:
    path = site / "index.html" if name == "index" else site / name / "index.html"
    raw = path.read_text(encoding="utf-8")
    main = raw.split('data-md-component="content"', 1)[1].split("<footer", 1)[0]
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", main)))


@pytest.mark.parametrize("name", FACTS)
def test_leaflet_facts_appear_on_their_page(built_site, name):
    text = page_text(built_site, name)
    missing = [fact for fact in FACTS[name] if re.sub(r"\s+", " ", fact) not in text]
    assert not missing, f"{name}: missing {missing}"


def test_every_checklist_item_is_on_the_site(built_site):
    everything = " ".join(page_text(built_site, name) for name in FACTS)
    for checklist, item in DATA.all_items():
        assert re.sub(r"\s+", " ", item.text) in everything, item.id
    assert len(DATA.checklist("tips").items) == 9
    assert len(DATA.checklist("actions").items) == 3


@pytest.mark.parametrize("url", LEAFLET_URLS)
def test_resource_urls_are_exactly_as_the_leaflet_gives_them(built_site, url):
    html = (built_site / "resources" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="(https?://)?' + re.escape(url) + '"', html), url


def test_each_url_in_data_is_written_once():
    """Single source: no page repeats an address that lives in data/."""
    for _, url in DATA.urls():
        bare = re.sub(r"^https?://", "", url)
        for page in (ROOT / "docs").rglob("*.md"):
            assert bare not in page.read_text(encoding="utf-8"), f"{page.name} repeats {url}; use a macro"


def test_every_page_shows_the_attribution_in_its_footer(built_site):
    leaflet, licence = DATA.publication.leaflet, DATA.publication.licence
    pages = built_pages(built_site) + [built_site / "404.html"]
    assert len(pages) >= 9
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html.split("<footer", 1)[1]
        text = htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", footer)))
        assert f"Adapted from {leaflet.title} © {leaflet.publisher}, {leaflet.year}" in text, page
        assert f'href="{licence.url}"' in footer and licence.short_name in text and "with changes" in text, page
        assert "See what we changed" in text, page


def test_about_page_carries_the_same_attribution_and_the_changes(built_site):
    text = page_text(built_site, "about")
    assert "Adapted from Safeguarding and social media © Newcastle Council for Voluntary Service, 2017" in text
    html = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="what-we-changed"' in html


def test_no_request_to_another_host_is_written_into_the_pages(built_site):
    """Fonts, scripts and styles all come from the site itself."""
    for page in built_pages(built_site):
        html = page.read_text(encoding="utf-8")
        without_canonical = re.sub(r'<link rel="canonical"[^>]*>', "", html)
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', without_canonical), page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
