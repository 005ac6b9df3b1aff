"""Front matter MkDocs cannot read is explained, not silently dropped."""
from safeguarding_site.front_matter import front_matter_problem


def test_valid_front_matter_has_no_problem():
    assert front_matter_problem("---\ntitle: Tips\nlast_reviewed: 2026-11-29\n---\n# Tips\n") is None


def test_page_without_front_matter_has_no_problem():
    assert front_matter_problem("# Tips\n\nSome text.\n") is None


def test_unclosed_bracket_is_explained_with_its_line():
    problem = front_matter_problem("---\ntitle: [Tips\ndescription: x\n---\n")
    assert "not valid YAML on line 3" in problem


def test_impossible_date_is_explained():
    problem = front_matter_problem("---\nlast_reviewed: 2026-02-30\n---\n")
    assert "cannot be read" in problem and "YYYY-MM-DD" in problem


def test_front_matter_that_is_not_name_value_lines():
    assert "name: value" in front_matter_problem("---\n- a\n- b\n---\n")


def test_missing_opening_line_is_named_not_taken_for_plain_text_fields():
    problem = front_matter_problem("title: Tips\nlast_reviewed: 2026-11-29\n---\n# Tips\n")
    assert "no opening line" in problem and "three hyphens (---) above line 1" in problem


def test_mistyped_opening_line_is_named():
    assert "line 1 should open the front matter with exactly three hyphens (---), not '--'" in \
        front_matter_problem("--\ntitle: Tips\n---\n# Tips\n")


def test_mistyped_closing_line_is_named_with_its_line():
    assert "line 3 should close the front matter with exactly three hyphens (---), not '----'" in \
        front_matter_problem("---\ntitle: Tips\n----\n# Tips\n")


def test_missing_closing_line_is_named():
    problem = front_matter_problem("---\ntitle: Tips\nlast_reviewed: 2026-11-29\n\n# Tips\n\nText.\n")
    assert "never closed" in problem


def test_a_horizontal_rule_further_down_is_not_front_matter():
    assert front_matter_problem("# Tips\n\nText.\n\n---\n\nMore.\n") is None
