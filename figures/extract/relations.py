"""Links between figures of one sentence: currency pairs, totals and parts, "each".

* ``50,000 rubles ($475)``: one amount in two currencies; the second becomes the
  first's ``equivalent`` and is not a figure of its own.
* ``at least 93 citizens (19 from A, 34 from B and 40 from C)``: a total and its parts.
* ``20 buses with 53 people each``: the second figure is counted per unit of the first.
* ``4.5 million workers from A, 2.4 million from B``: an elliptical count takes the
  noun of the count before it.
"""

from __future__ import annotations

import re

from figures.extract.changes import (
    CHANGE_WORDS,
    TIMES_EARLIER,
    comparative_after_apposition,
    direction_before,
    noun_direction,
)
from figures.extract.draft import Draft
from figures.extract.words import any_of, word_list, word_set
from figures.model import Qualifier

_PAIR_OPEN = re.compile(
    r"\s*(?:\(|,\s*or\s+|—\s*|–\s*)\s*(?:about|around|roughly|some|approximately|approx\.?|nearly|almost|~|or\s+)?\s*$",
    re.IGNORECASE,
)
_PAIR_CLOSE = re.compile(r"\s*(?:\)|,|—|–|\.|$)")
_PARTIAL = re.compile(r"\s*(?:" + "|".join(map(re.escape, word_list("part_openers"))) + r")\b", re.I)
_EACH = re.compile(r"\s+(?:each|apiece)\b", re.IGNORECASE)


def link_currency_pairs(text: str, drafts: list[Draft]) -> list[Draft]:
    """Fold ``50,000 rubles ($475)`` into one draft with an equivalent."""
    out: list[Draft] = []
    skip = False
    for k, d in enumerate(drafts):
        if skip:
            skip = False
            continue
        nxt = drafts[k + 1] if k + 1 < len(drafts) else None
        if (
            nxt is not None
            and d.dimension == "currency"
            and nxt.dimension == "currency"
            and d.unit != nxt.unit
            and d.sentence == nxt.sentence
            and _PAIR_OPEN.fullmatch(text[d.end : nxt.start] if nxt.start >= d.end else " ")
            and _PAIR_CLOSE.match(text, nxt.end)
        ):
            d.equivalent = nxt
            out.append(d)
            skip = True
            continue
        out.append(d)
    return out


_SUBUNITS = {"USD": "USD_cent", "GBP": "GBX", "MYR": "MYR_sen"}
_AND = re.compile(r"[ \u00a0]+(?:and[ \u00a0]+)?")
# A duration told in two units: how many of the smaller make one of the larger. Only fixed
# ratios: "two months and ten days" stays two figures, a month has no fixed number of days.
_TIME_PARTS = {
    ("year", "month"): 12,
    ("year", "week"): 52,
    ("year", "day"): 365,
    ("week", "day"): 7,
    ("day", "hour"): 24,
    ("hour", "minute"): 60,
    ("minute", "second"): 60,
    ("foot", "inch"): 12,
    ("pound", "ounce"): 16,
    ("stone", "pound"): 14,
}
_PART_DIMENSIONS = frozenset({"time", "length", "mass"})
_TIME_AND = re.compile(r"(?:,?[ \u00a0]+(?:and|&)|,)[ \u00a0]+")  # "4 minutes & 30 seconds"
_SPACE = re.compile(r"[ \u00a0]?")  # "6ft 5in", "11 hours 40 minutes"


def join_compound_amounts(text: str, drafts: list[Draft]) -> list[Draft]:
    """Fold "4 dollars 25 cents" and "£3 and 50p" into one amount in the main unit."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.sentence == d.sentence
            and prev.dimension == d.dimension == "currency"
            and _SUBUNITS.get(prev.unit) == d.unit
            and prev.low is not None
            and prev.low == prev.high
            and d.low is not None
            and d.low == d.high
            and 0 < d.low < 100
            and prev.low == int(prev.low)
            and _AND.fullmatch(text, prev.end, d.start)
        ):
            prev.low = prev.high = prev.low + d.low / 100
            prev.end = d.end
            prev.precision = 0.01
            continue
        if prev is not None and prev.sentence == d.sentence and _duration_part(text, prev, d):
            continue
        out.append(d)
    return out


def _duration_part(text: str, prev: Draft, d: Draft) -> bool:
    """Fold "eight years and six months" into 8.5 years, "6ft 5in" into one height.

    Only a smaller unit that fits the larger a whole number of times, a part smaller than
    one larger unit, and a plain value after the first ("nearly seven years and two
    months" keeps its "nearly"). The last part may have decimals: "3 minutes 49.04 seconds".
    """
    ratio = _TIME_PARTS.get((prev.part_unit, d.unit)) if prev.part_unit else None
    if ratio is not None:
        whole = prev.part_ratio * ratio  # "3 hours, 12 minutes and 6 seconds": 3,600 seconds an hour
    else:
        ratio = whole = _TIME_PARTS.get((prev.unit, d.unit))  # "3 years, 6 months and 14 days"
    if (
        ratio is None
        or whole is None
        or prev.dimension not in _PART_DIMENSIONS
        or d.dimension != prev.dimension
        or prev.low is None
        or prev.low != prev.high
        or d.low is None
        or d.low != d.high
        or d.qualifier not in (Qualifier.EXACT, None)
        or not 0 < d.low < ratio
        or prev.direction
        or d.direction
        or not (_TIME_AND.fullmatch(text, prev.end, d.start) or _SPACE.fullmatch(text, prev.end, d.start))
    ):
        return False
    prev.low = prev.high = prev.low + d.low / whole
    prev.end = d.end
    prev.precision = 1 / whole
    prev.part_unit, prev.part_ratio = d.unit, whole
    return True


# Between members of a list that names its unit once: ", ", " and ", ", or ", and a suspended
# hyphen before any of them ("two-, three- and four-bedroom", "3- or 4-inch").
_LIST_GAP = re.compile(
    r"(?P<hyphen>-)?(?:,[ \u00a0]+(?:(?P<after_comma>and|or)[ \u00a0]+)?|[ \u00a0]+(?P<word>and|or)[ \u00a0]+)",
    re.IGNORECASE,
)
_TO_GAP = re.compile(r"[ \u00a0]+to[ \u00a0]+", re.IGNORECASE)
_FROM_GAP = re.compile(r"[ \u00a0]+from[ \u00a0]+", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom[ \u00a0]+$", re.IGNORECASE)
_TO_BEFORE = re.compile(r"\bto[ \u00a0]+$", re.IGNORECASE)


def share_level_units(text: str, drafts: list[Draft]) -> None:
    """Two levels name their unit once: "from 20 to 80 per cent", "to 4 points from 11"."""
    for prev, d in zip(drafts, drafts[1:], strict=False):
        if prev.sentence != d.sentence or prev.end > d.start:
            continue
        if (
            d.unit
            and _bare(prev)
            and _TO_GAP.fullmatch(text, prev.end, d.start)
            and _FROM_BEFORE.search(text, max(0, prev.start - 6), prev.start)
        ):
            prev.unit, prev.dimension = d.unit, d.dimension
        elif (
            prev.unit
            and _bare(d)
            and _FROM_GAP.fullmatch(text, prev.end, d.start)
            and _TO_BEFORE.search(text, max(0, prev.start - 4), prev.start)
        ):
            d.unit, d.dimension = prev.unit, prev.dimension


_BY_GAP = re.compile(r"[ \u00a0]*(?:by|x|×)[ \u00a0]*", re.IGNORECASE)


# Sizes whose sides are written "A x B unit": a plot, a screen in pixels.
_SIZED = frozenset({"length", "resolution"})


def share_size_units(text: str, drafts: list[Draft]) -> None:
    """ "40 by 25 metres", "5 x 4m", "2400 x 1080 pixels": the sides of a size name their unit once."""
    for prev, d in zip(drafts, drafts[1:], strict=False):
        if prev.sentence == d.sentence and d.dimension in _SIZED and _bare(prev) and prev.end <= d.start:
            if _BY_GAP.fullmatch(text, prev.end, d.start):
                prev.unit, prev.dimension = d.unit, d.dimension


def share_units(text: str, drafts: list[Draft]) -> None:
    """Give every member of a list the unit named once after its last member.

    "64, 128 and 256 GB", "seven or eight euros", "two-, three- and four-bedroom homes",
    "3.1, 2.7 and 2.2 per cent": the members before the last are bare numbers, and the last
    is joined by "and" or "or", so that "Of the 120, 45 percent" stays two figures.
    Members joined by "or" are alternatives and flagged so.
    """
    k = len(drafts) - 1
    while k > 0:
        last = drafts[k]
        if not (last.unit or (last.noun and _hyphen_noun(text, last))) or last.dropped:
            k -= 1
            continue
        chain, gaps = _list_before(text, drafts, k)
        k = k - 1 - len(chain) if chain else k - 1
        # with no comma or word before the last member, it is joined by "and" or "or" alone
        if chain and (gaps[0].group("after_comma") or gaps[0].group("word")):
            _share_unit(last, chain, gaps)


def _list_before(text: str, drafts: list[Draft], k: int) -> tuple[list[Draft], list[re.Match[str]]]:
    """The bare numbers listed before ``drafts[k]`` in its sentence, nearest first, and the gaps after each."""
    last = drafts[k]
    chain: list[Draft] = []
    gaps: list[re.Match[str]] = []
    for j in range(k - 1, -1, -1):
        d, nxt = drafts[j], drafts[j + 1]
        m = _LIST_GAP.fullmatch(text, d.end, nxt.start) if d.end <= nxt.start else None
        if m is None or not _bare_member(d, last) or d.sentence != last.sentence:
            break
        chain.append(d)
        gaps.append(m)
    return chain, gaps


def _bare_member(d: Draft, last: Draft) -> bool:
    """Is ``d`` a bare member of the list that ends with ``last``? A change counts: "climb 3 or
    4 per cent", "rose by 5, 6 and 7 per cent" (the verb is read before the first member only)."""
    if d.direction is None or d.direction == last.direction or last.direction is None:
        return _bare(d, changed=True)
    return False


def _share_unit(last: Draft, chain: list[Draft], gaps: list[re.Match[str]]) -> None:
    """Give the members of a list before ``last`` its unit, and the direction of the verb before it."""
    hyphens = all(g.group("hyphen") for g in gaps)
    alternatives = any((g.group("after_comma") or g.group("word") or "").lower() == "or" for g in gaps)
    direction = chain[-1].direction  # the first member's, read from the verb before the list
    if direction is not None and last.unit:
        for d in [*chain, last]:
            d.direction = d.direction or direction
    for d in chain:
        d.unit, d.dimension = last.unit, last.dimension
        if hyphens and not last.unit:
            d.noun = last.noun
        if alternatives:
            d.flags.append("alternatives")
    if alternatives:
        last.flags.append("alternatives")


# "the legal limit is 35", "against 1.49": a bare number set against an amount named earlier
# in the sentence is in its unit.
_SET_AGAINST = re.compile(
    r"(?:\b(?:" + any_of("compared_nouns") + r")[ \u00a0]+(?:is|was|are|were|of|stands[ \u00a0]+at|stood[ \u00a0]+at)"
    r"|\b(?:against|versus|vs\.?|compared[ \u00a0]+(?:with|to))),?[ \u00a0]+(?:just[ \u00a0]+|only[ \u00a0]+)?$",
    re.IGNORECASE,
)


def share_compared_units(text: str, drafts: list[Draft], starts: list[int]) -> None:
    """Give a bare number compared with an amount before it in its sentence that amount's unit.

    ``starts`` holds where each draft's sentence starts.
    """
    for k, d in enumerate(drafts):
        if not k or not _bare(d) or d.atoms[0].kind != "digits":
            continue
        prev = drafts[k - 1]
        if prev.sentence != d.sentence or not prev.unit or prev.unit == "fraction" or prev.end > d.start:
            continue
        if _SET_AGAINST.search(text, max(starts[k], prev.end, d.start - 40), d.start):
            d.unit, d.dimension = prev.unit, prev.dimension


def share_ages(text: str, drafts: list[Draft]) -> None:
    """Every member of a list after "aged" is an age: "aged 31, 35 and 44"."""
    for k, d in enumerate(drafts):
        if d.dimension != "age" or d.unit != "year" or (k and drafts[k - 1].dimension == "age"):
            continue
        for prev, nxt in zip(drafts[k:], drafts[k + 1 :], strict=False):
            if nxt.sentence != d.sentence or not _bare(nxt) or prev.end > nxt.start:
                break
            if not _LIST_GAP.fullmatch(text, prev.end, nxt.start):
                break
            nxt.unit, nxt.dimension = "year", "age"


def _bare(d: Draft, changed: bool = False) -> bool:
    """A number alone: no unit, noun, bound or change of its own (unless ``changed``), and not a year."""
    atom = d.atoms[0]
    return (
        len(d.atoms) == 1
        and atom.kind in ("digits", "words")
        and not atom.is_year_like
        and not d.unit
        and not d.noun
        and d.qualifier == Qualifier.EXACT
        and (changed or d.direction is None)
        and not d.dropped
    )


def _hyphen_noun(text: str, d: Draft) -> bool:
    """Is the draft's noun glued to it by a hyphen ("four-bedroom")?"""
    return text.startswith("-", d.atoms[-1].end)


_LOWER_BOUNDS = (Qualifier.MORE_THAN, Qualifier.AT_LEAST)
_UPPER_BOUNDS = (Qualifier.LESS_THAN, Qualifier.AT_MOST)
# "more than 10 and less than 20", "more than 10, less than 20"
_BOUND_JOIN = re.compile(r",?[ \u00a0]+(?:and|but)[ \u00a0]+|,[ \u00a0]+", re.IGNORECASE)
_BRACKET_OPEN = re.compile(r"[ \u00a0]*\($")


def _bound_pair(prev: Draft, d: Draft) -> bool:
    """Do two bounds of one unit close an interval from both ends, in either order
    ("more than 10 and less than 20", "fewer than 50 but more than 20")?"""
    if prev.unit and d.unit and prev.unit != d.unit:
        return False
    if prev.qualifier in _LOWER_BOUNDS and d.qualifier in _UPPER_BOUNDS:
        low, high = prev.low, d.high
    elif prev.qualifier in _UPPER_BOUNDS and d.qualifier in _LOWER_BOUNDS:
        low, high = d.low, prev.high if prev.high is not None else prev.low
    else:
        return False
    return low is not None and high is not None and low < high


def _open_ends(low: Qualifier, high: Qualifier) -> list[str]:
    """The flags of the ends a range of two bounds leaves open."""
    return (["open_low"] if low == Qualifier.MORE_THAN else []) + (["open_high"] if high == Qualifier.LESS_THAN else [])


def join_bounds(text: str, drafts: list[Draft]) -> list[Draft]:
    """One interval for "more than 10 and less than 20"; a bound carries into "(31 miles)"."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if prev is None or prev.sentence != d.sentence:
            out.append(d)
            continue
        if _bound_pair(prev, d) and _BOUND_JOIN.fullmatch(text, prev.end, d.start):
            low, high = (prev, d) if prev.qualifier in _LOWER_BOUNDS else (d, prev)
            # a range has closed ends; a strict bound leaves its end open ("more than 10 and at most 20")
            prev.flags.extend(_open_ends(low.qualifier, high.qualifier))
            prev.low, prev.high, prev.qualifier, prev.end = low.low, high.high, Qualifier.RANGE, d.end
            prev.unit, prev.dimension = (prev.unit, prev.dimension) if prev.unit else (d.unit, d.dimension)
            prev.noun = prev.noun or d.noun
            continue
        if (
            prev.qualifier not in (Qualifier.EXACT, Qualifier.RANGE)
            and d.qualifier == Qualifier.EXACT
            and prev.unit
            and d.unit
            and prev.unit != d.unit
            and prev.dimension == d.dimension
            and _BRACKET_OPEN.fullmatch(text, prev.end, d.start)
            and text.startswith(")", d.end)
        ):
            d.qualifier = prev.qualifier  # "more than 50 km (31 miles)"
        out.append(d)
    return out


_APPOSITION = re.compile(r"\s*(?:,\s*or|\s+or|\(|—|–)\s*")
# "fell by 6% in March and by 9% over the year": a second "by" repeats the verb.
_AND_BY = re.compile(r"[^.;:\d]{0,50}?\b(?:and|but|or)[ \u00a0]+by[ \u00a0]+(?:(?:about|nearly)[ \u00a0]+)?$", re.I)
# "could gain 38% of the vote": a share of the vote won is a level, whatever the verb.
_OF_THE_VOTE = re.compile(r"[ \u00a0]+of[ \u00a0]+(?:the[ \u00a0]+)?(?:popular[ \u00a0]+)?votes?\b", re.IGNORECASE)


def carry_direction(text: str, drafts: list[Draft]) -> None:
    """A change restated in apposition has the same direction: "fell 300 points, or 0.9%".

    The restatement also settles a verb that is a change only for shares and money:
    in "lost 410 points, or 1.2%", both figures are a decrease.
    """
    for d in drafts:
        if d.direction is not None and (_share_of_the_vote(text, d) or _multiple_of_another(text, d)):
            d.direction = None
        elif d.direction is None and d.dimension == "count":
            d.direction = noun_direction(d.noun, d.low)
    for k in range(1, len(drafts)):
        prev, d = drafts[k - 1], drafts[k]
        if d.direction is not None or prev.sentence != d.sentence or prev.end > d.start:
            continue
        # "rose 4% in two years and 3% in eighteen months": the time between is no change of its own
        first = drafts[k - 2] if k >= 2 and prev.dimension == "time" and prev.direction is None else prev
        if first.sentence == d.sentence and (_gapped(text, first, d) or _repeated_by(text, first, d)):
            d.direction = first.direction  # "wheat fell 2.1% and corn 1.4%": the verb is not repeated
            continue
        if _in_list_of_changes(text, drafts, k):
            d.direction = prev.direction
            continue
        if not _APPOSITION.fullmatch(text, prev.end, d.start):
            continue
        if prev.direction is None:
            prev.direction = direction_before(
                text, prev.start, max(0, prev.start - 60), d.dimension
            ) or comparative_after_apposition(text, d.end)
        d.direction = prev.direction


def _share_of_the_vote(text: str, d: Draft) -> bool:
    return d.dimension == "percent" and _OF_THE_VOTE.match(text, d.end) is not None


# "rose twice as fast as wages", "three times the rate of inflation": a multiple of another thing.
_AS_OR_THE = re.compile(r"[ \u00a0]+(?:as[ \u00a0]+[a-z]+[ \u00a0]+as|the)\b", re.IGNORECASE)


def _multiple_of_another(text: str, d: Draft) -> bool:
    """Is ``d`` a multiplier ("twice", "three times") set against another thing, not a move?

    A multiple of the same measure at an earlier time is read as a rise before this runs
    ("six times last year's level", "three times the 2019 total") and kept.
    """
    if d.unit or not (d.noun == "times" or text[d.atoms[0].start : d.atoms[0].end].lower() == "twice"):
        return False
    return _AS_OR_THE.match(text, max(d.end, d.noun_end)) is not None and not TIMES_EARLIER.match(
        text, max(d.end, d.noun_end)
    )


def _repeated_by(text: str, prev: Draft, d: Draft) -> bool:
    """ "by 6% in March and by 9%": ``d`` follows a second "by" after the change ``prev``."""
    return prev.direction is not None and _AND_BY.fullmatch(text, prev.end, d.start) is not None


# "rose 4% and 6% respectively", "falls of 1.1%, 0.9% and 0.4%": every member of the list is a change.
_RESPECTIVELY = re.compile(r",?[ \u00a0]+respectively\b", re.IGNORECASE)
_PLURAL_CHANGE_OF = re.compile(r"\b(?:" + any_of("plural_change_nouns") + r")[ \u00a0]+of[ \u00a0]+$", re.IGNORECASE)


def _in_list_of_changes(text: str, drafts: list[Draft], k: int) -> bool:
    """Is ``drafts[k]`` a later member of a list of changes in one unit that says so?"""
    prev, d = drafts[k - 1], drafts[k]
    if prev.direction is None or prev.unit != d.unit or not _LIST_GAP.fullmatch(text, prev.end, d.start):
        return False
    first = k - 1
    while (
        first > 0
        and drafts[first - 1].unit == d.unit
        and _LIST_GAP.fullmatch(text, drafts[first - 1].end, drafts[first].start)
    ):
        first -= 1
    last = k
    while (
        last + 1 < len(drafts)
        and drafts[last + 1].unit == d.unit
        and _LIST_GAP.fullmatch(text, drafts[last].end, drafts[last + 1].start)
    ):
        last += 1
    start = drafts[first].start
    return bool(
        _RESPECTIVELY.match(text, drafts[last].end) or _PLURAL_CHANGE_OF.search(text, max(0, start - 20), start)
    )


# "... and corn 1.4%", ", while imports 2%": a second subject whose verb is the first one's.
# The place or group may be followed by the span of the change ("in Leeds over the last 18
# months"), and a period may name its ends ("between April and June").
_GAPPED = re.compile(
    r"(?P<who>[ \u00a0]+(?:for|in|on|among|over)[ \u00a0]+[A-Za-z][\w'’-]*(?:[ \u00a0]+[A-Za-z][\w'’-]*){0,2}"
    r"(?:[ \u00a0]+(?:in|over|during|since)[ \u00a0]+(?:the[ \u00a0]+)?(?:past|last)[ \u00a0]+\w+[ \u00a0]+[a-z]+)?"
    r"|[ \u00a0]+between[ \u00a0]+[A-Z][a-z]+[ \u00a0]+and[ \u00a0]+[A-Z][a-z]+)?"
    r"(?:,?[ \u00a0]+(?:and|while|with|but)|,)[ \u00a0]+(?:the[ \u00a0]+)?"
    r"(?:([A-Za-z][\w'’-]*(?:[ \u00a0]+[A-Za-z][\w'’-]*){0,2})[ \u00a0]+)?"
)


def _gapped(text: str, prev: Draft, d: Draft) -> bool:
    """Is ``d`` a change stated after a second subject with the verb of ``prev`` left out?"""
    if prev.direction is None or prev.unit != d.unit or prev.dimension not in ("percent", "currency"):
        return False
    m = _GAPPED.fullmatch(text, prev.end, d.start)
    if m is None or not (m.group("who") or m.group(2)):
        return False  # "rose 5% and 3%" with nothing between is a list, left to the verb before each
    words = (m.group(2) or "").lower().split()
    return not any(w in CHANGE_WORDS or w in _NOT_GAPPED or w.endswith("ed") for w in words)  # "and filled 86%"


# Words after which the second figure has a verb of its own ("and was 3%", "with a 2% rise").
_NOT_GAPPED = word_set("not_gapped")


def link_parts(text: str, drafts: list[Draft]) -> None:
    """Mark a parenthesised list of figures right after a total as its parts."""
    for k, total in enumerate(drafts):
        found = _bracket_after(text, drafts, k)
        if found is None:
            continue
        open_at, close_at = found
        inner = _inside(drafts, k, open_at, close_at)
        if len(inner) < 2 or any(not _part_of(drafts[j], total) for j in inner):
            continue
        total.parts = inner
        if _PARTIAL.match(text, open_at + 1):
            total.flags.append("partial_parts")  # "(including 200 in Berlin ...)": not every part
        for j in inner:
            drafts[j].part_of = k
            if not drafts[j].noun and total.noun:
                drafts[j].noun = total.noun
                drafts[j].flags.append("inherited_noun")


def _bracket_after(text: str, drafts: list[Draft], k: int) -> tuple[int, int] | None:
    """Where a bracket right after ``drafts[k]`` opens and closes, in its sentence, with no
    other figure between the total and the bracket."""
    total = drafts[k]
    open_at = text.find("(", total.end, total.end + 80)
    if open_at < 0 or "." in text[total.end : open_at]:
        return None
    if k + 1 < len(drafts) and drafts[k + 1].start < open_at:
        return None
    close_at = text.find(")", open_at)
    return (open_at, close_at) if close_at >= 0 else None


def _inside(drafts: list[Draft], k: int, open_at: int, close_at: int) -> list[int]:
    """Indexes of the figures after ``drafts[k]`` that lie inside the bracket."""
    inner = []
    for j in range(k + 1, len(drafts)):
        if drafts[j].start >= close_at:
            break
        if open_at < drafts[j].start and drafts[j].end <= close_at:
            inner.append(j)
    return inner


def _part_of(part: Draft, total: Draft) -> bool:
    """Can ``part`` be a part of ``total``: the same dimension, and the same unit when it names one."""
    return part.dimension == total.dimension and not (part.unit and part.unit != total.unit)


def link_each(text: str, drafts: list[Draft]) -> None:
    """``20 buses with 53 people each``: the per-unit count points to its multiplier."""
    for k, d in enumerate(drafts):
        if k == 0 or d.dimension != "count":
            continue
        if not _EACH.match(text, d.end):
            continue
        prev = drafts[k - 1]
        if prev.sentence == d.sentence and prev.dimension == "count" and prev.noun:
            d.each_of = k - 1


# "shed 95 points to 16,240", "added 4,000 members to 52,000": the level a change reached.
_TO_LEVEL = re.compile(r"[ \u00a0]+(?:to|at)[ \u00a0]+(?:(?:close|end|finish)[ \u00a0]+at[ \u00a0]+)?", re.IGNORECASE)


def inherit_level_units(text: str, drafts: list[Draft]) -> None:
    """The bare level a change in money reached is in its unit: "slid 14p to 231", "gained $2 to 84".

    A change in percent or points says nothing of the level's unit ("rose 1.4% to 5,210").
    """
    for prev, d in zip(drafts, drafts[1:], strict=False):
        if prev.sentence != d.sentence or prev.direction is None or prev.dimension != "currency":
            continue
        if _bare(d) and d.direction is None and prev.end <= d.start and _TO_LEVEL.fullmatch(text, prev.end, d.start):
            d.unit, d.dimension = prev.unit, prev.dimension


def inherit_nouns(text: str, drafts: list[Draft]) -> None:
    """An elliptical count ("2.4 million from Tajikistan") or the level a counted change reached
    ("shed 95 points to 16,240") takes the noun before it."""
    for k, d in enumerate(drafts):
        if k == 0 or d.dimension != "count" or d.noun or d.unit:
            continue
        prev = drafts[k - 1]
        if prev.sentence != d.sentence or prev.dimension != "count" or not prev.noun:
            continue
        gap = text[prev.end : d.start]
        reached = prev.direction is not None and _TO_LEVEL.fullmatch(gap) is not None
        if not reached and (len(gap) > 60 or not re.search(r"(?:,|\band\b|;)", gap)):
            continue
        d.noun = prev.noun
        d.flags.append("inherited_noun")
