"""What the browser code is told: one JSON document, written into every page, so that ids, review
statuses and their labels, the saved-file format and how dates are written have one home, here.

The scripts in browser/ read it (browser/contract.js) and never type these rules themselves.
"""
from __future__ import annotations

from .models import SLUG_PATTERN
from .review import DATE_LOCALE, LONG_DATE

REVIEW_FILE_FORMAT = "sgsm-review"  # the "format" field of a saved review file
REVIEW_FORMAT_VERSION = 1  # the newest version of that file this site writes and reads
STORAGE_KEY = "sgsm-review"  # where the browser keeps the review (localStorage)
# A review item's status, in the order the status menu offers them, with the words readers see.
STATUSES = (("not-started", "Not started"), ("in-progress", "In progress"), ("done", "Done"),
            ("not-applicable", "Does not apply"))
# The order of the columns that count items by status on the review page.
COUNT_COLUMNS = ("done", "in-progress", "not-started", "not-applicable")
STATUS_LABELS = dict(STATUSES)


def contract() -> dict:
    """The whole contract, as the page carries it (JSON in <script type="application/json" id="site-contract">)."""
    return {
        "review": {"format": REVIEW_FILE_FORMAT, "version": REVIEW_FORMAT_VERSION, "storageKey": STORAGE_KEY,
                   "statuses": [{"id": status, "label": label} for status, label in STATUSES],
                   "countColumns": list(COUNT_COLUMNS)},
        "idPattern": SLUG_PATTERN,
        "dates": {"locale": DATE_LOCALE, "long": LONG_DATE},
    }


def samples() -> dict:
    """Dates as Python writes them, for the browser code's own tests to match (browser/tests/)."""
    from datetime import date

    from .review import long_date

    days = [date(2026, 1, 1), date(2026, 2, 28), date(2024, 2, 29), date(2026, 12, 1), date(2031, 9, 30)]
    return {"longDates": {day.isoformat(): long_date(day) for day in days}}


if __name__ == "__main__":  # for browser/tests/: python -m safeguarding_site.browser_contract
    import json
    import sys

    json.dump({"contract": contract(), **samples()}, sys.stdout, ensure_ascii=False)
