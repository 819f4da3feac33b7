"""conversion: an amount stated in two currencies must match the exchange rate.

What it does: for "50,000 rubles ($475)" it computes the rate the article implies
(105.3 rubles per dollar). When the article states a rate itself ("at 4.3 zlotys per
euro", "4.3 zlotys to the euro", "($1 = 1.35 Singapore dollars)"), every conversion
between those two currencies must use it, within the rounding of the amounts and the
rate (FG402); a conversion "at the time" or "at today's rate" is of another day and
is left alone, and so is a pair the article gives two rates for. With a rates table
(``rates``, a CSV shipped beside the rule file; nothing is downloaded) the implied rate
is also compared with the rate for the article's month (FG401); an article with no
date, or a pair of currencies the table lacks, is not checked against it.

Why it matters: a conversion done with a stale or mistyped rate misstates what
people earn or pay by a wide margin, and readers in both countries notice; one that
does not use the rate printed beside it is wrong on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from figures.checks.base import CheckContext, Code, finding, fmt, location
from figures.checks.breakdown import any_of, sentences
from figures.core.errors import RuleFileError
from figures.core.rates import load_rates, rates_path
from figures.extract.words import data as extract_words
from figures.model import Claim, Dimension, Figure, Finding, Qualifier, Severity
from figures.rules.records import Rule
from figures.rules.spec import COMMON, Key, severity

RULE_TYPE = "conversion"
CODES = {
    "FG401": Code(
        code="FG401",
        name="ExchangeRateMismatch",
        title="Currency pair disagrees with the exchange rate",
        what="An amount given in two currencies implies a rate far from the rate of the article's month.",
        why="A wrong conversion misleads readers about what an offer or a price is really worth.",
        example='An article of March 2022: "50,000 rubles ($800)" implies 62.5 rubles per dollar; '
        "the rate that month averaged about 104.",
        fix="Recompute the converted amount with the rate of the day the figure refers to.",
        severity=Severity.WARNING,
    ),
    "FG402": Code(
        code="FG402",
        name="StatedRateNotUsed",
        title="Conversion does not use the rate the article states",
        what="An amount given in two currencies implies a rate other than the one the article itself gives.",
        why="The reader can redo the sum with the rate printed beside it, and finds the article wrong.",
        example='"€2 million (8.6 million zlotys), converted at 4.5 zlotys per euro" (2 million x 4.5 = 9 million).',
        fix="Recompute the converted amount with the stated rate, or correct the rate.",
        severity=Severity.WARNING,
    ),
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("warning"),
    "rates": Key(
        "str",
        "CSV of exchange rates (month,base,quote,rate), relative to this rule file; "
        "without it only the rates an article states are used.",
    ),
    "tolerance_percent": Key("number", "How far the implied rate may be from the table's.", default=10.0, minimum=0),
    "stated_tolerance_percent": Key(
        "number",
        "How far the implied rate may be from a rate the article states, beyond the rounding of the amounts.",
        default=1.0,
        minimum=0,
    ),
}


def check_settings(rule: Rule, data: Any) -> None:
    """The rates table, when the rule names one, is there beside the rule file and reads as one."""
    if not rule.settings.get("rates"):
        return
    table = rates_path(rule.path, rule.settings["rates"])
    if not table.is_file():
        raise RuleFileError(
            rule.path,
            rule.line_of.get("rates"),
            f"rates file '{rule.settings['rates']}' not found at {table}",
            "the path is relative to this rule file",
        )
    load_rates(str(table))


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Compare the rate each currency pair implies with the article's stated rate and the table's rate."""
    findings = _against_table(rule, claims) if rule.settings.get("rates") else []
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.path, []).append(claim)
    for path in sorted(by_article):
        findings += _against_stated(rule, by_article[path])
    return findings


def _against_table(rule: Rule, claims: list[Claim]) -> list[Finding]:
    table = load_rates(str(rates_path(rule.path, rule.settings["rates"])))
    tolerance = float(rule.settings.get("tolerance_percent", 10.0)) / 100
    findings = []
    for claim in claims:
        f = claim.figure
        eq = f.equivalent
        if eq is None or not claim.date or len(claim.date) < 7:
            continue
        if f.low is None or eq.low is None or f.low != f.high or eq.low != eq.high or eq.low == 0:
            continue
        month = claim.date[:7]
        rate = table.rate(month, eq.unit, f.unit)
        if rate is None:
            continue
        implied = f.low / eq.low
        if abs(implied - rate) / rate <= tolerance:
            continue
        message = (
            f'"{f.surface} ({eq.surface})" implies {fmt(round(implied, 2))} {f.unit} per {eq.unit}; '
            f"the rate for {month} was {fmt(round(rate, 2))} ({table.source or table.path})"
        )
        findings.append(finding("FG401", rule, claim, message, source=table.source or None))
    return findings


@dataclass(frozen=True)
class _Stated:
    """A rate the article states: ``value`` units of ``quote`` for one of ``base``."""

    base: str
    quote: str
    value: float
    claim: Claim


# "4.3 zlotys to the euro", "4.3 zlotys for one euro": the currency the rate is for.
_FOR_ONE = re.compile(
    r"\s+(?:to|per|for|against)\s+(?:the\s+|a\s+|an\s+|one\s+|each\s+|1\s+)?([A-Za-z.]+(?:\s+[a-z]+)?)"
)
_EQUALS = re.compile(r"\s*=\s*")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@lru_cache(maxsize=1)
def _currency_names() -> dict[str, str]:
    """Each written name of a currency ("euro", "singapore dollars") -> its code."""
    out: dict[str, str] = {}
    for entry in extract_words()["units_after"]:
        if entry.get("dimension") == "currency":
            out.update({s.lower(): entry["unit"] for s in entry["surfaces"]})
    return out


def _currency(name: str | None) -> str | None:
    if not name:
        return None
    names = _currency_names()
    words = name.lower().rstrip(".").split()
    return names.get(" ".join(words)) or names.get(words[0])


def _stated_at(claims: tuple[Claim, ...], k: int) -> _Stated | None:
    """A rate stated at claim ``k``: "4.5 zlotys per euro", "4.3 zlotys to the euro", "$1 = 1.35 Singapore dollars"."""
    c = claims[k]
    f = c.figure
    if f.dimension != Dimension.CURRENCY or f.low is None or f.low != f.high or f.low <= 0:
        return None
    text, start = c.sentence, c.sentence_start
    base = _currency(f.per)
    m = _FOR_ONE.match(text, f.end - start)
    base = base or (_currency(m.group(1)) if m else None)
    if base is not None and base != f.unit:
        return _Stated(base, f.unit, f.low, c)
    nxt = claims[k + 1].figure if k + 1 < len(claims) else None
    if f.low == 1 and nxt is not None and nxt.dimension == Dimension.CURRENCY and nxt.low and nxt.unit != f.unit:
        if _EQUALS.fullmatch(text, f.end - start, nxt.start - start):
            return _Stated(f.unit, nxt.unit, nxt.low, claims[k + 1])
    return None


def _stated_rates(claims: list[Claim]) -> dict[frozenset[str], _Stated]:
    """The one rate the article states for each pair of currencies; a pair given two rates is left out."""
    found: dict[frozenset[str], list[_Stated]] = {}
    for s in sentences(claims):
        for k in range(len(s.claims)):
            rate = _stated_at(s.claims, k)
            if rate is not None:
                found.setdefault(frozenset((rate.base, rate.quote)), []).append(rate)
    return {pair: rates[0] for pair, rates in found.items() if len({round(r.value, 6) for r in rates}) == 1}


def _rounding(surface: str) -> float:
    """How far a written amount may be from the exact one, relative to it: "8.6 million" 0.6%, "2 million" 0."""
    m = _NUMBER.search(surface)
    if m is None:
        return 0.0
    digits = m.group(0).replace(",", "")
    significant = digits.replace(".", "").lstrip("0") if "." in digits else digits.strip("0")
    return 0.5 / int(significant) if len(significant) >= 2 else 0.0


def _against_stated(rule: Rule, claims: list[Claim]) -> list[Finding]:
    """FG402 for each conversion of the article that does not use the rate it states for its pair."""
    rates = _stated_rates(claims)
    if not rates:
        return []
    tolerance = float(rule.settings.get("stated_tolerance_percent", 1.0)) / 100
    other_day = re.compile(any_of("other_day_rate"), re.IGNORECASE)
    out = []
    for claim in claims:
        f, eq = claim.figure, claim.figure.equivalent
        if eq is None or other_day.search(claim.sentence):
            continue
        rate = rates.get(frozenset((f.unit, eq.unit)))
        if rate is None or not _exact(f) or eq.low is None or eq.low != eq.high or eq.low <= 0 or not f.low:
            continue
        base, quote = (f.low, eq.low) if f.unit == rate.base else (eq.low, f.low)
        implied = quote / base
        slack = tolerance + _rounding(f.surface) + _rounding(eq.surface) + _rounding(rate.claim.figure.surface)
        if eq.qualifier == Qualifier.APPROXIMATELY or f.qualifier == Qualifier.APPROXIMATELY:
            slack += 0.05
        if abs(implied - rate.value) / rate.value <= slack:
            continue
        message = (
            f'"{f.surface} ({eq.surface})" converts at {fmt(round(implied, 4))} {rate.quote} per {rate.base}; '
            f'the article states {fmt(rate.value)} ("{rate.claim.figure.surface}")'
        )
        out.append(finding("FG402", rule, claim, message, (location(rate.claim),)))
    return out


def _exact(f: Figure) -> bool:
    return f.low is not None and f.low == f.high
