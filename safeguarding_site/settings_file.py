"""An organisation's settings file (mkdocs.org.yml), checked before any site engine reads it.

`make org` writes it with four settings that must stay: INHERIT (every upstream setting: menu, theme,
search, the checks), site_name, docs_dir and extra.organisation_dir (where org/ is). Without one of
them an engine either stops with words about its own configuration, or, worse, builds a site quietly
without the organisation's pages. Each missing or wrong line is named here, with the line to put back.

An org/ folder with no settings file beside it is named too: the build would ignore it, and publish
our site in the organisation's place.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .errors import DataError
from .value_forms import line as setting_line
from .yaml_source import YamlSource, read_yaml

FORK_CONFIG = "mkdocs.org.yml"
UPSTREAM_CONFIG = "mkdocs.yml"
ORG_DIR = "org"
WHERE = "your organisation's settings"
START = 'make org NAME="Your organisation\'s name"'


def applies_to(config: Path, data: Any) -> bool:
    """Whether `config` is an organisation's settings file: mkdocs.org.yml, or any file naming an organisation_dir."""
    if Path(config).name == FORK_CONFIG:
        return True
    if not isinstance(data, dict):
        return False
    extra = data.get("extra")
    return "organisation_dir" in data or (isinstance(extra, dict) and "organisation_dir" in extra)


def _label(project: Path, config: Path) -> str:
    config = Path(config).resolve()
    return config.relative_to(Path(project).resolve()).as_posix() if config.is_relative_to(Path(project).resolve()) \
        else config.as_posix()


def _organisation_name(org_path: Path) -> str:
    try:
        data = read_yaml(org_path / "data" / "organisation.yml").data
    except DataError:
        return "Your organisation's name"
    name = data.get("short_name") or data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) and name.strip() and "FILL IN" not in name else "Your organisation's name"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_problems(project: Path, config: Path) -> list[DataError]:
    """Every problem with the organisation's settings file `config` (none for a file that is not one)."""
    project, config = Path(project), Path(config)
    label = _label(project, config)
    try:
        source = read_yaml(config, label)
    except DataError as error:
        return [error]
    data = source.data
    if not applies_to(config, data):
        return []
    if not isinstance(data, dict):
        return [DataError(label, "the file should hold 'name: value' lines, as `make org` wrote them: start it again"
                                 f" from examples/starter/{FORK_CONFIG}", line=1)]
    problems = _inherit(source, config) + _organisation_dir(source, project)
    org_dir = _org_dir(data)
    problems += _docs_dir(source, org_dir)
    problems += _site_name(source, project / org_dir)
    return problems


def _inherit(source: YamlSource, config: Path) -> list[DataError]:
    data, label = source.data, source.label
    wanted = setting_line("INHERIT", UPSTREAM_CONFIG)
    if "INHERIT" not in data:
        return [DataError(label, f"the line '{wanted}' is missing, so none of the site's own settings (its menu,"
                                 " theme, search and checks) would be used: put it back near the top of the file:"
                                 f" {wanted}", field="INHERIT")]
    parent = data["INHERIT"]
    if not isinstance(parent, str) or not (config.parent / parent).is_file() or Path(parent).name != UPSTREAM_CONFIG:
        return [DataError(label, f"INHERIT should name the site's own settings file, {UPSTREAM_CONFIG}: write {wanted}",
                          field="INHERIT", line=source.line_of(("INHERIT",)))]
    return []


def _org_dir(data: dict) -> str:
    extra = data.get("extra")
    given = extra.get("organisation_dir") if isinstance(extra, dict) else data.get("organisation_dir")
    return given.strip().strip("/") if isinstance(given, str) and given.strip() else ORG_DIR


def _organisation_dir(source: YamlSource, project: Path) -> list[DataError]:
    data, label = source.data, source.label
    extra = data.get("extra")
    wanted = setting_line("organisation_dir", ORG_DIR)
    if "organisation_dir" in data:
        return [DataError(label, f"organisation_dir belongs under 'extra:', indented by two spaces: write the two"
                                 f" lines 'extra:' and '  {setting_line('organisation_dir', _org_dir(data))}'",
                          field="organisation_dir", line=source.line_of(("organisation_dir",)))]
    if not isinstance(extra, dict) or "organisation_dir" not in extra:
        where = (f"under 'extra:' (line {source.line_of(('extra',))})" if isinstance(extra, dict) or "extra" in data
                 else "at the end of the file, under a line 'extra:'")
        return [DataError(label, f"the line '  {wanted}' is missing, so your {ORG_DIR}/ folder (your details, pages"
                                 f" and guidelines) would not be used: put it back {where}: '  {wanted}'",
                          field="extra.organisation_dir", line=source.line_of(("extra",)) if "extra" in data else None)]
    given = extra["organisation_dir"]
    if not isinstance(given, str) or not (project / str(given).strip()).is_dir():
        found = [path.parent.parent.relative_to(project).as_posix()
                 for path in sorted(project.glob("*/data/organisation.yml"))
                 if not path.is_relative_to(project / "examples")]
        folder = found[0] if found else ORG_DIR
        return [DataError(label, f"there is no folder '{given}' here: write {setting_line('organisation_dir', folder)}"
                                 f" (the folder that holds data/organisation.yml){'' if found else f'; to start one: {START}'}",
                          field="extra.organisation_dir", line=source.line_of(("extra", "organisation_dir")))]
    return []


def _docs_dir(source: YamlSource, org_dir: str) -> list[DataError]:
    data, label = source.data, source.label
    expected = f"{org_dir}/docs"
    wanted = setting_line("docs_dir", expected)
    given = data.get("docs_dir")
    reason = (f"with organisation_dir set to '{org_dir}', docs_dir must be '{expected}' (your own pages; the site's"
              " pages fill in the rest)")
    if given is None:
        return [DataError(label, f"the line '{wanted}' is missing: {reason}: put it back: {wanted}", field="docs_dir")]
    if not isinstance(given, str) or given.strip().rstrip("/").removeprefix("./") != expected:
        return [DataError(label, f"{reason}: write {wanted}", field="docs_dir", line=source.line_of(("docs_dir",)))]
    return []


def _site_name(source: YamlSource, org_path: Path) -> list[DataError]:
    data, label = source.data, source.label
    given = data.get("site_name")
    wanted = setting_line("site_name", _quoted(f"Safeguarding and social media at {_organisation_name(org_path)}"))
    if "site_name" not in data:
        return [DataError(label, "the line 'site_name: ...' is missing, so your site would take our site's name: put"
                                 f" it back: {wanted}", field="site_name")]
    if not isinstance(given, str) or not given.strip():
        return [DataError(label, f"site_name is empty: write your site's name, like {wanted}", field="site_name",
                          line=source.line_of(("site_name",)))]
    return []


def org_without_settings(project: Path) -> DataError | None:
    """An org/ folder with no mkdocs.org.yml beside it: the build would ignore the folder."""
    project = Path(project)
    if not (project / ORG_DIR).is_dir() or (project / FORK_CONFIG).exists():
        return None
    others = sorted(path.name for path in project.glob("mkdocs*.y*ml")
                    if path.name not in (UPSTREAM_CONFIG, FORK_CONFIG) and re.search(
                        r"organisation_dir:\s*['\"]?org['\"]?\s*$", path.read_text(encoding="utf-8", errors="replace"),
                        re.MULTILINE))
    renamed = (f" If you renamed it, call it {FORK_CONFIG} again ({', '.join(others)} is not read by default)."
               if others else "")
    return DataError(f"{ORG_DIR}/", f"there is an {ORG_DIR}/ folder but no {FORK_CONFIG} beside it, so {ORG_DIR}/ is"
                     " ignored: the build would make our site, without your organisation's name, pages or guidelines."
                     f"{renamed} If {FORK_CONFIG} was deleted, put it back (git checkout -- {FORK_CONFIG}, or on"
                     f" GitHub from the file's history); to write a new one beside your {ORG_DIR}/ folder, run {START}."
                     f" To build our site on purpose, run make build CONFIG={UPSTREAM_CONFIG}")


def problems_before_the_build(project: Path, config: Path, chosen_by_default: bool) -> list[DataError]:
    """What stops a build before any engine reads the settings: `config` when it is an organisation's settings
    file, and, when nobody chose the file (`make build`), an org/ folder that would be ignored."""
    if not Path(config).is_file():
        return []  # the engine's adapter says which file is missing
    alone = org_without_settings(project) if chosen_by_default else None
    return ([alone] if alone else []) + settings_problems(project, config)
