"""Two numbers that make one range: "five to 12 years", "between 200 and 350", "18-30"."""

from __future__ import annotations

import re

from figures.extract.changes import direction_before, level_before
from figures.extract.draft import Draft
from figures.extract.words import any_of
from figures.model import Qualifier

_SCORE = re.compile(r"[-–]")
_RANGE_DASH = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?$")
_RANGE_WORD = re.compile(r"-?\s+(?:to|through|thru|till|until)\s+$", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+(?:and|to|-|–)\s+$", re.IGNORECASE)
_RANGE_OR = re.compile(r"\s+or\s+(?:maybe|perhaps|possibly)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between|from)\s+(?:A\.D\.\s*|AD\s+)?$", re.IGNORECASE)
# Words that make "from X to Y" one range: "terms run from five to 12 years", "tickets cost from".
_RANGE_SAID = re.compile(any_of("range_words"), re.IGNORECASE)
AGE_BEFORE = re.compile(r"\b(between\s+)?(?:the\s+)?(?:aged|ages?)(?:\s+of)?\s+(between\s+)?$", re.IGNORECASE)


def merge_range(text: str, first: Draft, second: Draft, s_start: int) -> Draft | None:
    """One draft for two numbers joined as a range, or ``None`` when they are not one."""
    second_atom = second.atoms[0]
    gap_end = second.start
    between = text[first.unit_end : gap_end]
    if len(between) > 16:
        return None
    marker = _BETWEEN.search(text, max(s_start, first.start - 20), first.start)
    age = AGE_BEFORE.search(text, max(s_start, first.start - 24), first.start)
    has_between = bool(marker and marker.group(1).lower() == "between") or bool(age and (age.group(1) or age.group(2)))
    approx = False
    if (
        marker
        and marker.group(1).lower() == "from"
        and _RANGE_WORD.fullmatch(between)
        and not _RANGE_SAID.search(text, max(s_start, marker.start() - 40), marker.start())
    ):
        return None  # "charging from 20 to 80 per cent": two levels, the start and the end
    if (_RANGE_WORD.fullmatch(between) or (marker and marker.group(1).lower() == "from")) and (
        level_before(text, first.start, s_start)
        or (direction_before(text, first.start, s_start, "percent") and _change_then_level(first, second))
    ):
        return None  # "rose 6.5% to 164p", "fell from 4.6% to 3.9%": a change and a level, or two levels
    if _RANGE_DASH.fullmatch(between) or _RANGE_WORD.fullmatch(between):
        pass
    elif has_between and _RANGE_AND.fullmatch(between):
        pass
    elif _RANGE_OR.fullmatch(between):
        approx = True
    else:
        # "seven or eight euros" are two alternatives, each a figure (see relations.share_units)
        return None
    a, b = first.atoms[0], second_atom
    short_year = b.kind == "digits" and len(b.raw_digits) == 2 and _RANGE_DASH.fullmatch(between) is not None
    if a.is_year_like and not first.unit and not (b.is_year_like or short_year) and _RANGE_WORD.fullmatch(between):
        return None  # "in 2020 to 63,389 Tajiks": a year, then a figure
    if a.is_year_like and (b.is_year_like or short_year):
        first.dropped = True
        first.flags.append("year_span")
        first.end = second.end
        first.atoms.append(b)
        return first
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if a.scale == 1.0 and b.scale > 1.0 and a.kind in ("digits", "words") and a.low * b.scale <= b.high:
        first.low = a.low * b.scale
        first.high = a.high * b.scale
        first.precision = (first.precision or 1.0) * b.scale
    if (
        _SCORE.fullmatch(between)
        and a.kind == b.kind == "digits"
        and first.low is not None
        and first.low == second.high
        and not first.unit
        and not second.unit
    ):
        # "0-0", "2-2": equal ends never make a range; a drawn score
        first.flags.append("score")
        first.end = second.end
        first.atoms.append(b)
        return first
    if first.low is not None and second.high is not None and first.low > second.high:
        if _SCORE.fullmatch(between) and not first.unit and not second.unit and b.kind == "digits":
            # "passed 52-48", "won 3-1": a score, not a range and not two quantities
            first.flags.append("score")
            first.end = second.end
            first.atoms.append(b)
            return first
        return None
    unit, dimension = (first.unit, first.dimension) if first.unit else (second.unit, second.dimension)
    if first.dimension == "age" or second.dimension == "age":
        dimension = "age"
    precision = (
        min(p for p in (first.precision, second.precision) if p is not None)
        if (first.precision is not None or second.precision is not None)
        else None
    )
    merged = Draft(
        start=first.start,
        end=second.end,
        value_start=first.value_start,
        low=first.low,
        high=second.high,
        qualifier=Qualifier.APPROXIMATELY if approx and first.low == second.high else Qualifier.RANGE,
        atoms=[first.atoms[0], second_atom],
        sentence=first.sentence,
        unit=unit,
        dimension=dimension,
        noun=second.noun or first.noun,
        precision=precision,
        flags=sorted(set(first.flags) | set(second.flags)),
        unit_end=second.unit_end,
        currency_prefix=first.currency_prefix,
        between=has_between,
    )
    if marker and marker.group(1).lower() == "between":
        merged.start = marker.start()
    if age and merged.dimension == "count" and not merged.unit:
        merged.unit, merged.dimension = "year", "age"
    if approx:
        merged.flags.append("alternatives")
    return merged


def _change_then_level(first: Draft, second: Draft) -> bool:
    """After a verb of change, is "X to Y" a change and the level it reached, not a range?

    A change written with its own unit ("rose 6.5% to 164p", "by $43.6bn to
    $419.2bn") is followed by a level; a bare first number shares the unit after
    the second ("cut by 10 to 15 per cent": a range of changes), unless the second
    is far larger than the first, as a level is ("grew by 3,000 to 50,000").
    """
    if first.unit:
        return True
    if first.low is None or second.low is None or first.low <= 0:
        return False
    return second.low > 3 * first.low
