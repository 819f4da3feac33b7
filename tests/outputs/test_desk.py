"""What a checker and an editor read: every side of a disagreement, outlets, plain words."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml

from figures.checks.verdicts import VERDICTS
from figures.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _rows(tmp_path: Path, *extra: str) -> list[dict[str, str]]:
    out = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(out), *extra]) == 0
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_every_side_of_a_disagreement_carries_code_severity_and_message(tmp_path):
    rows = _rows(tmp_path)
    conflicting = [r for r in rows if r["Status"] == "conflicts"]
    assert len({r["Article"] for r in conflicting}) >= 2
    fg301 = [r for r in rows if "FG301" in r["Code"].split(", ")]
    assert fg301 == conflicting  # a filter on the code shows every side
    for r in conflicting:
        assert r["Severity"] == "error"
        assert r["Figure as written"] in r["Message"] and "conflicts with" in r["Message"]


def test_conflicting_sources_and_messages_name_outlets_not_paths(tmp_path):
    conflicting = [r for r in _rows(tmp_path) if r["Status"] == "conflicts"]
    assert conflicting
    for r in conflicting:
        assert "data/articles" not in r["Conflicting sources"] and ".md" not in r["Conflicting sources"]
        assert "data/articles" not in r["Message"]
        assert "same claim:" not in r["Message"]  # the key, in internal ids, is the Reason's
    sources = {s for r in conflicting for s in r["Conflicting sources"].split("; ")}
    assert 'DW, 2023-09-25, "five to 12 years"' in sources
    assert 'The Moscow Times, 2022-03-17, "up to 20 years"' in sources


def test_a_subject_column_holds_whose_figure_it_is(tmp_path):
    text = "---\ntitle: Results\noutlet: Wire\ndate: 2024-05-02\n---\n"
    text += "Acme Corp reported revenue of $4.2 billion in 2023.\n"
    article = tmp_path / "acme.md"
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "w.csv"
    assert main(["worksheet", str(article), "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert "Subject" in rows[0]
    assert any("Acme" in r["Subject"] for r in rows)


def test_a_checkers_verdict_never_reads_as_the_tools_status(tmp_path):
    first = _rows(tmp_path)
    agreeing = next(r for r in first if r["Status"] == "agrees")
    verdicts = tmp_path / "v.yaml"
    entry = {"verdict": "incorrect", "path": agreeing["Article"], "figure": agreeing["Figure as written"]}
    verdicts.write_text(yaml.safe_dump({"verdicts": {agreeing["ID"]: entry}}), encoding="utf-8")
    row = next(r for r in _rows(tmp_path, "--verdicts", str(verdicts)) if r["ID"] == agreeing["ID"])
    assert row["Verdict"] == "incorrect" and "FG601" in row["Code"]
    assert row["Status"] != "implausible"
    verdict_words = {w for v in VERDICTS for w in v.split()}
    assert not set(row["Status"].split()) & verdict_words


def test_a_worksheet_written_before_the_subject_column_may_be_replaced_when_untouched(tmp_path):
    exported = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(exported)]) == 0
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    drop = rows[0].index("Subject")
    old = tmp_path / "old.csv"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([c for i, c in enumerate(r) if i != drop] for r in rows)
    old.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")
    assert main(["worksheet", "data/articles", "-o", str(old)]) == 0
    assert "Subject" in old.read_text(encoding="utf-8-sig").splitlines()[0]


def _report(tmp_path: Path, *paths: str) -> str:
    out = tmp_path / "report.html"
    assert main(["report", *(paths or ("data/articles",)), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def test_the_report_says_its_version_date_and_checked_paths(tmp_path, monkeypatch, capsys):
    from figures import __version__

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    page = _report(tmp_path, "data/articles/dw-2023-09-recruitment.md", "data/articles")
    header = re.search(r"<header>.*?</header>", page, re.DOTALL).group()
    assert f"figures {__version__}" in header and "generated 1970-01-02" in header
    assert "<code>data/articles/dw-2023-09-recruitment.md</code>, <code>data/articles</code>" in header
    assert main(["report", "data/articles", "--format", "md"]) == 0
    assert "generated 1970-01-02 · checked: `data/articles`" in capsys.readouterr().out


def test_a_malformed_source_date_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["report", "data/articles", "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "SOURCE_DATE_EPOCH" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "r.html").exists()


def test_the_report_counts_in_singular_and_plural(tmp_path, capsys):
    article = tmp_path / "one.md"
    article.write_text("---\ndate: 2022-03-17\n---\nIn 2020, 63.389 Tajiks acquired Russian citizenship.\n")
    page = _report(tmp_path, str(article))
    assert "<b>1</b>article<" in page and "<b>0</b>disagreements<" in page
    assert "1 finding " in capsys.readouterr().err


def test_the_chart_and_the_table_agree_on_every_status(tmp_path):
    page = _report(tmp_path)
    groups = re.findall(r'<section class="group problem.*?</section>', page, re.DOTALL)
    assert groups
    for group in groups:
        legend = re.findall(r'<span class="key ([a-z-]+)">([^<]*)</span>', group)
        table = set(re.findall(r'<td class="st-[a-z-]+">([a-z ]+?)(?: with |<|$)', group))
        drawn = {words for css, words in legend if css != "reference"}
        assert drawn and table
        # every bar's legend entry begins with the status the table shows, and every status is in the legend
        assert all(any(words.startswith(status) for status in table) for words in drawn), (drawn, table)
        assert all(any(words.startswith(status) for words in drawn) for status in table), (drawn, table)


def test_a_bar_and_a_card_carry_the_severity_the_filter_matches(tmp_path):
    page = _report(tmp_path)
    bars = re.findall(r'<g data-bar data-severity="([a-z]+)">', page)
    assert "error" in bars
    assert re.search(r'data-severity="error"><b>\d+</b>errors', page)
    assert re.search(r'data-severity="warning"><b>\d+</b>warning', page)


def test_the_status_column_is_not_called_verdict(tmp_path):
    page = _report(tmp_path)
    assert "<th>Status</th>" in page and "<th>Verdict</th>" not in page
    shown = re.sub(r"<[^>]*>", " ", page)  # what a reader sees, not the filters' keys
    assert "prison_term_mercenary" not in shown and "prison term for mercenaries" in shown


def _book(tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "w.xlsx"
    assert main(["worksheet", "data/articles", "-o", str(out)]) == 0
    return load_workbook(out)


def _printed_points(ws, columns: int) -> float:
    """The font size a one-page-wide print of ``columns`` comes to: 11 points at 7 pixels a character."""
    from openpyxl.utils import get_column_letter

    pixels = sum(ws.column_dimensions[get_column_letter(c)].width * 7 + 5 for c in range(1, columns + 1))
    margins = ws.page_margins.left + ws.page_margins.right
    page = (11.69 - margins) * 96  # A4 landscape, in pixels
    return 11 * min(1.0, page / pixels)


def test_the_print_sheet_keeps_the_checker_columns_at_a_readable_size(tmp_path):
    from figures.outputs.worksheet import CHECKER_COLUMNS

    book = _book(tmp_path)
    claims, printed = book["Claims"], book["Print"]
    header = [c.value for c in printed[1]]
    assert set(CHECKER_COLUMNS) <= set(header) and {"ID", "Figure as written", "Status"} <= set(header)
    assert printed.page_setup.orientation == "landscape" and printed.page_setup.fitToWidth == 1
    assert printed.print_title_rows.replace("$", "") == "1:1"  # the header on every page
    assert _printed_points(printed, len(header)) >= 8.5
    assert _printed_points(claims, claims.max_column) < 6  # why it is there
    assert printed.max_row == claims.max_row
    assert printed.protection.sheet  # verdicts are typed on "Claims", which the import reads


def test_each_print_cell_shows_its_claims_cell(tmp_path):
    from openpyxl.utils import get_column_letter

    book = _book(tmp_path)
    claims, printed = book["Claims"], book["Print"]
    names = [c.value for c in claims[1]]
    for col, name in enumerate((c.value for c in printed[1]), start=1):
        formula = printed.cell(row=7, column=col).value
        if name == "Why":  # the message, else why the claim was not keyed or not compared
            message, reason = (get_column_letter(names.index(n) + 1) for n in ("Message", "Reason"))
            assert f"Claims!{message}7" in formula and f"Claims!{reason}7" in formula
        else:
            assert formula == f'=""&Claims!{get_column_letter(names.index(name) + 1)}7'


def test_a_long_list_of_checked_paths_is_cut_and_counted(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "data" / "articles").glob("*.md"))
    paths = [*files, *files, *files][:12]  # a pre-commit hook passes each staged file
    assert main(["report", *paths, "--format", "md"]) == 0
    run = capsys.readouterr().out.splitlines()[2]
    assert run.count("`") == 20 and run.endswith(" and 2 more paths")
