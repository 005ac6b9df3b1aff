"""Front matter MkDocs cannot read is explained, not silently dropped."""
from safeguarding_site.front_matter import front_matter_problem


def test_valid_front_matter_has_no_problem():
    assert front_matter_problem("---\ntitle: Tips\nlast_reviewed: 2026-11-29\n---\n# Tips\n") is None


def test_page_without_front_matter_has_no_problem():
    assert front_matter_problem("# Tips\n\nSome text.\n") is None


def test_unclosed_bracket_is_explained_with_the_line_that_opens_it():
    problem = front_matter_problem("---\ntitle: [Tips\ndescription: x\n---\n")
    assert "not valid YAML on line 2: a bracket ([) opens on this line and is never closed" in problem


def test_a_title_with_a_colon_is_told_to_go_in_quotes():
    problem = front_matter_problem("---\ntitle: Who to talk to: our lead\ndescription: x\n---\n")
    assert problem == ("the front matter between the --- lines is not valid YAML on line 2: the value of 'title' has a"
                       " colon and a space in it, which YAML reads as the start of another field: put the value in"
                       ' quotes, like title: "Who to talk to: our lead"')


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
