"""Text from the data, and above all from the pages read (titles, headings, a server's words), in Markdown.

It goes into the link check's report, and so into a GitHub issue, and into upkeep's pull requests: there
it must stay text. Escaped, it can make no HTML, link, image or emphasis; a word joiner after "@" keeps it
from mentioning (and notifying) anyone. (No other import here: upkeep uses it with the site's packages only.)
"""
from __future__ import annotations

import re

MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def markdown_text(text: object) -> str:
    """Text (from the data or a web page) as plain text in Markdown, on one line."""
    text = " ".join(CONTROL.sub(" ", str(text)).split())
    return MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("@", "@\u2060")


def markdown_link(url: str) -> str:
    """An address as a link, when it is a plain web address; as escaped text otherwise."""
    if re.fullmatch(r"https?://[^\s<>\\`\x00-\x1f\x7f]+", url):
        return f"<{url.replace('|', '%7C')}>"
    return markdown_text(url)
