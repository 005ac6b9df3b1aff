"""HTML in an organisation's pages that the site's security policy would block or change, refused at build.

Markdown lets a page hold HTML, and a volunteer pastes what another site gave them: a YouTube embed, a
paragraph styled red, a script for a counter, a picture from their main website. Under the policy
(security_policy.py) each would fail quietly in the reader's browser: the style dropped (so "In an
emergency, call 999" loses its emphasis), the video a blank box, the script not run. So the build
refuses each, naming the page, the line and what to do instead. Code shown as code (in backticks or a
fenced block) is only text, and is left alone.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from .errors import DataError

EMBEDS = {"iframe", "embed", "object", "frame", "frameset", "applet", "portal"}
MEDIA = {"img", "video", "audio", "source", "track", "input", "picture"}
MEDIA_ATTRIBUTES = {"src", "srcset", "poster", "data"}
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>(?:https?:)?//[^)\s>]+)")
REFERENCE_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
REFERENCE = re.compile(r"^\s{0,3}\[(?P<ref>[^\]]+)\]:\s*<?(?P<src>\S+?)>?(?:\s|$)")
ATTR_LIST = re.compile(r"\{:?[^{}]*?\b(?P<name>style|on[a-z]+)\s*=", re.IGNORECASE)
STYLED = ("use what the site already styles: **bold** for emphasis, or a call-out box (a line"
          " `!!! danger \"In an emergency\"`, then the text under it indented by four spaces)")
POLICY = "the site's security policy"


def _from_another_site(value: str) -> bool:
    return bool(re.match(r"^\s*(?:https?:)?//", value or "", re.IGNORECASE))


def video_link(src: str) -> str:
    """A plain link for an embedded player's address: YouTube's and Vimeo's embeds become their watch pages."""
    parts = urlsplit(src if "://" in src else "https:" + src)
    host = (parts.hostname or "").removeprefix("www.")
    if host in ("youtube.com", "youtube-nocookie.com") and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if host == "google.com" and parts.path.startswith("/maps/embed"):
        query = parse_qs(parts.query).get("q", [""])[0]
        return f"https://www.google.com/maps/search/{query}" if query else "https://www.google.com/maps"
    return parts.geturl()


def _blank_code(text: str) -> list[str]:
    """The page's lines, with its front matter, fenced code blocks and code spans blanked (spaces, so that
    every line keeps its number and length)."""
    lines = text.splitlines()
    out: list[str] = []
    fence = None
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        if in_front:
            out.append(" " * len(line))
            if number and line.strip() in ("---", "..."):
                in_front = False
            continue
        opening = FENCE.match(line)
        if fence:
            out.append(" " * len(line))
            if opening and opening[1] == fence:
                fence = None
            continue
        if opening:
            fence = opening[1]
            out.append(" " * len(line))
            continue
        out.append(INLINE_CODE.sub(lambda m: " " * len(m[0]), line))
    return out


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for problem in tag_problems(tag, dict(attrs)):
            self.found.append((line, problem))

    handle_startendtag = handle_starttag


def tag_problems(tag: str, attrs: dict) -> list[str]:
    """What the policy would do to one HTML tag, and what to write instead."""
    tag = tag.lower()
    problems = []
    if tag == "script":
        where = f" from {attrs['src']}" if attrs.get("src") else ""
        problems.append(f"a <script>{where} is blocked by {POLICY} and would not run: take it out (the site cannot run"
                        " scripts from a page; for a tool you need, ask the project that publishes this site)")
    elif tag == "style":
        problems.append(f"a <style> block is blocked by {POLICY}, so the page would show without it: take it out and"
                        f" {STYLED}")
    elif tag in EMBEDS:
        source = attrs.get("src") or attrs.get("data") or ""
        link = f"[Watch the video]({video_link(source)})" if source else "[what it shows](https://...)"
        problems.append(f"an <{tag}> showing another site in the page is blocked by {POLICY} and would show as an"
                        f" empty box: link to it instead, like {link}")
    elif tag == "link":
        problems.append(f"a <link> loads a file into the page, which {POLICY} blocks: take it out")
    elif tag == "meta" or tag == "base":
        problems.append(f"a <{tag}> in a page's text changes how the whole page works: take it out")
    if tag in MEDIA:
        for name in MEDIA_ATTRIBUTES:
            value = attrs.get(name)
            if value and _from_another_site(value):
                if tag in ("img", "picture", "source", "input"):
                    problems.append(f"a picture from another site ({value}) is blocked by {POLICY} and would show as a"
                                    " blank: save the picture into org/docs/assets/ and show it with ![what it"
                                    " shows](assets/its-name.jpg), or link to it instead")
                else:
                    problems.append(f"a video or sound from another site ({value}) is blocked by {POLICY} and would"
                                    f" show as an empty box: link to it instead, like [Watch the video]({value})")
                break
    if tag == "form" and _from_another_site(attrs.get("action", "")):
        problems.append(f"a form sending to another site is blocked by {POLICY}: link to that site's own form instead")
    for name, value in attrs.items():
        if name.lower() == "style":
            problems.append(f"an inline style (style=\"{value}\") is blocked by {POLICY}, so the page would show"
                            f" without it: {STYLED}")
        elif name.lower().startswith("on"):
            problems.append(f"a script in an attribute ({name}=...) is blocked by {POLICY} and would do nothing: take"
                            " it out")
        elif isinstance(value, str) and value.strip().lower().startswith("javascript:"):
            problems.append(f"a javascript: address is blocked by {POLICY} and would do nothing: link to a page"
                            " instead")
    return problems


def page_problems(text: str, label: str) -> list[DataError]:
    """Every piece of HTML in a page's Markdown that the policy would block or change, by line."""
    lines = _blank_code(text)
    found: list[tuple[int, str]] = []
    finder = _Finder()
    finder.feed("\n".join(lines))
    finder.close()
    found += finder.found
    references = {match["ref"].lower(): match["src"] for line in lines if (match := REFERENCE.match(line))}
    for number, line in enumerate(lines, start=1):
        for image in MARKDOWN_IMAGE.finditer(line):
            found.append((number, _picture_from_elsewhere(image["src"], image["alt"])))
        for image in REFERENCE_IMAGE.finditer(line):
            src = references.get((image["ref"] or image["alt"]).lower(), "")
            if _from_another_site(src):
                found.append((number, _picture_from_elsewhere(src, image["alt"])))
        for attribute in ATTR_LIST.finditer(line):
            name = attribute["name"].lower()
            found.append((number, f"an inline style ({{ style=... }}) is blocked by {POLICY}, so the page would show"
                                  f" without it: {STYLED}" if name == "style" else
                                  f"a script in an attribute ({{ {name}=... }}) is blocked by {POLICY} and would do"
                                  " nothing: take it out"))
    return [DataError(label, problem, line=number) for number, problem in sorted(found, key=lambda item: item[0])]


def _picture_from_elsewhere(src: str, alt: str) -> str:
    return (f"the picture {src} comes from another site, which {POLICY} blocks, so it would show as a blank: save it"
            f" into org/docs/assets/ and write ![{alt or 'what it shows'}](assets/its-name.jpg), or link to it instead")
