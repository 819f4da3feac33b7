"""A range plot as inline SVG: each source's interval on one axis, the reference shaded.

Drawn on the server so the page needs no script to show it. Open ends run to the
edge of the plot with an arrow; conflicting claims are drawn in red.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    low: float
    high: float
    conflict: bool
    title: str


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


def range_plot(bars: list[Bar], reference: tuple[float, float] | None, unit: str) -> str:
    """SVG markup of the plot; an empty string when nothing has a finite end."""
    finite = [x for b in bars for x in (b.low, b.high) if math.isfinite(x)]
    if reference:
        finite += [x for x in reference if math.isfinite(x)]
    if not finite:
        return ""
    lo, hi = min(finite), max(finite)
    if lo == hi:
        pad = abs(lo) * 0.1 or 1.0
    else:
        pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    if min(finite) >= 0 and lo < 0:
        lo = 0.0
    left, right, row, top = 250, 660, 24, 12
    width = right + 20
    height = top + row * len(bars) + 34

    def x(v: float) -> float:
        v = min(max(v, lo), hi)
        return left + (v - lo) / (hi - lo) * (right - left)

    parts = [
        f'<svg class="range-plot" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Range plot of the claims">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="2" markerHeight="2" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker></defs>',
    ]
    if reference:
        r_lo = reference[0] if math.isfinite(reference[0]) else lo
        r_hi = reference[1] if math.isfinite(reference[1]) else hi
        x0, x1 = x(r_lo), x(r_hi)
        parts.append(
            f'<rect class="reference" x="{x0:.1f}" y="{top - 4}" width="{max(x1 - x0, 3):.1f}" '
            f'height="{row * len(bars) + 4}" fill="#2e7d32" fill-opacity="0.15"><title>reference</title></rect>'
        )
    for i, b in enumerate(bars):
        y = top + row * i + row / 2
        color = "#c62828" if b.conflict else "#1f4e8c"
        label = html.escape(b.label if len(b.label) <= 34 else b.label[:33] + "…")
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12">{label}</text>')
        x_lo = x(b.low) if math.isfinite(b.low) else left
        x_hi = x(b.high) if math.isfinite(b.high) else right
        markers = ""
        if not math.isfinite(b.low):
            markers += ' marker-start="url(#arrow)"'
        if not math.isfinite(b.high):
            markers += ' marker-end="url(#arrow)"'
        title = f"<title>{html.escape(b.title)}</title>"
        if abs(x_hi - x_lo) < 2 and math.isfinite(b.low) and math.isfinite(b.high):
            parts.append(f'<circle cx="{x_lo:.1f}" cy="{y:.1f}" r="5" fill="{color}">{title}</circle>')
        else:
            parts.append(
                f'<line x1="{x_lo:.1f}" y1="{y:.1f}" x2="{x_hi:.1f}" y2="{y:.1f}" stroke="{color}" '
                f'stroke-width="6" stroke-linecap="round"{markers}>{title}</line>'
            )
    axis_y = top + row * len(bars) + 6
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#555"/>')
    for t in _nice_ticks(lo, hi):
        tx = x(t)
        parts.append(f'<line x1="{tx:.1f}" y1="{axis_y}" x2="{tx:.1f}" y2="{axis_y + 4}" stroke="#555"/>')
        parts.append(
            f'<text x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle" font-size="11">{_tick_label(t)}</text>'
        )
    if unit:
        parts.append(f'<text x="{right}" y="{axis_y + 28}" text-anchor="end" font-size="11">{html.escape(unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)
