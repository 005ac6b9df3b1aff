"""The macros pages call ({{ checklist("tips") }} ...), and the checks that make a wrongly written page a
plain message naming the page and its line. Engine-neutral: mkdocs-macros calls these through the thin
module in macros/; an engine without it (Zensical) gets each page rendered here first (`render_page`).

Every macro is a one-line call into `render`, with the data this build read (site_state.py).
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

import jinja2
import jinja2.meta

from . import render
from .errors import BuildProblem, MacroCallError
from .front_matter import front_matter_problem
from .overlay import own_pages
from .review import Review, ReviewError, review_of
from .site_state import SiteState

# mkdocs-macros' own names, which a page may use but which are not ours to list.
BUILT_IN_MACROS = {"context", "macros_info", "now", "fix_url"}
# Jinja comments are {## ##}, so that Markdown's {#anchor} attributes work in pages (mkdocs.yml says the same
# to mkdocs-macros).
COMMENTS = {"comment_start_string": "{##", "comment_end_string": "##}"}


def macros(state: SiteState) -> dict[str, Callable]:
    """Every macro by name, each a plain function of this build's data (a bad id raises MacroCallError)."""
    data, organisation, links = state.data, state.organisation, state.links
    publication, licence = data.publication, data.publication.licence

    def our_organisation():
        if organisation is None:
            raise MacroCallError("this macro is for an organisation's own site: it needs extra.organisation_dir,"
                                 " set in mkdocs.org.yml (see docs/for-organisations.md)")
        return organisation

    def changes():
        if organisation is None:
            return render.changes(publication, links.last_checked)
        pages = own_pages(organisation, state.project / "docs")
        return render.changes(publication, links.last_checked, organisation.details, pages.added, pages.replaced)

    def guidelines_worksheet(level=2):
        return render.guidelines_worksheet(data, level, organisation.details if organisation else None)

    def urgent_help(level=2):
        return state.urgent_help(level)

    def resource_card(resource_id, level=3):
        return render.resource_card(data.resource(resource_id), data.resources_file, level,
                                    links.by_source.get(resource_id))

    def resource_directory(level=2):
        return render.resource_directory(data, links.by_source, links.last_checked, level)

    def resource_link(resource_id, text=None):
        return render.resource_link(data.resource(resource_id), text)

    def checklist(checklist_id):
        return render.checklist(data.checklist(checklist_id))

    def example_stances(topic_id):
        return render.example_stances(data.topic(topic_id))

    def statistic(statistic_id):
        return render.statistic_sentence(data.statistic(statistic_id))

    def statistics_list(source_id):
        return render.statistics_list(data, source_id)

    def statistic_source(source_id):
        return render.source_citation(data.source(source_id))

    # An organisation's own site only (extra.organisation_dir in its mkdocs.org.yml).
    def our_guidelines(level=2):
        org = our_organisation()
        return render.guidelines(data.rules(), data.guidelines_file, org.guidelines, org.details, level)

    def organisation_contact():
        return render.organisation_contact(our_organisation().details)

    def organisation_name():
        return render.plain_text(our_organisation().details.name)

    fixed = {  # macros that take nothing: what each shows, from the data
        "attribution": partial(render.attribution, publication),
        "publisher_contact": partial(render.publisher_contact, publication),
        "information_sheets": partial(render.information_sheets, publication),
        "newsletter_link": partial(render.plain_link, publication.updates.newsletter.url),
        "licence_link": partial(render.plain_link, licence.url, f"{licence.name} ({licence.short_name})"),
        "review_plan": partial(render.review_plan, data),
        "guideline_reference": partial(render.guideline_reference, data.guidelines_file),
        "glossary": partial(render.glossary, data),
    }
    named = [changes, guidelines_worksheet, urgent_help, resource_card, resource_directory, resource_link, checklist, example_stances,
             statistic, statistics_list, statistic_source, our_guidelines, organisation_contact, organisation_name]
    return {**fixed, **{fn.__name__: fn for fn in named}}


@dataclass
class PageSource:
    """A page as its author wrote it: the file as named in messages, its whole text, and its text without the
    front matter (what the macros see)."""

    label: str
    source: str
    markdown: str

    def where(self, line: int | None = None) -> str:
        """'docs/tips.md' or 'docs/tips.md, line 12': the page's file and, when known, its own line."""
        if line is None:
            return self.label
        return f"{self.label}, line {line + body_offset(self.source, self.markdown)}"


def guarded(fn: Callable, name: str, page: Callable[[], PageSource], problems: list[str]) -> Callable:
    """`fn` as a page calls it: a wrongly written call or an unknown id becomes a plain message (collected in
    `problems`, naming the page and its line) and shows nothing, instead of a traceback."""
    signature = inspect.signature(fn)
    signature = signature.replace(parameters=[p.replace(annotation=inspect.Parameter.empty)
                                              for p in signature.parameters.values()],
                                  return_annotation=inspect.Signature.empty)

    def safe(*args, **kwargs):
        call = f"{name}({', '.join([repr(a) for a in args] + [f'{k}={v!r}' for k, v in kwargs.items()])})"

        def place() -> str:
            current = page()
            return current.where(line_of_call(current.markdown, name, args))
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
    return safe


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


def check_calls(page: PageSource, environment: jinja2.Environment, known: set[str], ours: set[str]) -> None:
    """A syntax error in the page's macro calls, or a name that is none of the `known` ones, is a BuildProblem
    with its line, listing `ours` (mkdocs-macros would only print a warning about the page's text and stop
    without a word)."""
    markdown = page.markdown
    try:
        tree = environment.parse(markdown)
    except jinja2.TemplateSyntaxError as exc:
        lines = markdown.splitlines()
        text = lines[exc.lineno - 1].strip() if exc.lineno and exc.lineno <= len(lines) else ""
        raise BuildProblem(f"Problem in {page.where(exc.lineno)}: this macro call is not written correctly"
                           f" ({exc.message}): {text}. A call looks like {{{{ checklist(\"tips\") }}}}, with"
                           " quotes round each id and brackets closed.") from None
    unknown = sorted(jinja2.meta.find_undeclared_variables(tree) - known)
    if unknown:
        line = line_of_call(markdown, unknown[0]) or next(
            (n for n, text in enumerate(markdown.splitlines(), start=1) if unknown[0] in text), None)
        raise BuildProblem(f"Problem in {page.where(line)}: no macro is called {', '.join(map(repr, unknown))} "
                           f"(macros: {', '.join(sorted(ours - BUILT_IN_MACROS))})")


def check_front_matter(page: PageSource) -> None:
    """Front matter MkDocs could not read is a BuildProblem saying why, naming the page (front_matter.py)."""
    problem = front_matter_problem(page.source)
    if problem:
        raise BuildProblem(f"Problem in {page.label}: {problem}")


def page_review(page: PageSource, meta: dict, today: date) -> Review:
    """The page's review worked out from its front matter; a missing or wrong field is a BuildProblem."""
    try:
        return review_of(meta, today)
    except ReviewError as exc:
        found = re.search(rf"^{exc.field}\s*:", page.source, re.M) if exc.field else None
        where = f"{page.label}, line {page.source.count(chr(10), 0, found.start()) + 1}" if found else page.label
        raise BuildProblem(f"Problem in {where}: {exc}") from None


def problems_found(problems: list[str]) -> None:
    """The macro problems collected while a page rendered, as one BuildProblem (and the list emptied)."""
    if problems:
        found = list(problems)
        problems.clear()
        raise BuildProblem("Problem in a page's macros:\n  - " + "\n  - ".join(found))


def overdue_notice(page: PageSource, review: Review) -> str | None:
    """What the build says of a page whose review is overdue (a notice: a date passing stops nothing)."""
    if not review.overdue:
        return None
    return (f"Review overdue: {page.label} was last reviewed on {review.last_reviewed_text}; its review was due on"
            f" {review.due_text}")


FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(?P<meta>.*?)\n(?:---|\.\.\.)[ \t]*\n", re.S)


def split_front_matter(source: str) -> tuple[dict, str]:
    """(front matter as read, the text after it), as MkDocs reads a page."""
    import yaml

    match = FRONT_MATTER.match(source)
    if not match:
        return {}, source
    try:
        meta = yaml.safe_load(match["meta"]) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), source[match.end():]


@dataclass
class RenderedPage:
    markdown: str  # the page's text with every macro call replaced by its output (front matter left out)
    meta: dict
    review: Review
    notice: str | None


def render_page(state: SiteState, label: str, source: str, today: date) -> RenderedPage:
    """A page rendered before an engine without mkdocs-macros reads it: the same checks, the same macros and
    the same messages as on MkDocs, then the page's own text with each call replaced by its output."""
    meta, markdown = split_front_matter(source)
    page = PageSource(label, source, markdown)
    check_front_matter(page)
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, **COMMENTS)
    functions = {name: guarded(fn, name, lambda: page, state.macro_problems) for name, fn in macros(state).items()}
    check_calls(page, environment, set(functions) | set(meta), set(functions))
    review = page_review(page, meta, today)
    text = environment.from_string(markdown).render(**meta, **functions) if "{" in markdown else markdown
    problems_found(state.macro_problems)
    return RenderedPage(text, meta, review, overdue_notice(page, review))

