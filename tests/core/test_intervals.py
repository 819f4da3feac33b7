"""Properties of interval compatibility: symmetric, reflexive, monotone under widening."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from figures.core.intervals import Interval, bounds_compatible, compatible, from_figure
from figures.model import Figure, Qualifier

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
ends = st.one_of(finite, st.just(math.inf), st.just(-math.inf))
qualifiers = st.sampled_from(list(Qualifier))
tolerance = st.floats(min_value=0, max_value=1e6, allow_nan=False)
relative = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def intervals(draw):
    a, b = draw(ends), draw(ends)
    lo, hi = min(a, b), max(a, b)
    if lo == hi and math.isinf(lo):
        lo, hi = -math.inf, math.inf
    return Interval(lo, hi, draw(qualifiers))


@given(intervals(), intervals(), tolerance, relative)
def test_compatibility_is_symmetric(a, b, absolute, rel):
    assert compatible(a, b, absolute, rel) == compatible(b, a, absolute, rel)
    assert bounds_compatible(a, b, absolute, rel) == bounds_compatible(b, a, absolute, rel)


@given(intervals(), tolerance, relative)
def test_an_interval_is_compatible_with_itself(a, absolute, rel):
    assert compatible(a, a, absolute, rel)
    assert bounds_compatible(a, a, absolute, rel)


@given(intervals(), intervals(), tolerance, relative, st.floats(min_value=0, max_value=1e6), tolerance)
def test_widening_never_creates_a_conflict(a, b, absolute, rel, grow, more_tolerance):
    if compatible(a, b, absolute, rel):
        assert compatible(a.widened(grow), b, absolute, rel)
        assert compatible(a, b, absolute + more_tolerance, rel)


def figure(low, high, qualifier, precision=1.0):
    return Figure(
        index=0,
        surface="x",
        start=0,
        end=1,
        line=1,
        column=1,
        low=low,
        high=high,
        qualifier=qualifier,
        precision=precision,
    )


def test_named_pairs():
    dozen = from_figure(figure(12, None, Qualifier.MORE_THAN))
    twelve = from_figure(figure(12, None, Qualifier.MORE_THAN))
    assert compatible(dozen, twelve)
    assert compatible(from_figure(figure(200, 350, Qualifier.RANGE)), from_figure(figure(295, 295, Qualifier.EXACT)))
    assert compatible(
        from_figure(figure(30, 30, Qualifier.EXACT)), from_figure(figure(100 / 3, 100 / 3, Qualifier.EXACT, None)), 5
    )
    assert not bounds_compatible(
        from_figure(figure(5, 12, Qualifier.RANGE)), from_figure(figure(None, 20, Qualifier.AT_MOST))
    )
    assert not bounds_compatible(
        from_figure(figure(5, 10, Qualifier.RANGE)), from_figure(figure(None, 5, Qualifier.AT_MOST))
    )


def test_rounding_widens_by_half_the_precision():
    interval = from_figure(figure(4.5e6, 4.5e6, Qualifier.EXACT, 1e5))
    assert (interval.low, interval.high) == (4.45e6, 4.55e6)


@given(finite, finite)
def test_from_figure_keeps_low_below_high(a, b):
    lo, hi = sorted((a, b))
    i = from_figure(figure(lo, hi, Qualifier.RANGE))
    assert i.low <= i.high
