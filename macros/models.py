"""The data schema: one pydantic model per YAML file in data/.

Field descriptions become the JSON Schema that editors see as hints
(`python -m macros.schema` writes data/schema/).
"""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$"


def _web_address(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"'{value}' is not a full web address: it must start with http:// or https://")
    host = parts.hostname or ""
    if "." not in host or any(ch.isspace() for ch in value) or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        raise ValueError(f"'{value}' is not a valid web address (check the host name and remove spaces)")
    return value


def _plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="A stable id: lower-case letters, digits and hyphens.")]
WebUrl = Annotated[str, AfterValidator(_web_address), Field(description="A full web address starting with http:// or https://.")]
Text = Annotated[str, AfterValidator(_plain_text), Field(description="Plain text (no HTML).")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- data/resources.yml -------------------------------------------------------------------------

class Resource(Strict):
    id: Slug
    title: Text = Field(description="The resource's name as its publisher gives it.")
    publisher: Text | None = Field(None, description="Who made it, where the leaflet says so.")
    url: WebUrl
    audience: list[Slug] = Field(min_length=1, description="Ids from `audiences` above.")
    offers: Text = Field(description="What it offers, in a sentence or two.")
    topics: list[Slug] = Field(min_length=1, description="Ids from `topics` above.")
    note: Text | None = Field(None, description="Anything a reader should know before following the link.")


class ResourcesFile(Strict):
    audiences: dict[str, Text] = Field(description="Audience id -> label shown on cards.")
    topics: dict[str, Text] = Field(description="Topic id -> label shown on cards.")
    resources: list[Resource] = Field(min_length=1)


# --- data/checklists.yml ------------------------------------------------------------------------

class ChecklistItem(Strict):
    id: Slug = Field(description="Stable id: ticks and notes saved in the browser are keyed by it. Never reuse one.")
    text: Text = Field(description="The item, as a short sentence or question.")
    detail: Text | None = Field(None, description="Optional explanation shown under the item.")


class Checklist(Strict):
    id: Slug
    title: Text
    intro: Text | None = None
    ordered: bool = Field(False, description="Number the items (for steps that follow an order).")
    items: list[ChecklistItem] = Field(min_length=1)


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
    phone: Annotated[str, Field(pattern=r"^[0-9 +()]+$")]
    email: Annotated[str, Field(pattern=EMAIL_PATTERN)]
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
}
