"""Canonical units through pint, with currencies as dimensions of their own.

pint has no currencies, and converting between two of them needs a dated exchange
rate, never a fixed factor: each ISO 4217 code is defined here as its own base
dimension, so ``RUB`` cannot silently become ``USD``. The registry is built on first
use so that ``import figures`` stays fast.
"""

from __future__ import annotations

from functools import lru_cache

from figures.core.errors import FiguresError

CURRENCIES = (
    "RUB",
    "USD",
    "EUR",
    "GBP",
    "TJS",
    "KGS",
    "UZS",
    "KZT",
    "UAH",
    "AMD",
    "CNY",
    "JPY",
    "INR",
    "TMT",
    "GEL",
    "CHF",
    "CAD",
    "AUD",
    "AZN",
    "BYN",
    "NZD",
    "HKD",
    "SGD",
    "ILS",
    "MYR",
    "TWD",
    "BRL",
    "CRC",
    "LAK",
    "BTC",
    "KRW",
    "PHP",
    "NGN",
    "TRY",
    "THB",
    "VND",
    "IDR",
    "PLN",
    "ZAR",
    "SEK",
    "NOK",
    "DKK",
    "AED",
    "SAR",
    "PKR",
    "MXN",
    "EGP",
    "HUF",
    "CZK",
    "RON",
    "MDL",
    "KES",
    "BDT",
    "GHS",
    "LKR",
    "QAR",
    "KWD",
)


# The hundredth parts of a currency that news copy names: "45 cents", "164p", "12 sen".
_SUBUNITS = ("USD_cent", "GBX", "MYR_sen")


class UnitError(FiguresError):
    """A unit is unknown to pint, or two units cannot be converted."""


@lru_cache(maxsize=1)
def registry():
    """The shared pint registry, with currencies, percentage points and fractions defined."""
    import pint

    ureg = pint.UnitRegistry(on_redefinition="ignore")
    for code in CURRENCIES:
        ureg.define(f"{code} = [currency_{code}]")
    ureg.define("USD_cent = 0.01 * USD")
    ureg.define("GBX = 0.01 * GBP")
    ureg.define("MYR_sen = 0.01 * MYR")
    ureg.define("percentage_point = [percentage_point]")
    ureg.define("fraction = 1")  # "a third": a share of its whole, 1 fraction = 100 percent
    ureg.define("basis_point = 0.01 * percentage_point")
    return ureg


def is_currency(unit: str) -> bool:
    """Is the unit a currency (an ISO 4217 code, or the cent or penny of one)?"""
    return unit in CURRENCIES or unit in _SUBUNITS


# The units most claims are in, with pint's own factors (a test holds them to pint), so that a
# check that only meets these never builds the registry: building it costs more than a new
# story's whole check against an indexed archive.
_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3_600,
    "day": 86_400,
    "week": 604_800,
    "month": 2_629_800,  # a twelfth of pint's Julian year
    "year": 31_557_600,
}
_SHARES = {"percent": 0.01, "fraction": 1.0}
_KNOWN_WITHOUT_PINT = frozenset((*_SECONDS, *_SHARES, *CURRENCIES, *_SUBUNITS, "percentage_point", "basis_point"))


def _table_factor(from_unit: str, to_unit: str) -> float | None:
    for table in (_SECONDS, _SHARES):
        if from_unit in table and to_unit in table:
            return table[from_unit] / table[to_unit]
    return None


def factor(from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` one ``from_unit`` is; raise :class:`UnitError` if they differ in kind."""
    if from_unit == to_unit:
        return 1.0
    if not from_unit or not to_unit:
        raise UnitError(f"cannot convert {from_unit or 'a plain count'} to {to_unit or 'a plain count'}")
    known = _table_factor(from_unit, to_unit)
    if known is not None:
        return known
    import pint

    ureg = registry()
    try:
        return float(ureg.Quantity(1.0, from_unit).to(to_unit).magnitude)
    except (pint.errors.DimensionalityError, pint.errors.UndefinedUnitError, AttributeError, ValueError) as exc:
        raise UnitError(f"cannot convert {from_unit} to {to_unit}: {exc}") from None


def period_factor(from_period: str, to_period: str) -> float:
    """Multiplier turning an amount per ``from_period`` into one per ``to_period``.

    50,000 a year is 50,000 / 12 a month: ``period_factor("year", "month") == 1/12``.
    """
    if from_period == to_period:
        return 1.0
    return factor(to_period, from_period)


def is_known(unit: str) -> bool:
    """Does pint know this unit name?"""
    if not unit or unit in _KNOWN_WITHOUT_PINT:
        return True
    try:
        registry().Unit(unit)
        return True
    except Exception:
        return False


# Names a reader writes for pint names that do not read as words.
_READABLE = {
    "USD_cent": "US cent",
    "GBX": "penny",
    "MYR_sen": "sen",
    "oil_barrel": "barrel",
    "metric_ton": "tonne",
    "degree_Celsius": "degree Celsius",
    "degree_Fahrenheit": "degree Fahrenheit",
    "foot * pound_force": "pound-foot",
    "newton * meter": "newton metre",
    "percentage_point": "percentage point",
    "basis_point": "basis point",
    "kilowatt_hour": "kilowatt hour",
    "light_year": "light year",
}
_SPELLING = (("meter", "metre"), ("liter", "litre"))


@lru_cache(maxsize=256)
def unit_name(unit: str) -> str:
    """The unit as a person reads it, for output; ``unit`` itself stays the pint name.

    ``kilometer ** 2`` is "square kilometre", ``mile / hour`` "mile per hour",
    ``USD_cent`` "US cent"; currency codes and plain counts are returned as they are.
    """
    if unit in _READABLE:
        return _READABLE[unit]
    if not unit or is_currency(unit):
        return unit
    parts = []
    for side in unit.split(" / "):
        words = []
        for factor_ in side.split(" * "):
            name, _, power = factor_.partition(" ** ")
            name = _READABLE.get(name, name.replace("_", " "))
            for us, uk in _SPELLING:
                name = name.replace(us, uk)
            words.append({"2": "square ", "3": "cubic "}.get(power.strip(), "") + name)
        parts.append(" ".join(words))
    return " per ".join(parts)
