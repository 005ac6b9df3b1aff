"""Explain front matter that MkDocs could not read, in the words of the mistake.

MkDocs is quiet about front matter it cannot read: an unclosed bracket, a date like 2026-13-45 or a
closing line typed `--` all leave a page with no title, description or review date, and a missing
opening `---` makes it read the fields as plain text instead. The build would then complain about a
"missing" field, or about a date that looks right. This finds the real reason, and its line.
"""
from __future__ import annotations

import re

import yaml

from .yaml_mistakes import explain

FENCE = "---"
# A line that was meant to be a fence: only dashes (of any kind), dots or similar, at least two.
FENCE_LIKE = re.compile(r"^\s*(?:[-\u2010-\u2015\u2212=_~.]\s*){2,}$")
FIELD = re.compile(r"^(?P<name>[A-Za-z_][\w-]*)\s*:(?:\s|$)")
PAGE_FIELDS = {"title", "description", "last_reviewed", "review_in"}


def _yaml_problem(block: str) -> str | None:
    try:
        data = yaml.safe_load(block or "")
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if not mark:
            return f"the front matter between the --- lines is not valid YAML: {exc.problem or exc.context}"
        line, explained = explain(block.splitlines(), mark.line + 1, exc.problem or "", exc.context,
                                  exc.context_mark.line + 1 if exc.context_mark else None)
        return f"the front matter between the --- lines is not valid YAML on line {line + 1}: {explained}"
    except (yaml.YAMLError, ValueError) as exc:  # e.g. a date that does not exist: 2026-13-45
        return f"the front matter between the --- lines cannot be read: {exc} (dates are written YYYY-MM-DD)"
    if not isinstance(data, dict):
        return "the front matter between the --- lines should be 'name: value' lines"
    return None


def front_matter_problem(source: str) -> str | None:
    """Why the front matter at the top of the page `source` cannot be read, or None when it is fine
    (or when the page has none at all)."""
    lines = source.lstrip("\ufeff").splitlines()
    if not lines:
        return None
    first = lines[0].rstrip()
    if first == FENCE:
        for number, line in enumerate(lines[1:], start=2):
            if line.rstrip() in (FENCE, "..."):
                return _yaml_problem("\n".join(lines[1:number - 1]) + "\n")
            if FENCE_LIKE.match(line):
                return (f"line {number} should close the front matter with exactly three hyphens (---), "
                        f"not {line.strip()!r}")
            if not (FIELD.match(line) or line.startswith((" ", "\t", "#", "-")) or not line.strip()):
                break
        return ("the front matter that starts on line 1 is never closed: add a line of exactly three hyphens"
                " (---) after its last field, before the page's text")
    if FENCE_LIKE.match(first):
        return f"line 1 should open the front matter with exactly three hyphens (---), not {first.strip()!r}"
    field = FIELD.match(first)
    if field and field["name"] in PAGE_FIELDS:
        return (f"the front matter has no opening line: add a line of exactly three hyphens (---) above line 1"
                f" ('{first.strip()[:40]}')")
    return None
