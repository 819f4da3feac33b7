"""Output formats for ``figures extract``: a readable table, JSON lines and CSV."""

from __future__ import annotations

import csv
import io
import json

from figures.core.figure_text import normalized
from figures.core.sanitise import for_spreadsheet, printable
from figures.model import Figure
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
# CSV has no column for the figures' list structure: which figure is a part of which.
CSV_KEYS = tuple(k for k in JSONL_KEYS if k not in ("index", "parts", "part_of", "each_of"))


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
