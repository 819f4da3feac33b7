"""A figure written out for a reader: its interval in symbols, its unit, rate and change.

The findings' messages (the checks, diff) and every output write a figure the same way,
so the words live below both.
"""

from __future__ import annotations

from figures.model import Figure, Qualifier

_SYMBOLS = {
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_MOST: "≤",
    Qualifier.LESS_THAN: "<",
    Qualifier.APPROXIMATELY: "≈",
}


_CHANGES = {"increase": "rise", "decrease": "fall"}


def number(value: float | None) -> str:
    """A number as people write it: 63389 -> "63,389", 4500000.0 -> "4,500,000"."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.6g}"


def interval_text(figure: Figure) -> tuple[str, float | None]:
    """The figure's interval in symbols ("≤ 20", "5–12", "≈ 4,500"), and the single value it
    counts, if it states one (for a unit's plural); ``None`` for a range."""
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        return f"{number(figure.low)}–{number(figure.high)}", None
    if figure.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return f"{_SYMBOLS[figure.qualifier]} {number(figure.high)}", figure.high
    return f"{_SYMBOLS.get(figure.qualifier, '')} {number(figure.low)}".strip(), figure.low


def with_rate_and_change(text: str, figure: Figure) -> str:
    """``text`` with the figure's denominator, period and direction: "rise of 2 percent per year"."""
    if figure.per:
        text += f" per {figure.per}"
    if figure.period:
        text += f" per {figure.period}"
    if figure.direction:
        text = f"{_CHANGES[figure.direction]} of {text}"
    return text


def normalized(figure: Figure) -> str:
    """The figure's interval in words a reader checks at a glance: "≤ 20 year", "rise of 2 percent"."""
    unit = figure.unit_name or figure.unit or figure.noun
    text, _ = interval_text(figure)
    if unit:
        text += f" {unit}"
    return with_rate_and_change(text, figure)
