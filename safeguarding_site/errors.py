"""One error type for bad data, worded for the person who edits the YAML."""
from __future__ import annotations


class DataError(Exception):
    """A problem in a data file, named by file, entry and field.

    `problems` holds one or more plain sentences; the first is the headline.
    """

    def __init__(self, file: str, message: str, entry: str | None = None,
                 field: str | None = None, line: int | None = None):
        self.file = file
        self.entry = entry
        self.field = field
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + (f", line {self.line}" if self.line else "")
        parts = [where]
        if self.entry:
            parts.append(f"entry {self.entry}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return f"{': '.join([', '.join(parts), self.message])}"


class DataErrors(Exception):
    """Several DataError at once, so an editor can fix them in one go."""

    def __init__(self, errors: list[DataError], where: str = "the site's data"):
        self.errors = errors
        self.where = where
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.errors) == 1:
            return f"Problem in {self.where}: {self.errors[0]}"
        lines = [f"{len(self.errors)} problems in {self.where}:"]
        lines += [f"  - {error}" for error in self.errors]
        return "\n".join(lines)


class MacroCallError(Exception):
    """A macro call in a page that cannot be rendered, explained for the page's author."""


class BuildProblem(Exception):
    """Something stops the build, said as a plain message ("Problem in FILE, line N: ..."): each engine's
    adapter shows it as that engine shows its own errors (MkDocs: a PluginError)."""
