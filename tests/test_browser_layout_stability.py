"""Nothing jumps while the checklist and worksheet scripts enhance a page: the room they fill is kept
from the first paint."""
import pytest

# Every layout shift so far (buffered), read once two more frames have been drawn: by then any shift
# the last change caused has been recorded and reported to the observer.
CLS = """() => new Promise(resolve => {
  let total = 0;
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  });
  observer.observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
    for (const entry of observer.takeRecords()) if (!entry.hadRecentInput) total += entry.value;
    observer.disconnect();
    resolve(total);
  })));
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["tips/", "actions/", "good-practice/", "supporting-staff/", "review/"])
@pytest.mark.parametrize("width", [412, 1280])
def test_checklist_pages_do_not_shift_as_the_script_runs(browser, site_url, path, width):
    context = browser.new_context(viewport={"width": width, "height": 850})
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.wait_for_selector(".checklist[data-enhanced]", state="attached")
    page.wait_for_load_state("networkidle")  # every script and style has arrived and run
    shift = page.evaluate(CLS)
    context.close()
    assert shift < 0.01, f"{path} at {width} px: cumulative layout shift {shift:.3f}"


@pytest.mark.browser
@pytest.mark.parametrize("width", [412, 1280])
def test_the_guidelines_worksheet_does_not_shift_as_its_builder_appears(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 850})
    page = context.new_page()
    page.goto(site_url + "guidelines-worksheet/", wait_until="load")
    page.wait_for_selector(".guidelines--enhanced", state="attached")
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(CLS)
    context.close()
    assert shift < 0.01, f"the worksheet at {width} px: cumulative layout shift {shift:.3f}"


@pytest.mark.browser
def test_the_measure_can_fail(browser, site_url):
    """Pushing content down after load is caught, so a pass above means something."""
    context = browser.new_context(viewport={"width": 412, "height": 850})
    page = context.new_page()
    page.goto(site_url + "tips/", wait_until="load")
    page.evaluate("""() => { const p = document.createElement('p'); p.style.height = '300px';
                             document.querySelector('.md-content__inner h1').after(p); }""")
    shift = page.evaluate(CLS)
    context.close()
    assert shift > 0.05
