"""Load and check every file in data/, turning schema errors into plain sentences."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterator

from pydantic import ValidationError

from .errors import DataError, DataErrors, MacroCallError
from .field_kinds import FieldAt, FieldKind, field_at
from .models import (
    DATA_MODELS,
    AcceptedLink,
    AcceptedLinksFile,
    Checklist,
    ChecklistItem,
    ChecklistsFile,
    GlossaryFile,
    GuidelineRule,
    GuidelinesFile,
    GuidelineTopic,
    Publication,
    Resource,
    ResourcesFile,
    Statistic,
    StatisticsFile,
    StatisticSource,
)
from .value_forms import date_problem, line, quoted
from .yaml_source import NotADate, YamlSource, read_yaml, strings

MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")

# Pydantic's error types, said plainly.
PLAIN = {
    "missing": "is missing: add it",
    "extra_forbidden": "is not a field this file knows (check the spelling, or remove it)",
    "string_type": "should be text",
    "int_type": "should be a whole number",
    "int_parsing": "should be a whole number",
    "bool_type": "should be true or false",
    "list_type": "should be a list (lines starting with '- ')",
    "dict_type": "should be a set of 'name: value' lines",
    "model_type": "should be a set of 'name: value' lines",
    "model_attributes_type": "should be a set of 'name: value' lines",
    "date_type": "should be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "should be a date written YYYY-MM-DD",
    "too_short": "should not be empty",
    "greater_than_equal": "is too small",
    "less_than_equal": "is too large",
}


@dataclass
class SiteData:
    """Everything in data/, validated and cross-checked."""

    resources_file: ResourcesFile
    checklists_file: ChecklistsFile
    statistics_file: StatisticsFile
    publication: Publication
    guidelines_file: GuidelinesFile
    glossary_file: GlossaryFile
    accepted_links_file: AcceptedLinksFile = field(default_factory=AcceptedLinksFile)
    sources: dict[str, YamlSource] = field(default_factory=dict, repr=False)
    notices: list[str] = field(default_factory=list)

    @property
    def resources(self) -> list[Resource]:
        return self.resources_file.resources

    @property
    def accepted_links(self) -> list[AcceptedLink]:
        return self.accepted_links_file.accepted

    @property
    def checklists(self) -> list[Checklist]:
        return self.checklists_file.checklists

    @property
    def statistics(self) -> list[Statistic]:
        return self.statistics_file.statistics

    def resource(self, resource_id: str) -> Resource:
        return _find(self.resources, resource_id, "resource", "data/resources.yml")

    def checklist(self, checklist_id: str) -> Checklist:
        return _find(self.checklists, checklist_id, "checklist", "data/checklists.yml")

    def statistic(self, statistic_id: str) -> Statistic:
        return _find(self.statistics, statistic_id, "statistic", "data/statistics.yml")

    def topic(self, topic_id: str) -> GuidelineTopic:
        return _find(self.guidelines_file.topics, topic_id, "guideline topic", "data/guidelines.yml")

    def rule_words(self, rule: GuidelineRule) -> str:
        """A rule's words: the tip it names in data/checklists.yml, or its own text."""
        if rule.text:
            return rule.text
        return next(item.text for _, item in self.all_items() if item.id == rule.tip)

    def rules(self) -> list[tuple[GuidelineRule, str]]:
        """The leaflet's rules, the floor of every organisation's guidelines, each with its words."""
        return [(rule, self.rule_words(rule)) for rule in self.guidelines_file.rules]

    def source(self, source_id: str) -> StatisticSource:
        return _find(self.statistics_file.sources, source_id, "statistics source", "data/statistics.yml")

    def all_items(self) -> Iterator[tuple[Checklist, ChecklistItem]]:
        for checklist in self.checklists:
            for item in checklist.items:
                yield checklist, item

    def urls(self) -> Iterator[tuple[str, str]]:
        """(resource id or data path, url) for every web address in the data."""
        for resource in self.resources:
            yield resource.id, resource.url
        pub = self.publication
        yield "publication.licence", pub.licence.url
        yield "publication.publisher.website", pub.publisher.website
        yield "publication.updates.information_sheets", pub.updates.information_sheets.url
        yield "publication.updates.newsletter", pub.updates.newsletter.url


class UnknownId(MacroCallError, LookupError):
    """A macro named an id that is not in the data."""


def _find(entries, wanted, kind, file):
    for entry in entries:
        if entry.id == wanted:
            return entry
    known = ", ".join(entry.id for entry in entries)
    raise UnknownId(f"there is no {kind} with id '{wanted}' in {file} (ids there: {known})")


def _entry_name(data: Any, loc: tuple) -> tuple[str | None, tuple]:
    """Split a pydantic loc into the entry it belongs to and the field path inside it."""
    for i, step in enumerate(loc):
        if isinstance(step, int):
            container = data
            for part in loc[: i + 1]:
                try:
                    container = container[part]
                except (KeyError, IndexError, TypeError):
                    container = None
                    break
            label = f"{loc[i - 1] if i else 'item'} #{step + 1}"
            name = container.get("id", container.get("url")) if isinstance(container, dict) else None
            if isinstance(name, str):  # entries are named by their id (or, with none, their address)
                label = f"'{name}' ({label})"
            return label, loc[i + 1:]
    return None, loc


def _plain(error: dict, at: FieldAt | None = None, written: str | None = None) -> str:
    """One plain sentence for a pydantic error; for a field of a known kind (field_kinds.py), the kind's."""
    kind = error["type"]
    at = at or FieldAt()
    name = _field_name(tuple(error["loc"]))
    if kind == "missing":
        about = f" ({at.description.rstrip('.')})" if at.description else ""
        return f"is missing: add it{about}"
    if kind == "extra_forbidden":
        return _unknown_field(str(error["loc"][-1]), at)
    if at.kind is not None and kind not in STRUCTURE_ERRORS:
        advice = _kind_advice(at.kind, error.get("input"), name, written)
        if advice:
            return advice
    if kind == "string_pattern_mismatch":
        return f"has the wrong form ({error['input']!r})"
    if kind in ("value_error", "assertion_error"):
        return error["msg"].removeprefix("Value error, ")
    if kind == "date_type" and isinstance(error.get("input"), str) and ISO_DATE.fullmatch(error["input"]) \
            and not isinstance(error["input"], NotADate):
        return (f"is in quotes, so it is read as text, not a date: write it without quotes, like"
                f" {error['loc'][-1]}: {error['input']}")
    if kind == "date_type" and isinstance(error.get("input"), NotADate):
        return f"is not a day on the calendar ({error['input']}): check the day and the month, written YYYY-MM-DD"
    if kind in ("date_type", "date_from_datetime_parsing") and "input" in error:
        return date_problem(error["input"], name)
    text = PLAIN.get(kind, error["msg"].lower())
    if kind in ("string_type", "int_type", "bool_type") and "input" in error:
        text += f" (it is {error['input']!r})"
    return text


# Errors about the shape of the data (a list where one value was wanted...): the same for every kind.
STRUCTURE_ERRORS = {"list_type", "dict_type", "model_type", "model_attributes_type", "too_short"}


def _field_name(loc: tuple) -> str:
    """The name to write the line with: the field's own, or '-' for an item of a list."""
    if loc and isinstance(loc[-1], int):
        return "-"
    names = [step for step in loc if isinstance(step, str)]
    return names[-1] if names else ""


def _unknown_field(key: str, at: FieldAt) -> str:
    known = list(at.parent.model_fields) if at.parent is not None else []
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) or \
        [field for field in known if field.replace("_", "") == key.replace("_", "").replace("-", "").lower()]
    if close:
        return f"is not a field this file knows: did you mean '{close[0]}'? (check the spelling, or remove it)"
    listed = f" (it knows {', '.join(known)})" if known else ""
    return f"is not a field this file knows{listed}: check the spelling, or remove it"


def _kind_advice(kind: FieldKind, value: Any, name: str, written: str | None) -> str | None:
    """What to write instead, for a value of `kind` that was refused; None when the kind has nothing to add."""
    if isinstance(value, str):
        return kind.problem(value, name)
    if value is None:
        return (f"is empty: write the {kind.name} after the colon, or delete the line"
                if kind.name != "text" else "is empty: write the text after the colon, or delete the line")
    if isinstance(value, (dict, list)):
        return f"should be one {kind.name}, not {'a list' if isinstance(value, list) else 'a block of lines'}"
    as_written = (written or str(value)).strip()
    unquoted = as_written.strip("\"'")
    problem = kind.problem(unquoted, name)
    if problem:
        return problem
    what = ("true or false" if isinstance(value, bool) else "a date" if isinstance(value, (date, datetime))
            else "a number")
    lost = ", so its first 0 is lost" if isinstance(value, int) and unquoted.startswith("0") else ""
    return (f"is read as {what} ({unquoted if what != 'a number' else value}), not as text{lost}: put it in quotes,"
            f" like {line(name, quoted(unquoted))}")


ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")
COMMENTED_VALUE = re.compile(r"^\s*(?:-\s+)?(?P<key>[\w-]+):\s+(?P<value>#\S*)")


def _read_as_comment(source: YamlSource, line: int | None) -> str | None:
    """The trap of an unquoted colour: `primary: #1b5e20` is read as `primary:` and a comment."""
    match = COMMENTED_VALUE.match(source.line_text(line))
    if not match:
        return None
    return (f"is empty, because YAML reads everything after a '#' as a comment: put the value in quotes, like"
            f" {match['key']}: \"{match['value']}\"")


def _validate(source: YamlSource, model):
    if not isinstance(source.data, dict):
        raise DataErrors([DataError(source.label, "the file should hold 'name: value' lines at the top level"
                                    " (is it empty?)", line=1)])
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            entry, rest = _entry_name(source.data, loc)
            name = ".".join(str(part) for part in (rest if entry else loc)) or None
            line = source.line_of(loc)
            at = field_at(model, loc)
            text = (error.get("input", "") is None and _read_as_comment(source, line)) \
                or _plain(error, at, source.written_value(line) if line and at.kind else None)
            problems.append(DataError(source.label, text, entry=entry, field=name, line=line))
        raise DataErrors(problems) from None


def _duplicates(source: YamlSource, key: str, entries) -> list[DataError]:
    seen: set[str] = set()
    problems = []
    for index, entry in enumerate(entries):
        if entry.id in seen:
            problems.append(DataError(source.label, f"the id '{entry.id}' is used twice; ids must be unique",
                                      entry=f"'{entry.id}' ({key} #{index + 1})", field="id",
                                      line=source.line_of((key, index, "id"))))
        seen.add(entry.id)
    return problems


def _section_problems(source: YamlSource, data: SiteData) -> list[DataError]:
    """Every resource in exactly one section of the Resources page, and every id in a section a resource's."""
    known = {resource.id for resource in data.resources}
    placed: dict[str, str] = {}
    problems = _duplicates(source, "sections", data.resources_file.sections)
    for s_index, section in enumerate(data.resources_file.sections):
        for r_index, resource_id in enumerate(section.resources):
            where = dict(entry=f"'{section.id}' (sections #{s_index + 1})", field="resources",
                         line=source.line_of(("sections", s_index, "resources", r_index)))
            if resource_id not in known:
                problems.append(DataError(source.label, f"'{resource_id}' is not the id of a resource in this file"
                                          f" ({', '.join(sorted(known))})", **where))
            elif resource_id in placed:
                problems.append(DataError(source.label, f"'{resource_id}' is already in section '{placed[resource_id]}';"
                                          " put each resource in one section only", **where))
            placed.setdefault(resource_id, section.id)
    for index, resource in enumerate(data.resources):
        if resource.id not in placed:
            problems.append(DataError(source.label, f"'{resource.id}' is in no section, so the Resources page would not"
                                      " show it: add its id to one section's 'resources'",
                                      entry=f"'{resource.id}' (resources #{index + 1})", field="id",
                                      line=source.line_of(("resources", index, "id"))))
    return problems


def _cross_check(data: SiteData) -> list[DataError]:
    problems: list[DataError] = []
    res_src = data.sources["resources"]
    problems += _duplicates(res_src, "resources", data.resources)
    for index, resource in enumerate(data.resources):
        for name, vocabulary in (("audience", data.resources_file.audiences), ("topics", data.resources_file.topics)):
            for position, value in enumerate(getattr(resource, name)):
                if value not in vocabulary:
                    problems.append(DataError(
                        res_src.label, f"'{value}' is not one of the {'audiences' if name == 'audience' else 'topics'}"
                        f" listed at the top of the file ({', '.join(vocabulary)})",
                        entry=f"'{resource.id}' (resources #{index + 1})", field=name,
                        line=res_src.line_of(("resources", index, name, position))))
    problems += _section_problems(res_src, data)
    problems += _duplicates(data.sources["glossary"], "terms", data.glossary_file.terms)
    check_src = data.sources["checklists"]
    problems += _duplicates(check_src, "checklists", data.checklists)
    seen_items: dict[str, str] = {}
    for c_index, checklist in enumerate(data.checklists):
        for i_index, item in enumerate(checklist.items):
            if item.id in seen_items:
                problems.append(DataError(
                    check_src.label, f"the item id '{item.id}' is already used in checklist '{seen_items[item.id]}';"
                    " item ids must be unique across all checklists",
                    entry=f"'{item.id}' (checklist '{checklist.id}', item #{i_index + 1})", field="id",
                    line=check_src.line_of(("checklists", c_index, "items", i_index, "id"))))
            seen_items[item.id] = checklist.id
    stat_src = data.sources["statistics"]
    problems += _duplicates(stat_src, "sources", data.statistics_file.sources)
    problems += _duplicates(stat_src, "statistics", data.statistics)
    source_ids = {s.id for s in data.statistics_file.sources}
    for index, statistic in enumerate(data.statistics):
        if statistic.source not in source_ids:
            problems.append(DataError(
                stat_src.label, f"'{statistic.source}' is not one of the sources listed in this file"
                f" ({', '.join(sorted(source_ids))})", entry=f"'{statistic.id}' (statistics #{index + 1})",
                field="source", line=stat_src.line_of(("statistics", index, "source"))))
    problems += _repeated_addresses(data.sources["accepted-links"], data.accepted_links)
    problems += _guideline_problems(data.sources["guidelines"], data.guidelines_file, seen_items)
    return problems


def _guideline_problems(source: YamlSource, guidelines: GuidelinesFile, items: dict[str, str]) -> list[DataError]:
    """Rule and topic ids unique across both lists (answers are keyed by them), and each rule's tip a real item."""
    problems: list[DataError] = []
    seen: dict[str, str] = {}
    for key, entries in (("rules", guidelines.rules), ("topics", guidelines.topics)):
        for index, entry in enumerate(entries):
            if entry.id in seen:
                problems.append(DataError(source.label, f"the id '{entry.id}' is already used in {seen[entry.id]};"
                                          " rule and topic ids must be unique, as organisations' answers are keyed by"
                                          " them", entry=f"'{entry.id}' ({key} #{index + 1})", field="id",
                                          line=source.line_of((key, index, "id"))))
            seen.setdefault(entry.id, key)
    for index, rule in enumerate(guidelines.rules):
        if rule.tip and rule.tip not in items:
            tips = [item for item, checklist in items.items() if checklist == "tips"] or list(items)
            problems.append(DataError(source.label, f"'{rule.tip}' is not the id of an item in data/checklists.yml:"
                                      f" write one of {', '.join(tips)}, or give the rule its own 'text'",
                                      entry=f"'{rule.id}' (rules #{index + 1})", field="tip",
                                      line=source.line_of(("rules", index, "tip"))))
    return problems


def _repeated_addresses(source: YamlSource, accepted: list[AcceptedLink]) -> list[DataError]:
    """An address accepted twice: one entry per address, so there is one expiry date to go by."""
    first: dict[str, int] = {}
    problems = []
    for index, entry in enumerate(accepted):
        if entry.url in first:
            problems.append(DataError(
                source.label, f"this address is already accepted in entry #{first[entry.url] + 1}; keep one entry"
                " per address (update its dates instead)", entry=f"'{entry.url}' (accepted #{index + 1})",
                field="url", line=source.line_of(("accepted", index, "url"))))
        first.setdefault(entry.url, index)
    return problems


def read_accepted_links(path: Path, label: str | None = None) -> tuple[YamlSource | None, list[AcceptedLink]]:
    """The file shaped like data/accepted-links.yml at `path` and its entries (no source and no entries when
    it does not exist), with the same plain errors as the rest of the data."""
    path = Path(path)
    if not path.exists():
        return None, []
    try:
        source = read_yaml(path, label or str(path))
    except DataError as error:
        raise DataErrors([error], where=error.file) from None
    try:
        accepted = _validate(source, AcceptedLinksFile).accepted
    except DataErrors as errors:
        raise DataErrors(errors.errors, where=source.label) from None
    problems = _repeated_addresses(source, accepted)
    if problems:
        raise DataErrors(problems, where=source.label)
    return source, accepted


def load_accepted_links(path: Path, label: str | None = None) -> list[AcceptedLink]:
    """The acceptances in one file shaped like data/accepted-links.yml (none when it does not exist)."""
    return read_accepted_links(path, label)[1]


def markup_notices(source: YamlSource) -> list[str]:
    """Strings in one file that look like HTML, each as a notice naming file, line, entry and field."""
    return list(_markup_notices(source))


def _markup_notices(source: YamlSource) -> Iterator[str]:
    """Strings that look like HTML: they are shown as plain text, and the editor is told."""
    for loc, text in strings(source.data):
        if MARKUP.search(text):
            entry, rest = _entry_name(source.data, loc)
            yield str(DataError(source.label, "contains HTML markup; it will be shown as plain text, not run",
                                entry=entry, field=".".join(map(str, rest)) or None, line=source.line_of(loc)))


def _read_sources(folder: Path, label_prefix: str, names) -> dict[str, YamlSource]:
    """Parse `NAME.yml` in `folder` for each NAME; every file that cannot be read in one DataErrors."""
    sources: dict[str, YamlSource] = {}
    problems: list[DataError] = []
    for name in names:
        try:
            sources[name] = read_yaml(Path(folder) / f"{name}.yml", f"{label_prefix}/{name}.yml")
        except DataError as error:
            problems.append(error)
    if problems:
        raise DataErrors(problems)
    return sources


def _validate_all(sources: dict[str, YamlSource], file_models: dict) -> dict[str, Any]:
    """Each source checked against its model; every problem in one DataErrors."""
    models: dict[str, Any] = {}
    problems: list[DataError] = []
    for name, model in file_models.items():
        try:
            models[name] = _validate(sources[name], model)
        except DataErrors as errors:
            problems += errors.errors
    if problems:
        raise DataErrors(problems)
    return models


def _read_all(folder: Path, label_prefix: str, file_models: dict) -> tuple[dict[str, YamlSource], dict[str, Any]]:
    """Read and validate `NAME.yml` in `folder` for each NAME in `file_models`."""
    sources = _read_sources(folder, label_prefix, file_models)
    return sources, _validate_all(sources, file_models)


def load_site_data(data_dir: Path, label_prefix: str = "data") -> SiteData:
    """Read every data file; raise DataErrors naming file, entry and field for anything wrong."""
    sources, models = _read_all(Path(data_dir), label_prefix, DATA_MODELS)
    data = SiteData(resources_file=models["resources"], checklists_file=models["checklists"],
                    statistics_file=models["statistics"], publication=models["publication"],
                    guidelines_file=models["guidelines"], glossary_file=models["glossary"],
                    accepted_links_file=models["accepted-links"], sources=sources)
    problems = _cross_check(data)
    if problems:
        raise DataErrors(problems)
    for source in sources.values():
        data.notices.extend(_markup_notices(source))
    return data
