"""What every check shares: its documentation record, context, and claim normalization."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from figures.core.intervals import Interval, from_figure
from figures.core.units import UnitError, factor, is_currency, period_factor
from figures.model import (
    Claim,
    ClaimRole,
    Comparison,
    FactComparison,
    Finding,
    Location,
    Modality,
    Notice,
    Qualifier,
    Severity,
    TimeMatch,
)
from figures.rules.records import Measure, Rule, Rulebook


@dataclass(frozen=True)
class Code:
    """The documentation of one finding code: ruff's What / Why / Example / Use instead."""

    code: str
    title: str
    what: str
    why: str
    example: str
    fix: str
    severity: Severity = Severity.ERROR
    name: str = ""  # PascalCase, as code-scanning dashboards show the rule (SARIF's rule name)


@dataclass
class CheckContext:
    """What a check may read besides the claims, and where it records what it compared.

    ``targets`` are the articles being checked (``None``: every article); a finding
    about a disagreement is carried by a claim of a target article. The consistency
    check records its groups in ``comparisons``, the reference check each claim it
    compared with a fact in ``facts``.
    """

    rulebook: Rulebook
    world: Any = None
    targets: frozenset[str] | None = None
    comparisons: list[Comparison] = field(default_factory=list)
    facts: list[FactComparison] = field(default_factory=list)

    def place_name(self, entity: str | None) -> str:
        if not entity:
            return ""
        if self.world is not None:
            return self.world.name(entity)
        known = self.rulebook.entities.get(entity)
        return known.name if known else entity


def measure_label(rulebook: Rulebook, claim: Claim, world: Any = None) -> str:
    """``prison term for mercenaries (Tajikistan, 2021)``, ``annual inflation (Turkey, Ankara, 2022-12)``."""
    measure = rulebook.measures.get(claim.measure or "")
    label = measure.label if measure else (claim.label or "figure")
    if claim.role not in (ClaimRole.LEVEL, ClaimRole.PART) or claim.modality != Modality.ACTUAL:
        label = f"{label}, {claim.role if claim.modality == Modality.ACTUAL else claim.modality}"
    where = []
    if claim.entity:
        if world is not None:
            where.append(world.name(claim.entity))
        else:
            entity = rulebook.entities.get(claim.entity)
            where.append(entity.name if entity else claim.entity)
    if claim.place:
        where.append(claim.place)
    if claim.subject and (measure is None or measure.subject):
        where.append(claim.subject)
    if claim.time and (measure is None or measure.time != TimeMatch.NONE):
        where.append(claim.time.label)
    return f"{label} ({', '.join(where)})" if where else label


def location(claim: Claim) -> Location:
    return Location(claim.path, claim.figure.line, claim.figure.column, claim.figure.surface)


def finding(
    code: str, rule: Rule, claim: Claim, message: str, related: tuple[Location, ...] = (), source: str | None = None
) -> Finding:
    """A finding located at a claim's figure."""
    notice = Notice(code, rule.severity, message, rule.id, rule.type, related, source)
    return Finding.at_figure(notice, claim.path, claim.figure, claim)


def normalized(claim: Claim, measure: Measure | None, approx: float = 0.10) -> Interval | None:
    """The claim's interval in its measure's unit and period, or ``None`` if it cannot be put there.

    Currencies are left as stated when the measure names none, so amounts in two
    currencies are never compared without a rate.
    """
    f = claim.figure
    scale = 1.0
    if measure is not None and measure.unit and f.unit != measure.unit:
        if is_currency(f.unit) and is_currency(measure.unit):
            return None
        try:
            scale = factor(f.unit, measure.unit)
        except UnitError:
            return None
    if measure is not None and measure.period:
        if f.period is None:
            return None
        try:
            scale *= period_factor(f.period, measure.period)
        except UnitError:
            return None
    interval = from_figure(f, scale=scale, approx=approx)
    if interval is not None and "vague" in f.flags and math.isfinite(interval.high):
        # "thousands of homes" is said of 12,000 homes as well: a vague amount gives only its order's floor
        return Interval(interval.low, math.inf, Qualifier.AT_LEAST)
    return interval


def fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.4g}" if abs(value) < 1000 else f"{value:,.0f}"


def claim_when(claim: Claim):
    """The claim's time as a :class:`figures.context.time.When`, or ``None``."""
    from figures.context.time import When

    t = claim.time
    if t is None:
        return None
    return When(t.start, t.end, t.resolution, t.label, basis=t.basis, anchor=t.anchor)
