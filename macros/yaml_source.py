"""Read a YAML file and remember where each value came from (its line number)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError


@dataclass
class YamlSource:
    """The parsed data of one YAML file, plus the node tree for line look-ups."""

    path: Path
    label: str  # the path as shown to editors, e.g. "data/resources.yml"
    data: Any
    root: yaml.Node | None
    text: str = ""

    def line_text(self, line: int | None) -> str:
        """The text of a 1-based line of the file ('' when there is no such line)."""
        lines = self.text.splitlines()
        return lines[line - 1] if line and line <= len(lines) else ""

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """1-based line of the deepest node that `loc` reaches (a key path)."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for step in loc:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == step:
                        line = key.start_mark.line + 1
                        node = value
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def _check_duplicate_keys(node: yaml.Node | None, label: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise DataError(label, f"the key '{key.value}' appears twice in the same entry "
                                    f"(first on line {seen[key.value]}); keep only one",
                                    line=key.start_mark.line + 1, field=key.value)
                seen[key.value] = key.start_mark.line + 1
            _check_duplicate_keys(value, label)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, label)


def read_yaml(path: Path, label: str | None = None) -> YamlSource:
    """Parse `path`; any YAML syntax problem becomes a DataError with its line."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(label, "the file is missing") from None
    except UnicodeDecodeError as exc:
        raise DataError(label, f"the file is not UTF-8 text ({exc.reason})") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        _check_duplicate_keys(root, label)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "the YAML cannot be read"
        raise DataError(label, f"this is not valid YAML: {problem}"
                        " (check indentation, colons and quotes)", line=line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise DataError(label, f"this is not valid YAML: {exc}") from None
    return YamlSource(path=path, label=label, data=data, root=root, text=text)
