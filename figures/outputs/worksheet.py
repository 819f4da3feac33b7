"""The fact-check worksheet: one row per claim, and empty columns for the checker.

Each row names its article's story (id and words) and why its figure was or was not
compared with another source, as ``figures claims`` says it, so a checker can tell
a figure nothing was compared with from one that agrees. Every side of a disagreement
carries its code, severity and message (a filter on FG301 shows them all), and the
other sources are named as an editor names them: outlet, date and the figure as written.
The status is the tool's and the verdict the checker's; the two never share a word.

XLSX (a real spreadsheet: frozen header, autofilter, column widths, row heights that
fit the wrapped text, colours by status, a drop-down on the verdict column, links to
the articles, landscape pages one table wide with the header on every page) or CSV
(UTF-8 with a byte order mark, so spreadsheets read "≈" and "–" as written). Flagged
claims come first, the most severe first; then the other claims, by article and
position: by default a sample of them (``SAMPLE``, the same every run), all of them
on request. The worksheet stays within what the spreadsheets it targets hold (rows
and links per sheet, characters per cell: ``MAX_ROWS``, ``MAX_LINKS``, ``MAX_CELL``);
what it leaves out it names on a sheet "Left out" (XLSX) or in note rows at the end
(CSV, which a spreadsheet opens with the same limits), never silently. The XLSX is
written row by row. Article text never becomes a formula: XLSX cells are written as
text whatever they start with, and CSV cells that start with ``=``, ``+``, ``-`` or
``@`` get a leading ``'``.
"""

from __future__ import annotations

import csv
import datetime
import heapq
import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from figures.checks.compared import Explanation, Status
from figures.checks.verdicts import VERDICTS
from figures.context import world_for
from figures.core.figure_text import normalized as normalized_text
from figures.core.sanitise import for_spreadsheet
from figures.model import Article, Claim, Finding
from figures.outputs import csv_cell
from figures.outputs.wording import outlet_of, plain_message, source_words, status_words
from figures.rules.records import Rulebook
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimStatus, Outcome, flag_rank

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
    ("Subject", 14),
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
EARLIER_NAMES = (
    tuple(n for n in NAMES if n not in ("Story", "Reason", "Subject")),
    tuple(n for n in NAMES if n != "Subject"),
)
CHECKER_COLUMNS = ("Verdict", "Corrected value", "Source URL", "Notes")
# Every column wraps its text but these: an id, a date, a line number, links (cut at the cell's edge).
UNWRAPPED = frozenset(("ID", "Date", "URL", "Line", "Source URL"))
MAX_ROWS = 1_048_576  # rows in a sheet, the header included (Excel, LibreOffice; Excel stops a CSV there too)
MAX_LINKS = 65_530  # hyperlinks Excel keeps in one sheet
MAX_CELL = 32_767  # characters in one cell (Excel cuts a longer one, in a CSV too)
SAMPLE = 1_000  # claims with no finding a worksheet lists by default
_NOTE_ROOM = 8  # rows kept free for a CSV's notes, so that it holds the claims the XLSX holds
_CUT_LISTED = 50  # cut cells named one by one in the notes; the rest are counted
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_LINE_POINTS = 15.0  # one line of 11-point text
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _rank(st: ClaimStatus) -> int:
    """How severe what figures found about a claim is; -1 when it found nothing."""
    return flag_rank(st)


def ordered(result: CheckResult) -> list[Claim]:
    """Claims in worksheet order: flagged ones first, the most severe first; then by article and position.

    A claim is flagged when figures found something about it, or when it is the other
    side of a conflict carried by another article's claim (a conflict is an error).
    """

    def key(claim: Claim) -> tuple[int, int, str, int, str]:
        rank = _rank(result.statuses[claim.id])
        return (0 if rank >= 0 else 1, -rank, claim.path, claim.figure.start, claim.id)

    return sorted(result.claims, key=key)


Note = tuple[str, str, str, str]  # what was left out, how many, why, how to see it


@dataclass
class LeftOut:
    """What a worksheet could not hold: said on its "Left out" sheet or in note rows, and on standard error."""

    unsampled: int = 0  # claims with no finding beyond the sample
    past_rows: int = 0  # claims past the last row a sheet holds
    unlinked: int = 0  # rows whose URL is text, past the links a sheet holds
    cut: list[tuple[int, str, int]] = field(default_factory=list)  # (row, column, characters left out)

    def notes(self) -> list[Note]:
        """One line per kind of thing left out."""
        out = []
        if self.unsampled:
            out.append(
                (
                    f"{self.unsampled:,} claims with no finding (agreeing, unchecked or not keyed)",
                    f"{self.unsampled:,}",
                    f"the worksheet lists every flagged claim and a sample of {SAMPLE:,} of the others",
                    "figures worksheet --all-rows lists them all",
                )
            )
        if self.past_rows:
            out.append(
                (
                    f"{self.past_rows:,} claims past row {MAX_ROWS:,}",
                    f"{self.past_rows:,}",
                    f"a sheet holds at most {MAX_ROWS:,} rows",
                    "check part of the archive at a time, or read figures check --format json",
                )
            )
        if self.unlinked:
            out.append(
                (
                    f"links of {self.unlinked:,} rows (their URL is text)",
                    f"{self.unlinked:,}",
                    f"Excel keeps at most {MAX_LINKS:,} links in a sheet",
                    "copy the URL from its cell",
                )
            )
        return out + self._cut_notes()

    def _cut_notes(self) -> list[Note]:
        if not self.cut:
            return []
        where = ", ".join(f"row {row} {column} ({chars:,} characters)" for row, column, chars in self.cut[:_CUT_LISTED])
        if len(self.cut) > _CUT_LISTED:
            where += f" and {len(self.cut) - _CUT_LISTED:,} more"
        return [
            (
                f"{len(self.cut):,} cells cut at {MAX_CELL:,} characters: {where}",
                f"{len(self.cut):,}",
                f"a cell holds at most {MAX_CELL:,} characters; a cut cell ends saying how many it left out",
                "figures claims ARTICLE for the whole text",
            )
        ]

    def warning(self, output: str) -> str | None:
        """One line for standard error, or ``None`` when nothing was left out."""
        notes = self.notes()
        if not notes:
            return None
        where = "its sheet 'Left out'" if output.lower().endswith(".xlsx") else "its last rows"
        return f"{output} leaves out " + "; ".join(what.split(":")[0] for what, *_ in notes) + f" (see {where})"


@dataclass
class Selection:
    """The claims a worksheet lists, in its order, and what it leaves out."""

    claims: list[Claim]
    left: LeftOut


def _sample_key(claim: Claim) -> tuple[int, str]:
    # a checksum of the id, not hash(): the same sample whatever PYTHONHASHSEED
    return zlib.crc32(claim.id.encode("utf-8", "surrogatepass")), claim.id


def select(result: CheckResult, all_rows: bool = False) -> Selection:
    """Every flagged claim and ``SAMPLE`` others (all with ``all_rows``), in worksheet order, up to ``MAX_ROWS``."""
    claims = ordered(result)
    left = LeftOut()
    if result.totals is not None:  # the run kept the flagged claims and the sample
        left.unsampled = result.totals.unsampled
    elif not all_rows:
        quiet = [c for c in claims if _rank(result.statuses[c.id]) < 0]
        if len(quiet) > SAMPLE:
            kept = {c.id for c in heapq.nsmallest(SAMPLE, quiet, key=_sample_key)}
            left.unsampled = len(quiet) - SAMPLE
            claims = [c for c in claims if c.id in kept or _rank(result.statuses[c.id]) >= 0]
    room = MAX_ROWS - 1 - _NOTE_ROOM
    if len(claims) > room:
        left.past_rows = len(claims) - room
        claims = claims[:room]
    return Selection(claims, left)


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


def rows(result: CheckResult, rulebook: Rulebook, claims: list[Claim] | None = None) -> Iterator[list[object]]:
    """The worksheet's rows, header excluded, one at a time: of ``claims``, else of every claim in worksheet order.

    The date is a :class:`datetime.date` when the article's date is one, else its text.
    The story and the reason are the run's (``CheckResult.stories`` and ``.explanations``).
    """
    desk = _Desk(
        world_for(rulebook),
        {a.path: a for a in result.corpus_articles + result.articles},
        {(f.path, f.line, f.column): f for f in result.findings if f.code == CONFLICT_CODE},
    )
    for c in ordered(result) if claims is None else claims:
        yield _row(result, c, desk)


CONFLICT_CODE = "FG301"


@dataclass(frozen=True)
class _Desk:
    """What every row is worded from: entity names, the articles by path, the conflict findings by place."""

    world: object
    articles: dict[str, Article]
    conflicts: dict[tuple[str, int, int], Finding]


def _found(c: Claim, st: ClaimStatus, desk: _Desk) -> tuple[str, str, str]:
    """Code, severity and message of a claim; the other side of a disagreement gets its own.

    The consistency check reports a disagreement once, on one of its claims; the others
    carry the same code and severity, and a message that names the sources they differ from,
    so a filter on the code shows every side.
    """
    severity = st.severity.value if st.severity is not None else ""
    message = " | ".join(plain_message(m, outlet_of(desk.articles)) for m in st.messages)
    if st.status != Outcome.CONFLICTS or CONFLICT_CODE in st.codes:
        return ", ".join(st.codes), severity, message
    carried = [f for r in st.related if (f := desk.conflicts.get((r.path, r.line, r.column))) is not None]
    if not carried:
        return ", ".join(st.codes), severity, message
    worst = max((f.severity for f in carried), key=lambda s: s.rank)
    if st.severity is not None and st.severity.rank > worst.rank:
        worst = st.severity
    others = "; ".join(source_words(r, desk.articles) for r in st.related)
    entity = desk.world.name(c.entity) if c.entity else ""
    own = f'{c.label or "this claim"}{f" ({entity})" if entity else ""}: "{c.figure.surface}" conflicts with {others}'
    return ", ".join(sorted({CONFLICT_CODE, *st.codes})), worst.value, " | ".join(x for x in (own, message) if x)


def _row(result: CheckResult, c: Claim, desk: _Desk) -> list[object]:
    st: ClaimStatus = result.statuses[c.id]
    world = desk.world
    entity = (world.name(c.entity) if c.entity else "") + (f", {c.place}" if c.place else "")
    v = st.verdict
    why = result.explanations.get(c.id)
    story = result.stories.of(c.path) if result.stories is not None else None
    code, severity, message = _found(c, st, desk)
    return [
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
        c.subject or "",
        c.time_label or "",
        f"{story.id}: {', '.join(story.words)}" if story is not None else "",
        status_words(st),
        code,
        severity,
        message,
        "; ".join(source_words(r, desk.articles) for r in st.related),
        reason_text(why) if why is not None else "",
        v.verdict if v else "",
        v.corrected if v else "",
        v.source if v else "",
        v.notes if v else "",
    ]


def _fitted(values: list[object], row: int, left: LeftOut) -> list[object]:
    """The row as a spreadsheet holds it: no control character, no cell past ``MAX_CELL`` (saying so)."""
    out: list[object] = []
    for name, value in zip(NAMES, values, strict=True):
        if isinstance(value, str):
            value = for_spreadsheet(value)  # XLSX holds no control characters nor lone surrogates
            if len(value) > MAX_CELL:
                value, cut = _cut(value)
                left.cut.append((row, name, cut))
        out.append(value)
    return out


def _cut(text: str) -> tuple[str, int]:
    """``text`` cut to ``MAX_CELL`` characters ending in how many were left out, and that number."""
    kept = MAX_CELL - len(f" [cut: {len(text):,} more characters]")
    return f"{text[:kept]} [cut: {len(text) - kept:,} more characters]", len(text) - kept


def format_csv(result: CheckResult, rulebook: Rulebook, selection: Selection | None = None) -> str:
    """The worksheet as CSV text, starting with a byte order mark; dates in ISO form.

    It holds the rows the XLSX holds (``selection``, by default :func:`select`'s) and says
    what it left out in note rows at the end: no ID, the note in the Article column.
    """
    selection = selection or select(result)
    buf = io.StringIO()
    buf.write("\ufeff")  # Excel reads a CSV as UTF-8 only with it
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(NAMES)
    for n, values in enumerate(rows(result, rulebook, selection.claims), start=2):
        fitted = _fitted(values, n, selection.left)
        writer.writerow([csv_cell(v.isoformat() if isinstance(v, datetime.date) else v) for v in fitted])
    for what, _, why, how in selection.left.notes():
        note = f"Left out: {what}. Why: {why}. To see them: {how}."
        writer.writerow(["", csv_cell(note), *[""] * (len(NAMES) - 2)])
    return buf.getvalue()


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


def row_height(values: list[object], columns: tuple[tuple[str, int], ...] = COLUMNS) -> float:
    """Points a row needs so that no wrapped cell of ``columns`` runs under the next row."""
    lines = max(
        (
            wrapped_lines(value, width)
            for value, (name, width) in zip(values, columns, strict=True)
            if name not in UNWRAPPED
        ),
        default=1,
    )
    return lines * _LINE_POINTS + 3


class _Styles:
    """The cell styles of the worksheet, made once."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.header_font = Font(bold=True, color="FFFFFF")
        self.header_fill = PatternFill("solid", fgColor="14213D")
        self.checker_fill = PatternFill("solid", fgColor="FFF4CE")
        self.status_fill = {
            Outcome.CONFLICTS: PatternFill("solid", fgColor="F8D7DA"),
            Outcome.OUTSIDE_REFERENCE: PatternFill("solid", fgColor="F8D7DA"),
            Outcome.IMPLAUSIBLE: PatternFill("solid", fgColor="FCE5CD"),
            Outcome.AGREES: PatternFill("solid", fgColor="D9EAD3"),
        }
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")


_FILLED = frozenset(("Status", "Code", "Severity", "Message"))  # coloured by the claim's status

# The "Print" sheet: what a checker reads and writes on, one page wide at about 9 points on A4
# landscape. "Why" is the message, else the reason (why a claim was not keyed, not compared).
PRINT_COLUMNS = (
    ("ID", 13),
    ("Outlet", 11),
    ("Line", 5),
    ("Figure as written", 16),
    ("Sentence", 36),
    ("Status", 11),
    ("Why", 26),
    ("Verdict", 12),
    ("Corrected value", 12),
    ("Source URL", 12),
    ("Notes", 24),
)
_PRINT_MIN_LINES = 2  # room to write a verdict by hand


def _print_value(name: str, values: list[object]) -> object:
    if name == "Why":
        return values[NAMES.index("Message")] or values[NAMES.index("Reason")]
    return values[NAMES.index(name)]


def _print_formula(name: str, row: int) -> str:
    """The print cell's formula: it shows the "Claims" cell, so what a checker types there is what prints."""
    from openpyxl.utils import get_column_letter

    def ref(column: str) -> str:
        return f"Claims!{get_column_letter(NAMES.index(column) + 1)}{row}"

    if name == "Why":
        return f'=""&IF({ref("Message")}="",{ref("Reason")},{ref("Message")})'
    return f'=""&{ref(name)}'  # "" and not 0 for an empty cell


class _Sheet:
    """The "Claims" sheet of a write-only workbook, written one row at a time."""

    def __init__(self, wb, left: LeftOut) -> None:

        # What a sheet says before its rows is set before the first row is written.
        self.ws = ws = wb.create_sheet("Claims")
        self.printed = _PrintSheet(wb)
        self.styles = _Styles()
        self.left = left
        self.links = 0
        self.row = 1
        _lay_out(ws, COLUMNS, side_margin=0.4)

    def _cell(self, value: object, name: str = ""):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text, never a formula, whatever it starts with
        elif isinstance(value, datetime.date):
            cell.number_format = "yyyy-mm-dd"
        cell.alignment = self.styles.top if name in UNWRAPPED else self.styles.wrap
        return cell

    def _append(self, cells: list, values: list[object]) -> None:
        # the height is read as the row is written; forgetting it then keeps memory flat
        self.ws.row_dimensions[self.row].height = row_height(values)
        self.ws.append(cells)
        del self.ws.row_dimensions[self.row]
        self.row += 1

    def header(self) -> None:
        cells = []
        for name in NAMES:
            cell = self._cell(name)
            cell.font, cell.fill, cell.alignment = self.styles.header_font, self.styles.header_fill, self.styles.wrap
            cells.append(cell)
        self._append(cells, list(NAMES))
        self.printed.header(self.styles)

    def claim(self, values: list[object], status: Outcome) -> None:
        values = _fitted(values, self.row, self.left)
        cells = [self._cell(value, name) for name, value in zip(NAMES, values, strict=True)]
        for name, cell in zip(NAMES, cells, strict=True):
            if name in _FILLED and status in self.styles.status_fill:
                cell.fill = self.styles.status_fill[status]
            elif name in CHECKER_COLUMNS:
                cell.fill = self.styles.checker_fill
        self._link(cells[NAMES.index("URL")])
        self.printed.claim(values, self.row, self.styles, status)
        self._append(cells, values)

    def _link(self, cell) -> None:
        url = cell.value or ""
        if not url.lower().startswith(("http://", "https://")):
            return
        if self.links >= MAX_LINKS:
            self.left.unlinked += 1
            return
        self.links += 1
        cell.hyperlink = url
        cell.style = "Hyperlink"
        cell.alignment = self.styles.top

    def finish(self) -> None:
        """The table's filter, the verdict drop-down and the print settings, now that its last row is known."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        ws = self.ws
        last = max(self.row - 1, 2)
        last_col = get_column_letter(len(COLUMNS))
        verdict_col = get_column_letter(NAMES.index(CHECKER_COLUMNS[0]) + 1)
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(VERDICTS) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Verdict",
            error="Choose one of: " + ", ".join(VERDICTS),
        )
        validation.add(f"{verdict_col}2:{verdict_col}{max(last, 1000)}")
        ws.data_validations.append(validation)
        ws.auto_filter.ref = f"A1:{last_col}{last}"
        ws.print_area = f"A1:{last_col}{last}"
        ws.oddFooter.center.text = "Page &P of &N"
        self.printed.finish(last)


class _PrintSheet:
    """The "Print" sheet: :data:`PRINT_COLUMNS` of every row, each cell showing the "Claims" cell.

    Printed one page wide, 25 columns come out at about 5 points; these come out at about 9.
    The sheet is protected: verdicts are typed on "Claims", whose import reads them.
    """

    def __init__(self, wb) -> None:

        self.ws = ws = wb.create_sheet("Print")
        _lay_out(ws, PRINT_COLUMNS, side_margin=0.3)
        ws.print_options.gridLines = True  # boxes to write in
        ws.protection.sheet = True
        self.row = 1

    def _append(self, cells: list, height: float) -> None:
        self.ws.row_dimensions[self.row].height = height
        self.ws.append(cells)
        del self.ws.row_dimensions[self.row]
        self.row += 1

    def header(self, styles: _Styles) -> None:
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for name, _ in PRINT_COLUMNS:
            cell = WriteOnlyCell(self.ws, value=name)
            cell.data_type = "s"
            cell.font, cell.fill, cell.alignment = styles.header_font, styles.header_fill, styles.wrap
            cells.append(cell)
        self._append(cells, row_height([n for n, _ in PRINT_COLUMNS], PRINT_COLUMNS))

    def claim(self, values: list[object], row: int, styles: _Styles, status: Outcome) -> None:
        """The print row of the "Claims" row ``row``, as tall as its text or room to write by hand."""
        from openpyxl.cell import WriteOnlyCell

        cells = []
        for name, _ in PRINT_COLUMNS:
            cell = WriteOnlyCell(self.ws, value=_print_formula(name, row))
            cell.alignment = styles.wrap
            if name in CHECKER_COLUMNS:
                cell.fill = styles.checker_fill
            elif name == "Status" and status in styles.status_fill:
                cell.fill = styles.status_fill[status]
            cells.append(cell)
        shown = [_print_value(name, values) for name, _ in PRINT_COLUMNS]
        height = max(row_height(shown, PRINT_COLUMNS), _PRINT_MIN_LINES * _LINE_POINTS + 3)
        self._append(cells, height)

    def finish(self, last: int) -> None:
        from openpyxl.utils import get_column_letter

        self.ws.print_area = f"A1:{get_column_letter(len(PRINT_COLUMNS))}{last}"
        self.ws.oddFooter.center.text = "Page &P of &N"


def _left_out_sheet(wb, notes: list[Note]) -> None:
    """A second sheet naming what the first could not hold, one line each."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet("Left out")
    for letter, width in zip("ABCD", (60, 12, 50, 50), strict=True):
        ws.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, line in enumerate((("What", "How many", "Why", "To see them"), *notes)):
        cells = []
        for text in line:
            cell = WriteOnlyCell(ws, value=text)
            cell.data_type = "s"
            cell.alignment = wrap
            if n == 0:
                cell.font = Font(bold=True)
            cells.append(cell)
        ws.append(cells)


def format_xlsx(result: CheckResult, rulebook: Rulebook, selection: Selection | None = None) -> bytes:
    """The worksheet as XLSX bytes, identical for identical input, written row by row.

    It lists ``selection`` (by default :func:`select`'s) and, when anything was left
    out, a second sheet "Left out" says what.
    """
    from openpyxl import Workbook

    selection = selection or select(result)
    wb = Workbook(write_only=True)
    sheet = _Sheet(wb, selection.left)
    sheet.header()
    for claim, values in zip(selection.claims, rows(result, rulebook, selection.claims), strict=True):
        sheet.claim(values, result.statuses[claim.id].status)
    sheet.finish()
    notes = selection.left.notes()
    if notes:
        _left_out_sheet(wb, notes)
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


def _lay_out(ws, columns, side_margin: float) -> None:
    """Column widths, a frozen header, and printing: landscape A4, the whole width on one page,
    as many pages down as it takes, the header row on every page."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.worksheet import Worksheet

    for col, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=side_margin, right=side_margin, top=0.5, bottom=0.6, header=0.3, footer=0.3)
    ws.print_title_rows = "1:1"
