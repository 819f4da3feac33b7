"""total: parts stated with a total must add up, and so must products.

What it does: when an article gives a total and its parts in one breath ("at least
93 citizens (40 from Tajikistan, 34 from Uzbekistan, 19 from Kyrgyzstan)"), the
parts' sum must fit the total, with its qualifier ("at least 93" fits a sum of 93
or more). Parts introduced by "including" or "among them" may sum to less. When
it gives a product ("20 buses with 53 people each") and a total of the same thing
in the same sentence, the product must match it.

Why it matters: parts that do not add up are the most common arithmetic slip in
copy, and the easiest for a reader to catch.
"""

from __future__ import annotations

import math

from figures.checks.base import CheckContext, Code, finding, fmt, location
from figures.core.intervals import INF, Interval, compatible, from_figure
from figures.model import Claim, Finding, Qualifier, Severity
from figures.rules.records import Rule
from figures.rules.spec import COMMON, TOLERANCE, Key, severity

RULE_TYPE = "total"
CODES = {
    "FG201": Code(
        code="FG201",
        name="PartsDoNotAddUp",
        title="Parts do not add up",
        what="The parts listed with a total do not sum to it.",
        why="A reader who adds the parts finds the article wrong.",
        example='"at least 93 citizens (30 from Tajikistan, 34 from Uzbekistan, 19 from Kyrgyzstan)" sums to 83.',
        fix="Recheck each part and the total against the source.",
        severity=Severity.ERROR,
    ),
    "FG202": Code(
        code="FG202",
        name="ProductDoesNotMatchTotal",
        title="Product does not match its total",
        what="A count per unit times the number of units differs from the total the sentence states.",
        why="Multiplication slips in copy are easy to check and embarrassing to publish.",
        example='"1,200 people in 20 buses with 53 people each" (20 x 53 = 1,060).',
        fix="Recheck the count, the number of units and the total.",
        severity=Severity.ERROR,
    ),
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("error"),
    "tolerance": TOLERANCE,
}


def _sum(intervals: list[Interval]) -> Interval:
    return Interval(sum(i.low for i in intervals), sum(i.high for i in intervals), Qualifier.RANGE)


def _product(units: Interval, each: Interval) -> Interval | None:
    """``units`` times ``each`` as an interval; ``None`` when either may be negative.

    "20 buses with at least 53 people each" is 1,060 or more: an open end stays open.
    """
    if units.low < 0 or each.low < 0:
        return None
    low = units.low * each.low
    high = INF if math.isinf(units.high) or math.isinf(each.high) else units.high * each.high
    return Interval(low, max(low, high), Qualifier.RANGE)


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Check every total with parts, and every product with a stated total, article by article."""
    tol = rule.settings.get("tolerance") or {}
    absolute = float(tol.get("abs", 0.0))
    relative = float(tol.get("percent", 0.0)) / 100
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.path, []).append(claim)
    findings = []
    for path in sorted(by_article):
        article = {c.figure.index: c for c in by_article[path]}
        by_sentence: dict[int, list[Claim]] = {}  # products meet totals in their own sentence only
        for c in by_article[path]:
            by_sentence.setdefault(c.sentence_start, []).append(c)
        for claim in by_article[path]:
            f = claim.figure
            if f.parts and all(p in article for p in f.parts):
                parts = [from_figure(article[p].figure) for p in f.parts]
                total = from_figure(f)
                parts_sum = _sum(parts)
                partial = "partial_parts" in f.flags and parts_sum.high <= total.high
                if not partial and not compatible(total, parts_sum, absolute, relative):
                    surfaces = " + ".join(article[p].figure.surface for p in f.parts)
                    message = f'"{f.surface}": the parts {surfaces} add up to {fmt(parts_sum.low)}'
                    related = tuple(location(article[p]) for p in f.parts)
                    findings.append(finding("FG201", rule, claim, message, related))
            if f.each_of is not None and f.each_of in article:
                units = article[f.each_of]
                product = _product(from_figure(units.figure), from_figure(f))
                if product is None:
                    continue
                for other in by_sentence[claim.sentence_start]:
                    g = other.figure
                    if g.index in (f.index, f.each_of) or g.each_of is not None:
                        continue  # another "53 people each" is a count per unit, not a total
                    if g.dimension != "count" or not g.noun.split() or g.noun.split()[-1:] != f.noun.split()[-1:]:
                        continue
                    if not compatible(from_figure(g), product, absolute, relative):
                        message = (
                            f'"{g.surface}": {units.figure.surface} with {f.surface} each makes {fmt(product.low)}'
                        )
                        findings.append(finding("FG202", rule, other, message, (location(units), location(claim))))
    return findings
