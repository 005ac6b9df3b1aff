"""What one build knows, read once: the data, the link history, an organisation's overlay, the credit.

The build's first step (`mkdocs_adapter/pipeline.prepare`) reads them and starts a `SiteState`; every
later step takes the same one, whatever the engine: the macros a page calls (`page_macros.py`, through
mkdocs-macros on MkDocs, or rendered before the engine runs on Zensical), the values the templates show,
and the finishing of each built page. So nothing is read twice and nothing can disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from . import render
from .browser_contract import contract
from .errors import BuildProblem
from .link_history import LinkNotices
from .loading import SiteData
from .overlay import OrganisationData


@dataclass
class SiteState:
    project: Path
    data: SiteData
    links: LinkNotices
    credit: Markup  # the credit to the leaflet, as every page's footer shows it
    organisation: OrganisationData | None = None
    macro_problems: list[str] = field(default_factory=list)  # collected while a page renders
    pictures: dict = field(default_factory=dict)  # an organisation's pictures, by path: their web copies

    def urgent_help(self, level: int = 2) -> Markup:
        """The 'Worried about a child or young person?' box, the same on every page that shows it: an
        organisation's copy names its safeguarding lead first."""
        return render.urgent_help(self.data, self.organisation.details if self.organisation else None,
                                  self.links.by_source.get("ceop"), level)

    def template_values(self, stylesheet: str) -> dict[str, str]:
        """What the templates in overrides/ show from the data, as `config.extra.site_*` on every engine: the
        credit, the urgent-help box (the page-not-found page), the scripts' contract, the one stylesheet."""
        return {"site_credit": str(self.credit), "site_urgent_help": str(self.urgent_help()),
                "site_contract": str(render.json_for_script(contract())), "site_stylesheet": stylesheet}


_current: SiteState | None = None


def start(state: SiteState) -> None:
    global _current
    _current = state


def current() -> SiteState:
    if _current is None:
        raise BuildProblem("Problem in mkdocs.yml: the 'safeguarding' plugin must be listed under plugins:, before"
                           " 'macros' (it reads data/ for the macros)")
    return _current
