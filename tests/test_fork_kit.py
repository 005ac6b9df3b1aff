"""An organisation's overlay, shown by the example organisation built as itself (mkdocs.example.yml,
examples/riverside-youth-club): its name, colours, logo, pages and guidelines appear; every upstream
page stays; search finds its pages; the credit to the leaflet cannot be dropped; bad overlay data gets
plain, named errors. (A fork's own start, and a copy of the example, are in test_fork_start.py.)"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_CONFIG, ROOT, built_pages, copy_project, run_build
from safeguarding_site.loading import load_site_data
from safeguarding_site.overlay import markdown_pages

EXAMPLE_DIR = "examples/riverside-youth-club/org"
ORG_CONFIG = EXAMPLE_CONFIG
PRIMARY = "#0b5d3b"
CREDIT = "Adapted from Safeguarding and social media © Newcastle Council for Voluntary Service, 2017"

pytestmark = pytest.mark.slow


def make_fork(target: Path) -> Path:
    """A copy of the project, whose example organisation is then built as itself (mkdocs.example.yml)."""
    return copy_project(target)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def text_of(page: Path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def test_example_overlay_builds_with_the_organisations_name_on_every_page(fork_site):
    pages = built_pages(fork_site)
    assert len(pages) > 10
    for page in pages:
        source = page.read_text(encoding="utf-8")
        assert "Safeguarding and social media at Riverside Youth Club" in source, page
        assert "Our own pages and guidelines © Riverside Youth Club, 2026." in text_of(page), page


def test_leaflet_credit_stays_on_every_page_of_the_fork(fork_site):
    for page in built_pages(fork_site):
        assert CREDIT in text_of(page), page
        assert 'href="http://creativecommons.org/licenses/by-nc/4.0"' in page.read_text(encoding="utf-8"), page


def test_organisation_colours_are_in_the_sites_one_stylesheet_linked_from_every_page(fork_site):
    css = (fork_site / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color:{PRIMARY}" in css
    assert "--md-accent-fg-color:#8a3b00" in css
    for page in built_pages(fork_site):
        links = re.findall(r'<link rel="stylesheet" href="(?:\.\./)*assets/stylesheets/([^"]+)"',
                           page.read_text(encoding="utf-8"))
        assert [name for name in links if not name.startswith(("main.", "palette."))] == ["site.css"], page


def test_organisation_logo_is_in_the_header(fork_site):
    index = (fork_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<img src="assets/riverside-logo.svg"', index)
    assert (fork_site / "assets" / "riverside-logo.svg").is_file()


def test_organisation_pages_have_their_own_menu_section_after_home(fork_site):
    index = text_of(fork_site / "index.html")
    section = index.index("Riverside Youth Club Our guidelines Who to talk to Starting as a volunteer")
    assert index.index("Home") < section < index.index("The guidance")
    for slug in ("our-guidelines", "who-to-talk-to", "new-volunteers"):
        assert (fork_site / slug / "index.html").is_file()


def test_every_upstream_page_is_still_there(fork_site, built_site):
    upstream = {page.relative_to(built_site) for page in built_pages(built_site)}
    fork = {page.relative_to(fork_site) for page in built_pages(fork_site)}
    assert upstream <= fork, f"missing from the fork: {sorted(map(str, upstream - fork))}"
    own = [page for page in markdown_pages(ROOT / EXAMPLE_DIR / "docs") if not (ROOT / "docs" / page).exists()]
    assert len(fork - upstream) == len(own)


def test_our_guidelines_page_shows_the_organisations_choices(fork_site):
    text = text_of(fork_site / "our-guidelines" / "index.html")
    topics = yaml.safe_load((ROOT / "data" / "guidelines.yml").read_text(encoding="utf-8"))["topics"]
    stance = {s["id"]: " ".join(s["text"].split()) for t in topics for s in t.get("stances", [])}
    # An example stance chosen by id shows its wording from data/guidelines.yml ...
    assert f"Our guideline: {stance['under-18s-family-only']}" in text
    assert f"Our guideline: {stance['not-identified']}" in text
    assert stance["no-under-18s-or-service-users"] not in text  # ... and not the stance it did not choose
    # ... own wording shows as written, and follow-up answers after their question, a rule's too.
    assert "Our guideline: No photos of young people go online without" in text
    assert "Where are the records kept, and who may see them? In the contact log" in text
    assert ("Agreed by Priya Shah, chair of trustees Agreed on 3 November 2026 Next review by 3 November 2027"
            " Safeguarding lead Sam Okafor, Designated safeguarding lead, 0191 498 0123") in text
    assert "Talk to Sam Okafor, Designated safeguarding lead, on 0191 498 0123" in text


def test_our_guidelines_page_lists_unset_choices_as_to_decide(fork_site):
    page = (fork_site / "our-guidelines" / "index.html").read_text(encoding="utf-8")
    text = text_of(fork_site / "our-guidelines" / "index.html")
    data = load_site_data(ROOT / "data")
    topics, undecided = len(data.guidelines_file.topics), data.topic("online-history").title
    assert re.search(rf"{topics - 1} of the {topics} questions after them are decided\. Still to decide ?: "
                     rf"{re.escape(undecided)}\.", text)
    section = re.search(r'<section class="guideline guideline--to-decide" id="guideline-online-history".*?</section>',
                        page, re.S)
    assert section and section.group(0).count("To decide.") == 2  # the stance and the follow-up


def test_our_guidelines_page_starts_with_every_one_of_the_leaflets_rules(fork_site):
    """The floor of every organisation's guidelines, in the tips' own words, before the organisation's choices."""
    text = text_of(fork_site / "our-guidelines" / "index.html")
    data = load_site_data(ROOT / "data")
    rules_start, choices_start = text.index("The rules we all follow"), text.index("Our own choices")
    for rule, words in data.rules():
        assert 0 <= rules_start < text.index(" ".join(words.split())) < choices_start, rule.id
    assert "Which ways of sending messages do staff and volunteers use, and where is the log of each kept? Only" \
        " messages on the club's public Facebook page" in text


def test_upstream_worksheet_marks_every_topic_to_decide(built_site):
    text = text_of(built_site / "guidelines-worksheet" / "index.html")
    topics = len(load_site_data(ROOT / "data").guidelines_file.topics)
    assert f"None of the {topics} questions after them is decided yet" in text
    assert "Our guideline:" not in text
    page = (built_site / "guidelines-worksheet" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="guideline guideline--to-decide"') == topics


def test_search_index_finds_the_organisations_own_pages(fork_site):
    index = json.loads((fork_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"our-guidelines/", "who-to-talk-to/", "new-volunteers/"} <= locations
    contact = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("who-to-talk-to/"))
    assert "Sam Okafor" in contact


def test_an_organisation_page_replaces_the_upstream_page_of_the_same_name(tmp_path):
    project = make_fork(tmp_path / "project")
    (project / EXAMPLE_DIR / "docs" / "tips.md").write_text(
        "---\ntitle: Our tips\ndescription: Tips.\nlast_reviewed: 2026-11-29\nreview_in: 12 months\n---\n\n"
        "# Our tips\n\nRiverside's own version of the tips.\n", encoding="utf-8")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    assert result.returncode == 0, result.stderr
    tips = text_of(tmp_path / "site" / "tips" / "index.html")
    assert "Riverside's own version of the tips." in tips
    assert "Nine habits" not in tips


def test_an_overlay_template_that_drops_the_credit_stops_the_build(tmp_path):
    project = make_fork(tmp_path / "project")
    partials = project / EXAMPLE_DIR / "overrides" / "partials"
    partials.mkdir(parents=True)
    shutil.copytree(project / "overrides", project / EXAMPLE_DIR / "overrides", dirs_exist_ok=True)
    (partials / "copyright.html").write_text('<div class="md-copyright">{{ config.copyright }}</div>\n')
    edit(project / ORG_CONFIG, f"docs_dir: {EXAMPLE_DIR}/docs\n",
         f"docs_dir: {EXAMPLE_DIR}/docs\ntheme:\n  custom_dir: {EXAMPLE_DIR}/overrides\n")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "does not show the credit to the leaflet" in output and "Traceback" not in output
    assert re.search(r"Problem in (examples/riverside-youth-club/org/)?docs/[a-z-]+\.md", output)


def test_overlay_settings_cannot_replace_the_credit(tmp_path):
    project = make_fork(tmp_path / "project")
    edit(project / ORG_CONFIG, f"  organisation_dir: {EXAMPLE_DIR}\n",
         f"  organisation_dir: {EXAMPLE_DIR}\n  attribution: Our own guidance\n")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"Problem in {ORG_CONFIG}: remove extra.attribution" in output


def test_overlay_pointing_the_data_elsewhere_to_change_the_credit_stops_the_build(tmp_path):
    project = make_fork(tmp_path / "project")
    shutil.copytree(project / "data", project / EXAMPLE_DIR / "upstream-data")
    edit(project / EXAMPLE_DIR / "upstream-data" / "publication.yml",
         "publisher: Newcastle Council for Voluntary Service", "publisher: Riverside Youth Club")
    edit(project / ORG_CONFIG, f"  organisation_dir: {EXAMPLE_DIR}\n",
         f"  organisation_dir: {EXAMPLE_DIR}\n  data_dir: {EXAMPLE_DIR}/upstream-data\n")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"Problem in {ORG_CONFIG}: remove extra.data_dir" in output


def test_organisation_data_is_escaped_on_output(tmp_path):
    project = make_fork(tmp_path / "project")
    edit(project / EXAMPLE_DIR / "data" / "organisation.yml", "  name: Sam Okafor", "  name: <b>Sam</b> & Co")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "who-to-talk-to" / "index.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Sam&lt;/b&gt; &amp; Co" in page and "<b>Sam</b>" not in page
    assert "org/data/organisation.yml" in result.stderr and "HTML markup" in result.stderr


ORGANISATION = f"{EXAMPLE_DIR}/data/organisation.yml"
GUIDELINES = f"{EXAMPLE_DIR}/data/our-guidelines.yml"
BAD_OVERLAY_DATA = {
    "colour too pale for white text": (
        ORGANISATION, 'primary: "#0b5d3b"', 'primary: "#ffcc00"',
        r"org/data/organisation.yml, line \d+, field 'colours.primary': '#ffcc00' is too light"),
    "colour not in quotes, so YAML reads it as a comment": (
        ORGANISATION, 'primary: "#0b5d3b"', "primary: #0b5d3b",
        r"org/data/organisation.yml, line \d+, field 'colours.primary': is empty, because YAML reads everything"
        r" after a '#' as a comment: put the value in quotes, like primary: \"#0b5d3b\""),
    "colour not written #rrggbb": (
        ORGANISATION, 'primary: "#0b5d3b"', "primary: green",
        r"org/data/organisation.yml, line \d+, field 'colours.primary': 'green' is not written the way this file"
        r" needs: write primary: \"#008000\" \(the same colour"),
    "safeguarding lead missing": (
        ORGANISATION, "safeguarding_lead:\n  name: Sam Okafor\n  role: Designated safeguarding lead\n"
                      '  phone: "0191 498 0123"\n  email: safeguarding@riverside-youth.example.org\n', "",
        r"org/data/organisation.yml, line \d+, field 'safeguarding_lead': is missing"),
    "logo file missing": (
        ORGANISATION, "logo: assets/riverside-logo.svg", "logo: assets/logo.png",
        r"org/data/organisation.yml, line \d+, field 'logo': there is no file (examples/riverside-youth-club/)?org/docs/assets/logo.png"),
    "page listed that does not exist": (
        ORGANISATION, "  - who-to-talk-to.md", "  - contacts.md",
        r"org/data/organisation.yml, line \d+, entry pages #2, field 'pages': there is no file (examples/riverside-youth-club/)?org/docs/contacts.md"),
    "misspelt field": (
        ORGANISATION, "short_name:", "shortname:",
        r"org/data/organisation.yml, line \d+, field 'shortname': is not a field this file knows"),
    "unknown topic id": (
        GUIDELINES, "  channels:\n", "  chanels:\n",
        r"org/data/our-guidelines.yml, line \d+, field 'choices.chanels': 'chanels' is not one of the guideline"
        r" topics or rules in data/guidelines.yml: did you mean 'channels'\?"),
    "unknown stance id": (
        GUIDELINES, "stance: not-identified", "stance: copy-everyone",
        r"org/data/our-guidelines.yml, line \d+, field 'choices.public-dealings.stance': 'copy-everyone' is not an"
        r" example stance of topic 'public-dealings' \(its example stances are all-in-public, not-identified\)"),
    "both a stance and own wording": (
        GUIDELINES, "    stance: not-identified\n", "    stance: not-identified\n    wording: We copy in a colleague.\n",
        r"org/data/our-guidelines.yml, line \d+, field 'choices.public-dealings': give either 'stance'"),
    "own words for a rule that asks nothing": (
        GUIDELINES, "choices:\n", "choices:\n  deleted-retrieved:\n    wording: We keep everything.\n",
        r"org/data/our-guidelines.yml, line \d+, field 'choices.deleted-retrieved.wording': 'deleted-retrieved' is one"
        r" of the leaflet's rules, which every organisation's guidelines include as they are, and it asks no"
        r" follow-up question: remove this line"),
    "broken YAML": (
        GUIDELINES, "  records:\n", "  records: [\n",
        r"org/data/our-guidelines.yml, line \d+: this is not valid YAML"),
}


@pytest.mark.parametrize("case", BAD_OVERLAY_DATA, ids=list(BAD_OVERLAY_DATA))
def test_bad_overlay_data_gets_a_plain_error_naming_file_entry_and_field(tmp_path, case):
    file, old, new, expected = BAD_OVERLAY_DATA[case]
    project = make_fork(tmp_path / "project")
    edit(project / file, old, new)
    site = tmp_path / "site"
    result = run_build(project, site, config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(expected, output), output[-2000:]
    assert "Traceback" not in output
    assert not site.exists() or not any(site.iterdir()), "a half-built site was left behind"


def test_missing_overlay_data_file_is_named(tmp_path):
    project = make_fork(tmp_path / "project")
    (project / GUIDELINES).unlink()
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "org/data/our-guidelines.yml: the file is missing" in output
    assert "Traceback" not in output


def test_overlay_config_without_docs_dir_gets_a_plain_error(tmp_path):
    project = make_fork(tmp_path / "project")
    edit(project / ORG_CONFIG, f"docs_dir: {EXAMPLE_DIR}/docs\n", "")
    result = run_build(project, tmp_path / "site", config=ORG_CONFIG)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and f"docs_dir must be '{EXAMPLE_DIR}/docs'" in output and "Traceback" not in output


def test_our_guidelines_macro_on_the_upstream_site_is_a_plain_error(project_copy, tmp_path):
    (project_copy / "docs" / "our-guidelines.md").write_text(
        "---\ntitle: Ours\ndescription: Ours.\nlast_reviewed: 2026-11-29\nreview_in: 12 months\n---\n\n"
        "# Ours\n\n{{ our_guidelines() }}\n", encoding="utf-8")
    edit(project_copy / "mkdocs.yml", "  - About this site: about.md\n",
         "  - About this site: about.md\n  - Ours: our-guidelines.md\n")
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "docs/our-guidelines.md, line 10, macro our_guidelines(): this macro is for an organisation's own site" in output
    assert "extra.organisation_dir" in output


@pytest.mark.parametrize("page", ["index.html", "tips/index.html", "404.html", "resources/index.html"])
def test_the_worried_box_on_an_organisations_copy_names_its_lead_before_anything_else(fork_site, page):
    html_text = (fork_site / page).read_text(encoding="utf-8")
    box = re.search(r'<aside class="urgent-help".*?</aside>', html_text, re.S)
    assert box, f"{page}: no 'Worried about a child or young person?' box"
    text = re.sub(r" ([.,])", r"\1", " ".join(html.unescape(re.sub(r"<[^>]+>", " ", box[0])).split()))
    lead = yaml.safe_load((ROOT / EXAMPLE_DIR / "data" / "organisation.yml").read_text(encoding="utf-8"))[
        "safeguarding_lead"]
    told = f"Tell {lead['name']}, {lead['role']}: {lead['phone']}, {lead['email']}."
    assert text.startswith(f"Worried about a child or young person? {told}"), text
    assert f'href="tel:+44{lead["phone"].replace(" ", "")[1:]}"' in box[0]
    assert f'href="mailto:{lead["email"]}"' in box[0]
    assert text.index(told) < text.index("Follow our safeguarding procedures") < text.index("CEOP")
