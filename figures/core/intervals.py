"""Intervals that keep what a figure claims: qualifiers, open ends and rounding.

Two ways of comparing claims:

* **value** (the default): each claim bounds one true value ("more than a dozen",
  "about 300,000"). Two claims agree when their intervals overlap once each is
  widened by its rounding, its "about", and the measure's tolerance.
* **bounds**: each claim states the bounds of a legal or agreed range ("five to 12
  years", "up to 20 years"). Two claims agree when the bounds both state are the
  same within tolerance, and a single value lies inside the other's range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from figures.model import Figure, Qualifier

INF = math.inf


@dataclass(frozen=True)
class Interval:
    """A closed interval of the true value; ``-inf``/``inf`` for open ends."""

    low: float
    high: float
    qualifier: Qualifier = Qualifier.EXACT

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"empty interval [{self.low}, {self.high}]")

    def widened(self, absolute: float = 0.0, relative: float = 0.0) -> Interval:
        """The interval grown on each finite side by ``absolute`` plus ``relative`` of that end."""
        low = self.low - absolute - relative * abs(self.low) if math.isfinite(self.low) else self.low
        high = self.high + absolute + relative * abs(self.high) if math.isfinite(self.high) else self.high
        return Interval(low, high, self.qualifier)

    def overlaps(self, other: Interval) -> bool:
        return max(self.low, other.low) <= min(self.high, other.high)

    def scaled(self, k: float) -> Interval:
        lo, hi = sorted((self.low * k, self.high * k))
        return Interval(lo, hi, self.qualifier)

    @property
    def states_upper(self) -> bool:
        return self.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN, Qualifier.RANGE)

    @property
    def states_lower(self) -> bool:
        return self.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.RANGE)


def from_figure(figure: Figure, scale: float = 1.0, approx: float = 0.10) -> Interval:
    """The interval a figure claims, in its unit times ``scale``.

    A rounded number is widened by half its precision ("4.5 million" covers
    4.45-4.55 million) and "about" by ``approx`` of the value; a whole count
    ("63,389 Tajiks") is taken as exact.
    """
    low = -INF if figure.low is None else figure.low
    high = INF if figure.high is None else figure.high
    if figure.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN) and figure.low is None and high >= 0:
        low = 0.0  # "up to 20 years": amounts in the news are not negative
    interval = Interval(low, high, figure.qualifier)
    if figure.precision is not None and figure.precision != 1.0:
        interval = interval.widened(absolute=figure.precision / 2)
    if figure.qualifier == Qualifier.APPROXIMATELY:
        interval = interval.widened(relative=approx)
    return interval.scaled(scale) if scale != 1.0 else interval


def tolerance_for(a: Interval, b: Interval, absolute: float, relative: float) -> float:
    """The absolute slack allowed between two claims for a measure's tolerance."""
    ends = [abs(x) for x in (a.low, a.high, b.low, b.high) if math.isfinite(x)]
    return absolute + relative * (max(ends) if ends else 0.0)


def compatible(a: Interval, b: Interval, absolute: float = 0.0, relative: float = 0.0) -> bool:
    """Value semantics: do the two claims leave room for one true value?"""
    slack = tolerance_for(a, b, absolute, relative) / 2
    return a.widened(slack).overlaps(b.widened(slack))


def bounds_compatible(a: Interval, b: Interval, absolute: float = 0.0, relative: float = 0.0) -> bool:
    """Bounds semantics: do two statements of a range agree on the bounds both give?"""
    slack = tolerance_for(a, b, absolute, relative)
    if a.states_upper and b.states_upper and abs(a.high - b.high) > slack:
        return False
    if a.states_lower and b.states_lower and abs(a.low - b.low) > slack:
        return False
    # A single case ("sentenced to 10 years") must fall inside a stated range, and two statements
    # of one case ("six years and eight months", "eight years and six months") must agree.
    points = (Qualifier.EXACT, Qualifier.APPROXIMATELY)
    if a.qualifier in points and b.qualifier in points and not a.widened(slack).overlaps(b):
        return False
    for point, rng in ((a, b), (b, a)):
        if point.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY) and (rng.states_upper or rng.states_lower):
            if not point.widened(slack).overlaps(rng):
                return False
    return True
