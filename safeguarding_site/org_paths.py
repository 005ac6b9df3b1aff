"""Files named in an organisation's data (its logo, its pages), found as the web will find them.

The web, and the computer that publishes the site, tell capitals apart ('Logo.png' is not 'logo.png'),
though Windows and macOS do not; so a file counts as there only when every part of its path has exactly
the name written. When it is not there, the message names the file that nearly matches: the same name
in other capitals, the same file in another folder, or a name a letter or two away.
"""
from __future__ import annotations

import difflib
from pathlib import Path, PurePosixPath

import re

from .value_forms import PATH_PATTERN, line, suggested_file_name


def exact_file(folder: Path, path: str) -> bool:
    """Whether `folder`/`path` is a file, each part of `path` named with exactly these capitals."""
    current = Path(folder)
    for part in PurePosixPath(path).parts:
        try:
            names = {entry.name for entry in current.iterdir()}
        except OSError:
            return False
        if part not in names:
            return False
        current = current / part
    return current.is_file()


def _files(org_dir: Path) -> list[str]:
    """Every file in the organisation's folder, as paths relative to it (no hidden files)."""
    org_dir = Path(org_dir)
    if not org_dir.is_dir():
        return []
    return sorted(path.relative_to(org_dir).as_posix() for path in org_dir.rglob("*")
                  if path.is_file() and not any(part.startswith(".") for part in path.relative_to(org_dir).parts))


def missing_file(org_dir: Path, path: str, field_name: str, org_label: str = "org") -> str | None:
    """None when org/docs/`path` is there; else what is wrong, naming the file that nearly matches and the
    line to write (`field_name` as in value_forms.line: '-' for an item of a list)."""
    org_dir = Path(org_dir)
    if exact_file(org_dir / "docs", path):
        return None
    wanted = f"docs/{path}"
    files = _files(org_dir)
    missing = f"there is no file {org_label}/{wanted}"
    same_name = [name for name in files if name.lower() == wanted.lower()]
    if same_name:
        found = same_name[0]
        return (f"{missing}, but there is {org_label}/{found}: capitals count on the web (and on the computer that"
                f" publishes the site), so write {line(field_name, found.removeprefix('docs/'))}")
    base = PurePosixPath(path).name.lower()
    elsewhere = [name for name in files if PurePosixPath(name).name.lower() == base]
    if elsewhere:
        found = elsewhere[0]
        if found.startswith("docs/"):
            return (f"{missing}, but there is {org_label}/{found}: write"
                    f" {line(field_name, found.removeprefix('docs/'))}")
        return (f"{missing}, but there is {org_label}/{found}: everything the site shows lives in"
                f" {org_label}/docs/, so move it to {org_label}/{wanted}")
    in_docs = [name.removeprefix("docs/") for name in files if name.startswith("docs/")]
    close = difflib.get_close_matches(path.lower(), [name.lower() for name in in_docs], n=1, cutoff=0.75)
    if close:
        found = next(name for name in in_docs if name.lower() == close[0])
        if not re.fullmatch(PATH_PATTERN, found):  # its name would fail as soon as it is written: say both at once
            better = suggested_file_name(found)
            return (f"{missing}; {org_label}/docs/{found} nearly matches, but its name has spaces or other"
                    f" characters a web address cannot hold: rename it to {PurePosixPath(better).name} (on GitHub:"
                    f" upload it again with that name, then delete the old one) and write"
                    f" {line(field_name, better)}, if that is the one")
        return f"{missing}; {org_label}/docs/{found} nearly matches: write {line(field_name, found)}, if that is the one"
    folder = PurePosixPath(wanted).parent
    hint = ("put the file there (on GitHub: open that folder, then Add file, Upload files), or correct the path"
            if (org_dir / folder).is_dir() else
            f"there is no folder {org_label}/{folder} either: put the file in {org_label}/docs/assets/ and write"
            f" {line(field_name, 'assets/' + PurePosixPath(path).name)}")
    return f"{missing}: {hint}"
