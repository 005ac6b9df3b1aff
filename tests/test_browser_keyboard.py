"""Keyboard only, in a real browser: a skip link first; focus always visible, on screen and not
hidden behind anything, on every page at phone and desktop widths; the menu and search work
without a mouse."""
from __future__ import annotations

import pytest

from browser_support import KEYBOARD_READY, WIDTHS, browser_page, site_pages, wait_for, wait_until, wake_material

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_TAB_STOPS = 300

# What a sighted keyboard user can see of the focused element. Returns a list of problems (empty: fine).
FOCUS_PROBLEMS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return [];
  const shown = element;  // what a sighted reader sees of the focus
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  const problems = [];
  if (box.width < 1 || box.height < 1) problems.push("has no size");
  if (style.visibility !== "visible") problems.push("is hidden");
  let opacity = 1;
  for (let node = shown; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= Number(getComputedStyle(node).opacity);
  }
  if (opacity < 0.9) problems.push(`is faded out (opacity ${opacity.toFixed(2)})`);
  if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) {
    problems.push("is off screen");
  } else {
    // a link that wraps onto two lines has two boxes: look at the middle of the first
    const part = shown.getClientRects()[0] || box;
    const x = Math.min(Math.max(part.left + part.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(part.top + part.height / 2, 0), innerHeight - 1);
    const onTop = document.elementFromPoint(x, y);
    if (!onTop || !(onTop === shown || shown.contains(onTop))) {
      problems.push(`is covered by ${onTop ? onTop.tagName.toLowerCase() + "." + onTop.className : "nothing"}`);
    }
  }
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) {
    problems.push(`has no focus ring (outline ${style.outlineStyle} ${style.outlineWidth})`);
  }
  return problems;
}"""

DESCRIBE_FOCUS = """() => {
  const e = document.activeElement;
  const name = (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().replace(/\\s+/g, " ");
  return `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${String(e.className).trim().split(/\\s+/).join(".")} "${name.slice(0, 40)}"`;
}"""


def focused(page) -> str:
    return page.evaluate(DESCRIBE_FOCUS)


def focus_problems(page) -> list[str]:
    """Problems with the focus indicator once transitions (Material fades some controls in) are over."""
    if wait_until(page, f"() => ({FOCUS_PROBLEMS})().length === 0", timeout=5000):
        return []
    return page.evaluate(FOCUS_PROBLEMS)  # the problems stayed: report them


def tab_through(page) -> list[str]:
    """Press Tab from the top of the page until focus leaves the page; return every problem seen.
    Also returns, via page, the links that received focus (window.__focusedLinks)."""
    page.evaluate("window.__focusedLinks = []")
    problems, first = [], None
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || document.activeElement === null"):
            break
        here = focused(page)
        page.evaluate("document.activeElement.href && window.__focusedLinks.push(document.activeElement.href)")
        if here == first:
            break
        first = first or here
        problems += [f"{here} {problem}" for problem in focus_problems(page)]
    else:
        problems.append(f"focus never left the page after {MAX_TAB_STOPS} presses of Tab")
    return problems


def open_ready(page, url):
    page.goto(url)
    page.wait_for_selector(KEYBOARD_READY, state="attached")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_control_on_every_page_shows_a_visible_focus_ring(browser, built_site, site_url, width):
    failures = []
    with browser_page(browser, WIDTHS[width]) as page:
        for path in site_pages(built_site):
            open_ready(page, site_url + path)
            failures += [f"/{path}: {problem}" for problem in tab_through(page)]
            if width == "desktop" and path == "":
                nav_links = set(page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]",
                                                          "links => links.map(a => a.href)"))
                reached = set(page.evaluate("window.__focusedLinks"))
                assert nav_links <= reached, f"Tab never reaches these menu links: {nav_links - reached}"
    assert not failures, f"at {WIDTHS[width]} px:\n" + "\n".join(failures)


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_comes_first_and_jumps_past_the_menu(browser, site_url, width):
    with browser_page(browser, WIDTHS[width]) as page:
        open_ready(page, site_url + "actions/")
        page.keyboard.press("Tab")
        assert "md-skip" in focused(page) and "Skip to content" in focused(page)
        assert focus_problems(page) == []
        page.evaluate("document.querySelector('[data-md-component=container]').dataset.before = 'jump'")
        page.keyboard.press("Enter")
        wait_for(page, "() => location.hash !== ''")  # the jump has happened
        # Focus went to the content itself, and stays there: the page is not loaded again behind it
        assert page.evaluate("document.activeElement.closest('.md-content') !== null"), focused(page)
        assert page.evaluate("document.querySelector('[data-md-component=container]').dataset.before") == "jump"
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
            f"after the skip link, Tab went to {focused(page)}, not into the page content"


def tab_to(page, description: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if description in focused(page):
            return
    raise AssertionError(f"Tab never reached {description!r}")


def test_phone_menu_opens_moves_between_sections_and_follows_a_link_by_keyboard(browser, site_url):
    with browser_page(browser, WIDTHS["phone"]) as page:
        open_ready(page, site_url + "tips/")
        # Material's script, which the first key press asks for, scrolls the menu to the current page's
        # link as it starts: let it start first, as it has by the time a reader opens the menu
        wake_material(page)
        tab_to(page, '"Menu"')
        menu = page.locator(".site-menu-button")
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        assert menu.get_attribute("aria-expanded") == "true"
        # Focus lands in the open menu, on the sub-menu of the current page ("back" to all sections)
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), focused(page)
        assert focus_problems(page) == []
        page.keyboard.press("Enter")  # back to the top level of the menu
        assert focus_problems(page) == [], focused(page)
        tab_to(page, "Help and resources", limit=5)
        page.keyboard.press(" ")  # Space opens a sub-menu too
        assert focus_problems(page) == [], focused(page)
        tab_to(page, "Resources", limit=3)
        assert focus_problems(page) == []
        page.keyboard.press("Enter")
        page.wait_for_url("**/resources/")
        assert page.title().startswith("Resources")


def test_escape_closes_the_phone_menu_and_returns_focus_to_its_button(browser, site_url):
    with browser_page(browser, WIDTHS["phone"]) as page:
        open_ready(page, site_url + "about/")
        tab_to(page, '"Menu"')
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        assert '"Menu"' in focused(page)
        # Closed, the menu's links are out of the tab order: the next stops are in the header
        page.keyboard.press("Tab")
        assert not page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), focused(page)


def test_phone_search_opens_from_its_button_and_finds_a_page_by_keyboard(browser, site_url):
    with browser_page(browser, WIDTHS["phone"]) as page:
        open_ready(page, site_url + "tips/")
        tab_to(page, '"Search"')
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        assert focus_problems(page) == []
        page.keyboard.type("Online Compass")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("Escape")  # closing search puts focus back on its button
        wait_for(page, "() => document.activeElement.classList.contains('site-search-button')", timeout=2000)
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # Material opens the best match
        page.wait_for_url("**/resources/**")


def test_desktop_search_is_reached_by_tab_and_results_by_arrow_keys(browser, site_url):
    with browser_page(browser, WIDTHS["desktop"]) as page:
        open_ready(page, site_url + "")
        tab_to(page, 'input.md-search__input')
        assert focus_problems(page) == []
        page.keyboard.type("blanket ban")
        page.wait_for_selector(".md-search-result__item")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("!!document.activeElement.closest('.md-search-result__item')"), focused(page)
        assert focus_problems(page) == []
        page.keyboard.press("Enter")
        page.wait_for_url("**/good-practice/**")
