"""The words describing a figure come from the number, so they can never disagree with it."""
from fractions import Fraction

import pytest

from conftest import ROOT
from safeguarding_site.loading import load_site_data
from safeguarding_site.wording import fraction_words, nearest_fraction, percent_in_words

WORDS_TO_FRACTION = {fraction_words(Fraction(n, d)): Fraction(n, d)
                     for d in (2, 3, 4, 5, 10) for n in range(1, d)} | {"one in twenty": Fraction(1, 20)}


def fraction_named(words: str) -> Fraction:
    for qualifier in ("about ", "just over ", "just under "):
        words = words.removeprefix(qualifier)
    return WORDS_TO_FRACTION[words]


@pytest.mark.parametrize("statistic", load_site_data(ROOT / "data").statistics, ids=lambda s: s.id)
def test_every_statistic_is_described_by_the_nearest_simple_fraction(statistic):
    words = percent_in_words(statistic.percent)
    named = fraction_named(words)
    assert named == nearest_fraction(statistic.percent)
    assert abs(named * 100 - statistic.percent) <= 5


def test_24_percent_reads_about_one_in_four_never_one_in_five():
    assert percent_in_words(24) == "about one in four"
    assert "one in five" not in percent_in_words(24)


@pytest.mark.parametrize("percent, words", [
    (55, "just over half"), (59, "about three in five"), (50, "half"), (25, "one in four"),
    (75, "three quarters"), (66, "about two thirds"), (5, "one in twenty"), (0, "none"), (100, "all"),
    (2, "very few"), (98, "nearly all"),
])
def test_known_figures(percent, words):
    assert percent_in_words(percent) == words


@pytest.mark.parametrize("percent", range(5, 96))
def test_qualifier_matches_the_direction_of_the_gap(percent):
    words = percent_in_words(percent)
    gap = percent - nearest_fraction(percent) * 100
    if words.startswith("just over"):
        assert gap > 2
    elif words.startswith("just under"):
        assert gap < -2
    elif words.startswith("about"):
        assert 0 < abs(gap) <= 2
    else:
        assert gap == 0


@pytest.mark.parametrize("bad", [-1, 101])
def test_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        percent_in_words(bad)
