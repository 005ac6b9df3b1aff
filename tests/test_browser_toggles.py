"""Material's menu, search and colour-scheme switches, made sound for assistive technology
(page_markup.py, toggles.js, site.css), still work as readers use them: a click on a menu label opens
its sub-menu without sending focus to a control nobody can see, the backdrop behind the open menu
closes it, and the colour-scheme switch is a button that keeps focus on the switch."""
from __future__ import annotations

import pytest

from playwright.sync_api import expect

from browser_support import KEYBOARD_READY, browser_page, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FOCUSED_TOGGLE = "document.activeElement && document.activeElement.matches('input.md-toggle, input.md-option')"


def open_phone_menu(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_selector(KEYBOARD_READY, state="attached")
    page.locator(".site-menu-button").click()
    wait_for(page, "() => document.getElementById('__drawer').checked")


def test_a_click_on_a_menu_label_opens_its_sub_menu_without_sending_focus_to_a_hidden_control(browser, site_url):
    with browser_page(browser, 375) as page:
        open_phone_menu(page, site_url, "about/")
        page.locator(".md-nav--primary label.md-nav__link", has_text="Help and resources").click()
        wait_for(page, "() => document.getElementById('__nav_3').checked")
        assert not page.evaluate(FOCUSED_TOGGLE), page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        # its "back" title closes the sub-menu again, and focus still stays off the hidden toggle
        page.locator(".md-nav--primary label.md-nav__title[for=__nav_3]").click()
        wait_for(page, "() => !document.getElementById('__nav_3').checked")
        assert not page.evaluate(FOCUSED_TOGGLE)
        assert page.evaluate("window.scrollY") == 0


def beside_the_drawer(page) -> tuple[float, float]:
    """A point on the backdrop, halfway between the open drawer's edge and the backdrop's (not the window's: a
    theme may keep room for a scroll bar there)."""
    return page.evaluate("""() => {
        const drawer = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
        const backdrop = document.querySelector('.md-overlay').getBoundingClientRect();
        return [(drawer.right + backdrop.right) / 2, 400];
    }""")


def test_the_backdrop_behind_the_open_menu_closes_it_and_is_no_label(browser, site_url):
    with browser_page(browser, 375) as page:
        open_phone_menu(page, site_url, "tips/")
        assert page.evaluate("document.querySelectorAll('label.md-overlay, label.md-search__overlay').length") == 0
        page.mouse.click(*beside_the_drawer(page))  # on the backdrop
        wait_for(page, "() => !document.getElementById('__drawer').checked")


def test_the_toggles_are_out_of_the_tab_order_and_hidden_from_assistive_technology(browser, site_url):
    with browser_page(browser, 1280) as page:
        page.goto(site_url + "tips/")
        toggles = page.eval_on_selector_all(
            "input.md-toggle, input.md-option",
            "inputs => inputs.map(i => [i.id, i.tabIndex, i.getAttribute('aria-hidden'), getComputedStyle(i).display])")
        assert toggles and all(tab == -1 and hidden == "true" and display != "none"
                               for _, tab, hidden, display in toggles), toggles


def test_the_colour_scheme_switch_is_a_named_button_and_focus_stays_on_the_switch(browser, site_url):
    with browser_page(browser, 1280, "light") as page:
        page.goto(site_url + "tips/")
        switch = page.get_by_role("button", name="Switch to dark mode")
        switch.focus()
        page.keyboard.press("Enter")
        wait_for(page, "() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
        back = page.get_by_role("button", name="Switch to light mode")
        assert back.is_visible() and not switch.is_visible()
        assert page.evaluate("document.activeElement.textContent.trim()") == "Switch to light mode"
        back.click()
        wait_for(page, "() => document.body.getAttribute('data-md-color-scheme') === 'default'")
        assert switch.is_visible()


def test_without_javascript_the_phone_menu_still_opens_and_closes_with_its_labels(browser, site_url):
    with browser_page(browser, 375, java_script_enabled=False) as page:
        page.goto(site_url + "tips/")
        page.mouse.wheel(0, 600)
        page.locator(".md-header label[for=__drawer]").click()
        menu_link = page.locator(".md-sidebar--primary a.md-nav__link[href='../good-practice/']")
        expect(menu_link).to_be_visible()
        scrolled = page.evaluate("window.scrollY")
        page.mouse.click(*beside_the_drawer(page))  # the backdrop beside the drawer, a label while no script runs
        expect(menu_link).to_be_hidden()
        assert page.evaluate("window.scrollY") == scrolled  # closing did not jump to the top of the page


def test_the_arrow_that_closes_the_phone_search_is_named_and_closes_it(browser, site_url):
    with browser_page(browser, 375) as page:
        page.goto(site_url + "tips/")
        page.locator(".site-search-button").click()
        wait_for(page, "() => document.getElementById('__search').checked")
        arrow = page.locator("label.md-search__icon[for=__search]")
        assert arrow.text_content().strip() == "Close search"  # read by a screen reader, not shown
        arrow.click()
        wait_for(page, "() => !document.getElementById('__search').checked")
        assert not page.evaluate(FOCUSED_TOGGLE)
