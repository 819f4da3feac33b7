"""conversion: an amount stated in two currencies must match the day's exchange rate.

What it does: for "50,000 rubles ($475)" it computes the rate the article implies
(105.3 rubles per dollar) and compares it with the rate for the article's month in
the rates table named by the rule (a CSV shipped in ``data/``; nothing is
downloaded). Amounts more than the tolerance apart are findings; an article with no
date, or a pair of currencies the table lacks, is not checked.

Why it matters: a conversion done with a stale or mistyped rate misstates what
people earn or pay by a wide margin, and readers in both countries notice.
"""

from __future__ import annotations

from typing import Any

from figures.checks.base import CheckContext, Code, finding, fmt
from figures.core.errors import RuleFileError
from figures.core.rates import load_rates, rates_path
from figures.model import Claim, Finding, Severity
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
    )
}

# The keys of this rule type's files: validation, the JSON Schema and docs/rules.md are made from them.
SETTINGS: dict[str, Key] = {
    **COMMON,
    "severity": severity("warning"),
    "rates": Key("str", "CSV of exchange rates (month,base,quote,rate), relative to this rule file.", required=True),
    "tolerance_percent": Key("number", "How far the implied rate may be from the table's.", default=10.0, minimum=0),
}


def check_settings(rule: Rule, data: Any) -> None:
    """The rates table is there, beside the rule file, and reads as one."""
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
    """Compare the rate each currency pair implies with the table's rate for its month."""
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
