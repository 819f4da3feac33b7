"""The fact-check worksheet: golden CSV, a real spreadsheet, no formulas, verdicts flow back."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from figures.cli import main
from tests.system import ensure_program

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
INJECTION = (
    "---\ndate: 2022-03-17\n---\n=1+1 said 63.389 Tajiks acquired citizenship in 2020.\n\n"
    "@SUM(1) +cmd -2 said 45 workers left.\n"
)


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_golden_csv(tmp_path):
    out = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (GOLDEN / "worksheet_articles.csv").read_text(encoding="utf-8")


def test_xlsx_is_a_real_spreadsheet(tmp_path):
    out = tmp_path / "w.xlsx"
    assert main(["worksheet", "data/articles", "-o", str(out)]) == 0
    ws = load_workbook(out)["Claims"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["ID", "Article"] and header[-4:] == ["Verdict", "Corrected value", "Source URL", "Notes"]
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.column_dimensions["G"].width >= 60
    validations = ws.data_validations.dataValidation
    assert validations and "confirmed,incorrect,needs source,not a claim" in validations[0].formula1
    links = [c.hyperlink.target for c in ws["E"][1:] if c.hyperlink]
    assert links and all(link.startswith("https://") for link in links)
    found = header.index("figures found") + 1
    fills = {ws.cell(row=r, column=found).fill.fgColor.rgb for r in range(2, ws.max_row + 1)}
    assert len(fills) >= 3  # conflicts, agrees, plain


def test_xlsx_bytes_are_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    main(["worksheet", "data/articles", "-o", str(a)])
    main(["worksheet", "data/articles", "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


def test_article_text_never_becomes_a_formula(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "evil.md").write_text(INJECTION, encoding="utf-8")
    xlsx, csv_out = tmp_path / "w.xlsx", tmp_path / "w.csv"
    main(["worksheet", str(tmp_path / "a"), "-o", str(xlsx)])
    main(["worksheet", str(tmp_path / "a"), "-o", str(csv_out)])
    ws = load_workbook(xlsx)["Claims"]
    sentences = [ws.cell(row=r, column=7) for r in range(2, ws.max_row + 1)]
    assert any(c.value.startswith("=1+1") for c in sentences)
    assert all(c.data_type == "s" for c in sentences)
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8"))))
    for row in rows[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)
    assert any(row[6].startswith("'=1+1") for row in rows[1:])


def test_libreoffice_opens_it_and_keeps_text_as_text(tmp_path):
    soffice = ensure_program(("soffice", "libreoffice"), "libreoffice-calc-nogui")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "evil.md").write_text(INJECTION, encoding="utf-8")
    xlsx = tmp_path / "w.xlsx"
    main(["worksheet", str(tmp_path / "a"), "data/articles", "-o", str(xlsx)])
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path / "out"),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = tmp_path / "out" / "w.csv"
    assert converted.is_file(), result.stderr
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    assert rows[0][0] == "ID"
    sentences = [r[6] for r in rows[1:]]
    assert any(s.startswith("=1+1 said") for s in sentences)  # shown as typed, not computed to 2
    assert any("63.389 Tajiks" in s for s in sentences)
    assert len(rows) > 90


def test_import_round_trip(tmp_path, capsys):
    ws_path = tmp_path / "w.xlsx"
    verdicts = tmp_path / "verdicts.yaml"
    assert main(["worksheet", "data/articles", "-o", str(ws_path)]) == 0
    assert main(["check", "data/articles", "--format", "json"]) == 1
    before = json.loads(capsys.readouterr().out)
    wb = load_workbook(ws_path)
    ws = wb["Claims"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) + 1 for name in header}
    by_surface = {}
    for r in range(2, ws.max_row + 1):
        by_surface.setdefault((ws.cell(r, col["Article"]).value, ws.cell(r, col["Figure as written"]).value), r)
    separator = by_surface[("data/articles/rewrite-2022-04-central-asians.md", "63.389 Tajiks")]
    ws.cell(separator, col["Verdict"]).value = "not a claim"
    twenty = by_surface[("data/articles/mt-2022-03-central-asians.md", "up to 20 years")]
    ws.cell(twenty, col["Verdict"]).value = "incorrect"
    ws.cell(twenty, col["Corrected value"]).value = "five to 12 years"
    ws.cell(twenty, col["Notes"]).value = "Criminal code gives 5-12"
    twelve = by_surface[("data/articles/dw-2023-09-recruitment.md", "five to 12 years")]
    ws.cell(twelve, col["Verdict"]).value = "confirmed"
    wb.save(ws_path)
    assert main(["worksheet", "--import", str(ws_path), "--verdicts", str(verdicts)]) == 0
    assert "recorded 3 verdicts" in capsys.readouterr().err
    assert main(["check", "data/articles", "--format", "json", "--verdicts", str(verdicts)]) == 1
    after = json.loads(capsys.readouterr().out)
    where = {(f["path"], f["surface"], f["code"]) for f in after}
    assert ("data/articles/rewrite-2022-04-central-asians.md", "63.389 Tajiks", "FG501") not in where
    assert ("data/articles/dw-2023-09-recruitment.md", "five to 12 years", "FG301") not in where
    assert ("data/articles/mt-2022-03-central-asians.md", "up to 20 years", "FG601") in where
    fg601 = next(f for f in after if f["code"] == "FG601")
    assert "five to 12 years" in fg601["message"] and "Criminal code" in fg601["message"]
    assert len(after) == len(before) - 2 + 1
    # the report shows the checker's verdicts
    main(["report", "data/articles", "--format", "md", "--verdicts", str(verdicts)])
    report = capsys.readouterr().out
    assert "| confirmed |" in report and "| incorrect |" in report


def test_ids_survive_edits_elsewhere(tmp_path, capsys):
    import shutil

    shutil.copytree(ROOT / "data" / "articles", tmp_path / "articles")
    main(["worksheet", str(tmp_path / "articles"), "-o", "-"])
    before = {row[0] for row in csv.reader(io.StringIO(capsys.readouterr().out))}
    path = tmp_path / "articles" / "mt-2022-03-central-asians.md"
    text = path.read_text(encoding="utf-8").replace(
        "# Central Asians in Russia pushed to fight in Ukraine\n",
        "# Central Asians in Russia pushed to fight in Ukraine\n\nUpdated: a new first paragraph with 7 new words.\n",
    )
    path.write_text(text, encoding="utf-8")
    main(["worksheet", str(tmp_path / "articles"), "-o", "-"])
    after = {row[0] for row in csv.reader(io.StringIO(capsys.readouterr().out))}
    assert len(after - before) == 1 and before <= after


def test_bad_verdict_names_the_row(tmp_path, capsys):
    bad = tmp_path / "w.csv"
    bad.write_text("ID,Verdict\nabc123,probably fine\n", encoding="utf-8")
    assert main(["worksheet", "--import", str(bad), "--verdicts", str(tmp_path / "v.yaml")]) == 2
    assert "row 2: verdict 'probably fine'" in capsys.readouterr().err
    assert not (tmp_path / "v.yaml").exists()
