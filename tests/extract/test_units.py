"""Units from extraction are pint units; currencies never convert without a rate."""

from __future__ import annotations

import pytest

from figures.extract.lexicon import UNITS_AFTER
from figures.extract.longtail import longtail_units
from figures.units import UnitError, factor, is_known, period_factor


def test_core_lexicon_units_are_pint_units():
    assert all(is_known(w.unit) for w in UNITS_AFTER.values())


def test_most_long_tail_units_are_pint_units():
    by_surface, by_symbol = longtail_units()
    units = {w.unit for w in [*by_surface.values(), *by_symbol.values()]}
    known = sum(is_known(u) for u in units)
    assert len(units) > 150
    assert known / len(units) > 0.8


def test_currencies_are_separate_dimensions():
    with pytest.raises(UnitError):
        factor("RUB", "USD")
    assert factor("USD_cent", "USD") == pytest.approx(0.01)


def test_periods_convert():
    assert period_factor("year", "month") == pytest.approx(1 / 12)
    assert period_factor("week", "day") == pytest.approx(1 / 7)


def test_units_convert():
    assert factor("kilometer", "mile") == pytest.approx(0.621371, rel=1e-5)
    assert factor("month", "year") == pytest.approx(1 / 12)
