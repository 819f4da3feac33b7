"""The fact-check worksheet: golden CSV, a real spreadsheet, no formulas, verdicts flow back."""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
import subprocess
from pathlib import Path

import pytest
import yaml
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
    assert out.read_bytes() == (GOLDEN / "worksheet_articles.csv").read_bytes()


def test_csv_has_a_byte_order_mark_and_iso_dates(tmp_path):
    out = tmp_path / "w.csv"
    main(["worksheet", "data/articles", "-o", str(out)])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "ID"
    assert any("≈" in cell or "–" in cell for row in rows for cell in row)  # what Excel garbles without the mark
    date = rows[0].index("Date")
    assert {r[date] for r in rows[1:]} and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[date]) for r in rows[1:])


def _sheet(tmp_path, *paths):
    out = tmp_path / "w.xlsx"
    assert main(["worksheet", *(paths or ("data/articles",)), "-o", str(out)]) == 0
    ws = load_workbook(out)["Claims"]
    header = [c.value for c in ws[1]]
    return out, ws, {name: header.index(name) + 1 for name in header}


@pytest.mark.e2e
def test_status_code_severity_and_message_have_their_own_columns(tmp_path):
    _, ws, col = _sheet(tmp_path)
    assert [n for n in col if n in ("Status", "Code", "Severity", "Message")] == [
        "Status",
        "Code",
        "Severity",
        "Message",
    ]
    statuses = {ws.cell(r, col["Status"]).value for r in range(2, ws.max_row + 1)}
    assert {"conflicts", "implausible", "agrees", "unchecked"} <= statuses  # one word each: a filter lists them
    fg501 = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Code"]).value == "FG501")
    assert ws.cell(fg501, col["Severity"]).value == "error"
    assert "decimal part" in ws.cell(fg501, col["Message"]).value
    assert ws.cell(fg501, col["Status"]).value == "implausible"


@pytest.mark.e2e
def test_flagged_rows_come_first_most_severe_first(tmp_path):
    _, ws, col = _sheet(tmp_path)
    flagged = ("conflicts", "implausible", "outside reference")
    rows = [
        (ws.cell(r, col["Status"]).value, ws.cell(r, col["Severity"]).value, ws.cell(r, col["Article"]).value)
        for r in range(2, ws.max_row + 1)
    ]
    first_plain = next(i for i, (status, severity, _) in enumerate(rows) if status not in flagged and not severity)
    assert first_plain >= 6
    assert all(status not in flagged and not severity for status, severity, _ in rows[first_plain:])
    rank = {"error": 0, "warning": 1, "info": 2, None: 0}
    own = [rank[severity] for _, severity, _ in rows[:first_plain]]
    assert own == sorted(own)
    rest = [(article, ws.cell(r, col["Line"]).value) for r, (_, _, article) in enumerate(rows, start=2)][first_plain:]
    assert rest == sorted(rest)


@pytest.mark.e2e
def test_xlsx_is_a_table_to_filter_and_sort(tmp_path):
    _, ws, col = _sheet(tmp_path)
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:Y{ws.max_row}" and len(col) == 25


@pytest.mark.e2e
def test_xlsx_dates_are_dates(tmp_path):
    _, ws, col = _sheet(tmp_path)
    dates = [ws.cell(r, col["Date"]) for r in range(2, ws.max_row + 1)]
    assert all(c.is_date and c.number_format == "yyyy-mm-dd" for c in dates)
    assert {c.value.date() for c in dates} >= {datetime.date(2023, 9, 25), datetime.date(2022, 4, 5)}


@pytest.mark.e2e
def test_rows_are_tall_enough_for_their_wrapped_text(tmp_path):
    _, ws, col = _sheet(tmp_path)
    default = 15
    taller = 0
    for r in range(2, ws.max_row + 1):
        height = ws.row_dimensions[r].height
        for name in ("Sentence", "Message", "Conflicting sources"):
            cell = ws.cell(r, col[name])
            assert cell.alignment.wrap_text
            width = ws.column_dimensions[cell.column_letter].width
            # a line of 11-point text never holds more than 1.3 characters per unit of width
            needed = math.ceil(len(cell.value or "") / (width * 1.3)) * default
            assert height >= needed, (r, name, height, needed)
        taller += height > default
    assert taller > ws.max_row // 2


@pytest.mark.e2e
def test_xlsx_prints_landscape_one_page_wide(tmp_path):
    _, ws, _ = _sheet(tmp_path)
    setup = ws.page_setup
    assert setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"
    assert ws.print_area == f"'Claims'!$A$1:$Y${ws.max_row}"
    assert 0.25 <= ws.page_margins.left <= 1 and 0.25 <= ws.page_margins.top <= 1


def _libreoffice_convert(xlsx: Path, target: str, tmp_path: Path) -> Path:
    """The workbook converted headless by LibreOffice (``target`` as ``--convert-to`` takes it)."""
    soffice = ensure_program(("soffice", "libreoffice"), "libreoffice-calc-nogui")
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = tmp_path / "out" / f"{xlsx.stem}.{target.split(':')[0]}"
    assert converted.is_file(), result.stderr
    return converted


@pytest.mark.spreadsheet
def test_libreoffice_prints_it_on_a_few_landscape_pages(tmp_path):
    pdfinfo = ensure_program(("pdfinfo",), "poppler-utils")
    xlsx, _, _ = _sheet(tmp_path)
    pdf = _libreoffice_convert(xlsx, "pdf", tmp_path)
    info = subprocess.run([pdfinfo, "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout, re.M)
    # 98 claims: "Claims" on a few pages, one table wide; "Print", at a readable size, on more
    assert 1 <= pages <= 24  # printed three columns a page, "Claims" alone took 21 portrait pages
    assert len(sizes) == pages and all(float(w) > float(h) for w, h in sizes)


@pytest.mark.e2e
def test_xlsx_is_a_real_spreadsheet(tmp_path):
    out = tmp_path / "w.xlsx"
    assert main(["worksheet", "data/articles", "-o", str(out)]) == 0
    ws = load_workbook(out)["Claims"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["ID", "Article"] and header[-4:] == ["Verdict", "Corrected value", "Source URL", "Notes"]
    assert header[6] == "Sentence" and ws.column_dimensions["G"].width >= 60
    validations = ws.data_validations.dataValidation
    assert validations and "confirmed,incorrect,needs source,not a claim" in validations[0].formula1
    links = [c.hyperlink.target for c in ws["E"][1:] if c.hyperlink]
    assert links and all(link.startswith("https://") for link in links)
    found = header.index("Status") + 1
    fills = {ws.cell(row=r, column=found).fill.fgColor.rgb for r in range(2, ws.max_row + 1)}
    assert len(fills) >= 3  # conflicts, agrees, plain


@pytest.mark.slow
def test_xlsx_bytes_are_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    main(["worksheet", "data/articles", "-o", str(a)])
    main(["worksheet", "data/articles", "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.slow
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
    rows = list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    for row in rows[1:]:
        assert not any(cell[:1] in ("=", "+", "-", "@") for cell in row)
    assert any(row[6].startswith("'=1+1") for row in rows[1:])


@pytest.mark.spreadsheet
def test_libreoffice_opens_it_and_keeps_text_as_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "evil.md").write_text(INJECTION, encoding="utf-8")
    xlsx = tmp_path / "w.xlsx"
    main(["worksheet", str(tmp_path / "a"), "data/articles", "-o", str(xlsx)])
    converted = _libreoffice_convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    assert rows[0][0] == "ID"
    sentences = [r[6] for r in rows[1:]]
    assert any(s.startswith("=1+1 said") for s in sentences)  # shown as typed, not computed to 2
    assert any("63.389 Tajiks" in s for s in sentences)
    assert len(rows) > 90


@pytest.mark.slow
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


@pytest.mark.slow
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


@pytest.mark.e2e
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8"])
def test_csv_verdicts_flow_back_with_or_without_the_byte_order_mark(tmp_path, capsys, encoding):
    exported = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(exported)]) == 0
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    col = {name: i for i, name in enumerate(rows[0])}
    filled = {}
    for row in rows[1:]:
        if row[col["Figure as written"]] == "63.389 Tajiks":
            row[col["Verdict"]] = "incorrect"
            row[col["Corrected value"]] = "63,389 Tajiks"
            row[col["Notes"]] = "≈ the 2020 figure – as published by the ministry"
            filled[row[col["ID"]]] = "incorrect"
        elif row[col["Figure as written"]] == "some 300,000 men":
            row[col["Verdict"]] = "confirmed"
            filled[row[col["ID"]]] = "confirmed"
    assert len(filled) == 2
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)  # as a spreadsheet saves it
    saved = tmp_path / "filled.csv"
    saved.write_text(buf.getvalue(), encoding=encoding, newline="")
    verdicts = tmp_path / "v.yaml"
    assert main(["worksheet", "--import", str(saved), "--verdicts", str(verdicts)]) == 0
    assert "recorded 2 verdicts" in capsys.readouterr().err
    recorded = yaml.safe_load(verdicts.read_text(encoding="utf-8"))["verdicts"]
    assert {claim: entry["verdict"] for claim, entry in recorded.items()} == filled
    tajiks = next(entry for entry in recorded.values() if entry["verdict"] == "incorrect")
    assert tajiks["corrected"] == "63,389 Tajiks" and tajiks["notes"].startswith("≈ the 2020 figure –")
    assert tajiks["path"] == "data/articles/rewrite-2022-04-central-asians.md"


def _csv_rows(data: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.lstrip("\ufeff"))))


def test_story_and_reason_columns_say_what_figures_claims_says(tmp_path, capsys):
    """Each row's story and reason are the ones ``figures claims`` gives the same figure, for the same articles."""
    courts = "data/beats/courts"
    out = tmp_path / "w.csv"
    assert main(["worksheet", courts, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["claims", courts, "--format", "json"]) == 0
    explained = {e["claim_id"]: e for e in json.loads(capsys.readouterr().out)}
    rows = _csv_rows(out.read_text(encoding="utf-8"))
    assert {r["ID"] for r in rows} == set(explained)
    statuses = set()
    for row in rows:
        e = explained[row["ID"]]
        said = e["reason"] if e["status"] == "compared" else f"{e['status']}: {e['reason']}"
        assert row["Reason"] == said
        assert row["Story"] == f"{e['story']['id']}: {', '.join(e['story']['words'])}"
        statuses.add(e["status"])
    assert {"compared", "not keyed", "no match"} <= statuses  # compared or not, each row says why
    assert len({r["Story"] for r in rows}) == 2


def test_verdicts_flow_back_from_a_worksheet_without_the_story_and_reason_columns(tmp_path, capsys):
    """A worksheet exported before those columns existed is still imported, and written over if untouched."""
    exported = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(exported)]) == 0
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    drop = [rows[0].index(name) for name in ("Story", "Reason", "Subject")]  # added since
    old = [[cell for i, cell in enumerate(row) if i not in drop] for row in rows]
    col = {name: i for i, name in enumerate(old[0])}
    untouched = tmp_path / "old-untouched.csv"
    untouched.write_text("\ufeff" + _as_csv(old), encoding="utf-8")
    # an old worksheet nobody filled in is no one's work: a new export may replace it
    assert main(["worksheet", "data/articles", "-o", str(untouched)]) == 0
    assert "Reason" in untouched.read_text(encoding="utf-8-sig").splitlines()[0]
    filled = {}
    for row in old[1:]:
        if row[col["Figure as written"]] == "63.389 Tajiks":
            row[col["Verdict"]] = "incorrect"
            row[col["Notes"]] = "the ministry's figure"
            filled[row[col["ID"]]] = "incorrect"
    assert filled
    old_file = tmp_path / "old.csv"
    old_file.write_text("\ufeff" + _as_csv(old), encoding="utf-8")
    # one a checker filled in is refused without --force, as a new one would be
    assert main(["worksheet", "data/articles", "-o", str(old_file)]) == 2
    assert "1 row with something written" in capsys.readouterr().err
    verdicts = tmp_path / "v.yaml"
    assert main(["worksheet", "--import", str(old_file), "--verdicts", str(verdicts)]) == 0
    recorded = yaml.safe_load(verdicts.read_text(encoding="utf-8"))
    assert set(filled) <= set(recorded["verdicts"])


def _as_csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def test_verdicts_flow_back_from_an_xlsx_without_the_story_and_reason_columns(tmp_path, capsys):
    ws_path = tmp_path / "w.xlsx"
    assert main(["worksheet", "data/articles", "-o", str(ws_path)]) == 0
    wb = load_workbook(ws_path)
    ws = wb["Claims"]
    for name in ("Reason", "Story"):  # the later column first: deleting one moves those after it
        ws.delete_cols([c.value for c in ws[1]].index(name) + 1)
    header = [c.value for c in ws[1]]
    assert "Story" not in header and "Reason" not in header
    col = {name: header.index(name) + 1 for name in header}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Figure as written"]).value == "63.389 Tajiks")
    ws.cell(row, col["Verdict"]).value = "not a claim"
    claim = ws.cell(row, col["ID"]).value
    wb.save(ws_path)
    verdicts = tmp_path / "v.yaml"
    assert main(["worksheet", "--import", str(ws_path), "--verdicts", str(verdicts)]) == 0
    assert yaml.safe_load(verdicts.read_text(encoding="utf-8"))["verdicts"][claim]["verdict"] == "not a claim"
