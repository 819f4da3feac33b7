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

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from figures.checks.base import CheckContext, Code, finding, fmt
from figures.errors import RuleFileError
from figures.model import Claim, Finding, Severity
from figures.rulebook import Rule

RULE_TYPE = "conversion"
CODES = {
    "FG401": Code(
        code="FG401",
        title="Currency pair disagrees with the exchange rate",
        what="An amount given in two currencies implies a rate far from the rate of the article's month.",
        why="A wrong conversion misleads readers about what an offer or a price is really worth.",
        example='An article of March 2022: "50,000 rubles ($800)" implies 62.5 rubles per dollar; '
        "the rate that month averaged about 104.",
        fix="Recompute the converted amount with the rate of the day the figure refers to.",
        severity=Severity.WARNING,
    )
}


@dataclass(frozen=True)
class RateTable:
    """Rates by month: ``rates[(month, base, quote)]`` is quote units per base unit."""

    path: str
    rates: dict[tuple[str, str, str], float]
    source: str

    def rate(self, month: str, base: str, quote: str) -> float | None:
        if (month, base, quote) in self.rates:
            return self.rates[(month, base, quote)]
        if (month, quote, base) in self.rates:
            return 1.0 / self.rates[(month, quote, base)]
        return None


@lru_cache(maxsize=8)
def load_rates(path: str) -> RateTable:
    """Read a rates CSV with columns ``month,base,quote,rate[,source]``."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError:
        raise RuleFileError(
            path, None, "rates table cannot be read", "check the 'rates' path in the conversion rule"
        ) from None
    rates: dict[tuple[str, str, str], float] = {}
    sources = set()
    reader = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    missing = {"month", "base", "quote", "rate"} - set(reader.fieldnames or [])
    if missing:
        raise RuleFileError(path, 1, f"rates table lacks columns: {', '.join(sorted(missing))}")
    for n, row in enumerate(reader, start=2):
        try:
            rates[(row["month"].strip(), row["base"].strip(), row["quote"].strip())] = float(row["rate"])
        except (TypeError, ValueError):
            raise RuleFileError(path, n, f"rate '{row.get('rate')}' is not a number") from None
        if row.get("source"):
            sources.add(row["source"].strip())
    return RateTable(path, rates, "; ".join(sorted(sources)))


def run(rule: Rule, claims: list[Claim], ctx: CheckContext) -> list[Finding]:
    """Compare the rate each currency pair implies with the table's rate for its month."""
    rates_path = Path(rule.settings["rates"])
    if not rates_path.is_absolute():
        rates_path = (Path(rule.path).parent / rates_path).resolve()
    table = load_rates(str(rates_path))
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
