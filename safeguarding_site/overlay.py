"""An organisation's overlay (docs/for-organisations.md): its own data, checked against the upstream
guideline topics; what must not be published from it; and the menu section for its own pages.

Everything here is plain Python over files: the MkDocs plugin applies the result to a build, and
another engine's adapter could apply it just the same (a generated config and a merged docs folder).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import org_paths, overlay_checks, pictures, raw_html, yaml_mistakes
from .errors import DataError, DataErrors
from .loading import _markup_notices, _read_sources, _validate_all
from .models import ORG_MODELS, GuidelinesFile, Organisation, OurGuidelinesFile
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


def _organisation_checks(org: OrganisationData, topics: GuidelinesFile, sources: dict[str, YamlSource],
                         label_prefix: str) -> list[DataError]:
    """What a schema cannot see: ids from data/guidelines.yml, and files that must exist in org/docs/."""
    problems: list[DataError] = []
    details_src, choices_src = sources["organisation"], sources["our-guidelines"]
    known = {topic.id: topic for topic in topics.topics}
    for topic_id, choice in org.guidelines.choices.items():
        where = ("choices", topic_id)
        if topic_id not in known:
            problems.append(DataError(
                choices_src.label, f"'{topic_id}' is not one of the guideline topics in data/guidelines.yml"
                f" ({', '.join(known)})", field=f"choices.{topic_id}", line=choices_src.line_of(where)))
            continue
        stances = [stance.id for stance in known[topic_id].stances]
        if choice.stance and choice.stance not in stances:
            offer = (f"its example stances are {', '.join(stances)}" if stances
                     else "it has no example stances")
            problems.append(DataError(
                choices_src.label, f"'{choice.stance}' is not an example stance of topic '{topic_id}' ({offer});"
                " or write your own with 'wording'", field=f"choices.{topic_id}.stance",
                line=choices_src.line_of(where + ("stance",))))
        if choice.follow_up and not known[topic_id].follow_up:
            problems.append(DataError(
                choices_src.label, f"topic '{topic_id}' has no follow-up question; put your text in 'wording'",
                field=f"choices.{topic_id}.follow_up", line=choices_src.line_of(where + ("follow_up",))))
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
        agreed = example_choices.data.get("agreed") if isinstance(example_choices.data, dict) else None
        details = overlay_checks.example_details(example.data, agreed)
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
        raise DataErrors(problems)
    if example_dir is not None and org_dir.resolve() != Path(example_dir).resolve():
        problems = _leftovers(org_dir, sources, label_prefix, Path(example_dir))
        if problems:
            raise DataErrors(problems, where=LEFTOVERS_WHERE)
    models = _validate_all(sources, ORG_MODELS)
    org = OrganisationData(details=models["organisation"], guidelines=models["our-guidelines"],
                           docs_dir=org_dir / "docs", label_prefix=label_prefix,
                           logo_line=sources["organisation"].line_of(("logo",)))
    problems = _organisation_checks(org, topics, sources, label_prefix)
    if problems:
        raise DataErrors(problems)
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
