"""reference: a measure for an entity (and time) has a known value, with its source.

What it does: each fact in a reference rule file gives a value or interval for a
measure, optionally for one entity and one year or span, with a tolerance and a
source. Every claim of that measure, entity and time is compared with it, with the
same interval logic as the consistency check; claims outside it are findings that
cite the source.

Why it matters: when articles disagree, a reference says which one is wrong, and
when they agree on a wrong number, only a reference catches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from figures.checks.base import CheckContext, Code, finding, fmt, measure_label, normalized
from figures.core.errors import RuleFileError
from figures.core.intervals import INF, Interval, bounds_compatible, compatible
from figures.core.units import UnitError, factor
from figures.model import Claim, CompareBy, FactComparison, FactVerdict, Finding, Qualifier, Severity, TimeMatch
from figures.rules.records import Measure, Rule
from figures.rules.spec import COMMON, SOURCE, TOLERANCE, Key, check_unit, line_of, severity

RULE_TYPE = "reference"
CODES = {
    "FG101": Code(
        code="FG101",
        name="OutsideReference",
        title="Outside the reference value",
        what="A claim differs from the known value of its measure, entity and time in a reference rule file.",
        why="A figure that contradicts the official source is wrong however many articles repeat it.",
        example="Reference: 300,000 men called up in the 2022 mobilization (Russian Ministry of Defence). "
        'Article: "about 200,000 men were called up".',
        fix="Correct the figure to the source's value, or, if the source is out of date, update the fact "
        "(with its new source) in the rule file.",
        severity=Severity.ERROR,
    )
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("error"),
    "facts": Key(
        "list[map]",
        "Known values with their sources.",
        required=True,
        keys={
            "measure": Key("str", "Measure id from measures.yaml.", required=True),
            "entity": Key("str", "Entity id from entities.yaml."),
            "time": Key("str", "Year or span (`2021`, `2008-2014`) the fact is about."),
            "value": Key("number", "The value (or give low and high)."),
            "low": Key("number", "Lower bound."),
            "high": Key("number", "Upper bound."),
            "unit": Key("str", "Unit of value/low/high; defaults to the measure's unit."),
            "tolerance": TOLERANCE,
            "source": SOURCE,
            "note": Key("str", "Anything a checker should know."),
        },
    ),
}


def _span(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    m = re.fullmatch(r"\s*(\d{4})\s*(?:-|–|to)?\s*(\d{4})?\s*", str(value))
    if not m:
        return None
    low = int(m.group(1))
    return low, int(m.group(2) or low)


def _fact_interval(fact: dict, unit_scale: float) -> Interval:
    if "value" in fact:
        low = high = float(fact["value"])
        qualifier = Qualifier.EXACT
    else:
        low = float(fact.get("low", -INF))
        high = float(fact.get("high", INF))
        qualifier = Qualifier.RANGE
    return Interval(low, high, qualifier).scaled(unit_scale) if unit_scale != 1.0 else Interval(low, high, qualifier)


def _describe(fact: dict) -> str:
    unit = fact.get("unit") or ""
    if "value" in fact:
        text = fmt(float(fact["value"]))
    else:
        text = (
            f"{fmt(float(fact['low'])) if 'low' in fact else '…'}–{fmt(float(fact['high'])) if 'high' in fact else '…'}"
        )
    return f"{text} {unit}".strip()


_YEARS = re.compile(r"\s*(\d{4})\s*(?:(?:-|–|to)\s*(\d{4}))?\s*")


def check_settings(rule: Rule, data: Any) -> None:
    """Each fact's time is a year or a span of years, its unit a unit, its low not above its high."""
    for fact, raw in zip(rule.settings["facts"], data["facts"], strict=True):
        if fact.get("time") is not None:
            m = _YEARS.fullmatch(str(fact["time"]))
            if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
                raise RuleFileError(
                    rule.path,
                    line_of(raw, "time"),
                    f"'time' is '{fact['time']}', not a year or a span of years",
                    "write 2021 or 2008-2014",
                )
        if fact.get("unit") is not None:
            check_unit(rule.path, line_of(raw, "unit"), "unit", fact["unit"])
        low, high = fact.get("low"), fact.get("high")
        if low is not None and high is not None and low > high:
            raise RuleFileError(rule.path, line_of(raw, "low"), f"'low' {low} is above 'high' {high}")


@dataclass(frozen=True)
class _Fact:
    """One fact of a reference rule, read once: its interval in its measure's unit, and what it covers."""

    name: str  # the rule's id and the fact's place in its file: "reference.mobilization#1"
    fact: dict
    measure: Measure
    reference: Interval
    absolute: float
    relative: float
    span: tuple[int, int] | None

    @classmethod
    def of(cls, name: str, fact: dict, measure: Measure) -> _Fact | None:
        """The fact, or ``None`` when its unit does not convert to its measure's."""
        unit = fact.get("unit") or measure.unit
        scale = 1.0
        if unit and measure.unit and unit != measure.unit:
            try:
                scale = factor(unit, measure.unit)
            except UnitError:
                return None
        tol = fact.get("tolerance") or {}
        return cls(
            name=name,
            fact=fact,
            measure=measure,
            reference=_fact_interval(fact, scale),
            absolute=float(tol.get("abs", measure.tolerance_abs)),
            relative=float(tol.get("percent", measure.tolerance_percent)) / 100,
            span=_span(fact.get("time")),
        )

    @property
    def title(self) -> str:
        return self.fact["source"]["title"]

    @property
    def source(self) -> str:
        url = self.fact["source"].get("url")
        return self.title + (f" <{url}>" if url else "")

    def covers(self, claim: Claim) -> bool:
        """Whether the claim is of the fact's measure, entity and time."""
        if claim.measure != self.measure.id:
            return False
        if self.fact.get("entity") and claim.entity != self.fact["entity"]:
            return False
        if not self.span or self.measure.time == TimeMatch.NONE:
            return True
        return claim.time is not None and claim.time.last_year >= self.span[0] and claim.time.first_year <= self.span[1]

    def agrees(self, interval: Interval) -> bool:
        test = bounds_compatible if self.measure.compare == CompareBy.BOUNDS else compatible
        return test(interval, self.reference, self.absolute, self.relative)


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Compare each claim with the facts that cover it; each comparison is recorded in ``ctx.facts``."""
    findings = []
    for number, raw in enumerate(rule.settings["facts"], start=1):
        fact = _Fact.of(f"{rule.id}#{number}", raw, ctx.rulebook.measures[raw["measure"]])
        if fact is None:
            continue
        for claim in filter(fact.covers, claims):
            interval = normalized(claim, fact.measure)
            if interval is None:
                continue
            agrees = fact.agrees(interval)
            verdict = FactVerdict.AGREES if agrees else FactVerdict.OUTSIDE
            ref = fact.reference
            ctx.facts.append(FactComparison(claim.id, fact.name, verdict, ref.low, ref.high, fact.title))
            if agrees:
                continue
            message = (
                f'{measure_label(ctx.rulebook, claim)}: "{claim.figure.surface}" is outside the reference '
                f"{_describe(raw)} ({fact.title})"
            )
            findings.append(finding("FG101", rule, claim, message, source=fact.source))
    return findings
