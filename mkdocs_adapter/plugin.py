"""The MkDocs plugin (`plugins: - safeguarding` in mkdocs.yml): the build's steps (pipeline.py) called from
MkDocs' events, and nothing else.

- on_config: prepare (data/, the link history, an organisation's overlay; the build's state for the macros),
  and the configuration changed as the overlay needs (name, logo, copyright, its menu section), with the values
  the templates show (`config.extra.site_*`: the credit, the contract, the stylesheet);
- on_files: the scripts, the one stylesheet, an organisation's web pictures, and an overlay's fallback to the
  upstream files it does not replace (the fallback FastAPI's docs use for untranslated pages);
- on_post_page and on_post_template: each page finished (the credit checked, its review dates, an
  organisation's pictures and name, Material's markup, the security policy); on_post_build: the stylesheets.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

import safeguarding_site

from . import pipeline
from .advice import advisory_logger, as_plugin_error

advice = advisory_logger("site")  # warnings that must not fail a strict build


def missing_scripts(config, files: Files) -> list[str]:
    """Scripts the pages would load that neither browser/ nor the docs provide."""
    paths = [str(getattr(script, "path", script)) for script in config.extra_javascript]
    return [path for path in paths if "://" not in path and files.get_file_from_path(path) is None]


def settings_of(config, stylesheets: list[str], stylesheet: str) -> pipeline.Settings:
    return pipeline.Settings(config_file=Path(config.config_file_path), site_name=config.site_name,
                             site_description=config.site_description or "", docs_dir=Path(config.docs_dir),
                             extra=dict(config.extra), nav=config.nav, site_url=config.site_url,
                             stylesheets=list(stylesheets), stylesheet=stylesheet)


class SafeguardingPlugin(BasePlugin):
    """Calls the build's steps from MkDocs' events."""

    config_scheme = (
        # The site's one stylesheet, built from these files in styles/, in this order (an organisation's
        # colours follow them), cut to the rules the pages use and joined after Material's own.
        ("stylesheets", config_options.ListOfItems(config_options.Type(str), default=[])),
        ("stylesheet", config_options.Type(str, default=pipeline.STYLESHEET)),
    )

    @event_priority(50)  # before mkdocs-macros, which takes the data from this build
    def on_config(self, config):
        project = Path(config.config_file_path).resolve().parent
        with as_plugin_error():
            self.prepared = pipeline.prepare(project, settings_of(config, self.config["stylesheets"],
                                                                  self.config["stylesheet"]))
        prepared = self.prepared
        for notice in prepared.advice:
            advice.warning(notice)
        if prepared.copyright is not None:
            config.copyright = prepared.copyright
        if prepared.logo:
            config.theme["logo"] = prepared.logo
        config.nav = prepared.nav
        config.extra.update(prepared.template_values())
        code = [Path(safeguarding_site.__file__).parent, Path(__file__).parent, project / "macros"]
        config.watch.extend(str(path) for path in [*code, *prepared.watch] if path.exists()
                            and str(path) not in config.watch)
        return config

    def on_files(self, files: Files, config) -> Files:
        with as_plugin_error():
            found = pipeline.site_files(self.prepared)
        org = self.prepared.state.organisation
        for file in list(files):
            if org is not None and file.src_uri in found.left_out and file.abs_src_path and \
                    Path(file.abs_src_path).is_relative_to(org.docs_dir.resolve()):
                files.remove(file)
        upstream = self.prepared.project / "docs"
        for src_uri in found.upstream:
            if files.get_file_from_path(src_uri) is None:
                files.append(File(src_uri, str(upstream), config.site_dir, config.use_directory_urls))
        for path, content in found.generated.items():
            files.append(File.generated(config, path, content=content))
        self.pages = {file.src_uri: Path(file.abs_src_path) for file in files.documentation_pages()
                      if file.abs_src_path}
        self.files = {file.src_uri for file in files}
        missing = missing_scripts(config, files)
        if missing:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"Problem in {Path(config.config_file_path).name}: extra_javascript names"
                              f" {', '.join(missing)}, but there is no such module in {pipeline.BROWSER}/ or file in"
                              " the pages")
        return files

    def on_post_page(self, output: str, page, config) -> str:
        source = Path(page.file.abs_src_path or page.file.src_uri)
        project = self.prepared.project
        label = source.relative_to(project).as_posix() if source.is_relative_to(project) else source.as_posix()
        with as_plugin_error():
            return pipeline.finish_page(output, page.file.dest_uri, self.prepared, page.meta.get("review"), label,
                                        security_policy=config.extra.get("content_security_policy", True))

    def on_post_template(self, output: str, template_name: str, config) -> str:
        """Pages Material writes from templates alone (404.html) are finished like the rest."""
        if not template_name.endswith(".html"):
            return output
        return pipeline.finish_page(output, template_name, self.prepared,
                                    security_policy=config.extra.get("content_security_policy", True))

    def on_post_build(self, config) -> None:
        with as_plugin_error():  # after the pages, so that what they had to say (a review overdue) is said too
            pipeline.check_links(self.prepared, self.pages, self.files)
            pipeline.check_places(Path(config.site_dir), self.prepared)
        pipeline.finish_site(Path(config.site_dir), self.prepared)
