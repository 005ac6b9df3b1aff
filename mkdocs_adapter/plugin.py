"""The MkDocs plugin (`plugins: - safeguarding` in mkdocs.yml): data/, the link history and an
organisation's overlay, read once per build, and the credit to the leaflet on every page.

1. It reads data/ (checked by safeguarding_site, with plain errors naming file, line, entry and
   field) and starts the build's shared state for the macros.
2. When the config sets `extra.organisation_dir` (an organisation's mkdocs.org.yml does; see
   docs/for-organisations.md), it lays that folder over the upstream site:
   - pages come from the overlay's docs/ first; every upstream file it does not replace is still
     built (the fallback FastAPI's docs use for untranslated pages), so a fork never copies upstream
     pages and their updates arrive with `make update`;
   - the organisation's own pages get a menu section of their own, right after Home;
   - name, logo, colours and copyright line come from its organisation.yml; the starter's
     placeholders and the made-up example's details are refused.
3. The credit reaches the footer as data (`site_credit`), and each built page is checked to still
   carry it, character for character, whatever an overlay's templates or settings do.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

import safeguarding_site
from safeguarding_site import css_tools, render
from safeguarding_site.accepted_links import acceptance_problems, known_addresses
from safeguarding_site.browser_bundle import BundleError, bundle, entry_modules
from safeguarding_site.browser_contract import contract
from safeguarding_site.due_reviews import agreement
from safeguarding_site.errors import DataErrors
from safeguarding_site.link_history import load_link_notices
from safeguarding_site.loading import load_site_data
from safeguarding_site.overlay import (
    LEFTOVERS_WHERE,
    is_note_for_people,
    load_organisation,
    menu_section,
    settings_leftovers,
    upstream_files,
)
from safeguarding_site.overlay_checks import EXAMPLE_DIR
from safeguarding_site.organisation_header import name_in_header
from safeguarding_site.picture_markup import with_web_copies
from safeguarding_site.review import long_date

from . import build as site_build
from . import engine
from . import page_markup
from .advice import advisory_logger

BROWSER = "browser"  # the browser code's ES modules, in the project
STYLES = "styles"  # the site's own stylesheets, in the project
SCRIPTS = "assets/javascripts/"  # where the site serves them, one built script per entry module (page-scripts.js)
HISTORY = Path("data") / "linkcheck-state.json"
advice = advisory_logger("site")  # warnings that must not fail a strict build


def nav_pages(nav) -> set[str]:
    """Every page path named anywhere in a nav setting."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_pages(value) for value in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav)) if nav else set()
    return set()


def missing_scripts(config, files: Files) -> list[str]:
    """Scripts the pages would load that neither browser/ nor the docs provide."""
    paths = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    return [path for path in paths if "://" not in path and files.get_file_from_path(path) is None]


def check_acceptances(data, project: Path, org_dir: str | None, today: date) -> None:
    """data/accepted-links.yml against the site: an address the site does not use, or a day still to come,
    stops the build; an acceptance that has ended is a notice."""
    known = known_addresses((url for _, url in data.urls()), project, org_dir)
    errors, notices = acceptance_problems(data.sources["accepted-links"], data.accepted_links, today, known)
    if errors:
        raise PluginError(str(DataErrors(errors)))
    for notice in notices:
        advice.warning(notice)


def site_root(config) -> str:
    """The path the site is served under (/ locally; /your-copy/ on GitHub Pages): pages such as 404.html name
    their pictures from there."""
    return urlsplit(config.site_url or "/").path or "/"


def refuse_settings(config) -> None:
    """Settings that would change the credit, or where it comes from, are refused by name."""
    name = Path(config.config_file_path).name
    if "attribution" in config.extra:
        raise PluginError(f"Problem in {name}: remove extra.attribution. The credit to the leaflet is built from"
                          " data/publication.yml and cannot be changed in the config.")
    if "data_dir" in config.extra:
        raise PluginError(f"Problem in {name}: remove extra.data_dir. The guidance data, and the credit to the"
                          " leaflet built from it, always come from data/.")


class SafeguardingPlugin(BasePlugin):
    """Reads the project's data and overlay for the build, and keeps the credit on every page."""

    config_scheme = (
        # The site's one stylesheet, built from these files in styles/, in this order (an organisation's
        # colours follow them), cut to the rules the pages use and joined after Material's own.
        ("stylesheets", config_options.ListOfItems(config_options.Type(str), default=[])),
        ("stylesheet", config_options.Type(str, default="assets/stylesheets/site.css")),
    )

    @event_priority(50)  # before mkdocs-macros, which takes the data from this build
    def on_config(self, config):
        refuse_settings(config)
        project = Path(config.config_file_path).resolve().parent
        try:
            data = load_site_data(project / "data")
        except DataErrors as errors:
            raise PluginError(str(errors)) from None
        for notice in data.notices:
            advice.warning(notice)
        links = load_link_notices(project / HISTORY)
        # The link check's own day, when its history is dated later than this clock (a check run with --today).
        today = max(date.today(), links.last_checked or date.today())
        links = links.cleared_by(data.accepted_links, today)
        if links.warning:
            advice.warning(links.warning)
        site = site_build.SiteBuild(project=project, data=data, links=links,
                                    credit=render.attribution(data.publication))
        org_dir = config.extra.get("organisation_dir")
        if org_dir:
            self.lay_overlay(config, site, project, org_dir)
        check_acceptances(data, project, org_dir, today)
        site_build.start(site)
        code = [Path(safeguarding_site.__file__).parent, Path(__file__).parent]  # make serve: code changes too
        config.watch.extend(str(path) for path in code if str(path) not in config.watch)
        return config

    @staticmethod
    def lay_overlay(config, site, project: Path, org_dir: str) -> None:
        org_path = project / org_dir
        name = Path(config.config_file_path).name
        if Path(config.docs_dir).resolve() != (org_path / "docs").resolve():
            raise PluginError(f"Problem in {name}: with extra.organisation_dir set to '{org_dir}', docs_dir must be"
                              f" '{org_dir}/docs' (your own pages; upstream pages fill in the rest)")
        if org_path.resolve() == (project / EXAMPLE_DIR).resolve() and not engine.builds_the_example(
                Path(config.config_file_path), project):
            raise PluginError(
                f"Problem in {name}: extra.organisation_dir is '{org_dir}', the made-up example organisation, whose"
                f" people and phone numbers reach nobody; only {engine.EXAMPLE_CONFIG} builds it. Start your own"
                " files with make org NAME=\"Your organisation's name\" (on GitHub: the workflow 'Start your"
                " organisation's copy'), then set organisation_dir: org and docs_dir: org/docs here.")
        leftovers = settings_leftovers(Path(config.config_file_path),
                                       {"site_name": config.site_name,
                                        "site_description": config.site_description or ""},
                                       org_path, project / EXAMPLE_DIR)
        try:
            org = load_organisation(org_path, site.data.guidelines_file, org_dir, example_dir=project / EXAMPLE_DIR)
        except DataErrors as errors:
            if errors.where == LEFTOVERS_WHERE:
                errors = DataErrors(leftovers + errors.errors, where=LEFTOVERS_WHERE)
            raise PluginError(str(errors)) from None
        if leftovers:
            raise PluginError(str(DataErrors(leftovers, where=LEFTOVERS_WHERE)))
        for notice in org.notices:
            advice.warning(notice)
        agreed = agreement(org.guidelines)
        if agreed.review_on and date.today() >= agreed.review_on:
            advice.warning(f"Review due: the guidelines in {org_dir}/data/our-guidelines.yml were due for review on"
                           f" {long_date(agreed.review_on)}. Once they are agreed again, give the new agreed_on.")
        site.organisation = org
        details = org.details
        config.copyright = str(escape(details.copyright))
        if details.logo:
            config.theme["logo"] = details.logo
        section = menu_section(org, project / "docs")
        for page in section.unlisted:
            advice.warning(f"{org_dir}/docs/{page} is not listed under 'pages:' in {org_dir}/data/organisation.yml, so"
                        " the menu shows it after the listed pages, in file-name order. Add it to that list to choose"
                        " its place.")
        if config.nav and section.pages and not nav_pages(config.nav) & set(section.pages):
            config.nav = [config.nav[0], {section.title: section.pages}, *config.nav[1:]]
        config.watch.extend(str(path) for path in (project / "docs", org_path / "data", project / "mkdocs.yml")
                            if str(path) not in config.watch)

    def on_files(self, files: Files, config) -> Files:
        site = site_build.current()
        browser = site.project / BROWSER
        try:  # every entry module: site.js on every page, a tool's own script where a page shows the tool
            scripts = {SCRIPTS + entry.name: bundle(entry, browser) for entry in entry_modules(browser)}
        except (BundleError, OSError) as exc:
            raise PluginError(f"Problem in the browser code ({BROWSER}/): {exc}") from None
        for path, content in scripts.items():
            files.append(File.generated(config, path, content=content))
        self.lay_files(files, config, site)
        self.lay_web_pictures(files, config, site)
        files.append(File.generated(config, self.config["stylesheet"], content=self.stylesheet(site)))
        missing = missing_scripts(config, files)
        if missing:
            raise PluginError(f"Problem in {Path(config.config_file_path).name}: extra_javascript names"
                              f" {', '.join(missing)}, but there is no such module in {BROWSER}/ or file in the pages")
        return files

    @staticmethod
    def lay_files(files: Files, config, site) -> None:
        """An overlay's build: the upstream files it does not replace, and none of its notes for people."""
        if site.organisation is None:
            return
        for file in list(files):
            if is_note_for_people(file.src_uri) and file.abs_src_path and Path(file.abs_src_path).is_relative_to(
                    site.organisation.docs_dir.resolve()):
                files.remove(file)
        upstream = site.project / "docs"
        for src_uri in upstream_files(upstream, site.organisation.docs_dir):
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, str(upstream), config.site_dir, config.use_directory_urls))

    @staticmethod
    def lay_web_pictures(files: Files, config, site) -> None:
        """An organisation's logo and pictures published as their web copies (safeguarding_site/pictures.py)."""
        if site.organisation is None:
            return
        found, problems = site.organisation.web_pictures()
        if problems:
            raise PluginError(str(DataErrors(problems, where="your organisation's pictures")))
        for picture in found.values():
            if not picture.modern:
                continue  # an SVG is published as it is
            original = files.get_file_from_path(picture.source)
            if original is not None:
                files.remove(original)
            for copy in picture.copies:
                files.append(File.generated(config, copy.path, content=copy.content))
        site.pictures = found

    def stylesheet(self, site) -> str:
        """styles/*.css in the configured order, then an organisation's colours, as one small file."""
        parts = []
        for name in self.config["stylesheets"]:
            path = site.project / STYLES / name
            try:
                parts.append(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise PluginError(f"Problem in mkdocs.yml: the safeguarding plugin's stylesheets name {STYLES}/{name},"
                                  f" which cannot be read ({exc.strerror or exc})") from None
        colours = site.organisation.details.colours if site.organisation else None
        if colours:
            parts.append(render.organisation_css(colours))
        return css_tools.minify("\n".join(parts))

    def on_post_build(self, config) -> None:
        """Every stylesheet, Material's too, cut to the rules that the built pages and their scripts can use,
        then to the custom properties those rules, the pages or the scripts use; Material's two and the
        site's own are then joined into the one stylesheet every page links (overrides/main.html): one
        request that blocks the first paint instead of three, and 0.8 KB less gzip, as the parts share
        their words."""
        site_dir = Path(config.site_dir)
        folder = site_dir / "assets" / "stylesheets"
        joined = site_dir / self.config["stylesheet"]
        material = [*sorted(folder.glob("main.*.min.css")), *sorted(folder.glob("palette.*.min.css"))]
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

    def on_env(self, env, config, files):
        """What the templates take from the data: the credit, the urgent-help box (the 404 page), the
        browser contract, and the address of the one stylesheet."""
        site = site_build.current()
        env.globals["site_credit"] = site.credit
        env.globals["site_urgent_help"] = site.urgent_help()
        env.globals["site_contract"] = render.json_for_script(contract())
        env.globals["site_stylesheet"] = self.config["stylesheet"]
        return env

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """Pages Material writes from templates alone (404.html) are finished like the rest."""
        if not template_name.endswith(".html"):
            return output
        output = self.organisation_markup(output, template_name, site_build.current(), config)
        return page_markup.finish(output, security_policy=config.extra.get("content_security_policy", True))

    @staticmethod
    def organisation_markup(html: str, page_path: str, site, config) -> str:
        """On an organisation's copy: its pictures shown from their web copies, its name and logo in the header."""
        if site.organisation is None:
            return html
        details = site.organisation.details
        html = with_web_copies(html, page_path, site.pictures, site_root(config))
        return name_in_header(html, details.short_name or details.name, bool(details.logo))

    def on_post_page(self, output: str, page, config) -> str:
        site = site_build.current()
        if str(site.credit) not in output:
            source = Path(page.file.abs_src_path or page.file.src_uri)
            label = source.relative_to(site.project).as_posix() if source.is_relative_to(site.project) \
                else source.as_posix()
            licence = site.data.publication.licence.url
            raise PluginError(f"Problem in {label}: the built page does not show the credit to the leaflet"
                              f" (\"{site.credit.striptags()}\", linking to {licence}). It comes from"
                              " data/publication.yml through overrides/partials/copyright.html, and every page must"
                              " keep it: put back any template or setting that removed it.")
        output = self.organisation_markup(output, page.file.dest_uri, site, config)
        return page_markup.finish(output, security_policy=config.extra.get("content_security_policy", True))
