"""Output formats for ``figures extract``: a readable table, JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json

from figures.core.sanitise import for_spreadsheet, printable
from figures.model import Figure, Qualifier
from figures.outputs import csv_cell

JSONL_KEYS = (
    "path",
    "line",
    "column",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "qualifier",
    "unit",
    "noun",
    "dimension",
    "period",
    "precision",
    "flags",
    "equivalent",
    "index",
    "parts",
    "part_of",
    "each_of",
    "direction",
    "per",
    "unit_name",
)
CSV_KEYS = (
    "path",
    "line",
    "column",
    "start",
    "end",
    "surface",
    "low",
    "high",
    "qualifier",
    "unit",
    "noun",
    "dimension",
    "period",
    "precision",
    "flags",
    "equivalent",
    "direction",
    "per",
    "unit_name",
)

_SYMBOLS = {
    Qualifier.AT_LEAST: "≥",
    Qualifier.MORE_THAN: ">",
    Qualifier.AT_MOST: "≤",
    Qualifier.LESS_THAN: "<",
    Qualifier.APPROXIMATELY: "≈",
}


_CHANGES = {"increase": "rise", "decrease": "fall"}


def number(value: float | None) -> str:
    """A number as people write it: 63389 -> "63,389", 4500000.0 -> "4,500,000"."""
    if value is None:
        return ""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.6g}"


def interval_text(figure: Figure) -> tuple[str, float | None]:
    """The figure's interval in symbols ("≤ 20", "5–12", "≈ 4,500"), and the single value it
    counts, if it states one (for a unit's plural); ``None`` for a range."""
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        return f"{number(figure.low)}–{number(figure.high)}", None
    if figure.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return f"{_SYMBOLS[figure.qualifier]} {number(figure.high)}", figure.high
    return f"{_SYMBOLS.get(figure.qualifier, '')} {number(figure.low)}".strip(), figure.low


def with_rate_and_change(text: str, figure: Figure) -> str:
    """``text`` with the figure's denominator, period and direction: "rise of 2 percent per year"."""
    if figure.per:
        text += f" per {figure.per}"
    if figure.period:
        text += f" per {figure.period}"
    if figure.direction:
        text = f"{_CHANGES[figure.direction]} of {text}"
    return text


def normalized(figure: Figure) -> str:
    """The figure's interval in words a reader checks at a glance: "≤ 20 year", "rise of 2 percent"."""
    unit = figure.unit_name or figure.unit or figure.noun
    text, _ = interval_text(figure)
    if unit:
        text += f" {unit}"
    return with_rate_and_change(text, figure)


def figure_record(path: str, figure: Figure) -> dict:
    """The JSON record of one figure, with its article path, in the stable key order."""
    record = {"path": path, **figure.to_dict()}
    return {k: record[k] for k in JSONL_KEYS}


def format_jsonl(rows: list[tuple[str, Figure]]) -> str:
    """One JSON object per figure and line."""
    return "".join(json.dumps(figure_record(p, f), ensure_ascii=False) + "\n" for p, f in rows)


def format_csv(rows: list[tuple[str, Figure]]) -> str:
    """A CSV with a header and one row per figure; flags joined by ";", the equivalent as written."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_KEYS)
    for path, figure in rows:
        rec = figure_record(path, figure)
        rec["flags"] = ";".join(rec["flags"])
        rec["equivalent"] = rec["equivalent"]["surface"] if rec["equivalent"] else ""
        writer.writerow([csv_cell(rec[k]) for k in CSV_KEYS])
    return for_spreadsheet(buf.getvalue())


def format_table(rows: list[tuple[str, Figure]]) -> str:
    """One readable line per figure: place, surface, normalized value, qualifier and links."""
    lines = []
    for path, f in rows:
        extra = []
        if f.equivalent is not None:
            extra.append(f"= {f.equivalent.surface}")
        if f.parts:
            extra.append("total of " + ", ".join(f"#{i}" for i in f.parts))
        if f.each_of is not None:
            extra.append(f"each per #{f.each_of}")
        if f.flags:
            extra.append("[" + ", ".join(f.flags) + "]")
        tail = ("  " + "  ".join(extra)) if extra else ""
        lines.append(
            printable(
                f"{path}:{f.line}:{f.column}: #{f.index} {f.surface!r} -> {normalized(f)} "
                f"({f.qualifier.value}, {f.dimension}){tail}"
            )
        )
    return "\n".join(lines) + ("\n" if lines else "")
