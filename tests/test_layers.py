"""The layers keep to DESIGN.md: the core imports no site engine, the link check depends on the core
only, and nothing patches sys.path (the project installs itself)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

ENGINES = ("mkdocs", "material", "mkdocs_macros", "mkdocs_adapter")


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("folder", ["safeguarding_site", "link_monitor", "upkeep"])
def test_the_core_and_the_link_check_import_no_site_engine(folder):
    for path in python_files(folder):
        engines = sorted(name for name in imported(path) if name.split(".")[0] in ENGINES)
        assert not engines, f"{path.relative_to(ROOT)} imports {engines}"


def test_nothing_patches_the_import_path():
    for folder in ("safeguarding_site", "mkdocs_adapter", "link_monitor", "upkeep", "scripts", "tests"):
        for path in python_files(folder):
            if path == Path(__file__):
                continue
            text = path.read_text(encoding="utf-8")
            assert "sys.path.insert" not in text and "sys.path.append" not in text, path.relative_to(ROOT)


def test_every_page_prerenders_without_the_macros_plugin_as_make_bench_needs():
    """`make bench` times the data layer against pages whose macros were replaced by their output."""
    import macros

    pages = {path: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
    rendered = macros.prerender(ROOT, pages)
    assert rendered.keys() == pages.keys()
    calls = [path.name for path, text in pages.items() if "{{" in text]
    assert calls, "no page calls a macro"
    for path, text in rendered.items():
        # What a page shows as an example, `{{ our_guidelines() }}`, stays, in code.
        left = [call for call in re.findall(r"\{\{.*?\}\}", text) if f"`{call}`" not in text]
        assert not left, f"{path.name} still holds macro calls: {left}"
    resources = next(text for path, text in rendered.items() if path.name == "resources.md")
    assert "ceop" in resources.lower() and "<a " in resources


def test_upkeep_runs_with_the_sites_own_packages_alone():
    """The upkeep workflows set up `make venv` (no test tools): python -m upkeep must not need them."""
    import subprocess
    import sys
    blocked = ("publicsuffixlist", "linkcheck", "playwright", "pytest", "textstat", "pypdf")
    code = ("import sys\n"
            f"for name in {blocked!r}: sys.modules[name] = None\n"
            "import upkeep.cli, upkeep.site_updates, upkeep.link_fixes, upkeep.changes\n"
            "sys.exit(upkeep.cli.main(['check', '--', sys.executable, '-c', 'pass']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
