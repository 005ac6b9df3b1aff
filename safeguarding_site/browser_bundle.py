"""The site's browser code is written as small ES modules in browser/ (each tested on its own with
`node --test`); pages get each entry module as one classic, minified script, built here in Python.
A classic script, because browsers refuse module scripts on a page opened from disk (the offline
copy), and one file per entry, so a page loads one request, not a chain of imports.

Each module becomes a function scope that returns its exports; its imports are read from the modules
it names. The modules keep to a small, checked subset of the syntax:

    import { a, b as c } from "./x.js";      import * as x from "./x.js";
    export function f() {}   export async function f() {}   export const|let|var|class x ...

Anything else that imports or exports is refused with the file and line, as is an import cycle.

Every page runs `site.js` first (it is what loads a tool's script), so a tool's script does not carry
its own copy of a module `site.js` already holds: `site.js` hands its modules over on `window`, and the
tool's script takes them from there (one copy of the contract and the page wiring on a page, not two).

A part (browser/parts.js) is a module a tool's script loads only when the reader goes to use it:
`loadPart("guidelines-files")` in one of the tool's modules names browser/guidelines-files.js. The part is
built like a tool's script, taking what `site.js` and the tool's script hold (the tool's script hands its
modules over too), and leaves its exports on `window` for loadPart.
"""
from __future__ import annotations

import re
from pathlib import Path

import minify

IMPORT = re.compile(r'^import\s+(?:\{(?P<names>[^}]*)\}|\*\s+as\s+(?P<namespace>[A-Za-z_$][\w$]*))\s+'
                    r'from\s+"(?P<path>\.\.?/[\w./-]+\.js)";[ \t]*$', re.M)
EXPORT = re.compile(r"^export\s+(?=(?:async\s+)?(?:function\*?|const|let|var|class)\s+(?P<name>[A-Za-z_$][\w$]*))",
                    re.M)
STRAY = re.compile(r"^(?:import|export)\b.*$", re.M)
NAME = re.compile(r"^[A-Za-z_$][\w$]*$")
EVERY_PAGE = "site.js"  # the entry every page runs before any tool's script
HANDED_OVER = "__siteModules"  # where it leaves its modules for the tools' scripts (and a tool's, for its parts)
PARTS = "__siteParts"  # where a part leaves its exports (browser/parts.js)
PART_CALL = re.compile(r'\bloadPart\(\s*"(?P<name>[a-z0-9-]+)"')


class BundleError(ValueError):
    """A module the bundler cannot read, named by file and line."""


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _bindings(names: str, where: str) -> list[tuple[str, str]]:
    """'a, b as c' -> [('a', 'a'), ('b', 'c')] (exported name, local name)."""
    pairs = []
    for part in filter(None, (piece.strip() for piece in names.split(","))):
        exported, _, local = part.partition(" as ")
        exported, local = exported.strip(), (local or exported).strip()
        if not (NAME.match(exported) and NAME.match(local)):
            raise BundleError(f"{where}: cannot read the import {part!r}")
        pairs.append((exported, local))
    return pairs


class _Module:
    def __init__(self, path: Path, root: Path):
        self.path = path
        self.label = path.relative_to(root).as_posix()
        self.variable = "module_" + re.sub(r"\W", "_", self.label.removesuffix(".js"))
        text = path.read_text(encoding="utf-8")
        self.imports: list[tuple[Path, str | None, list[tuple[str, str]]]] = []
        for match in IMPORT.finditer(text):
            where = f"{self.label}, line {_line(text, match.start())}"
            target = (path.parent / match["path"]).resolve()
            if not target.is_file():
                raise BundleError(f"{where}: there is no module {match['path']}")
            self.imports.append((target, match["namespace"], _bindings(match["names"] or "", where)))
        self.exports = [match["name"] for match in EXPORT.finditer(text)]
        # Imports become blank lines, so a line number in the body is still the file's.
        body = EXPORT.sub("", IMPORT.sub(lambda match: "\n" * match.group(0).count("\n"), text))
        stray = STRAY.search(body)
        if stray:
            raise BundleError(f"{self.label}, line {_line(body, stray.start())}: the bundler only reads imports like"
                              f" `import {{ a }} from \"./x.js\";` and exports like `export function a`; found"
                              f" {stray.group(0).strip()!r}")
        self.body = body.strip("\n")


def entry_modules(root: Path) -> list[Path]:
    """The modules in `root` that no other module imports: each one is a script a page loads."""
    root = Path(root).resolve()
    modules = sorted(path.resolve() for path in root.glob("*.js"))
    imported = {target for path in modules for target, _, _ in _Module(path, root).imports}
    return [path for path in modules if path not in imported]


def _ordered(entry: Path, root: Path) -> list[_Module]:
    """The entry's modules, each after the modules it imports."""
    done: dict[Path, _Module] = {}
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in done:
            return
        if path in visiting:
            cycle = " -> ".join(p.relative_to(root).as_posix() for p in visiting[visiting.index(path):] + [path])
            raise BundleError(f"an import cycle: {cycle}")
        visiting.append(path)
        module = _Module(path, root)
        for target, _, _ in module.imports:
            visit(target)
        visiting.pop()
        done[path] = module

    visit(entry.resolve())
    return list(done.values())


def parts_of(root: Path) -> dict[Path, Path]:
    """Each part in `root` (a module some module loads with loadPart("name")) -> the entry whose script loads it."""
    root = Path(root).resolve()
    found: dict[Path, Path] = {}
    for entry in entry_modules(root):
        for module in _ordered(entry, root):
            for match in PART_CALL.finditer(module.body):
                part = (root / f"{match['name']}.js").resolve()
                where = f"{module.label}, line {_line(module.body, match.start())}"
                if not part.is_file():
                    raise BundleError(f"{where}: there is no module {match['name']}.js to load as a part")
                if found.get(part, entry) != entry:
                    raise BundleError(f"{where}: the part {match['name']}.js is loaded by two scripts,"
                                      f" {found[part].name} and {entry.name}; a part belongs to one")
                found[part] = entry
    return found


def _held(entry: Path, root: Path) -> set[Path]:
    """The modules `entry`'s script takes from the scripts that run before it: site.js's, and for a part the
    tool's script's too."""
    every_page = root / EVERY_PAGE
    held: set[Path] = set()
    if entry != every_page and every_page.is_file():
        held = {module.path for module in _ordered(every_page, root) if module.path != every_page}
    tool = parts_of(root).get(entry)
    if tool is not None:
        held |= {module.path for module in _ordered(tool, root) if module.path != tool}
    return held


def bundle(entry: Path, root: Path | None = None) -> str:
    """One classic script that runs `entry` and the modules it imports, in order (taking those the
    every-page script holds from it, when `root` has one and `entry` is another; and for a part, those its
    tool's script holds)."""
    entry = Path(entry).resolve()
    root = Path(root).resolve() if root else entry.parent
    modules = _ordered(entry, root)
    every_page = root / EVERY_PAGE
    tool_of_part = parts_of(root)
    held = _held(entry, root)
    by_path = {module.path: module for module in modules}
    parts = [f"/* Built by safeguarding_site/browser_bundle.py from {by_path[entry].label} and what it imports"
             " (browser/): edit those, not this. */", "(() => {", '"use strict";']
    for module in modules:
        if module.path in held:
            parts.append(f"const {module.variable} = window.{HANDED_OVER}[{module.label!r}];")
            continue
        lines = [f"/* {module.label} */"]
        for target, namespace, pairs in module.imports:
            source = by_path[target]
            if namespace:
                lines.append(f"const {namespace} = {source.variable};")
            for exported, local in pairs:
                if exported not in source.exports:
                    raise BundleError(f"{module.label}: {source.label} does not export {exported!r}")
            if pairs:
                lines.append("const { " + ", ".join(e if e == l else f"{e}: {l}" for e, l in pairs)
                             + f" }} = {source.variable};")
        if module.path == entry:
            if entry == every_page:
                handed = ", ".join(f"{m.label!r}: {m.variable}" for m in modules if m.path != entry)
                lines.append(f"window.{HANDED_OVER} = {{ {handed} }};")
            elif entry in tool_of_part.values():  # a script with parts hands its own modules over to them
                handed = ", ".join(f"{m.label!r}: {m.variable}" for m in modules
                                   if m.path != entry and m.path not in held)
                lines.append(f"Object.assign(window.{HANDED_OVER}, {{ {handed} }});")
            if entry in tool_of_part:  # a part: its exports, for loadPart
                parts += [f"const {module.variable} = (() => {{", *lines, module.body,
                          f"return {{ {', '.join(module.exports)} }};", "})();",
                          f"(window.{PARTS} = window.{PARTS} || {{}})[{entry.stem!r}] = {module.variable};"]
            else:
                parts += ["(() => {", *lines, module.body, "})();"]
        else:
            parts += [f"const {module.variable} = (() => {{", *lines, module.body,
                      f"return {{ {', '.join(module.exports)} }};", "})();"]
    parts.append("})();")
    header, code = parts[0], "\n".join(parts[1:])
    return header + "\n" + minify_javascript(code) + "\n"


def minify_javascript(code: str) -> str:
    """`code` as pages receive it: without comments and spare space, local names shortened (tdewolff's
    minifier, the one Hugo uses, through the minify-go package)."""
    return minify.string("application/javascript", code).strip("\n")
