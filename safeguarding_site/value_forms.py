"""The forms a value of each kind must take (an id, a path, a colour, a UK phone number, an email or web
address), and, for a value that does not, one plain sentence saying what is wrong and what to write.

Each check takes the value as text and the field's name, and returns None when the value is right, or
the sentence that follows "file, line N, field 'NAME': " in a message. The models use the same checks
as validators (field_kinds.py), so what is refused and what the message says cannot disagree.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from .colours import HEX_COLOUR, as_hex, too_light

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EMAIL_PATTERN = r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$"
# A path inside org/docs/: letters, digits, hyphens, underscores and full stops, folders split by '/'.
PATH_PATTERN = r"^[A-Za-z0-9_-][A-Za-z0-9_./-]*$"
# A UK phone number as people write it: 0191 123 4567, +44 (0)191 123 4567, 0191-123-4567, with an
# extension after it if need be (ext 2, ext. 12, extension 3, x4).
PHONE_PATTERN = (r"^(?:\+44\s?(?:\(0\)\s?)?|0)[0-9][0-9 ().-]*[0-9]"
                 r"(?:,?\s*(?:ext\.?|extn\.?|extension|x)\s*[0-9]{1,6})?$|^[0-9]{3}(?: ?[0-9]{3})?$")
EXTENSION = re.compile(r",?\s*(?:ext\.?|extn\.?|extension|x)\s*(?P<number>[0-9]{1,6})\s*$", re.IGNORECASE)
# Numbers that always have 11 digits: mobiles, 02, 03 and 09 numbers, and the big cities' 01 codes (0191 ...).
ELEVEN_DIGITS = re.compile(r"^0(?:[2379]|11[3-8]|1[2-9]1)")
SHORT_NUMBERS = re.compile(r"^(?:999|112|111|101|105|119|116[0-9]{3})$")  # emergency, NHS, police, helplines


def line(name: str, value: str) -> str:
    """The line to write: `name: value`, or `- value` for an item of a list (its name given as '-')."""
    return f"- {value}" if name == "-" else f"{name}: {value}"


def quoted(value: str) -> str:
    return f'"{value}"'


EXAMPLE_PHONE = "0191 123 4567"
QUOTED_GREEN = '"#1b5e20"'


def suggested_id(value: str) -> str:
    """`value` made into an id: lower case, runs of anything else as one hyphen ('Oak Tree!' -> 'oak-tree')."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def id_problem(value: str, name: str) -> str | None:
    if re.fullmatch(SLUG_PATTERN, value):
        return None
    suggestion = suggested_id(value)
    write = f": write {line(name, suggestion)}" if suggestion else ""
    return ("should be an id of lower-case letters, digits and hyphens, with no spaces (like 'online-compass')"
            f"{write}")


def suggested_file_name(path: str) -> str:
    """`path` with each part in lower case and spaces or odd characters as hyphens: 'Our Logo.PNG' -> 'our-logo.png'."""
    parts = []
    for part in path.replace("\\", "/").strip("/").split("/"):
        stem, dot, suffix = part.rpartition(".")
        if not dot:
            stem, suffix = part, ""
        stem = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-") or "file"
        parts.append(stem + (f".{suffix.lower()}" if suffix else ""))
    return "/".join(parts)


def path_problem(value: str, name: str) -> str | None:
    """A path inside org/docs/ (a logo, a page): written the way the web can use it, from inside that folder."""
    text = value.strip()
    if not text:
        return f"is empty: write a path inside org/docs/, like {line(name, 'assets/logo.png')}, or delete the line"
    if "\\" in text:
        fixed = text.replace("\\", "/")
        return f"uses '\\' between folders; the web uses '/': write {line(name, fixed)}"
    for prefix in ("org/docs/", "docs/", "/org/docs/", "/docs/"):
        if text.startswith(prefix) and len(text) > len(prefix):
            return (f"starts with '{prefix}', but paths here are written from inside org/docs/: write"
                    f" {line(name, text[len(prefix):])}")
    if text.startswith("/"):
        return f"starts with '/', but paths here are written from inside org/docs/: write {line(name, text.lstrip('/'))}"
    if ".." in PurePosixPath(text).parts:
        return f"'{text}' points outside org/docs/: put the file inside it, and give its path there, like assets/logo.png"
    if re.fullmatch(PATH_PATTERN, text):
        return None
    better = suggested_file_name(text)
    if " " in text:
        reason = "has a space in it, which a web address cannot hold"
    else:
        odd = "".join(dict.fromkeys(ch for ch in text if not re.match(r"[A-Za-z0-9_./-]", ch)))
        reason = f"has characters a web address cannot hold safely ({' '.join(odd)})"
    return (f"'{text}' {reason}: give the file a name with lower-case letters, digits and hyphens only, such as"
            f" {PurePosixPath(better).name}, and write {line(name, better)}")


def colour_problem(value: str, name: str) -> str | None:
    text = str(value).strip()
    if HEX_COLOUR.fullmatch(text):
        return too_light(text.lower())
    same = as_hex(text)
    if same is None:
        return (f"'{text}' is not a colour this file can read: write it as \"#rrggbb\", in quotes, like"
                f" {line(name, QUOTED_GREEN)} (a colour picker, or your brand guide, gives this six-character code)")
    pale = too_light(same)
    if pale:
        return (f"'{text}' is written as \"{same}\" in this file, but that colour is too light: against white its"
                f" contrast is below 4.5:1, so white header text and links on white pages would be hard to"
                " read. Choose a darker colour, written \"#rrggbb\" in quotes")
    return (f"'{text}' is not written the way this file needs: write {line(name, quoted(same))} (the same colour,"
            " as \"#rrggbb\", in quotes)")


def phone_problem(value: str, name: str) -> str | None:
    """A UK phone number as people write it, an extension allowed: 0191 123 4567, +44 191 123 4567 ext 2."""
    text = " ".join(str(value).split())
    if not text:
        return f"is empty: write the number, in quotes, like {line(name, quoted(EXAMPLE_PHONE))}, or delete the line"
    extension = EXTENSION.search(text)
    number = text[:extension.start()] if extension else text
    like = f"like {line(name, quoted(EXAMPLE_PHONE))} (an extension can follow: \"{EXAMPLE_PHONE} ext 2\")"
    words = re.sub(r"[0-9 +().-]", "", number)
    if words:
        return f"'{text}' has more than a phone number in it ('{words}'): write only the number, {like}"
    digits = re.sub(r"[^0-9]", "", number)
    compact = re.sub(r"\s", "", number)
    if compact.startswith("+") and not compact.startswith("+44"):
        return f"'{text}' is not a UK number: write a UK number, {like}"
    if compact.startswith(("+44", "0044")):
        national = "0" + digits[4 if compact.startswith("0044") else 2:].removeprefix("0")
    else:
        national = digits
    if SHORT_NUMBERS.fullmatch(national):
        return None
    if not national.startswith("0"):
        if len(national) in (9, 10):
            return f"'{text}' has lost its first 0: write {line(name, quoted('0' + national))} (in quotes, so it stays as written)"
        return f"'{text}' is not a UK phone number: write one that starts with 0 or +44, {like}"
    freephone = national.startswith(("0800", "0808"))
    lengths = (11,) if ELEVEN_DIGITS.match(national) else (10, 11)
    if len(national) in lengths or (freephone and 8 <= len(national) <= 11):
        return None
    some = "" if lengths == (11,) else " (a few have 10)"
    return (f"'{text}' has {len(national)} digits, but a UK phone number has 11, starting with 0{some}:"
            f" check it and write it {like}")


def _spaced_email_advice(text: str, name: str, like: str) -> str:
    """What to write for an address with a space in it: the one word that is an address (a name written beside
    it: "Priya safeguarding@..."), the address with "at" and "dot" written as signs, or the address alone. Spaces
    are never just taken out: "Priya safeguarding@..." is not Priyasafeguarding@..."""
    words = text.split()
    addresses = [word.strip(",;()") for word in words if re.fullmatch(EMAIL_PATTERN, word.strip(",;()"))]
    if len(addresses) == 1:
        return f"write only the address, {line(name, addresses[0])} (check that this is the whole address)"
    if len(addresses) > 1:
        return f"write one address, {line(name, addresses[0])}"
    spelled = re.sub(r"\s*\b(?:at)\b\s*", "@", re.sub(r"\s*\b(?:dot)\b\s*", ".", text, flags=re.I), flags=re.I)
    if not addresses and re.fullmatch(EMAIL_PATTERN, spelled):
        return f"write the address with the signs, {line(name, spelled)}"
    return f"write the address alone, with no spaces, {like}"


def email_problem(value: str, name: str) -> str | None:
    text = str(value).strip()
    like = f"like {line(name, 'name@your-organisation.org.uk')}"
    if not text:
        return f"is empty: write the address, {like}, or delete the line"
    if text.lower().startswith("mailto:"):
        return f"starts with 'mailto:', which the site adds itself: write {line(name, text[7:].strip())}"
    if "<" in text or ">" in text:
        found = re.search(r"<\s*([^<>\s]+@[^<>\s]+)\s*>", text)
        return f"has more than the address in it: write only the address, {'as ' + line(name, found[1]) if found else like}"
    if re.search(r"\s", text):
        return f"'{text}' has a space in it, and an email address has none: {_spaced_email_advice(text, name, like)}"
    if "@" not in text:
        return f"'{text}' has no @ in it: write the whole address, {like}"
    if text.count("@") > 1:
        return f"'{text}' has more than one @: write one address, {like}"
    local, domain = text.split("@")
    if not local:
        return f"'{text}' has nothing before the @: write the whole address, {like}"
    if not re.fullmatch(r"[^@\s]+\.[A-Za-z]{2,}", domain):
        return (f"'{text}': the part after the @ ('{domain}') should be a full domain with its ending, such as"
                f" your-organisation.org.uk: write the whole address, {like}")
    if re.fullmatch(EMAIL_PATTERN, text):
        return None
    return f"'{text}' is not an email address: write it {like}"


def web_address_problem(value: str, name: str) -> str | None:
    text = str(value).strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        if re.match(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?$", text):
            return (f"'{text}' is not a full web address: it must start with http:// or https://, so write"
                    f" {line(name, 'https://' + text)}")
        return (f"'{text}' is not a full web address: it must start with http:// or https://, like"
                f" {line(name, 'https://www.your-organisation.org.uk/')}")
    host = parts.hostname or ""
    if any(ch.isspace() for ch in text):
        return f"'{text}' has a space in it: a web address has none, so check it and write it without spaces"
    if "." not in host or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        return f"'{text}' is not a valid web address (check the host name, '{host}')"
    return None


def text_problem(value: str, name: str) -> str | None:
    if not str(value).strip():
        return "must not be empty: write the text, or delete the line where it is optional"
    return None


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def iso_date(written: object) -> str | None:
    """A date as people in the UK write it (3/11/2026, 03-11-2026, 3 November 2026, 3rd Nov 2026, 2026/11/03), as
    YYYY-MM-DD; None when it is not one."""
    text = str(written).strip().lower()
    numeric = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text)
    year_first = re.fullmatch(r"(\d{4})[./](\d{1,2})[./](\d{1,2})", text)
    worded = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,})\.?,?\s+(\d{4})", text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
    elif year_first:
        year, month, day = (int(part) for part in year_first.groups())
    elif worded:
        day, year = int(worded[1]), int(worded[3])
        month = next((n for n, name in enumerate(MONTHS, 1) if name.startswith(worded[2])), 0)
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def date_problem(written: object, name: str) -> str:
    """What to write for a date that is not written YYYY-MM-DD: the reader's own date turned round where it can be."""
    iso = iso_date(written)
    if iso:
        return f"should be a date written YYYY-MM-DD: write {line(name, iso)}"
    return f"should be a date written YYYY-MM-DD, like {line(name, date.today().replace(day=1).isoformat())}"
