"""The build as plain steps that any engine sits inside: prepare, the engine, finish.

1. `prepare` reads data/, the link history and an organisation's overlay (refusing what must not be
   published), and starts the build's `SiteState`; `site_files` gives what the engine must publish besides
   the pages: the scripts bundled from browser/, the one stylesheet, an organisation's web-sized pictures,
   and, for an overlay, the upstream files it does not replace.
2. The engine builds the pages: MkDocs with mkdocs-macros (plugin.py and the macros/ module call these
   steps from its events), or Zensical, given each page already rendered (zensical_engine.py).
3. `finish_page` finishes each built page (the credit checked, the review dates, an organisation's pictures
   and name, Material's markup put right, the security policy); `finish_site` cuts and joins the stylesheets.

Nothing here imports an engine: each step takes paths and plain values and raises BuildProblem or
DataErrors, which each engine's adapter shows in its own way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from safeguarding_site import css_tools, page_links, render, site_state
from safeguarding_site.accepted_links import acceptance_problems, known_addresses
from safeguarding_site.browser_bundle import BundleError, bundle, entry_modules
from safeguarding_site.errors import BuildProblem, DataErrors
from safeguarding_site.link_history import LinkNotices, load_link_notices
from safeguarding_site.loading import load_site_data
from safeguarding_site.organisation_header import name_in_header
from safeguarding_site.overlay import (
    LEFTOVERS_WHERE,
    is_note_for_people,
    load_organisation,
    menu_section,
    settings_leftovers,
    upstream_files,
)
from safeguarding_site.overlay_checks import EXAMPLE_DIR
from safeguarding_site.picture_markup import with_web_copies
from safeguarding_site.due_reviews import agreement
from safeguarding_site.review import Review, long_date
from safeguarding_site.site_state import SiteState

from . import engine, page_markup

BROWSER = "browser"  # the browser code's ES modules, in the project
STYLES = "styles"  # the site's own stylesheets, in the project
SCRIPTS = "assets/javascripts/"  # where the site serves them, one built script per entry module (page-scripts.js)
STYLESHEET = "assets/stylesheets/site.css"  # the one stylesheet every page links (overrides/main.html)
HISTORY = Path("data") / "linkcheck-state.json"


@dataclass
class Settings:
    """What the build's first step needs from the engine's configuration (both engines read mkdocs.yml)."""

    config_file: Path
    site_name: str
    site_description: str
    docs_dir: Path
    extra: dict
    nav: list | None = None
    site_url: str | None = None
    stylesheets: list[str] = field(default_factory=list)  # styles/*.css, in order (the safeguarding plugin's)
    stylesheet: str = STYLESHEET


@dataclass
class Prepared:
    """The build's state, and what the engine's configuration must change for it."""

    state: SiteState
    settings: Settings
    advice: list[str] = field(default_factory=list)  # warnings worth a look that must not stop a strict build
    copyright: str | None = None  # an organisation's copyright line, escaped
    logo: str | None = None  # an organisation's logo, inside its docs
    nav: list | None = None  # the menu, with an organisation's own section after Home
    watch: list[Path] = field(default_factory=list)  # what `make serve` rebuilds on, besides the pages
    theme_styles: tuple[str, ...] = ()  # styles the engine's theme script adds to pages, allowed by their hash
    place_links: list = field(default_factory=list)  # links to a place in a page, checked once the pages are built

    @property
    def project(self) -> Path:
        return self.state.project

    def template_values(self) -> dict[str, str]:
        return self.state.template_values(self.settings.stylesheet)


def refuse_settings(settings: Settings) -> None:
    """Settings that would change the credit, or where it comes from, are refused by name."""
    name = settings.config_file.name
    if "attribution" in settings.extra:
        raise BuildProblem(f"Problem in {name}: remove extra.attribution. The credit to the leaflet is built from"
                           " data/publication.yml and cannot be changed in the config.")
    if "data_dir" in settings.extra:
        raise BuildProblem(f"Problem in {name}: remove extra.data_dir. The guidance data, and the credit to the"
                           " leaflet built from it, always come from data/.")


def nav_pages(nav) -> set[str]:
    """Every page path named anywhere in a nav setting."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav)) if nav else set()
    return set()


def state_for_data(project: Path) -> SiteState:
    """A build's state from data/ alone, with no link history or overlay (`make bench` pre-renders with it)."""
    data = load_site_data(Path(project) / "data")
    state = SiteState(project=Path(project), data=data, links=LinkNotices(), credit=render.attribution(data.publication))
    site_state.start(state)
    return state


def prepare(project: Path, settings: Settings, today: date | None = None) -> Prepared:
    """Step 1: data/, the link history and an overlay read and checked; the build's state started."""
    project = Path(project).resolve()
    refuse_settings(settings)
    data = load_site_data(project / "data")
    links = load_link_notices(project / HISTORY)
    # The link check's own day, when its history is dated later than this clock (a check run with --today).
    today = today or max(date.today(), links.last_checked or date.today())
    links = links.cleared_by(data.accepted_links, today)
    state = SiteState(project=project, data=data, links=links, credit=render.attribution(data.publication))
    prepared = Prepared(state, settings, advice=[*data.notices, *([links.warning] if links.warning else [])],
                        nav=settings.nav)
    org_dir = settings.extra.get("organisation_dir")
    if org_dir:
        lay_overlay(prepared, org_dir)
    known = known_addresses((url for _, url in data.urls()), project, org_dir)
    errors, notices = acceptance_problems(data.sources["accepted-links"], data.accepted_links, today, known)
    if errors:
        raise DataErrors(errors)
    prepared.advice += notices
    prepared.watch += [project / part for part in ("data", "overrides", "styles", BROWSER)]
    site_state.start(state)
    return prepared


def lay_overlay(prepared: Prepared, org_dir: str) -> None:
    """An organisation's overlay read and laid over the upstream site: its details, the menu section for its own
    pages, and its name, logo and copyright line; the starter's placeholders and the example's details refused."""
    settings, project = prepared.settings, prepared.project
    org_path = project / org_dir
    name = settings.config_file.name
    if settings.docs_dir.resolve() != (org_path / "docs").resolve():
        raise BuildProblem(f"Problem in {name}: with extra.organisation_dir set to '{org_dir}', docs_dir must be"
                           f" '{org_dir}/docs' (your own pages; upstream pages fill in the rest)")
    if org_path.resolve() == (project / EXAMPLE_DIR).resolve() and not engine.builds_the_example(
            settings.config_file, project):
        raise BuildProblem(
            f"Problem in {name}: extra.organisation_dir is '{org_dir}', the made-up example organisation, whose"
            f" people and phone numbers reach nobody; only {engine.EXAMPLE_CONFIG} builds it. Start your own"
            " files with make org NAME=\"Your organisation's name\" (on GitHub: the workflow 'Start your"
            " organisation's copy'), then set organisation_dir: org and docs_dir: org/docs here.")
    leftovers = settings_leftovers(settings.config_file, {"site_name": settings.site_name,
                                                          "site_description": settings.site_description or ""},
                                   org_path, project / EXAMPLE_DIR)
    try:
        org = load_organisation(org_path, prepared.state.data.guidelines_file, org_dir,
                                example_dir=project / EXAMPLE_DIR)
    except DataErrors as errors:
        if errors.where == LEFTOVERS_WHERE:
            raise DataErrors(leftovers + errors.errors, where=LEFTOVERS_WHERE) from None
        raise
    if leftovers:
        raise DataErrors(leftovers, where=LEFTOVERS_WHERE)
    prepared.advice += org.notices
    agreed = agreement(org.guidelines)
    if agreed.review_on and date.today() >= agreed.review_on:
        prepared.advice.append(f"Review due: the guidelines in {org_dir}/data/our-guidelines.yml were due for review"
                               f" on {long_date(agreed.review_on)}. Once they are agreed again, give the new agreed_on.")
    prepared.state.organisation = org
    details = org.details
    prepared.copyright = str(escape(details.copyright))
    prepared.logo = details.logo
    section = menu_section(org, project / "docs")
    prepared.advice += [f"{org_dir}/docs/{page} is not listed under 'pages:' in {org_dir}/data/organisation.yml, so"
                        " the menu shows it after the listed pages, in file-name order. Add it to that list to choose"
                        " its place." for page in section.unlisted]
    nav = settings.nav
    if nav and section.pages and not nav_pages(nav) & set(section.pages):
        prepared.nav = [nav[0], {section.title: section.pages}, *nav[1:]]
    prepared.watch += [project / "docs", org_path / "data", project / engine.UPSTREAM_CONFIG]


@dataclass
class SiteFiles:
    """What the engine publishes besides the author's own files."""

    generated: dict[str, str | bytes]  # path in the site -> content: scripts, the stylesheet, web pictures
    upstream: list[str]  # an overlay's build: upstream files (in docs/) that it does not replace
    left_out: list[str]  # the overlay's own files that are not published: notes for people, replaced pictures


def site_files(prepared: Prepared) -> SiteFiles:
    """Step 1, continued: the scripts bundled from browser/, the one stylesheet, and an organisation's pictures
    as web copies (their originals left out), with the upstream files an overlay does not replace."""
    state = prepared.state
    browser = state.project / BROWSER
    try:  # every entry module: site.js on every page, a tool's own script where a page shows the tool
        generated: dict[str, str | bytes] = {SCRIPTS + entry.name: bundle(entry, browser)
                                             for entry in entry_modules(browser)}
    except (BundleError, OSError) as exc:
        raise BuildProblem(f"Problem in the browser code ({BROWSER}/): {exc}") from None
    generated[prepared.settings.stylesheet] = stylesheet(prepared)
    org = state.organisation
    if org is None:
        return SiteFiles(generated, [], [])
    left_out = [page for page in _own_files(org.docs_dir) if is_note_for_people(page)]
    found, problems = org.web_pictures()
    if problems:
        raise DataErrors(problems, where="your organisation's pictures")
    for picture in found.values():
        if picture.modern:  # an SVG is published as it is
            left_out.append(picture.source)
            generated.update({copy.path: copy.content for copy in picture.copies})
    state.pictures = found
    return SiteFiles(generated, upstream_files(state.project / "docs", org.docs_dir), left_out)


def check_links(prepared: Prepared, pages: dict[str, Path | str], files: set[str]) -> None:
    """Step 1, once the engine's files are known: every link from a page to another page or a picture of the site
    leads somewhere (page_links.py), with the same message on every engine. `pages`: path in the docs -> its
    file (or, for a page the engine generated, its text); `files`: every path in the docs."""
    project = prepared.project
    texts = {}
    for path, source in pages.items():
        if isinstance(source, Path):
            label = source.relative_to(project).as_posix() if source.is_relative_to(project) else source.as_posix()
            texts[path] = (label, source.read_text(encoding="utf-8"), 0)
    page_links.check(texts, files)
    prepared.place_links = page_links.place_links(texts, files)


def check_places(site_dir: Path, prepared: Prepared) -> None:
    """Once the pages are built: every link to a place in a page (page.md#place) finds that place there, with the
    same message on every engine."""
    def places_of(page: str) -> set[str] | None:
        built = Path(site_dir) / page_links.built_path(page)
        return page_links.ids_in(built.read_text(encoding="utf-8")) if built.is_file() else None

    problems = page_links.missing_places(prepared.place_links, places_of)
    if problems:
        raise DataErrors(problems, where="a page's links")


def _own_files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def stylesheet(prepared: Prepared) -> str:
    """styles/*.css in the configured order, then an organisation's colours, as one small file."""
    parts = []
    for name in prepared.settings.stylesheets:
        path = prepared.project / STYLES / name
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BuildProblem(f"Problem in mkdocs.yml: the safeguarding plugin's stylesheets name {STYLES}/{name},"
                               f" which cannot be read ({exc.strerror or exc})") from None
    org = prepared.state.organisation
    colours = org.details.colours if org else None
    if colours:
        parts.append(render.organisation_css(colours))
    return css_tools.minify("\n".join(parts))


def site_root(site_url: str | None) -> str:
    """The path the site is served under (/ locally; /your-copy/ on GitHub Pages): pages such as 404.html name
    their pictures from there."""
    return urlsplit(site_url or "/").path or "/"


ARTICLE_END = re.compile(r"</article>(?![\s\S]*</article>)")


def finish_page(html: str, page_path: str, prepared: Prepared, review: Review | None = None,
                source: str | None = None, security_policy: bool = True) -> str:
    """Step 3, for each built page (`page_path` in the site, `source` its file as an editor names it): the credit
    to the leaflet checked, the page's review dates shown, an organisation's pictures and name put in, then
    Material's markup put right and the security policy written (page_markup.py)."""
    state = prepared.state
    if source is not None and str(state.credit) not in html:
        licence = state.data.publication.licence.url
        raise BuildProblem(f"Problem in {source}: the built page does not show the credit to the leaflet"
                           f" (\"{state.credit.striptags()}\", linking to {licence}). It comes from"
                           " data/publication.yml through overrides/partials/copyright.html, and every page must"
                           " keep it: put back any template or setting that removed it.")
    if review is not None:
        html = ARTICLE_END.sub(lambda _: f"{render.page_review(review)}\n</article>", html, count=1)
    org = state.organisation
    if org is not None:
        details = org.details
        html = with_web_copies(html, page_path, state.pictures, site_root(prepared.settings.site_url))
        html = name_in_header(html, details.short_name or details.name, bool(details.logo))
    return page_markup.finish(html, security_policy=security_policy, styles=prepared.theme_styles)


def finish_site(site_dir: Path, prepared: Prepared) -> None:
    """Step 3, once the pages are written: every stylesheet, Material's too, cut to the rules that the built pages
    and their scripts can use, then to the custom properties those rules, the pages or the scripts use; Material's
    two and the site's own are then joined into the one stylesheet every page links (overrides/main.html): one
    request that blocks the first paint instead of three, and 0.8 KB less gzip, as the parts share their words."""
    site_dir = Path(site_dir)
    joined = site_dir / prepared.settings.stylesheet
    material = page_markup.material_stylesheets(site_dir)
    folder = joined.parent
    others = [path for path in sorted(folder.glob("*.css")) if path not in material and path != joined]
    usage, named = page_markup.site_usage(site_dir)
    paths = [*material, joined, *others]
    pruned = css_tools.drop_unused_properties(
        {path: css_tools.prune(page_markup.native_focus_visible(path.read_text(encoding="utf-8")), usage,
                               page_markup.MATERIAL_RULES_LEFT_OUT)
         for path in paths}, named)
    joined.write_text(css_tools.join([pruned[path] for path in [*material, joined]]), encoding="utf-8")
    for path in others:
        path.write_text(pruned[path], encoding="utf-8")
    for path in material:
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)
