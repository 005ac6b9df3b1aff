"""Helpers shared by the tests/test_browser_*.py suites: which pages the built site has, how to
open them at a given width and colour scheme, and how to run axe-core in the page."""
from __future__ import annotations

from pathlib import Path

from safeguarding_site.browser_checks import (AXE_TAGS, KEYBOARD_READY, SCHEMES, WIDTHS, axe_script,  # noqa: F401
                                              axe_violations, browser_page, describe_violations)
from safeguarding_site.site_checks import site_pages


def content_pages(built_site: Path) -> list[str]:
    """Every page reached through the site's links: all pages but the 404 page."""
    return [page for page in site_pages(built_site) if page != "404.html"]


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
    # Instant navigation follows only the links the sitemap lists, and Material reads the sitemap once its script
    # has started: a click before it has arrived loads the next page in full.
    wait_for(page, """() => performance.getEntriesByType('resource')
        .some(entry => /sitemap\\.xml$/.test(entry.name) && entry.responseEnd > 0)""", timeout=10000)



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
