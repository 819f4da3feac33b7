"""When a claim is about: a year or a span of years named in its sentence.

"in 2021", "In 2020 alone", "by 2008", "Between 2008 and 2014", "2008-2014". The
mention nearest the figure wins; with none, the article's date stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(1[89]\d\d|20\d\d)"
_SPAN = re.compile(
    rf"\b(?:between|from)?\s*{_YEAR}(?:\s*(?:-|–|—|and|to|through)\s*({_YEAR[1:-1]})|[-–](\d\d))\b(?![,.]\d)",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?<![\d,.$€£₽-]){_YEAR}(?![\d,.]\d|\s*(?:%|percent|people|rubles|dollars))\b")


@dataclass(frozen=True)
class TimeMention:
    low: int
    high: int
    start: int
    end: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


def mentions(text: str, start: int, end: int) -> list[TimeMention]:
    """Year and span mentions in ``text[start:end]``."""
    out: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    for m in _SPAN.finditer(text, start, end):
        low = int(m.group(1))
        tail = m.group(2) or m.group(3)
        high = int(tail) if len(tail) == 4 else (low // 100) * 100 + int(tail)
        if high >= low:
            out.append(TimeMention(low, high, m.start(1), m.end()))
            taken.append((m.start(), m.end()))
    for m in _SINGLE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        year = int(m.group(1))
        out.append(TimeMention(year, year, m.start(), m.end()))
    out.sort(key=lambda t: t.start)
    return out


def nearest(found: list[TimeMention], fig_start: int, fig_end: int) -> TimeMention | None:
    """The time mention closest to a figure (ties go to the one before it)."""
    best: tuple[int, int] | None = None
    choice = None
    for t in found:
        if t.start < fig_end and t.end > fig_start:
            continue  # the figure itself
        distance = fig_start - t.end if t.end <= fig_start else t.start - fig_end
        key = (distance, 0 if t.end <= fig_start else 1)
        if best is None or key < best:
            best, choice = key, t
    return choice


def year_of(date: str) -> int | None:
    """The year of an article's date (``2022-03-17``, ``2022``), if it has one."""
    m = re.match(r"\s*(\d{4})", date or "")
    return int(m.group(1)) if m else None
