"""Which time a figure is about, of the times its sentence names.

The time right after the figure ("64.3% in December"), else the nearest in the
figure's own stretch of its clause, else in its clause, else in its sentence; never a
time the figure is only compared against ("up 110 from its count a day earlier").
A round count of years back ("five years ago") or a time qualified by a shift back
("A year earlier, the fourth-quarter revenue ...") is approximate: never compared. A
figure with no time of its own takes a period its clause names without a date ("for
the full fiscal year"), else its article's date.
"""

from __future__ import annotations

import dataclasses
import datetime
import re

from figures.context import time as timectx

# A time that is the base of a comparison is not the figure's time: "up 110 from its count a day
# earlier", "1.18% from the previous month", "69,953 more than in 2021".
_BASE_BEFORE = re.compile(
    r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.?|against)\s+(?:(?:its|the|a|an|their|his|her)\s+)?"
    r"(?:[^\W\d]+\s+){0,2}$",
    re.IGNORECASE,
)
# A time right after the figure is its time: "64.3% in December", "2,122 on Sunday".
_RIGHT_AFTER = re.compile(r"\s*(?:[^\W\d]+\s+){0,3}$")
_SHIFT = re.compile(r"\b(?:earlier|ago|before|previous|prior)\b", re.IGNORECASE)
# "five years ago": a round number of years back, not a date to compare.
_VAGUE_AGO = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|many|\d+)\s+(?:years|decades)\s+"
    r"(?:ago|earlier|before|back)\b",
    re.IGNORECASE,
)


_PERIOD_WORDS = re.compile(
    r"\b(?:(?P<year>full[- ]year|whole[- ]year|fiscal[- ]year|financial[- ]year|for\s+the\s+year|annual)"
    r"|(?P<quarter>the\s+quarter|quarterly|three\s+months\s+to))\b",
    re.IGNORECASE,
)


def period_named(text: str, article_date: datetime.date | None) -> timectx.When | None:
    """A period named without a date ("for the full fiscal year", "in the quarter"): its resolution
    is known and its dates are not, so it is compared only with the same words' period."""
    m = _PERIOD_WORDS.search(text)
    if m is None or article_date is None:
        return None
    base = timectx.article_when(article_date, "year")
    resolution, label = ("year", f"{article_date.year} (a year)") if m.group("year") else ("quarter", "a quarter")
    return dataclasses.replace(base, resolution=resolution, label=label, basis="relative")


def time_mention(
    times: list[timectx.TimeMention],
    sentence: str,
    fs: int,
    fe: int,
    seg_start: int,
    seg_end: int,
    clause: tuple[int, int],
) -> tuple[timectx.TimeMention | None, bool, bool]:
    """The time mention a figure is about, whether it is in the figure's own stretch of its clause,
    and whether another time in the clause shifts it."""
    usable = [t for t in times if not _BASE_BEFORE.search(sentence[max(0, t.start - 40) : t.start])]
    lo, hi = max(seg_start, clause[0]), min(seg_end, clause[1])
    in_segment = [t for t in usable if lo <= t.start and t.end <= hi]
    right_after = [t for t in in_segment if t.start >= fe and _RIGHT_AFTER.fullmatch(sentence[fe : t.start])]
    if right_after:
        return right_after[0], True, False
    in_clause = [t for t in usable if clause[0] <= t.start and t.end <= clause[1]]
    found = timectx.nearest(in_segment, fs, fe)
    own = found is not None
    found = found or timectx.nearest(in_clause, fs, fe) or timectx.nearest(usable, fs, fe)
    # "A year earlier, Apple's fourth-quarter revenue ...": a shift back qualifies the other time
    uncertain = found is not None and any(
        t is not found and not t.when.overlaps(found.when) and _SHIFT.search(sentence, t.start, t.end)
        for t in in_clause
    )
    return found, own, uncertain


def figure_time(
    times: list[timectx.TimeMention],
    sentence: str,
    fig: tuple[int, int],
    segment: tuple[int, int],
    clause: tuple[int, int],
    article_date: datetime.date | None,
    mode: str,
) -> tuple[timectx.When | None, bool]:
    """The figure's time, and whether it was named in the figure's own stretch of its clause.

    ``mode`` is the measure's ``time``: ``interval`` (the default), ``year`` or ``none``.
    """
    if mode == "none":
        return None, False
    found, own, uncertain = time_mention(times, sentence, fig[0], fig[1], segment[0], segment[1], clause)
    if found is not None:
        when = found.when
        if uncertain or _VAGUE_AGO.search(sentence, found.start, found.end):
            when = dataclasses.replace(when, basis="approximate")
        return when, own
    named = period_named(sentence[clause[0] : clause[1]], article_date) if mode == "interval" else None
    return named or timectx.article_when(article_date, "year" if mode == "year" else "day"), False
