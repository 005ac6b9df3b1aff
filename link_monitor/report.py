"""The two reports: Markdown for an editor (and the GitHub issue), JSON for tools."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from safeguarding_site.link_history import LinkRecord, LinkState
from safeguarding_site.models import SLUG_PATTERN
from safeguarding_site.review import long_date

from .classify import PERMANENT_REDIRECTS, STATUSES
from .markdown import markdown_link as _link
from .markdown import markdown_text as _md
from .moves import Moves

RESOURCE_ID = re.compile(SLUG_PATTERN)
MEANINGS = {
    "ok": "the page answered normally.",
    "redirected": "the address forwards to another one; the report gives the new address.",
    "transient": "this run did not reach the page, but that is not yet a reason to act: the site may be "
                 "busy or blocking automated checks (429, 5xx, time-outs, dropped connections, other "
                 "refusals), or it failed for the first time (404, 410, unknown host, refused connection, "
                 "TLS failure, redirect loop) and will be called dead only if the next run sees the same.",
    "needs-review": "the address answers, but a person should check it still leads where its card says: it now "
                    "leads to another site, reads as \"not found\" or as a parked or for-sale domain, its title "
                    "or main heading changed, or it has not been reached in four runs in a row.",
    "dead": "the page failed with a 404, 410, unknown host name, refused connection, TLS failure or "
            "redirect loop in two runs in a row.",
}


@dataclass
class SiteLink:
    """A link inside the built site (checked on the local copy, so no second run is needed)."""

    link: str
    pages: list[str]
    status: str  # ok | dead
    http_code: int | None = None
    error: str | None = None


@dataclass
class RunSummary:
    today: date
    state: LinkState
    checked: set[str]  # URLs this run reached a verdict on
    site_links: list[SiteLink] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    seconds: float = 0.0
    hit_time_limit: bool = False
    url_list: str | None = None  # the --urls file, when the addresses came from one instead of data/
    accepted_file: str = "data/accepted-links.yml"  # where an editor accepts an address
    notices: list[str] = field(default_factory=list)  # about that file: an acceptance that ended, HTML in it
    moves: Moves = field(default_factory=Moves)  # permanent moves to the same page (link_monitor.moves)

    def counts(self) -> dict[str, int]:
        counts = {status: 0 for status in reversed(STATUSES)}
        for record in self.state.links.values():
            counts[record.status] += 1
        counts["dead_site_links"] = sum(1 for link in self.site_links if link.status == "dead")
        return counts

    @property
    def needs_a_person(self) -> bool:
        """Anything dead or needing review: exit status 1, and the weekly issue stays open."""
        counts = self.counts()
        return bool(counts["dead"] or counts["needs-review"] or counts["dead_site_links"])


def where_to_edit(record: LinkRecord, url_list: str | None = None) -> str:
    """Where an editor changes this address (in the data, or in the URL list that was checked)."""
    places = []
    for source in record.sources:
        if url_list:
            places.append(f"'{source}' in {url_list}")
        elif RESOURCE_ID.match(source):
            places.append(f"'url' of resource '{source}' in data/resources.yml")
        elif source.startswith("publication."):
            places.append(f"'{source.removeprefix('publication.')}' in data/publication.yml")
        else:
            places.append(f"'{source}'")
    if not places:
        places += [f"the link in {page}" for page in sorted(record.pages)[:3]]
    return " and ".join(places) or "the place it is used"


def _short_date(day: date | None) -> str:
    return long_date(day) if day else ""


def what_to_do(record: LinkRecord, checked: bool = True, url_list: str | None = None,
               accepted_file: str = "data/accepted-links.yml") -> str:
    """One plain sentence of advice for this record."""
    if not checked and record.observed == "unchecked":
        return "Nothing: this run stopped (time limit) before it reached this address."
    if record.status == "needs-review":
        return (f"Open it in a browser and check it still leads where its card says. If it does, add it to "
                f"{accepted_file} (what you checked, who, when, and until when); if not, change "
                f"{where_to_edit(record, url_list)} to the right address, or remove it.")
    if record.accepted_until and record.status != "dead":
        return f"Nothing until {long_date(record.accepted_until)}: {record.accepted_by} accepted it."
    if record.status == "ok":
        return "Nothing."
    if record.status == "redirected":
        codes = "/".join(str(code) for code in record.redirect_codes) or "3xx"
        if all(code in PERMANENT_REDIRECTS for code in record.redirect_codes):
            return (f"Change {where_to_edit(record, url_list)} to {record.redirect} (check it is the same page "
                    f"first): the old address now forwards there for good ({codes}).")
        return (f"Probably nothing: the site forwards this address to {record.redirect} for now ({codes}). "
                f"If that is clearly the page's new home, change {where_to_edit(record, url_list)} to it.")
    if record.status == "dead":
        moved = f" It forwards to {record.redirect}, which fails." if record.redirect else ""
        return (f"Open it in a browser.{moved} If the page has gone, find its new address and change "
                f"{where_to_edit(record, url_list)}, or remove it.")
    # transient
    if record.observed == "broken":
        return (f"Nothing yet: it failed for the first time ({record.error}). "
                "If the next run sees the same, it will be marked dead.")
    streak = f" (failing for {record.failing_runs} runs)" if record.failing_runs > 1 else ""
    return (f"Nothing: the site was busy or turned the checker away ({record.error}){streak}. "
            "If this goes on for weeks, try it in a browser.")


def _cell(text: str) -> str:
    """Already-escaped Markdown in a table cell."""
    return str(text).replace("|", "\\|")


def _used_by(record: LinkRecord) -> str:
    names = list(record.sources)
    if len(record.pages) > 3:
        names.append(f"{len(record.pages)} pages")
    else:
        names += record.pages
    return ", ".join(names)


def _since(record: LinkRecord) -> str:
    if record.status in ("dead", "transient") and record.first_failed:
        return _short_date(record.first_failed)
    return _short_date(record.since)


def _status_text(record: LinkRecord) -> str:
    if record.status == "needs-review":
        return "needs-review (" + "; ".join(reason.detail for reason in record.review) + ")"
    accepted = f", accepted until {long_date(record.accepted_until)}" if record.accepted_until else ""
    return _plain_status_text(record) + accepted


def _plain_status_text(record: LinkRecord) -> str:
    if record.status == "transient" and record.observed == "broken":
        return "transient (failed once; not yet dead)"
    if record.status == "redirected" and record.redirect:
        return f"redirected → {record.redirect}"
    if record.status in ("dead", "transient") and record.error:
        return f"{record.status} ({record.error})"
    return record.status


def _ordered(state: LinkState) -> list[tuple[str, LinkRecord]]:
    rank = {status: index for index, status in enumerate(STATUSES)}
    return sorted(state.links.items(), key=lambda item: (rank[item[1].status], _used_by(item[1]), item[0]))


def markdown(summary: RunSummary) -> str:
    counts = summary.counts()
    lines = [f"# Link check: {long_date(summary.today)}", ""]
    headline = ", ".join(f"{counts[s]} {s}" for s in STATUSES)
    lines.append(f"**{headline}** ({len(summary.state.links)} addresses from the data and the pages).")
    if summary.site_links:
        broken = counts["dead_site_links"]
        lines.append(f"Links inside the site: {len(summary.site_links)} checked, {broken} broken.")
    if summary.hit_time_limit:
        lines.append("")
        lines.append("This run reached its time limit; addresses it did not reach keep their earlier status.")
    lines += ["", "What the statuses mean:", ""]
    lines += [f"- **{status}**: {MEANINGS[status]}" for status in STATUSES]
    lines += _review_sections(summary)
    lines += _move_sections(summary.moves)
    if summary.notices:
        lines += ["", f"## Notes on {summary.accepted_file} ({len(summary.notices)})", ""]
        lines += [f"- {_md(notice)}" for notice in summary.notices]
    lines += ["", "| Resource | URL | Status | Since | What to do |", "| --- | --- | --- | --- | --- |"]
    for url, record in _ordered(summary.state):
        lines.append("| " + " | ".join(_cell(value) for value in (
            _md(_used_by(record)), _link(url), _md(_status_text(record)), _since(record),
            _md(what_to_do(record, url in summary.checked, summary.url_list, summary.accepted_file)))) + " |")
    broken_inside = [link for link in summary.site_links if link.status == "dead"]
    if broken_inside:
        lines += ["", "## Broken links inside the site", "",
                  "These fail on a fresh build served locally, so they are reported at once. Fix the link in "
                  "the page (or the file it points to) and run `make build`.", "",
                  "| Page | Link | Problem |", "| --- | --- | --- |"]
        for link in broken_inside:
            lines.append("| " + " | ".join(_cell(_md(v)) for v in (", ".join(link.pages), link.link,
                                                                     link.error or "")) + " |")
    lines += ["", f"Checked in {summary.seconds:.0f} s with linkchecker "
              f"(timeout {summary.settings.get('timeout')} s, {summary.settings.get('threads')} at a time, "
              f"at most {summary.settings.get('rate'):g} requests a second to any one site).", ""]
    return "\n".join(lines)


def _title(url: str, record: LinkRecord) -> str:
    return f"**{_md(_used_by(record) or 'a page')}**: {_link(url)}"


def _review_sections(summary: RunSummary) -> list[str]:
    """What needs a person, dead apart from needs-review (with what changed); then what is accepted."""
    lines: list[str] = []
    dead = [(url, record) for url, record in _ordered(summary.state) if record.status == "dead"]
    if dead:
        lines += ["", f"## Dead ({len(dead)})", "",
                  "These failed in two runs in a row. Open each in a browser; if the page has gone, find its new "
                  "address and change it in the data (or the page), or remove it.", ""]
        for url, record in dead:
            moved = f", after forwarding to {_link(record.redirect)}" if record.redirect else ""
            lines.append(f"- {_title(url, record)}: {_md(record.error or 'failed')}{moved} "
                         f"(failing since {_short_date(record.first_failed or record.since)})")
    waiting = [(url, record) for url, record in _ordered(summary.state) if record.status == "needs-review"]
    if waiting:
        lines += ["", f"## Needs review ({len(waiting)})", "",
                  "These answer, but may no longer lead where their cards say. Open each in a browser. If it "
                  f"still leads to the right place, accept it in `{summary.accepted_file}` (what you checked, "
                  "who, when, and until when: a year at most); if not, change or remove the address.", ""]
        for url, record in waiting:
            lines.append(f"- {_title(url, record)} (since {_short_date(record.since)})")
            lines += [f"  - {_md(reason.detail)}" for reason in record.review]
    accepted = [(url, record) for url, record in _ordered(summary.state)
                if record.accepted_until and record.status != "needs-review"]
    if accepted:
        lines += ["", f"## Accepted by an editor ({len(accepted)})", "",
                  f"A person checked these by hand (`{summary.accepted_file}`); they are checked afresh after "
                  "the date given.", ""]
        for url, record in accepted:
            covered = "; ".join(reason.detail for reason in record.review)
            lines.append(f"- {_title(url, record)}: accepted until {long_date(record.accepted_until)} by "
                         f"{_md(record.accepted_by or '')} (checked on {_short_date(record.accepted_on)}: "
                         f"{_md(record.accepted_check or '')})"
                         + (f"; this run saw: {_md(covered)}" if covered else ""))
    return lines


def _codes(codes) -> str:
    return "/".join(str(code) for code in codes)


def _move_sections(moves: Moves) -> list[str]:
    """The permanent moves to the same page (changed by a pull request), then those left to a person."""
    lines: list[str] = []
    if moves.fixable:
        lines += ["", f"## Moved for good to the same page ({len(moves.fixable)})", "",
                  "Each forwards for good (301 or 308) to the same page on the same site: its title or main heading "
                  "is still the one first read. On GitHub the link check changes these addresses in `data/` in a "
                  "pull request (\"Addresses that moved\") for you to review and merge; by hand, change each in "
                  "`data/` to its new address.", ""]
        for move in moves.fixable:
            lines.append(f"- **{_md(', '.join(move.sources))}**: {_link(move.url)} → {_link(move.new_url)} "
                         f"({_codes(move.codes)}, {_md(move.site)})")
    waiting = [held for held in moves.held if held.waiting]
    if waiting:
        lines += ["", ("1 more address forwards for good, to a page read for the first time in this run; the next run "
                       "compares it with this reading, and changes it if it is still the same page.")
                  if len(waiting) == 1 else
                  (f"{len(waiting)} more addresses forward for good, to pages read for the first time in this run; the "
                   "next run compares them with this reading, and changes those that are still the same page.")]
    for_a_person = [held for held in moves.held if not held.waiting]
    if for_a_person:
        lines += ["", f"## Moved for good, to check by hand ({len(for_a_person)})", "",
                  "These forward for good (301 or 308), but the check could not show it is the same page, so "
                  "they were not changed for you. Open each in a browser; if it is the same page, change the "
                  "address in `data/` to the new one.", ""]
        for held in for_a_person:
            lines.append(f"- {_link(held.url)} → {_link(held.new_url or '')}: {_md(held.why)}")
    return lines


def _page(page) -> dict | None:
    return None if page is None else {"title": page.title, "heading": page.heading, "site": page.site,
                                      "type": page.type, "read_on": page.read_on.isoformat()}


def as_json(summary: RunSummary) -> str:
    links = []
    for url, record in _ordered(summary.state):
        links.append({
            "url": url,
            "resource_id": record.sources[0] if record.sources else None,
            "resource_ids": record.sources,
            "pages": record.pages,
            "status": record.status,
            "observed": record.observed,
            "http_code": record.http_code,
            "error": record.error,
            "redirect": record.redirect,
            "first_failed": record.first_failed.isoformat() if record.first_failed else None,
            "last_checked": record.last_checked.isoformat(),
            "since": record.since.isoformat(),
            "failing_runs": record.failing_runs,
            "broken_runs": record.broken_runs,
            "note": record.note,
            "review": [reason.model_dump(mode="json") for reason in record.review],
            "accepted_until": record.accepted_until.isoformat() if record.accepted_until else None,
            "accepted_by": record.accepted_by,
            "accepted_check": record.accepted_check,
            "page": _page(record.page),
            "baseline": _page(record.baseline),
            "checked_this_run": url in summary.checked,
            "what_to_do": what_to_do(record, url in summary.checked, summary.url_list, summary.accepted_file),
        })
    report = {
        "checked_on": summary.today.isoformat(),
        "summary": summary.counts(),
        "exit_status": 1 if summary.needs_a_person else 0,
        "hit_time_limit": summary.hit_time_limit,
        "seconds": round(summary.seconds, 1),
        "settings": summary.settings,
        "notices": summary.notices,
        "links": links,
        "site_links": [{"link": link.link, "pages": link.pages, "status": link.status,
                        "http_code": link.http_code, "error": link.error} for link in summary.site_links],
        # Permanent moves to the same page, with the evidence (link_monitor.moves); `upkeep link-fixes`
        # changes them in data/.
        "moves": [move.as_json() for move in summary.moves.fixable],
        "moves_held": [{"url": held.url, "new_url": held.new_url, "why": held.why, "waiting": held.waiting}
                       for held in summary.moves.held],
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
