"""Stylesheets as pages receive them: the rules the built site can use, with no comments or spare space.

`prune` keeps a rule only if one of its selectors could match: every class it names is in a page's
class attributes or in a script that runs on the pages (a script may add the class later), every
element it names is in a page or created by a script, and every attribute value it tests for appears
there too. It is how PurgeCSS works, on tinycss2's reading of the CSS, so a rule is never cut in half.
`drop_unused_properties` then takes out custom properties (`--name: ...`) that no stylesheet reads
with var() and no page or script names, as PurgeCSS's `variables` option does: Material declares an
icon for every feature it has, as inline SVG. `minify` writes a stylesheet back without comments or
spare space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import tinycss2

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTRIBUTE_VALUE = re.compile(r"\[\s*[\w-]+\s*[~|^$*]?=\s*[\"']?([^\"'\]\s]+)[\"']?\s*(?:[is]\s*)?\]")
PSEUDO_ARGUMENT = re.compile(r":(?:not|is|where|has)\(")
TOKEN = re.compile(r"[A-Za-z_][\w-]*")
# At-rules whose block holds rules (and so can be pruned inside); all others are kept whole.
GROUPING = {"media", "supports", "layer", "container"}
# An element named in a selector: an identifier that starts a compound selector (not a class, id,
# pseudo-class or attribute), once attribute tests and strings are taken out.
TYPE = re.compile(r"(?:^|(?<=[\s>+~(,]))([a-zA-Z][\w-]*)")
BRACKETS = re.compile(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'")
VAR = re.compile(r"var\(\s*(--[\w-]+)")


@dataclass(frozen=True)
class Usage:
    """What a built site uses, as far as a selector can tell: class names, words that attribute values
    can hold, and element names (None: any element may be there)."""
    classes: set[str]
    values: set[str]
    tags: set[str] | None = None


def used_tokens(texts: Iterable[str]) -> set[str]:
    """Every word-like token in the pages and scripts: class names, attribute values, strings."""
    found: set[str] = set()
    for text in texts:
        found.update(TOKEN.findall(text))
    return found


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...) or [...])."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts if part.strip()]


def _usage(tokens: set[str] | Usage) -> Usage:
    return tokens if isinstance(tokens, Usage) else Usage(tokens, tokens)


def selector_can_match(selector: str, tokens: set[str] | Usage) -> bool:
    usage = _usage(tokens)
    # Inside :not(...) a missing class makes a match more likely, not less: judge only what is outside.
    outside = selector
    while PSEUDO_ARGUMENT.search(outside):
        match = PSEUDO_ARGUMENT.search(outside)
        depth, end = 1, match.end()
        while end < len(outside) and depth:
            depth += {"(": 1, ")": -1}.get(outside[end], 0)
            end += 1
        outside = outside[:match.start()] + outside[end:]
    if not all(name in usage.classes for name in CLASS.findall(outside)):
        return False
    if not all(value in usage.values for value in ATTRIBUTE_VALUE.findall(outside)):
        return False
    if usage.tags is None:
        return True
    return all(tag.lower() in usage.tags for tag in TYPE.findall(BRACKETS.sub(" ", outside)))


def _compact(tokens) -> str:
    """Component values written back with each run of white space as one space, none at the ends."""
    out = []
    for token in tokens:
        if token.type == "whitespace":
            if out and out[-1] != " ":
                out.append(" ")
        elif token.type != "comment":
            out.append(tinycss2.serialize([token]))
    return "".join(out).strip()


def _declarations(content, drop: set[str] = frozenset()) -> str:
    """A rule's block written back compactly, without the declarations of the properties in `drop`."""
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration" and item.name not in drop:
            parts.append(f"{item.name}:{_compact(item.value)}{'!important' if item.important else ''}")
        elif item.type == "qualified-rule":  # a nested rule: kept as written
            parts.append(tinycss2.serialize([item]).strip())
    return ";".join(parts)


def _prune_rules(rules, usage: Usage, drop: set[str] = frozenset(), without: tuple[str, ...] = ()) -> list:
    """The rules that can match, without the declarations of the properties in `drop` (a rule left
    with nothing in it goes too) and without the selectors that start with one of `without`."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [" ".join(s.split()) for s in _split_selectors(tinycss2.serialize(rule.prelude))
                         if selector_can_match(s, usage) and not s.startswith(without)]
            block = _declarations(rule.content, drop) if selectors else ""
            if block or (selectors and not drop):
                kept.append(f"{','.join(selectors)}{{{block}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                 usage, drop, without)
            if inner:
                kept.append(f"@{rule.at_keyword} {_compact(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]).strip())
    return kept


def prune(css: str, tokens: set[str] | Usage, without: tuple[str, ...] = ()) -> str:
    """`css` with only the rules a selector of which could match, given what the site uses (a set of
    tokens stands for classes and attribute values alike, with any element), less the selectors that
    start with one of `without` (rules left out on purpose)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune_rules(rules, _usage(tokens), without=without))


def declared_properties(css: str) -> set[str]:
    return set(re.findall(r"(?<=[{;])\s*(--[\w-]+)\s*:", css))


def drop_unused_properties(stylesheets: dict[str, str], named: set[str]) -> dict[str, str]:
    """Each stylesheet without the custom properties that none of them reads with var() and that are
    not in `named` (the names a page or script uses: a script may read or set one). Repeated until
    nothing more goes, since a property dropped may have been the only reader of another."""
    sheets = dict(stylesheets)
    while True:
        read = {name for css in sheets.values() for name in VAR.findall(css)}
        unused = {name for css in sheets.values() for name in declared_properties(css)} - read - named
        if not unused:
            return sheets
        sheets = {path: "".join(_prune_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                                             EVERYTHING, unused))
                  for path, css in sheets.items()}


def join(stylesheets: list[str]) -> str:
    """Several stylesheets as one, in order; an @charset is only allowed first, so it is kept only there."""
    charset = re.compile(r'^@charset "[^"]*";')
    parts = [stylesheets[0], *(charset.sub("", css) for css in stylesheets[1:])] if stylesheets else []
    return "".join(parts)


def minify(css: str) -> str:
    """`css` without comments and with no more space than its meaning needs (strings kept as written)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune_rules(rules, EVERYTHING))


class _Everything(set):
    """A set of tokens that holds every token: pruning with it keeps every rule."""

    def __contains__(self, item) -> bool:
        return True


EVERYTHING = Usage(_Everything(), _Everything())  # pruning with it keeps every rule
