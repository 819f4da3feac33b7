"""consistency: claims that state the same claim must agree.

What it does: groups every claim of the corpus by its key, the context stage's
judgement of what must be equal: the unit, the entity and any city or region it is
limited to, the subject (a company, a candidate), and its role (a level, a change, a
forecast, one case or the general rule). Within a key, claims that measure the same
thing are matched by evidence (:mod:`figures.checks.matching`): the same measure of the
rule files, the same thing ("annual inflation", "people killed"), or enough of the words
around their figures ("net migration surged to", "net migration reached"). The setting
``min_match`` (default 0.5) is the score two frames need; a finding matched by words
says which words and the score. Inside a group, claims are compared only when their times make
it meaningful: the same month with the same month, the same year with the same year
(measures with ``time: year`` compare by year, ``time: none`` at any time); claims
with no time of their own only when their articles appeared within a few days, or, for a
percentage measure of the rule files, with the last month complete before their article
("unemployment held at 3.7%" on 2 February is January's rate).
Agreement understands intervals, qualifiers and rounding: "more than a dozen" and
"more than 12" agree, "about 1.3 million" and "1,296,000" agree. For measures
compared by their bounds (legal penalties), "five to 12 years" and "up to 20 years"
disagree.

A disagreement is one finding, carried by the latest article among those checked,
listing the other sources, those it conflicts with first (at most ten: the message
counts them all); its message says why the claims were judged the same. A new
article checked against a corpus (``--corpus``) is compared with the corpus's claims,
and the corpus's own disagreements are left out.

Why it matters: two articles on one story that disagree on a number mean at least
one of them is wrong, and readers notice.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from figures.checks.base import CheckContext, Code, claim_when, finding, location, measure_label, normalized
from figures.checks.matching import DEFAULT_THRESHOLD, Evidence
from figures.checks.matching import groups as matched_groups
from figures.checks.vetoes import (
    amount_part,
    earlier_round,
    magnitudes_apart,
    moving_days,
    never_compared,
    part_and_whole,
    spans_differ,
    superseded,
)
from figures.context import time as timectx
from figures.context.keys import compared_key
from figures.core.intervals import Interval, bounds_compatible, compatible
from figures.model import Claim, ClaimTime, Comparison, Dimension, Finding, Qualifier, Severity
from figures.rules.records import Measure, Rule
from figures.rules.spec import COMMON, Key, severity

RULE_TYPE = "consistency"
CODES = {
    "FG301": Code(
        code="FG301",
        name="ConflictingClaims",
        title="Conflicting claims",
        what="Claims that state the same thing about the same entity, time and role cannot all be true.",
        why="Articles on the same story must not disagree on their numbers; one of them needs a correction.",
        example='One article: "Tajik mercenaries face up to 20 years in prison". '
        'Another: "Tajikistan punishes it with five to 12 years".',
        fix="Check the figures against a primary source; correct the wrong one, or add a reference fact "
        "so the next check says which is right.",
        severity=Severity.ERROR,
    )
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("error"),
    "measures": Key("list[str]", "Measure ids to compare; empty means every measure.", default=[]),
    "approx_percent": Key("number", "How far 'about' stretches a value, in %.", default=10.0, minimum=0),
    "same_article": Key("bool", "Also compare claims within one article.", default=True),
    "open_keys": Key(
        "bool",
        "Also compare claims no measure names, by the thing the context stage inferred (see the README).",
        default=True,
    ),
    "min_match": Key(
        "number",
        "How well two claims of one key must match to be one claim, from 0 to 1: the same measure or thing "
        "scores 1, otherwise the words around their figures decide (see docs/design/claims.md). Higher "
        "compares fewer claims and raises fewer false alarms.",
        default=0.5,
        minimum=0,
    ),
    "undated_days": Key(
        "int",
        "Claims with no time of their own are compared when their articles' dates are at most this many "
        "days apart (0: the same day): an article often reports the day before's news, and a toll can "
        "change from one day to the next, so measures may set their own.",
        default=1,
        minimum=0,
    ),
}


def _date(claim: Claim) -> datetime.date | None:
    return timectx.parse_article_date(claim.date)


def _time_signature(claim: Claim, measure: Measure | None) -> tuple | None:
    """What of a claim's time decides what it may be compared with; ``None``: never compared."""
    mode = measure.time if measure is not None else "interval"
    if mode == "none":
        return ("none",)
    if mode == "year":
        return ("year", *((claim.time.first_year, claim.time.last_year) if claim.time else (None, None)))
    w = claim_when(claim)
    if w is None or w.basis == "approximate":
        return None
    return ("interval", w)


def _signatures_comparable(sa: tuple, sb: tuple, measure: Measure | None, undated_days: int) -> bool:
    """Whether claims at these two times may be compared, whatever their articles."""
    if sa[0] == "none":
        return True
    if sa[0] == "year":
        if sa[1] is None or sb[1] is None:
            return sa[1] is None and sb[1] is None
        w = measure.time_window if measure is not None else 0
        return sa[1] - w <= sb[2] and sb[1] - w <= sa[2]
    wa, wb = sa[1], sb[1]
    if wa.anchor != wb.anchor and not (
        {wa.resolution, wb.resolution} <= {"day", "week"} and "since" not in (wa.anchor, wb.anchor)
    ):
        return False  # "since 2014" is a running total; "by Monday" and "on Monday" are one day's count
    if wa.basis == "article" or wb.basis == "article":
        if measure is not None and measure.undated_days is not None:
            undated_days = measure.undated_days
        return _undated_match(wa, wb, undated_days, measure is not None and measure.dimension == Dimension.PERCENT)
    return timectx.comparable(wa, wb, measure.time_window if measure is not None else 0)


def _times_comparable(a: Claim, b: Claim, measure: Measure | None, undated_days: int) -> bool:
    sa, sb = _time_signature(a, measure), _time_signature(b, measure)
    if sa is None or sb is None:
        return False
    if a.path == b.path and sa[0] == "interval" and "article" in (sa[1].basis, sb[1].basis):
        return False  # one article's undated figures are often of other times or parts
    return _signatures_comparable(sa, sb, measure, undated_days)


def _undated_match(wa, wb, days: int, released: bool = False) -> bool:
    """An undated claim is about its article's day or the ``days`` before it (the event reported),
    or, for a percentage measure of the rule files (``released``) whose ``days`` reach past the day
    itself, about the last month complete before it (the release reported: "unemployment held at
    3.7%" on 2 February is January's). A thing no measure names may be one part of such a figure
    ("services' gross margin"), which only its own period keeps apart; an undated amount may be a
    year's as well as a quarter's, and an undated rate on 3 January is December's, not the year's."""
    if wa.basis == "article" and wb.basis == "article":
        return abs((wa.start - wb.start).days) <= days
    article, stated = (wa, wb) if wa.basis == "article" else (wb, wa)
    if stated.resolution == "week":  # "data showed this week": the article's day may be in it
        return stated.start <= article.start and (article.start - stated.end).days <= days
    if stated.resolution in _RELEASED:
        return released and days > 0 and _latest_period(article.start, stated)
    return stated.resolution == "day" and 0 <= (article.start - stated.start).days <= days


# Periods whose rates are released after they end, and reported undated in the days that follow.
_RELEASED = frozenset({"month"})


def _latest_period(day: datetime.date, period) -> bool:
    """Is ``period`` the last one of its length complete before ``day`` (the next one not yet over)?"""
    return period.end < day <= period.end + (period.end - period.start) + datetime.timedelta(days=1)


def _sort_key(claim: Claim) -> tuple:
    return (claim.date or "", claim.path, claim.figure.start)


# A finding lists at most this many other sources; its message counts them all ("and 3,999 more").
MAX_RELATED = 10
# Candidates past a claim's threshold that do not conflict with it after all (parts of one whole in one
# article, a wider tolerance on the other claim) that one search looks at before giving up: a bound on
# what a hostile group costs, far above what an article or an archive holds.
MAX_MISSES = 64


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Compare claims key by key; one finding per disagreement."""
    measures = ctx.rulebook.measures
    wanted = set(rule.settings.get("measures") or [])
    approx = float(rule.settings.get("approx_percent", 10.0)) / 100
    same_article = bool(rule.settings.get("same_article", True))
    open_keys = bool(rule.settings.get("open_keys", True))
    undated_days = int(rule.settings.get("undated_days", 3))
    groups: dict[str, list[int]] = {}
    intervals = {}
    for i, claim in enumerate(claims):
        measure = measures.get(claim.measure or "")
        if not _selected(claim, measure, wanted, open_keys):
            continue
        interval = normalized(claim, measure, approx)
        if interval is None:
            continue
        intervals[i] = interval
        groups.setdefault(compared_key(claim.key), []).append(i)  # whose figure: by evidence (owners_apart)
    threshold = float(rule.settings.get("min_match", DEFAULT_THRESHOLD))
    moving = moving_days([claims[i] for i in intervals])
    findings: list[Finding] = []
    targets = ctx.targets
    for key in sorted(groups):
        if not _involved(groups[key], claims, targets):
            continue  # a group of the archive alone: not the business of the articles checked
        ordered = sorted(groups[key], key=lambda i: _sort_key(claims[i]))
        block_measure = _measure_of(ordered, claims, measures)

        def comparable(i: int, j: int, measure: Measure | None = block_measure) -> bool:
            return _times_comparable(claims[i], claims[j], measure, undated_days)

        for matched in matched_groups(ordered, claims, threshold, comparable):
            members = matched.members
            if not _involved(members, claims, targets):
                continue
            terms = _Terms.of(_measure_of(members, claims, measures), same_article, undated_days)
            pair = _PairTest(claims, intervals, terms, moving)
            found = _sweep(members, pair, targets)
            findings.extend(_disagreements(rule, claims, found, pair, ctx, matched.evidence))
            _record(ctx, claims, f"{claims[members[0]].key}|{_group_name(claims, members)}", found, terms)
    return findings


def _selected(claim: Claim, measure: Measure | None, wanted: set[str], open_keys: bool) -> bool:
    """Whether the rule compares this claim at all: it has a key, and its measure (or none) is one compared."""
    if claim.key is None:
        return False
    if measure is None:
        return open_keys and not wanted
    if measure.compare == "none" or (wanted and measure.id not in wanted):
        return False
    return claim.entity is not None or bool(measure.subject and claim.subject)


def _involved(members: list[int], claims: list[Claim], targets: frozenset[str] | None) -> bool:
    """Whether a group has claims to compare, one of them (with ``targets``) of the articles checked."""
    return len(members) >= 2 and (targets is None or any(claims[i].path in targets for i in members))


def _measure_of(members: list[int], claims: list[Claim], measures: dict[str, Measure]) -> Measure | None:
    """The measure of a group: its first claim's that the rule files name."""
    return next((measures[m] for i in members if (m := claims[i].measure) in measures), None)


def _group_name(claims: list[Claim], members: list[int]) -> str:
    """A matched group's name within its key: its measure or thing, else its first claim's words."""
    first = claims[members[0]]
    return first.measure or first.thing or " ".join(first.words)


def _matched_by(evidence: dict[int, tuple[int, Evidence]], a: int, b: int) -> Evidence | None:
    """The evidence that joined ``a`` or ``b`` to their group, when words (not a measure or thing) did."""
    for i in (a, b):
        if i in evidence and evidence[i][1].why == "shared words":
            return evidence[i][1]
    return None


@dataclass(frozen=True)
class _Terms:
    """What one matched group's claims are compared by: its measure, its tolerances and the rule's settings."""

    measure: Measure | None
    same_article: bool
    undated_days: int
    tol_abs: float = 0.0
    tol_rel: float = 0.0

    @classmethod
    def of(cls, measure: Measure | None, same_article: bool, undated_days: int) -> _Terms:
        """The terms of a group of this measure (or none): the measure's tolerances, none without one."""
        if measure is None:
            return cls(None, same_article, undated_days)
        return cls(measure, same_article, undated_days, measure.tolerance_abs, measure.tolerance_percent / 100)

    @property
    def bounds(self) -> bool:
        """Whether values are compared by their bounds (legal penalties), not as values."""
        return self.measure is not None and self.measure.compare == "bounds"


class _PairTest:
    """The verdict on one pair of claims of a group: compared or not, and in conflict or not."""

    def __init__(
        self,
        claims: list[Claim],
        intervals: dict[int, Interval],
        terms: _Terms,
        moving: frozenset[tuple[str, tuple[str, str]]] = frozenset(),
    ) -> None:
        """``moving``: the articles and days at which a running count moved (:func:`vetoes.moving_days`)."""
        self.claims, self.intervals, self.terms, self.moving = claims, intervals, terms, moving
        self.test = bounds_compatible if terms.bounds else compatible

    def excluded(self, a: int, b: int) -> bool:
        """Claims of one article that are never compared: parts of one whole, two values of one sentence
        (:mod:`figures.checks.vetoes`), or any when ``same_article`` is off."""
        ca, cb = self.claims[a], self.claims[b]
        return ca.path == cb.path and (
            not self.terms.same_article or part_and_whole(ca.figure, cb.figure) or never_compared(ca, cb)
        )

    def compared(self, a: int, b: int) -> bool:
        ca, cb = self.claims[a], self.claims[b]
        return not self.excluded(a, b) and _times_comparable(ca, cb, self.terms.measure, self.terms.undated_days)

    def conflict(self, a: int, b: int) -> bool:
        ia, ib = self.intervals[a], self.intervals[b]
        if self.test(ia, ib, self.terms.tol_abs, self.terms.tol_rel) or magnitudes_apart(ia, ib):
            return False
        ca, cb = self.claims[a], self.claims[b]
        if amount_part(ca) != amount_part(cb) or earlier_round(ca) != earlier_round(cb) or spans_differ(ca, cb):
            return False  # a part of an award against the total; another round of a vote; another span
        return not superseded(ca, cb, ia, ib, self.moving)


@dataclass
class _Found:
    """What a group's comparison found.

    ``compared``: the claims compared with at least one other. ``parts``: the sets of
    claims that disagree (the components of the conflict graph), each sorted, in the
    order of their first claim. ``partners``: for each claim of a part, claims it
    conflicts with: all of them in a part of at most ``MAX_RELATED + 1`` claims, else
    at most ``MAX_RELATED`` (the report shows no more).
    """

    compared: set[int] = field(default_factory=set)
    parts: list[list[int]] = field(default_factory=list)
    partners: dict[int, set[int]] = field(default_factory=dict)


def _pairwise(members: list[int], claims, intervals, pair: _PairTest, targets=None) -> _Found:
    """Every pair of the group (with ``targets``, every pair with a claim of the articles checked).

    What :func:`_sweep` finds, the slow way: the tests hold the two to each other.
    """
    compared: set[int] = set()
    conflicts: dict[int, set[int]] = {}
    for n, a in enumerate(members):
        for b in members[n + 1 :]:
            if targets is not None and claims[a].path not in targets and claims[b].path not in targets:
                continue
            if not pair.compared(a, b):
                continue
            compared.update((a, b))
            if pair.conflict(a, b):
                conflicts.setdefault(a, set()).add(b)
                conflicts.setdefault(b, set()).add(a)
    return _bounded(compared, conflicts, claims)


def _bounded(compared: set[int], conflicts: dict[int, set[int]], claims) -> _Found:
    """The parts of a conflict graph known whole, with each claim's partners bounded in large parts."""
    found = _Found(compared, _components(conflicts))
    for part in found.parts:
        for i in part:
            mine = conflicts[i]
            if len(part) > MAX_RELATED + 1:
                mine = set(sorted(mine, key=lambda j: _sort_key(claims[j]))[:MAX_RELATED])
            found.partners[i] = mine
    return found


def _slack(interval, tol_abs: float, tol_rel: float) -> float:
    """Half the tolerance this interval alone asks for; a pair's slack is the larger of its two."""
    ends = [abs(x) for x in (interval.low, interval.high) if math.isfinite(x)]
    return (tol_abs + tol_rel * (max(ends) if ends else 0.0)) / 2


class _Skip:
    """Positions of a sorted list, some of them taken out: the next one still in, in near-constant time."""

    def __init__(self, size: int) -> None:
        self.up = list(range(size + 1))

    def next(self, p: int) -> int:
        """The first position at or after ``p`` still in (the list's length when none is)."""
        up = self.up
        root = p
        while up[root] != root:
            root = up[root]
        while up[p] != root:
            up[p], p = root, up[p]
        return root

    def take(self, p: int) -> None:
        self.up[p] = p + 1


def _first(values: list[float], past: Callable[[float], bool]) -> int:
    """The first position of ``values`` where ``past`` holds, for a ``past`` false then true along them."""
    lo, hi = 0, len(values)
    while lo < hi:
        mid = (lo + hi) // 2
        if past(values[mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


@dataclass(frozen=True)
class _Search:
    """One sorted view of a bucket: the claims it holds, sorted by one end, ascending or not."""

    holds: Callable[[Interval], bool]
    key: Callable[[Interval], float]
    descending: bool = False


def _everything(interval: Interval) -> bool:
    return True


def _is_point(interval: Interval) -> bool:
    return interval.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY)


def _is_range(interval: Interval) -> bool:
    return interval.states_upper or interval.states_lower


def _low(interval: Interval) -> float:
    return interval.low


def _high(interval: Interval) -> float:
    return interval.high


# Value semantics: a partner lies wholly right of a claim (by low end) or wholly left (by high end).
_VALUE_SEARCHES = (_Search(_everything, _low), _Search(_everything, _high, True))
# Bounds semantics: two upper bounds or two lower bounds far apart, two points apart, a point outside a range.
_BOUNDS_SEARCHES = (
    _Search(lambda i: i.states_upper, _high),
    _Search(lambda i: i.states_upper, _high, True),
    _Search(lambda i: i.states_lower, _low),
    _Search(lambda i: i.states_lower, _low, True),
    _Search(_is_point, _low),
    _Search(_is_point, _high, True),
    _Search(_is_range, _low),
    _Search(_is_range, _high, True),
)


def _thresholds(ia: Interval, s: float, bounds: bool) -> list[tuple[int, Callable[[float], bool]]]:
    """For each search, when a claim of it may conflict with a claim of interval ``ia`` and slack ``s``.

    ``s`` is the claim's own share of the tolerance; the pair's is never smaller, so each
    test is a necessary condition (float rounding is monotonic), false then true along
    the search's order.
    """
    lo, hi = ia.low, ia.high
    if not bounds:  # see intervals.compatible: each side widened by half the tolerance
        return [(0, lambda x: x - s > hi + s), (1, lambda x: x + s < lo - s)]
    t = 2 * s  # see intervals.bounds_compatible: the whole tolerance
    out: list[tuple[int, Callable[[float], bool]]] = []
    if ia.states_upper:
        out += [(0, lambda x: x - hi > t), (1, lambda x: hi - x > t)]
    if ia.states_lower:
        out += [(2, lambda x: x - lo > t), (3, lambda x: lo - x > t)]
    if _is_point(ia):
        wide_hi, wide_lo = hi + t, lo - t
        out += [(4, lambda x: x > wide_hi), (5, lambda x: x < wide_lo), (6, lambda x: x > wide_hi)]
        out += [(7, lambda x: x < wide_lo)]
    else:
        out += [(4, lambda x: x - t > hi), (5, lambda x: x + t < lo)]
    return out


class _Buckets:
    """A group's claims by time signature, each bucket sorted in the few orders a search needs.

    Claims of one signature are comparable with each other, and buckets are compared
    as wholes (a group has few distinct times). With value semantics two claims
    conflict when one widened interval lies wholly left of the other, the pair's slack
    being the larger of their two; so a claim's partners on its right are among the
    claims whose low end lies beyond its high end by twice its own slack, a suffix of
    the bucket sorted by low end, and on its left a suffix of the bucket sorted by high
    end, descending. Bounds semantics are a few such conditions, each a suffix of its
    own order (see :func:`_thresholds`). Only those candidates get the exact test; a
    candidate fails it only when its own slack is wider or when the pair is in one
    article and never compared.
    """

    def __init__(self, members: list[int], pair: _PairTest, around: set[int] | None = None) -> None:
        """With ``around`` (some of the claims), only what their searches need is sorted."""
        claims, intervals, terms = pair.claims, pair.intervals, pair.terms
        measure, undated_days = terms.measure, terms.undated_days
        self.claims, self.intervals, self.pair = claims, intervals, pair
        self.bounds = terms.bounds
        self.searches = _BOUNDS_SEARCHES if self.bounds else _VALUE_SEARCHES
        by_signature: dict[tuple, list[int]] = {}
        times: dict[ClaimTime | None, tuple | None] = {}  # claims of one time share its signature: read it once
        for i in members:
            c = claims[i]
            if c.time not in times:
                times[c.time] = _time_signature(c, measure)
            signature = times[c.time]
            if signature is not None:
                by_signature.setdefault(signature, []).append(i)
        self.signatures = list(by_signature)
        self.members = [by_signature[s] for s in self.signatures]
        self.bucket = {i: n for n, own in enumerate(self.members) for i in own}
        self.slack = {i: _slack(intervals[i], terms.tol_abs, terms.tol_rel) for i in self.bucket}
        # Buckets comparable with each bucket, itself included; and whether one article's claims meet there.
        self.near: list[list[tuple[int, bool]]] = [[] for _ in self.signatures]
        if around is None:
            pairs = _bucket_pairs(self.signatures, measure, undated_days)
        else:
            mine = sorted({self.bucket[i] for i in around if i in self.bucket})
            pairs = sorted({(min(n, m), max(n, m)) for n in mine for m in range(len(self.signatures))})
        for n, m in pairs:
            sa, sb = self.signatures[n], self.signatures[m]
            if not _signatures_comparable(sa, sb, measure, undated_days):
                continue
            # one article's undated figures are often of other times or parts (see _times_comparable)
            undated = sa[0] == "interval" and "article" in (sa[1].basis, sb[1].basis)
            self.near[n].append((m, undated))
            if m != n:
                self.near[m].append((n, undated))
        searched = range(len(self.members)) if around is None else {m for n in mine for m, _ in self.near[n]}
        # orders[n][k]: bucket n's claims held by search k, in its order; values[n][k]: their sort keys
        self.orders: list[list[list[int]]] = [[[] for _ in self.searches] for _ in self.members]
        self.values: list[list[list[float]]] = [[[] for _ in self.searches] for _ in self.members]
        for n in searched:
            for k, search in enumerate(self.searches):
                held = [i for i in self.members[n] if search.holds(intervals[i])]
                held.sort(key=lambda i: search.key(intervals[i]), reverse=search.descending)
                self.orders[n][k] = held
                self.values[n][k] = [search.key(intervals[i]) for i in held]

    def compared(self, a: int, b: int, undated: bool) -> bool:
        """:meth:`_PairTest.compared` for claims of two comparable buckets, without reading their times again."""
        if self.claims[a].path != self.claims[b].path:
            return True
        return not undated and not self.pair.excluded(a, b)

    def partners(self, a: int, walk: _Walk | None = None, misses: int | None = MAX_MISSES) -> Iterator[int]:
        """The claims that conflict with ``a``; in a ``walk``, only those it has not reached, and it reaches them."""
        pair = self.pair
        thresholds = _thresholds(self.intervals[a], self.slack[a], self.bounds)
        for m, undated in self.near[self.bucket[a]]:
            for k, past in thresholds:
                order, values = self.orders[m][k], self.values[m][k]
                skip = walk.skips[m][k] if walk is not None else None
                missed = 0
                start = _first(values, past)
                q = start if skip is None else skip.next(start)
                while q < len(order):
                    b = order[q]
                    if self.compared(a, b, undated) and pair.conflict(a, b):
                        if walk is not None:
                            self.take(b, walk)
                        yield b
                    else:
                        missed += 1
                        if misses is not None and missed > misses:
                            break
                    q = q + 1 if skip is None else skip.next(q + 1)

    def walk(self) -> _Walk:
        """Positions of every claim in its bucket's two orders, for a walk that takes claims out as it reaches them."""
        at: dict[int, list[tuple[int, int]]] = {}
        for own in self.orders:
            for k, order in enumerate(own):
                for q, i in enumerate(order):
                    at.setdefault(i, []).append((k, q))
        return _Walk([[_Skip(len(order)) for order in own] for own in self.orders], at, set())

    def take(self, i: int, walk: _Walk) -> None:
        skips = walk.skips[self.bucket[i]]
        for k, q in walk.at.get(i, ()):
            skips[k].take(q)
        walk.reached.add(i)

    def compared_claims(self, only: set[int] | None = None) -> set[int]:
        """The claims (of ``only``, when given) compared with at least one other, in O(n) whatever the articles."""
        out: set[int] = set()
        paths = [_by_path(self.claims, own) for own in self.members]
        within: dict[tuple[int, int, str], set[int]] = {}
        for n, own in enumerate(self.members):
            for a in own if only is None else [i for i in own if i in only]:
                path = self.claims[a].path
                for m, undated in self.near[n]:
                    sharing = paths[m].get(path, [])
                    if len(self.members[m]) > len(sharing):  # claims of other articles are always compared
                        out.add(a)
                        break
                    if undated or not self.pair.terms.same_article:
                        continue
                    if (n, m, path) not in within:
                        within[(n, m, path)] = _article_compared(paths[n][path], sharing, self.claims)
                    if a in within[(n, m, path)]:
                        out.add(a)
                        break
        return out


@dataclass
class _Walk:
    """A walk of a conflict graph: the claims not reached yet in each bucket's two orders."""

    skips: list[list[_Skip]]
    at: dict[int, list[tuple[int, int]]]
    reached: set[int]


def _by_path(claims, own: list[int]) -> dict[str, list[int]]:
    by_path: dict[str, list[int]] = {}
    for i in own:
        by_path.setdefault(claims[i].path, []).append(i)
    return by_path


def _article_compared(own: list[int], sharing: list[int], claims) -> set[int]:
    """The claims of ``own`` compared with one of ``sharing`` (claims of their own article, ``same_article`` on).

    Such a pair is compared unless one figure is a part of the other, both are parts of
    one whole, or both stand in one sentence (:mod:`figures.checks.vetoes`); the claims a
    claim is not compared with are counted, not listed, so an article that is one long
    list of parts costs no more than its length (a sentence holds a bounded number of figures).
    """
    parts_of: dict[int, set[int]] = {}
    with_index: dict[int, set[int]] = {}
    in_sentence: dict[int, set[int]] = {}
    for b in sharing:
        figure = claims[b].figure
        with_index.setdefault(figure.index, set()).add(b)
        in_sentence.setdefault(claims[b].sentence_start, set()).add(b)
        if figure.part_of is not None:
            parts_of.setdefault(figure.part_of, set()).add(b)
    out = set()
    empty: set[int] = set()
    for a in own:
        figure = claims[a].figure
        siblings = parts_of.get(figure.part_of, empty) if figure.part_of is not None else empty
        parts = parts_of.get(figure.index, empty)
        wholes = with_index.get(figure.part_of, empty) if figure.part_of is not None else empty
        excluded = len(siblings) + sum(1 for b in parts if b not in siblings)
        excluded += sum(1 for b in wholes if b not in siblings and b not in parts)
        # the claims of its own sentence, itself among them when it is one of ``sharing``
        same = in_sentence.get(claims[a].sentence_start, empty)
        excluded += sum(1 for b in same if b not in siblings and b not in parts and b not in wholes)
        if len(sharing) > excluded:
            out.add(a)
    return out


def _sweep(members: list[int], pair: _PairTest, targets: frozenset[str] | None = None) -> _Found:
    """What :func:`_pairwise` finds, in O(n log n): no pair is tested twice over.

    The conflict graph is walked part by part (see :func:`_walked_parts`). With
    ``targets``, only pairs with a claim of the articles checked are walked: their cost
    is their own pairs, however often the rest of the group restates the claim.
    """
    claims = pair.claims
    around = None if targets is None else {i for i in members if claims[i].path in targets}
    buckets = _Buckets(members, pair, around)
    if targets is not None:
        return _targeted(buckets, members, claims, targets)
    edges: dict[int, set[int]] = {}
    parts = sorted(part for part in _walked_parts(buckets, members, edges) if len(part) > 1)
    found = _Found(buckets.compared_claims(), parts)
    for part in found.parts:
        if len(part) <= MAX_RELATED + 1:  # small: every pair, as comparing every pair gives it
            found.partners.update({a: {b for b in part if b != a and _conflicting(buckets, a, b)} for a in part})
        else:
            found.partners.update({a: edges.get(a, set()) for a in part})
    return found


def _walked_parts(buckets: _Buckets, members: list[int], edges: dict[int, set[int]]) -> Iterator[list[int]]:
    """The parts of the conflict graph, each sorted, a claim alone when it conflicts with none; ``edges``
    gets each claim's first ``MAX_RELATED`` partners.

    From each claim, the walk goes to the claims it conflicts with that no walk has
    reached yet (see :class:`_Buckets`). Each claim is reached once, so the tests made
    are about one per claim, plus the candidates that fail the exact test, at most
    ``MAX_MISSES`` per search.
    """
    walk = buckets.walk()
    for start in members:
        if start not in buckets.bucket or start in walk.reached:
            continue
        buckets.take(start, walk)
        part, todo = [start], [start]
        while todo:
            a = todo.pop()
            for b in buckets.partners(a, walk):
                part.append(b)
                todo.append(b)
                for x, y in ((a, b), (b, a)):
                    mine = edges.setdefault(x, set())
                    if len(mine) < MAX_RELATED:
                        mine.add(y)
        yield sorted(part)


def _conflicting(buckets: _Buckets, a: int, b: int) -> bool:
    """The exact test of one pair of a part."""
    near = dict(buckets.near[buckets.bucket[a]])
    m = buckets.bucket[b]
    return m in near and buckets.compared(a, b, near[m]) and buckets.pair.conflict(a, b)


def _targeted(buckets: _Buckets, members: list[int], claims, targets: frozenset[str]) -> _Found:
    """The pairs with a claim of the articles checked: each of their claims' partners, found whole."""
    mine = [i for i in members if claims[i].path in targets and i in buckets.bucket]
    conflicts: dict[int, set[int]] = {}
    for a in mine:
        for b in buckets.partners(a, misses=None):
            conflicts.setdefault(a, set()).add(b)
            conflicts.setdefault(b, set()).add(a)
    compared = buckets.compared_claims(set(mine)) | set(conflicts)
    return _bounded(compared, conflicts, claims)


def _reach(signature: tuple, measure: Measure | None, undated_days: int) -> tuple[float, float]:
    """Days (ordinals) outside which no claim at this time is compared: a bound, never tighter than the rules.

    Comparable times overlap once each is widened by the measure's window in years and
    the days an undated claim reaches; a group with many distinct times then meets
    only its neighbours instead of every other time.
    """
    if signature[0] == "none":
        return (-math.inf, math.inf)
    window = measure.time_window if measure is not None else 0
    if signature[0] == "year":
        if signature[1] is None:
            return (math.inf, math.inf)  # compared only with other claims with no year: one bucket
        return (366.0 * (signature[1] - window), 366.0 * (signature[2] + 1))
    if measure is not None and measure.undated_days is not None:
        undated_days = measure.undated_days
    when = signature[1]
    pad = max(undated_days, 0) + 366 * window + 32
    # a released period meets undated claims of the days until the next such period is over
    after = (when.end - when.start).days + 1 if when.resolution in _RELEASED and when.basis != "article" else 0
    return (when.start.toordinal() - pad, when.end.toordinal() + pad + after)


def _bucket_pairs(signatures: list[tuple], measure: Measure | None, undated_days: int) -> list[tuple[int, int]]:
    """Every pair ``(n, m)``, ``n <= m``, of time buckets whose reaches overlap (see :func:`_reach`)."""
    reach = [_reach(s, measure, undated_days) for s in signatures]
    order = sorted(range(len(signatures)), key=lambda n: reach[n])
    pairs = []
    for p, n in enumerate(order):
        pairs.append((n, n))
        for q in range(p + 1, len(order)):
            m = order[q]
            if reach[m][0] > reach[n][1]:
                break
            pairs.append((min(n, m), max(n, m)))
    return sorted(pairs)


def _components(edges: dict[int, set[int]]) -> list[list[int]]:
    seen: set[int] = set()
    out = []
    for start in sorted(edges):
        if start in seen:
            continue
        stack, part = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            part.append(node)
            for other in sorted(edges[node]):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        out.append(sorted(part))
    return out


def _disagreements(
    rule: Rule,
    claims: list[Claim],
    found: _Found,
    pair: _PairTest,
    ctx: CheckContext,
    evidence: dict[int, tuple[int, Evidence]] | None = None,
) -> list[Finding]:
    """One finding per set of claims that disagree, carried by the latest checked article.

    The finding lists the claims the carrier conflicts with first, then the rest of the
    set, at most ``MAX_RELATED`` of them; its message counts them all.
    """
    findings = []
    for part in found.parts:
        candidates = [i for i in part if ctx.targets is None or claims[i].path in ctx.targets]
        if not candidates:
            continue
        carrier = max(candidates, key=lambda i: _sort_key(claims[i]))
        claim = claims[carrier]
        against_set = found.partners[carrier]
        if len(part) > MAX_RELATED + 1:  # partners are bounded there: the carrier's are tested again, once each
            against_set = {j for j in part if j != carrier and pair.compared(carrier, j) and pair.conflict(carrier, j)}
        against = sorted(against_set, key=lambda j: _sort_key(claims[j]))
        rest = sorted((j for j in part if j != carrier and j not in against_set), key=lambda j: _sort_key(claims[j]))
        others = (against + rest)[:MAX_RELATED]
        count = len(against) + len(rest)
        first = claims[against[0]]
        more = f" and {count - 1} more" if count > 1 else ""
        message = (
            f'{measure_label(ctx.rulebook, claim, ctx.world)}: "{claim.figure.surface}" conflicts with '
            f'"{first.figure.surface}" ({first.path}:{first.figure.line}:{first.figure.column}){more}'
            + (f"; same claim: {claim.key_reason}" if claim.key_reason else "")
        )
        matched = _matched_by(evidence or {}, carrier, against[0])
        if matched is not None:
            message += f"; matched by the words {', '.join(matched.shared)} (score {matched.score:.2f})"
        findings.append(finding("FG301", rule, claim, message, tuple(location(claims[j]) for j in others)))
    return findings


def _joined_times(by_time: dict[str, list[int]], claims: list[Claim], terms: _Terms) -> dict[str, list[int]]:
    """The compared claims by time, days the check compares with each other joined in one group.

    Times are compared by their rules, not by their words: a figure dated only by its
    article's day is compared with figures of the days just before it, in articles a day
    or two apart ("2019-03-07" and "2019-03-08"), so one group must hold them, or the
    report would call such a pair not compared. Days are taken in order, each into the
    group whose every day it is compared with (so a group never holds two days the check
    keeps apart) that holds the most claims, the earliest of equals; the group's time
    lists its days ("2019-03-07, 2019-03-08"). Other times (weeks, months, years) keep a
    group each.
    """
    days = _days(by_time, claims, terms.measure)
    if len(days) < 2:
        return _into_periods(by_time, claims, terms)
    groups: list[list[str]] = []
    for label in sorted(days, key=lambda d: (days[d][0][1].start, d)):
        home = _home(label, groups, days, by_time, terms)
        if home is None:
            groups.append([label])
        else:
            home.append(label)
    out = {label: members for label, members in by_time.items() if label not in days}
    for group in groups:
        out[", ".join(group)] = [i for label in group for i in by_time[label]]
    return _into_periods(out, claims, terms)


def _into_periods(by_time: dict[str, list[int]], claims: list[Claim], terms: _Terms) -> dict[str, list[int]]:
    """Days of undated claims only, joined to the released period the check compares them with (see
    :func:`_undated_match`), the period with the most claims first, so that the report does not call
    such a pair not compared; a group never holds two times the check keeps apart."""
    signatures = {
        label: list({_time_signature(claims[i], terms.measure) for i in members}) for label, members in by_time.items()
    }
    periods = sorted(
        (label for label, sigs in signatures.items() if all(_released(sig) for sig in sigs)),
        key=lambda label: (-len(by_time[label]), label),
    )
    if not periods:
        return by_time
    ends = sorted((signatures[label][0][1].end, label) for label in periods)
    rank = {label: n for n, label in enumerate(periods)}
    joined: dict[str, list[str]] = {label: [] for label in periods}
    for label, sigs in sorted(signatures.items()):
        if label in joined or not all(_undated(sig) for sig in sigs):
            continue
        for period in _periods_before(sigs, ends, rank):
            if all(_days_meet(sigs, signatures[other], terms) for other in [period, *joined[period]]):
                joined[period].append(label)
                break
    out = {label: members for label, members in by_time.items() if label not in joined}
    for period, labels in joined.items():
        for label in labels:
            del out[label]
        out[", ".join([period, *labels])] = [i for label in [period, *labels] for i in by_time[label]]
    return out


def _periods_before(sigs: list[tuple], ends: list[tuple], rank: dict[str, int]) -> list[str]:
    """The periods (``ends``: their last days and labels, sorted) that end in the year before these days,
    the most claims first: only they can be the last released before them, so a day costs no more than they."""
    days = [sig[1].start for sig in sigs]
    lo = bisect.bisect_left(ends, (min(days) - datetime.timedelta(days=367),))
    hi = bisect.bisect_left(ends, (max(days),))
    return sorted((label for _, label in ends[lo:hi]), key=rank.__getitem__)


def _undated(signature: tuple | None) -> bool:
    return signature is not None and signature[0] == "interval" and signature[1].basis == "article"


def _released(signature: tuple | None) -> bool:
    return (
        signature is not None
        and signature[0] == "interval"
        and signature[1].resolution in _RELEASED
        and signature[1].basis != "article"
    )


def _days(by_time: dict[str, list[int]], claims: list[Claim], measure: Measure | None) -> dict[str, list[tuple]]:
    """The times that are days, each with its claims' time signatures, by day."""
    days: dict[str, list[tuple]] = {}
    for label, members in by_time.items():
        signatures = {_time_signature(claims[i], measure) for i in members}
        if all(sig is not None and sig[0] == "interval" and sig[1].resolution == "day" for sig in signatures):
            days[label] = sorted(signatures, key=lambda sig: (sig[1].start, sig[1].basis or ""))
    return days


def _home(
    label: str, groups: list[list[str]], days: dict[str, list[tuple]], by_time: dict[str, list[int]], terms: _Terms
) -> list[str] | None:
    """The group a day joins: of those whose every day it is compared with, the one with the most claims."""
    start = days[label][0][1].start.toordinal()
    home, most = None, 0
    for group in reversed(groups):  # groups open in date order: only the last few can be in reach
        if start > _reach(days[group[0]][0], terms.measure, terms.undated_days)[1] + 1:
            break
        size = sum(len(by_time[other]) for other in group)
        if size >= most and all(_days_meet(days[label], days[other], terms) for other in group):
            home, most = group, size
    return home


def _days_meet(a: list[tuple], b: list[tuple], terms: _Terms) -> bool:
    """Whether the check compares every claim of one day with every claim of the other."""
    return all(_signatures_comparable(x, y, terms.measure, terms.undated_days) for x in a for y in b)


def _record(ctx: CheckContext, claims: list[Claim], key: str, found: _Found, terms: _Terms) -> None:
    """Keep what was compared, one group per time, for the report and the worksheet."""
    measure, conflicts = terms.measure, found.partners
    by_time: dict[str, list[int]] = {}
    for i in sorted(found.compared):
        time = (
            "any time" if measure is not None and measure.time == "none" else (claims[i].time_label or "time unknown")
        )
        by_time.setdefault(time, []).append(i)
    for time, members in sorted(_joined_times(by_time, claims, terms).items()):
        members.sort(key=lambda i: _sort_key(claims[i]))
        here = set(members)
        first = claims[members[0]]
        ctx.comparisons.append(
            Comparison(
                key=f"{key}|{time}",
                label=measure_label(ctx.rulebook, first, ctx.world),
                reason=first.key_reason,
                claim_ids=tuple(claims[i].id for i in members),
                conflicting=tuple(claims[i].id for i in members if i in conflicts),
                pairs=tuple(
                    (claims[i].id, claims[j].id)
                    for i in members
                    for j in sorted(conflicts.get(i, ()), key=lambda j: _sort_key(claims[j]))
                    if j in here
                ),
                measure=first.measure,
                entity=first.entity,
                time=None if time == "any time" else time,
            )
        )
