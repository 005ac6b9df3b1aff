"""The mkdocs-macros pluglet (mkdocs.yml: `macros: modules: [mkdocs_adapter.macros]`): the macros pages
call, and the checks that make a wrongly written call a plain message naming the page and its line.

Every macro is a one-line call into `safeguarding_site.render`, with data the plugin read for this
build (mkdocs_adapter/build.py), so the rendering stays plain, tested Python that another site
engine could call just as well.
"""
from __future__ import annotations

import inspect
import re
from datetime import date
from functools import partial
from pathlib import Path

import jinja2
import jinja2.meta
from mkdocs.exceptions import PluginError

from safeguarding_site import render
from safeguarding_site.errors import MacroCallError
from safeguarding_site.front_matter import front_matter_problem
from safeguarding_site.overlay import own_pages
from safeguarding_site.review import ReviewError, review_of

from . import build as site_build
from .advice import advisory_logger

BUILT_IN_MACROS = {"context", "macros_info", "now", "fix_url"}
# Overdue reviews are reported, but must not fail a --strict build on the day a date passes.
review_log = advisory_logger("review")


def project_root(env) -> Path:
    return Path(env.conf["config_file_path"]).resolve().parent


def page_label(env, page) -> str:
    """The page's path as an editor sees it, e.g. docs/tips.md (or org/docs/our-guidelines.md)."""
    source = Path(page.file.abs_src_path or Path(env.conf["docs_dir"]) / page.file.src_uri).resolve()
    try:
        return source.relative_to(project_root(env)).as_posix()
    except ValueError:
        return source.as_posix()


def define_env(env):
    site = site_build.current()
    data, organisation, links = site.data, site.organisation, site.links
    problems = site.macro_problems

    def our_organisation():
        if organisation is None:
            raise MacroCallError("this macro is for an organisation's own site: it needs extra.organisation_dir,"
                             " set in mkdocs.org.yml (see docs/for-organisations.md)")
        return organisation

    def macro(fn, name: str | None = None):
        """Register fn; a wrongly written call or an unknown id becomes a plain build error naming the page."""
        name = name or fn.__name__
        signature = inspect.signature(fn)
        signature = signature.replace(parameters=[p.replace(annotation=inspect.Parameter.empty)
                                                  for p in signature.parameters.values()],
                                      return_annotation=inspect.Signature.empty)

        def safe(*args, **kwargs):
            call = f"{name}({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"

            def place() -> str:
                return where(env, env.page, line_of_call(env.markdown, name, args))
            try:
                signature.bind(*args, **kwargs)
            except TypeError:
                problems.append(f"{place()}, macro {call}: it is written {name}{signature}")
                return ""
            try:
                return fn(*args, **kwargs)
            except MacroCallError as exc:
                problems.append(f"{place()}, macro {call}: {exc}")
            return ""
        safe.__name__ = name
        return env.macro(safe, name)

    # Macros that take nothing: what each shows, from the data.
    publication, licence = data.publication, data.publication.licence
    for name, show in {
        "attribution": partial(render.attribution, publication),
        "publisher_contact": partial(render.publisher_contact, publication),
        "information_sheets": partial(render.information_sheets, publication),
        "newsletter_link": partial(render.plain_link, publication.updates.newsletter.url),
        "licence_link": partial(render.plain_link, licence.url, f"{licence.name} ({licence.short_name})"),
        "review_plan": partial(render.review_plan, data),
        "guideline_reference": partial(render.guideline_reference, data.guidelines_file),
        "glossary": partial(render.glossary, data),
    }.items():
        macro(show, name)

    @macro
    def changes():
        if organisation is None:
            return render.changes(publication, links.last_checked)
        pages = own_pages(organisation, site.project / "docs")
        return render.changes(publication, links.last_checked, organisation.details, pages.added, pages.replaced)

    @macro
    def guidelines_worksheet(level=2):
        return render.guidelines_worksheet(data, level, organisation.details if organisation else None)

    @macro
    def urgent_help(level=2):
        return site.urgent_help(level)

    @macro
    def resource_card(resource_id, level=3):
        return render.resource_card(data.resource(resource_id), data.resources_file, level,
                                    links.by_source.get(resource_id))

    @macro
    def resource_directory(level=2):
        return render.resource_directory(data, links.by_source, links.last_checked, level)

    @macro
    def resource_link(resource_id, text=None):
        return render.resource_link(data.resource(resource_id), text)

    @macro
    def checklist(checklist_id):
        return render.checklist(data.checklist(checklist_id))

    @macro
    def example_stances(topic_id):
        return render.example_stances(data.topic(topic_id))

    @macro
    def statistic(statistic_id):
        return render.statistic_sentence(data.statistic(statistic_id))

    @macro
    def statistics_list(source_id):
        return render.statistics_list(data, source_id)

    @macro
    def statistic_source(source_id):
        return render.source_citation(data.source(source_id))

    # An organisation's own site only (extra.organisation_dir in its mkdocs.org.yml).
    @macro
    def our_guidelines(level=2):
        org = our_organisation()
        return render.guidelines(data.rules(), data.guidelines_file, org.guidelines, org.details, level)

    @macro
    def organisation_contact():
        return render.organisation_contact(our_organisation().details)

    @macro
    def organisation_name():
        return render.plain_text(our_organisation().details.name)


def body_offset(source: str, markdown: str) -> int:
    """How many lines of the page's file come before `markdown` (its text without front matter)."""
    start = source.find(markdown[:200]) if markdown.strip() else -1
    return source.count("\n", 0, start) if start > 0 else 0


def line_of_call(markdown: str, name: str, args: tuple = ()) -> int | None:
    """The line (in `markdown`) of the first call of macro `name`, preferring one with these arguments."""
    calls = [number for number, line in enumerate(markdown.splitlines(), start=1)
             if re.search(rf"\b{re.escape(name)}\s*\(", line)]
    wanted = [number for number in calls if all(str(arg) in markdown.splitlines()[number - 1]
                                                for arg in args if isinstance(arg, (str, int)))]
    return (wanted or calls or [None])[0]


def where(env, page, line: int | None = None) -> str:
    """'docs/tips.md' or 'docs/tips.md, line 12': the page's file and, when known, its own line."""
    label = page_label(env, page)
    if line is None:
        return label
    return f"{label}, line {line + body_offset(page.file.content_string, env.markdown)}"


def check_macro_calls(env, page) -> None:
    """Syntax errors and unknown names stop the build with the page's own line, before mkdocs-macros
    renders the page (it would only print a warning about the page's text and stop without a word)."""
    markdown = env.markdown
    try:
        tree = env.env.parse(markdown)
    except jinja2.TemplateSyntaxError as exc:
        lines = markdown.splitlines()
        text = lines[exc.lineno - 1].strip() if exc.lineno and exc.lineno <= len(lines) else ""
        raise PluginError(f"Problem in {where(env, page, exc.lineno)}: this macro call is not written correctly"
                          f" ({exc.message}): {text}. A call looks like {{{{ checklist(\"tips\") }}}}, with"
                          " quotes round each id and brackets closed.") from None
    known = set(env.macros) | set(env.variables) | set(env.env.globals) | set(page.meta or {})
    unknown = sorted(jinja2.meta.find_undeclared_variables(tree) - known)
    if unknown:
        line = line_of_call(markdown, unknown[0]) or next(
            (n for n, text in enumerate(markdown.splitlines(), start=1) if unknown[0] in text), None)
        raise PluginError(f"Problem in {where(env, page, line)}: no macro is called {', '.join(map(repr, unknown))} "
                          f"(macros: {', '.join(sorted(n for n in env.macros if n not in BUILT_IN_MACROS))})")


def on_pre_page_macros(env):
    """Check the page's front matter and macro calls and work out its review date; problems stop the
    build, naming the page (and its line)."""
    page = env.page
    problem = front_matter_problem(page.file.content_string)
    if problem:
        raise PluginError(f"Problem in {page_label(env, page)}: {problem}")
    check_macro_calls(env, page)
    try:
        review = review_of(page.meta, date.today())
    except ReviewError as exc:
        raise PluginError(f"Problem in {page_label(env, page)}: {exc}") from None
    page.meta["review"] = review
    if review.overdue:
        review_log.warning(f"Review overdue: {page_label(env, page)} was last reviewed on "
                           f"{review.last_reviewed_text}; its review was due on {review.due_text}")


def on_post_page_macros(env):
    problems = site_build.current().macro_problems
    if problems:
        found = list(problems)
        problems.clear()
        raise PluginError("Problem in a page's macros:\n  - " + "\n  - ".join(found))


class _Collector:
    """Stands in for mkdocs-macros, so `define_env` registers the macros here."""

    def __init__(self):
        self.variables, self.macros, self.page, self.markdown = {}, {}, None, ""

    def macro(self, fn, name=None):
        self.macros[name or fn.__name__] = fn
        return fn


def prerender(project: Path, pages: dict) -> dict:
    """Each page's Markdown with every macro call replaced by its output, as if built with no macros
    plugin at all (`make bench` times the data layer this way)."""
    from safeguarding_site.link_history import LinkNotices
    from safeguarding_site.loading import load_site_data

    data = load_site_data(Path(project) / "data")
    site_build.start(site_build.SiteBuild(project=Path(project), data=data, links=LinkNotices(),
                                          credit=render.attribution(data.publication)))
    collector = _Collector()
    define_env(collector)
    templates = jinja2.Environment(comment_start_string="{##", comment_end_string="##}")
    return {key: templates.from_string(text).render(**collector.macros) for key, text in pages.items()}
