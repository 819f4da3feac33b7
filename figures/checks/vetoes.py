"""Pairs of claims the consistency check never compares, whatever their keys say.

Kept apart from the check's grouping so that each veto is one small, documented rule.

* **One sentence, two values.** A sentence that gives one key two different values states
  two claims the key has not told apart ("28.1% against 25.4% in 2017", "another 179 dead,
  bringing the toll to close to 600", "between 40 and 50 years ... no more than six and a half
  years"): writers do not contradict themselves within a sentence. Two sentences of one
  article still are compared: a lead and a body that disagree is what the check is for.
* **A part and its whole.** "Of the 1,200 arrivals, 700 were children": one figure is a part
  of the other, or both are parts of one total read in the same article.
* **Values a power of ten apart.** Outlets that state one claim differently round it, revise
  it or mistype it; they rarely land more than tenfold apart. Values that far apart are
  another thing that the words happened to match (a population against a year's deaths, a
  rate per thousand against a count, a change against its level, a magnitude against a
  toll), so they are never a conflict, unless they share their leading digits: "$5.2 million"
  against "$5.2 billion" is a scale word that slipped, and stays a conflict.
* **A running count read later.** The dead, the injured, the missing, the bodies recovered or
  the votes counted rise while an event unfolds (``running_counts`` in
  ``figures/data/claim_words.yaml``). Two articles that give such a count for a day or a week
  are ordered by that day and then by their own dates; when the later reading is at or above
  the earlier one, the later count supersedes the earlier and they do not conflict. A later
  reading below the earlier one is still a conflict (a toll does not fall unless someone
  corrects it). Two readings that cannot be ordered (one day, articles of one day) are of
  unknown hours: they are a conflict only when neither says the count is moving: its clause
  says it rose, it is a floor ("at least", "passes"), or its sentence has a word of
  ``count_so_far`` ("so far", "as of", "the toll climbed to"), or its article says, in any
  of its readings of that day, in words (a floor may be another, older toll), that a running
  count moved that day: "the toll rose to at least 41 on Saturday" in a headline makes the same
  article's "41 miners were confirmed dead" a reading of its own hour too.
* **One part of an award or a settlement.** "$550 million in compensatory damages", "a $175
  million fine to the states": words right after an amount (``amount_parts``, or a payment of
  ``payment_nouns`` to a party it names) make it one part of a total, not the total nor another
  part. Two amounts conflict only when they name the same part, or both none.
* **An earlier round of a vote.** "In the first round, X received 36.7%": the round word nearest a
  figure in its sentence (``earlier_rounds`` or ``final_rounds``) says which round it is of. A
  figure of an earlier round is another vote than the run-off an article of the same days
  reports, so it conflicts only with another figure of an earlier round.
* **A change over a month against one over a year.** "Up 12.2% over the year" and "on a monthly
  basis, prices rose 1.3%": the span word nearest a percentage in its sentence (``annual_span``,
  ``monthly_span``) is the span it is measured over; two spans that differ are two changes.
* **Two owners.** Claims are grouped for comparison by their key without whose figure it is
  (:func:`figures.context.keys.compared_key`), and two owners that differ keep two claims
  apart, however they were read, with two exceptions. Two spellings of one name are one owner
  (:func:`figures.context.subjects.same_name`: "Luis" and "Luiz Inacio Lula da Silva"). And an
  owner read only by default (the article's main country or main subject, no name or place near
  the figure) yields to a subject read near the other figure when that subject is the default
  side's article's own main subject: "12,000 jobs" in an article about Alphabet that the United
  States is the main country of, and "Alphabet will cut 12,000 jobs". Two default owners meet
  the same way when both articles have one main subject: an unnamed figure of an article about
  Netflix in the United States and one of an article about Netflix that names no country. A
  default owner never yields to another country, nor to a company its article is not about.
* **A count not finished.** "With 97.5% of the ballots counted, she had 51.6%": a figure after
  words that say the count is unfinished (``counted_units`` and ``counted_done``) is a reading
  the final count and later readings replace; it is compared with them (they often agree) but
  never in conflict with another article's reading.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from figures.context.keys import owner_of
from figures.context.subjects import same_name
from figures.context.words import alternation, any_of, word_set
from figures.core.intervals import Interval
from figures.model import Claim, ClaimRole, Dimension, Figure, Modality, TimeResolution

__all__ = [
    "TENFOLD",
    "amount_part",
    "earlier_round",
    "magnitudes_apart",
    "moving_days",
    "never_compared",
    "owners_apart",
    "part_and_whole",
    "partial",
    "running",
    "span_of",
    "spans_differ",
    "superseded",
]

TENFOLD = 10.0  # values further apart than this factor are not one claim stated differently
_DIGITS = 3  # significant digits two values must share to be one amount under two scale words


def never_compared(a: Claim, b: Claim) -> bool:
    """Must this pair of claims stay apart even when their keys and times match?"""
    return a.path == b.path and a.sentence_start == b.sentence_start


def owners_apart(a: Claim, b: Claim) -> str:
    """Why two claims' owners keep them apart, in words; empty when they do not (see the module's docstring)."""
    oa, ob = owner_of(a.key), owner_of(b.key)
    if oa == ob or _one_name(oa, ob) or _default_meets(a, b) or _default_meets(b, a):
        return ""
    return f"different owners: {' '.join(oa).strip() or 'none'}; {' '.join(ob).strip() or 'none'}"


def _one_name(oa: tuple[str, str], ob: tuple[str, str]) -> bool:
    """One entity, and two subjects that are one name spelt apart."""
    return oa[0] == ob[0] and bool(oa[1] and ob[1]) and same_name(oa[1], ob[1])


def _default_meets(d: Claim, e: Claim) -> bool:
    """Does ``d``'s owner, read by default, yield to ``e``'s: the subject ``e`` names (near its figure, or as its
    article's own main subject when ``e``'s owner is a default too) is ``d``'s article's main subject, in the
    country ``d`` took from its article or in none?"""
    if not d.owner_default or not d.article_subject:
        return False
    (entity_d, _), (entity_e, subject_e) = owner_of(d.key), owner_of(e.key)
    if e.owner_default:
        subject_e = e.article_subject or ""
    return bool(subject_e) and entity_e in ("", entity_d) and same_name(d.article_subject, subject_e)


def part_and_whole(f: Figure, g: Figure) -> bool:
    """Is one figure (of one article) a part of the other, or are both parts of one total?"""
    return f.part_of == g.index or g.part_of == f.index or (f.part_of is not None and f.part_of == g.part_of)


def magnitudes_apart(a: Interval, b: Interval) -> bool:
    """Are two values more than :data:`TENFOLD` apart, without the same leading digits?"""
    x, y = _magnitude(a), _magnitude(b)
    if x is None or y is None:
        return False
    small, large = sorted((x, y))
    return large > TENFOLD * small and not _same_digits(small, large)


def _magnitude(interval: Interval) -> float | None:
    """The size of an interval's value: its largest finite end, or ``None`` (nothing finite, or zero)."""
    ends = [abs(v) for v in (interval.low, interval.high) if math.isfinite(v)]
    size = max(ends, default=0.0)
    return size if size > 0 else None


def _same_digits(x: float, y: float) -> bool:
    return f"{x:.{_DIGITS - 1}e}".split("e")[0] == f"{y:.{_DIGITS - 1}e}".split("e")[0]


# Times at which a count is read while an event unfolds; a month's or a year's count is a statistic.
_RUNNING_TIMES = frozenset({TimeResolution.DAY, TimeResolution.WEEK})


def running(claim: Claim) -> bool:
    """Is this claim a count that runs on while an event unfolds (a toll, bodies recovered, votes counted)?"""
    if claim.figure.dimension != Dimension.COUNT or claim.role != ClaimRole.LEVEL:
        return False
    if claim.modality != Modality.ACTUAL or claim.time is None or claim.time.resolution not in _RUNNING_TIMES:
        return False
    named = claim.thing or claim.measure
    words = re.split(r"[\s_]+", named) if named else claim.words
    return not word_set("running_counts").isdisjoint(words)


def moving_days(claims: list[Claim]) -> frozenset[tuple[str, tuple[str, str]]]:
    """The articles and moments (see :func:`superseded`) at which an article says in words that a running
    count moved ("rose to", "so far"): a floor alone ("tens of millions") may be another event's toll."""
    return frozenset((c.path, _moment(c)) for c in claims if running(c) and _said_moving(c))


def superseded(
    a: Claim, b: Claim, ia: Interval, ib: Interval, moving: frozenset[tuple[str, tuple[str, str]]] = frozenset()
) -> bool:
    """Does one of two readings, in two articles, replace the other: a count not finished on either side,
    or a later reading of a running count at or above the earlier one? ``moving``: the articles and
    moments at which a running count moved (:func:`moving_days`)."""
    if a.path == b.path:
        return False
    if partial(a) or partial(b):
        return True
    if not (running(a) and running(b)):
        return False
    ma, mb = _moment(a), _moment(b)
    if ma == mb:  # one day, articles of one day: the hour is not known, unless neither says it moves
        return _moving(a, ia) or _moving(b, ib) or (a.path, ma) in moving or (b.path, mb) in moving
    early, late = (ia, ib) if ma < mb else (ib, ia)
    return late.low >= early.low and late.high >= early.high


def _moving(claim: Claim, interval: Interval) -> bool:
    """Does a reading say the count is still moving: "has risen to", "so far", "as of", "at least", "passes"?"""
    return (interval.states_lower and not interval.states_upper) or _said_moving(claim)


def _said_moving(claim: Claim) -> bool:
    """Do a reading's words say its count moved: "has risen to", "so far", "as of", "the toll climbed to"?"""
    return "rise" in claim.words or _so_far().search(claim.sentence) is not None


@lru_cache(maxsize=1)
def _so_far() -> re.Pattern[str]:
    return re.compile(any_of("count_so_far"), re.IGNORECASE)


def _moment(claim: Claim) -> tuple[str, str]:
    """When a reading was taken, as far as the text says: the last day of its time, then its article's date."""
    return (claim.time.end.isoformat() if claim.time is not None else "", claim.date or "")


@lru_cache(maxsize=1)
def _partial_count() -> re.Pattern[str]:
    """Words that say a count is unfinished: "97.5% of the ballots counted", "96 per cent of tables
    processed"; the share may stand apart from its sign in a garbled copy."""
    return re.compile(
        rf"(?:%|\bper\s*cent|\bpercent)\s+of\s+(?:the\s+|all\s+)?{alternation('counted_units')}\s+"
        rf"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+|being\s+)?{alternation('counted_done')}\b",
        re.IGNORECASE,
    )


def partial(claim: Claim) -> bool:
    """Is this claim read from a count not finished (the words come before it in its sentence)?"""
    ahead = claim.sentence[: max(claim.figure.start - claim.sentence_start, 0)]
    return _partial_count().search(ahead) is not None


@lru_cache(maxsize=1)
def _part_after() -> re.Pattern[str]:
    """The part an amount names right after itself: "in compensatory damages", "civil money penalty",
    "fine to the states" (a payment to a party is that party's part)."""
    return re.compile(
        rf"\s*(?:in\s+)?(?:(?P<kind>{alternation('amount_parts')})"
        rf"|(?:[a-z-]+\s+)?{alternation('payment_nouns')}\s+to\s+(?:the\s+)?(?P<party>[\w-]+))(?![\w'])",
        re.IGNORECASE,
    )


def amount_part(claim: Claim) -> str:
    """Which part of an award or a settlement an amount says it is ("compensatory", "to states"); "" for none."""
    if claim.figure.dimension != Dimension.CURRENCY:
        return ""
    found = _part_after().match(claim.sentence, max(claim.figure.end - claim.sentence_start, 0))
    if found is None:
        return ""
    return (found.group("kind") or f"to {found.group('party')}").lower()


@lru_cache(maxsize=1)
def _rounds() -> re.Pattern[str]:
    return re.compile(rf"(?P<earlier>{any_of('earlier_rounds')})|{any_of('final_rounds')}", re.IGNORECASE)


def _nearest(claim: Claim, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The match of ``pattern`` in the claim's sentence nearest its figure, before or after it."""
    start, end = claim.figure.start - claim.sentence_start, claim.figure.end - claim.sentence_start
    nearest: tuple[int, re.Match[str]] | None = None
    for found in pattern.finditer(claim.sentence):
        distance = start - found.end() if found.end() <= start else max(found.start() - end, 0)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, found)
    return nearest[1] if nearest is not None else None


def earlier_round(claim: Claim) -> bool:
    """Is the round word nearest the figure in its sentence an earlier round's ("in the first round")?"""
    found = _nearest(claim, _rounds())
    return found is not None and found.group("earlier") is not None


@lru_cache(maxsize=1)
def _spans() -> re.Pattern[str]:
    return re.compile(rf"(?P<year>{any_of('annual_span')})|{any_of('monthly_span')}", re.IGNORECASE)


def span_of(claim: Claim) -> str:
    """The span a percentage's change is measured over, by the span word nearest it: "year", "month" or ""."""
    if claim.figure.dimension != Dimension.PERCENT:
        return ""
    found = _nearest(claim, _spans())
    if found is None:
        return ""
    return "year" if found.group("year") is not None else "month"


def spans_differ(a: Claim, b: Claim) -> bool:
    """Are two percentages changes over spans both stated and different (a month against a year)?"""
    sa, sb = span_of(a), span_of(b)
    return bool(sa and sb) and sa != sb
