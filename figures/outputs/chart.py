"""A range plot's geometry: each source's interval on one axis, the reference shaded.

The numbers are worked out here; ``templates/chart.svg.j2`` draws them as inline SVG,
so the page needs no script to show a chart. Open ends run to the edge of the plot with
an arrow. Each bar is coloured by how its claim stands, in the words of the status the
table beside it shows: agrees; conflicts, with some of the other sources or with every
one of them; outside reference; implausible; flagged by checker; unchecked; not keyed.
Each bar carries its claim's severity, so the report's severity filter can dim the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# A bar's standing, its CSS class and the legend's words, in legend order.
# Each legend entry starts with the status the table shows for the claim.
STANDINGS = {
    "agrees": "agrees",
    "with-some": "conflicts with some sources, agrees with others",
    "alone": "conflicts with every other source",
    "outside": "outside reference",
    "implausible": "implausible",
    "checker": "flagged by checker",
    "unchecked": "unchecked",
    "not-keyed": "not keyed",
}

# Each source's label sits above its bar, so the plot stays narrow enough for a phone.
LEFT, RIGHT, ROW, TOP = 8, 432, 32, 4
WIDTH = RIGHT + 8


@dataclass(frozen=True)
class Bar:
    """One source's interval, as it goes into the plot."""

    label: str
    low: float
    high: float
    standing: str  # a key of STANDINGS
    title: str
    severity: str = "none"  # the claim's most severe finding, for the severity filter


@dataclass(frozen=True)
class DrawnBar:
    """A bar placed on the plot: a dot when its interval is too short to draw as a line."""

    label: str
    title: str
    standing: str
    severity: str
    label_y: float
    y: float
    x1: float
    x2: float
    dot: bool
    open_low: bool
    open_high: bool


@dataclass(frozen=True)
class Plot:
    """Everything the SVG template needs, in pixels."""

    width: int
    height: int
    left: int
    right: int
    axis_y: float
    bars: tuple[DrawnBar, ...]
    ticks: tuple[tuple[float, str], ...]
    reference: tuple[float, float, float, float] | None  # x, y, width, height of the shaded band
    unit: str
    standings: tuple[tuple[str, str], ...]  # the legend: (css class, words) of the standings drawn


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    first = math.ceil(lo / step) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


def _tick_label(v: float) -> str:
    if abs(v) >= 1e6:
        return f"{v / 1e6:g}M"
    if abs(v) >= 1e4:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


def _short(label: str, width: int = 64) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def range_plot(bars: list[Bar], reference: tuple[float, float] | None, unit: str) -> Plot | None:
    """The plot of ``bars`` against ``reference``; ``None`` when nothing has a finite end."""
    finite = [x for b in bars for x in (b.low, b.high) if math.isfinite(x)]
    if reference:
        finite += [x for x in reference if math.isfinite(x)]
    if not finite:
        return None
    lo, hi = min(finite), max(finite)
    pad = (abs(lo) * 0.1 or 1.0) if lo == hi else (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    if min(finite) >= 0 and lo < 0:
        lo = 0.0

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return round(LEFT + (v - lo) / (hi - lo) * (RIGHT - LEFT), 1)

    drawn = []
    for i, b in enumerate(bars):
        x1 = x(b.low) if math.isfinite(b.low) else LEFT
        x2 = x(b.high) if math.isfinite(b.high) else RIGHT
        dot = abs(x2 - x1) < 2 and math.isfinite(b.low) and math.isfinite(b.high)
        label_y = TOP + ROW * i + 12
        y = label_y + 11
        drawn.append(
            DrawnBar(
                _short(b.label),
                b.title,
                b.standing,
                b.severity,
                label_y,
                y,
                x1,
                x2,
                dot,
                not math.isfinite(b.low),
                not math.isfinite(b.high),
            )
        )
    band = None
    if reference:
        r_lo = reference[0] if math.isfinite(reference[0]) else lo
        r_hi = reference[1] if math.isfinite(reference[1]) else hi
        band = (x(r_lo), TOP + 14, round(max(x(r_hi) - x(r_lo), 3), 1), ROW * len(bars) - 10)
    axis_y = TOP + ROW * len(bars) + 4
    used = {b.standing for b in bars}
    return Plot(
        width=WIDTH,
        height=axis_y + 30,
        left=LEFT,
        right=RIGHT,
        axis_y=axis_y,
        bars=tuple(drawn),
        ticks=tuple((x(t), _tick_label(t)) for t in _nice_ticks(lo, hi)),
        reference=band,
        unit=unit,
        standings=tuple((k, words) for k, words in STANDINGS.items() if k in used),
    )
