"""Stylesheets as pages receive them: the rules the built site can use, with no comments or spare space.

`prune` keeps a rule only if one of its selectors could match: every class it names appears in the
built pages or the scripts that run on them (a script may add the class later), and every attribute
value it tests for appears there too. It is how PurgeCSS works, on tinycss2's reading of the CSS, so
a rule is never cut in half. `minify` writes a stylesheet back without comments or spare space.
"""
from __future__ import annotations

import re
from typing import Iterable

import tinycss2

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
ATTRIBUTE_VALUE = re.compile(r"\[\s*[\w-]+\s*[~|^$*]?=\s*[\"']?([^\"'\]\s]+)[\"']?\s*(?:[is]\s*)?\]")
PSEUDO_ARGUMENT = re.compile(r":(?:not|is|where|has)\(")
TOKEN = re.compile(r"[A-Za-z_][\w-]*")
# At-rules whose block holds rules (and so can be pruned inside); all others are kept whole.
GROUPING = {"media", "supports", "layer", "container"}


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


def selector_can_match(selector: str, tokens: set[str]) -> bool:
    # Inside :not(...) a missing class makes a match more likely, not less: judge only what is outside.
    outside = selector
    while PSEUDO_ARGUMENT.search(outside):
        match = PSEUDO_ARGUMENT.search(outside)
        depth, end = 1, match.end()
        while end < len(outside) and depth:
            depth += {"(": 1, ")": -1}.get(outside[end], 0)
            end += 1
        outside = outside[:match.start()] + outside[end:]
    names = CLASS.findall(outside) + ATTRIBUTE_VALUE.findall(outside)
    return all(name in tokens for name in names)


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


def _declarations(content) -> str:
    parts = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            parts.append(f"{item.name}:{_compact(item.value)}{'!important' if item.important else ''}")
        elif item.type == "qualified-rule":  # a nested rule: kept as written
            parts.append(tinycss2.serialize([item]).strip())
    return ";".join(parts)


def _prune_rules(rules, tokens: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [" ".join(s.split()) for s in _split_selectors(tinycss2.serialize(rule.prelude))
                         if selector_can_match(s, tokens)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{_declarations(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                 tokens)
            if inner:
                kept.append(f"@{rule.at_keyword} {_compact(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]).strip())
    return kept


def prune(css: str, tokens: set[str]) -> str:
    """`css` with only the rules a selector of which could match, given the tokens the site uses."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune_rules(rules, tokens))


def minify(css: str) -> str:
    """`css` without comments and with no more space than its meaning needs (strings kept as written)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_prune_rules(rules, _Everything()))


class _Everything(set):
    """A set of tokens that holds every token: pruning with it keeps every rule."""

    def __contains__(self, item) -> bool:
        return True
