"""The data schema: one pydantic model per YAML file in data/.

Field descriptions become the JSON Schema that editors see as hints
(`make schema`, python -m safeguarding_site.schema, writes data/schema/).
"""
from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .colours import MIN_CONTRAST, contrast  # noqa: F401 - the models' colour rule, named here too
from .field_kinds import COLOUR, EMAIL, IDENTIFIER, PATH, PHONE, TEXT, WEB_ADDRESS
from .value_forms import EMAIL_PATTERN, PATH_PATTERN, PHONE_PATTERN, SLUG_PATTERN

# Each kind of value carries its check (field_kinds.py, value_forms.py): the check validates, and it
# also words the message when a value of that kind is refused, whatever refused it.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="A stable id: lower-case letters, digits and hyphens."),
                 IDENTIFIER]
WebUrl = Annotated[str, WEB_ADDRESS.validator, Field(description="A full web address starting with http:// or https://."),
                   WEB_ADDRESS]
Text = Annotated[str, TEXT.validator, Field(description="Plain text (no HTML)."), TEXT]
Phone = Annotated[str, Field(pattern=PHONE_PATTERN, description="A UK phone number as you would write it, in"
                             " quotes so it stays as written: \"0191 123 4567\", or with an extension:"
                             " \"0191 123 4567 ext 2\"."), PHONE.validator, PHONE]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, description="An email address: name@your-organisation.org.uk."),
                  EMAIL.validator, EMAIL]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- data/resources.yml -------------------------------------------------------------------------

class Resource(Strict):
    id: Slug
    title: Text = Field(description="The resource's name as its publisher gives it.")
    publisher: Text | None = Field(None, description="Who made it, where the leaflet says so.")
    url: WebUrl
    audience: list[Slug] = Field([], description="Ids from `audiences` above: only who the leaflet says it is"
                                                 " for (leave it out when the leaflet does not say).")
    offers: Text = Field(description="What it offers, in a sentence or two.")
    topics: list[Slug] = Field(min_length=1, description="Ids from `topics` above.")
    note: Text | None = Field(None, description="Anything a reader should know before following the link.")


class ResourceSection(Strict):
    id: Slug
    title: Text = Field(description="The heading the section's cards sit under, e.g. 'Get help now'.")
    intro: Text | None = Field(None, description="A sentence under the heading.")
    resources: list[Slug] = Field(min_length=1, description="Resource ids, in the order shown.")


class ResourcesFile(Strict):
    audiences: dict[str, Text] = Field(description="Audience id -> label shown on cards.")
    topics: dict[str, Text] = Field(description="Topic id -> label shown on cards.")
    sections: list[ResourceSection] = Field(min_length=1, description="How the Resources page groups the cards:"
                                            " every resource in exactly one section.")
    resources: list[Resource] = Field(min_length=1)


# --- data/glossary.yml -----------------------------------------------------------------------------

class GlossaryTerm(Strict):
    id: Slug = Field(description="Stable id: pages link to glossary/#ID.")
    term: Text = Field(description="The word or phrase, as the guidance uses it.")
    meaning: Text = Field(description="What it means, in plain words, with no facts the leaflet does not give.")


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


# --- data/checklists.yml ------------------------------------------------------------------------

class ChecklistItem(Strict):
    id: Slug = Field(description="Stable id: ticks and notes saved in the browser are keyed by it. Never reuse one.")
    text: Text = Field(description="The item, as a short sentence or question.")
    detail: Text | None = Field(None, description="Optional explanation shown under the item.")
    applies_if: Text | None = Field(None, description="In a checklist of the leaflet's rules, a rule that applies only"
                                                      " in some organisations: what a review may record instead,"
                                                      " e.g. 'We keep no separate work profiles.'")


class Checklist(Strict):
    id: Slug
    title: Text
    intro: Text | None = None
    ordered: bool = Field(False, description="Number the items (for steps that follow an order).")
    rules: bool = Field(False, description="The leaflet's own actions or tips: a review never marks one 'Does not"
                                           " apply' (unless the item says when it applies, with applies_if).")
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _applies_if_only_for_rules(self):
        for item in self.items:
            if item.applies_if and not self.rules:
                raise ValueError(f"item '{item.id}' has applies_if, which only a checklist of the leaflet's rules"
                                 " (rules: true) uses: remove it, as any other item may be marked 'Does not apply'")
        return self


class ChecklistsFile(Strict):
    checklists: list[Checklist] = Field(min_length=1)


# --- data/statistics.yml ------------------------------------------------------------------------

class StatisticSource(Strict):
    id: Slug
    title: Text = Field(description="The survey's own title, e.g. This is me.")
    survey: Text = Field(description="What kind of survey it was.")
    place: Text
    year: int = Field(ge=1900, le=2100)
    respondents: Text = Field(description="Who answered it.")


class Statistic(Strict):
    id: Slug
    percent: int = Field(ge=0, le=100, description="The figure, as a whole percentage.")
    group: Text = Field(description="Who the figure is about, e.g. girls.")
    finding: Text = Field(description="What they reported, continuing 'N% of GROUP ...'.")
    source: Slug = Field(description="An id from `sources` above.")


class StatisticsFile(Strict):
    sources: list[StatisticSource] = Field(min_length=1)
    statistics: list[Statistic] = Field(min_length=1)


# --- data/publication.yml -----------------------------------------------------------------------

class Leaflet(Strict):
    title: Text
    publisher: Text = Field(description="Copyright holder, in full.")
    year: int = Field(ge=1900, le=2100)


class Licence(Strict):
    name: Text
    short_name: Text
    url: WebUrl


class Publisher(Strict):
    name: Text
    short_name: Text
    address: list[Text] = Field(min_length=1)
    phone: Phone
    email: Email
    website: WebUrl
    charity_number: Annotated[str, Field(pattern=r"^[0-9]+$", description="Quote it so it stays text.")]
    company_number: Annotated[str, Field(pattern=r"^[0-9]+$", description="Quote it so it stays text.")]
    registered_in: Text


class InformationSheets(Strict):
    url: WebUrl
    titles: list[Text] = Field(min_length=1)


class Newsletter(Strict):
    url: WebUrl


class Updates(Strict):
    information_sheets: InformationSheets
    newsletter: Newsletter


class Publication(Strict):
    site_name: Text
    leaflet: Leaflet
    licence: Licence
    changes: list[Text] = Field(min_length=1, description="What this adaptation changed from the leaflet.")
    publisher: Publisher
    updates: Updates


# --- data/guidelines.yml: what every organisation's own guidelines hold ----------------------------

Since = Annotated[int, Field(ge=1, description="The version of the worksheet's saved file that first had it"
                                               " (GUIDELINES_FORMAT_VERSION in browser_contract.py); 1 if left out.")]


class GuidelineRule(Strict):
    """One of the leaflet's rules: the floor of every organisation's guidelines, never a choice."""
    id: Slug = Field(description="Stable id: an organisation's answer to the follow-up is keyed by it. Never change"
                                 " or reuse one.")
    title: Text = Field(description="A short heading, e.g. 'Instant messaging'.")
    tip: Slug | None = Field(None, description="The id of the item in data/checklists.yml whose words are the rule"
                                               " (so the rule is written once). Or give `text`.")
    text: Text | None = Field(None, description="The rule's words, for a rule that no checklist item holds.")
    follow_up: Text | None = Field(None, description="A question on how the organisation puts the rule into practice.")
    since: Since = 1

    @model_validator(mode="after")
    def _words_once(self):
        if bool(self.tip) == bool(self.text):
            raise ValueError("give either 'tip' (the id of a tip in data/checklists.yml whose words the rule shows)"
                             " or 'text' (the rule's own words), not both or neither")
        return self


class GuidelineStance(Strict):
    id: Slug = Field(description="Stable id: an organisation's choice names it in org/data/our-guidelines.yml.")
    text: Text = Field(description="The stance, written as a rule a group could adopt, for whom the leaflet gives it.")


class GuidelineTopic(Strict):
    id: Slug = Field(description="Stable id: organisations' choices are keyed by it. Never change or reuse one.")
    title: Text = Field(description="A short heading, e.g. 'Online ground rules'.")
    question: Text = Field(description="The question the organisation has to answer.")
    why: Text | None = Field(None, description="Why it matters, in a sentence or two: only the reason the leaflet"
                                               " gives.")
    stances: list[GuidelineStance] = Field([], description="Example stances from the leaflet to choose from.")
    follow_up: Text | None = Field(None, description="A second question to answer once the stance is chosen.")
    since: Since = 1


class GuidelinesFile(Strict):
    rules: list[GuidelineRule] = Field(min_length=1, description="The leaflet's rules and tips: the floor of every"
                                                                 " organisation's guidelines.")
    topics: list[GuidelineTopic] = Field(min_length=1, description="The questions the leaflet leaves to each"
                                                                   " organisation.")

    def entry(self, entry_id: str) -> GuidelineRule | GuidelineTopic | None:
        """The rule or topic with this id (organisations' answers to both are keyed by id)."""
        return next((entry for entry in [*self.rules, *self.topics] if entry.id == entry_id), None)


# --- data/accepted-links.yml: addresses a person has checked by hand (the link check reads it) --

ACCEPTANCE_MAX_DAYS = 366  # an acceptance lasts a year at most; then the address is checked afresh


class AcceptedLink(Strict):
    url: WebUrl = Field(description="The address exactly as the link check report gives it.")
    checked: Text = Field(description="What you checked, e.g. 'Opened it in a browser: it is still the"
                                      " NSPCC's advice on sexting.'")
    by: Text = Field(description="Who checked it: a name or a role.")
    checked_on: date = Field(description="The day it was checked, written YYYY-MM-DD.")
    until: date = Field(description="The last day the acceptance holds, YYYY-MM-DD, at most a year after"
                                    " checked_on. After it the address is checked afresh.")

    @field_validator("until")
    @classmethod
    def _within_a_year(cls, until: date, info: ValidationInfo) -> date:
        checked_on = info.data.get("checked_on")
        if isinstance(checked_on, date):
            if until < checked_on:
                raise ValueError(f"is before checked_on ({checked_on.isoformat()}): write the last day the"
                                 " acceptance should hold, after the day it was checked")
            if (until - checked_on).days > ACCEPTANCE_MAX_DAYS:
                raise ValueError(f"is more than a year after checked_on ({checked_on.isoformat()}): write a"
                                 " date within a year, so the address is looked at again")
        return until


class AcceptedLinksFile(Strict):
    accepted: list[AcceptedLink] = Field([], description="One entry per address that a person has checked"
                                                         " still leads where the card says.")

    @field_validator("accepted", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return [] if value is None else value  # `accepted:` with every entry removed (or commented out)


# --- an organisation's overlay: org/data/organisation.yml and org/data/our-guidelines.yml ------

Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="A colour written #rrggbb, dark enough"
                              " for white text on it (contrast 4.5:1 or more)."), COLOUR.validator,
                   AfterValidator(str.lower), COLOUR]
DocsPath = Annotated[str, Field(pattern=PATH_PATTERN, description="A path inside org/docs/, e.g. assets/logo.svg."),
                     PATH.validator, PATH]


class Colours(Strict):
    primary: Colour = Field(description="Header background and link colour.")
    accent: Colour | None = Field(None, description="Colour of links you point at; the primary colour if not set.")


class ContactDetails(Strict):
    address: list[Text] = Field([], description="One line per item.")
    phone: Phone | None = None
    email: Email | None = None
    website: WebUrl | None = None


class SafeguardingLead(Strict):
    name: Text
    role: Text = Field(description="Their role, e.g. Designated safeguarding lead.")
    phone: Phone | None = None
    email: Email | None = None


class Organisation(Strict):
    name: Text = Field(description="The organisation's name in full.")
    short_name: Text | None = Field(None, description="A shorter name for the menu; the full name if not set.")
    copyright: Text = Field(description="The copyright line for your own pages and guidelines, shown in every"
                                        " footer above the credit to the leaflet.")
    logo: DocsPath | None = Field(None, description="Logo image inside org/docs/, e.g. assets/logo.svg.")
    colours: Colours | None = None
    contact: ContactDetails | None = None
    safeguarding_lead: SafeguardingLead
    pages: list[DocsPath] = Field([], description="Your own pages in org/docs/, in menu order. Pages not listed"
                                                  " follow in file-name order.")


class GuidelineChoice(Strict):
    stance: Slug | None = Field(None, description="The id of one of the topic's example stances.")
    wording: Text | None = Field(None, description="Your own wording, instead of an example stance.")
    follow_up: Text | None = Field(None, description="Your answer to the topic's (or the rule's) follow-up question.")

    @model_validator(mode="after")
    def _one_stance(self):
        if self.stance and self.wording:
            raise ValueError("give either 'stance' (one of the example stances) or 'wording' (your own words),"
                             " not both")
        return self


class GuidelinesLead(Strict):
    """The safeguarding lead as typed on the Guidelines worksheet, where a group has no copy of the site. On a
    copy, the lead in org/data/organisation.yml is the one its pages show."""
    name: Text
    role: Text | None = Field(None, description="Their role, e.g. Designated safeguarding lead.")
    phone: Text | None = Field(None, description="Their phone number, as written on the worksheet.")
    email: Text | None = Field(None, description="Their email address, as written on the worksheet.")


class OurGuidelinesFile(Strict):
    group: Text | None = Field(None, description="Your group's name as the Guidelines worksheet wrote it. Your"
                                                 " site shows the name in organisation.yml.")
    agreed_by: Text | None = Field(None, description="Who agreed these guidelines: a name, e.g. 'Jo Patel' (or"
                                                     " 'our trustees').")
    agreed_role: Text | None = Field(None, description="The role of whoever agreed them, e.g. 'chair of trustees'.")
    agreed_on: date | None = Field(None, description="The day they were agreed, written YYYY-MM-DD.")
    review_on: date | None = Field(None, description="The day of their next review, written YYYY-MM-DD. Leave it"
                                                     " out for a year after agreed_on.")
    agreed: Text | None = Field(None, description="Who agreed these guidelines and when, in one phrase, e.g. 'by"
                                                  " our trustees on 4 March 2026'. Or use agreed_by and agreed_on.")
    safeguarding_lead: GuidelinesLead | None = Field(None, description="The safeguarding lead the worksheet was"
                                                     " given. Your copy shows the lead in organisation.yml.")
    choices: dict[str, GuidelineChoice] = Field({}, description="Topic id (from data/guidelines.yml) -> your"
                                                                " choice; rule id -> your answer to its follow-up."
                                                                " Topics left out are shown as 'to decide'.")

    @model_validator(mode="after")
    def _agreed_once(self):
        if self.agreed and (self.agreed_by or self.agreed_role or self.agreed_on):
            raise ValueError("give either 'agreed' (one phrase) or 'agreed_by', 'agreed_role' and 'agreed_on', not"
                             " both")
        return self

    @field_validator("review_on")
    @classmethod
    def _review_after_agreement(cls, review_on: date | None, info: ValidationInfo) -> date | None:
        agreed_on = info.data.get("agreed_on")
        if review_on and isinstance(agreed_on, date) and review_on <= agreed_on:
            raise ValueError(f"is not after agreed_on ({agreed_on.isoformat()}): write the day of the next review,"
                             " after the day they were agreed, or leave it out for a year after agreed_on")
        return review_on


# --- page front matter --------------------------------------------------------------------------

class PageReview(Strict):
    """The review fields every page carries in its front matter."""
    last_reviewed: date
    review_in: Annotated[str, Field(pattern=r"^\s*[1-9][0-9]*\s+(day|week|month|year)s?\s*$")]


DATA_MODELS: dict[str, type[Strict]] = {
    "resources": ResourcesFile,
    "checklists": ChecklistsFile,
    "statistics": StatisticsFile,
    "publication": Publication,
    "guidelines": GuidelinesFile,
    "glossary": GlossaryFile,
    "accepted-links": AcceptedLinksFile,
}

# An organisation's own data files, in org/data/ (see docs/for-organisations.md).
ORG_MODELS: dict[str, type[Strict]] = {
    "organisation": Organisation,
    "our-guidelines": OurGuidelinesFile,
}
