"""The browser code: small ES modules with their own unit tests (Node's built-in runner), the one
contract they read, and the bundler that turns each entry module into the script a page loads."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from safeguarding_site.browser_bundle import BundleError, bundle
from safeguarding_site.browser_contract import STATUSES, contract
from safeguarding_site.models import SLUG_PATTERN

BROWSER = ROOT / "browser"
MODULES = sorted(BROWSER.glob("*.js"))


def node(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    assert shutil.which("node"), "Node.js is missing: run `make node` (Debian's nodejs)"
    return subprocess.run(["node", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_the_browser_modules_pass_their_own_unit_tests():
    result = node("--test", "browser/tests/", PYTHON=sys.executable)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_each_browser_module_is_small(module):
    lines = module.read_text(encoding="utf-8").count("\n")
    assert lines < 300, f"{module.name} has {lines} lines: split it"


def test_the_contract_is_what_the_data_rules_say():
    told = contract()
    assert told["idPattern"] == SLUG_PATTERN
    assert [(s["id"], s["label"]) for s in told["review"]["statuses"]] == list(STATUSES)
    assert sorted(told["review"]["countColumns"]) == sorted(status for status, _ in STATUSES)


def test_no_rule_of_the_contract_is_typed_in_the_browser_code():
    """Ids, statuses, labels and the file format come from the contract, never from a script's own copy."""
    typed = [SLUG_PATTERN.strip("^$"), '"sgsm-review"', "'sgsm-review'", '"Does not apply"', '"In progress"',
             "January", "76.2", "59.9"]
    for module in MODULES:
        text = module.read_text(encoding="utf-8")
        found = [rule for rule in typed if rule in text]
        assert not found, f"{module.name} types {found}; read it from the contract (browser/contract.js)"


def run_bundle(tmp_path: Path, files: dict[str, str], entry: str = "main.js") -> subprocess.CompletedProcess:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    script = tmp_path / "bundle.js"
    script.write_text(bundle(tmp_path / entry), encoding="utf-8")
    return node(str(script), cwd=tmp_path)


def test_a_bundle_runs_the_entry_after_what_it_imports_with_each_module_in_its_own_scope(tmp_path):
    result = run_bundle(tmp_path, {
        "main.js": 'import { greet, count as total } from "./lib/greet.js";\nimport * as maths from "./maths.js";\n'
                   "const secret = 'main';\nconsole.log(greet('Sam'), total(), maths.twice(21), secret);\n",
        "lib/greet.js": 'import { twice } from "../maths.js";\nconst secret = "greet";\nlet calls = 0;\n'
                        "export function greet(name) { calls += 1; return `Hello ${name} ${twice(1)}`; }\n"
                        "export const count = () => calls;\n",
        "maths.js": "export function twice(n) { return n * 2; }\n",
    })
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Hello Sam 2 1 42 main"


def test_a_tool_script_uses_the_modules_the_every_page_script_already_holds(tmp_path):
    """Every page runs site.js before it loads a tool's script: the tool's script carries no second copy
    of what site.js holds, and both share one instance (one cache, one set of listeners)."""
    files = {
        "site.js": 'import { hit } from "./shared.js";\nhit("site");\n',
        "tool.js": 'import { hit, seen } from "./shared.js";\nimport { own } from "./own.js";\n'
                   'hit("tool");\nconsole.log(seen().join(" "), own());\n',
        "shared.js": "const calls = [];\nexport function hit(who) { calls.push(who); }\n"
                     "export const seen = () => calls;\nexport const MARKER = 'only-in-shared';\n",
        "own.js": "export const own = () => 'own-module';\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    site, tool = bundle(tmp_path / "site.js", tmp_path), bundle(tmp_path / "tool.js", tmp_path)
    assert "only-in-shared" in site and "only-in-shared" not in tool
    page = tmp_path / "page.js"
    page.write_text("globalThis.window = globalThis;\n" + site + ";\n" + tool, encoding="utf-8")  # two scripts
    result = node(str(page), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site tool own-module"


def test_a_part_takes_what_the_page_and_its_tool_hold_and_leaves_its_exports_for_the_tool(tmp_path):
    """A part (loadPart("tool-files") in the tool's code) is fetched only when needed: it carries no copy of what
    site.js or the tool's script holds, shares their instances, and its exports reach the tool."""
    files = {
        "site.js": 'import { hit } from "./shared.js";\nhit("site");\n',
        "tool.js": 'import { hit, seen } from "./shared.js";\nimport { state } from "./tool-state.js";\n'
                   'hit("tool");\nstate.value = "kept by the tool";\n'
                   'globalThis.later = () => window.__siteParts["tool-files"].files.save();\n'
                   'const never = () => loadPart("tool-files");\n',
        "tool-files.js": 'import { hit, seen } from "./shared.js";\nimport { state } from "./tool-state.js";\n'
                         'import { heavy } from "./heavy.js";\n'
                         'export const files = { save: () => { hit("part"); return `${seen().join(" ")}; ${state.value};'
                         ' ${heavy()}`; } };\n',
        "shared.js": "const calls = [];\nexport function hit(who) { calls.push(who); }\n"
                     "export const seen = () => calls;\nexport const MARKER = 'only-in-shared';\n",
        "tool-state.js": "export const state = { value: '', MARK: 'only-in-tool-state' };\n",
        "heavy.js": "export const heavy = () => 'only-in-the-part';\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    site, tool, part = (bundle(tmp_path / name, tmp_path) for name in ("site.js", "tool.js", "tool-files.js"))
    assert "only-in-the-part" in part and "only-in-the-part" not in tool  # fetched only when the part is
    assert "only-in-shared" not in part and "only-in-tool-state" not in part  # held by the scripts before it
    page = tmp_path / "page.js"
    page.write_text("globalThis.window = globalThis;\n" + site + ";\n" + tool + ";\n" + part
                    + ";\nconsole.log(later());\n", encoding="utf-8")
    result = node(str(page), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "site tool part; kept by the tool; only-in-the-part"


def test_a_part_that_is_not_there_is_named_by_file_and_line(tmp_path):
    (tmp_path / "tool.js").write_text('const x = 1;\nloadPart("tool-filez");\n', encoding="utf-8")
    with pytest.raises(BundleError, match="tool.js, line 2: there is no module tool-filez.js to load as a part"):
        bundle(tmp_path / "tool.js", tmp_path)


def test_a_bundle_is_a_classic_script_in_strict_mode(tmp_path):
    result = run_bundle(tmp_path, {"main.js": "undeclared = 1;\n"})
    assert result.returncode != 0 and "ReferenceError" in result.stderr
    assert "import" not in (tmp_path / "bundle.js").read_text(encoding="utf-8").split("*/", 1)[1]


def test_comments_go_but_strings_templates_and_patterns_stay_as_written(tmp_path):
    tricky = (
        '/* a block comment */\n'
        'const url = "https://example.org/a//b"; // a comment after code\n'
        "const quote = '/* not a comment */';\n"
        "const escaped = (text) => text.replace(/[\\\\`*_[\\]<>]/g, \"\\\\$&\");\n"
        "const half = 9 / 3 / 3;\n"
        "function shout(name) {\n"
        "    // indented comment\n"
        "    return `${name.toUpperCase()} // ${`inner ${1 + 1}`} /* kept */\n"
        "        second line`;\n"
        "}\n"
        "console.log([url, quote, escaped('*a*'), half, shout('sam')].join('|'));\n")
    result = run_bundle(tmp_path, {"main.js": tricky})
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip("\n") == (
        "https://example.org/a//b|/* not a comment */|\\*a\\*|1|SAM // inner 2 /* kept */\n        second line")
    built = (tmp_path / "bundle.js").read_text(encoding="utf-8")
    assert "a block comment" not in built and "indented comment" not in built and "after code" not in built


@pytest.mark.parametrize("files, message", [
    ({"main.js": 'export default function () {}\n'}, r"main.js, line 1: the bundler only reads"),
    ({"main.js": 'import thing from "./x.js";\n', "x.js": ""}, r"main.js, line 1: the bundler only reads"),
    ({"main.js": 'import { a } from "./missing.js";\n'}, r"main.js, line 1: there is no module ./missing.js"),
    ({"main.js": 'import { a } from "./x.js";\n', "x.js": "export const b = 1;\n"}, r"x.js does not export 'a'"),
    ({"main.js": 'import { a } from "./x.js";\n', "x.js": 'import { b } from "./main.js";\nexport const a = 1;\n'},
     r"an import cycle: main.js -> x.js -> main.js"),
], ids=["default export", "default import", "missing module", "missing export", "cycle"])
def test_what_the_bundler_cannot_read_is_named_by_file_and_line(tmp_path, files, message):
    import re
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(BundleError, match=message if not message.startswith("main") else re.escape(message)):
        bundle(tmp_path / "main.js")


@pytest.mark.parametrize("entry", ["site.js", "checklists.js", "guidelines.js", "guidelines-files.js", "review-app.js",
                                   "review-files.js"])
def test_each_entry_the_pages_load_bundles_to_valid_javascript(tmp_path, entry):
    script = tmp_path / entry
    script.write_text(bundle(BROWSER / entry, BROWSER), encoding="utf-8")
    result = node("--check", str(script), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_the_contract_module_prints_the_contract_for_the_unit_tests():
    result = subprocess.run([sys.executable, "-m", "safeguarding_site.browser_contract"], capture_output=True, text=True)
    assert json.loads(result.stdout)["contract"] == contract()
