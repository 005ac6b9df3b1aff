"""Which configuration, which engine, build it, serve it: the one place that runs a build for people and tools.

The Makefile, the scripts and the tests all come here, so "which config file" and "how to build
strictly" have one answer:

- the configuration is a fork's own `mkdocs.org.yml` when there is one, else `mkdocs.yml`
  (`CONFIG=...` chooses another, such as `mkdocs.example.yml`, the example organisation);
- a build is `mkdocs build --strict` (the default engine), or Zensical's with the build's steps around it
  (`--engine zensical`: zensical_engine.py), and `make build` only replaces `site/` when it succeeded;
- when it fails, the plain messages (file, line, field) are picked out of MkDocs' output and, on
  GitHub Actions, put at the top of the job summary and on the files as annotations;
- `make serve` checks the port first, so a port already in use gets a sentence, not a traceback.

    python -m mkdocs_adapter.engine build [--config FILE] [--engine mkdocs|zensical] [--site-dir site]
    python -m mkdocs_adapter.engine serve [--config FILE] [--engine mkdocs|zensical] [--host 127.0.0.1] [--port 8000]
    python -m mkdocs_adapter.engine config
"""
from __future__ import annotations

import argparse
import errno
import os
import re
import selectors
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from safeguarding_site import build_summary, page_links

PROJECT = Path(__file__).resolve().parent.parent
FORK_CONFIG = "mkdocs.org.yml"
UPSTREAM_CONFIG = "mkdocs.yml"
EXAMPLE_CONFIG = "mkdocs.example.yml"  # the made-up example organisation, built as itself
ENGINES = ("mkdocs", "zensical")  # MkDocs with mkdocs-macros is the default
INHERIT = re.compile(r"^INHERIT:\s*['\"]?(?P<parent>[^'\"#\s]+)", re.MULTILINE)
# A plain message from the site's own checks: "Problem in FILE..." (safeguarding_site/errors.py), or MkDocs'
# own "Config value ..." and "Error: ..." lines.
PROBLEM = re.compile(r"^(?:ERROR\s+-\s+|Error: |Aborted with )?(?P<text>(?:Problem in|Config value).*|"
                     r"\d+ problems in .*)$")
WHERE = re.compile(r"(?P<file>[\w./-]+\.(?:ya?ml|md|html))(?:, |: )line (?P<line>\d+)")
# A strict build stops on warnings in MkDocs' log; the commonest is a link to a page that is not there.
STRICT_ABORT = re.compile(r"^Aborted with \d+ warnings? in strict mode", re.MULTILINE)
WARNING = re.compile(r"^WARNING\s+-\s+(?P<text>\S.*)$")
LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?P<what>.*?link) '(?P<target>[^']+)'(?P<rest>.*)$")


def config_file(project: Path = PROJECT, explicit: str | os.PathLike | None = None) -> Path:
    """The configuration to build: `explicit` if given, else a fork's mkdocs.org.yml, else mkdocs.yml."""
    project = Path(project)
    if explicit:
        path = Path(explicit)
        return path if path.is_absolute() else project / path
    own = project / FORK_CONFIG
    return own if own.is_file() else project / UPSTREAM_CONFIG


def config_chain(config: Path) -> list[Path]:
    """`config` and every file it INHERITs, nearest first (as MkDocs reads them: relative to each file)."""
    chain = [Path(config).resolve()]
    while len(chain) < 10:
        try:
            found = INHERIT.search(chain[-1].read_text(encoding="utf-8"))
        except OSError:
            break
        if not found:
            break
        chain.append((chain[-1].parent / found["parent"]).resolve())
    return chain


def builds_the_example(config: Path, project: Path = PROJECT) -> bool:
    """Whether `config` is the example organisation's own (mkdocs.example.yml), or a file that INHERITs it."""
    return (Path(project) / EXAMPLE_CONFIG).resolve() in config_chain(config)


def load_config(config: Path) -> dict:
    """The settings in `config` as MkDocs reads them: INHERIT merged, !ENV resolved (not yet validated)."""
    from mkdocs.utils.yaml import yaml_load

    with open(config, encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def variant_config(project: Path, name: str, *, nav: list[str] | None = None,
                   without_plugins: tuple[str, ...] = ()) -> Path:
    """A small config beside mkdocs.yml that INHERITs it and changes only the menu or the plugins, so every
    other setting (!ENV included) stays MkDocs' own reading of the original. For `make bench`."""
    import yaml

    child: dict = {"INHERIT": UPSTREAM_CONFIG}
    if without_plugins:
        plugins = load_config(Path(project) / UPSTREAM_CONFIG)["plugins"]
        child["plugins"] = [plugin for plugin in plugins
                            if (plugin if isinstance(plugin, str) else next(iter(plugin))) not in without_plugins]
    if nav is not None:
        child["nav"] = nav
    path = Path(project) / name
    path.write_text(yaml.safe_dump(child, sort_keys=False), encoding="utf-8")
    return path


def build_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for MkDocs: Material's end-of-life banner off, and an empty SITE_URL left out
    (a workflow passes an empty one before Pages is turned on; mkdocs.yml then uses its default)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    if not env.get("SITE_URL"):
        env.pop("SITE_URL", None)
    return env


@dataclass
class BuildResult:
    returncode: int
    output: str  # everything the build printed, in order
    mkdocs_log: str = ""  # MkDocs' own log (its standard error): the warnings a strict build counts are here
    project: Path | None = None
    config: Path | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def problems(self) -> list[str]:
        if not STRICT_ABORT.search(self.output):
            return problems_in(self.output)
        return problems_in(self.output) + strict_warnings(self.mkdocs_log, self.project, self.config)


def _read_both(process: subprocess.Popen, echo: bool) -> tuple[str, str]:
    """Everything `process` prints on its standard output and error, each line as it comes (the site's own
    advice is on standard output, MkDocs' log on standard error; see advice.py)."""
    everything: list[str] = []
    log: list[str] = []
    partial = {process.stdout: b"", process.stderr: b""}
    with selectors.DefaultSelector() as selector:
        for stream in partial:
            selector.register(stream, selectors.EVENT_READ)
        while selector.get_map():
            for key, _ in selector.select():
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    selector.unregister(key.fileobj)
                    rest, partial[key.fileobj] = partial[key.fileobj], b""
                    lines = [rest] if rest else []
                else:
                    *lines, partial[key.fileobj] = (partial[key.fileobj] + chunk).split(b"\n")
                    lines = [line + b"\n" for line in lines]
                for raw in lines:
                    line = raw.decode("utf-8", errors="replace")
                    everything.append(line)
                    if key.fileobj is process.stderr:
                        log.append(line)
                    if echo:
                        sys.stdout.write(line)
                        sys.stdout.flush()
    return "".join(everything), "".join(log)


def settings_problems(project: Path, chosen: Path, explicit: str | os.PathLike | None) -> str:
    """The plain messages (one "Problem in ..." block) for settings no engine should read: an organisation's
    mkdocs.org.yml with a line missing or wrong, or an org/ folder that `make build` would ignore."""
    from safeguarding_site.errors import DataErrors
    from safeguarding_site.settings_file import WHERE, problems_before_the_build

    problems = problems_before_the_build(project, chosen, chosen_by_default=not explicit)
    return str(DataErrors(problems, where=WHERE)) if problems else ""


def build(project: Path, site_dir: Path, config: str | os.PathLike | None = None, *, strict: bool = True,
          quiet: bool = True, echo: bool = False, env: dict[str, str] | None = None,
          timeout: float = 600, engine: str = "mkdocs") -> BuildResult:
    """`mkdocs build` of `project` into `site_dir` (strict unless told otherwise), or with `engine="zensical"`
    Zensical's, with the build's steps around it.

    With `echo`, MkDocs' output is shown as it comes, as well as returned."""
    if engine == "zensical":
        from . import zensical_engine

        with _environment(env):
            return zensical_engine.build(project, site_dir, config, echo=echo, timeout=timeout)
    project = Path(project)
    chosen = config_file(project, config)
    refused = settings_problems(project, chosen, config)
    if refused:
        return BuildResult(1, refused + "\n", "", project, chosen)
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(chosen), "--site-dir", str(site_dir)]
    command += ["--strict"] if strict else []
    command += ["--quiet"] if quiet else []
    process = subprocess.Popen(command, cwd=project, env=build_environment(env),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output, log = _read_both(process, echo)
    process.wait(timeout=timeout)
    return BuildResult(process.returncode, output, log, project, chosen)


class _environment:
    """`env` set in this process while a build runs in it (Zensical's steps run here; MkDocs' in a process of its own)."""

    def __init__(self, env: dict[str, str] | None):
        self.env, self.saved = env or {}, {}

    def __enter__(self):
        self.saved = {key: os.environ.get(key) for key in self.env}
        os.environ.update(self.env)

    def __exit__(self, *exc):
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def problems_in(output: str) -> list[str]:
    """The plain messages in MkDocs' output, each with its indented continuation lines."""
    found: list[str] = []
    current: list[str] | None = None
    for line in output.splitlines():
        match = PROBLEM.match(line.strip()) if not line.startswith("  ") else None
        if match:
            current = [match["text"]]
            found.append(current)  # type: ignore[arg-type]
        elif current is not None and line.startswith("  ") and line.strip():
            current.append("  " + line.strip())
        else:
            current = None
    return ["\n".join(lines) for lines in found]  # type: ignore[arg-type]


def strict_warnings(log: str, project: Path | None = None, config: Path | None = None) -> list[str]:
    """The warnings in MkDocs' own log, which a strict build stops on; a link that leads nowhere is named
    by the page's file and the line it is on."""
    found = []
    for line in log.splitlines():
        match = WARNING.match(line.strip())
        if match:
            found.append(located(match["text"], project, config))
    return found


def docs_folders(project: Path, config: Path) -> list[Path]:
    """Where a page named by MkDocs can be: the config's docs_dir, then (for an overlay) the upstream docs/."""
    try:
        docs_dir = load_config(config).get("docs_dir") or "docs"
    except Exception:  # noqa: BLE001 - any config MkDocs itself could not read: its own message says why
        docs_dir = "docs"
    return [(Path(config).parent / docs_dir).resolve(), (Path(project) / "docs").resolve()]


def located(text: str, project: Path | None, config: Path | None) -> str:
    """`text`, a warning from MkDocs, with the page's file and line in front when it is about a link."""
    match = LINK_WARNING.match(text)
    if not match or project is None or config is None:
        return text
    target = match["target"]
    for folder in docs_folders(project, config):
        page = folder / match["page"]
        if not page.is_file():
            continue
        name = page.relative_to(project).as_posix() if page.is_relative_to(project) else str(page)
        lines = page.read_text(encoding="utf-8", errors="replace").splitlines()
        number = next((n for n, line in enumerate(lines, 1) if f"({target}" in line or f"]: {target}" in line),
                      next((n for n, line in enumerate(lines, 1) if target in line), None))
        where = f"{name}, line {number}" if number else name
        if "target is not found" in match["rest"]:
            return f"{where}: the link '{target}' leads to no page or file of the site. {page_links.ADVICE}"
        return f"{where}: this page contains {match['what']} '{target}'{match['rest']}"
    return text


def github_report(problems: list[str], summary_path: str | None) -> str:
    """Annotations for GitHub Actions (printed), and the job summary's Markdown (returned, and added
    to the file GitHub names in GITHUB_STEP_SUMMARY)."""
    annotations = []
    for problem in problems:
        for line in problem.splitlines() or [problem]:
            where = WHERE.search(line)
            text = line.strip().removeprefix("- ").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            place = f" file={where['file']},line={where['line']}" if where else ""
            annotations.append(f"::error{place},title=The site did not build::{text}")
    summary = ["## The site did not build", "",
               "Fix what this says, commit, and the workflow runs again. The same message shows when you run"
               " `make build` on your own computer.", "", "```text", *problems, "```", ""]
    text = "\n".join(summary)
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as handle:
            handle.write(text)
    for annotation in annotations:
        print(annotation)
    return text


def site_advice(result: BuildResult) -> list[str]:
    """The site's own warnings in a build's output (advice.py: on standard output), not MkDocs' (its log)."""
    engine_own = set(build_summary.warnings_in(result.mkdocs_log))
    return [warning for warning in build_summary.warnings_in(result.output) if warning not in engine_own]


def build_into_place(project: Path, site_dir: Path, config: str | None, engine: str = "mkdocs") -> int:
    """`make build`: a strict build into a scratch folder that replaces `site_dir` only when it succeeded."""
    scratch = site_dir.with_name(f".{site_dir.name}-build")
    shutil.rmtree(scratch, ignore_errors=True)
    chosen = config_file(project, config)
    by = "" if engine == "mkdocs" else f" with {engine.capitalize()}"
    print(f"Building {chosen.name} (strict){by} into {site_dir.name}/", flush=True)
    started = time.perf_counter()
    # --quiet would hide the warnings a strict build stops on
    result = build(project, scratch, config, quiet=False, engine=engine)
    if not result.ok:
        shutil.rmtree(scratch, ignore_errors=True)
        if not result.problems:
            sys.stdout.write(result.output)
        else:  # the site's own advice (a review overdue...) still said, apart from what stopped the build
            for warning in site_advice(result):
                print(f"WARNING -  {warning}")
        problems = result.problems or [f"mkdocs build stopped with exit status {result.returncode} (see above)"]
        print("\nThe site did not build, so site/ was left as it was:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            github_report(problems, os.environ.get("GITHUB_STEP_SUMMARY"))
        return 1
    shutil.rmtree(site_dir, ignore_errors=True)
    scratch.rename(site_dir)
    serve = "make serve" + (f" CONFIG={config}" if config else "") + (f" ENGINE={engine}" if engine != "mkdocs" else "")
    print(build_summary.summary(chosen.name, build_summary.built_pages(site_dir), site_advice(result),
                                site_dir.name, time.perf_counter() - started, serve))
    return 0


def port_in_use(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return True
            raise
    return False


def serve(project: Path, config: str | None, host: str, port: int, engine: str = "mkdocs") -> int:
    """`make serve`: MkDocs' live-reloading server (or Zensical's build, served and built again on a change),
    after checking that the port is free."""
    try:
        busy = port_in_use(host, port)
    except OSError as exc:
        print(f"Cannot serve on {host}:{port}: {exc.strerror or exc}. Try HOST=127.0.0.1.", file=sys.stderr)
        return 1
    if busy:
        print(f"Port {port} on {host} is already in use: perhaps `make serve` is already running in another"
              f" window. Stop that one, or use another port, for example: make serve PORT={port + 1}",
              file=sys.stderr)
        return 1
    refused = settings_problems(project, config_file(project, config), config)
    if refused:
        print(refused, file=sys.stderr)
        return 1
    if engine == "zensical":
        from . import zensical_engine

        return zensical_engine.serve(project, config, host, port)
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file(project, config)),
               "--dev-addr", f"{host}:{port}", "--livereload"]
    try:
        return subprocess.call(command, cwd=project, env=build_environment())
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mkdocs_adapter.engine", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd())
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("build", "serve", "config"):
        command = commands.add_parser(name)
        command.add_argument("--config", help="the configuration file (default: mkdocs.org.yml if it exists, "
                                              "else mkdocs.yml)")
        command.add_argument("--engine", choices=ENGINES, default="mkdocs", help="the site engine (default: mkdocs)")
        if name == "build":
            command.add_argument("--site-dir", type=Path, default=Path("site"))
        if name == "serve":
            command.add_argument("--host", default="127.0.0.1")
            command.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    config = args.config or None
    if not config_file(project, config).is_file():
        print(f"There is no configuration file {config_file(project, config)}", file=sys.stderr)
        return 1
    if args.command == "config":
        print(config_file(project, config).relative_to(project) if config_file(project, config).is_relative_to(project)
              else config_file(project, config))
        return 0
    if args.command == "serve":
        return serve(project, config, args.host, args.port, args.engine)
    site_dir = args.site_dir if args.site_dir.is_absolute() else project / args.site_dir
    return build_into_place(project, site_dir, config, args.engine)


if __name__ == "__main__":
    sys.exit(main())
