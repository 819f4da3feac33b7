"""Exchange-rate tables: a CSV of ``month,base,quote,rate[,source]`` named by a conversion rule.

Read strictly, when the rules load: a missing file, a missing column, a month that is
not ``YYYY-MM``, an unknown currency or a rate that is not a positive number is a
:class:`~figures.core.errors.RuleFileError` naming the file and line.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from figures.core.datafile import read_text
from figures.core.errors import RuleFileError
from figures.core.units import is_currency

_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class RateTable:
    """Rates by month: ``rates[(month, base, quote)]`` is quote units per base unit."""

    path: str
    rates: dict[tuple[str, str, str], float]
    source: str

    def rate(self, month: str, base: str, quote: str) -> float | None:
        """Quote units per base unit in ``month`` (``YYYY-MM``), either way round; ``None`` if not in the table."""
        if (month, base, quote) in self.rates:
            return self.rates[(month, base, quote)]
        if (month, quote, base) in self.rates:
            return 1.0 / self.rates[(month, quote, base)]
        return None


def rates_path(rule_path: str, rates: str) -> Path:
    """The rates file a conversion rule names, relative to the rule file."""
    path = Path(rates)
    return path if path.is_absolute() else (Path(rule_path).parent / path).resolve()


@lru_cache(maxsize=8)
def load_rates(path: str) -> RateTable:
    """Read a rates CSV with columns ``month,base,quote,rate[,source]``."""
    try:
        text = read_text(path, what="rates table", hint="check the 'rates' path in the conversion rule")
    except FileNotFoundError:
        raise RuleFileError(
            path, None, "rates table cannot be read", "check the 'rates' path in the conversion rule"
        ) from None
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    try:
        return _table(path, text, lines, reader)
    except csv.Error as exc:  # a field past the csv module's limit
        raise RuleFileError(path, None, f"rates table is not CSV ({exc})", "write month,base,quote,rate") from None


def _table(path: str, text: str, lines: list[tuple[int, str]], reader: csv.DictReader) -> RateTable:
    missing = {"month", "base", "quote", "rate"} - set(reader.fieldnames or [])
    if missing:
        raise RuleFileError(
            path, lines[0][0] if lines else 1, f"rates table lacks columns: {', '.join(sorted(missing))}"
        )
    rates: dict[tuple[str, str, str], float] = {}
    sources = set()
    for k, row in enumerate(reader, start=1):
        n = lines[k][0] if k < len(lines) else len(text.splitlines())
        if None in row or any(row.get(c) is None for c in ("month", "base", "quote", "rate")):
            raise RuleFileError(path, n, "row has the wrong number of columns", "write month,base,quote,rate")
        month, base, quote = row["month"].strip(), row["base"].strip(), row["quote"].strip()
        if not _MONTH.fullmatch(month):
            raise RuleFileError(path, n, f"month '{month}' is not YYYY-MM")
        for code in (base, quote):
            if not is_currency(code):
                raise RuleFileError(path, n, f"'{code}' is not a currency code", "use ISO 4217 codes such as USD")
        try:
            rate = float(row["rate"])
        except ValueError:
            raise RuleFileError(path, n, f"rate '{row['rate']}' is not a number") from None
        if not math.isfinite(rate) or rate <= 0:
            raise RuleFileError(path, n, f"rate '{row['rate']}' must be a positive number")
        rates[(month, base, quote)] = rate
        if row.get("source"):
            sources.add(row["source"].strip())
    return RateTable(path, rates, "; ".join(sorted(sources)))
