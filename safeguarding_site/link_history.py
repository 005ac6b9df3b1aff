"""The link check's history file (data/linkcheck-state.json): its schema, and the notices it gives cards.

`python -m link_monitor` (make linkcheck) writes the file; the site build only reads it. The schema
lives here, beside the reader, so the writer and the reader cannot drift apart.

For the build, the file is optional and never fatal: when it is missing every card renders without a
notice; when it cannot be read the build is told why (a warning to print) and carries on without
notices (a broken history must not stop the guidance being published).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .models import AcceptedLink
from .review import long_date

STATE_VERSION = 2  # 2 added needs-review, the page fingerprints and acceptances; a version 1 file reads as it is

# needs-review: the address answers, but a person should check it still leads where the card says (it now
# leads to another site, reads as "not found" or as a parked domain, its title or heading changed, or it
# has not been reached in four runs in a row). link_monitor/review.py decides.
Status = Literal["ok", "redirected", "transient", "needs-review", "dead"]
NOTICE_STATUSES = ("dead", "needs-review")  # the statuses a resource card shows a notice for, worst first
# What one run saw, before the two-run rule: "broken" is a 404, 410, unknown host, refused connection,
# TLS failure or redirect loop; it becomes "dead" only when the run before saw "broken" too.
Observed = Literal["ok", "redirected", "transient", "broken", "unchecked"]
# Why an address needs review: another-site (a redirect or a refresh to a different registrable domain),
# not-found (a "page not found" page served as a success, or a forward to a home page), parked (a parked
# or for-sale domain, or a placeholder page), changed (the title or the main heading changed since the
# accepted page, or a document became a web page), blocked (not reached in four runs in a row).
ReviewKind = Literal["another-site", "not-found", "parked", "changed", "blocked"]


@dataclass(frozen=True)
class LinkNotice:
    """What the link check knows about one resource's address, for its card."""

    status: str  # ok | redirected | transient | needs-review | dead
    last_checked: date
    redirect: str | None = None
    url: str | None = None  # the address that was checked; a notice for an older address is not shown
    accepted_on: date | None = None  # the acceptance (its checked_on) the run that wrote this took into account

    @property
    def last_checked_text(self) -> str:
        return long_date(self.last_checked)


class PageFingerprint(BaseModel):
    """What a resource's page said when it was read: enough to notice it became another page."""

    model_config = ConfigDict(extra="ignore")

    title: str | None = None
    heading: str | None = None  # the first <h1>
    site: str | None = None  # the registrable domain it was read on, e.g. nspcc.org.uk
    type: str | None = None  # what came back: "text/html", "application/pdf"...
    read_on: date
    accepted_on: date | None = None  # set when a person's acceptance (checked_on) made this the baseline


class ReviewReason(BaseModel):
    """One reason a person should look at an address, with what was and what is now."""

    model_config = ConfigDict(extra="ignore")

    kind: ReviewKind
    detail: str  # one plain sentence for the report
    was: str | None = None  # e.g. the old title, or the site the address belongs to
    now: str | None = None  # e.g. the new title, or the address a redirect now ends at


class LinkRecord(BaseModel):
    """Everything the link check remembers about one web address."""

    model_config = ConfigDict(extra="ignore")

    sources: list[str] = Field(default_factory=list)  # resource ids or data paths (publication.licence)
    pages: list[str] = Field(default_factory=list)  # pages that link to it (docs/about.md)
    status: Status
    observed: Observed
    http_code: int | None = None
    error: str | None = None
    redirect: str | None = None  # the final address, when the site forwards this one
    redirect_codes: list[int] = Field(default_factory=list)  # 301/308 are for good; 302/303/307 for now
    since: date  # the day the current status began
    first_failed: date | None = None  # first run of the current run of failures
    last_checked: date
    failing_runs: int = 0  # consecutive runs that did not reach the page (transient or broken)
    broken_runs: int = 0  # consecutive runs that saw it broken; 2 or more means dead
    note: str | None = None  # e.g. "answered when fetched again after its Retry-After of 5 s"
    review: list[ReviewReason] = Field(default_factory=list)  # why it needs review (or would, when accepted)
    accepted_until: date | None = None  # a person's acceptance in force this run (data/accepted-links.yml)
    accepted_by: str | None = None
    accepted_check: str | None = None  # what that person checked, in their words
    accepted_on: date | None = None  # that acceptance's checked_on
    accepted_site: str | None = None  # the other site the address led to when the acceptance began
    page: PageFingerprint | None = None  # the page as last read
    baseline: PageFingerprint | None = None  # the page as first read, or as read after the last acceptance


class LinkState(BaseModel):
    """The whole history file."""

    model_config = ConfigDict(extra="ignore")

    about: str = ("Written by `make linkcheck` (python -m link_monitor); see README, 'Link check'. "
                  "Do not edit by hand; delete the file to start the history afresh.")
    version: Literal[1, 2] = STATE_VERSION
    last_run: date | None = None
    links: dict[str, LinkRecord] = Field(default_factory=dict)


class StateFileError(ValueError):
    """The history file exists but cannot be used."""


def read_state(path: Path) -> LinkState:
    """The history in `path`; an empty one when there is no file. Raises StateFileError, naming the file."""
    path = Path(path)
    if not path.exists():
        return LinkState()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StateFileError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise StateFileError(f"{path}: is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise StateFileError(f"{path}, line {exc.lineno}: is not valid JSON ({exc.msg})") from None
    try:
        return LinkState.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise StateFileError(f"{path}: {where}: {first['msg']}{more}") from None


def _rank(status: str) -> int:
    return NOTICE_STATUSES.index(status) if status in NOTICE_STATUSES else len(NOTICE_STATUSES)


def notices_from_state(state: LinkState) -> dict[str, LinkNotice]:
    """A notice per resource id (or data path) whose address the check knows about."""
    notices: dict[str, LinkNotice] = {}
    for url, record in state.links.items():
        notice = LinkNotice(status=record.status, last_checked=record.last_checked,
                            redirect=record.redirect if record.status == "redirected" else None, url=url,
                            accepted_on=record.accepted_on)
        for source in record.sources:
            # If a resource somehow has two records, the worse one wins (dead, then needs-review, then the rest).
            if source not in notices or _rank(record.status) < _rank(notices[source].status):
                notices[source] = notice
    return notices


@dataclass
class LinkNotices:
    """What the site build takes from the history: a notice per resource, when links were last checked,
    and a warning to show when the file could not be used."""

    by_source: dict[str, LinkNotice] = field(default_factory=dict)
    last_checked: date | None = None
    warning: str | None = None

    def cleared_by(self, accepted: list[AcceptedLink], today: date) -> LinkNotices:
        """Without the needs-review notices a person has cleared since the last check: an address accepted
        in data/accepted-links.yml, in force today, that the last check did not yet know of. (An acceptance
        the check knew of and still found wanting, such as a page that changed again, keeps its notice; a
        dead address always keeps its notice.)"""
        cleared = {entry.url: entry.checked_on for entry in accepted if entry.checked_on <= today <= entry.until}
        kept = {source: notice for source, notice in self.by_source.items()
                if not (notice.status == "needs-review" and notice.url in cleared
                        and notice.accepted_on != cleared[notice.url])}
        return LinkNotices(kept, self.last_checked, self.warning)


def load_link_notices(path: Path) -> LinkNotices:
    """The notices for the site build. Missing file: none, and no date. Unusable file: none, with a warning."""
    try:
        state = read_state(path)
    except StateFileError as exc:
        return LinkNotices(warning=f"Link check history ignored: {exc}. The site is built without link notices;"
                                  " run `make linkcheck` to write a fresh one, or restore the file from git.")
    return LinkNotices(notices_from_state(state), state.last_run)
