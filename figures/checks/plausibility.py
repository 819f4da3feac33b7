"""plausibility: bounds and types a figure must respect whatever other articles say.

What it does: a count of people is a whole number, so "63.389 Tajiks" (three digits
after the dot) is a thousands separator written the European way or mistyped, while
an average such as "2.5 people per household" is left alone; a share of something lies within 0-100%; an age
lies within a human life; pay per period is not below the legal floor the rule
file names, with its source ("an annual salary of 50,000 rubles" is 4,167 rubles a
month, below any Russian minimum wage since 2018).

Why it matters: these slips survive every comparison between articles, because a
rewrite copies them; only a sanity bound catches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from figures.checks.base import CheckContext, Code, finding, fmt
from figures.core.errors import RuleFileError
from figures.core.units import UnitError, is_currency, period_factor
from figures.model import Claim, Dimension, Figure, Finding, Severity
from figures.rules.records import Measure, Rule
from figures.rules.spec import COMMON, SOURCE, Key, check_period, line_of, severity

RULE_TYPE = "plausibility"
CODES = {
    "FG501": Code(
        code="FG501",
        name="DecimalCountOfPeople",
        title="A count of people with a decimal separator",
        what="A number of people is written with a dot and three digits, which reads as a decimal part.",
        why='"63.389 Tajiks" reads as sixty-three people and a fraction; the writer meant 63,389.',
        example='"In 2020 alone, 63.389 Tajiks acquired citizenship."',
        fix='Write the thousands separator of the house style: "63,389 Tajiks".',
        severity=Severity.ERROR,
    ),
    "FG502": Code(
        code="FG502",
        name="ShareOutOfRange",
        title="A share outside 0-100%",
        what="A share of a whole is negative or above 100%.",
        why="No part is larger than its whole; the figure or its unit is wrong.",
        example='"Remittances make up 130% of GDP."',
        fix="Check the figure and whether it is a share, a ratio, or a change.",
        severity=Severity.ERROR,
    ),
    "FG503": Code(
        code="FG503",
        name="PayBelowLegalFloor",
        title="Pay below the legal floor",
        what="Pay per period, converted to the floor's period, is below the minimum the rule file gives.",
        why="Pay below the minimum wage usually means the period is wrong (annual for monthly) or a digit was lost.",
        example='"an annual salary of 50,000 rubles" (4,167 rubles a month; the Russian minimum wage '
        "was 13,890 rubles a month in 2022).",
        fix="Check the period (monthly, annual) and the amount against the source.",
        severity=Severity.ERROR,
    ),
    "FG504": Code(
        code="FG504",
        name="ImplausibleAge",
        title="An age outside a human life",
        what="An age is negative or above the oldest plausible age.",
        why="An impossible age is a typo, or a year taken for an age.",
        example='"a 204-year-old migrant"',
        fix="Correct the age.",
        severity=Severity.ERROR,
    ),
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("error"),
    "people_nouns": Key("list[str]", "Nouns that count people (demonyms are added).", default=[]),
    "share_max": Key("number", "Largest plausible share in %, for measures marked `share`.", default=100.0, minimum=0),
    "age_max": Key("number", "Oldest plausible age in years.", default=120.0, minimum=0),
    "pay_floors": Key(
        "list[map]",
        "Lowest plausible pay per period, by measure and currency, with a source.",
        default=[],
        keys={
            "measure": Key("str", "Measure id.", required=True),
            "currency": Key("str", "Currency code.", required=True),
            "per": Key("str", "Period the floor is given per.", required=True),
            "min": Key("number", "The floor.", required=True),
            "since": Key("int", "First year the floor applies to."),
            "source": SOURCE,
        },
    ),
}


def _is_people(noun: str, people: set[str], demonyms: frozenset[str]) -> bool:
    if not noun:
        return False
    head = noun.split()[-1]
    return (
        head in demonyms
        or head.lower() in people
        or any(re.fullmatch(p.replace("*", r"\w*"), head.lower()) for p in people if "*" in p)
    )


def check_settings(rule: Rule, data: Any) -> None:
    """Each pay floor is given per a period figures knows, in a currency it knows."""
    for floor, raw in zip(rule.settings["pay_floors"], data.get("pay_floors") or [], strict=True):
        check_period(rule.path, line_of(raw, "per"), "per", floor["per"])
        if not is_currency(floor["currency"]):
            raise RuleFileError(
                rule.path,
                line_of(raw, "currency"),
                f"'currency' is '{floor['currency']}', not a currency code",
                "use an ISO 4217 code such as USD",
            )


@dataclass(frozen=True)
class _Bounds:
    """A rule's bounds, read once for a run over many claims."""

    rule: Rule
    people: frozenset[str]
    demonyms: frozenset[str]
    share_max: float
    age_max: float
    floors: list[dict]
    measures: dict[str, Measure]

    @classmethod
    def of(cls, rule: Rule, ctx: CheckContext) -> _Bounds:
        settings = rule.settings
        return cls(
            rule=rule,
            people=frozenset(p.lower() for p in settings.get("people_nouns", [])),
            demonyms=ctx.world.demonyms if ctx.world is not None else frozenset(),
            share_max=float(settings.get("share_max", 100.0)),
            age_max=float(settings.get("age_max", 120.0)),
            floors=settings.get("pay_floors", []),
            measures=ctx.rulebook.measures,
        )


def _outside(f: Figure, top_max: float) -> bool:
    """Whether a figure's stated value is negative or above ``top_max``; an open end is its other end."""
    top = f.high if f.high is not None else f.low
    bottom = f.low if f.low is not None else f.high
    return (top is not None and top > top_max) or (bottom is not None and bottom < 0)


def _decimal_people(claim: Claim, b: _Bounds) -> Finding | None:
    f = claim.figure
    if f.dimension != Dimension.COUNT or "vague" in f.flags or "ambiguous_separator" not in f.flags:
        return None
    if not _is_people(f.noun, b.people, b.demonyms):
        return None
    message = (
        f'"{f.surface}": a count of people cannot have a decimal part; the dot reads as a '
        f"thousands separator ({fmt(f.low)}) — write it the house way"
    )
    return finding("FG501", b.rule, claim, message)


def _share(claim: Claim, b: _Bounds) -> Finding | None:
    f = claim.figure
    if f.dimension != Dimension.PERCENT or not claim.measure:
        return None
    measure = b.measures.get(claim.measure)
    if not (measure and measure.dimension == Dimension.PERCENT and measure.share) or not _outside(f, b.share_max):
        return None
    return finding("FG502", b.rule, claim, f'"{f.surface}": a share must lie within 0-{fmt(b.share_max)}%')


def _age(claim: Claim, b: _Bounds) -> Finding | None:
    f = claim.figure
    if f.dimension != Dimension.AGE or not _outside(f, b.age_max):
        return None
    return finding("FG504", b.rule, claim, f'"{f.surface}": an age must lie within 0-{fmt(b.age_max)} years')


def _pay(claim: Claim, b: _Bounds) -> Finding | None:
    f = claim.figure
    if f.dimension != Dimension.CURRENCY or not f.period or not claim.measure:
        return None
    return _pay_floor(b.rule, claim, b.floors)


# The bounds a claim is held to, in the order their findings are listed for it.
_BOUNDS = (_decimal_people, _share, _age, _pay)


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Apply every bound of the rule to every claim it concerns."""
    bounds = _Bounds.of(rule, ctx)
    return [found for claim in claims for bound in _BOUNDS if (found := bound(claim, bounds)) is not None]


def _pay_floor(rule: Rule, claim: Claim, floors: list[dict]) -> Finding | None:
    f = claim.figure
    candidates = [fl for fl in floors if fl["measure"] == claim.measure and fl["currency"] == f.unit]
    if not candidates:
        return None
    year = claim.time.last_year if claim.time else None
    if year is not None:
        dated = [fl for fl in candidates if fl.get("since") is None or fl["since"] <= year]
        floor = max(dated, key=lambda fl: fl.get("since") or 0) if dated else None
    else:
        floor = min(candidates, key=lambda fl: fl["min"])  # unknown year: the lowest floor, to be safe
    if floor is None:
        return None
    top = f.high if f.high is not None else f.low
    if top is None:
        return None
    try:
        per_floor = top * period_factor(f.period, floor["per"])
    except UnitError:
        return None
    if per_floor >= float(floor["min"]):
        return None
    since = f" since {floor['since']}" if floor.get("since") else ""
    message = (
        f'"{f.surface}" per {f.period} is {fmt(round(per_floor))} {f.unit} a {floor["per"]}, below the floor of '
        f"{fmt(float(floor['min']))} {f.unit} a {floor['per']}{since} ({floor['source']['title']})"
    )
    return finding("FG503", rule, claim, message, source=floor["source"]["title"])
