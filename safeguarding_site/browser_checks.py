"""The quick check of a built site (`make check`), the parts that need a real browser: on every page,
axe-core finds nothing at WCAG 2.2 AA (on a phone and a desktop, in the light and the dark scheme), the
page's Content-Security-Policy refuses nothing and no script fails, no picture is far larger than it is
shown, and a first visit downloads no more than the limit (gzip, all in, search included).

Headless Debian Chromium driven by Playwright, as the tests use it: the functions take a Playwright
`Browser`, so the test suite runs them on its one browser, and `check_in_browser` starts its own.
`make bench` measures first visits with the same `first_visit`.
"""
from __future__ import annotations

import os
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from . import static_server
from .site_checks import FIRST_VISIT_LIMIT, PICTURES, Finding, merged, size_in_words

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette scheme
# keyboard.js has set the page up (site.js runs it once the page is shown): the page is as a reader gets it
KEYBOARD_READY = ".md-sidebar--primary[data-keyboard]"
SEARCH_INDEX = "search/search_index.json"
THEME_SCRIPT = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")  # Material's (or Zensical's) own
# Each refusal of the page's Content-Security-Policy, kept where the check can read it.
WATCH_CSP = """document.addEventListener("securitypolicyviolation", event =>
  (window.__violations = window.__violations || []).push(`${event.violatedDirective} ${event.blockedURI}`))"""
# A picture shown at less than half its width in pixels wastes what it downloads, even on a sharp screen.
SHOWN_AT_MOST = 2
PICTURE_WORTH_RESIZING = 20_000  # bytes: smaller files are not worth a message

# What to do about the commonest findings, in the words of someone who edits a page.
AXE_ADVICE = {
    "image-alt": "a picture has no text alternative, so a screen reader cannot say what it shows: describe it"
                 " between the square brackets, like ![Volunteers at our summer fair](assets/fair.jpg)",
    "input-image-alt": "a picture button has no text alternative: give it an alt text saying what it does",
    "role-img-alt": "a picture has no text alternative: give it an aria-label saying what it shows",
    "svg-img-alt": "a picture has no text alternative: give it a title saying what it shows",
    "link-name": "a link has no text, so a screen reader cannot say where it leads: put words between its"
                 " square brackets, like [Who to talk to](who-to-talk-to.md)",
    "button-name": "a button has no text: put words on it saying what it does",
    "color-contrast": "some text is hard to read against its background: choose darker colours (in"
                      " org/data/organisation.yml, colours) or take the colour off that text",
    "heading-order": "a heading skips a level: after a # heading use ##, then ###, without skipping one",
    "page-has-heading-one": "the page has no main heading: start it with one line beginning '# '",
    "empty-heading": "a heading has no text: write its words after the #",
    "document-title": "the page has no title: give it a 'title:' in the lines at its top",
    "duplicate-id": "two things on the page have the same id: give each heading or anchor its own",
    "list": "a list holds something that is not a list item: start each line of the list with '- '",
    "frame-title": "an embedded frame has no title: link to the video or page instead of embedding it",
}


@dataclass
class Visit:
    """What a first visit to one page downloaded and met."""

    sizes: dict[str, int] = field(default_factory=dict)  # address (from the site's root) -> bytes sent
    failed: list[str] = field(default_factory=list)  # addresses of the site that answered with an error
    violations: list[str] = field(default_factory=list)  # the policy's refusals
    errors: list[str] = field(default_factory=list)  # scripts that failed

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def search(self) -> int:
        return sum(size for url, size in self.sizes.items() if "search" in url)


@dataclass
class Served:
    """A built site served as GitHub Pages serves it: its address, and the server (every answer it gave)."""

    url: str
    server: static_server.RunningServer
    root: str = "/"  # the path the site lives under on the server

    @property
    def sent(self) -> list[static_server.Sent]:
        return self.server.sent


def launch(playwright):
    """Headless Debian Chromium, as every check and test runs it."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium is missing ({CHROMIUM}): run `make browser` (Debian's chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def browser_page(browser, width: int = 1280, scheme: str = "light", **options):
    """A fresh page (its own context: no cookies or storage carried over) at this width and scheme."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, **options)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@lru_cache(maxsize=1)
def axe_script() -> str:
    """axe-core as bundled by the locked axe-playwright-python package."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# Finished transitions and animations (a header title fading in as the page scrolls): axe reads colours as
# they are drawn, and a colour caught half-way is not the page's. Ones that never end are not waited for.
SETTLED = """async () => {
  const ending = document.getAnimations().filter(animation => Number.isFinite(animation.effect?.getComputedTiming().endTime));
  await Promise.race([Promise.allSettled(ending.map(animation => animation.finished)),
                      new Promise(resolve => setTimeout(resolve, 5000))]);
}"""


def axe_violations(page, script: str) -> list[dict]:
    """Run axe-core on the page as it is now, once its transitions have ended, with the WCAG 2.2 AA tags
    and best practice."""
    page.evaluate(SETTLED)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(script)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def plain_violation(violation: dict) -> str:
    """One axe finding as a sentence: what is wrong, what to do, and where on the page."""
    where = "; ".join(" ".join(node["target"]) + f" {node.get('html', '')[:100]}".rstrip()
                      for node in violation["nodes"][:3])
    advice = AXE_ADVICE.get(violation["id"], violation["help"])
    return f"{advice} (axe {violation['id']}, at {where})"


def open_ready(page, url: str, timeout: float = 10_000) -> bool:
    """Open `url` and wait until its scripts have set it up, as a reader gets it; False if they never did."""
    page.goto(url)
    page.wait_for_load_state("load")
    try:
        page.wait_for_selector(KEYBOARD_READY, state="attached", timeout=timeout)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the page's scripts did not start
        return False
    return True


def watch(page) -> list[str]:
    """Record, from now on, the page's policy refusals (read with `refusals`) and its script errors (returned)."""
    page.add_init_script(WATCH_CSP)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error).splitlines()[0]))
    return errors


def refusals(page) -> list[str]:
    return page.evaluate("window.__violations || []")


def pictures_shown(page) -> list[dict]:
    """Each picture on the page that has loaded: its address, its width in pixels and as shown."""
    return page.evaluate("""[...document.images].filter(img => img.complete && img.naturalWidth > 0)
        .map(img => ({src: img.currentSrc || img.src, natural: img.naturalWidth, shown: img.getBoundingClientRect().width}))""")


def accessibility(browser, base_url: str, pages: list[str], width: int, scheme: str, axe: str,
                  sources: dict[str, str] | None = None, shown: dict | None = None) -> list[Finding]:
    """axe-core at this width and colour scheme on each page, as the reader gets it, and each page's
    policy refusals and script errors on the way. `shown`, if given, collects each picture's widest
    display, for `oversized_in_pages`."""
    sources = sources or {}
    findings: list[Finding] = []
    label = f"{width} px {scheme}"
    with browser_page(browser, width, scheme) as page:
        errors = watch(page)
        for path in pages:
            errors.clear()
            if not open_ready(page, base_url + path):
                findings.append(Finding(path, "scripts", "the page's scripts did not start", sources.get(path), label))
            shown_scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if shown_scheme != SCHEMES[scheme]:
                findings.append(Finding(path, "accessibility", f"the page shows the {shown_scheme} colour scheme"
                                        f" to a reader whose device asks for {scheme}", sources.get(path)))
            findings += [Finding(path, "accessibility", plain_violation(violation), sources.get(path), label)
                         for violation in axe_violations(page, axe)]
            findings += policy_findings(path, refusals(page), errors, label, sources)
            if shown is not None:
                for picture in pictures_shown(page):
                    key = (path, picture["src"].removeprefix(base_url))
                    shown[key] = max(shown.get(key, (0, 0))[0], picture["shown"]), picture["natural"]
    return findings


def policy_findings(path: str, violations: list[str], errors: list[str], label: str,
                    sources: dict[str, str]) -> list[Finding]:
    findings = [Finding(path, "security policy", f"the site's security policy blocked {violation.strip()}:"
                        " inline styles, inline scripts, and frames, pictures or scripts from other sites are"
                        " blocked on this site; use a class the site defines, or link to the video or page"
                        " instead of embedding it", sources.get(path), label) for violation in dict.fromkeys(violations)]
    findings += [Finding(path, "scripts", f"a script failed: {error}", sources.get(path), label)
                 for error in dict.fromkeys(errors)]
    return findings


def first_visit(browser, served: Served, path: str, width: int = 412, height: int = 823,
                timeout: float = 30) -> Visit:
    """What a first visit to one page downloads, all in, counted as the server sent it (gzip, as GitHub
    Pages sends it): the page, its styles and scripts, the scripts those load, Material's script (which
    waits for the reader, and is fetched ahead while the page is idle), the search worker and its index,
    once the reader has moved the mouse. Visits to one server must not overlap: each takes what the
    server sent while it lasted."""
    visit = Visit()
    first = len(served.sent)
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        tab = context.new_page()
        visit.errors = watch(tab)
        tab.goto(served.url + path, wait_until="load")
        tab.mouse.move(200, 400)  # the reader's first movement: Material's script, its search worker and index
        # The search worker asks for its index once it has started; then nothing more is fetched.
        # Material 9 starts its search (a form named "search") with its script; Zensical's opens it when asked.
        starts_search = tab.evaluate("!!document.forms.namedItem('search')")
        if starts_search and not served.server.wait_for(lambda answer: SEARCH_INDEX in answer.path, first, timeout):
            visit.errors.append(f"the search index was not asked for within {timeout:.0f} s")
        elif not starts_search and not served.server.wait_for(lambda answer: THEME_SCRIPT.search(answer.path),
                                                              first, timeout):
            visit.errors.append(f"the theme's script was not asked for within {timeout:.0f} s")
        tab.wait_for_load_state("networkidle")
        visit.violations = refusals(tab)
    finally:
        context.close()
    for answer in served.sent[first:]:
        address = answer.path.split("?")[0].removeprefix(served.root)
        visit.sizes[address] = visit.sizes.get(address, 0) + answer.size
        if answer.status >= 400:
            visit.failed.append(address)
    return visit


PAGE_TEXT_USUAL = 8 * 1024  # a page's own HTML, gzip, as most of the site's pages weigh


def weight_advice(path: str, visit: Visit) -> str:
    """What to do about a page over the limit, from what makes it heavy: its pictures, its own text, or the
    site's own scripts, stylesheet and search, which an editor cannot make smaller (the theme's script of
    `ENGINE=zensical` is about 20 KB more than Material 9's)."""
    page = path.strip("/")
    pictures = sum(size for address, size in visit.sizes.items()
                   if Path(address.split("?")[0]).suffix.lower() in PICTURES)
    text = sum(size for address, size in visit.sizes.items()
               if address.strip("/") in (page, page + "/index.html", page.removesuffix("index.html").strip("/")))
    if pictures + max(0, text - PAGE_TEXT_USUAL) >= visit.total - FIRST_VISIT_LIMIT:
        return "make pictures smaller or split a long page"
    return ("most of it is the site's own scripts, stylesheet and search, not this page's text or pictures: if you"
            " build with ENGINE=zensical, publish with the default engine (MkDocs), whose pages weigh less;"
            " otherwise tell the project this copy came from")


def weight_findings(path: str, visit: Visit, limit: int = FIRST_VISIT_LIMIT,
                    sources: dict[str, str] | None = None) -> list[Finding]:
    sources = sources or {}
    findings = []
    if visit.total > limit:
        largest = sorted(visit.sizes.items(), key=lambda item: -item[1])[:3]
        named = ", ".join(f"{url} {size_in_words(size)}" for url, size in largest)
        findings.append(Finding(path, "weight", f"a first visit downloads {visit.total:,} bytes (gzip, search"
                                f" included), over the limit of {limit:,}: the largest are {named};"
                                f" {weight_advice(path, visit)}", sources.get(path)))
    for url in dict.fromkeys(visit.failed):
        findings.append(Finding(path, "links", f"the page asks for '{url}', which is not there", sources.get(path)))
    findings += policy_findings(path, visit.violations, visit.errors, "first visit", sources)
    return findings


def oversized_in_pages(shown: dict, site: Path, sources: dict[str, str] | None = None) -> list[Finding]:
    """Pictures far wider, in pixels, than the widest they are shown (at any width checked). `shown` holds,
    for each page and picture (its address from the site's root), the widest shown and its own width."""
    sources = sources or {}
    findings = []
    for (path, src), (widest, natural) in sorted(shown.items()):
        if "://" in src or not widest:
            continue  # a picture from another site, which the security policy refuses anyway
        local = Path(site) / src.split("?")[0]
        if local.suffix.lower() not in PICTURES or local.suffix.lower() == ".svg" or not local.is_file():
            continue
        if natural > SHOWN_AT_MOST * widest and local.stat().st_size > PICTURE_WORTH_RESIZING:
            findings.append(Finding(path, "pictures", f"the picture '{src}' is {natural} pixels wide but shown at"
                                    f" most {round(widest)} wide: save a copy at most {SHOWN_AT_MOST * round(widest)}"
                                    " pixels wide and use that", sources.get(path)))
    return findings


@contextmanager
def served(site: Path, base_path: str = "/") -> Iterator[Served]:
    """`site` served with gzip, as GitHub Pages serves it, at the path it was built for (a project's
    Pages site lives at /REPOSITORY/, and the page not found's links say so)."""
    prefix = base_path.strip("/")
    with tempfile.TemporaryDirectory(prefix="site-root-") as root:
        folder = Path(site)
        if prefix:
            folder = Path(root)
            (folder / prefix).parent.mkdir(parents=True, exist_ok=True)
            (folder / prefix).symlink_to(Path(site).resolve(), target_is_directory=True)
        running = static_server.start(folder, gzip=True)
        try:
            yield Served(running.url + (prefix + "/" if prefix else ""), running, "/" + (prefix + "/" if prefix else ""))
        finally:
            running.stop()


def _tasks(site: Path, pages: list[str], base_path: str, sources: dict[str, str] | None,
           widths: dict[str, int], schemes: dict[str, str], limit: int) -> list:
    """The browser's work as independent tasks, each given a browser: the first visits, then axe at each
    width and scheme. Each returns its findings and the pictures it saw shown."""
    axe = axe_script()

    def weigh(browser):
        with served(site, base_path) as weighed:  # a server of its own: a visit takes what it sent while it lasted
            return [finding for path in pages
                    for finding in weight_findings(path, first_visit(browser, weighed, path), limit, sources)], {}

    def sweep(width: int, scheme: str):
        def run(browser):
            shown: dict = {}
            with served(site, base_path) as server:
                return accessibility(browser, server.url, pages, width, scheme, axe, sources, shown), shown
        return run

    return [weigh] + [sweep(width, scheme) for width in widths.values() for scheme in schemes]


def _together(site: Path, results: list[tuple[list[Finding], dict]], sources: dict[str, str] | None) -> list[Finding]:
    findings: list[Finding] = []
    shown: dict = {}
    for found, seen in results:
        findings += found
        for key, (widest, natural) in seen.items():
            shown[key] = max(shown.get(key, (0, 0))[0], widest), natural
    return merged(findings + oversized_in_pages(shown, site, sources))


def check_pages(browser, site: Path, pages: list[str], base_path: str = "/", sources: dict[str, str] | None = None,
                widths: dict[str, int] = WIDTHS, schemes: dict[str, str] = SCHEMES,
                limit: int = FIRST_VISIT_LIMIT) -> list[Finding]:
    """Every check that needs a browser, on each of `pages` of the built site in `site`, one after another
    in `browser`."""
    tasks = _tasks(site, pages, base_path, sources, widths, schemes, limit)
    return _together(site, [task(browser) for task in tasks], sources)


def check_in_browser(site: Path, pages: list[str], base_path: str = "/", sources: dict[str, str] | None = None,
                     lanes: int | None = None, widths: dict[str, int] = WIDTHS, schemes: dict[str, str] = SCHEMES,
                     limit: int = FIRST_VISIT_LIMIT) -> list[Finding]:
    """`check_pages` in browsers of its own, one per lane (by default one per processor, at most one per
    task), each lane in a thread of its own: the same checks, side by side."""
    tasks = _tasks(site, pages, base_path, sources, widths, schemes, limit)
    lanes = max(1, min(lanes or os.cpu_count() or 1, len(tasks)))
    # The first visits wait on the network more than they work: their lane takes one axe sweep fewer.
    shares: list[list] = [[] for _ in range(lanes)]
    loads = [0.0] * lanes
    for task, cost in zip(tasks, [1.6] + [1.0] * (len(tasks) - 1)):
        lane = loads.index(min(loads))
        shares[lane].append(task)
        loads[lane] += cost

    def run(share: list) -> list:
        from playwright.sync_api import sync_playwright  # a test tool (pyproject.toml: the check and test groups)

        with sync_playwright() as playwright:
            browser = launch(playwright)
            try:
                return [task(browser) for task in share]
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        results = [result for share in pool.map(run, shares) for result in share]
    return _together(site, results, sources)
