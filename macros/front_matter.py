"""Explain front matter that MkDocs could not read.

MkDocs quietly ignores front matter that is not valid YAML (an unclosed bracket, a date like
2026-13-45), so the page would seem to have no title, description or review date at all. This
finds the reason, so the build can say what is wrong and where.
"""
from __future__ import annotations

import re

import yaml

BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:-{3}|\.{3})[ \t]*(?:\n|\Z)", re.S)


def front_matter_problem(markdown: str) -> str | None:
    """Why the front matter at the top of `markdown` cannot be read, or None when there is nothing wrong."""
    match = BLOCK.match(markdown)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" on line {mark.line + 2}" if mark else ""
        return (f"the front matter between the --- lines is not valid YAML{where}: "
                f"{exc.problem or exc.context} (check brackets, colons and quotes)")
    except (yaml.YAMLError, ValueError) as exc:  # e.g. a date that does not exist: 2026-13-45
        return f"the front matter between the --- lines cannot be read: {exc} (dates are written YYYY-MM-DD)"
    if not isinstance(data, dict):
        return "the front matter between the --- lines should be 'name: value' lines"
    return None
