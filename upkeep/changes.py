"""What changed between two commits, in the words of the site rather than of its files.

- pages (docs/*.md): added, removed or changed, named by their title (front matter, else first heading);
- data (data/*.yml), compared entry by entry by id: resources added or removed, or with a new address
  (or other details); checklist items added, removed or reworded; worksheet questions and their
  example stances; glossary terms; figures; any other list of entries with ids;
- an organisation's own files (org/, mkdocs.org.yml), the workflows, and everything else, by kind.

`describe` gathers it; `markdown` says it for a pull request. Text from the files is escaped there.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from link_monitor.markdown import markdown_link, markdown_text

from .gitrepo import Git

# An organisation's own files: we never put anything there, so our updates never touch them.
OWN_FILES = ("org/", "mkdocs.org.yml")
# Files both sides write for themselves: the link check's history is each copy's own record.
EACH_COPYS_OWN = ("data/linkcheck-state.json",)


def organisations_own(path: str) -> bool:
    return path.startswith(OWN_FILES[0]) or path == OWN_FILES[1]


# Entries in the data files: (file, list key) → what one is called, and the fields that name it.
ENTRY_KINDS = {
    ("resources.yml", "resources"): "resource",
    ("resources.yml", "sections"): "section of the Resources page",
    ("checklists.yml", "checklists"): "checklist",
    ("guidelines.yml", "topics"): "worksheet question",
    ("glossary.yml", "terms"): "glossary term",
    ("statistics.yml", "statistics"): "figure",
    ("statistics.yml", "sources"): "survey",
}
NESTED_KINDS = {"items": "item", "stances": "example stance", "rules": "rule"}
NAME_FIELDS = ("title", "term", "text", "question", "finding", "name", "id")
NAMING_FIELDS = {"title", "term", "name"}  # a change here renames an entry
WORDING_FIELDS = {"text", "question", "finding"}  # a change here rewords it
# Everything else, by where it lives: (prefix, plain words).
OTHER_KINDS = (
    ("overrides/", "the site's look (templates)"),
    ("styles/", "the site's look (stylesheets)"),
    ("browser/", "the scripts that run in the reader's browser"),
    ("safeguarding_site/", "how the site is built"),
    ("mkdocs_adapter/", "how the site is built"),
    ("macros/", "how the site is built"),
    ("link_monitor/", "the weekly link check"),
    ("upkeep/", "these pull requests for updates and link fixes"),
    ("tests/", "the tests"),
    ("examples/", "the example organisation and the starter files"),
    ("docs/", "pictures and other files the pages use"),
    ("data/", "other data"),
    ("scripts/", "the tools behind make"),
)


def _md(text: Any) -> str:
    return markdown_text(text)


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def page_title(text: str | None, path: str) -> str:
    """A page's title: its front matter's `title`, else its first heading, else its file name."""
    if text:
        match = FRONT_MATTER.match(text)
        if match:
            try:
                meta = yaml.safe_load(match.group(1))
            except yaml.YAMLError:
                meta = None
            if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
                return meta["title"].strip()
        heading = HEADING.search(text[match.end():] if match else text)
        if heading:
            return heading.group(1)
    return PurePosixPath(path).name


@dataclass
class PageChange:
    how: str  # added | removed | changed | renamed
    path: str
    title: str
    old_title: str | None = None  # when the title itself changed
    old_path: str | None = None  # when renamed
    replaced_by: str | None = None  # the organisation's own page of the same name, which its site shows instead


@dataclass
class EntryChange:
    """An entry of a data file added, removed or changed (with what changed in it)."""

    how: str  # added | removed | changed
    kind: str  # "resource", "checklist"...
    id: str
    name: str
    fields: list[str] = field(default_factory=list)  # for changed: the fields that changed
    old_name: str | None = None  # for changed: its name before
    old_url: str | None = None  # for a resource whose address changed
    new_url: str | None = None
    parts: list["EntryChange"] = field(default_factory=list)  # items of a checklist, stances of a question


@dataclass
class DataFileChange:
    path: str
    how: str  # added | removed | changed
    entries: list[EntryChange] = field(default_factory=list)
    other_fields: list[str] = field(default_factory=list)  # top-level settings that changed
    unreadable: bool = False


@dataclass
class Changes:
    pages: list[PageChange] = field(default_factory=list)
    data: list[DataFileChange] = field(default_factory=list)
    own: list[str] = field(default_factory=list)  # an organisation's own files (org/, mkdocs.org.yml)
    workflows: list[str] = field(default_factory=list)
    other: dict[str, list[str]] = field(default_factory=dict)  # plain words → files

    @property
    def empty(self) -> bool:
        return not (self.pages or self.data or self.own or self.workflows or self.other)

    def counts(self) -> dict[str, int]:
        entries = [entry for change in self.data for entry in change.entries]
        return {"pages": len(self.pages),
                "resources": sum(1 for entry in entries if entry.kind == "resource"),
                "checklists": sum(1 for entry in entries if entry.kind == "checklist"),
                "other data": sum(1 for entry in entries if entry.kind not in ("resource", "checklist")),
                "other files": sum(map(len, self.other.values())) + len(self.workflows)}

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Changes":
        def entry(raw: dict) -> EntryChange:
            return EntryChange(**{**raw, "parts": [entry(part) for part in raw.get("parts", [])]})
        return cls(pages=[PageChange(**page) for page in data.get("pages", [])],
                   data=[DataFileChange(**{**change, "entries": [entry(e) for e in change.get("entries", [])]})
                         for change in data.get("data", [])],
                   own=list(data.get("own", [])), workflows=list(data.get("workflows", [])),
                   other={key: list(value) for key, value in data.get("other", {}).items()})


def _name(entry: dict) -> str:
    for key in NAME_FIELDS:
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return _short(value)
    return "?"


def _by_id(entries: Any) -> dict[str, dict] | None:
    """A list of entries with ids as {id: entry}; None when it is not one."""
    if not isinstance(entries, list) or not entries:
        return None
    if not all(isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in entries):
        return None
    return {entry["id"]: entry for entry in entries}


def compare_entries(kind: str, old: Any, new: Any) -> list[EntryChange] | None:
    """Entries added, removed and changed between two lists of entries with ids (None: not such lists)."""
    before, after = _by_id(old) if old else {}, _by_id(new) if new else {}
    if before is None or after is None:
        return None
    changes = []
    for entry_id, entry in after.items():
        if entry_id not in before:
            changes.append(EntryChange("added", kind, entry_id, _name(entry)))
    for entry_id, entry in before.items():
        if entry_id not in after:
            changes.append(EntryChange("removed", kind, entry_id, _name(entry)))
    for entry_id, entry in after.items():
        was = before.get(entry_id)
        if was is None or was == entry:
            continue
        change = EntryChange("changed", kind, entry_id, _name(entry), old_name=_name(was))
        for key in list(entry) + [key for key in was if key not in entry]:
            if was.get(key) == entry.get(key):
                continue
            nested = compare_entries(NESTED_KINDS.get(key, key.rstrip("s")), was.get(key), entry.get(key)) \
                if key in NESTED_KINDS else None
            if nested:
                change.parts += nested
            else:
                change.fields.append(key)
        if kind == "resource" and "url" in change.fields:
            change.old_url, change.new_url = was.get("url"), entry.get("url")
        changes.append(change)
    return changes


def compare_data_file(path: str, old_text: str | None, new_text: str | None) -> DataFileChange:
    how = "added" if old_text is None else "removed" if new_text is None else "changed"
    change = DataFileChange(path, how)
    try:
        old = yaml.safe_load(old_text) if old_text else {}
        new = yaml.safe_load(new_text) if new_text else {}
    except yaml.YAMLError:
        change.unreadable = True
        return change
    if not isinstance(old, dict) or not isinstance(new, dict):
        change.unreadable = True
        return change
    name = PurePosixPath(path).name
    for key in list(new) + [key for key in old if key not in new]:
        if old.get(key) == new.get(key):
            continue
        kind = ENTRY_KINDS.get((name, key))
        entries = compare_entries(kind or key, old.get(key), new.get(key)) if kind or _by_id(new.get(key)) \
            or _by_id(old.get(key)) else None
        if entries is None:
            change.other_fields.append(key)
        else:
            change.entries += entries
    return change


def describe(git: Git, old: str, new: str) -> Changes:
    """What changed from commit `old` to commit `new`."""
    changes = Changes()
    for status, path, old_path in git.changed_files(old, new):
        if organisations_own(path):
            changes.own.append(path)
        elif path in EACH_COPYS_OWN:
            continue
        elif path.startswith("docs/") and path.endswith(".md"):
            new_text = git.show(new, path) if status != "D" else None
            old_text = git.show(old, old_path or path) if status != "A" else None
            how = {"A": "added", "D": "removed", "R": "renamed"}.get(status, "changed")
            title = page_title(new_text if new_text is not None else old_text, path)
            old_title = page_title(old_text, old_path or path) if old_text is not None and new_text is not None \
                else None
            own = "org/" + path
            changes.pages.append(PageChange(how, path, title, old_title if old_title != title else None, old_path,
                                            own if git.show(new, own) is not None else None))
        elif path.startswith("data/") and path.endswith((".yml", ".yaml")) and "/" not in path[5:]:
            compared = compare_data_file(path, git.show(old, old_path or path) if status != "A" else None,
                                         git.show(new, path) if status != "D" else None)
            changes.data.append(compared)
        elif path.startswith(".github/workflows/"):
            changes.workflows.append(path)
        else:
            words = next((words for prefix, words in OTHER_KINDS if path.startswith(prefix)),
                         "the project's settings and tools")
            changes.other.setdefault(words, []).append(path)
    return changes


# --- in words, for a pull request -----------------------------------------------------------------

def _page_line(page: PageChange) -> str:
    title = f"“{_md(page.title)}”"
    if page.how == "added":
        return f"- New page: {title} (`{_md(page.path)}`)"
    if page.how == "removed":
        return f"- Page removed: {title} (`{_md(page.path)}`)"
    was = f", was “{_md(page.old_title)}”" if page.old_title else ""
    moved = f", moved from `{_md(page.old_path)}`" if page.how == "renamed" and page.old_path else ""
    yours = (f" (your site shows your own `{_md(page.replaced_by)}` instead: compare them, and take what you "
             "want into yours)") if page.replaced_by else ""
    return f"- Changed: {title}{was}{moved}{yours}"


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _entry_lines(entry: EntryChange, indent: str = "") -> list[str]:
    """An entry added, removed or changed, in a line or two (and the entries inside it, below it)."""
    name = f"“{_md(entry.name)}”"
    if entry.how == "added":
        return [f"{indent}- New {entry.kind}: {name}"]
    if entry.how == "removed":
        return [f"{indent}- {_capital(entry.kind)} removed: {name}"]
    lines = []
    if entry.old_url or entry.new_url:
        lines.append(f"{indent}- New address for {name}: {markdown_link(str(entry.old_url))} → "
                     f"{markdown_link(str(entry.new_url))}")
    fields = [field for field in entry.fields if field != "url"]
    renamed = bool(set(fields) & NAMING_FIELDS) and entry.old_name and entry.old_name != entry.name
    reworded = bool(set(fields) & WORDING_FIELDS)
    details = [field.replace("_", " ") for field in fields if field not in NAMING_FIELDS | WORDING_FIELDS]
    if reworded and not details:
        lines.append(f"{indent}- {_capital(entry.kind)} reworded: {name}")
    elif renamed or details or (not lines and not entry.parts):
        said = ([f"renamed from “{_md(entry.old_name)}”"] if renamed else []) + (["reworded"] if reworded else []) \
            + ([f"{'also ' if renamed or reworded else ''}changed: {', '.join(_md(d) for d in details)}"]
               if details else [])
        lines.append(f"{indent}- {_capital(entry.kind)} {name}: {'; '.join(said) or 'changed'}")
    if entry.parts:
        if not lines:
            lines.append(f"{indent}- In the {entry.kind} {name}:")
        for part in entry.parts:
            lines += _entry_lines(part, indent + "  ")
    return lines


SECTIONS = (("resource", "Resources"), ("section of the Resources page", "Resources"),
            ("checklist", "Checklists"), ("worksheet question", "Guidelines worksheet"))


def markdown(changes: Changes) -> list[str]:
    """The changes as Markdown sections, for a pull request's description."""
    lines: list[str] = []
    if changes.pages:
        lines += ["", f"### Pages ({len(changes.pages)})", ""] + [_page_line(page) for page in changes.pages]
    grouped: dict[str, list[str]] = {}
    for file_change in changes.data:
        for entry in file_change.entries:
            heading = next((title for kind, title in SECTIONS if kind == entry.kind), "Other data")
            grouped.setdefault(heading, []).extend(_entry_lines(entry))
        if file_change.unreadable or file_change.other_fields or file_change.how != "changed":
            what = {"added": "new file", "removed": "file removed"}.get(file_change.how, "changed")
            fields = f" ({', '.join(_md(f) for f in file_change.other_fields)})" if file_change.other_fields else ""
            grouped.setdefault("Other data", []).append(f"- `{_md(file_change.path)}`: {what}{fields}")
    for heading in ("Resources", "Checklists", "Guidelines worksheet", "Other data"):
        if heading in grouped:
            lines += ["", f"### {heading}", ""] + grouped[heading]
    if "Guidelines worksheet" in grouped:
        lines += ["", "A new question shows on your “Our guidelines” page as **to decide** until you choose in "
                  "`org/data/our-guidelines.yml`."]
    if changes.workflows or changes.other:
        lines += ["", "### Behind the scenes", ""]
        if changes.workflows:
            names = ", ".join(f"`{_md(PurePosixPath(path).name)}`" for path in changes.workflows)
            lines.append(f"- The workflows, GitHub's automatic steps for your copy: {names}")
        for words, files in changes.other.items():
            lines.append(f"- {words[0].upper() + words[1:]} ({len(files)} file{'s' if len(files) != 1 else ''})")
    if changes.own:
        lines += ["", "### Your own files", "",
                  "Changed on this pull request's branch since your `main` (by a person, not by our update):", ""]
        lines += [f"- `{_md(path)}`" for path in changes.own]
    return lines
