"""Read a YAML file once, and remember where each value came from (its line), with ruamel.yaml.

ruamel.yaml keeps every key's and item's position and refuses a key written twice in one mapping,
so one parse gives the data, the lines for error messages and the duplicate-key check.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import DataError
from .text_files import read_text
from .yaml_mistakes import explain

Loc = tuple  # a key path: ("resources", 0, "url")


class NotADate(str):
    """A value written like a date that is no day on the calendar (2026-02-30): kept as text, so the
    schema refuses it with the file, line, entry and field, instead of the YAML library failing."""


class _Constructor(RoundTripConstructor):
    def construct_not_a_date(self, node: Any, values: Any = None) -> Any:
        try:
            return self.construct_yaml_timestamp(node, values)
        except ValueError:
            return NotADate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_not_a_date)


@dataclass
class YamlSource:
    """The plain data of one YAML file, and the line of each key and list item in it."""

    path: Path
    label: str  # the path as shown to editors, e.g. "data/resources.yml"
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict, repr=False)
    text: str = field(default="", repr=False)

    def line_of(self, loc: Loc) -> int | None:
        """1-based line of the deepest key or item that `loc` reaches."""
        for end in range(len(loc), -1, -1):
            if tuple(loc[:end]) in self.lines:
                return self.lines[tuple(loc[:end])]
        return None

    def line_text(self, line: int | None) -> str:
        """The text of a 1-based line of the file ('' when there is no such line)."""
        lines = self.text.splitlines()
        return lines[line - 1] if line and line <= len(lines) else ""

    def written_value(self, line: int | None) -> str | None:
        """The value on a 1-based line exactly as typed (`phone: 01915559876` gives '01915559876', where YAML
        reads the number 1915559876), without its key, list dash or comment; None for a line with no value."""
        match = WRITTEN_VALUE.match(self.line_text(line))
        return match["value"] if match and match["value"] else None


# `key: value  # comment` or `- value`: the value as typed (a comment starts at ' #', outside quotes).
WRITTEN_VALUE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#"'][^:#]*:\s+)?(?P<value>"[^"]*"|'[^']*'|(?:[^#\s]|\s(?!#)|(?<!\s)#)*?)\s*(?:\s#.*)?$""")


def _plain(node: Any, loc: Loc, lines: dict[Loc, int]) -> Any:
    """ruamel's commented containers and scalar types as plain dicts, lists, str, int and dates, noting lines."""
    if isinstance(node, dict):
        plain = {}
        for key, value in node.items():
            position = node.lc.key(key) if hasattr(node, "lc") else None
            if position:
                lines[loc + (key,)] = position[0] + 1
            plain[str(key) if not isinstance(key, (int, bool)) else key] = _plain(value, loc + (key,), lines)
        return plain
    if isinstance(node, list):
        items = []
        for index, value in enumerate(node):
            position = node.lc.item(index) if hasattr(node, "lc") else None
            if position:
                lines[loc + (index,)] = position[0] + 1
            items.append(_plain(value, loc + (index,), lines))
        return items
    if isinstance(node, (bool, NotADate)) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return datetime.datetime.fromisoformat(node.isoformat())
    if isinstance(node, datetime.date):
        return datetime.date(node.year, node.month, node.day)
    return node


def read_yaml(path: Path, label: str | None = None) -> YamlSource:
    """Parse `path`; a YAML syntax problem or a key written twice becomes a DataError with its line."""
    label = label or str(path)
    text = read_text(path, label)
    try:
        yaml = YAML(typ="rt")
        yaml.Constructor = _Constructor
        loaded = yaml.load(text)
    except DuplicateKeyError as exc:
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "?"
        first = exc.context_mark.line + 1 if exc.context_mark else None
        raise DataError(label, f"the key '{key}' appears twice in the same entry"
                        f"{f' (first on line {first})' if first else ''}; keep only one",
                        line=exc.problem_mark.line + 1 if exc.problem_mark else None, field=key) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, explained = explain(text.splitlines(), mark.line + 1 if mark else 0, exc.problem or "", exc.context,
                                  exc.context_mark.line + 1 if exc.context_mark else None)
        raise DataError(label, f"this is not valid YAML: {explained}", line=line or None) from None
    except YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise DataError(label, f"this is not valid YAML: {exc}") from None
    lines: dict[Loc, int] = {(): 1}
    return YamlSource(path=Path(path), label=label, data=_plain(loaded, (), lines), lines=lines, text=text)


def strings(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(key path, text) for every string in some plain YAML data, depth first."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from strings(inner, loc + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from strings(inner, loc + (index,))
