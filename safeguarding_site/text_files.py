"""Read a text file a person edited (data, settings, a page) as UTF-8, or say how to save it as UTF-8.

A file saved by an older Windows program is often Windows-1252 ("ANSI"): its '£', 'é' or curly quotes
are single bytes that UTF-8 cannot read. The message names the first such character, its line, and
how to save the file again as UTF-8.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import DataError

HOW_TO_SAVE = ("save it again as UTF-8: in Notepad, choose File, Save as, and set Encoding to UTF-8; in"
               " another editor, look for 'Encoding' or 'Save with encoding' and choose UTF-8")


def encoding_problem(raw: bytes) -> tuple[int | None, str] | None:
    """(line, message) when `raw` is not UTF-8 text; None when it is."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return 1, f"the file is saved as UTF-16 (\"Unicode\"), not UTF-8: {HOW_TO_SAVE}"
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        position = exc.start
    line = raw.count(b"\n", 0, position) + 1
    start = raw.rfind(b"\n", 0, position) + 1
    end = raw.find(b"\n", position)
    text_line = raw[start:end if end != -1 else len(raw)]
    try:
        shown = text_line.decode("cp1252").strip()
        character = raw[position:position + 1].decode("cp1252")
        return line, (f"the file is not saved as UTF-8 (it looks like Windows-1252, also called ANSI): this line has"
                      f" '{character}' in \"{shorten(shown)}\", which UTF-8 cannot read. {HOW_TO_SAVE[0].upper()}"
                      f"{HOW_TO_SAVE[1:]}")
    except UnicodeDecodeError:
        return line, f"the file is not saved as UTF-8 (this line has a byte UTF-8 cannot read): {HOW_TO_SAVE}"


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def read_text(path: Path, label: str) -> str:
    """The file's text (a leading byte-order mark dropped); a DataError naming the file and line when it is
    missing or not UTF-8."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataError(label, "the file is missing") from None
    except IsADirectoryError:
        raise DataError(label, "this is a folder, not a file") from None
    problem = encoding_problem(raw)
    if problem:
        line, message = problem
        raise DataError(label, message, line=line)
    return raw.decode("utf-8").removeprefix("\ufeff")
