"""Pure render functions: validated data in, escaped HTML out.

Nothing here knows about MkDocs or mkdocs-macros. Each function fills one Jinja
template from `safeguarding_site/templates/` with autoescaping on, so text from data/ is
always shown as text, never run as HTML or as a template.
"""
from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .browser_contract import COUNT_COLUMNS, NOT_APPLICABLE, REVIEW_FORMAT_VERSION, STATUS_LABELS
from .link_history import NOTICE_STATUSES, LinkNotice
from .loading import SiteData
from .models import (
    Checklist,
    Colours,
    GuidelineRule,
    GuidelinesFile,
    GuidelineTopic,
    Organisation,
    OurGuidelinesFile,
    Publication,
    Resource,
    SafeguardingLead,
    ResourcesFile,
    Statistic,
    StatisticSource,
    contrast,
)
from .due_reviews import agreement
from .review import long_date
from .wording import percent_in_words

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)


def _render(template: str, **context) -> Markup:
    """Render a template as one HTML block: no blank lines, so Markdown keeps it whole."""
    html = TEMPLATES.get_template(template).render(**context)
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def resource_card(resource: Resource, vocabulary: ResourcesFile, level: int = 3,
                  notice: LinkNotice | None = None) -> Markup:
    return _render(
        "resource_card.html.j2", r=resource, level=level,
        audiences=[vocabulary.audiences[a] for a in resource.audience],
        topics=[vocabulary.topics[t] for t in resource.topics],
        notice=notice if notice is not None and notice.status in NOTICE_STATUSES and notice.url in (None, resource.url)
        else None,
    )


def resource_directory(data: SiteData, notices: dict[str, LinkNotice] | None = None,
                       last_checked: date | None = None, level: int = 2) -> Markup:
    """Every resource, in the sections of data/resources.yml (headings at `level`, cards one below)."""
    notices = notices or {}
    sections = [{"id": section.id, "title": section.title, "intro": section.intro,
                 "cards": [resource_card(data.resource(rid), data.resources_file, level + 1, notices.get(rid))
                           for rid in section.resources]}
                for section in data.resources_file.sections]
    return _render("resource_directory.html.j2", sections=sections, level=level,
                   checked_text=long_date(last_checked) if last_checked else None)


def spoken_list(words: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]])) if words else ""


def urgent_help(data: SiteData, organisation: Organisation | None = None, ceop_notice: LinkNotice | None = None,
                level: int = 2) -> Markup:
    """What to do when worried about a child or young person, the same wherever it is shown: an organisation's
    safeguarding lead first (on its own copy), the leaflet's steps, then CEOP, for whom the leaflet says, with
    the year the leaflet listed it and, once the link check has run, when its link was last checked."""
    ceop = data.resource("ceop")
    audiences = [data.resources_file.audiences[a] for a in ceop.audience]
    notice = ceop_notice if ceop_notice is not None and ceop_notice.url in (None, ceop.url) else None
    return _render("urgent_help.html.j2", ceop=ceop, level=level, tel=tel_address, notice=notice,
                   lead=organisation.safeguarding_lead if organisation else None,
                   audiences=spoken_list([label[:1].lower() + label[1:] for label in audiences]),
                   year=data.publication.leaflet.year)


def example_stances(topic: GuidelineTopic) -> Markup:
    return _render("example_stances.html.j2", topic=topic)


def glossary(data: SiteData) -> Markup:
    return _render("glossary.html.j2", terms=data.glossary_file.terms)


def resource_link(resource: Resource, text: str | None = None) -> Markup:
    return _render("link.html.j2", url=resource.url, text=text or resource.title)


def checklist(checklist: Checklist, js_note: bool = True) -> Markup:
    """One checklist as a plain list; js_note adds the line shown when JavaScript is off."""
    return _render("checklist.html.j2", c=checklist, js_note=js_note, not_applicable=NOT_APPLICABLE)


def json_for_script(value) -> Markup:
    """JSON that is safe as the text of an HTML element (a <template> or <script> block): no '<',
    '>' or '&' is left to end the block, open a comment or start an entity, and the line separators
    JavaScript once disallowed are escaped. JSON.parse reads it back unchanged."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)


def review_guidance(checklists: list[Checklist]) -> dict:
    """What the review page's script needs to know about the current guidance."""
    return {"version": REVIEW_FORMAT_VERSION, "checklists": [
        {"id": c.id, "title": c.title,
         "items": [{"id": i.id, "text": i.text, **({"detail": i.detail} if i.detail else {})} for i in c.items]}
        for c in checklists]}


def review_plan(data: SiteData) -> Markup:
    """The review and action plan: every checklist as a plain list (what readers without JavaScript
    get), with the current guidance as JSON for the script that turns it into the plan."""
    sections = [{"c": c, "list": checklist(c, js_note=False)} for c in data.checklists]
    return _render("review_plan.html.j2", sections=sections, columns=[STATUS_LABELS[s] for s in COUNT_COLUMNS],
                   not_started_column=COUNT_COLUMNS.index("not-started"),
                   guidance=json_for_script(review_guidance(data.checklists)))


def statistic_words(statistic: Statistic) -> str:
    return percent_in_words(statistic.percent)


def statistic_sentence(statistic: Statistic) -> Markup:
    return _render("statistic.html.j2", stat=statistic, words=statistic_words(statistic))


def source_citation(source: StatisticSource) -> str:
    return (f"{source.place}'s {source.year} {source.survey}, “{source.title}”; "
            f"answers from {source.respondents}.")


def statistics_list(data: SiteData, source_id: str) -> Markup:
    source = data.source(source_id)
    stats = [s for s in data.statistics if s.source == source_id]
    return _render("statistics_list.html.j2", source=source, citation=source_citation(source),
                   stats=[{"stat": s, "sentence": statistic_sentence(s)} for s in stats],
                   chart=statistics_chart(source, stats))


CHART = {"width": 400, "bar_width": 340, "bar_height": 20, "line": 18, "gap": 14, "wrap": 46}


def statistics_chart(source: StatisticSource, stats: list[Statistic]) -> Markup:
    """The figures as an inline SVG bar chart, drawn at build time: one bar per figure, out of 100%, under
    its label (wrapped to fit a phone's width)."""
    rows, y = [], 0
    for s in stats:
        lines = textwrap.wrap(f"{s.group.capitalize()}: {s.finding}", CHART["wrap"])
        label_y = [y + CHART["line"] * (n + 1) - 4 for n in range(len(lines))]
        bar_y = y + CHART["line"] * len(lines) + 2
        rows.append({"lines": list(zip(lines, label_y)), "percent": s.percent, "bar_y": bar_y,
                     "length": round(CHART["bar_width"] * s.percent / 100, 1)})
        y = bar_y + CHART["bar_height"] + CHART["gap"]
    description = "; ".join(f"{s.percent}% of {s.group} {s.finding}" for s in stats) + "."
    return _render("statistics_chart.html.j2", source=source, rows=rows, description=description,
                   title=f"{source.title}, {source.place} {source.year}: what pupils said, in per cent",
                   width=CHART["width"], height=y, bar_width=CHART["bar_width"], bar_height=CHART["bar_height"])


def attribution(publication: Publication) -> Markup:
    return _render("attribution.html.j2", leaflet=publication.leaflet, licence=publication.licence)


def changes(publication: Publication, links_checked: date | None = None, organisation: Organisation | None = None,
            added: list[str] | None = None, replaced: list[str] | None = None) -> Markup:
    """What this adaptation changed, from data/publication.yml; what the link check has done, only as the link
    history backs it (a date once links have been checked); and, on an organisation's copy, the pages it
    added and replaced, which are its own words, not the leaflet's."""
    return _render("changes.html.j2", changes=publication.changes, year=publication.leaflet.year,
                   checked=long_date(links_checked) if links_checked else None, organisation=organisation,
                   added=spoken_list(added or []), replaced=spoken_list(replaced or []))


def tel_address(phone: str) -> str:
    """A UK number as the address of a tel: link, e.g. 0191 498 0123 -> +441914980123."""
    digits = phone.replace(" ", "").replace("(", "").replace(")", "")
    return digits if digits.startswith("+") else "+44" + digits.removeprefix("0")


def publisher_contact(publication: Publication) -> Markup:
    return _render("publisher_contact.html.j2", p=publication.publisher, tel=tel_address)


def information_sheets(publication: Publication) -> Markup:
    return _render("information_sheets.html.j2", sheets=publication.updates.information_sheets)


def plain_link(url: str, text: str | None = None) -> Markup:
    return _render("link.html.j2", url=url, text=text or url)


# --- an organisation's guidelines, contact details and colours ---------------------------------

@dataclass(frozen=True)
class GuidelineRow:
    """One topic of the guidelines, with what the organisation has decided so far (None = to decide)."""

    topic: GuidelineTopic
    decision: str | None
    own_words: bool
    follow_up: str | None

    @property
    def decided(self) -> bool:
        return self.decision is not None and (self.topic.follow_up is None or self.follow_up is not None)


@dataclass(frozen=True)
class RuleRow:
    """One of the leaflet's rules, in every organisation's guidelines, with the organisation's answer to its
    follow-up question (None = still to answer)."""

    rule: GuidelineRule
    words: str
    follow_up: str | None

    @property
    def decided(self) -> bool:
        return self.rule.follow_up is None or self.follow_up is not None


def guideline_rows(topics: GuidelinesFile, choices: OurGuidelinesFile | None) -> list[GuidelineRow]:
    chosen = choices.choices if choices else {}
    rows = []
    for topic in topics.topics:
        choice = chosen.get(topic.id)
        decision = None
        if choice and choice.stance:
            decision = next(stance.text for stance in topic.stances if stance.id == choice.stance)
        elif choice and choice.wording:
            decision = choice.wording
        rows.append(GuidelineRow(topic, decision, bool(choice and choice.wording),
                                 choice.follow_up if choice else None))
    return rows


def rule_rows(rules: list[tuple[GuidelineRule, str]], choices: OurGuidelinesFile | None) -> list[RuleRow]:
    """Every rule, with the answer to its follow-up: `follow_up`, or the own words an older file gave the rule
    when it was still a question (overlay.rule_notices tells the editor to move them)."""
    chosen = choices.choices if choices else {}
    rows = []
    for rule, words in rules:
        choice = chosen.get(rule.id)
        answers = [text for text in (choice.follow_up, choice.wording) if text] if choice and rule.follow_up else []
        rows.append(RuleRow(rule, words, " ".join(answers) or None))
    return rows


@dataclass(frozen=True)
class RecordRow:
    """One line of the record at the head of an organisation's guidelines: who agreed them, when, the next
    review, and the safeguarding lead."""

    term: str
    words: str
    lead: SafeguardingLead | None = None  # the lead's row: their phone and email are links


def guidelines_record(choices: OurGuidelinesFile | None, organisation: Organisation | None = None) -> list[RecordRow]:
    """The record at the head of the guidelines, from either form org/data/our-guidelines.yml may use, with the
    lead from the organisation's own details."""
    agreed = agreement(choices)
    rows = [RecordRow("Agreed by", agreed.who) if agreed.who else RecordRow("Agreed", "Not yet")]
    if agreed.on:
        rows.append(RecordRow("Agreed on", long_date(agreed.on)))
    if agreed.review_on:
        rows.append(RecordRow("Next review", f"by {long_date(agreed.review_on)}"))
    if organisation:
        lead = organisation.safeguarding_lead
        rows.append(RecordRow("Safeguarding lead", f"{lead.name}, {lead.role}", lead))
    return rows


# The first line of org/data/our-guidelines.yml, which names its schema for editors (as the starter's does).
OUR_GUIDELINES_SCHEMA_LINE = "# yaml-language-server: $schema=../../data/schema/our-guidelines.schema.json"


def guidelines(rules: list[tuple[GuidelineRule, str]], topics: GuidelinesFile,
               choices: OurGuidelinesFile | None = None, organisation: Organisation | None = None, level: int = 2,
               builder: dict | None = None, worksheet_lead: SafeguardingLead | None = None) -> Markup:
    """The guidelines page: the leaflet's rules, which every organisation's guidelines include, then each
    question the leaflet leaves open, with the organisation's choice, or marked 'to decide' with the leaflet's
    example stances and room to write (a worksheet when nothing is chosen). `builder` (the worksheet only)
    adds the controls that browser/guidelines.js brings to life, hidden until it does; on an organisation's copy
    the worksheet names its safeguarding lead (`worksheet_lead`) instead of asking for one."""
    rows = guideline_rows(topics, choices)
    rules_shown = rule_rows(rules, choices)
    to_decide = [row.topic.title for row in rows if not row.decided]
    agreed = agreement(choices)
    return _render("guidelines.html.j2", rows=rows, rules=rules_shown, level=level, organisation=organisation,
                   record=guidelines_record(choices, organisation) if organisation or choices else [],
                   review_from=agreed.review_on.isoformat() if organisation and agreed.review_on else None,
                   review_text=long_date(agreed.review_on) if agreed.review_on else None,
                   builder=json_for_script(builder) if builder else None,
                   to_decide=to_decide, rules_to_answer=[row.rule.title for row in rules_shown if not row.decided],
                   tel=tel_address, worksheet_lead=worksheet_lead)


def worksheet_book(data: SiteData, organisation: Organisation | None = None) -> dict:
    """What the guidelines builder needs: the rules and the topics, the credit its document carries, the
    schema line of the overlay file it writes and, on an organisation's copy, its name and safeguarding lead."""
    topics, publication = data.guidelines_file, data.publication
    own = {}
    if organisation:
        lead = organisation.safeguarding_lead
        own = {"organisation": {"name": organisation.name, "lead": {
            "name": lead.name, "role": lead.role, "phone": lead.phone or "", "email": lead.email or ""}}}
    return {
        "rules": [{"id": rule.id, "title": rule.title, "text": words, "since": rule.since,
                   **({"followUp": rule.follow_up} if rule.follow_up else {})} for rule, words in data.rules()],
        "topics": [{"id": t.id, "title": t.title, "question": t.question, "since": t.since,
                    "stances": [{"id": s.id, "text": s.text} for s in t.stances],
                    **({"followUp": t.follow_up} if t.follow_up else {})} for t in topics.topics],
        "credit": attribution(publication).striptags(),
        "leaflet": publication.leaflet.title,
        "licence": {"name": publication.licence.short_name, "url": publication.licence.url},
        "schemaLine": OUR_GUIDELINES_SCHEMA_LINE,
        **own,
    }


def guidelines_worksheet(data: SiteData, level: int = 2, organisation: Organisation | None = None) -> Markup:
    """The Guidelines worksheet: every topic to decide, and, with JavaScript, a builder for the group's own (on an
    organisation's copy, with its safeguarding lead)."""
    return guidelines(data.rules(), data.guidelines_file, level=level, builder=worksheet_book(data, organisation),
                      worksheet_lead=organisation.safeguarding_lead if organisation else None)


def organisation_contact(organisation: Organisation) -> Markup:
    return _render("organisation_contact.html.j2", org=organisation, lead=organisation.safeguarding_lead,
                   contact=organisation.contact, tel=tel_address)


def _mix(colour: str, towards: str, share: float) -> str:
    """`colour` moved `share` (0-1) of the way towards `towards`, both '#rrggbb'."""
    channels = [round(int(colour[i:i + 2], 16) * (1 - share) + int(towards[i:i + 2], 16) * share)
                for i in (1, 3, 5)]
    return "#" + "".join(f"{channel:02x}" for channel in channels)


SLATE_BACKGROUND = "#1e2129"  # Material's dark (slate) page background


def readable_on_dark(colour: str) -> str:
    """The colour, lightened just enough to read as link text on the dark scheme's background."""
    share = 0.0
    lighter = colour
    while contrast(lighter, SLATE_BACKGROUND) < 4.5 and share < 1:
        share = round(share + 0.05, 2)
        lighter = _mix(colour, "#ffffff", share)
    return lighter


def organisation_css(colours: Colours) -> str:
    """Stylesheet giving Material the organisation's colours, in the light and the dark scheme."""
    accent = colours.accent or colours.primary
    return str(_render("organisation.css.j2", primary=colours.primary, accent=accent,
                       primary_light=_mix(colours.primary, "#ffffff", 0.15),
                       primary_dark=_mix(colours.primary, "#000000", 0.15),
                       link_dark=readable_on_dark(colours.primary),
                       accent_dark=readable_on_dark(accent))) + "\n"


def page_review(review) -> Markup:
    """When a page was last reviewed and when its next review is due (safeguarding_site/review.py): shown at the
    foot of every page; the browser also marks it overdue from `overdue_from` (browser/review-date.js)."""
    return _render("page_review.html.j2", review=review)


def plain_text(value: str) -> Markup:
    """Text from data for use inside a page, escaped so it always shows as text."""
    return Markup.escape(value)


def guideline_reference(topics: GuidelinesFile) -> Markup:
    """Tables of rule, topic and stance ids, for people filling in org/data/our-guidelines.yml."""
    return _render("guideline_reference.html.j2", topics=topics.topics, rules=topics.rules)
