"""Change one value in a YAML file by editing its text, so that everything else stays as it was written.

A YAML library writes a file back in its own way: comments move, quotes and folded text change, long
lines are wrapped. An address is one value on one line, so `replace_value` changes just those
characters, then reads the file again to prove that the value, and nothing else, changed.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safeguarding_site.errors import DataError
from safeguarding_site.yaml_source import YamlSource, read_yaml, strings

Loc = tuple


@dataclass(frozen=True)
class Place:
    """Where a value is written: the file, the key path to it, its line, and the entry it belongs to."""

    label: str  # data/resources.yml
    loc: Loc  # ("resources", 3, "url")
    line: int
    entry_id: str | None = None  # the id of the entry holding it ("childnet")
    entry_title: str | None = None  # and that entry's title, when it has one

    @property
    def field(self) -> str:
        return ".".join(str(step) for step in self.loc if not isinstance(step, int))


def _entry(data: Any, loc: Loc) -> tuple[str | None, str | None]:
    """The id and title of the innermost entry with an id along `loc`."""
    found: tuple[str | None, str | None] = (None, None)
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            title = data.get("title")
            found = (data["id"], title if isinstance(title, str) else None)
    return found


def places_of(source: YamlSource, value: str) -> list[Place]:
    """Every place in a YAML file whose whole value is `value`."""
    return [Place(source.label, loc, source.line_of(loc) or 0, *_entry(source.data, loc))
            for loc, text in strings(source.data) if text == value]


def _with_value(data: Any, loc: Loc, value: Any) -> Any:
    if not loc:
        return value
    copy = list(data) if isinstance(data, list) else dict(data)
    copy[loc[0]] = _with_value(data[loc[0]], loc[1:], value)
    return copy


def read_text(text: str, like: YamlSource) -> YamlSource:
    """`text` read as the file `like` would be (its label in messages, its path kept)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / like.path.name
        copy.write_text(text, encoding="utf-8", newline="")
        source = read_yaml(copy, like.label)
    source.path = like.path
    return source


class EditRefused(ValueError):
    """The value could not be changed on its own line without changing anything else."""


def replace_value(source: YamlSource, place: Place, old: str, new: str, text: str | None = None) -> str:
    """The file's text with the value at `place` changed from `old` to `new`, all else kept as written.
    Raises EditRefused when the old value is not written once on its line (or the next, for a value
    written under its key), or when the file would read as anything but the same data with that one
    value changed. `text` is the file as it is on disk, line endings and all (default: as read)."""
    lines = (source.text if text is None else text).splitlines(keepends=True)
    for number in (place.line - 1, place.line):
        if 0 <= number < len(lines) and lines[number].count(old) == 1:
            break
    else:
        raise EditRefused(f"{place.label}, line {place.line}: the address is not written there on one line")
    edited = "".join(lines[:number]) + lines[number].replace(old, new) + "".join(lines[number + 1:])
    try:
        reread = read_text(edited, source)
    except DataError as exc:
        raise EditRefused(f"{place.label}, line {place.line}: the changed file would not read back ({exc})") from None
    if reread.data != _with_value(source.data, place.loc, new):
        raise EditRefused(f"{place.label}, line {place.line}: changing the address there would change more than it")
    return edited
