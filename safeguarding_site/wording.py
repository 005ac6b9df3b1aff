"""Words for a figure, derived from the number itself so they can never disagree with it."""
from __future__ import annotations

from fractions import Fraction

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 20: "twenty"}
SPECIAL = {Fraction(1, 2): "half", Fraction(1, 3): "one in three", Fraction(2, 3): "two thirds",
           Fraction(1, 4): "one in four", Fraction(3, 4): "three quarters"}
DENOMINATORS = (2, 3, 4, 5, 10)
CLOSE = 2  # percentage points within which a fraction is "about" the figure


def nearest_fraction(percent: int) -> Fraction:
    """The simple fraction (halves, thirds, quarters, fifths, tenths, or one in twenty) closest to `percent`.

    Ties go to the smaller denominator, which is easier to picture.
    """
    candidates = {Fraction(n, d) for d in DENOMINATORS for n in range(1, d)} | {Fraction(1, 20)}
    return min(candidates, key=lambda f: (abs(f * 100 - percent), f.denominator))


def fraction_words(fraction: Fraction) -> str:
    if fraction in SPECIAL:
        return SPECIAL[fraction]
    return f"{NUMBER_WORDS[fraction.numerator]} in {NUMBER_WORDS[fraction.denominator]}"


def percent_in_words(percent: int) -> str:
    """'about one in four' for 24, 'just over half' for 55, 'nearly all' for 97 ..."""
    if not 0 <= percent <= 100:
        raise ValueError(f"a percentage must be between 0 and 100, not {percent}")
    if percent == 0:
        return "none"
    if percent == 100:
        return "all"
    if percent < 5:
        return "very few"
    if percent > 95:
        return "nearly all"
    fraction = nearest_fraction(percent)
    gap = percent - fraction * 100
    words = fraction_words(fraction)
    if gap == 0:
        return words
    if abs(gap) <= CLOSE:
        return f"about {words}"
    return f"just over {words}" if gap > 0 else f"just under {words}"
