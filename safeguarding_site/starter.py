"""`make org NAME="..."`: start an organisation's own copy of the site from examples/starter/.

It writes `mkdocs.org.yml` and `org/` (the overlay: docs/for-organisations.md) with the name filled
in and "FILL IN: ..." placeholders for everything else. The build refuses to finish while any
placeholder is left (see `overlay_checks`), so nothing half-made is ever published.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date
from pathlib import Path

STARTER = Path("examples") / "starter"  # inside the project
TEXT_SUFFIXES = {".yml", ".md"}


def yaml_text(value: str) -> str:
    """`value` as a YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def fill(text: str, name: str, today: date) -> str:
    for token, value in (("[[site_name]]", yaml_text(f"Safeguarding and social media at {name}")),
                         ("[[name]]", yaml_text(name)),
                         ("[[copyright]]", yaml_text(f"Our own pages and guidelines © {name}, {today.year}.")),
                         ("[[today]]", today.isoformat())):
        text = text.replace(token, value)
    return text


def start(project: Path, name: str, today: date | None = None) -> list[Path]:
    """Write the starter overlay into `project`; returns the files written. ValueError says what is wrong."""
    name = " ".join(name.split())
    if not name:
        raise ValueError('give your organisation\'s name, for example: make org NAME="Oak Tree Youth Group"')
    existing = [path for path in (project / "org", project / "mkdocs.org.yml") if path.exists()]
    settings_only = existing == [project / "org"]  # org/ kept, its settings file lost: write that alone
    if existing and not settings_only:
        raise ValueError(f"{' and '.join(p.name + ('/' if p.is_dir() else '') for p in existing)} already"
                         " exist here, so nothing was changed: your organisation's files are already started."
                         " To start again, move them somewhere else first.")
    today = today or date.today()
    starter = project / STARTER
    written = []
    for source in sorted(starter.rglob("*")):
        if source.is_dir() or (settings_only and source.relative_to(starter).parts[0] == "org"):
            continue
        target = project / source.relative_to(starter)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix in TEXT_SUFFIXES:
            target.write_text(fill(source.read_text(encoding="utf-8"), name, today), encoding="utf-8")
        else:
            shutil.copy2(source, target)
        written.append(target)
    (project / "org" / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make org", description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default="", help="your organisation's name in full")
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    try:
        written = start(args.project.resolve(), args.name)
    except ValueError as exc:
        print(f"make org: {exc}", file=sys.stderr)
        return 1
    if [path.name for path in written] == ["mkdocs.org.yml"]:
        print("Your org/ folder was already here, so only its settings file was written: mkdocs.org.yml")
        print('Give it a site_description in place of "FILL IN: ...", then run: make serve')
        return 0
    print("Started your organisation's own copy of the site:")
    for path in written:
        print(f"  {path.relative_to(args.project.resolve())}")
    print('Now replace every "FILL IN: ..." in those files with your own details (the build names any that'
          ' are left), then run: make serve')
    return 0


if __name__ == "__main__":
    sys.exit(main())
