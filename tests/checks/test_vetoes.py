"""Properties of the pair vetoes of the consistency check."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from figures.checks.vetoes import TENFOLD, magnitudes_apart
from figures.core.intervals import Interval

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
