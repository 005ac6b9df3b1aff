"""An organisation's overlay (docs/for-organisations.md): its own data, checked against the upstream
guideline topics; what must not be published from it; and the menu section for its own pages.

Everything here is plain Python over files: the MkDocs plugin applies the result to a build, and
another engine's adapter could apply it just the same (a generated config and a merged docs folder).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import org_paths, overlay_checks, pictures, raw_html, yaml_mistakes
from .errors import DataError, DataErrors
from .loading import _markup_notices, _read_sources, _validate_all
from .models import ORG_MODELS, GuidelineRule, GuidelinesFile, Organisation, OurGuidelinesFile
from .text_files import read_text
from .yaml_source import YamlSource, read_yaml


@dataclass
class OrganisationData:
    """An organisation's own details and guideline choices, validated against the upstream topics."""

    details: Organisation
    guidelines: OurGuidelinesFile
    docs_dir: Path
    notices: list[str] = field(default_factory=list)
    label_prefix: str = "org"  # the overlay's folder as messages name it
    logo_line: int | None = None  # the line of `logo:` in its organisation.yml

    @property
    def details_label(self) -> str:
        return f"{self.label_prefix}/data/organisation.yml"

    def web_pictures(self) -> tuple[dict, list[DataError]]:
        """Web copies of its logo and pictures, and the problems of those that cannot be made (pictures.py)."""
        return pictures.web_pictures(self.docs_dir, self.label_prefix, self.details.logo,
                                     (self.details_label, self.logo_line))


def _choice_problems(org: OrganisationData, topics: GuidelinesFile, source: YamlSource) -> list[DataError]:
    """Each answer in org/data/our-guidelines.yml against data/guidelines.yml: a topic's stance must be one of
    its examples; a rule takes only the answer to its follow-up (an older file's stance for a rule, from
    before it became a rule, is only a notice: see `rule_notices`)."""
    problems: list[DataError] = []
    known = ", ".join(entry.id for entry in [*topics.topics, *topics.rules])
    for entry_id, choice in org.guidelines.choices.items():
        where = ("choices", entry_id)
        entry = topics.entry(entry_id)
        if entry is None:
            ids = [entry.id for entry in [*topics.topics, *topics.rules]]
            close = difflib.get_close_matches(str(entry_id).lower().replace("_", "-").replace(" ", "-"), ids, n=1)
            instead = f": did you mean '{close[0]}'?" if close else f" ({known})"
            problems.append(DataError(
                source.label, f"'{entry_id}' is not one of the guideline topics or rules in data/guidelines.yml"
                f"{instead}", field=f"choices.{entry_id}", line=source.line_of(where)))
            continue
        if isinstance(entry, GuidelineRule):
            if (choice.wording or choice.follow_up) and not entry.follow_up:
                field = "wording" if choice.wording else "follow_up"
                problems.append(DataError(
                    source.label, f"'{entry_id}' is one of the leaflet's rules, which every organisation's guidelines"
                    " include as they are, and it asks no follow-up question: remove this line",
                    field=f"choices.{entry_id}.{field}", line=source.line_of(where + (field,))))
            continue
        stances = [stance.id for stance in entry.stances]
        if choice.stance and choice.stance not in stances:
            offer = (f"its example stances are {', '.join(stances)}" if stances
                     else "it has no example stances")
            problems.append(DataError(
                source.label, f"'{choice.stance}' is not an example stance of topic '{entry_id}' ({offer});"
                " or write your own with 'wording'", field=f"choices.{entry_id}.stance",
                line=source.line_of(where + ("stance",))))
        if choice.follow_up and not entry.follow_up:
            problems.append(DataError(
                source.label, f"topic '{entry_id}' has no follow-up question; put your text in 'wording'",
                field=f"choices.{entry_id}.follow_up", line=source.line_of(where + ("follow_up",))))
    return problems


def rule_notices(org: OrganisationData, topics: GuidelinesFile, source: YamlSource) -> list[str]:
    """Answers written before a question became one of the leaflet's rules: they still build, and the editor is
    told what to tidy (a stance is no longer needed; own words belong under follow_up)."""
    notices = []
    for entry_id, choice in org.guidelines.choices.items():
        rule = topics.entry(entry_id)
        if not isinstance(rule, GuidelineRule):
            continue
        start = (f"'{entry_id}' is now one of the leaflet's rules, which every organisation's guidelines include"
                 f" (\"{rule.title}\")")
        if choice.stance:
            notices.append(str(DataError(source.label, f"{start}, so it needs no stance: delete this line",
                                         field=f"choices.{entry_id}.stance",
                                         line=source.line_of(("choices", entry_id, "stance")))))
        if choice.wording and rule.follow_up:
            notices.append(str(DataError(
                source.label, f"{start}. Your page shows these words as your answer to \"{rule.follow_up}\"; to"
                " keep them there, rename 'wording:' to 'follow_up:'" + (" and join them to the answer below it"
                                                                       if choice.follow_up else ""),
                field=f"choices.{entry_id}.wording", line=source.line_of(("choices", entry_id, "wording")))))
    return notices


def lead_notices(org: OrganisationData, source: YamlSource, label_prefix: str) -> list[str]:
    """A safeguarding lead saved by the Guidelines worksheet who is not the one in organisation.yml: the pages show
    organisation.yml's, and the editor is told."""
    saved, lead = org.guidelines.safeguarding_lead, org.details.safeguarding_lead
    if saved is None or " ".join(saved.name.split()).lower() == " ".join(lead.name.split()).lower():
        return []
    return [str(DataError(source.label, f"names {saved.name} as the safeguarding lead, but"
                          f" {label_prefix}/data/organisation.yml names {lead.name}. Your pages show {lead.name}:"
                          " change organisation.yml if the lead has changed, or remove this block",
                          field="safeguarding_lead.name", line=source.line_of(("safeguarding_lead", "name"))))]


def _organisation_checks(org: OrganisationData, topics: GuidelinesFile, sources: dict[str, YamlSource],
                         label_prefix: str) -> list[DataError]:
    """What a schema cannot see: ids from data/guidelines.yml, and files that must exist in org/docs/."""
    details_src = sources["organisation"]
    problems = _choice_problems(org, topics, sources["our-guidelines"])
    files = [(("logo",), org.details.logo)] if org.details.logo else []
    files += [(("pages", index), page) for index, page in enumerate(org.details.pages)]
    for loc, path in files:
        entry = f"pages #{loc[1] + 1}" if loc[0] == "pages" else None
        if entry and not path.endswith(".md"):
            problems.append(DataError(details_src.label, f"'{path}' is not a page: page files end in .md",
                                      entry=entry, field=loc[0], line=details_src.line_of(loc)))
            continue
        missing = org_paths.missing_file(org.docs_dir.parent, path, "-" if entry else loc[0], label_prefix)
        if missing:
            problems.append(DataError(details_src.label, missing, entry=entry, field=loc[0],
                                      line=details_src.line_of(loc)))
    for page in markdown_pages(org.docs_dir):
        problems += raw_html.page_problems((org.docs_dir / page).read_text(encoding="utf-8"),
                                           f"{label_prefix}/docs/{page}")
    return problems


def _leftovers(org_dir: Path, sources: dict[str, YamlSource], label_prefix: str, example_dir: Path) -> list[DataError]:
    """Placeholders from `make org`, and details of the made-up example organisation, anywhere in the overlay."""
    problems: list[DataError] = []
    try:
        example = read_yaml(example_dir / "data" / "organisation.yml", overlay_checks.EXAMPLE_DIR.as_posix()
                            + "/data/organisation.yml")
        example_choices = read_yaml(example_dir / "data" / "our-guidelines.yml",
                                    overlay_checks.EXAMPLE_DIR.as_posix() + "/data/our-guidelines.yml")
        details = overlay_checks.example_details(example.data, example_choices.data)
    except DataError as exc:  # the example was removed or broken: nothing to compare a copy of it with
        example, details = None, []
        problems.append(DataError(exc.file, f"{exc.message}. The build compares your files with this made-up"
                                  " example, so that none of its details is ever published: put the project's"
                                  " examples/ folder back as it was (git checkout upstream/main -- examples)",
                                  line=exc.line))
    for source in sources.values():
        problems += overlay_checks.data_problems(source, details)
    raw = sources["organisation"].data
    logo = raw.get("logo") if isinstance(raw, dict) else None
    example_logo = example.data.get("logo") if example is not None and isinstance(example.data, dict) else None
    if isinstance(logo, str) and isinstance(example_logo, str):
        problem = overlay_checks.logo_problem(org_dir / "docs" / logo, example_dir / "docs" / example_logo,
                                              sources["organisation"].label,
                                              sources["organisation"].line_of(("logo",)))
        problems += [problem] if problem else []
    docs = org_dir / "docs"
    for page in markdown_pages(docs):
        problems += overlay_checks.page_problems(docs / page, f"{label_prefix}/docs/{page}", details)
    return problems


def markdown_pages(folder: Path) -> list[str]:
    """Every Markdown page under `folder`, as paths relative to it (skipping hidden files, and the notes for
    people in the pictures' folders)."""
    folder = Path(folder)
    return sorted(relative for path in folder.rglob("*.md")
                  if not any(part.startswith(".") for part in path.relative_to(folder).parts)
                  and not is_note_for_people(relative := path.relative_to(folder).as_posix()))


def is_note_for_people(path: str) -> bool:
    """A README.md in assets/ (the starter's says what goes there, and GitHub shows it under the folder's
    files): a note for whoever uploads pictures, not a page, so it is never built or published."""
    parts = path.split("/")
    return parts[0] == "assets" and parts[-1].lower() == "readme.md"


def unreadable_pages(docs: Path, label_prefix: str) -> list[DataError]:
    """Pages in the overlay that are not saved as UTF-8, each named with its line and how to save it."""
    problems = []
    for page in markdown_pages(docs):
        try:
            read_text(Path(docs) / page, f"{label_prefix}/docs/{page}")
        except DataError as error:
            problems.append(error)
    return problems


LEFTOVERS_WHERE = "your organisation's files"
ORGANISATION_WHERE = "your organisation's details and pages"  # a mistake in them: "Problem in your organisation's..."


def load_organisation(org_dir: Path, topics: GuidelinesFile, label_prefix: str = "org",
                      example_dir: Path | None = None) -> OrganisationData:
    """Read org/data/organisation.yml and org/data/our-guidelines.yml; raise DataErrors like load_site_data.

    With `example_dir` (the example organisation's overlay), anything left from the starter or the
    example is refused first, unless `org_dir` is that very folder (the example built as itself)."""
    org_dir = Path(org_dir)
    sources = _read_sources(org_dir / "data", f"{label_prefix}/data", ORG_MODELS)
    problems = [DataError(source.label, message, field=".".join(map(str, loc)), line=line)
                for source in sources.values()
                for loc, line, message in yaml_mistakes.commented_out_blocks(source.data, source.lines, source.text)]
    problems += unreadable_pages(org_dir / "docs", label_prefix)
    if problems:
        raise DataErrors(problems, where=ORGANISATION_WHERE)
    if example_dir is not None and org_dir.resolve() != Path(example_dir).resolve():
        problems = _leftovers(org_dir, sources, label_prefix, Path(example_dir))
        if problems:
            raise DataErrors(problems, where=LEFTOVERS_WHERE)
    try:
        models = _validate_all(sources, ORG_MODELS)
    except DataErrors as exc:
        exc.where = ORGANISATION_WHERE
        raise
    org = OrganisationData(details=models["organisation"], guidelines=models["our-guidelines"],
                           docs_dir=org_dir / "docs", label_prefix=label_prefix,
                           logo_line=sources["organisation"].line_of(("logo",)))
    problems = _organisation_checks(org, topics, sources, label_prefix)
    if problems:
        raise DataErrors(problems, where=ORGANISATION_WHERE)
    org.notices.extend(rule_notices(org, topics, sources["our-guidelines"]))
    org.notices.extend(lead_notices(org, sources["our-guidelines"], label_prefix))
    for source in sources.values():
        org.notices.extend(_markup_notices(source))
    return org


@dataclass(frozen=True)
class MenuSection:
    """The menu section for an organisation's own pages, straight after Home."""

    title: str
    pages: list[str]  # paths inside the overlay's docs folder, in menu order
    unlisted: list[str]  # own pages its `pages:` list leaves out (they follow, in file-name order)


def menu_section(org: OrganisationData, upstream_docs: Path) -> MenuSection:
    """Listed pages first, then the rest by file name; pages that replace an upstream page keep its place."""
    own = [page for page in markdown_pages(org.docs_dir) if not (Path(upstream_docs) / page).is_file()]
    listed = [page for page in org.details.pages if page in own]
    unlisted = [page for page in own if page not in listed]
    return MenuSection(org.details.short_name or org.details.name, listed + unlisted, unlisted)


def page_title(path: Path) -> str:
    """A page's title as its menu shows it: the front matter's title, else its first heading, else its file name."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    front = re.match(r"\A---\s*\n(.*?)\n---\s*\n", text, re.S)
    if front:
        try:
            meta = yaml.safe_load(front[1])
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
            return meta["title"].strip()
    heading = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.M)
    return heading[1] if heading else Path(path).stem.replace("-", " ").capitalize()


@dataclass(frozen=True)
class OwnPages:
    """What an organisation's copy adds to the guidance, and what it replaces, by title (its About page says so)."""

    added: list[str]
    replaced: list[str]


def own_pages(org: OrganisationData, upstream_docs: Path) -> OwnPages:
    section = menu_section(org, upstream_docs)
    replaced = [page for page in markdown_pages(org.docs_dir) if (Path(upstream_docs) / page).is_file()]
    return OwnPages([page_title(org.docs_dir / page) for page in section.pages],
                    [page_title(Path(upstream_docs) / page) for page in replaced])


def upstream_files(upstream_docs: Path, org_docs: Path) -> list[str]:
    """Upstream files (pages, pictures, scripts) the overlay does not replace: they are built as they are,
    so a fork never copies them and takes their updates."""
    upstream_docs, org_docs = Path(upstream_docs), Path(org_docs)
    found = []
    for path in sorted(upstream_docs.rglob("*")):
        relative = path.relative_to(upstream_docs).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in relative.split("/")) \
                and not (org_docs / relative).exists():
            found.append(relative)
    return found


def settings_leftovers(config_path: Path, values: dict[str, str], org_dir: Path, example_dir: Path) -> list[DataError]:
    """The overlay's settings file (mkdocs.org.yml) must not keep the starter's placeholders or the example's
    name either: its site_name and site_description are checked like the data."""
    if Path(org_dir).resolve() == Path(example_dir).resolve():
        return []
    try:
        example = read_yaml(Path(example_dir) / "data" / "organisation.yml").data
    except DataError:  # no example to compare with: load_organisation says so
        example = None
    config_path = Path(config_path)
    return overlay_checks.config_problems(config_path.name, config_path.read_text(encoding="utf-8"), values,
                                          overlay_checks.example_details(example))
