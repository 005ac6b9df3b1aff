"""Page review dates (after GOV.UK's tech docs): last_reviewed + review_in = review due."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import ValidationError

from .models import PageReview

PERIOD = re.compile(r"^\s*([1-9][0-9]*)\s+(day|week|month|year)s?\s*$")


class ReviewError(ValueError):
    """A page's review front matter is missing or malformed."""


@dataclass(frozen=True)
class Review:
    last_reviewed: date
    review_in: str
    due: date
    overdue: bool

    @property
    def last_reviewed_text(self) -> str:
        return long_date(self.last_reviewed)

    @property
    def due_text(self) -> str:
        return long_date(self.due)


def long_date(day: date) -> str:
    """UK style: 29 November 2026."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def add_period(start: date, period: str) -> date:
    match = PERIOD.match(period)
    if not match:
        raise ReviewError(f"'{period}' is not a period like '6 months', '12 weeks' or '1 year'")
    count, unit = int(match.group(1)), match.group(2)
    if unit == "day":
        return start + timedelta(days=count)
    if unit == "week":
        return start + timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def review_of(meta: dict, today: date) -> Review:
    """The review status of a page from its front matter; ReviewError names the field at fault."""
    fields = {key: meta.get(key) for key in ("last_reviewed", "review_in")}
    try:
        checked = PageReview.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = error["loc"][0]
        if error["type"] == "missing" or fields.get(name) is None:
            raise ReviewError(f"front matter field '{name}' is missing (for example "
                              f"{'last_reviewed: 2026-11-29' if name == 'last_reviewed' else 'review_in: 12 months'})") from None
        if name == "last_reviewed":
            raise ReviewError(f"front matter field 'last_reviewed' should be a date written YYYY-MM-DD, "
                              f"not {fields[name]!r}") from None
        raise ReviewError(f"front matter field 'review_in' should be a period like '6 months' or '1 year', "
                          f"not {fields[name]!r}") from None
    due = add_period(checked.last_reviewed, checked.review_in)
    return Review(checked.last_reviewed, checked.review_in, due, overdue=today > due)
