"""Page review dates (after GOV.UK's tech docs): last_reviewed + review_in = review due.

The day after the due date, a page is overdue: the build warns, and the browser marks the page
overdue from the `overdue_from` date written into it, so a page that is not rebuilt still says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from pydantic import ValidationError

from .models import PageReview
from .value_forms import date_problem

PERIOD = re.compile(r"^\s*([1-9][0-9]*)\s+(day|week|month|year)s?\s*$")
# Dates for readers, UK style ("29 November 2026"). The browser writes them with the same settings,
# Intl.DateTimeFormat(DATE_LOCALE, LONG_DATE), which the page contract gives it (browser_contract.py).
DATE_LOCALE = "en-GB"
LONG_DATE = {"day": "numeric", "month": "long", "year": "numeric"}
# A next review, unless someone chooses another day: this long after the guidelines were agreed or the review
# was held (safeguarding_site/due_reviews.py; the browser reads it from the page contract).
NEXT_REVIEW_AFTER_YEARS = 1
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class ReviewError(ValueError):
    """A page's review front matter is missing or malformed; `field` names the field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Review:
    last_reviewed: date
    review_in: str
    due: date
    overdue: bool

    @property
    def overdue_from(self) -> date:
        return overdue_from(self.due)

    @property
    def last_reviewed_text(self) -> str:
        return long_date(self.last_reviewed)

    @property
    def due_text(self) -> str:
        return long_date(self.due)


def long_date(day: date) -> str:
    """UK style: 29 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def overdue_from(due: date) -> date:
    """The first day on which a page whose review was due on `due` counts as overdue."""
    return due + timedelta(days=1)


def add_period(start: date, period: str) -> date:
    """`start` plus a period like '6 months' (a month on from 31 January is the last day of February)."""
    match = PERIOD.match(period)
    if not match:
        raise ReviewError(f"'{period}' is not a period like '6 months', '12 weeks' or '1 year'")
    count, unit = int(match.group(1)), match.group(2)
    return start + relativedelta(**{f"{unit}s": count})


def review_of(meta: dict, today: date) -> Review:
    """The review status of a page from its front matter; ReviewError names the field at fault."""
    fields = {key: meta.get(key) for key in ("last_reviewed", "review_in")}
    try:
        checked = PageReview.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = error["loc"][0]
        if error["type"] == "missing" or fields.get(name) is None:
            example = "last_reviewed: 2026-11-29" if name == "last_reviewed" else "review_in: 12 months"
            raise ReviewError(f"front matter field '{name}' is missing (for example {example})", name) from None
        if name == "last_reviewed":
            raise ReviewError(f"front matter field 'last_reviewed' is {fields[name]!r}, which"
                              f" {date_problem(fields[name], 'last_reviewed')}", name) from None
        raise ReviewError(f"front matter field 'review_in' should be a period like '6 months' or '1 year', "
                          f"not {fields[name]!r}", name) from None
    due = add_period(checked.last_reviewed, checked.review_in)
    return Review(checked.last_reviewed, checked.review_in, due, overdue=today >= overdue_from(due))
