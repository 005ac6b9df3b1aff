"""Text from data is always shown as text: HTML and template syntax are escaped, never run."""
import pytest
from datetime import date

from safeguarding_site import render
from safeguarding_site.models import Checklist, ResourcesFile
from safeguarding_site.link_history import LinkNotice

HOSTILE = '<script>alert(1)</script> {{ config.site_name }} {% raw %} & "quotes"'


def hostile_resources() -> ResourcesFile:
    return ResourcesFile.model_validate({
        "audiences": {"everyone": HOSTILE},
        "topics": {"all": "Topic <b>bold</b>"},
        "sections": [{"id": "all", "title": HOSTILE, "resources": ["bad"]}],
        "resources": [{
            "id": "bad", "title": HOSTILE, "publisher": HOSTILE, "url": "https://example.org/?a=1&b=<2>",
            "audience": ["everyone"], "offers": HOSTILE, "topics": ["all"], "note": HOSTILE,
        }],
    })


def test_resource_card_escapes_every_field():
    resources = hostile_resources()
    html = str(render.resource_card(resources.resources[0], resources))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ config.site_name }}" in html  # shown literally, not evaluated
    assert "&amp;b=&lt;2&gt;" in html


def test_checklist_escapes_item_text():
    checklist = Checklist.model_validate({"id": "x", "title": HOSTILE, "items": [
        {"id": "x-1", "text": HOSTILE, "detail": "<img src=x onerror=alert(1)>"}]})
    html = str(render.checklist(checklist))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_dead_link_notice_escapes_redirect_target():
    resources = hostile_resources()
    notice = LinkNotice("dead", date(2026, 11, 29), redirect='"><script>x</script>')
    html = str(render.resource_card(resources.resources[0], resources, notice=notice))
    assert "This link may no longer work" in html and "29 November 2026" in html
    assert "<script>x" not in html


def test_needs_review_notice_is_a_caution_described_by_the_link():
    resources = hostile_resources()
    resource = resources.resources[0]
    html = str(render.resource_card(resource, resources, notice=LinkNotice("needs-review", date(2026, 11, 29))))
    assert "We are checking that this link still goes to the right place" in html and "29 November 2026" in html
    assert f'aria-describedby="resource-{resource.id}-link-notice"' in html and 'role="note"' in html
    assert "may no longer work" not in html
    for quiet in ("ok", "transient", "redirected"):
        assert "link-notice" not in str(render.resource_card(resource, resources, notice=LinkNotice(quiet, date(2026, 11, 29))))


def test_rendered_blocks_have_no_blank_lines_so_markdown_keeps_them_whole():
    resources = hostile_resources()
    html = str(render.resource_card(resources.resources[0], resources))
    assert "\n\n" not in html and not html.startswith(" ")


@pytest.mark.slow
def test_html_and_template_syntax_in_data_are_escaped_on_the_built_site(tmp_path):
    from conftest import copy_project, run_build
    project = copy_project(tmp_path / "project")
    path = project / "data" / "resources.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("offers: A report written for people who make government policy.",
                                 "offers: \"<script>alert('x')</script> {{ config.site_name }}\""), encoding="utf-8")
    result = run_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "contains HTML markup" in result.stdout + result.stderr
    html = (tmp_path / "out" / "resources" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(" in html and "{{ config.site_name }}" in html
