"""The Content-Security-Policy every built page carries (GitHub Pages sets no headers, so it is a `<meta>`):
scripts, styles, pictures, fonts and requests from the site itself only, plus the site's own inline
scripts, allowed one by one by their hash.

Only the site's own: the scripts its templates write around the page's text (the colour scheme chosen
before the first paint, Material's small helpers). A script inside the page's text, where an
organisation's Markdown lands, is never hashed, so the browser never runs it (and the build refuses one
in an organisation's page first: raw_html.py).
"""
from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s+(?!src=)[\w-]+(?:=\"[^\"]*\")?)*)>(?P<code>.*?)</script>", re.S)
NOT_RUN = {"application/json", "application/ld+json", "text/template"}  # script types a browser does not run
CONTENT_START = re.compile(r'<article\b[^>]*\bclass="[^"]*\bmd-content__inner\b[^"]*"[^>]*>')
ARTICLE_TAG = re.compile(r"<(/?)article\b[^>]*>", re.I)
HEAD = re.compile(r"<head>")


def page_text_span(html: str) -> tuple[int, int] | None:
    """Where the page's own text is (Material's `<article class="md-content__inner">`, nested articles and
    all): the part written from Markdown, an organisation's included."""
    start = CONTENT_START.search(html)
    if not start:
        return None
    depth = 1
    for tag in ARTICLE_TAG.finditer(html, start.end()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            return start.start(), tag.end()
    return start.start(), len(html)


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source for each of the site's own inline scripts that the browser will run, as 'sha256-…';
    none from inside the page's text."""
    text = page_text_span(html)
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if text and text[0] <= match.start() < text[1]:
            continue
        kind = re.search(r'\btype="([^"]+)"', match["attrs"] or "")
        if kind and kind[1] in NOT_RUN:
            continue
        hashes.append(source_hash(match["code"]))
    return list(dict.fromkeys(hashes))


def source_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script or style: 'sha256-...'."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode()}'"


def content_security_policy(html: str, styles: tuple[str, ...] = ()) -> str:
    """The policy for one page; `styles` are the exact texts of styles the theme's own script adds to the page
    (Zensical's search puts one in its shadow root), each allowed by its hash and nothing else."""
    scripts = " ".join(["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        " ".join(["style-src 'self'", *dict.fromkeys(source_hash(style) for style in styles)]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def add_security_policy(html: str, styles: tuple[str, ...] = ()) -> str:
    """The policy as the first thing in <head>, so it covers every script and style after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html, styles)}">'
    return HEAD.sub(f"<head>\n    {meta}", html, count=1)
