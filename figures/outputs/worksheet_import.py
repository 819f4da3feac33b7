"""Read a filled-in worksheet back and record the checkers' verdicts.

Rows are matched to claims by the ID column, columns by their names, so a worksheet
written before a column was added (the story, the reason) is read back as well; rows
with an empty verdict are left out. A verdict that is not one of the drop-down's values is an error naming the
file and row, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from figures.checks.verdicts import VERDICTS, Verdict
from figures.core.errors import UsageError
from figures.core.files import NotRegularFile, read_regular, special_kind
from figures.outputs import csv_text

_NEEDED = ("ID", "Verdict")


class Formula(str):
    """A cell that holds a formula rather than a value."""


def _unescape(value: object) -> str:
    return "" if value is None else csv_text(str(value)).strip()


# A worksheet of a few thousand claims unpacks to a few megabytes; far more is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def _refuse_zip_bomb(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise UsageError(
            f"{path}: is not an .xlsx file (not a zip archive); save it from the spreadsheet as .xlsx"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise UsageError(
            f"{path}: unpacks to {unpacked // (1024 * 1024)} MB, more than a worksheet ever holds; "
            "export a fresh worksheet with 'figures worksheet'"
        )


def _read_rows(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                reader = csv.reader(handle)
                try:
                    return [list(r) for r in reader]
                except csv.Error as exc:  # a field past the csv module's limit, a stray NUL
                    raise UsageError(
                        f"{path}: row {reader.line_num}: not a CSV worksheet ({exc}); export a fresh one"
                    ) from None
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not a UTF-8 CSV; save the worksheet as CSV UTF-8 or XLSX") from None
    if suffix in (".xlsx", ".xlsm"):
        _refuse_zip_bomb(path)
        try:
            return _read_xlsx(path)
        except Exception as exc:  # noqa: BLE001 - any part of a stranger's zip may be broken, each its own way
            raise UsageError(
                f"{path}: cannot be read as a spreadsheet ({exc.__class__.__name__}); "
                "save it again from the spreadsheet as .xlsx, or export a fresh worksheet"
            ) from None
    raise UsageError(f"{path}: expected a .xlsx or .csv worksheet")


def checker_work(
    path: str,
    header: tuple[str, ...],
    checker_columns: tuple[str, ...],
    earlier: tuple[tuple[str, ...], ...] = (),
) -> str | None:
    """What a person wrote in a worksheet figures exported, in words; ``None`` when it is as exported.

    Anything counts: any value in a checker's column (a verdict figures does not know,
    a formula, a note without a verdict), a ``header`` other than the one figures
    writes or wrote before (``earlier``: a column renamed, added or moved), and a file
    that cannot be read back at all. A CSV re-saved by a spreadsheet is read in
    whatever encoding and with whatever separator it now has.
    """
    p = Path(path)
    try:
        found = _any_rows(p, (header, *earlier))
    except Exception as exc:  # whatever the reason, nothing shows the file holds no one's work
        why = exc.args[0] if isinstance(exc, UsageError) and exc.args else exc.__class__.__name__
        return f"cannot be read back as a worksheet ({str(why).removeprefix(f'{path}: ')})"
    if found is None:
        return "has a header other than the one figures writes (a column renamed, added or moved)"
    table, names = found
    columns = [names.index(name) for name in checker_columns]
    filled = sum(1 for row in table[1:] if any(i < len(row) and _written(row[i]) for i in columns))
    if filled:
        return f"has {filled} row{'s' if filled != 1 else ''} with something written in the checker's columns"
    return None


def _written(value: object) -> bool:
    return value is not None and str(value) != ""  # even a space: it was typed


def _any_rows(path: Path, headers: tuple[tuple[str, ...], ...]) -> tuple[list[list[object]], tuple[str, ...]] | None:
    """The rows of a worksheet whose first row is one of ``headers``, read as leniently as it takes, and that header.

    ``None`` when it has none of them.
    """

    def known(table: list[list[object]]) -> tuple[str, ...] | None:
        first = tuple(_unescape(h) for h in table[0]) if table else None
        return first if first in headers else None

    if path.suffix.lower() != ".csv":
        table = _read_rows(path)
        names = known(table)
        return (table, names) if names is not None else None
    data = read_regular(path, "worksheet")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):  # what a spreadsheet may save a CSV in
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        for delimiter in (",", ";", "\t", "|"):
            table = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
            names = known(table)
            if names is not None:
                return table, names
        return None
    return None


def _read_xlsx(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # a damaged part is said in one line, not in openpyxl's warnings
        warnings.simplefilter("ignore")
        wb = load_workbook(path, read_only=True, data_only=False)
        try:
            ws = wb["Claims"] if "Claims" in wb.sheetnames else wb.worksheets[0]
            # A formula is kept as one, never its cached result: a verdict must be typed, not computed.
            return [[Formula(c.value) if c.data_type == "f" else c.value for c in r] for r in ws.iter_rows()]
        finally:
            wb.close()


@dataclass(frozen=True)
class _Columns:
    """A worksheet's columns by name, read cell by cell with the file named in any error."""

    path: str
    index: dict[str, int]

    def get(self, row: list[object], n: int, name: str) -> str:
        """The text of row ``n``'s cell in column ``name``; "" when the column or the cell is absent."""
        i = self.index.get(name)
        if i is None or i >= len(row):
            return ""
        if isinstance(row[i], Formula):
            raise UsageError(f"{self.path}: row {n}: the {name} cell holds a formula; type its value instead")
        return _unescape(row[i])


def _worksheet_table(path: str) -> tuple[list[list[object]], _Columns]:
    """The rows of a worksheet file and its columns; a file that is none is a usage error naming it."""
    p = Path(path)
    kind = special_kind(p)
    if kind:  # opening a pipe would wait for a writer forever
        raise NotRegularFile(path, kind, "worksheet")
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
    return table, _Columns(path, {name: header.index(name) for name in header if name})


def import_worksheet(path: str) -> dict[str, Verdict]:
    """Verdicts by claim id from a worksheet file."""
    table, columns = _worksheet_table(path)
    get = columns.get
    out: dict[str, Verdict] = {}
    for n, row in enumerate(table[1:], start=2):
        verdict = get(row, n, "Verdict").lower()
        claim = get(row, n, "ID")
        if not verdict or not claim:
            continue
        if verdict not in VERDICTS:
            raise UsageError(f"{path}: row {n}: verdict '{verdict}' is not one of: {', '.join(VERDICTS)}")
        out[claim] = Verdict(
            claim=claim,
            verdict=verdict,
            path=get(row, n, "Article"),
            figure=get(row, n, "Figure as written"),
            corrected=get(row, n, "Corrected value"),
            source=get(row, n, "Source URL"),
            notes=get(row, n, "Notes"),
        )
    return out
