"""consistency: claims that state the same claim must agree.

What it does: groups every claim of the corpus by its key, the context stage's
judgement of what the claim is: the thing measured (a measure from the rule files,
or the thing its words name: "annual inflation", "people killed", "share of the
vote"), the unit, the entity and any city or region it is limited to, the subject
(a company, a candidate), and its role (a level, a change, a forecast, one case or
the general rule). Inside a group, claims are compared only when their times make
it meaningful: the same month with the same month, the same year with the same year
(measures with ``time: year`` compare by year, ``time: none`` at any time); claims
with no time of their own only when their articles appeared within a few days.
Agreement understands intervals, qualifiers and rounding: "more than a dozen" and
"more than 12" agree, "about 1.3 million" and "1,296,000" agree. For measures
compared by their bounds (legal penalties), "five to 12 years" and "up to 20 years"
disagree.

A disagreement is one finding, carried by the latest article among those checked,
listing every other source; its message says why the claims were judged the same.

Why it matters: two articles on one story that disagree on a number mean at least
one of them is wrong, and readers notice.
"""

from __future__ import annotations

import bisect
import datetime
import math

from figures.checks.base import CheckContext, Code, claim_when, finding, location, measure_label, normalized
from figures.checks.vetoes import never_compared
from figures.context import time as timectx
from figures.intervals import bounds_compatible, compatible
from figures.model import Claim, Comparison, Finding, Severity
from figures.rulebook import Measure, Rule

RULE_TYPE = "consistency"
CODES = {
    "FG301": Code(
        code="FG301",
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


def _part_and_whole(f, g) -> bool:
    """Is one figure a part of the other, or are both parts of one total?"""
    return f.part_of == g.index or g.part_of == f.index or (f.part_of is not None and f.part_of == g.part_of)


def _date(claim: Claim) -> datetime.date | None:
    return timectx.parse_article_date(claim.date)


def _time_signature(claim: Claim, measure: Measure | None) -> tuple | None:
    """What of a claim's time decides what it may be compared with; ``None``: never compared."""
    mode = measure.time if measure is not None else "interval"
    if mode == "none":
        return ("none",)
    if mode == "year":
        return ("year", claim.time_low, claim.time_high)
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
        return _undated_match(wa, wb, undated_days)
    return timectx.comparable(wa, wb, measure.time_window if measure is not None else 0)


def _times_comparable(a: Claim, b: Claim, measure: Measure | None, undated_days: int) -> bool:
    sa, sb = _time_signature(a, measure), _time_signature(b, measure)
    if sa is None or sb is None:
        return False
    if a.path == b.path and sa[0] == "interval" and "article" in (sa[1].basis, sb[1].basis):
        return False  # one article's undated figures are often of other times or parts
    return _signatures_comparable(sa, sb, measure, undated_days)


def _undated_match(wa, wb, days: int) -> bool:
    """An undated claim is about its article's day or the ``days`` before it (the event reported)."""
    if wa.basis == "article" and wb.basis == "article":
        return abs((wa.start - wb.start).days) <= days
    article, stated = (wa, wb) if wa.basis == "article" else (wb, wa)
    if stated.resolution == "week":  # "data showed this week": the article's day may be in it
        return stated.start <= article.start and (article.start - stated.end).days <= days
    return stated.resolution == "day" and 0 <= (article.start - stated.start).days <= days


def _sort_key(claim: Claim) -> tuple:
    return (claim.date or "", claim.path, claim.figure.start)


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
        if claim.key is None:
            continue
        measure = measures.get(claim.measure or "")
        if measure is not None:
            if measure.compare == "none" or (wanted and measure.id not in wanted):
                continue
            if claim.entity is None and not (measure.subject and claim.subject):
                continue
        elif not open_keys or wanted:
            continue
        interval = normalized(claim, measure, approx)
        if interval is None:
            continue
        intervals[i] = interval
        groups.setdefault(claim.key, []).append(i)
    findings: list[Finding] = []
    for key in sorted(groups):
        members = groups[key]
        if len(members) < 2:
            continue
        measure = measures.get(claims[members[0]].measure or "")
        test = bounds_compatible if measure is not None and measure.compare == "bounds" else compatible
        tol_abs = measure.tolerance_abs if measure is not None else 0.0
        tol_rel = measure.tolerance_percent / 100 if measure is not None else 0.0
        pair = _PairTest(claims, intervals, measure, test, tol_abs, tol_rel, same_article, undated_days)
        if measure is not None and measure.compare == "bounds":
            # Bounds are not an order: every pair is tested. Such groups are legal penalties, a handful of claims.
            compared, conflicts = _pairwise(members, claims, intervals, pair)
        else:
            compared, conflicts = _sweep(members, claims, intervals, pair, measure, undated_days, tol_abs, tol_rel)
        findings.extend(_disagreements(rule, claims, conflicts, ctx))
        _record(ctx, claims, key, compared, conflicts, measure)
    return findings


class _PairTest:
    """The verdict on one pair of claims of a group: compared or not, and in conflict or not."""

    def __init__(self, claims, intervals, measure, test, tol_abs, tol_rel, same_article, undated_days) -> None:
        self.claims, self.intervals, self.measure, self.test = claims, intervals, measure, test
        self.tol_abs, self.tol_rel, self.same_article, self.undated_days = tol_abs, tol_rel, same_article, undated_days

    def excluded(self, a: int, b: int) -> bool:
        """Claims of one article that are never compared: parts of one whole, two values of one sentence
        (:mod:`figures.checks.vetoes`), or any when ``same_article`` is off."""
        ca, cb = self.claims[a], self.claims[b]
        return ca.path == cb.path and (
            not self.same_article or _part_and_whole(ca.figure, cb.figure) or never_compared(ca, cb)
        )

    def compared(self, a: int, b: int) -> bool:
        ca, cb = self.claims[a], self.claims[b]
        return not self.excluded(a, b) and _times_comparable(ca, cb, self.measure, self.undated_days)

    def conflict(self, a: int, b: int) -> bool:
        return not self.test(self.intervals[a], self.intervals[b], self.tol_abs, self.tol_rel)


def _pairwise(members: list[int], claims, intervals, pair: _PairTest) -> tuple[set[int], dict[int, set[int]]]:
    """Every pair of the group: the claims compared with another, and who conflicts with whom."""
    compared: set[int] = set()
    conflicts: dict[int, set[int]] = {}
    for n, a in enumerate(members):
        for b in members[n + 1 :]:
            if not pair.compared(a, b):
                continue
            compared.update((a, b))
            if pair.conflict(a, b):
                conflicts.setdefault(a, set()).add(b)
                conflicts.setdefault(b, set()).add(a)
    return compared, conflicts


def _slack(interval, tol_abs: float, tol_rel: float) -> float:
    """Half the tolerance this interval alone asks for; a pair's slack is the larger of its two."""
    ends = [abs(x) for x in (interval.low, interval.high) if math.isfinite(x)]
    return (tol_abs + tol_rel * (max(ends) if ends else 0.0)) / 2


def _sweep(
    members: list[int], claims, intervals, pair: _PairTest, measure, undated_days: int, tol_abs: float, tol_rel: float
) -> tuple[set[int], dict[int, set[int]]]:
    """The result of :func:`_pairwise` for value semantics, in O(n log n + k) for k conflicting pairs.

    Claims are bucketed by their time signature (claims of one signature are comparable
    with each other; buckets are compared as wholes, and there are few distinct times in a
    group). Two claims conflict when one widened interval lies wholly left of the other, so
    inside a pair of buckets each claim only meets, by binary search over the other bucket
    sorted by its low end, the claims that start to its right beyond its own slack; only
    those get the exact pairwise test. Pairs within one article are the only exceptions to
    "same signature, same verdict", and an article has few claims of one key.
    """
    buckets: dict[tuple, list[int]] = {}
    for i in members:
        signature = _time_signature(claims[i], measure)
        if signature is not None:
            buckets.setdefault(signature, []).append(i)
    signatures = list(buckets)
    slack = {i: _slack(intervals[i], tol_abs, tol_rel) for i in members}
    by_low = {}
    for s in signatures:
        ordered = sorted(buckets[s], key=lambda i: intervals[i].low)
        by_low[s] = (ordered, [intervals[i].low for i in ordered])
    compared: set[int] = set()
    conflicts: dict[int, set[int]] = {}
    for n, m in _bucket_pairs(signatures, measure, undated_days):
        sa, sb = signatures[n], signatures[m]
        if not _signatures_comparable(sa, sb, measure, undated_days):
            continue
        left, right = buckets[sa], buckets[sb]
        _compared_across(left, right, n == m, pair, compared)
        for a_side, b_sig in ((left, sb), (right, sa)) if n != m else ((left, sb),):
            ordered, lows = by_low[b_sig]
            for a in a_side:
                ia = intervals[a]
                # A conflict needs b.low - s > a.high + s with s at least a's slack (floats round monotonically).
                for b in ordered[bisect.bisect_right(lows, ia.high + slack[a]) :]:
                    if intervals[b].low - slack[b] <= ia.high or a == b:
                        continue
                    if pair.compared(a, b) and pair.conflict(a, b):
                        conflicts.setdefault(a, set()).add(b)
                        conflicts.setdefault(b, set()).add(a)
    return compared, conflicts


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
    return (when.start.toordinal() - pad, when.end.toordinal() + pad)


def _bucket_pairs(signatures: list[tuple], measure: Measure | None, undated_days: int) -> list[tuple[int, int]]:
    """Every pair ``(n, m)``, ``n <= m``, of time buckets whose reaches overlap (see :func:`_reach`)."""
    reach = [_reach(s, measure, undated_days) for s in signatures]
    order = sorted(range(len(signatures)), key=lambda n: reach[n])
    pairs = []
    for p, n in enumerate(order):
        pairs.append((n, n))
        for m in order[p + 1 :]:
            if reach[m][0] > reach[n][1]:
                break
            pairs.append((min(n, m), max(n, m)))
    return sorted(pairs)


def _compared_across(left: list[int], right: list[int], same: bool, pair: _PairTest, compared: set[int]) -> None:
    """Mark the claims of two comparable buckets that are compared with at least one other claim."""
    paths_left: dict[str, list[int]] = {}
    for i in left:
        paths_left.setdefault(pair.claims[i].path, []).append(i)
    paths_right = paths_left if same else {}
    if not same:
        for i in right:
            paths_right.setdefault(pair.claims[i].path, []).append(i)
    for side, other, other_size in ((paths_left, paths_right, len(right)), (paths_right, paths_left, len(left))):
        for path, own in side.items():
            if all(i in compared for i in own):
                continue
            sharing = other.get(path, [])
            # Claims of other articles are always compared; within one article, only some pairs are.
            if other_size - len(sharing) > 0:
                compared.update(own)
                continue
            for a in own:
                if any(b != a and pair.compared(a, b) for b in sharing):
                    compared.add(a)


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


def _disagreements(rule: Rule, claims: list[Claim], conflicts: dict[int, set[int]], ctx: CheckContext) -> list[Finding]:
    """One finding per set of claims that disagree, carried by the latest checked article."""
    findings = []
    for part in _components(conflicts):
        candidates = [i for i in part if ctx.targets is None or claims[i].path in ctx.targets]
        if not candidates:
            continue
        carrier = max(candidates, key=lambda i: _sort_key(claims[i]))
        claim = claims[carrier]
        against = sorted(conflicts[carrier], key=lambda j: _sort_key(claims[j]))
        others = against + sorted(
            (j for j in part if j != carrier and j not in against), key=lambda j: _sort_key(claims[j])
        )
        first = claims[against[0]]
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        message = (
            f'{measure_label(ctx.rulebook, claim, ctx.world)}: "{claim.figure.surface}" conflicts with '
            f'"{first.figure.surface}" ({first.path}:{first.figure.line}:{first.figure.column}){more}'
            + (f"; same claim: {claim.key_reason}" if claim.key_reason else "")
        )
        findings.append(finding("FG301", rule, claim, message, tuple(location(claims[j]) for j in others)))
    return findings


def _record(
    ctx: CheckContext,
    claims: list[Claim],
    key: str,
    compared: dict[int, set[int]],
    conflicts: dict[int, set[int]],
    measure: Measure | None,
) -> None:
    """Keep what was compared, one group per time, for the report and the worksheet."""
    by_time: dict[str, list[int]] = {}
    for i in sorted(compared):
        time = "any time" if measure is not None and measure.time == "none" else (claims[i].time or "time unknown")
        by_time.setdefault(time, []).append(i)
    for time, members in sorted(by_time.items()):
        members.sort(key=lambda i: _sort_key(claims[i]))
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
                    if j in members
                ),
                measure=first.measure,
                entity=first.entity,
                time=None if time == "any time" else time,
            )
        )
