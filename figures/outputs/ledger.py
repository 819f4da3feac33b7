"""The claims ledger: one row per claim of the articles, for data journalists, as CSV or Parquet.

The table is a pandas DataFrame with a fixed column order and its rows sorted by
article, line and column, so the same articles give the same bytes. Parquet needs
pyarrow, which the ``parquet`` extra installs; CSV cells never start a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from figures.checks.compared import Explanation
from figures.core.errors import UsageError
from figures.model import Article

# The ledger's columns, in order: where the claim stands, what it says, and what figures made of it.
COLUMNS = (
    "path",
    "outlet",
    "date",
    "line",
    "column",
    "surface",
    "value_low",
    "value_high",
    "unit",
    "measure",
    "thing",
    "entity",
    "subject",
    "time",
    "role",
    "key",
    "story",
    "status",
)
_SORT = ["path", "line", "column", "surface"]
EXTRA = "news-figures[parquet]"


def _row(e: Explanation, article: Article | None) -> dict[str, object]:
    c, f = e.claim, e.claim.figure
    return {
        "path": c.path,
        "outlet": article.outlet if article else "",
        "date": article.date if article else "",
        "line": f.line,
        "column": f.column,
        "surface": f.surface,
        "value_low": f.low,
        "value_high": f.high,
        "unit": f.unit,
        "measure": c.measure,
        "thing": c.thing,
        "entity": c.entity,
        "subject": c.subject,
        "time": c.time_label,
        "role": str(c.role),
        "key": c.key,
        "story": e.story.id if e.story is not None else None,
        "status": e.status.value,
    }


def ledger(explanations: Iterable[Explanation], articles: Iterable[Article]):
    """The claims as a :class:`pandas.DataFrame`: :data:`COLUMNS`, rows sorted by path, line and column."""
    import pandas as pd  # imported here: only the ledger pays for it

    by_path = {a.path: a for a in articles}
    rows = [_row(e, by_path.get(e.claim.path)) for e in explanations]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame = frame.astype({"line": "int64", "column": "int64", "value_low": "float64", "value_high": "float64"})
    return frame.sort_values(_SORT, kind="stable").reset_index(drop=True)


def format_csv(frame) -> str:
    """The ledger as UTF-8 CSV text; a cell a spreadsheet could read as a formula is escaped."""
    from pandas.api.types import is_numeric_dtype

    from figures.outputs import csv_cell

    text_columns = [c for c in COLUMNS if not is_numeric_dtype(frame[c])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(csv_cell)
    return safe.to_csv(index=False, lineterminator="\n")


def format_parquet(frame) -> bytes:
    """The ledger as Parquet bytes; :class:`UsageError` when pyarrow is not installed."""
    try:
        import pyarrow  # noqa: F401 - pandas writes Parquet with it
    except ImportError:
        raise UsageError(f"--format parquet needs pyarrow: pip install '{EXTRA}'") from None
    buffer = io.BytesIO()
    frame.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()
