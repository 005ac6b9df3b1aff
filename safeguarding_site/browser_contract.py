"""What the browser code is told: one JSON document, written into every page, so that ids, review
statuses and their labels, the saved-file format and how dates are written have one home, here.

The scripts in browser/ read it (browser/contract.js) and never type these rules themselves.
"""
from __future__ import annotations

from .models import SLUG_PATTERN
from .review import DATE_LOCALE, LONG_DATE, NEXT_REVIEW_AFTER_YEARS

REVIEW_FILE_FORMAT = "sgsm-review"  # the "format" field of a saved review file
# The newest version of that file this site writes and reads. Version 2 adds, to each item, when it was
# changed, in which browser, and which earlier answer it replaced, so two people's reviews can be combined.
# Version 3 adds the report for trustees (the day of the review, who took part, the next review) and the ids of
# the checklists' items when it was saved, so a file opened later can say which items are new since.
REVIEW_FORMAT_VERSION = 3
STORAGE_KEY = "sgsm-review"  # where the browser keeps the review (localStorage)
DEVICE_KEY = "sgsm-device"  # a random name for this browser, so a combined review knows whose change is whose
GUIDELINES_FILE_FORMAT = "sgsm-guidelines"  # the group's answers on the guidelines worksheet, as saved
# Version 2: the leaflet's rules are the floor of every organisation's guidelines, never a choice; four
# questions of version 1 (channels, copy-colleague, records, instant-messaging) became rules with the same ids,
# whose answers keep only the follow-up. A version 1 file opens, and the page says what is new since.
# Version 3 adds the role of whoever agreed them, the next review date, the safeguarding lead's name and
# contact, and the record of changes since an earlier version.
GUIDELINES_FORMAT_VERSION = 3
GUIDELINES_STORAGE_KEY = "sgsm-guidelines"
# After this many days with changes not saved to a file, the review and the worksheet say so, once.
REMIND_AFTER_DAYS = 7
# Where the browser remembers the reminders a reader hid ("a review is due"): each one for its own review date.
REMINDERS_KEY = "sgsm-reminders"
# A review item's status, in the order the status menu offers them, with the words readers see.
STATUSES = (("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done"),
            ("not-applicable", "Does not apply"))
# The order of the columns that count items by status on the review page.
COUNT_COLUMNS = ("done", "in-progress", "not-started", "not-applicable")
STATUS_LABELS = dict(STATUSES)
# The status a review may not give one of the leaflet's own actions or tips (a checklist with rules: true),
# unless the item says when it applies (applies_if); the page writes it on such items for the scripts.
NOT_APPLICABLE = "not-applicable"


def contract() -> dict:
    """The whole contract, as the page carries it (JSON in <script type="application/json" id="site-contract">)."""
    return {
        "review": {"format": REVIEW_FILE_FORMAT, "version": REVIEW_FORMAT_VERSION, "storageKey": STORAGE_KEY,
                   "statuses": [{"id": status, "label": label} for status, label in STATUSES],
                   "countColumns": list(COUNT_COLUMNS)},
        "guidelines": {"format": GUIDELINES_FILE_FORMAT, "version": GUIDELINES_FORMAT_VERSION,
                       "storageKey": GUIDELINES_STORAGE_KEY},
        "deviceKey": DEVICE_KEY,
        "remindAfterDays": REMIND_AFTER_DAYS,
        "remindersKey": REMINDERS_KEY,
        "nextReviewAfterYears": NEXT_REVIEW_AFTER_YEARS,
        "idPattern": SLUG_PATTERN,
        "dates": {"locale": DATE_LOCALE, "long": LONG_DATE},
    }


def samples() -> dict:
    """Dates as Python writes them, for the browser code's own tests to match (browser/tests/)."""
    from datetime import date

    from .due_reviews import next_review_from
    from .review import long_date

    days = [date(2026, 1, 1), date(2026, 2, 28), date(2024, 2, 29), date(2026, 12, 1), date(2031, 9, 30)]
    return {"longDates": {day.isoformat(): long_date(day) for day in days},
            "nextReviews": {day.isoformat(): next_review_from(day).isoformat() for day in days}}


def worksheet_book() -> dict:
    """What the Guidelines worksheet's script is given on the real site, for the browser code's tests."""
    from pathlib import Path

    from .loading import load_site_data
    from .render import worksheet_book as book

    return book(load_site_data(Path(__file__).resolve().parent.parent / "data"))


if __name__ == "__main__":  # for browser/tests/: python -m safeguarding_site.browser_contract
    import json
    import sys

    json.dump({"contract": contract(), **samples(), "book": worksheet_book()}, sys.stdout, ensure_ascii=False)
