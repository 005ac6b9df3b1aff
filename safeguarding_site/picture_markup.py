"""Pages show the web copies of an organisation's pictures (pictures.py): each `<img>` of one becomes a
`<picture>` offering the WebP copies by width, with the copy in the picture's own format as its `<img>`,
its width and height given (so the page does not jump as it loads), and loaded lazily unless it is
the logo."""
from __future__ import annotations

import html as html_lib
import posixpath
import re

from .pictures import SIZES, WebPicture

IMG = re.compile(r"<img\b(?P<attrs>[^>]*?)\s*/?>", re.IGNORECASE)
SRC = re.compile(r"""\ssrc=(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.IGNORECASE)
PICTURE = re.compile(r"<picture\b.*?</picture>", re.IGNORECASE | re.DOTALL)


def _site_path(src: str, page_dir: str, root: str) -> str | None:
    """The path inside the site that `src`, written in a page in `page_dir`, points to (None for another site)."""
    src = html_lib.unescape(src).split("#")[0].split("?")[0]
    if not src or "://" in src or src.startswith(("//", "data:")):
        return None
    if src.startswith("/"):
        if not src.startswith(root):
            return None
        return posixpath.normpath(src[len(root):])
    return posixpath.normpath(posixpath.join(page_dir, src))


def _relative(target: str, page_dir: str) -> str:
    return posixpath.relpath(target, page_dir or ".")


def with_web_copies(html: str, page_path: str, pictures: dict[str, WebPicture], site_root: str = "/") -> str:
    """`html` (the page the site serves at `page_path`, e.g. who-to-talk-to/index.html) with each `<img>` of
    a picture in `pictures` shown from its web copies. Pictures already in a `<picture>` are left alone."""
    if not pictures:
        return html
    page_dir = posixpath.dirname(page_path)
    root = site_root if site_root.endswith("/") else site_root + "/"

    def replace(match: re.Match) -> str:
        attrs = match["attrs"]
        src = SRC.search(attrs)
        if not src:
            return match[0]
        target = _site_path(src["double"] if src["double"] is not None else src["single"], page_dir, root)
        picture = pictures.get(target) if target else None
        if picture is None or not picture.modern:
            return match[0]
        fallback = picture.fallback
        rest = SRC.sub("", attrs)
        if not re.search(r"\swidth=", rest) and not re.search(r"\sheight=", rest):
            rest += f' width="{fallback.width}" height="{fallback.height}"'
        if picture.role != "logo" and "loading=" not in rest:
            rest += ' loading="lazy"'
        if "decoding=" not in rest:
            rest += ' decoding="async"'
        if picture.role == "logo":
            srcset = _relative(picture.modern[-1].path, page_dir)
            sizes = ""
        else:
            srcset = ", ".join(f"{_relative(copy.path, page_dir)} {copy.width}w" for copy in picture.modern)
            sizes = f' sizes="{SIZES}"'
        return (f'<picture><source type="image/webp" srcset="{srcset}"{sizes}>'
                f'<img src="{_relative(fallback.path, page_dir)}"{rest}></picture>')

    parts = []
    last = 0
    for existing in PICTURE.finditer(html):
        parts.append(IMG.sub(replace, html[last:existing.start()]))
        parts.append(existing[0])
        last = existing.end()
    parts.append(IMG.sub(replace, html[last:]))
    return "".join(parts)
