"""Helpers shared by the tests/test_browser_*.py suites: which pages the built site has, how to
open them at a given width and colour scheme, and how to run axe-core in the page."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette scheme


def site_pages(built_site: Path) -> list[str]:
    """The address (relative to the site root) of every HTML page in the built site, 404 page included,
    so a page added later is checked without changing the tests."""
    pages = []
    for html in sorted(built_site.rglob("*.html")):
        relative = html.relative_to(built_site)
        if relative.parts[0] == "assets":
            continue
        address = relative.as_posix()
        pages.append(address[: -len("index.html")] if address.endswith("index.html") else address)
    return pages


def content_pages(built_site: Path) -> list[str]:
    """Every page reached through the site's links: all pages but the 404 page."""
    return [page for page in site_pages(built_site) if page != "404.html"]


@contextmanager
def browser_page(browser, width: int = 1280, scheme: str = "light", **options):
    """A fresh page (its own context: no cookies or storage carried over) at this width and scheme."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, **options)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def axe_script() -> str:
    """axe-core as bundled by the locked axe-playwright-python package."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, script: str) -> list[dict]:
    """Run axe-core on the page as it is now, with the WCAG 2.2 AA tags and best practice."""
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


def wait_until(page, condition: str, timeout: float = 5000, interval: float = 50) -> bool:
    """Wait until the JavaScript function `condition` (source text, e.g. "() => ...") returns true in the
    page, checking every `interval` ms; False once `timeout` ms pass. Playwright's wait_for_function
    polls with eval(), which the site's Content-Security-Policy rightly refuses, so the loop runs
    inside one evaluated function instead (the page's own policy never sees an eval)."""
    return page.evaluate(f"""async () => {{
      const condition = {condition};
      const end = performance.now() + {timeout};
      while (!(await condition())) {{
        if (performance.now() > end) return false;
        await new Promise(resolve => setTimeout(resolve, {interval}));
      }}
      return true;
    }}""")


def wait_for(page, condition: str, timeout: float = 5000) -> None:
    """wait_until, failing the test with the condition's text when it never comes true."""
    assert wait_until(page, condition, timeout), f"never came true within {timeout} ms: {condition}"


def wake_material(page) -> None:
    """Do what a reader's first movement does: Material's script, which waits for the reader
    (browser/material.js), loads and sets the page up. Its instant navigation, search and keyboard
    shortcuts work from then on."""
    page.mouse.move(1, 1)
    wait_for(page, "() => document.documentElement.dataset.material === 'ready'", timeout=10000)


# keyboard.js has set the page up (site.js runs it once the page is shown): the page is as a reader gets it
KEYBOARD_READY = ".md-sidebar--primary[data-keyboard]"


# No animation or transition has run for half a second (checked every 100 ms): Material fades its header title and
# "Back to top" in and out as a page scrolls, sometimes a moment after the scroll, and a checker that reads colours
# part-way through a fade sees a contrast the page never settles on.
STILL = """async () => {
  for (let check = 0; check < 5; check++) {
    if (document.getAnimations().some(a => a.playState === "running")) return false;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return true;
}"""


def wait_until_still(page, timeout: float = 5000) -> None:
    wait_for(page, STILL, timeout)
