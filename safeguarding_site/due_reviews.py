"""What is due for review on an organisation's copy of the site: its guidelines, once their next review date
has come (a year after they were agreed, unless `review_on` says otherwise), and every page whose
`last_reviewed` + `review_in` has passed (safeguarding_site/review.py).

Plain functions over the project's files, and a command for the weekly workflow
(.github/workflows/due-reviews.yml), which keeps one GitHub issue listing what is due:

    python -m safeguarding_site.due_reviews [--project DIR] [--config mkdocs.org.yml] [--today YYYY-MM-DD]

It prints the issue's text (Markdown) and exits 0 when nothing is due, 1 when something is, and 2 when it
could not look (a settings or data file it cannot read), with the reason on stderr.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from .errors import DataError, DataErrors
from .loading import _read_sources, _validate_all
from .models import OurGuidelinesFile
from .review import MONTHS, NEXT_REVIEW_AFTER_YEARS, ReviewError, add_period, long_date, review_of

ORG_CONFIG = "mkdocs.org.yml"
UPSTREAM_CONFIG = "mkdocs.yml"
OUR_GUIDELINES = Path("data") / "our-guidelines.yml"
AGREED_PHRASE = re.compile(r"^\s*(?:by\s+)?(?P<by>.*?)(?:,?\s+on\s+(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+"
                           r"(?P<year>\d{4}))?\s*\.?\s*$", re.IGNORECASE)


def next_review_from(day: date) -> date:
    """The next review after `day`: the same day a year later (29 February: the 28th), as the browser works it
    out (browser/due.js)."""
    return add_period(day, f"{NEXT_REVIEW_AFTER_YEARS} years")


def agreed_parts(phrase: str) -> tuple[str, date | None]:
    """An older file's one phrase, 'by our trustees on 3 November 2026', as ('our trustees', its day)."""
    match = AGREED_PHRASE.match(phrase or "")
    if not match:
        return phrase.strip(), None
    day = None
    if match["month"] and match["month"].capitalize() in MONTHS:
        try:
            day = date(int(match["year"]), MONTHS.index(match["month"].capitalize()) + 1, int(match["day"]))
        except ValueError:
            day = None
    if day is None:
        return phrase.strip().removeprefix("by ").strip(), None
    return match["by"].strip(), day


@dataclass(frozen=True)
class Agreement:
    """Who agreed an organisation's guidelines, when, and when they are next to be reviewed."""

    by: str | None
    role: str | None
    on: date | None
    review_on: date | None
    review_given: bool  # review_on was written in the file (not a year after agreed_on)

    @property
    def who(self) -> str | None:
        """'Jo Patel, chair of trustees'."""
        return ", ".join(part for part in (self.by, self.role) if part) or None


def agreement(choices: OurGuidelinesFile | None) -> Agreement:
    """The agreement from org/data/our-guidelines.yml, in either of its forms; the review date is a year after
    the day they were agreed unless the file gives one."""
    if choices is None:
        return Agreement(None, None, None, None, False)
    by, on = (choices.agreed_by, choices.agreed_on)
    if choices.agreed:
        by, on = agreed_parts(choices.agreed)
    review_on = choices.review_on or (next_review_from(on) if on else None)
    return Agreement(by or None, choices.agreed_role, on, review_on, choices.review_on is not None)


@dataclass(frozen=True)
class DueItem:
    """One thing to look at again: where it is, what it is called, and what to say about it."""

    path: str  # as an editor finds it, e.g. org/docs/who-to-talk-to.md
    title: str
    due: date | None
    words: str


@dataclass
class DueList:
    guidelines: list[DueItem]
    own_pages: list[DueItem]
    upstream_pages: list[DueItem]

    @property
    def anything(self) -> bool:
        return bool(self.guidelines or self.own_pages or self.upstream_pages)


def due_guidelines(org_dir: Path, label: str, today: date) -> list[DueItem]:
    """The organisation's guidelines, when their review date has come; DataErrors when the file cannot be read."""
    sources = _read_sources(org_dir / "data", f"{label}/data", {"our-guidelines": OurGuidelinesFile})
    choices = _validate_all(sources, {"our-guidelines": OurGuidelinesFile})["our-guidelines"]
    agreed = agreement(choices)
    path = f"{label}/{OUR_GUIDELINES.as_posix()}"
    if agreed.review_on is None or today < agreed.review_on:
        return []
    since = "Agreed" + (f" by {agreed.who}," if agreed.who else "") + (f" on {long_date(agreed.on)}" if agreed.on else "")
    due = (f"Their next review was planned for {long_date(agreed.review_on)}." if agreed.review_given
           else f"Their review was due on {long_date(agreed.review_on)}, a year later.")
    return [DueItem(path, "Our guidelines", agreed.review_on, f"{since.rstrip(',')}. {due}")]


def front_matter(text: str) -> dict | None:
    """The page's front matter as a dict, or None when it has none that can be read."""
    lines = text.lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            try:
                data = yaml.safe_load("\n".join(lines[1:number]))
            except yaml.YAMLError:
                return None
            return data if isinstance(data, dict) else None
    return None


def due_pages(folder: Path, label: str, today: date, skip: set[str] = frozenset()) -> list[DueItem]:
    """Every page in `folder` (but those in `skip`) whose review date has passed, or that has none to read."""
    found = []
    for path in sorted(Path(folder).rglob("*.md")):
        relative = path.relative_to(folder).as_posix()
        if relative in skip or any(part.startswith(".") for part in relative.split("/")):
            continue
        where = f"{label}/{relative}"
        meta = front_matter(path.read_text(encoding="utf-8", errors="replace")) or {}
        title = str(meta.get("title") or relative)
        try:
            review = review_of(meta, today)
        except ReviewError as exc:
            found.append(DueItem(where, title, None, f"Its review date cannot be worked out: {exc}."))
            continue
        if review.overdue:
            found.append(DueItem(where, title, review.due,
                                 f"Last reviewed on {review.last_reviewed_text}; its review was due on"
                                 f" {review.due_text}."))
    return found


def settings(project: Path, config: str | None) -> tuple[str, str | None]:
    """(the settings file's name, its extra.organisation_dir or None). Tags such as !ENV are read as text."""
    name = config or (ORG_CONFIG if (project / ORG_CONFIG).is_file() else UPSTREAM_CONFIG)
    path = project / name
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("!", lambda load, suffix, node: None)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506 (a safe loader)
    except OSError:
        raise DataErrors([DataError(name, "the settings file is missing")]) from None
    except yaml.YAMLError as exc:
        raise DataErrors([DataError(name, f"this is not valid YAML ({exc})")]) from None
    extra = data.get("extra") if isinstance(data, dict) else None
    org_dir = extra.get("organisation_dir") if isinstance(extra, dict) else None
    return name, org_dir if isinstance(org_dir, str) and org_dir.strip() else None


def due_list(project: Path, today: date, config: str | None = None) -> DueList:
    """What is due on the copy `project` builds with `config` (its mkdocs.org.yml when it has one)."""
    project = Path(project)
    _, org_dir = settings(project, config)
    guidelines: list[DueItem] = []
    own: list[DueItem] = []
    replaced: set[str] = set()
    if org_dir:
        org_path = project / org_dir
        guidelines = due_guidelines(org_path, org_dir, today)
        own = due_pages(org_path / "docs", f"{org_dir}/docs", today)
        replaced = {path.relative_to(org_path / "docs").as_posix() for path in (org_path / "docs").rglob("*.md")}
    upstream = due_pages(project / "docs", "docs", today, skip=replaced)
    return DueList(guidelines, own, upstream)


MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")


def plain(text: str) -> str:
    """Text written into the issue as text: no link, HTML or emphasis, and no @mention (a page title is data)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split())).replace("@", "@\u200b")


def issue_body(found: DueList, today: date, org: bool = True) -> str:
    """The issue's text: what is due, each with what to do."""
    out = [f"Checked on {long_date(today)}."]
    if not found.anything:
        return "\n".join(out + ["", "Nothing is due for review."]) + "\n"
    if found.guidelines:
        path = found.guidelines[0].path
        out += ["", "## Your guidelines", "",
                "Go through them again together, and agree any changes. On the Guidelines worksheet, open"
                f" `{path}`, make the changes, and give the new date they were agreed. \"Compare with an earlier"
                " version\" lists what changed. Then save the file for your copy of the site, and upload it in place"
                f" of `{path}`.", ""]
        out += [f"- [ ] **{plain(item.title)}** (`{item.path}`): {plain(item.words)}" for item in found.guidelines]
    if found.own_pages:
        out += ["", "## Your pages" if org else "## Pages", "",
                "Check that each page still says what you want. Then set `last_reviewed` at its top to the day you"
                " checked it.", ""]
        out += [f"- [ ] **{plain(item.title)}** (`{item.path}`): {plain(item.words)}" for item in found.own_pages]
    if found.upstream_pages:
        heading = "## Pages from the project your copy is built on" if org else "## Pages"
        advice = ("These pages come from the project your copy was made from. Take its latest updates: a newer"
                  " version of a page may have been checked since. If a page is still listed after that, tell the"
                  " project." if org else "Check that each page still says what it should. Then set"
                  " `last_reviewed` at its top to the day you checked it.")
        out += ["", heading, "", advice, ""]
        out += [f"- [ ] **{plain(item.title)}** (`{item.path}`): {plain(item.words)}"
                for item in found.upstream_pages]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m safeguarding_site.due_reviews",
                                     description="List what is due for review: the guidelines and the pages.")
    parser.add_argument("--project", type=Path, default=Path("."), help="the project folder (default: here)")
    parser.add_argument("--config", help=f"the settings file (default: {ORG_CONFIG} when there is one)")
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="the day to check for, YYYY-MM-DD")
    args = parser.parse_args(argv)
    today = args.today or date.today()
    try:
        _, org_dir = settings(args.project, args.config)
        found = due_list(args.project, today, args.config)
    except (DataError, DataErrors) as exc:
        print(f"Could not list what is due for review: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(issue_body(found, today, org=org_dir is not None))
    return 1 if found.anything else 0


if __name__ == "__main__":
    sys.exit(main())
