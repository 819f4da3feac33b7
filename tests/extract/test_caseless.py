"""Scans for words in any case find the same spans on the lowered text as case-blind on the text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from figures.extract import atoms, numerals
from figures.extract.caseless import Caseless, lowered

_PATTERNS = {
    name: value
    for module in (atoms, numerals)
    for name, value in sorted(vars(module).items())
    if isinstance(value, Caseless)
}

# Words the patterns look for, in mixed case, with the characters that lower() and
# re.IGNORECASE treat differently (dotted capital I, dotless i, long s, Kelvin sign).
_PIECES = st.sampled_from(
    [
        "a", "An", "HALF", "half", "Third", "three", "Quarters", "of", "million", "Dozen", "score", "Scores",
        "ninefold", "FOLD", "in", "his", "Early", "40s", "year", "tens", "of thousands", "Hundreds",
        "twenty", "-", "five", "Sıx", "ſix", "İn", "\u212am", "é", "’", " ", "  ", "\u00a0", ",", ".", "1", "7",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=14).map("".join) | st.text(alphabet="aAiIİıſsShHfFlLdD -0123456789", max_size=30)


def _spans(pattern, text: str, folded: str | None) -> list[tuple[int, ...]]:
    return [
        (m.start(), m.end(), *(m.span(g) for g in range(1, m.re.groups + 1))) for m in pattern.finditer(text, folded)
    ]


def test_the_word_scans_are_caseless():
    assert {"_FRACTION_RE", "_VAGUE_RE", "_NUMBER_TOKEN"} <= set(_PATTERNS)


@pytest.mark.parametrize("name", sorted(_PATTERNS))
@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_lowered_text_matches_as_case_blind(name, text):
    pattern = _PATTERNS[name]
    expected = _spans(pattern, text, None)
    folded = lowered(text)
    if folded is not None:
        assert len(folded) == len(text)
        assert _spans(pattern, text, folded) == expected


@pytest.mark.parametrize("text", ["İn his 40s", "ſix half", "dotless ı in half a million"])
def test_characters_that_lower_differently_scan_case_blind(text):
    assert lowered(text) is None


def test_the_lowered_text_keeps_every_offset():
    assert lowered("Half a MILLION ’quoted’ \u212a") == "half a million ’quoted’ k"
