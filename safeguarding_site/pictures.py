"""Web-sized copies of an organisation's logo and pictures (org/docs/), made with Pillow at build time.

A volunteer uploads the logo the printer sent, or a photo straight from a phone: megabytes, on every
page. The build publishes instead, for each picture:

- WebP copies sized for where it is shown (the logo 96 pixels high: it is drawn up to 48 CSS pixels
  high, twice that for sharp screens; a picture in a page 480 and 960 pixels wide, for phones and for
  wider or sharper screens), which every current browser takes;
- under the picture's own name, a copy in its own format (JPEG, PNG or GIF) at the larger size, for any
  browser that does not, and for pages that link to the file;
- nothing of the original's hidden data (a phone photo's location, its camera details), and its
  orientation applied.

When even the smallest copy is too heavy for the page budget (90 KB for a first visit, all in), or the
file is not a picture Pillow can read, the build stops and names the file and its size.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import DataError

RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
VECTOR = {".svg"}
NOT_FOR_THE_WEB = {".heic", ".heif", ".tif", ".tiff", ".bmp", ".psd", ".raw", ".cr2", ".nef", ".ai", ".eps"}
LOGO_HEIGHT = 96  # pixels: drawn up to 48 CSS pixels high (the phone menu), twice that for sharp screens
PICTURE_WIDTHS = (480, 960)  # pixels: a phone's width, and the page's text column on a sharp or wide screen
LOGO_LIMIT = 16_000  # bytes: the logo is on every page
PICTURE_LIMIT = 45_000  # bytes: what one picture may add to a page (the first visit's budget is 90 KB, all in)
SVG_LIMIT = 30_000  # bytes: a bigger SVG usually holds a photo inside it
QUALITIES = (80, 70, 60, 50)
SIZES = "(min-width: 60em) 700px, 100vw"  # how wide a picture in a page is shown: the text column, or the screen
Image.MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo is the largest a phone takes; past it, refuse


@dataclass(frozen=True)
class WebCopy:
    path: str  # where the site serves it, e.g. assets/team.480w.webp
    content: bytes
    width: int
    height: int


@dataclass(frozen=True)
class WebPicture:
    """A picture as the site publishes it: modern copies (WebP) by width, and a copy under its own name."""

    source: str  # its path inside the docs folder, as pages name it: assets/team.jpg
    role: str  # "logo" or "picture"
    original_bytes: int
    fallback: WebCopy  # under the picture's own name and format
    modern: tuple[WebCopy, ...] = field(default_factory=tuple)  # WebP, smallest first

    @property
    def copies(self) -> list[WebCopy]:
        return [self.fallback, *self.modern]


def size_text(size: int) -> str:
    """Bytes as people say them: 5.9 MB, 63 KB, 900 bytes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{round(size / 1_000)} KB"
    return f"{size} bytes"


def _encode(image: Image.Image, kind: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if kind == "WEBP":
        image.save(buffer, "WEBP", quality=quality, method=5)
    elif kind == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    elif kind == "PNG":
        image.save(buffer, "PNG", optimize=True)
        if buffer.tell() > PICTURE_LIMIT * 2:  # a photo saved as PNG: 256 colours keep the fallback light
            buffer = io.BytesIO()
            image.convert("RGBA").quantize(256, method=Image.Quantize.FASTOCTREE).save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, kind)
    return buffer.getvalue()


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    if (width, height) == image.size:
        return image
    return image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _open(path: Path, label: str) -> Image.Image:
    with warnings.catch_warnings():  # a picture of too many pixels is refused below, in plain words
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return _read(path, label)


def _read(path: Path, label: str) -> Image.Image:
    try:
        image = Image.open(path)
        if image.width * image.height > Image.MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombError("too many pixels")
        if getattr(image, "n_frames", 1) > 1:
            raise DataError(label, "is a moving picture (an animated GIF or WebP), which the site does not show: use"
                                   " a still picture (JPEG or PNG), or link to the video instead")
        if image.format == "JPEG":
            # a big photo read at a half, a quarter or an eighth of its size, fast: never smaller than 1,000 wide
            image.draft("RGB", (min(image.width, 1000), min(image.height, round(1000 * image.height / image.width))))
        image = ImageOps.exif_transpose(image)
        image.load()
    except Image.DecompressionBombError:
        with Image.open(path) as header:  # its size is read without reading its pixels
            width, height = header.size
        raise DataError(label, f"has {width * height // 1_000_000} million pixels ({width:,} × {height:,}), more than"
                               f" any picture the site can show ({Image.MAX_IMAGE_PIXELS // 1_000_000} million at"
                               " most): save a smaller copy of it (2,000 pixels wide is plenty) and use that") from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(label, "cannot be read as a picture (the file may be damaged, or another format with this"
                               " name): save it again as JPEG (photos) or PNG (logos and drawings)") from None
    return image


def _modes(image: Image.Image) -> Image.Image:
    """RGB, or RGBA for a picture that has see-through parts."""
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        return image.convert("RGBA")
    return image.convert("RGB")


def _narrower(width: int, made: list[WebCopy]) -> int | None:
    """The next narrower width to try for a copy too heavy at `width`: never narrower than a phone's, nor than
    a copy already made."""
    floor = max([PICTURE_WIDTHS[0] - 1, *(copy.width for copy in made)])
    steps = [step for step in (800, 640, PICTURE_WIDTHS[0]) if floor < step < width]
    return steps[0] if steps else None


def _name(source: str, suffix: str) -> str:
    path = PurePosixPath(source)
    return str(path.with_name(f"{path.stem}.{suffix}"))


def make_web_picture(path: Path, source: str, role: str, label: str) -> WebPicture:
    """The web copies of the picture at `path` (its place in the docs folder: `source`); a DataError, worded
    for `label`, when it is not a picture or cannot be made light enough."""
    path = Path(path)
    suffix = path.suffix.lower()
    original = path.stat().st_size
    if suffix in VECTOR:
        if original > SVG_LIMIT:
            raise DataError(label, f"is an SVG of {size_text(original)}; an SVG logo or drawing is a few KB, and one"
                                   " this large usually has a photo inside it: export the picture as PNG and use that")
        return WebPicture(source, role, original, WebCopy(source, path.read_bytes(), 0, 0))
    kind = RASTER[suffix]
    image = _modes(_open(path, label))
    width, height = image.size
    limit = LOGO_LIMIT if role == "logo" else PICTURE_LIMIT
    if role == "logo":
        targets = [min(LOGO_HEIGHT, height)]
        sizes = [(max(1, round(width * target / height)), target) for target in targets]
        names = [_name(source, f"{target}h.webp") for target in targets]
    else:
        widths = sorted({min(target, width) for target in PICTURE_WIDTHS})
        sizes = [(target, max(1, round(height * target / width))) for target in widths]
        names = [_name(source, f"{target}w.webp") for target in widths]
    modern: list[WebCopy] = []
    for (target_width, target_height), name in zip(sizes, names):
        if role != "logo" and modern and target_width <= modern[-1].width:
            break
        resized = _resized(image, target_width, target_height)
        content = next((data for quality in QUALITIES if len(data := _encode(resized, "WEBP", quality)) <= limit), None)
        while content is None and role != "logo" and (narrower := _narrower(target_width, modern)):
            target_width, target_height = narrower, max(1, round(height * narrower / width))  # a smaller copy will do
            name = _name(source, f"{target_width}w.webp")
            resized = _resized(image, target_width, target_height)
            content = next((data for quality in QUALITIES if len(data := _encode(resized, "WEBP", quality)) <= limit),
                           None)
        if content is None and modern:
            break  # the smaller copies made will do for every screen
        if content is None:
            smallest = len(_encode(resized, "WEBP", QUALITIES[-1]))
            what = "the logo" if role == "logo" else "a picture"
            raise DataError(label, f"is {size_text(original)} ({width:,} × {height:,} pixels), and even made"
                                   f" {target_width} pixels wide, as WebP at the lowest quality the site uses, it"
                                   f" would be {size_text(smallest)}, more than the {size_text(limit)} {what} may add"
                                   " to a page: crop it to what matters, or choose a simpler picture")
        modern.append(WebCopy(name, content, target_width, target_height))
    largest = modern[-1]
    fallback_image = _resized(image, largest.width, largest.height)
    if kind == "JPEG" and fallback_image.mode == "RGBA":
        fallback_image = fallback_image.convert("RGB")
    fallback = WebCopy(source, _encode(fallback_image, kind, 75), largest.width, largest.height)
    return WebPicture(source, role, original, fallback, tuple(modern))


_made: dict[tuple, WebPicture] = {}  # `make serve` rebuilds on every save: a picture is made again only when it changes


def web_picture(path: Path, source: str, role: str, label: str) -> WebPicture:
    stat = Path(path).stat()
    key = (str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, role)
    if key not in _made:
        _made[key] = make_web_picture(path, source, role, label)
    return _made[key]


def is_picture(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in RASTER or PurePosixPath(name).suffix.lower() in VECTOR


def pictures_in(docs: Path) -> list[str]:
    """Every picture file in a docs folder, as paths inside it (hidden files left out)."""
    docs = Path(docs)
    if not docs.is_dir():
        return []
    return sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*")
                  if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
                  and (is_picture(path.name) or path.suffix.lower() in NOT_FOR_THE_WEB))


def where_shown(docs: Path, picture: str, label_prefix: str) -> tuple[str, int | None]:
    """The first page (and line) that shows `picture`, as a label for a message; the picture's own file if none."""
    name = PurePosixPath(picture).name
    for page in sorted(Path(docs).rglob("*.md")):
        try:
            lines = page.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, text in enumerate(lines, start=1):
            if name in text:
                return f"{label_prefix}/docs/{page.relative_to(docs).as_posix()}", number
    return f"{label_prefix}/docs/{picture}", None


def web_pictures(docs: Path, label_prefix: str, logo: str | None = None,
                 logo_where: tuple[str, int | None] | None = None) -> tuple[dict[str, WebPicture], list[DataError]]:
    """Web copies of every picture in an organisation's docs folder, by path; and each picture that cannot be
    made, named by the file (or the page line, or the organisation.yml line) that shows it."""
    found: dict[str, WebPicture] = {}
    problems: list[DataError] = []
    for picture in pictures_in(docs):
        suffix = PurePosixPath(picture).suffix.lower()
        role = "logo" if picture == logo else "picture"
        if role == "logo" and logo_where:
            file, line = logo_where
            prefix, field_name = f"{label_prefix}/docs/{picture} ", "logo"
        else:
            file, line = where_shown(docs, picture, label_prefix)
            shown_in_page = file.endswith(".md")
            prefix, field_name = (f"the picture {picture} " if shown_in_page else ""), None
        if suffix in NOT_FOR_THE_WEB:
            problems.append(DataError(file, f"{prefix}is a {suffix[1:].upper()} file, which browsers do not show:"
                                            " save it as JPEG (photos) or PNG (logos and drawings) and use that name",
                                      field=field_name, line=line))
            continue
        try:
            found[picture] = web_picture(Path(docs) / picture, picture, role, file)
        except DataError as error:
            problems.append(DataError(file, prefix + error.message, field=field_name, line=line))
    return found, problems
