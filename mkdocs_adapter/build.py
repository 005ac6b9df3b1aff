"""What one MkDocs build knows, loaded once by the plugin and shared with the macros.

`SafeguardingPlugin.on_config` reads data/, the link history and an organisation's overlay, and
starts a `SiteBuild`; mkdocs-macros' `define_env` (mkdocs_adapter/macros.py) runs after it in the same
build and takes the same objects, so nothing is read twice and the two can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from safeguarding_site import render
from safeguarding_site.link_history import LinkNotices
from safeguarding_site.loading import SiteData
from safeguarding_site.overlay import OrganisationData


@dataclass
class SiteBuild:
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


_current: SiteBuild | None = None


def start(build: SiteBuild) -> None:
    global _current
    _current = build


def current() -> SiteBuild:
    if _current is None:
        raise PluginError("Problem in mkdocs.yml: the 'safeguarding' plugin must be listed under plugins:, before"
                          " 'macros' (it reads data/ for the macros)")
    return _current
