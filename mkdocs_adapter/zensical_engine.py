"""Zensical as the engine: the same site from the same sources, with the build's steps run around it.

Zensical (Material for MkDocs' successor) reads mkdocs.yml but runs no MkDocs plugins or hooks. So:

1. prepare (pipeline.py), as on MkDocs: data/, the link history, an overlay, checked, with the same plain
   messages; then a work folder (.zensical-build-*/, one per build) holding every page rendered by the core's macros
   (page_macros.render_page: the same checks and messages as mkdocs-macros gives), the upstream files an
   overlay does not replace, the scripts, the one stylesheet and an organisation's web pictures, and a
   configuration written from the chosen one (INHERIT merged, !ENV read) without the MkDocs plugins, with the
   values the templates show, an organisation's name, logo, copyright and menu, and Material's own design
   (theme.variant: classic);
2. `zensical build` of that folder;
3. finish (pipeline.py): each page finished as on MkDocs (credit, review dates, markup, policy), then the
   stylesheets; the result moved into the site folder.
"""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import yaml

from safeguarding_site import page_links, page_macros
from safeguarding_site.errors import BuildProblem, DataErrors

from . import engine, pipeline

WORK = ".zensical-build-"  # a folder of its own per build, inside the project: Zensical wants its pages and
# output beside its config, and two builds at once (make serve and make check, or tests side by side) must not meet
CONFIG = "zensical.yml"
OWN_PLUGINS = ("safeguarding", "macros")  # MkDocs plugins: their work is done by the steps around Zensical
VARIANT = "classic"  # Material for MkDocs' own design (Zensical's default, 'modern', is its new one)
# Overrides of Material 9's own search markup: Zensical's search is a button that opens its own dialog, drawn
# by its script in a shadow root, so its own partial is kept.
MATERIAL_ONLY = ("search.html",)


def settings_of(config: Path, raw: dict) -> pipeline.Settings:
    """What the build's first step needs, read from the configuration as MkDocs would read it."""
    plugin = next((entry["safeguarding"] for entry in raw.get("plugins") or []
                   if isinstance(entry, dict) and "safeguarding" in entry), None) or {}
    return pipeline.Settings(config_file=config, site_name=raw.get("site_name") or "",
                             site_description=raw.get("site_description") or "",
                             docs_dir=(config.parent / (raw.get("docs_dir") or "docs")).resolve(),
                             extra=dict(raw.get("extra") or {}), nav=raw.get("nav"), site_url=raw.get("site_url"),
                             stylesheets=list(plugin.get("stylesheets") or []),
                             stylesheet=plugin.get("stylesheet") or pipeline.STYLESHEET)


def page_label(project: Path, path: Path) -> str:
    return path.relative_to(project).as_posix() if path.is_relative_to(project) else path.as_posix()


dest_of = page_links.built_path  # where a page ends up in the built site (tips.md -> tips/index.html)


def lay_out(prepared: pipeline.Prepared, work: Path, today: date) -> tuple[dict[str, tuple], list[str]]:
    """The work folder's docs/: every page rendered, every other file copied, the generated files written.
    Returns, for each page's place in the site, (its file as an editor names it, its review), and the notices."""
    project, settings = prepared.project, prepared.settings
    files = pipeline.site_files(prepared)
    docs = work / "docs"
    sources: dict[str, Path] = {}
    for relative in files.upstream:  # an overlay's build: upstream files it does not replace
        sources[relative] = project / "docs" / relative
    for path in sorted(settings.docs_dir.rglob("*")):
        relative = path.relative_to(settings.docs_dir).as_posix()
        if path.is_file() and relative not in files.left_out and not any(
                part.startswith(".") for part in relative.split("/")):
            sources[relative] = path
    pages: dict[str, tuple] = {}
    notices: list[str] = []
    for relative, path in sorted(sources.items()):
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not relative.endswith(".md"):
            shutil.copy2(path, target)
            continue
        label = page_label(project, path)
        source = path.read_text(encoding="utf-8")
        rendered = page_macros.render_page(prepared.state, label, source, today)
        front = page_macros.FRONT_MATTER.match(source)
        target.write_text((front[0] if front else "") + rendered.markdown, encoding="utf-8")
        pages[dest_of(relative)] = (label, rendered.review)
        notices += [rendered.notice] if rendered.notice else []
    # After the pages, as on MkDocs, so that what they had to say (a review overdue) is said too.
    pipeline.check_links(prepared, {path: source for path, source in sources.items() if path.endswith(".md")},
                         set(sources) | set(files.generated))
    for relative, content in files.generated.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return pages, notices


def zensical_config(prepared: pipeline.Prepared, raw: dict) -> dict:
    """The configuration Zensical reads: the chosen one as MkDocs reads it, with what the MkDocs plugins did
    written in, and paths inside the work folder."""
    config = copy.deepcopy(raw)
    config.pop("INHERIT", None)
    config.pop("watch", None)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["plugins"] = [entry for entry in config.get("plugins") or []
                         if (entry if isinstance(entry, str) else next(iter(entry))) not in OWN_PLUGINS]
    theme = config.setdefault("theme", {})
    theme["custom_dir"] = "overrides"
    theme["variant"] = VARIANT
    if prepared.logo:
        theme["logo"] = prepared.logo
    if prepared.copyright is not None:
        config["copyright"] = prepared.copyright
    if prepared.nav is not None:
        config["nav"] = prepared.nav
    config.setdefault("extra", {}).update(prepared.template_values())
    return config


SHADOW_STYLE = re.compile(r'attachShadow\(\{mode:"open"\}\);[\w$]+\.appendChild\([\w$]+\("style",\{\},'
                          r'(?P<name>[\w$]+)(?:\.toString\(\))?\)\)')
JS_STRING = re.compile(r"""(?P<quote>['"])(?P<text>(?:\\.|(?!(?P=quote))[^\\\n])*)(?P=quote)""")
JS_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def js_text(literal: str) -> str:
    """A JavaScript string literal's text (without its quotes), as the browser reads it."""
    def one(match: re.Match) -> str:
        code = match[1]
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:].strip("{}"), 16))
        return JS_ESCAPES.get(code, code)
    return re.sub(r"\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)", one, literal, flags=re.S)


def injected_styles(built: Path) -> tuple[str, ...]:
    """The styles the theme's script adds to the page itself: Zensical's search draws in a shadow root with a
    <style> of its own, which a strict policy blocks unless it is allowed by its hash. Read from the script that
    was published, so a new release of the theme is read afresh (nothing found: none allowed, and the checks of
    the built site find the search's style blocked)."""
    found = []
    for script in sorted((built / "assets" / "javascripts").glob("bundle.*.min.js")):
        code = script.read_text(encoding="utf-8")
        for use in SHADOW_STYLE.finditer(code):
            value = re.search(rf"(?:\bvar |[,;{{(]){re.escape(use['name'])}=", code)
            literal = JS_STRING.match(code, value.end()) if value else None
            if literal:
                found.append(js_text(literal["text"]))
    return tuple(found)


def finish(prepared: pipeline.Prepared, built: Path, pages: dict[str, tuple]) -> None:
    """Each built page finished as on MkDocs, the style Zensical's search adds allowed by its hash; the design
    Zensical copied but the pages do not use dropped; then the stylesheets."""
    pipeline.check_places(built, prepared)
    prepared.theme_styles = injected_styles(built)
    security_policy = prepared.settings.extra.get("content_security_policy", True)
    for path in sorted(built.rglob("*.html")):
        relative = path.relative_to(built).as_posix()
        if relative.startswith("assets/"):
            continue
        label, review = pages.get(relative, (None, None))
        html = path.read_text(encoding="utf-8")
        path.write_text(pipeline.finish_page(html, relative, prepared, review, label, security_policy),
                        encoding="utf-8")
    for variant in (built / "assets" / "stylesheets").iterdir():
        if variant.is_dir() and variant.name != VARIANT:
            shutil.rmtree(variant)
    pipeline.finish_site(built, prepared)


def build(project: Path, site_dir: Path, config: str | None = None, *, echo: bool = False,
          timeout: float = 600) -> engine.BuildResult:
    """The site built by Zensical into `site_dir`, with the steps around it; a mistake gives the same plain
    message as on MkDocs, and leaves `site_dir` as it was."""
    project = Path(project).resolve()
    chosen = engine.config_file(project, config)
    refused = engine.settings_problems(project, chosen, config)
    if refused:
        return engine.BuildResult(1, refused + "\n", "", project, chosen)
    work = Path(tempfile.mkdtemp(prefix=WORK, dir=project))
    output: list[str] = []
    try:
        raw = engine.load_config(chosen)
        prepared = pipeline.prepare(project, settings_of(chosen, raw))
        pages, notices = lay_out(prepared, work, date.today())
        shutil.copytree(project / "overrides", work / "overrides", ignore=shutil.ignore_patterns(*MATERIAL_ONLY))
        (work / CONFIG).write_text(yaml.safe_dump(zensical_config(prepared, raw), sort_keys=False,
                                                  allow_unicode=True), encoding="utf-8")
        output += [f"WARNING -  {notice}\n" for notice in [*prepared.advice, *notices]]
        run = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", str(work / CONFIG),
                              "--clean"], cwd=work, env=engine.build_environment(), capture_output=True, text=True,
                             timeout=timeout)
        output.append(run.stdout + run.stderr)
        if run.returncode != 0:
            shutil.rmtree(work, ignore_errors=True)
            return engine.BuildResult(run.returncode, "".join(output), run.stderr, project, chosen)
        finish(prepared, work / "site", pages)
    except (BuildProblem, DataErrors) as exc:
        output.append(f"{exc}\n")
        shutil.rmtree(work, ignore_errors=True)
        return engine.BuildResult(1, "".join(output), "", project, chosen)
    finally:
        if echo:
            sys.stdout.write("".join(output))
    site_dir = Path(site_dir)
    shutil.rmtree(site_dir, ignore_errors=True)
    shutil.move(str(work / "site"), str(site_dir))
    shutil.rmtree(work, ignore_errors=True)
    return engine.BuildResult(0, "".join(output), "", project, chosen)


def serve(project: Path, config: str | None, host: str, port: int) -> int:
    """The site built by Zensical and served from disk, built again whenever a source file changes."""
    from safeguarding_site import static_server

    project = Path(project).resolve()
    site = project / ".zensical-serve"
    watched = [project / part for part in ("docs", "data", "overrides", "styles", "browser", "org", "examples")]

    def stamp() -> float:
        times = [path.stat().st_mtime for folder in watched if folder.exists() for path in folder.rglob("*")]
        return max(times + [engine.config_file(project, config).stat().st_mtime])

    last, server = None, None
    try:
        while True:
            now = stamp()
            if now != last:
                last = now
                result = build(project, site, config, echo=True)
                if not result.ok:
                    print("\n".join(result.problems) or result.output, file=sys.stderr)
                elif server is None:
                    server = static_server.start(site, host=host, port=port)
                    print(f"Serving the site built by Zensical on {server.url} (it is built again when a file"
                          " changes; reload the page to see it). Press Ctrl+C to stop.", flush=True)
            time.sleep(1)
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.stop()
