"""An organisation's name and logo on the first screen of its copy, at every width.

Material's header shows the site's name on one line, cut with "..." when it does not fit, and hides the
logo below 76.25em: on a phone an organisation's copy read "Safeguarding an...", with no logo, so its
first screen never said whose site it was. Here the header's name is split into the organisation's
name (its `short_name`), which styles/site.css never cuts and shows on its own (on up to two lines) on a
phone, and the rest of the site's name, which gives way first; and the logo is marked to stay in view.
"""
from __future__ import annotations

import re

from markupsafe import escape

SITE_TOPIC = re.compile(r'(?P<open><div class="md-header__topic">\s*<span class="md-ellipsis)">\s*(?P<name>.*?)\s*</span>',
                        re.S)
TITLE = '<div class="md-header__title"'
LOGO = re.compile(r'(<a href="[^"]*" title="[^"]*" class="md-header__button md-logo)"')


def name_in_header(html: str, short_name: str | None, has_logo: bool) -> str:
    """The page's header with the organisation's name (`short_name`) marked apart from the rest of the site's
    name, and its logo kept in view; a page without Material's header is returned as it was."""
    topic = SITE_TOPIC.search(html)
    if not topic or not short_name:
        return html
    name, org = topic["name"], str(escape(" ".join(short_name.split())))
    at = name.rfind(org)
    if at >= 0:
        before, after = name[:at], name[at + len(org):]
    else:  # a site name that does not say the organisation's: the organisation's name follows it
        before, after = f"{name} – ", ""
    parts = "".join([f'<span class="site-header-name__rest">{before}</span>' if before else "",
                     f'<span class="site-header-name__org">{org}</span>',
                     f'<span class="site-header-name__rest">{after}</span>' if after else ""])
    html = html[:topic.start()] + f'{topic["open"]} site-header-name">{parts}</span>' + html[topic.end():]
    html = html.replace(TITLE, '<div class="md-header__title site-header-title"', 1)
    if has_logo:
        html = LOGO.sub(r'\1 site-header-logo"', html, count=1)
    return html
