"""Read a filled-in worksheet back and record the checkers' verdicts.

Rows are matched to claims by the ID column; rows with an empty verdict are left
out. A verdict that is not one of the drop-down's values is an error naming the
file and row, and nothing is written.
"""

from __future__ import annotations

import csv
from pathlib import Path

from figures.errors import UsageError
from figures.verdicts import VERDICTS, Verdict

_NEEDED = ("ID", "Verdict")


def _unescape(value: object) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        return text[1:]
    return text


def _read_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                return [list(r) for r in csv.reader(handle)]
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not a UTF-8 CSV; save the worksheet as CSV UTF-8 or XLSX") from None
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, OSError, KeyError, ValueError) as exc:
            raise UsageError(f"{path}: cannot be read as a spreadsheet ({exc.__class__.__name__})") from None
        ws = wb["Claims"] if "Claims" in wb.sheetnames else wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    raise UsageError(f"{path}: expected a .xlsx or .csv worksheet")


def import_worksheet(path: str) -> dict[str, Verdict]:
    """Verdicts by claim id from a worksheet file."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{path}: no such worksheet")
    table = _read_rows(p)
    if not table:
        raise UsageError(f"{path}: the worksheet is empty")
    header = [_unescape(h) for h in table[0]]
    missing = [c for c in _NEEDED if c not in header]
    if missing:
        raise UsageError(
            f"{path}: missing column(s) {', '.join(missing)}; export a fresh worksheet with 'figures worksheet'"
        )
    col = {name: header.index(name) for name in header if name}

    def get(row: list[object], name: str) -> str:
        i = col.get(name)
        return _unescape(row[i]) if i is not None and i < len(row) else ""

    out: dict[str, Verdict] = {}
    for n, row in enumerate(table[1:], start=2):
        verdict = get(row, "Verdict").lower()
        claim = get(row, "ID")
        if not verdict or not claim:
            continue
        if verdict not in VERDICTS:
            raise UsageError(f"{path}: row {n}: verdict '{verdict}' is not one of: {', '.join(VERDICTS)}")
        out[claim] = Verdict(
            claim=claim,
            verdict=verdict,
            path=get(row, "Article"),
            figure=get(row, "Figure as written"),
            corrected=get(row, "Corrected value"),
            source=get(row, "Source URL"),
            notes=get(row, "Notes"),
        )
    return out
