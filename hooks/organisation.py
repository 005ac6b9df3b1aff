"""MkDocs hook: an organisation's overlay, and the credit to the leaflet on every page.

Listed under `hooks:` in mkdocs.yml, so it runs in every build. Two jobs:

1. When the config sets `extra.organisation_dir` (an organisation's mkdocs.org.yml does; see
   docs/for-organisations.md), it lays that folder over the upstream site:
   - pages come from `org/docs/` first; every upstream page in `docs/` that the organisation does not
     replace is still built (the fallback FastAPI's docs use for untranslated pages), so a fork never
     copies upstream pages and upstream changes to them arrive with `git pull`;
   - the organisation's own pages get a menu section of their own, right after Home, so a fork never
     copies the upstream `nav:` list;
   - name, logo, colours and copyright line come from `org/data/organisation.yml`, checked like
     the rest of the data (plain errors naming file, entry and field).
2. Always, it checks that each built page still shows the credit to the leaflet, worked out from the
   upstream `data/publication.yml`. Whatever an overlay's templates or settings do, a page without
   it stops the build.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM_DOCS = ROOT / "docs"
UPSTREAM_DATA = ROOT / "data"
ORG_STYLESHEET = "assets/stylesheets/organisation.css"

if str(ROOT) not in sys.path:  # so the hook can use the project's own data layer
    sys.path.insert(0, str(ROOT))
from macros import overlay_checks, render  # noqa: E402
from macros.advisory_log import advisory_logger  # noqa: E402
from macros.errors import DataError, DataErrors  # noqa: E402
from macros.loading import (LEFTOVERS_WHERE, OrganisationData, load_organisation, load_site_data,  # noqa: E402
                            markdown_pages)
from macros.yaml_source import read_yaml  # noqa: E402

EXAMPLE_ORG = ROOT / overlay_checks.EXAMPLE_DIR
# Advice that must not fail a strict build (a page left out of the menu list still works).
advice = advisory_logger("organisation")

TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")


class Build:
    """What this build needs to remember between events (reset by on_config on every build)."""

    credit: str = ""
    licence_url: str = ""
    organisation: OrganisationData | None = None


build = Build()


def visible_text(markup: str) -> str:
    """The words of some HTML, tags dropped and spacing evened out, for comparing."""
    return SPACE.sub(" ", html.unescape(TAG.sub("", markup))).strip()


def nav_pages(nav) -> set[str]:
    """Every page path named anywhere in a nav setting."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav)) if nav else set()
    return set()


def organisation_section(org: OrganisationData, label_prefix: str = "org") -> tuple[str, list[str]]:
    """The menu section for the organisation's own pages: listed ones first, then the rest by name
    (each named in a warning, so the editor can give it its place)."""
    own = [page for page in markdown_pages(org.docs_dir) if not (UPSTREAM_DOCS / page).is_file()]
    listed = [page for page in org.details.pages if page in own]
    unlisted = [page for page in own if page not in listed]
    for page in unlisted:
        advice.warning(f"{label_prefix}/docs/{page} is not listed under 'pages:' in {label_prefix}/data/organisation.yml,"
                       " so the menu shows it after the listed pages, in file-name order. Add it to that list to"
                       " choose its place.")
    return org.details.short_name or org.details.name, listed + unlisted


def config_leftovers(config, org_path: Path) -> list[DataError]:
    """The overlay's settings file must not keep the starter's placeholders or the example's name either."""
    if org_path.resolve() == EXAMPLE_ORG.resolve():
        return []
    path = Path(config.config_file_path)
    try:
        example = read_yaml(EXAMPLE_ORG / "data" / "organisation.yml").data
    except DataError:  # no example beside this copy: only placeholders can be found
        example = None
    return overlay_checks.config_problems(
        path.name, path.read_text(encoding="utf-8"),
        {"site_name": config.site_name, "site_description": config.site_description or ""},
        overlay_checks.example_details(example))


@event_priority(50)  # before mkdocs-macros, which sets extra.attribution from data/publication.yml
def on_config(config):
    global build
    build = Build()
    try:
        site_data = load_site_data(UPSTREAM_DATA)
    except DataErrors as errors:
        raise PluginError(str(errors)) from None
    build.credit = visible_text(render.attribution(site_data.publication))
    build.licence_url = site_data.publication.licence.url
    configured = config.extra.get("attribution")
    if configured is not None and visible_text(str(configured)) != build.credit:
        raise PluginError(f"Problem in {Path(config.config_file_path).name}: remove extra.attribution. The credit"
                          " to the leaflet is built from data/publication.yml and cannot be changed in the config.")

    org_dir = config.extra.get("organisation_dir")
    if not org_dir:
        return config
    project = Path(config.config_file_path).resolve().parent
    org_path = project / org_dir
    if Path(config.docs_dir).resolve() != (org_path / "docs").resolve():
        raise PluginError(f"Problem in {Path(config.config_file_path).name}: with extra.organisation_dir set to"
                          f" '{org_dir}', docs_dir must be '{org_dir}/docs' (your own pages; upstream pages"
                          " fill in the rest)")
    leftovers = config_leftovers(config, org_path)
    try:
        org = load_organisation(org_path, site_data.guidelines_file, org_dir, example_dir=EXAMPLE_ORG)
    except DataErrors as errors:
        if errors.where == LEFTOVERS_WHERE:
            errors = DataErrors(leftovers + errors.errors, where=LEFTOVERS_WHERE)
        raise PluginError(str(errors)) from None
    if leftovers:
        raise PluginError(str(DataErrors(leftovers, where=LEFTOVERS_WHERE)))
    build.organisation = org

    details = org.details
    config.copyright = str(escape(details.copyright))
    if details.logo:
        config.theme["logo"] = details.logo
    if details.colours:
        config.extra_css.append(ORG_STYLESHEET)
    title, pages = organisation_section(org, org_dir)
    if config.nav and pages and not nav_pages(config.nav) & set(pages):
        config.nav = [config.nav[0], {title: pages}, *config.nav[1:]]
    config.watch.extend(str(path) for path in (UPSTREAM_DOCS, org_path / "data", ROOT / "mkdocs.yml")
                        if str(path) not in config.watch)
    return config


def on_files(files: Files, config) -> Files:
    org = build.organisation
    if org is None:
        return files
    for path in sorted(UPSTREAM_DOCS.rglob("*")):
        src_uri = path.relative_to(UPSTREAM_DOCS).as_posix()
        if path.is_dir() or any(part.startswith(".") for part in src_uri.split("/")):
            continue
        if files.get_file_from_path(src_uri) is None:  # the organisation has not replaced it
            files.append(File(src_uri, str(UPSTREAM_DOCS), config.site_dir, config.use_directory_urls))
    if org.details.colours:
        files.append(File.generated(config, ORG_STYLESHEET, content=render.organisation_css(org.details.colours)))
    return files


def on_post_page(output: str, page, config) -> str:
    if build.credit and (build.credit not in visible_text(output) or build.licence_url not in output):
        source = Path(page.file.abs_src_path or page.file.src_uri)
        label = source.relative_to(ROOT).as_posix() if source.is_relative_to(ROOT) else source.as_posix()
        raise PluginError(f"Problem in {label}: the built page does not show the credit to the leaflet"
                          f" (\"{build.credit}\", linking to {build.licence_url}). It comes from data/publication.yml"
                          " through overrides/partials/copyright.html, and every page must keep it: put back any"
                          " template or setting that removed it.")
    return output
