"""Numbers written in other hands read as the number, and still point at the text as written."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from figures import extract_text

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0301", "\u20e3"]


def test_a_tiny_decimal_is_never_read_as_zero():
    text = "Turnout moved by 0." + "0" * 400 + "1% and by 0% the year before."
    assert [f.low for f in extract_text(text)] == [0.0]  # the tiny one is left out, not made a zero


@settings(max_examples=300, derandomize=True)
@given(
    st.integers(min_value=1000, max_value=10**9),
    st.lists(st.sampled_from(INVISIBLE), min_size=1, max_size=3),
    st.data(),
)
def test_invisible_characters_inside_a_number_keep_it_whole(value, marks, data):
    digits = f"{value:,}"
    at = data.draw(st.integers(min_value=1, max_value=len(digits) - 1))
    number = digits[:at] + "".join(marks) + digits[at:]
    text = f"Officials said {number} people were affected.\nA second line with 7 buses."
    figures = extract_text(text)
    assert [f.low for f in figures] == [value, 7]
    for f in figures:
        assert text[f.start : f.end] == f.surface
    assert figures[0].surface.startswith(number)
    assert (figures[1].line, figures[1].column) == (2, text.split("\n")[1].index("7") + 1)


def test_an_invisible_character_after_a_word_joins_nothing():
    # Only a mark between digits is part of a number: "apples,5" would hide the 5 behind a word.
    assert [f.low for f in extract_text("They sold apples,\u200b5 pears and 12\u200b.5 kilos of plums.")] == [5, 12.5]
