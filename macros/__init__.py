"""The mkdocs-macros module (mkdocs.yml: `macros: modules: [macros]`): the macros pages call, and the checks of
each page, all from the core (safeguarding_site/page_macros.py) with this build's data (site_state.py).

Thin on purpose: an engine without mkdocs-macros (Zensical) gets the same macros, checks and messages from
page_macros.render_page, called before it reads the pages (mkdocs_adapter/zensical_engine.py).
"""
from __future__ import annotations

from datetime import date

from safeguarding_site import page_macros, site_state
from safeguarding_site.errors import BuildProblem

from mkdocs_adapter.advice import advisory_logger, as_plugin_error

# Overdue reviews are reported, but must not fail a --strict build on the day a date passes.
review_log = advisory_logger("review")


def page_of(env) -> page_macros.PageSource:
    """The page mkdocs-macros is rendering, as the core names it (its file as an editor sees it)."""
    from pathlib import Path

    page = env.page
    project = Path(env.conf["config_file_path"]).resolve().parent
    source = Path(page.file.abs_src_path or Path(env.conf["docs_dir"]) / page.file.src_uri).resolve()
    label = source.relative_to(project).as_posix() if source.is_relative_to(project) else source.as_posix()
    return page_macros.PageSource(label, page.file.content_string, env.markdown)


def define_env(env):
    with as_plugin_error():
        state = site_state.current()
    for name, fn in page_macros.macros(state).items():
        env.macro(page_macros.guarded(fn, name, lambda: page_of(env), state.macro_problems), name)


def on_pre_page_macros(env):
    """The page's front matter and macro calls checked, and its review worked out (page.meta['review'], which
    the finishing step shows); a mistake stops the build, naming the page and its line."""
    page = page_of(env)
    with as_plugin_error():
        page_macros.check_front_matter(page)
        known = set(env.macros) | set(env.variables) | set(env.env.globals) | set(env.page.meta or {})
        page_macros.check_calls(page, env.env, known, set(env.macros))
        review = page_macros.page_review(page, env.page.meta, date.today())
    env.page.meta["review"] = review
    notice = page_macros.overdue_notice(page, review)
    if notice:
        review_log.warning(notice)


def on_post_page_macros(env):
    with as_plugin_error():
        page_macros.problems_found(site_state.current().macro_problems)


def prerender(project, pages: dict) -> dict:
    """Each page's Markdown with every macro call replaced by its output, as if built with no macros plugin at all
    (`make bench` times the data layer this way)."""
    from pathlib import Path

    from mkdocs_adapter import pipeline

    state = pipeline.state_for_data(Path(project))
    return {key: page_macros.render_page(state, str(key), text, date.today()).markdown for key, text in pages.items()}
