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

from .review import long_date

STATE_VERSION = 1

Status = Literal["ok", "redirected", "transient", "dead"]
# What one run saw, before the two-run rule: "broken" is a 404, 410, unknown host, refused connection,
# TLS failure or redirect loop; it becomes "dead" only when the run before saw "broken" too.
Observed = Literal["ok", "redirected", "transient", "broken", "unchecked"]



@dataclass(frozen=True)
class LinkNotice:
    """What the link check knows about one resource's address, for its card."""

    status: str  # ok | redirected | transient | dead
    last_checked: date
    redirect: str | None = None
    url: str | None = None  # the address that was checked; a notice for an older address is not shown

    @property
    def last_checked_text(self) -> str:
        return long_date(self.last_checked)


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


class LinkState(BaseModel):
    """The whole history file."""

    model_config = ConfigDict(extra="ignore")

    about: str = ("Written by `make linkcheck` (python -m link_monitor); see README, 'Link check'. "
                  "Do not edit by hand; delete the file to start the history afresh.")
    version: Literal[1] = STATE_VERSION
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


def notices_from_state(state: LinkState) -> dict[str, LinkNotice]:
    """A notice per resource id (or data path) whose address the check knows about."""
    notices: dict[str, LinkNotice] = {}
    for url, record in state.links.items():
        notice = LinkNotice(status=record.status, last_checked=record.last_checked,
                            redirect=record.redirect if record.status == "redirected" else None, url=url)
        for source in record.sources:
            # If a resource somehow has two records, the worse one wins (dead before anything else).
            if source not in notices or record.status == "dead":
                notices[source] = notice
    return notices


@dataclass
class LinkNotices:
    """What the site build takes from the history: a notice per resource, when links were last checked,
    and a warning to show when the file could not be used."""

    by_source: dict[str, LinkNotice] = field(default_factory=dict)
    last_checked: date | None = None
    warning: str | None = None


def load_link_notices(path: Path) -> LinkNotices:
    """The notices for the site build. Missing file: none, and no date. Unusable file: none, with a warning."""
    try:
        state = read_state(path)
    except StateFileError as exc:
        return LinkNotices(warning=f"Link check history ignored: {exc}. The site is built without link notices;"
                                  " run `make linkcheck` to write a fresh one, or restore the file from git.")
    return LinkNotices(notices_from_state(state), state.last_run)
