"""total: parts stated with a total must add up, and so must products and shares.

What it does: when an article gives a total and its parts in one breath ("at least
93 citizens (40 from Tajikistan, 34 from Uzbekistan, 19 from Kyrgyzstan)"), the
parts' sum must fit the total, with its qualifier ("at least 93" fits a sum of 93
or more). Parts introduced by "including" or "among them" may sum to less. Parts
written out without a bracket are read too (:mod:`figures.checks.breakdown`): "Of the
214 passengers, 150 were adults and 72 were children", "3,200 refugees, of whom 1,900
came from Sudan and the other 1,100 from Chad", a colon list, "paid in instalments of
€30 million, €40 million and €20 million"; there the parts must make the total only
when the sentence says they cover it (a colon list, instalments, "the rest", categories
that split a whole such as men and women), and may not exceed it only when they cannot
overlap (money, places, one class of categories). When it gives a product ("20 buses
with 53 people each", "£45m payable in four instalments of £12m") and a total of the
same thing in the same sentence, the product must match it. A count stated with its
share and the share's whole ("120 jobs, or 15% of its staff of 800") must give that
share.

Why it matters: parts that do not add up are the most common arithmetic slip in
copy, and the easiest for a reader to catch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from figures.checks.base import CheckContext, Code, finding, fmt, location
from figures.checks.breakdown import Breakdown, Product, Sentence, Share, instalment_breakdowns, sentences, written
from figures.core.intervals import INF, Interval, compatible, from_figure
from figures.model import Claim, Dimension, Figure, Finding, Qualifier, Severity
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
    "FG203": Code(
        code="FG203",
        name="ShareDoesNotMatchCount",
        title="Share does not match its count",
        what="A count is given with its share of a whole the sentence states, and the count over the whole differs.",
        why="A share that does not fit its own count tells the reader that one of the three figures is wrong.",
        example='"120 people, or 15% of the staff of 800" (120 of 800 is 15%; 25% would be wrong).',
        fix="Recompute the share from the count and the whole, or recheck both against the source.",
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


@dataclass(frozen=True)
class _Article:
    """One article's claims, by figure and by sentence, with the rule's tolerance."""

    rule: Rule
    claims: list[Claim]
    absolute: float
    relative: float

    @cached_property
    def by_index(self) -> dict[int, Claim]:
        return {c.figure.index: c for c in self.claims}

    @cached_property
    def by_sentence(self) -> dict[int, list[Claim]]:
        out: dict[int, list[Claim]] = {}  # products meet totals in their own sentence only
        for c in self.claims:
            out.setdefault(c.sentence_start, []).append(c)
        return out

    def fits(self, a: Interval, b: Interval) -> bool:
        return compatible(a, b, self.absolute, self.relative)


def _parts(claim: Claim, article: _Article) -> list[Finding]:
    """FG201 when a total's parts do not add up to it."""
    f, by_index = claim.figure, article.by_index
    if not f.parts or not all(p in by_index for p in f.parts):
        return []
    total = from_figure(f)
    parts_sum = _sum([from_figure(by_index[p].figure) for p in f.parts])
    if "partial_parts" in f.flags and parts_sum.high <= total.high:
        return []
    if article.fits(total, parts_sum):
        return []
    surfaces = " + ".join(by_index[p].figure.surface for p in f.parts)
    message = f'"{f.surface}": the parts {surfaces} add up to {fmt(parts_sum.low)}'
    related = tuple(location(by_index[p]) for p in f.parts)
    return [finding("FG201", article.rule, claim, message, related)]


def _same_thing_counted(each: Figure, other: Figure) -> bool:
    """Whether ``other`` can be the total of a product whose count per unit is ``each``."""
    if other.index in (each.index, each.each_of) or other.each_of is not None:
        return False  # another "53 people each" is a count per unit, not a total
    head = other.noun.split()[-1:]
    return other.dimension == Dimension.COUNT and bool(head) and head == each.noun.split()[-1:]


def _products(claim: Claim, article: _Article) -> list[Finding]:
    """FG202 for each total of its sentence a product ("20 buses with 53 people each") does not match."""
    f = claim.figure
    if f.each_of is None or f.each_of not in article.by_index:
        return []
    units = article.by_index[f.each_of]
    product = _product(from_figure(units.figure), from_figure(f))
    if product is None:
        return []
    out = []
    for other in article.by_sentence[claim.sentence_start]:
        g = other.figure
        if _same_thing_counted(f, g) and not article.fits(from_figure(g), product):
            message = f'"{g.surface}": {units.figure.surface} with {f.surface} each makes {fmt(product.low)}'
            out.append(finding("FG202", article.rule, other, message, (location(units), location(claim))))
    return out


def _written_out(b: Breakdown, article: _Article) -> list[Finding]:
    """FG201 for parts written out beyond a bracket, when the sentence says they must fit."""
    # a bare part after an amount ("€85 million, of which 50 million") is read in its unit
    parts_sum = _sum([written(p.figure) for p in b.parts])
    slack = article.absolute + article.relative * max(abs(parts_sum.low), 1.0)
    too_many = b.disjoint and len(b.parts) >= 2
    wholes = [written(t.figure) for t in b.totals] or [_WHOLE]
    if any(
        not (too_many and parts_sum.low > whole.high + slack)
        and not (b.exhaustive and parts_sum.high < whole.low - slack)
        for whole in wholes
    ):
        return []
    at = b.totals[0] if b.totals else b.parts[0]
    surfaces = " + ".join(p.figure.surface for p in b.parts)
    whole = f'"{at.figure.surface}"' if b.totals else "the whole"
    message = f"{whole}: the parts {surfaces} add up to {fmt(round(parts_sum.low, 4))}"
    message += "%, not 100%" if not b.totals else ""
    related = tuple(location(p) for p in b.parts if p is not at)
    return [finding("FG201", article.rule, at, message, related)]


# Shares of one whole named without a figure ("Of the votes cast, 52% ...") make 100%.
_WHOLE = Interval(100.0, 100.0, Qualifier.EXACT)


def _paid_in_equal_parts(p: Product, article: _Article) -> list[Finding]:
    """FG202 when no amount of the sentence is the number of instalments times each one."""
    product = _product(written(p.units.figure), written(p.each.figure))
    if product is None or any(article.fits(written(t.figure), product) for t in p.totals):
        return []
    total = p.totals[0]
    message = f'"{total.figure.surface}": {p.units.figure.surface} of {p.each.figure.surface} make {fmt(product.low)}'
    return [finding("FG202", article.rule, total, message, (location(p.units), location(p.each)))]


def _share(sh: Share, article: _Article) -> list[Finding]:
    """FG203 when a count over its whole is not the share stated with it."""
    count, whole, share = written(sh.count.figure), written(sh.whole.figure), from_figure(sh.share.figure)
    if sh.share.figure.precision == 1.0:  # a whole percent is rounded too: "15%" covers 14.5-15.5
        share = share.widened(absolute=0.5)
    if whole.low <= 0 or count.low < 0 or math.isinf(whole.low):
        return []
    high = INF if math.isinf(count.high) or math.isinf(whole.high) else count.high / whole.low * 100
    ratio = Interval(count.low / whole.high * 100 if math.isfinite(whole.high) else 0.0, high, Qualifier.RANGE)
    if article.fits(ratio, share):
        return []
    point = sh.count.figure.low / sh.whole.figure.low * 100 if sh.count.figure.low and sh.whole.figure.low else None
    told = f"{fmt(round(point, 1))}%" if point is not None else "another share"
    message = f'"{sh.share.figure.surface}": {sh.count.figure.surface} of {sh.whole.figure.surface} is {told}'
    return [finding("FG203", article.rule, sh.share, message, (location(sh.count), location(sh.whole)))]


def _sentence(s: Sentence, article: _Article) -> list[Finding]:
    """The findings of one sentence's written-out breakdowns, instalments and shares."""
    out: list[Finding] = []
    for b in [*s.breakdowns, *instalment_breakdowns(s)]:
        out += _written_out(b, article)
    for p in s.products():
        out += _paid_in_equal_parts(p, article)
    for sh in s.shares():
        out += _share(sh, article)
    return out


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
        article = _Article(rule, by_article[path], absolute, relative)
        for claim in article.claims:
            findings += _parts(claim, article) + _products(claim, article)
        for s in sentences(article.claims):
            findings += _sentence(s, article)
    return findings
