"""Nothing a person wrote is lost: a filled-in worksheet, a saved baseline.

A worksheet with anything in a checker's column, or one figures cannot read back
(re-saved by a spreadsheet in another encoding, a header renamed), may hold hours of
a checker's work: it is overwritten only with ``--force``. A run that fails never
writes the baseline.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from figures.cli import main

STORY = "Officials said 12 people died and 40 were hurt.\n"


@pytest.fixture
def article(tmp_path) -> str:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return str(path)


def _export(article: str, out: Path) -> None:
    assert main(["worksheet", article, "--no-index", "-o", str(out)]) == 0


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig", delimiter: str = ",") -> None:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))


def _fill(rows: list[list[str]], column: str, value: str) -> list[list[str]]:
    col = rows[0].index(column)
    rows[1][col] = value
    return rows


def _refused(article: str, out: Path, capsys) -> None:
    before = out.read_bytes()
    capsys.readouterr()
    assert main(["worksheet", article, "--no-index", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "--force" in err
    assert out.read_bytes() == before
    assert main(["worksheet", article, "--no-index", "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != before


CSV_CASES = {
    "a verdict figures does not know": ("Verdict", "yes"),
    "a note and no verdict": ("Notes", "called the ministry, waiting"),
    "a corrected value only": ("Corrected value", "13"),
    "a source only": ("Source URL", "https://example.org/stats"),
    "a formula": ("Verdict", "=IF(A2>0,1,0)"),
}


@pytest.mark.slow
@pytest.mark.parametrize(("column", "value"), CSV_CASES.values(), ids=CSV_CASES.keys())
def test_a_csv_with_anything_in_a_checker_column_is_kept(article, tmp_path, capsys, column, value):
    out = tmp_path / "sheet.csv"
    _export(article, out)
    _write_csv(out, _fill(_csv_rows(out), column, value))
    _refused(article, out, capsys)


@pytest.mark.slow
def test_a_csv_with_a_renamed_header_is_kept(article, tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    _export(article, out)
    rows = _csv_rows(out)
    rows[0][rows[0].index("Verdict")] = "Checked?"
    _write_csv(out, _fill(rows, "Checked?", "confirmed"))
    _refused(article, out, capsys)


@pytest.mark.slow
def test_a_csv_saved_again_by_a_spreadsheet_in_windows_1252_with_semicolons_is_kept(article, tmp_path, capsys):
    out = tmp_path / "sheet.csv"
    _export(article, out)
    rows = _fill(_csv_rows(out), "Verdict", "confirmed")
    rows = _fill(rows, "Notes", "vérifié auprès du ministère")
    _write_csv(out, rows, encoding="cp1252", delimiter=";")
    _refused(article, out, capsys)


@pytest.mark.slow
@pytest.mark.parametrize("value", ["yes", "=1+1", "confirmed", "checked by Ana"])
def test_an_xlsx_with_anything_in_a_checker_column_is_kept(article, tmp_path, capsys, value):
    out = tmp_path / "sheet.xlsx"
    _export(article, out)
    wb = load_workbook(out)
    ws = wb["Claims"]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index("Verdict" if value != "checked by Ana" else "Notes") + 1, value=value)
    wb.save(out)
    _refused(article, out, capsys)


@pytest.mark.parametrize("name", ["sheet.xlsx", "sheet.csv"])
def test_a_worksheet_that_cannot_be_read_is_kept(article, tmp_path, capsys, name):
    out = tmp_path / name
    out.write_bytes(b"PK\x03\x04 not really a zip \xff\xfe" * 10)
    before = out.read_bytes()
    assert main(["worksheet", article, "--no-index", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(out) in err and "person" in err and "--force" in err
    assert out.read_bytes() == before


@pytest.mark.slow
@pytest.mark.parametrize("name", ["sheet.xlsx", "sheet.csv"])
def test_an_untouched_worksheet_is_written_again(article, tmp_path, name):
    out = tmp_path / name
    _export(article, out)
    first = out.read_bytes()
    Path(article).write_text(STORY + "Another 7 people were missing.\n", encoding="utf-8")
    _export(article, out)
    assert out.read_bytes() != first


@pytest.mark.slow
def test_an_untouched_worksheet_saved_again_with_semicolons_is_written_again(article, tmp_path):
    out = tmp_path / "sheet.csv"
    _export(article, out)
    _write_csv(out, _csv_rows(out), encoding="cp1252", delimiter=";")
    _export(article, out)
    assert out.read_text(encoding="utf-8-sig").startswith("ID,")


# --- the baseline -----------------------------------------------------------------------------


def test_a_mistyped_path_leaves_the_saved_baseline(article, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    assert main(["check", "--isolated", "--no-index", article, "--write-baseline", str(baseline)]) == 0
    saved = baseline.read_bytes()
    capsys.readouterr()
    code = main(["check", "--isolated", "--no-index", str(tmp_path / "stroy.txt"), "--write-baseline", str(baseline)])
    assert code == 2
    assert baseline.read_bytes() == saved
    err = capsys.readouterr().err
    assert "stroy.txt" in err and "not written" in err


def test_a_run_with_one_missing_path_of_several_leaves_the_saved_baseline(article, tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"version": 1, "findings": []}\n', encoding="utf-8")
    saved = baseline.read_bytes()
    argv = ["check", "--isolated", "--no-index", article, str(tmp_path / "gone"), "--write-baseline", str(baseline)]
    assert main(argv) == 2
    assert baseline.read_bytes() == saved
