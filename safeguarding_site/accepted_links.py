"""data/accepted-links.yml beyond its schema: each entry names an address the site uses, and its dates
make sense today.

The schema (models.AcceptedLink) checks each entry on its own: the fields, real dates, `until` not
before `checked_on` and at most a year after it. What needs the rest of the site, or today's date, is
here, and both the build and the link check ask it:

- an entry whose address the site does not use (a typing slip such as https for http, or a resource
  whose address has since changed) is an error: it would quietly cover nothing;
- a `checked_on` after today is an error (one day's grace, for a clock in another time zone);
- an entry whose `until` has passed is a notice, not an error: the address is simply checked afresh,
  and a date passing must never stop the site being built or checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from .errors import DataError
from .models import AcceptedLink
from .yaml_source import YamlSource

CLOCK_GRACE = timedelta(days=1)  # an editor a time zone ahead of the checker may write tomorrow's date
# Where the site's pages and templates take links from, besides data/: searched as text, so a link
# written in a page or a template counts as used.
TEXT_SOURCES = ("docs/**/*.md", "overrides/**/*.html", "mkdocs*.yml")


def _loose(url: str) -> tuple[str, str, str]:
    """An address with the differences people slip on left out: http/https, www., case, a final /."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    return host, parts.path.rstrip("/"), parts.query


@dataclass
class KnownAddresses:
    """The addresses the site uses: from the data, found by the link check, or written in a page."""

    addresses: set[str] = field(default_factory=set)
    text: str = ""  # the pages', templates' and overlay's own text

    def __contains__(self, url: str) -> bool:
        return url in self.addresses or url in self.text

    def close_to(self, url: str) -> str | None:
        """A used address that differs from `url` only in a way people slip on, if there is one."""
        wanted = _loose(url)
        return next((known for known in sorted(self.addresses) if _loose(known) == wanted), None)


def site_texts(project: Path, overlay_dir: str | None = "org") -> str:
    """The text of the pages, templates and configs (and an organisation's overlay), to find addresses in."""
    patterns = list(TEXT_SOURCES)
    if overlay_dir:
        patterns += [f"{overlay_dir}/**/*.md", f"{overlay_dir}/**/*.yml", f"{overlay_dir}/**/*.html"]
    texts = []
    for pattern in patterns:
        for path in sorted(Path(project).glob(pattern)):
            try:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
    return "\n".join(texts)


def known_addresses(addresses: Iterable[str], project: Path | None = None,
                    overlay_dir: str | None = "org") -> KnownAddresses:
    return KnownAddresses(set(addresses), site_texts(project, overlay_dir) if project else "")


def acceptance_problems(source: YamlSource, accepted: list[AcceptedLink], today: date,
                        known: KnownAddresses | None) -> tuple[list[DataError], list[str]]:
    """(errors, notices) for the entries of one acceptance file. `known` None: addresses not checked."""
    errors: list[DataError] = []
    notices: list[str] = []
    for index, entry in enumerate(accepted):
        def where(name: str) -> dict:
            return dict(entry=f"'{entry.url}' (accepted #{index + 1})", field=name,
                        line=source.line_of(("accepted", index, name)))

        if known is not None and entry.url not in known:
            close = known.close_to(entry.url)
            hint = f" Did you mean {close}?" if close else ""
            errors.append(DataError(
                source.label, f"the site does not use this address (no resource, no other data and no page links to"
                f" it).{hint} Copy the address exactly as the link check report gives it, or remove the entry if"
                " the address is no longer used", **where("url")))
        if entry.checked_on > today + CLOCK_GRACE:
            errors.append(DataError(
                source.label, f"is after today ({today.isoformat()}): write the day a person checked the address",
                **where("checked_on")))
        elif entry.until < today:
            notices.append(str(DataError(
                source.label, f"this acceptance ended on {entry.until.isoformat()}, so the address is checked afresh"
                " (and may show as needs-review again). Once a person has checked it again, give new checked_on and"
                " until dates; or remove the entry", **where("until"))))
    return errors, notices
