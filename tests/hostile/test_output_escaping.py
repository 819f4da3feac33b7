"""What an article holds never acts in an output: no formula in any spreadsheet, no command in a CI log.

A CSV may be opened with ``;``, ``,``, tab or ``|`` as its separator, so a formula can
start wherever one of them stands inside a cell. GitHub Actions reads every line of a
job's output as a possible workflow command, and a terminal reads escape sequences.
Characters no output can hold (lone surrogates, XLSX's illegal control characters)
are replaced, and the figures they touch are flagged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from figures.cli import main
from figures.core.sanitise import XLSX_ILLEGAL
from figures.outputs import csv_cell, csv_text

FORMULA = re.compile(r"[=+\-@]")
SEPARATORS = (",", ";", "\t", "|")
HOSTILE = "Officials said 12 people died;=1+1 and 40,=2+2 were hurt|@SUM(A1) and\t-3+4 left, =HYPERLINK(1).\n"


def _cells_as_opened_with(text: str, separator: str) -> list[str]:
    """Every cell a spreadsheet would see, splitting on ``separator`` and on line ends (quotes ignored)."""
    return [cell.strip(' "') for line in text.splitlines() for cell in line.split(separator)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _formulas(text: str) -> list[str]:
    """Cells that would compute (a negative number is a number, not a formula)."""
    cells = [c for sep in SEPARATORS for c in _cells_as_opened_with(text, sep)]
    return [c for c in cells if FORMULA.match(c) and not _is_number(c)]


@pytest.fixture
def hostile(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a;=1+1.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


def test_the_worksheet_csv_holds_no_formula_whatever_the_separator(hostile, tmp_path):
    out = tmp_path / "sheet.csv"
    assert main(["worksheet", str(hostile), "--no-index", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "=1+1" in text  # the text is there, made inert
    assert _formulas(text) == []


def test_the_extract_csv_holds_no_formula_whatever_the_separator(hostile, tmp_path):
    out = tmp_path / "figures.csv"
    assert main(["extract", "--format", "csv", str(hostile), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "a;" in text
    assert _formulas(text) == []


# Text made of the characters that matter here, so that examples hit separators and formula starts often.
CELL_TEXT = st.text(alphabet=st.sampled_from(list(";,\t|\n '=+-@ab1")), max_size=40)


@given(CELL_TEXT)
def test_an_escaped_cell_gives_back_its_text(text):
    assert csv_text(csv_cell(text)) == text


@given(CELL_TEXT)
def test_an_escaped_cell_starts_no_formula_after_any_separator(text):
    cell = csv_cell(text)
    for sep in (*SEPARATORS, "\n"):
        for piece in cell.split(sep):
            assert not FORMULA.match(piece.lstrip(" ")), (text, cell)


def test_the_characters_replaced_for_xlsx_are_openpyxls():
    assert XLSX_ILLEGAL.pattern == ILLEGAL_CHARACTERS_RE.pattern


def test_verdicts_come_back_from_an_escaped_worksheet(hostile, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sheet = tmp_path / "sheet.csv"
    assert main(["worksheet", str(hostile), "--no-index", "-o", str(sheet)]) == 0
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        row[header.index("Verdict")] = "confirmed"
        row[header.index("Notes")] = "see p.3;=not a formula"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    sheet.write_text(buf.getvalue(), encoding="utf-8-sig")
    assert main(["worksheet", "--import", str(sheet)]) == 0
    recorded = yaml.safe_load(Path("figures-verdicts.yaml").read_text(encoding="utf-8"))["verdicts"]
    assert len(recorded) == len(rows) - 1
    article = str(hostile / "a;=1+1.txt")
    for entry in recorded.values():
        assert entry["path"] == article
        assert entry["notes"] == "see p.3;=not a formula"
    assert {e["figure"] for e in recorded.values()} >= {"12 people", "40"}


# --- text and GitHub output -------------------------------------------------------------------


@pytest.fixture
def newline_name(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b\n::error file=x::pwned.txt").write_bytes(b"x \x00 binary")
    return folder


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_a_file_name_with_a_line_break_makes_no_workflow_command(newline_name, capsys, fmt):
    main(["check", "--isolated", "--no-index", "--format", fmt, str(newline_name)])
    lines = capsys.readouterr().out.splitlines()
    commands = [ln for ln in lines if ln.startswith("::")]
    assert len(commands) == (1 if fmt == "github" else 0)  # the FG001 of the one file, nothing more
    assert not any("pwned" in ln and not ln.startswith(("::error file=", str(newline_name))) for ln in lines)


ESCAPES = ["\x1b[31m", "\x1b]8;;http://evil\x07", "\x9b31m", "\x1bc"]


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("fmt", ["text", "github"])
def test_escape_sequences_in_a_misspelt_suppression_do_not_reach_the_output(tmp_path, capsys, fmt, escape):
    article = tmp_path / "story.md"
    article.write_text(f"Officials said 12 people died. <!-- figures: ignroe {escape}FG301 -->\n", encoding="utf-8")
    main(["check", "--isolated", "--no-index", "--format", fmt, str(article)])
    out = capsys.readouterr().out
    assert "FG002" in out
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)


def test_github_properties_are_escaped_by_githubs_rules(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a,b:c%d.txt").write_bytes(b"x \x00 binary")
    main(["check", "--isolated", "--no-index", "--format", "github", str(folder)])
    line = capsys.readouterr().out.strip()
    assert "file=" + str(folder).replace(":", "%3A").replace(",", "%2C") + "/a%2Cb%3Ac%25d.txt," in line


# --- characters no output can hold ------------------------------------------------------------


@pytest.fixture
def unwritable(tmp_path) -> Path:
    """Articles with a lone surrogate in front matter, XLSX-illegal characters, and a name that is not UTF-8."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "surrogate.md").write_text(
        '---\ntitle: "Budget \\ud800 row"\noutlet: "Daily\\x0bPost"\ndate: 2023-01-02\n---\n'
        "Officials said 12 people died and 40 were hurt.\n",
        encoding="utf-8",
    )
    (folder / "control.txt").write_text("Officials said 14\x0b people died, 41 \x1b[31mwere hurt.\n", encoding="utf-8")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_bytes(b"Officials said 16 people died.\n")
    return folder


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (["report"], "report.html"),
        (["report", "--format", "md"], "report.md"),
        (["worksheet"], "sheet.xlsx"),
        (["worksheet"], "sheet.csv"),
        (["check", "--isolated", "--format", "json"], "findings.json"),
        (["check", "--isolated", "--format", "sarif"], "findings.sarif"),
        (["check", "--isolated", "--format", "text"], "findings.txt"),
        (["check", "--isolated", "--format", "github"], "findings.log"),
        (["extract", "--format", "jsonl"], "figures.jsonl"),
        (["extract", "--format", "csv"], "figures.csv"),
        (["extract", "--format", "table"], "figures.txt"),
    ],
    ids=lambda v: v if isinstance(v, str) else " ".join(v),
)
def test_one_unwritable_article_stops_no_output(unwritable, tmp_path, capsys, command, name):
    out = tmp_path / name
    extra = [] if command[0] == "extract" else ["--no-index"]
    assert main([*command, str(unwritable), *extra, "-o", str(out)]) in (0, 1)
    assert "internal error" not in capsys.readouterr().err
    if name.endswith(".xlsx"):
        cells = [str(c) for row in load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
        text = "\n".join(cells)
    else:
        text = out.read_text(encoding="utf-8")  # strict: a lone surrogate would not decode
    assert "\x0b" not in text and "\x1b" not in text  # JSON writes them as \u000b, text as \x0b
    assert "\ufffd" in text or name.startswith("findings") or name.endswith(".md")  # the name not in UTF-8


def test_figures_beside_replaced_characters_are_flagged(unwritable, capsys):
    assert main(["extract", "--format", "jsonl", str(unwritable)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    flagged = {(Path(r["path"]).name, r["surface"]) for r in records if "replaced_characters" in r["flags"]}
    assert ("control.txt", "14") in flagged or ("control.txt", "14\ufffd people") in flagged
    assert ("surrogate.md", "12 people") in flagged  # its title had a lone surrogate
    assert any(name.startswith("caf") for name, _ in flagged)  # its name is not UTF-8
    assert all(r["surface"] for r in records)
