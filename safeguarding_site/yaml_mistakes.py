"""The everyday ways a YAML file goes wrong when a person edits it, each told in words they can act on.

The YAML library's own words ("mapping values are not allowed here", "expected <block end>, but found
'<block mapping start>'") name the grammar, not the mistake. Looking at the line it stopped on and the
lines above it tells which mistake it was:

- a tab at the start of a line: YAML takes only spaces;
- a colon and a space inside a value (`name: Oak Tree: Youth Group`): put the value in quotes;
- a block half taken out of its notes: `# colours:` still a note while the line under it is not, or a
  space left where the '#' was;
- a line indented further, or less far, than the lines of its block;
- a quote or a bracket opened and never closed;
- a value that starts with a character YAML keeps for itself ('@', '`', '%', '&', '*', '!', '|', '>').

And, in a file whose data read well, a block whose lines are all still notes: `colours:` taken out of
its note while `#   primary: "#1b5e20"` under it is not leaves `colours` empty.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

KEY_VALUE = re.compile(r"^(?P<indent>\s*(?:-\s+)?)(?P<key>[^\s:#\"'][^:#]*?):\s+(?P<value>\S.*?)\s*(?:\s#.*)?$")
COMMENTED_KEY = re.compile(r"^(?P<before>\s*)#(?P<after>\s*)(?P<key>[\w-]+):(?:\s|$)")
RESERVED_START = "@`%&*!|>"


def indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _content(lines: list[str], index: int) -> bool:
    text = lines[index].strip()
    return bool(text) and not text.startswith("#")


def _quoted(key: str, value: str) -> str:
    if '"' in value and "'" not in value:
        return f"{key}: '{value}'"
    return f'{key}: "' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def explain(lines: list[str], line: int, problem: str, context: str | None = None,
            context_line: int | None = None) -> tuple[int, str]:
    """(the line to name, what is wrong and what to write) for a YAML syntax error the parser reported on
    1-based `line` (and, for an unclosed quote or bracket, where it was opened: `context_line`)."""
    problem = problem or ""
    context = context or ""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\\t" in problem or "\t" in problem or "\t" in text:
        if text[:len(text) - len(text.lstrip())].count("\t"):
            return line, ("this line starts with a tab, and YAML takes only spaces at the start of a line: replace"
                          " the tab with spaces (two for each step in, lined up with the lines around it)")
        return line, "this line has a tab in it, which YAML cannot read here: put a space in its place"
    if "quoted scalar" in context and context_line:
        opened = lines[context_line - 1] if context_line <= len(lines) else ""
        mark = '"' if '"' in opened else "'"
        return context_line, (f"a quote ({mark}) opens on this line and is never closed: add the closing {mark} at"
                              " the end of the value")
    if ("flow sequence" in context or "flow mapping" in context) and context_line:
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        return context_line, (f"a bracket ({bracket}) opens on this line and is never closed: add the closing"
                              f" {closing}, or, if the value is text that starts with {bracket}, put it in quotes")
    unclosed = _unclosed_quote(lines, line)
    if unclosed:
        number, mark = unclosed
        return number, (f"a quote ({mark}) opens on this line and is never closed: add the closing {mark} at the end"
                        " of the value")
    pair = KEY_VALUE.match(text)
    if "mapping values are not allowed" in problem and pair and ": " in pair["value"] \
            and not pair["value"].startswith(("'", '"')):
        key, value = pair["key"], pair["value"]
        return line, (f"the value of '{key}' has a colon and a space in it, which YAML reads as the start of another"
                      f" field: put the value in quotes, like {_quoted(key, value)}")
    if "cannot start any token" in problem or "found undefined" in problem:
        if pair and pair["value"][:1] in RESERVED_START:
            return line, (f"the value of '{pair['key']}' starts with '{pair['value'][0]}', which YAML keeps for"
                          f" itself: put the value in quotes, like {_quoted(pair['key'], pair['value'])}")
    if any(words in problem for words in ("expected <block end>", "mapping values are not allowed",
                                          "could not find expected ':'", "expected <block mapping start>")):
        told = _indentation(lines, line)
        if told:
            return line, told
    if "could not find expected ':'" in problem or "simple key" in context:
        return line, ("this line has no ':' after a field's name: write it as name: value (a colon, then a"
                      " space), or, if it is the rest of the text above it, put that text in quotes")
    return line, (f"{problem or context or 'the YAML cannot be read'}: check the spaces at the start of the line,"
                  " the colons and the quotes")


def _unclosed_quote(lines: list[str], line: int) -> tuple[int, str] | None:
    """The last line, up to `line`, whose value opens a quote that the line does not close: YAML then reads
    on into the lines below, until some other quote, and stops somewhere else."""
    for index in range(min(line, len(lines)) - 1, -1, -1):
        match = OPENING_QUOTE.match(lines[index])
        if not match:
            continue
        mark, rest = match["mark"], match["rest"]
        closed = re.search(r'(?<!\\)"' if mark == '"' else r"'(?!')", rest)
        swallowed = any(re.match(r"^\s*(?:-\s+)?[\w-]+:(?:\s|$)", lines[after])
                        and indent(lines[after]) <= indent(lines[index]) for after in range(index + 1, line))
        if not closed and swallowed:  # a quote may go on over lines, but not over the next field
            return index + 1, mark
    return None


OPENING_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#"'][^:#]*?:\s+)?(?P<mark>["'])(?P<rest>.*)$""")


def _indentation(lines: list[str], line: int) -> str | None:
    """A line indented further or less far than its block allows: why, in the words of the mistake."""
    index = line - 1
    if index >= len(lines):
        return None
    here = indent(lines[index])
    above = next((i for i in range(index - 1, -1, -1) if _content(lines, i)), None)
    if above is None:
        if here:
            return "the file's first line starts with spaces: take them out, so it starts at the edge"
        return None
    there = indent(lines[above])
    if here > there and not lines[above].rstrip().endswith(":"):
        for i in range(index - 1, above, -1):
            note = COMMENTED_KEY.match(lines[i])
            if note and len(note["before"]) < here:
                return (f"this line is indented under '{note['key']}:' on line {i + 1}, which is still a note (it"
                        f" starts with '#'): take the '#' off line {i + 1} too, or put a '#' back at the start of"
                        " this line")
        if here - there == 1 and there == 0:
            return (f"this line starts with a space, but line {above + 1} above it starts at the edge: take the"
                    " space out (when you remove a '#', remove the space after it too)")
        return (f"this line is indented further than line {above + 1} above it, which does not open a block (a line"
                " that opens one ends with ':'): line them up, with the same spaces at the start")
    levels = _enclosing_levels(lines, index)
    if here not in levels:
        nearest = min(levels, key=lambda level: abs(level - here)) if levels else 0
        if here - nearest == 1 and nearest == 0:
            return ("this line starts with a space, but the lines of its block start at the edge: take the space"
                    " out (when you remove a '#', remove the space after it too)")
        return (f"this line starts with {here} space{'s' if here != 1 else ''}, which lines it up with no block"
                f" above it: line it up with the lines of its block ({nearest} space{'s' if nearest != 1 else ''})")
    return None


def _enclosing_levels(lines: list[str], index: int) -> set[int]:
    """The indentations a line at `index` may have: those of the blocks it could belong to, above it."""
    levels = {0}
    smallest = None
    for i in range(index - 1, -1, -1):
        if not _content(lines, i):
            continue
        level = indent(lines[i])
        if smallest is None or level <= smallest:
            levels.add(level)
            smallest = level
            if lines[i].rstrip().endswith(":") or lines[i].lstrip().startswith("- "):
                levels.add(level + 2)
    return levels


def commented_out_blocks(data: Any, lines_of: dict, text: str) -> Iterator[tuple[tuple, int, str]]:
    """(key path, line, message) for each `key:` left empty while the lines under it are still notes: the
    first half of a block taken out of its notes."""
    lines = text.splitlines()
    for loc, value in _empty_keys(data, ()):
        line = lines_of.get(loc)
        if not line or line > len(lines):
            continue
        key_indent = indent(lines[line - 1])
        notes = []
        for i in range(line, len(lines)):
            note = COMMENTED_KEY.match(lines[i])
            if note and len(note["before"]) + len(note["after"]) > key_indent + 1:
                notes.append(i + 1)
                continue
            if lines[i].strip().startswith("#") and notes:
                continue
            break
        if notes:
            span = f"line {notes[0]}" if len(notes) == 1 else f"lines {notes[0]} to {notes[-1]}"
            yield loc, line, (f"is empty, because the lines under it ({span}) are still notes, starting with '#':"
                              " take the '#' off each of those lines, keeping the spaces that line them up under"
                              f" '{loc[-1]}:', or put a '#' back in front of '{loc[-1]}:'")


def _empty_keys(value: Any, loc: tuple) -> Iterator[tuple[tuple, None]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if inner is None:
                yield loc + (key,), None
            else:
                yield from _empty_keys(inner, loc + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _empty_keys(inner, loc + (index,))
