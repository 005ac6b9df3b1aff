"""What must not be published from an organisation's overlay: the starter's placeholders, and the
example organisation's details.

`make org` writes an overlay full of "FILL IN: ..." placeholders, and the example organisation
(examples/riverside-youth-club) is made up: its name, its people, its phone numbers, its address and
its example.org addresses reach nobody. A copy that still holds any of them would send a worried
volunteer to a person who does not exist, so the build stops and names each one (file, line, field).
The example itself, built in place (mkdocs.example.yml), is the one overlay these checks leave alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import DataError
from .yaml_source import YamlSource, strings

PLACEHOLDER = "FILL IN"
# Domains kept for examples (RFC 2606 and RFC 6761): an address there reaches nobody.
EXAMPLE_DOMAIN = re.compile(r"(?<![\w-])(?:[\w-]+\.)*(?:example\.(?:org|com|net)|[\w-]+\.example)(?![\w-])",
                            re.IGNORECASE)
EXAMPLE_DIR = Path("examples") / "riverside-youth-club" / "org"


@dataclass(frozen=True)
class ExampleDetail:
    text: str
    what: str  # e.g. "safeguarding lead's name"

    @property
    def pattern(self) -> re.Pattern:
        """The detail however it is spaced or capitalised; a phone number also with its digits grouped
        another way or written from abroad (+44 191 498 0123)."""
        digits = re.sub(r"\D", "", self.text)
        if "phone" in self.what and len(digits) >= 6:
            national = digits[1:] if digits.startswith("0") else digits
            return re.compile(r"(?<![\d+])(?:0|\+44[\s.-]*(?:\(0\)[\s.-]*)?)" + r"[\s.()-]*".join(national)
                              + r"(?!\d)")
        return re.compile(r"(?<![\w])" + r"\s+".join(map(re.escape, self.text.split())) + r"(?![\w])", re.IGNORECASE)

    def found_in(self, text: str) -> str | None:
        match = self.pattern.search(text)
        return match.group(0) if match else None


def example_details(example: dict[str, Any] | None, guidelines: dict[str, Any] | None = None) -> list[ExampleDetail]:
    """The example organisation's own details, from its org/data/organisation.yml (and who agreed its guidelines,
    from its our-guidelines.yml): the strings whose presence in a fork means it was copied and not finished."""
    if not isinstance(example, dict):
        return []
    found: list[ExampleDetail] = []

    def add(value, what):
        if isinstance(value, str) and value.strip():
            found.append(ExampleDetail(value.strip(), what))

    add(example.get("name"), "name")
    add(example.get("short_name"), "name")
    contact = example.get("contact") or {}
    address = contact.get("address") or []
    for line in address[:-1]:  # the last line is the town, which real organisations share
        add(line, "address")
    add(contact.get("phone"), "phone number")
    add(contact.get("email"), "email address")
    add(contact.get("website"), "website")
    lead = example.get("safeguarding_lead") or {}
    add(lead.get("name"), "safeguarding lead's name")
    add(lead.get("phone"), "safeguarding lead's phone number")
    add(lead.get("email"), "safeguarding lead's email address")
    guidelines = guidelines if isinstance(guidelines, dict) else {}
    add(guidelines.get("agreed"), "date its guidelines were agreed")
    add(guidelines.get("agreed_by"), "name of who agreed its guidelines")
    return sorted(found, key=lambda detail: -len(detail.text))


def text_problem(text: str, details: list[ExampleDetail]) -> str | None:
    """Why this piece of text cannot be published, or None."""
    if PLACEHOLDER in text:
        start = text.index(PLACEHOLDER)
        shown = " ".join(text[start:].split())
        shown = shown if len(shown) <= 90 else shown[:87] + "..."
        return f"still says \"{shown}\": write your own in its place"
    for detail in details:
        found = detail.found_in(text)
        if found:
            return (f"\"{found}\" comes from the made-up example organisation (its {detail.what}): put"
                    " your own in its place")
    domain = EXAMPLE_DOMAIN.search(text)
    if domain:
        return (f"\"{domain.group(0)}\" is an address kept for examples, which reaches nobody: put your own in its"
                " place")
    return None


def _field(loc: tuple) -> tuple[str | None, str]:
    """(entry, field) names for a key path: ('contact', 'address', 0) -> ('address #1', 'contact.address')."""
    names = [str(step) for step in loc if not isinstance(step, int)]
    index = next((step for step in reversed(loc) if isinstance(step, int)), None)
    entry = f"{names[-1]} #{index + 1}" if index is not None and names else None
    return entry, ".".join(names)


def data_problems(source: YamlSource, details: list[ExampleDetail]) -> list[DataError]:
    problems = []
    for loc, text in strings(source.data):
        problem = text_problem(text, details)
        if problem:
            entry, name = _field(loc)
            problems.append(DataError(source.label, problem, entry=entry, field=name or None,
                                      line=source.line_of(loc)))
    return problems


def page_problems(path: Path, label: str, details: list[ExampleDetail]) -> list[DataError]:
    problems = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # the build itself reports a page it cannot read
    for number, line in enumerate(lines, start=1):
        problem = text_problem(line, details)
        if problem:
            problems.append(DataError(label, problem, line=number))
    return problems


def logo_problem(logo: Path, example_logo: Path | None, label: str, line: int | None) -> DataError | None:
    try:
        same = example_logo is not None and logo.read_bytes() == example_logo.read_bytes()
    except OSError:
        return None
    if same:
        return DataError(label, f"'{logo.name}' is the made-up example organisation's logo: put your own picture in"
                                " org/docs/assets/ and give its name here, or remove the line", field="logo",
                         line=line)
    return None


def config_problems(label: str, text: str, values: dict[str, str], details: list[ExampleDetail]) -> list[DataError]:
    """Problems in the overlay's own settings file (mkdocs.org.yml): site_name and site_description."""
    problems = []
    lines = text.splitlines()
    for name, value in values.items():
        problem = text_problem(value or "", details)
        if problem:
            line = next((number for number, line in enumerate(lines, start=1) if line.startswith(f"{name}:")), None)
            problems.append(DataError(label, problem, field=name, line=line))
    return problems
