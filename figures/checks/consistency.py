"""consistency: claims of the same measure, entity and time must agree.

What it does: groups every claim in the corpus by measure, entity and year (with
pandas, by key, never comparing every pair of the corpus) and compares the claims
inside each group. Agreement understands intervals, qualifiers and rounding: "more
than a dozen" and "more than 12" agree, "between 200 and 350" (2008-2014) and "295"
(2008) agree, 30% and "a third" agree within the measure's tolerance. For measures
compared by their bounds (legal penalties), "five to 12 years" and "up to 20 years"
disagree. Claims about other years or other measures are never compared.

Why it matters: two articles on one story that disagree on a number mean at least
one of them is wrong, and readers notice.
"""

from __future__ import annotations

import itertools

import pandas as pd

from figures.checks.base import CheckContext, Code, finding, location, measure_label, normalized
from figures.intervals import bounds_compatible, compatible
from figures.model import Claim, Finding, Severity
from figures.rulebook import Rule

RULE_TYPE = "consistency"
CODES = {
    "FG301": Code(
        code="FG301",
        title="Conflicting claims",
        what="Two claims of the same measure, about the same entity and time, cannot both be true.",
        why="Articles on the same story must not disagree on their numbers; one of them needs a correction.",
        example='One article: "Tajik mercenaries face up to 20 years in prison". '
        'Another: "Tajikistan punishes it with five to 12 years".',
        fix="Check both figures against a primary source; correct the wrong one, or add a reference fact "
        "so the next check says which is right.",
        severity=Severity.ERROR,
    )
}


def _part_and_whole(f, g) -> bool:
    """Is one figure a part of the other, or are both parts of one total?"""
    return f.part_of == g.index or g.part_of == f.index or (f.part_of is not None and f.part_of == g.part_of)


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Compare claims group by group; one finding per claim that conflicts with others."""
    measures = ctx.rulebook.measures
    wanted = set(rule.settings.get("measures") or [])
    approx = float(rule.settings.get("approx_percent", 10.0)) / 100
    same_article = bool(rule.settings.get("same_article", True))
    rows = []
    intervals = {}
    for i, claim in enumerate(claims):
        measure = measures.get(claim.measure or "")
        if measure is None or measure.compare == "none" or claim.entity is None:
            continue
        if wanted and measure.id not in wanted:
            continue
        interval = normalized(claim, measure, approx)
        if interval is None:
            continue
        intervals[i] = interval
        if measure.time == "none":
            buckets = ["any"]
        elif claim.time_low is None:
            buckets = ["unknown"]
        else:
            w = measure.time_window
            buckets = [str(y) for y in range(claim.time_low - w, claim.time_high + w + 1)]
        rows.append({"claim": i, "measure": measure.id, "entity": claim.entity, "bucket": buckets})
    if not rows:
        return []
    table = pd.DataFrame(rows).explode("bucket")
    conflicts: dict[int, set[int]] = {}
    compared: set[tuple[int, int]] = set()
    for (measure_id, _entity, _bucket), group in table.groupby(["measure", "entity", "bucket"], sort=True):
        measure = measures[measure_id]
        members = sorted(set(group["claim"]))
        for a, b in itertools.combinations(members, 2):
            if (a, b) in compared:
                continue
            compared.add((a, b))
            if claims[a].path == claims[b].path:
                if not same_article or _part_and_whole(claims[a].figure, claims[b].figure):
                    continue
            test = bounds_compatible if measure.compare == "bounds" else compatible
            if not test(intervals[a], intervals[b], measure.tolerance_abs, measure.tolerance_percent / 100):
                conflicts.setdefault(a, set()).add(b)
                conflicts.setdefault(b, set()).add(a)
    findings = []
    for i in sorted(conflicts):
        claim = claims[i]
        others = sorted(conflicts[i], key=lambda j: (claims[j].path, claims[j].figure.start))
        first = claims[others[0]]
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        message = (
            f'{measure_label(ctx.rulebook, claim)}: "{claim.figure.surface}" conflicts with '
            f'"{first.figure.surface}" ({first.path}:{first.figure.line}:{first.figure.column}){more}'
        )
        findings.append(finding("FG301", rule, claim, message, tuple(location(claims[j]) for j in others)))
    return findings
