"""The worksheet at archive scale: flagged rows and a sample by default, and within the spreadsheets' limits.

Each limit is a module constant, lowered here so that a small corpus reaches it; what
is left out is said in the worksheet (a "Left out" sheet, note rows at the end of a
CSV) and in one warning line on standard error, never cut silently.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from figures.cli import main
from figures.outputs import worksheet

ROOT = Path(__file__).resolve().parents[2]
FLAGGED = ("conflicts", "implausible", "outside reference")


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _csv(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    """The claim rows of a CSV worksheet, and its note rows (no ID, the note in the Article column)."""
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [r for r in table if r["ID"]], [r["Article"] for r in table if not r["ID"]]


def _write(tmp_path: Path, name: str, *extra: str) -> Path:
    out = tmp_path / name
    assert main(["worksheet", "data/articles", "--no-index", "-o", str(out), *extra]) == 0
    return out


def test_by_default_every_flagged_claim_and_a_sample_of_the_others(tmp_path, monkeypatch, capsys):
    everything, notes = _csv(_write(tmp_path, "all.csv", "--all-rows"))
    assert not notes
    quiet = [r for r in everything if r["Status"] not in FLAGGED and not r["Severity"]]
    assert len(quiet) > 5
    monkeypatch.setattr(worksheet, "SAMPLE", 5)
    capsys.readouterr()
    rows, notes = _csv(_write(tmp_path, "w.csv"))
    flagged = [r for r in everything if r not in quiet]
    assert [r for r in rows if r["Status"] in FLAGGED or r["Severity"]] == flagged
    sample = [r for r in rows if r not in flagged]
    assert len(sample) == 5 and all(r in quiet for r in sample)
    assert [r["ID"] for r in rows] == [r["ID"] for r in everything if r in rows]  # the worksheet's order
    assert len(notes) == 1 and f"{len(quiet) - 5:,} claims with no finding" in notes[0] and "--all-rows" in notes[0]
    err = capsys.readouterr().err
    assert err.count("warning") == 1 and f"{len(quiet) - 5:,} claims with no finding" in err
    again, _ = _csv(_write(tmp_path, "again.csv"))
    assert again == rows  # the same sample every time


def test_xlsx_says_what_it_left_out_on_a_sheet_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(worksheet, "SAMPLE", 5)
    book = load_workbook(_write(tmp_path, "w.xlsx"))
    assert book.sheetnames == ["Claims", "Print", "Left out"]
    claims, left = book["Claims"], book["Left out"]
    rows, _ = _csv(_write(tmp_path, "w.csv"))
    assert [claims.cell(r, 1).value for r in range(2, claims.max_row + 1)] == [r["ID"] for r in rows]
    said = [[c.value for c in row] for row in left.iter_rows(min_row=2)]
    assert len(said) == 1 and "claims with no finding" in said[0][0] and "--all-rows" in said[0][3]


def test_nothing_left_out_no_left_out_sheet(tmp_path, capsys):
    book = load_workbook(_write(tmp_path, "w.xlsx", "--all-rows"))
    assert book.sheetnames == ["Claims", "Print"]
    assert "warning" not in capsys.readouterr().err


def test_rows_past_the_sheet_limit_are_counted_not_dropped_silently(tmp_path, monkeypatch, capsys):
    everything, _ = _csv(_write(tmp_path, "all.csv", "--all-rows"))
    monkeypatch.setattr(worksheet, "MAX_ROWS", 30)
    capsys.readouterr()
    book = load_workbook(_write(tmp_path, "w.xlsx", "--all-rows"))
    assert book["Claims"].max_row <= 30
    kept = book["Claims"].max_row - 1
    said = [row[0].value for row in book["Left out"].iter_rows(min_row=2)]
    assert any(f"{len(everything) - kept:,} claims past row 30" in s for s in said)
    assert f"{len(everything) - kept:,} claims past row 30" in capsys.readouterr().err
    rows, notes = _csv(_write(tmp_path, "w.csv", "--all-rows"))  # a CSV opened in a spreadsheet stops there too
    assert [r["ID"] for r in rows] == [r["ID"] for r in everything[:kept]]
    assert len(rows) + len(notes) + 1 <= 30 and any("past row 30" in n for n in notes)


def test_links_past_the_sheet_limit_stay_as_text(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(worksheet, "MAX_LINKS", 3)
    out = _write(tmp_path, "w.xlsx", "--all-rows")
    claims = load_workbook(out)["Claims"]
    url = [c.value for c in claims[1]].index("URL") + 1
    cells = [claims.cell(r, url) for r in range(2, claims.max_row + 1) if claims.cell(r, url).value]
    assert len(cells) > 3 and sum(1 for c in cells if c.hyperlink) == 3
    assert all(c.value.startswith("https://") for c in cells)  # the address is still there, as text
    said = [row[0].value for row in load_workbook(out)["Left out"].iter_rows(min_row=2)]
    assert any(f"links of {len(cells) - 3:,} rows" in s for s in said)
    assert "links" in capsys.readouterr().err


def test_cells_past_the_cell_limit_are_cut_saying_so(tmp_path, monkeypatch, capsys):
    full, _ = _csv(_write(tmp_path, "all.csv", "--all-rows"))
    monkeypatch.setattr(worksheet, "MAX_CELL", 80)
    capsys.readouterr()
    rows, notes = _csv(_write(tmp_path, "w.csv", "--all-rows"))
    cut = [(a, b) for a, b in zip(full, rows, strict=True) if a["Sentence"] != b["Sentence"]]
    assert cut
    for whole, short in cut:
        kept, _, said = short["Sentence"].partition(" [cut: ")
        assert len(short["Sentence"]) <= 80 and whole["Sentence"].startswith(kept)
        assert said == f"{len(whole['Sentence']) - len(kept):,} more characters]"
    assert any("cells cut at 80 characters" in n for n in notes)
    assert "cells cut at 80 characters" in capsys.readouterr().err
    book = load_workbook(_write(tmp_path, "w.xlsx", "--all-rows"))
    sentence = [c.value for c in book["Claims"][1]].index("Sentence") + 1
    assert all(len(book["Claims"].cell(r, sentence).value or "") <= 80 for r in range(2, book["Claims"].max_row + 1))
    assert any("cells cut at 80 characters" in row[0].value for row in book["Left out"].iter_rows(min_row=2))
