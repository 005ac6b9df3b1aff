"""Every everyday mistake in an organisation's org/ files gets one plain message naming the file, the line
and the field, and saying what to write instead (the core's functions, with no build: the same mistakes
through a real build are in test_org_mistakes_build.py).

The message is chosen by the kind of the field (field_kinds.py), not by the text of its pattern."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from safeguarding_site import field_kinds, value_forms
from safeguarding_site.errors import DataErrors
from safeguarding_site.loading import load_site_data
from safeguarding_site.models import Organisation, ResourcesFile
from safeguarding_site.overlay import load_organisation

EXAMPLE = ROOT / "examples" / "riverside-youth-club" / "org"
LOGO = "logo: assets/riverside-logo.svg"
COLOURS = 'colours:\n  primary: "#0b5d3b"\n  accent: "#8a3b00"'


@pytest.fixture(scope="module")
def topics():
    return load_site_data(ROOT / "data").guidelines_file


def org_copy(tmp_path: Path) -> Path:
    org = tmp_path / "org"
    shutil.copytree(EXAMPLE, org)
    return org


def message(org: Path, topics, old: str = "", new: str = "", file: str = "data/organisation.yml",
            encoding: str = "utf-8") -> str:
    path = org / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    path.write_bytes(text.replace(old, new, 1).encode(encoding))
    with pytest.raises(DataErrors) as caught:
        load_organisation(org, topics, "org")
    return str(caught.value)


MISTAKES = {
    # forms: colours, translated where the reader's colour can be
    "colour written rgb()": ('primary: "#0b5d3b"', "primary: rgb(27, 94, 32)",
                             r"line 15, field 'colours.primary': 'rgb\(27, 94, 32\)' is not written the way this file"
                             r" needs: write primary: \"#1b5e20\" \(the same colour"),
    "colour written as a name": ('primary: "#0b5d3b"', "primary: green",
                                 r"field 'colours.primary': 'green' is not written the way this file needs: write"
                                 r" primary: \"#008000\""),
    "colour name too pale": ('primary: "#0b5d3b"', "primary: yellow",
                             r"field 'colours.primary': 'yellow' is written as \"#ffff00\" in this file, but that"
                             r" colour is too light"),
    "colour without its #": ('accent: "#8a3b00"', "accent: 8a3b00",
                             r"line 16, field 'colours.accent': '8a3b00' is not written the way this file needs: write"
                             r" accent: \"#8a3b00\""),
    "colour that is no colour": ('primary: "#0b5d3b"', "primary: riverside green",
                                 r"field 'colours.primary': 'riverside green' is not a colour this file can read: write it as \"#rrggbb\", in"
                                 r" quotes, like primary: \"#1b5e20\""),
    # forms: phones and emails
    "phone left unquoted, read as a number": ('phone: "0191 498 0123"', "phone: 01914980123",
                                              r"line 30, field 'safeguarding_lead.phone': is read as a number"
                                              r" \(1914980123\), not as text, so its first 0 is lost: put it in"
                                              r" quotes, like phone: \"01914980123\""),
    "phone with words in it": ('phone: "0191 498 0123"', 'phone: "Sam: 0191 498 0123"',
                               r"field 'safeguarding_lead.phone': 'Sam: 0191 498 0123' has more than a phone number in"
                               r" it \('Sam:'\): write only the number, like phone: \"0191 123 4567\""),
    "phone a digit short": ('phone: "0191 498 0123"', 'phone: "0191 498 012"',
                            r"field 'safeguarding_lead.phone': '0191 498 012' has 10 digits, but a UK phone number has"
                            r" 11, starting with 0"),
    "email without @": ("email: safeguarding@riverside-youth.example.org",
                        "email: safeguarding.riverside-youth.example.org",
                        r"line 31, field 'safeguarding_lead.email': 'safeguarding.riverside-youth.example.org' has no"
                        r" @ in it: write the whole address, like email: name@your-organisation.org.uk"),
    "email with a name beside it": ("email: safeguarding@riverside-youth.example.org",
                                    "email: Priya safeguarding@riverside-youth.example.org",
                                    r"field 'safeguarding_lead.email': 'Priya safeguarding@riverside-youth.example.org'"
                                    r" has a space in it, and an email address has none: write only the address, email:"
                                    r" safeguarding@riverside-youth.example.org \(check"),
    "email with 'at' in words": ("email: safeguarding@riverside-youth.example.org",
                                 "email: safeguarding at riverside-youth.example.org",
                                 r"field 'safeguarding_lead.email': 'safeguarding at riverside-youth.example.org'"
                                 r" has a space in it, and an email address has none: write the address with the signs,"
                                 r" email: safeguarding@riverside-youth.example.org"),
    "email with mailto:": ("email: hello@riverside-youth.example.org", "email: mailto:hello@riverside-youth.example.org",
                           r"field 'contact.email': starts with 'mailto:', which the site adds itself: write email:"
                           r" hello@riverside-youth.example.org"),
    "website without https://": ("website: https://riverside-youth.example.org/", "website: riverside-youth.example.org",
                                 r"field 'contact.website': 'riverside-youth.example.org' is not a full web address: it"
                                 r" must start with http:// or https://, so write website:"
                                 r" https://riverside-youth.example.org"),
    "text left unquoted, read as a number": ("copyright: Our own pages and guidelines © Riverside Youth Club, 2026.",
                                             "copyright: 2026", r"line 8, field 'copyright': is read as a number"
                                             r" \(2026\), not as text: put it in quotes, like copyright: \"2026\""),
    "misspelt field": ("short_name:", "shortname:",
                       r"line 7, field 'shortname': is not a field this file knows: did you mean 'short_name'\?"),
    "required field deleted": ("copyright: Our own pages and guidelines © Riverside Youth Club, 2026.\n", "",
                               r"field 'copyright': is missing: add it \(The copyright line for your own pages"),
    # paths
    "logo with a space in its name": (LOGO, "logo: assets/Riverside Logo.svg",
                                      r"line 11, field 'logo': 'assets/Riverside Logo.svg' has a space in it, which a"
                                      r" web address cannot hold: give the file a name with lower-case letters, digits"
                                      r" and hyphens only, such as riverside-logo.svg, and write"
                                      r" logo: assets/riverside-logo.svg"),
    "logo in other capitals": (LOGO, "logo: assets/Riverside-Logo.svg",
                               r"field 'logo': there is no file org/docs/assets/Riverside-Logo.svg, but there is"
                               r" org/docs/assets/riverside-logo.svg: capitals count on the web .* so write logo:"
                               r" assets/riverside-logo.svg"),
    "logo written from the project's top": (LOGO, "logo: org/docs/assets/riverside-logo.svg",
                                            r"field 'logo': starts with 'org/docs/', but paths here are written from"
                                            r" inside org/docs/: write logo: assets/riverside-logo.svg"),
    "logo with Windows slashes": (LOGO, "logo: assets\\riverside-logo.svg",
                                  r"field 'logo': uses '\\' between folders; the web uses '/': write logo:"
                                  r" assets/riverside-logo.svg"),
    "logo a letter away": (LOGO, "logo: assets/riverside-logo.png",
                           r"field 'logo': there is no file org/docs/assets/riverside-logo.png; org/docs/assets/riverside-logo.svg"
                           r" nearly matches: write logo: assets/riverside-logo.svg"),
    "page a letter away": ("  - new-volunteers.md", "  - new-volunter.md",
                           r"line 37, entry pages #3, field 'pages': there is no file org/docs/new-volunter.md;"
                           r" org/docs/new-volunteers.md nearly matches: write - new-volunteers.md"),
    # YAML syntax
    "tab at the start of a line": ("  role: Designated", "\trole: Designated",
                                   r"line 29: this is not valid YAML: this line starts with a tab, and YAML takes only"
                                   r" spaces .*: replace the tab with spaces"),
    "title with a colon": ("name: Riverside Youth Club", "name: Riverside: Youth Club",
                           r"line 6: this is not valid YAML: the value of 'name' has a colon and a space in it, .*:"
                           r" put the value in quotes, like name: \"Riverside: Youth Club\""),
    "quote never closed": ("name: Riverside Youth Club", 'name: "Riverside Youth Club',
                           r"line 6: this is not valid YAML: a quote \(\"\) opens on this line and is never closed"),
    "block half out of its notes: the line under a note": (
        COLOURS, '# colours:\n  primary: "#0b5d3b"\n#   accent: "#8a3b00"',
        r"line 15: this is not valid YAML: this line is indented under 'colours:' on line 14, which is still a note"
        r" \(it starts with '#'\): take the '#' off line 14 too"),
    "block half out of its notes: a note under the line": (
        COLOURS, 'colours:\n#   primary: "#0b5d3b"\n#   accent: "#8a3b00"',
        r"line 14, field 'colours': is empty, because the lines under it \(lines 15 to 16\) are still notes"),
    "space left where the # was": ("colours:", " colours:",
                                   r"line 14: this is not valid YAML: this line starts with a space, but line 11 above"
                                   r" it starts at the edge: take the space out"),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_each_mistake_in_organisation_yml_gets_one_message_with_what_to_write(tmp_path, topics, case):
    old, new, expected = MISTAKES[case]
    said = message(org_copy(tmp_path), topics, old, new)
    where = r"org/data/organisation\.yml, " + ("" if expected.startswith("line") else r"line \d+, ")
    assert re.search(where + expected, said), said
    assert said.count("org/data/organisation.yml") == 1, f"one message, not several: {said}"


def test_a_logo_uploaded_with_spaces_in_its_name_is_renamed_in_one_round(tmp_path, topics):
    org = org_copy(tmp_path)
    assets = org / "docs" / "assets"
    (assets / "riverside-logo.svg").rename(assets / "Riverside Logo.svg")  # as a volunteer's computer named it
    said = message(org, topics)
    assert re.search(r"line 11, field 'logo': there is no file org/docs/assets/riverside-logo.svg; org/docs/assets/"
                     r"Riverside Logo.svg nearly matches, but its name has spaces .* rename it to riverside-logo.svg"
                     r" \(on GitHub: upload it again with that name, then delete the old one\) and write"
                     r" logo: assets/riverside-logo.svg", said), said
    (assets / "Riverside Logo.svg").rename(assets / "riverside-logo.svg")  # doing as it says is enough
    load_organisation(org, topics, "org")


@pytest.mark.parametrize("written", ["03/11/2026", "3 November 2026", "3rd Nov 2026", "3.11.2026"])
def test_a_date_written_the_uk_way_is_turned_round_in_the_message(tmp_path, topics, written):
    said = message(org_copy(tmp_path), topics, "agreed_on: 2026-11-03", f"agreed_on: {written}",
                   file="data/our-guidelines.yml")
    assert re.search(r"org/data/our-guidelines\.yml, line \d+, field 'agreed_on': should be a date written YYYY-MM-DD:"
                     r" write agreed_on: 2026-11-03", said), said


def test_a_guideline_id_written_with_capitals_or_underscores_is_pointed_to_the_right_one(tmp_path, topics):
    said = message(org_copy(tmp_path), topics, "  personal-contact:", "  personal_contact:",
                   file="data/our-guidelines.yml")
    assert "'personal_contact' is not one of the guideline topics or rules in data/guidelines.yml: did you mean" \
           " 'personal-contact'?" in said, said


def test_a_file_saved_as_windows_1252_is_named_with_its_line_and_how_to_save_it(tmp_path, topics):
    said = message(org_copy(tmp_path), topics, "address:\n    - Riverside Community Centre",
                   "address:\n    - Riverside Café, £1 entry", encoding="cp1252")
    assert re.search(r"org/data/organisation.yml, line 8: the file is not saved as UTF-8 \(it looks like"
                     r" Windows-1252, also called ANSI\): this line has '©' .* Save it again as UTF-8: in Notepad,"
                     r" choose File, Save as, and set Encoding to UTF-8", said), said


def test_a_page_saved_as_windows_1252_is_named_with_its_line(tmp_path, topics):
    said = message(org_copy(tmp_path), topics, "worries you,", "worries you \u2013 ", file="docs/who-to-talk-to.md",
                   encoding="cp1252")
    assert "org/docs/who-to-talk-to.md, line 10: the file is not saved as UTF-8" in said


def test_a_phone_with_an_extension_is_accepted(tmp_path, topics):
    org = org_copy(tmp_path)
    path = org / "data" / "organisation.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('phone: "0191 498 0123"', 'phone: "0191 498 0123 ext 2"'),
                    encoding="utf-8")
    assert load_organisation(org, topics, "org").details.safeguarding_lead.phone == "0191 498 0123 ext 2"


@pytest.mark.parametrize("written", ["0191 123 4567", "0191 123 4567 ext 2", "0191 123 4567, ext. 12",
                                     "+44 (0)191 123 4567", "+44 191 123 4567 extension 3", "07700 900123 x4",
                                     "0191-123-4567", "020 7946 0000", "01387 21234", "0800 1111", "116 123"])
def test_uk_phone_numbers_as_people_write_them_pass(written):
    assert value_forms.phone_problem(written, "phone") is None
    assert re.fullmatch(value_forms.PHONE_PATTERN, written), "the schema's hint accepts it too"


def test_the_message_comes_from_the_fields_kind_not_its_pattern():
    """Two fields with the same sort of pattern get different advice, because their kinds differ."""
    assert field_kinds.field_at(Organisation, ("logo",)).kind is field_kinds.PATH
    assert field_kinds.field_at(Organisation, ("pages", 2)).kind is field_kinds.PATH
    assert field_kinds.field_at(Organisation, ("safeguarding_lead", "phone")).kind is field_kinds.PHONE
    assert field_kinds.field_at(Organisation, ("colours", "accent")).kind is field_kinds.COLOUR
    assert field_kinds.field_at(ResourcesFile, ("resources", 3, "topics", 0)).kind is field_kinds.IDENTIFIER
    assert field_kinds.field_at(ResourcesFile, ("resources", 3, "url")).kind is field_kinds.WEB_ADDRESS
    loading = (ROOT / "safeguarding_site" / "loading.py").read_text(encoding="utf-8")
    assert "a-z0-9" not in loading and '["pattern"]' not in loading and "ctx" not in loading


@pytest.mark.parametrize("written, expected", [
    ("rgb(27, 94, 32)", "#1b5e20"), ("rgb(27 94 32)", "#1b5e20"), ("green", "#008000"), ("Dark Green", "#006400"),
    ("#1B5E20", "#1b5e20"), ("1b5e20", "#1b5e20"), ("#abc", "#aabbcc"), ("hsl(120, 100%, 25%)", "#008000"),
    ("not a colour", None), ("rgba(0, 0, 0, 0.5)", None)])
def test_colours_are_translated_to_rrggbb_where_they_can_be(written, expected):
    from safeguarding_site.colours import as_hex
    assert as_hex(written) == expected
