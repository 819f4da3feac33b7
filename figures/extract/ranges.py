"""Two numbers that make one range: "five to 12 years", "between 200 and 350", "18-30"."""

from __future__ import annotations

import re
from typing import NamedTuple

from figures.extract.changes import direction_before, level_before
from figures.extract.draft import Draft
from figures.extract.words import any_of, word_set
from figures.model import Qualifier

_SCORE = re.compile(r"[-–]")
_RANGE_DASH = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?$")
_RANGE_WORD = re.compile(r"-?\s+(?:to|through|thru|till|until)\s+$", re.IGNORECASE)
# "from $15 up to $40": after "from", "up to" joins the ends as "to" does.
_UP_TO = re.compile(r"\s+up\s+to\s+$", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+(?:and|to|-|–)\s+$", re.IGNORECASE)
_RANGE_OR = re.compile(r"\s+or\s+(?:maybe|perhaps|possibly)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between|from)\s+(?:A\.D\.\s*|AD\s+)?$", re.IGNORECASE)
# Words that make "from X to Y" one range: "terms run from five to 12 years", "tickets cost from".
_RANGE_SAID = re.compile(any_of("range_words"), re.IGNORECASE)
# "up 40 points or 0.6% to 7,210": the first number restates a change, so "to" names the level reached.
_RESTATES = re.compile(r"\d[^\d.;]{0,14}?(?:,[ \u00a0]*|[ \u00a0]+)or[ \u00a0]+$", re.IGNORECASE)
AGE_BEFORE = re.compile(r"\b(between\s+)?(?:the\s+)?(?:aged|ages?)(?:\s+of)?\s+(between\s+)?$", re.IGNORECASE)


class _Join(NamedTuple):
    """What joins two numbers that may make a range: the text between them and the words before."""

    between: str  # from the first's unit to the second number: " to ", "-", " and "
    marker: re.Match[str] | None  # "between" or "from" before the first number
    opener: str  # that word in lower case, or ""
    age: re.Match[str] | None  # "aged", "ages of" before the first number
    has_between: bool  # "between 200 and 350", "aged between 18 and 30": "and" may join the ends


def _read_join(text: str, first: Draft, between: str, s_start: int) -> _Join:
    marker = _BETWEEN.search(text, max(s_start, first.start - 20), first.start)
    age = AGE_BEFORE.search(text, max(s_start, first.start - 24), first.start)
    opener = marker.group(1).lower() if marker else ""
    has_between = opener == "between" or bool(age and (age.group(1) or age.group(2)))
    if opener == "from" and _UP_TO.fullmatch(between):
        between = " to "
    return _Join(between, marker, opener, age, has_between)


def merge_range(text: str, first: Draft, second: Draft, s_start: int) -> Draft | None:
    """One draft for two numbers joined as a range, or ``None`` when they are not one."""
    between = text[first.unit_end : second.start]
    if len(between) > 16:
        return None
    join = _read_join(text, first, between, s_start)
    if _two_levels(text, first, second, join, s_start):
        return None
    approx = _approximate(join)
    if approx is None:
        return None
    a, b = first.atoms[0], second.atoms[0]
    short_year = b.kind == "digits" and len(b.raw_digits) == 2 and _RANGE_DASH.fullmatch(between) is not None
    if a.is_year_like and not first.unit and not (b.is_year_like or short_year) and _RANGE_WORD.fullmatch(between):
        return None  # "in 2020 to 63,389 Tajiks": a year, then a figure
    if a.is_year_like and (b.is_year_like or short_year):
        first.dropped = True
        return _absorb(first, second, "year_span")
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if a.scale == 1.0 and b.scale > 1.0 and a.kind in ("digits", "words") and a.low * b.scale <= b.high:
        first.low = a.low * b.scale  # "2 to 3 million"
        first.high = a.high * b.scale
        first.precision = (first.precision or 1.0) * b.scale
    if _score(first, second, between):
        return _absorb(first, second, "score")
    if first.low is not None and second.high is not None and first.low > second.high and not _below_zero(second):
        return None
    return _merged(first, second, join, approx)


def _below_zero(second: Draft) -> bool:
    """Is a second end below the first one and below zero ("-4 to -9": from the nearer end to the farther)?"""
    return second.high is not None and second.high < 0


def _two_levels(text: str, first: Draft, second: Draft, join: _Join, s_start: int) -> bool:
    """Is "from X to Y" or "X to Y" two levels, or a change and the level it reached?"""
    to = _RANGE_WORD.fullmatch(join.between) is not None
    if (
        join.opener == "from"
        and to
        and not _RANGE_SAID.search(text, max(s_start, join.marker.start() - 40), join.marker.start())
        and _moved(text, join.marker.start(), s_start)
    ):
        return True  # "charging from 20 to 80 per cent": two levels, the start and the end
    if not (to or join.opener == "from"):
        return False
    if to and first.unit and _RESTATES.search(text, max(s_start, first.start - 24), first.start):
        return True
    # "rose 6.5% to 164p", "fell from 4.6% to 3.9%": a change and a level, or two levels
    return level_before(text, first.start, s_start) or bool(
        direction_before(text, first.start, s_start, "percent") and _change_then_level(first, second)
    )


def _moved(text: str, pos: int, s_start: int) -> bool:
    """Does a verb or noun of change or motion in the clause before ``pos`` govern "from X to Y"?"""
    clause = _CLAUSE_BREAK.split(text[max(s_start, pos - 80) : pos])[-1]
    return any(w in _MOTION for w in _WORD.findall(clause.lower()))


_CLAUSE_BREAK = re.compile(r"[,;:(—–]")
_WORD = re.compile(r"[a-z]+")
_MOTION = frozenset().union(
    *(
        word_set(name)
        for name in (
            "up_verbs",
            "down_verbs",
            "up_price_verbs",
            "down_price_verbs",
            "by_only_verbs",
            "weak_verbs",
            "move_verbs",
            "up_nouns",
            "down_nouns",
            "motion_words",
        )
    )
)


def _approximate(join: _Join) -> bool | None:
    """Whether the words between make an approximate range ("seven or maybe eight"), or
    ``None`` when they make no range at all."""
    between = join.between
    if _RANGE_DASH.fullmatch(between) or _RANGE_WORD.fullmatch(between):
        return False
    if join.has_between and _RANGE_AND.fullmatch(between):
        return False
    if _RANGE_OR.fullmatch(between):
        return True
    return None  # "seven or eight euros" are two alternatives, each a figure (see relations.share_units)


def _score(first: Draft, second: Draft, between: str) -> bool:
    """ "won 3-1", "passed 52-48", "0-0": a score, not a range and not two quantities."""
    if not _SCORE.fullmatch(between) or first.unit or second.unit or second.atoms[0].kind != "digits":
        return False
    if first.low is None:
        return False
    drawn = first.atoms[0].kind == "digits" and first.low == second.high  # equal ends never make a range
    won = second.high is not None and first.low > second.high
    return drawn or won


def _absorb(first: Draft, second: Draft, flag: str) -> Draft:
    """The first draft, grown over the second, flagged as what the pair is."""
    first.flags.append(flag)
    first.end = second.end
    first.atoms.append(second.atoms[0])
    return first


def _finest(a: float | None, b: float | None) -> float | None:
    known = [p for p in (a, b) if p is not None]
    return min(known) if known else None


def _merged(first: Draft, second: Draft, join: _Join, approx: bool) -> Draft:
    """The range of two numbers, with the unit of whichever states one."""
    unit, dimension = (first.unit, first.dimension) if first.unit else (second.unit, second.dimension)
    if "age" in (first.dimension, second.dimension):
        dimension = "age"
    merged = Draft(
        start=join.marker.start() if join.opener == "between" else first.start,
        end=second.end,
        value_start=first.value_start,
        low=min(first.low, second.low) if first.low is not None and second.low is not None else first.low,
        high=max(first.high, second.high) if first.high is not None and second.high is not None else second.high,
        qualifier=Qualifier.APPROXIMATELY if approx and first.low == second.high else Qualifier.RANGE,
        atoms=[first.atoms[0], second.atoms[0]],
        sentence=first.sentence,
        unit=unit,
        dimension=dimension,
        noun=second.noun or first.noun,
        precision=_finest(first.precision, second.precision),
        flags=sorted(set(first.flags) | set(second.flags)),
        unit_end=second.unit_end,
        currency_prefix=first.currency_prefix,
        between=join.has_between,
    )
    if join.age and merged.dimension == "count" and not merged.unit:
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
