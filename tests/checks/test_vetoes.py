"""Properties of the pair vetoes of the consistency check."""

from __future__ import annotations

import dataclasses
import math

from hypothesis import given
from hypothesis import strategies as st

from figures.checks.vetoes import (
    TENFOLD,
    amount_part,
    earlier_round,
    magnitudes_apart,
    owners_apart,
    span_of,
    spans_differ,
)
from figures.context.subjects import same_name
from figures.core.intervals import Interval
from figures.model import Claim, Dimension, Figure, Qualifier

positive = st.floats(min_value=1e-6, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(positive, positive)
def test_the_veto_is_symmetric(x, y):
    assert magnitudes_apart(Interval(x, x), Interval(y, y)) == magnitudes_apart(Interval(y, y), Interval(x, x))


@given(positive, st.floats(min_value=1.0, max_value=TENFOLD))
def test_values_within_tenfold_are_never_kept_apart(x, k):
    assert not magnitudes_apart(Interval(x, x), Interval(x * k, x * k))


@given(st.floats(min_value=1.0, max_value=9.99), st.integers(min_value=2, max_value=9))
def test_the_same_digits_under_another_scale_word_stay_comparable(digits, power):
    small = round(digits, 2)
    assert not magnitudes_apart(Interval(small, small), Interval(small * 10**power, small * 10**power))


def test_values_far_apart_with_other_digits_are_kept_apart():
    assert magnitudes_apart(Interval(6.4, 6.4), Interval(9600, 9600))
    assert magnitudes_apart(Interval(1.41e9, 1.41e9), Interval(850_000, 850_000))


def test_zero_and_open_ends_give_no_veto():
    assert not magnitudes_apart(Interval(0, 0), Interval(500, 500))
    assert not magnitudes_apart(Interval(-math.inf, math.inf), Interval(500, 500))
    assert magnitudes_apart(Interval(1000, math.inf), Interval(20, 20))


# --- which span, round or part a figure's own words give it (figures.checks.vetoes) ---


_SPANS = ["over the year", "year over year", "on a monthly basis", "month on month", "in the quarter", ""]


def _claim(before: str, surface: str, after: str, dimension: Dimension) -> Claim:
    sentence = f"{before}{surface}{after}"
    start = len(before)
    figure = Figure(
        0, surface, start, start + len(surface), 1, start + 1, 1.0, 1.0, Qualifier.EXACT, dimension=dimension
    )
    return Claim("c", "a.md", figure, sentence, 0, None, None, None)


@given(st.sampled_from(_SPANS), st.sampled_from(_SPANS), st.sampled_from(_SPANS), st.sampled_from(_SPANS))
def test_spans_differ_is_symmetric_and_needs_both_spans(a1, a2, b1, b2):
    a = _claim(f"Prices {a1} rose ", "1.3%", f" {a2}.", Dimension.PERCENT)
    b = _claim(f"Prices {b1} rose ", "12.2%", f" {b2}.", Dimension.PERCENT)
    assert spans_differ(a, b) == spans_differ(b, a)
    if not span_of(a) or not span_of(b):
        assert not spans_differ(a, b)


def test_the_span_word_nearest_the_figure_decides():
    sentence_before, sentence_after = "Wages rose 0.6% on a monthly basis and ", " over the past year."
    assert span_of(_claim(sentence_before, "4.5%", sentence_after, Dimension.PERCENT)) == "year"
    assert (
        span_of(_claim("Wages rose ", "0.6%", " on a monthly basis and 4.5% over the past year.", Dimension.PERCENT))
        == "month"
    )
    assert span_of(_claim("Wages rose ", "600", " on a monthly basis.", Dimension.COUNT)) == ""


def test_a_round_and_a_part_are_read_from_the_figure_s_own_words():
    assert earlier_round(_claim("In the first round, she had ", "31.2%", " of the vote.", Dimension.PERCENT))
    assert not earlier_round(
        _claim("She had ", "44.2%", " in the run-off, above her first-round share.", Dimension.PERCENT)
    )
    assert (
        amount_part(_claim("The jury awarded ", "$550 million", " in compensatory damages.", Dimension.CURRENCY))
        == "compensatory"
    )
    assert (
        amount_part(_claim("It will pay a ", "$175 million", " fine to the states.", Dimension.CURRENCY)) == "to states"
    )
    assert amount_part(_claim("It was ordered to pay ", "$4.69 billion", " in damages.", Dimension.CURRENCY)) == ""


# --- whose figure: owners read near a figure and by default (figures.checks.vetoes.owners_apart) ---


def _owned(entity: str, subject: str, default: bool = False, article_subject: str | None = None) -> Claim:
    claim = _claim("Sales reached ", "1.2 million", " units.", Dimension.COUNT)
    key = f"count|||{entity}||{subject}|level|actual|general"
    return dataclasses.replace(claim, key=key, owner_default=default, article_subject=article_subject)


_OWNERS = [
    _owned("PT", ""),
    _owned("PT", "", True, "Lumora Systems"),
    _owned("PT", "", True, None),
    _owned("ES", "", True, "Lumora Systems"),
    _owned("", "Lumora Systems"),
    _owned("", "Tarvik Devices"),
    _owned("", "Lumora Systems", True, "Lumora Systems"),
    _owned("PT", "Lumora Systems"),
]


@given(st.sampled_from(_OWNERS), st.sampled_from(_OWNERS))
def test_owners_apart_is_symmetric_and_one_owner_is_never_apart(a, b):
    assert bool(owners_apart(a, b)) == bool(owners_apart(b, a))
    assert not owners_apart(a, a)


def test_a_default_owner_yields_only_to_its_article_s_own_subject():
    named = _owned("", "Lumora Systems")
    assert not owners_apart(_owned("PT", "", True, "Lumora Systems"), named)
    assert owners_apart(_owned("PT", "", True, "Tarvik Devices"), named)  # another company
    assert owners_apart(_owned("PT", "", True, None), named)  # an article with no subject of its own
    assert owners_apart(_owned("PT", "", False, "Lumora Systems"), named)  # a country named near the figure
    assert owners_apart(_owned("PT", "", True, "Lumora Systems"), _owned("ES", "Lumora Systems"))  # its sales in Spain


def test_two_default_owners_meet_only_by_their_articles_main_subject():
    assert owners_apart(_owned("PT", "", True, "Lumora Systems"), _owned("ES", "", True, "Lumora Systems"))
    assert owners_apart(_owned("PT", "", True, "Lumora Systems"), _owned("", "Tarvik Devices", True, "Tarvik Devices"))
    assert owners_apart(_owned("PT", "", True, None), _owned("", "Lumora Systems", True, "Lumora Systems"))
    assert not owners_apart(
        _owned("PT", "", True, "Lumora Systems"), _owned("", "Lumora Systems", True, "Lumora Systems")
    )


def test_a_long_name_spelt_one_letter_apart_is_one_name():
    assert same_name("Luis Inacio Lula da Silva", "Luiz Inácio Lula da Silva")
    assert same_name("ACME Holdings", "Acme Holdings")
    assert not same_name("Mark Hale", "Mary Hale")  # too short to tell a spelling from another person
    assert not same_name("Peronist Sergio Massa", "Sergio Massa")
    assert not same_name("Ana Maria Prado", "Ana Mario Pardo")  # two words apart


def test_a_name_in_capitals_may_be_another_name_s_initials():
    assert same_name("ECB", "European Central Bank") and same_name("World Health Organization", "WHO")
    assert same_name("NRC", "Northern Rail Company")
    assert not same_name("NRC", "Southern Rail Company")
    assert not same_name("Nrc", "Northern Rail Company")  # not written in capitals
    assert not same_name("NRC", "northern rail company")  # not a name
    assert not owners_apart(_owned("", "Mateus Ribeiro Costa"), _owned("", "Mateos Ribeiro Costa"))
