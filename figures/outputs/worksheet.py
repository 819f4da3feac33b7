"""The fact-check worksheet: one row per claim, and empty columns for the checker.

Each row names its article's story (id and words) and why its figure was or was not
compared with another source, as ``figures claims`` says it, so a checker can tell
a figure nothing was compared with from one that agrees.

XLSX (a real spreadsheet: frozen header, autofilter, column widths, row heights that
fit the wrapped text, colours by status, a drop-down on the verdict column, links to
the articles, landscape pages one table wide with the header on every page) or CSV
(UTF-8 with a byte order mark, so spreadsheets read "≈" and "–" as written). Flagged
claims come first, the most severe first; then every other claim, by article and
position. Article text never becomes a formula: XLSX cells are written as text
whatever they start with, and CSV cells that start with ``=``, ``+``, ``-`` or ``@``
get a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime
import io
import math
import re
import zipfile

from figures.checks.compared import Explanation, Status
from figures.checks.verdicts import VERDICTS
from figures.context import world_for
from figures.core.figure_text import normalized as normalized_text
from figures.core.sanitise import for_spreadsheet
from figures.model import Claim, Severity
from figures.outputs import csv_cell
from figures.rules.records import Rulebook
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimStatus, Outcome

# Name and width (in characters of the default font) of every column.
COLUMNS = (
    ("ID", 13),
    ("Article", 26),
    ("Outlet", 14),
    ("Date", 11),
    ("URL", 22),
    ("Line", 6),
    ("Sentence", 60),
    ("Figure as written", 20),
    ("Normalized", 18),
    ("Unit", 12),
    ("Measure", 24),
    ("Entity", 14),
    ("Time", 14),
    ("Story", 30),
    ("Status", 12),
    ("Code", 8),
    ("Severity", 9),
    ("Message", 44),
    ("Conflicting sources", 30),
    ("Reason", 40),
    ("Verdict", 14),
    ("Corrected value", 16),
    ("Source URL", 22),
    ("Notes", 34),
)
NAMES = tuple(name for name, _ in COLUMNS)
# Headers of worksheets earlier versions wrote: their verdicts are imported, and one nobody filled in may be replaced.
EARLIER_NAMES = (tuple(n for n in NAMES if n not in ("Story", "Reason")),)
CHECKER_COLUMNS = ("Verdict", "Corrected value", "Source URL", "Notes")
# Every column wraps its text but these: an id, a date, a line number, links (cut at the cell's edge).
UNWRAPPED = frozenset(("ID", "Date", "URL", "Line", "Source URL"))
FLAGGED = frozenset((Outcome.CONFLICTS, Outcome.OUTSIDE_REFERENCE, Outcome.IMPLAUSIBLE))
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_LINE_POINTS = 15.0  # one line of 11-point text
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def ordered(result: CheckResult) -> list[Claim]:
    """Claims in worksheet order: flagged ones first, the most severe first; then by article and position.

    A claim is flagged when figures found something about it, or when it is the other
    side of a conflict carried by another article's claim (a conflict is an error).
    """

    def key(claim: Claim) -> tuple[int, int, str, int, str]:
        st = result.statuses[claim.id]
        if st.severity is not None:
            rank = st.severity.rank
        elif st.status in FLAGGED:
            rank = Severity.ERROR.rank if st.status == Outcome.CONFLICTS else Severity.WARNING.rank
        else:
            rank = -1
        return (0 if rank >= 0 else 1, -rank, claim.path, claim.figure.start, claim.id)

    return sorted(result.claims, key=key)


def article_date(text: str) -> datetime.date | None:
    """The article's date as a date, when it is one (``2023-09-21``, or a timestamp that starts with one)."""
    m = _DATE.match(text or "")
    if not m:
        return None
    try:
        return datetime.date.fromisoformat(m.group())
    except ValueError:
        return None


def reason_text(explanation: Explanation) -> str:
    """Why a figure was or was not compared, in the words ``figures claims`` prints: its status, then the reason."""
    if explanation.status == Status.COMPARED:
        return explanation.reason  # it says "compared with ..." itself
    return f"{explanation.status.value}: {explanation.reason}"


def rows(result: CheckResult, rulebook: Rulebook) -> list[list[object]]:
    """The worksheet's rows, header excluded, in worksheet order (see :func:`ordered`).

    The date is a :class:`datetime.date` when the article's date is one, else its text.
    The story and the reason are the run's (``CheckResult.stories`` and ``.explanations``).
    """
    out = []
    world = world_for(rulebook)
    for c in ordered(result):
        st: ClaimStatus = result.statuses[c.id]
        entity = (world.name(c.entity) if c.entity else "") + (f", {c.place}" if c.place else "")
        conflicting = "; ".join(f'{r.path}:{r.line} "{r.surface}"' for r in st.related)
        v = st.verdict
        why = result.explanations.get(c.id)
        story = result.stories.of(c.path) if result.stories is not None else None
        out.append(
            [
                c.id,
                c.path,
                c.outlet,
                article_date(c.date) or c.date,
                c.url,
                c.figure.line,
                c.sentence,
                c.figure.surface,
                normalized_text(c.figure),
                c.figure.unit or c.figure.noun,
                c.label,
                entity,
                c.time_label or "",
                f"{story.id}: {', '.join(story.words)}" if story is not None else "",
                st.status,
                ", ".join(st.codes),
                st.severity.value if st.severity is not None else "",
                " | ".join(st.messages),
                conflicting,
                reason_text(why) if why is not None else "",
                v.verdict if v else "",
                v.corrected if v else "",
                v.source if v else "",
                v.notes if v else "",
            ]
        )
    return out


def format_csv(result: CheckResult, rulebook: Rulebook) -> str:
    """The worksheet as CSV text, starting with a byte order mark; dates in ISO form."""
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel reads a CSV as UTF-8 only with it
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(NAMES)
    for row in rows(result, rulebook):
        writer.writerow([csv_cell(v.isoformat() if isinstance(v, datetime.date) else v) for v in row])
    return for_spreadsheet(buf.getvalue())  # the CSV holds what the XLSX holds


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide.

    An estimate that errs long: words wrap whole, a word longer than the line is cut,
    and a line holds a little more than the width in characters (the width is measured
    in digits, wider than the average letter) less a margin.
    """
    room = max(1, int(width * 1.1) - 2)
    lines = 0
    for paragraph in str(text).split("\n"):
        used = 0
        count = 1
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > room:
                count += 1
                used = 0
            if size > room:
                count += math.ceil(size / room) - 1
                size = size % room or room
            used += size + (1 if used else 0)
        lines += count
    return max(1, lines)


def row_height(values: list[object]) -> float:
    """Points a row needs so that no wrapped cell runs under the next row."""
    lines = max(
        (
            wrapped_lines(value, width)
            for value, (name, width) in zip(values, COLUMNS, strict=True)
            if name not in UNWRAPPED
        ),
        default=1,
    )
    return lines * _LINE_POINTS + 3


def format_xlsx(result: CheckResult, rulebook: Rulebook) -> bytes:
    """The worksheet as XLSX bytes, identical for identical input."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.page import PageMargins

    wb = Workbook()
    ws = wb.active
    ws.title = "Claims"
    header_fill = PatternFill("solid", fgColor="14213D")
    checker_fill = PatternFill("solid", fgColor="FFF4CE")
    status_fill = {
        Outcome.CONFLICTS: PatternFill("solid", fgColor="F8D7DA"),
        Outcome.OUTSIDE_REFERENCE: PatternFill("solid", fgColor="F8D7DA"),
        Outcome.IMPLAUSIBLE: PatternFill("solid", fgColor="FCE5CD"),
        Outcome.AGREES: PatternFill("solid", fgColor="D9EAD3"),
    }
    header_style = Alignment(wrap_text=True, vertical="top")
    for col, (name, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=name)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = header_style
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[1].height = row_height(list(NAMES))
    column = {name: i for i, name in enumerate(NAMES, start=1)}
    checker_cols = [column[n] for n in CHECKER_COLUMNS]
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    claims = ordered(result)
    for r, (claim, values) in enumerate(zip(claims, rows(result, rulebook), strict=True), start=2):
        for col, (name, value) in enumerate(zip(NAMES, values, strict=True), start=1):
            cell = ws.cell(row=r, column=col)
            # XLSX holds no control characters nor lone surrogates
            cell.value = for_spreadsheet(value) if isinstance(value, str) else value
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            cell.alignment = wrap if name not in UNWRAPPED else top
        ws.row_dimensions[r].height = row_height(values)
        status = result.statuses[claim.id].status
        if status in status_fill:
            for name in ("Status", "Code", "Severity", "Message"):
                ws.cell(row=r, column=column[name]).fill = status_fill[status]
        url = for_spreadsheet(claim.url)
        if url.lower().startswith(("http://", "https://")):
            ws.cell(row=r, column=column["URL"]).hyperlink = url
            ws.cell(row=r, column=column["URL"]).style = "Hyperlink"
            ws.cell(row=r, column=column["URL"]).alignment = top
        for col in checker_cols:
            ws.cell(row=r, column=col).fill = checker_fill
    last = max(ws.max_row, 2)
    last_col = get_column_letter(len(COLUMNS))
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
    ws.auto_filter.ref = f"A1:{last_col}{last}"
    # Printed: landscape, the whole width on one page, as many pages down as it takes.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.3, footer=0.3)
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{last_col}{last}"
    ws.oddFooter.center.text = "Page &P of &N"
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
