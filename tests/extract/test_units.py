"""Units from extraction are pint units; currencies never convert without a rate."""

from __future__ import annotations

import pytest

from figures.core.units import UnitError, factor, is_known, period_factor, unit_name
from figures.extract.lexicon import UNITS_AFTER
from figures.extract.longtail import longtail_units
from figures.model import Dimension


def test_core_lexicon_units_are_pint_units():
    assert all(is_known(w.unit) for w in UNITS_AFTER.values())


def test_most_long_tail_units_are_pint_units():
    by_surface, by_symbol = longtail_units()
    units = {w.unit for w in [*by_surface.values(), *by_symbol.values()]}
    known = sum(is_known(u) for u in units)
    assert len(units) > 150
    assert known / len(units) > 0.8


def test_every_long_tail_unit_has_a_figure_dimension():
    by_surface, by_symbol = longtail_units()
    kinds = {w.dimension for w in [*by_surface.values(), *by_symbol.values()]}
    assert kinds <= {d.value for d in Dimension}


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


def test_every_lexicon_unit_has_a_readable_name():
    for word in UNITS_AFTER.values():
        name = unit_name(word.unit)
        assert name and not any(mark in name for mark in ("**", "*", "_", "/")), (word.unit, name)


def test_readable_names():
    assert unit_name("kilometer ** 2") == "square kilometre"
    assert unit_name("mile / hour") == "mile per hour"
    assert unit_name("USD_cent") == "US cent"
    assert unit_name("milliliter") == "millilitre"
    assert unit_name("RUB") == "RUB"
    assert unit_name("") == ""


def test_fractions_convert_to_percent():
    assert factor("fraction", "percent") == pytest.approx(100)


def test_the_factors_known_without_pint_are_pints_own():
    """Time and share units convert without building pint's registry, by pint's own factors."""
    from figures.core import units

    ureg = units.registry()
    for table in (units._SECONDS, units._SHARES):
        for a in table:
            for b in table:
                expected = float(ureg.Quantity(1.0, a).to(b).magnitude)
                assert units.factor(a, b) == pytest.approx(expected, rel=1e-12), (a, b)
    for unit in units._KNOWN_WITHOUT_PINT:
        ureg.Unit(unit)  # every unit taken as known without pint is one pint knows
