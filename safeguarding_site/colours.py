"""Colours as the site writes them ("#rrggbb"), what a person may have written instead, and contrast.

A colour copied from a brand guide or a design tool often comes as `rgb(27, 94, 32)`, `#1B5E20`,
`1b5e20`, `#1b5` or a name such as `green`: each is translated to the "#rrggbb" the data needs (with
Pillow's reading of CSS colours), so the message can give the very line to write.
"""
from __future__ import annotations

import re

from PIL import ImageColor

HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal-size text


def as_hex(written: str) -> str | None:
    """The colour `written` as "#rrggbb" (lower case), or None when it is no colour a browser knows."""
    text = " ".join(str(written).split()).strip().strip("\"'")
    if not text:
        return None
    if re.fullmatch(r"[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3}", text):  # the code without its '#'
        text = "#" + text
    spaced = re.fullmatch(r"(rgb|hsl)a?\(\s*([^,\s]+)\s+([^,\s]+)\s+([^,\s/]+)\s*\)", text, re.IGNORECASE)
    if spaced:  # CSS's newer way, rgb(27 94 32)
        text = f"{spaced[1].lower()}({spaced[2]}, {spaced[3]}, {spaced[4]})"
    candidates = [text, text.replace(" ", "").lower()]  # "Dark Green" is darkgreen
    for candidate in candidates:
        try:
            rgb = ImageColor.getrgb(candidate)
        except ValueError:
            continue
        if len(rgb) == 4 and rgb[3] != 255:
            return None  # see-through: no single colour to give
        return "#{:02x}{:02x}{:02x}".format(*rgb[:3])
    return None


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG 2.2)."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def too_light(colour: str) -> str | None:
    """Why '#rrggbb' cannot carry white text and be link text on white, or None when it can."""
    ratio = contrast(colour, "#ffffff")
    if ratio < MIN_CONTRAST:
        return (f"'{colour}' is too light: against white its contrast is only {ratio:.1f}:1, and text needs at"
                f" least {MIN_CONTRAST}:1 to be readable (it carries white header text, and links on white"
                " pages). Choose a darker colour")
    return None
