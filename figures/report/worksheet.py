"""The fact-check worksheet: one row per claim, and empty columns for the checker.

XLSX (a real spreadsheet: frozen header, autofilter, column widths, colours by
status, a drop-down on the verdict column, links to the articles) or CSV. Article
text never becomes a formula: XLSX cells are written as text whatever they start
with, and CSV cells that start with ``=``, ``+``, ``-`` or ``@`` get a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from figures.context import world_for
from figures.engine import CheckResult
from figures.report import csv_cell
from figures.report.extraction import normalized as normalized_text
from figures.rulebook import Rulebook
from figures.status import CONFLICTS, IMPLAUSIBLE, OUTSIDE_REFERENCE
from figures.verdicts import VERDICTS

COLUMNS = (
    ("ID", 14),
    ("Article", 34),
    ("Outlet", 18),
    ("Date", 11),
    ("URL", 30),
    ("Line", 6),
    ("Sentence", 70),
    ("Figure as written", 24),
    ("Normalized", 22),
    ("Unit", 10),
    ("Measure", 28),
    ("Entity", 14),
    ("Time", 10),
    ("figures found", 28),
    ("Conflicting sources", 34),
    ("Verdict", 14),
    ("Corrected value", 16),
    ("Source URL", 30),
    ("Notes", 40),
)
CHECKER_COLUMNS = ("Verdict", "Corrected value", "Source URL", "Notes")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def rows(result: CheckResult, rulebook: Rulebook) -> list[list[object]]:
    """The worksheet's rows, header excluded, in article and reading order."""
    out = []
    world = world_for(rulebook)
    for c in result.claims:
        st = result.statuses[c.id]
        measure = c.label
        entity = (world.name(c.entity) if c.entity else "") + (f", {c.place}" if c.place else "")
        found = st.label if not st.messages else f"{st.status}: " + " | ".join(st.messages)
        conflicting = "; ".join(f'{r.path}:{r.line} "{r.surface}"' for r in st.related)
        v = st.verdict
        out.append(
            [
                c.id,
                c.path,
                c.outlet,
                c.date,
                c.url,
                c.figure.line,
                c.sentence,
                c.figure.surface,
                normalized_text(c.figure),
                c.figure.unit or c.figure.noun,
                measure,
                entity,
                c.time or "",
                found,
                conflicting,
                v.verdict if v else "",
                v.corrected if v else "",
                v.source if v else "",
                v.notes if v else "",
            ]
        )
    return out


def format_csv(result: CheckResult, rulebook: Rulebook) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([name for name, _ in COLUMNS])
    for row in rows(result, rulebook):
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def format_xlsx(result: CheckResult, rulebook: Rulebook) -> bytes:
    """The worksheet as XLSX bytes, identical for identical input."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Claims"
    header_fill = PatternFill("solid", fgColor="14213D")
    checker_fill = PatternFill("solid", fgColor="FFF4CE")
    status_fill = {
        CONFLICTS: PatternFill("solid", fgColor="F8D7DA"),
        OUTSIDE_REFERENCE: PatternFill("solid", fgColor="F8D7DA"),
        IMPLAUSIBLE: PatternFill("solid", fgColor="FCE5CD"),
        "agrees": PatternFill("solid", fgColor="D9EAD3"),
    }
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        ws.column_dimensions[get_column_letter(col)].width = width
    found_col = [n for n, _ in COLUMNS].index("figures found") + 1
    url_col = [n for n, _ in COLUMNS].index("URL") + 1
    checker_cols = [i + 1 for i, (n, _) in enumerate(COLUMNS) if n in CHECKER_COLUMNS]
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    for r, (claim, values) in enumerate(zip(result.claims, rows(result, rulebook), strict=True), start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.alignment = wrap if col in (7, found_col) else top
        status = result.statuses[claim.id].status
        if status in status_fill:
            ws.cell(row=r, column=found_col).fill = status_fill[status]
        url = claim.url
        if url.lower().startswith(("http://", "https://")):
            ws.cell(row=r, column=url_col).hyperlink = url
            ws.cell(row=r, column=url_col).style = "Hyperlink"
        for col in checker_cols:
            ws.cell(row=r, column=col).fill = checker_fill
    last = max(ws.max_row, 2)
    verdict_col = get_column_letter(checker_cols[0])
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(VERDICTS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Verdict",
        error="Choose one of: " + ", ".join(VERDICTS),
    )
    validation.add(f"{verdict_col}2:{verdict_col}{max(last, 1000)}")
    ws.add_data_validation(validation)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last}"
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed timestamps so the same worksheet is the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
    return out.getvalue()
