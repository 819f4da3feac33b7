"""Inputs that once gave "internal error ... please report it": now one line naming the file.

Bad values in the configuration and the rule files are refused when they load (exit 2,
file, line and key named); a broken worksheet or an odd output stream never reaches
the "internal error" catch-all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from figures.cli import main
from tests.hostile.story_project import GOOD, _project  # noqa: F401 - the autouse fixture
from tests.hostile.story_project import one_error_line as _one_error_line

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("setting", "what"),
    [
        ("max_article_mb = inf", "'max_article_mb' must be a positive number"),
        ("max_article_mb = nan", "'max_article_mb' must be a positive number"),
        ("max_article_mb = 1e309", "'max_article_mb' must be a positive number"),
        ("max_article_mb = 1e300", "'max_article_mb' is 1e+300, above its ceiling"),
        ("max_sentence_chars = 99999999999999999999", "'max_sentence_chars' is 99999999999999999999, above"),
        ("max_figures_per_sentence = 1_000_000_000_000", "'max_figures_per_sentence' is 1000000000000, above"),
    ],
)
def test_a_non_finite_or_huge_limit_is_refused(setting, what, capsys):
    Path("figures.toml").write_text(setting + "\n", encoding="utf-8")
    assert main(["check", "story.txt"]) == 2
    assert what in _one_error_line(capsys, "figures.toml:1:")


@pytest.mark.parametrize(
    ("setting", "what"),
    [
        ("[tool]\nfigures = 3", "figures.toml:2: 'figures' must be a table"),
        ('baseline = "a\\u0000b"', "figures.toml:1: 'baseline' holds a NUL character"),
        ('corpus = ["a\\u0000b"]', "figures.toml:1: 'corpus' holds a NUL character"),
    ],
)
def test_a_configuration_of_the_wrong_shape_is_one_line(setting, what, capsys):
    Path("figures.toml").write_text(setting + "\n", encoding="utf-8")
    assert main(["check", "--no-index", "story.txt"]) == 2
    _one_error_line(capsys, what)


def test_a_latin1_configuration_names_the_file_and_the_fix(capsys):
    Path("figures.toml").write_bytes('exclude = ["café/*"]\n'.encode("latin-1"))
    assert main(["check", "story.txt"]) == 2
    assert "not valid UTF-8" in _one_error_line(capsys, "figures.toml:1:")


def test_a_latin1_pyproject_without_figures_settings_is_passed_over(capsys):
    Path("pyproject.toml").write_bytes('[project]\nname = "café"\n'.encode("latin-1"))
    assert main(["check", "story.txt"]) == 0, capsys.readouterr().err


def test_a_latin1_verdicts_file_is_one_line(capsys):
    Path("v.yaml").write_bytes("version: 1\nverdicts: {}\n# café\n".encode("latin-1"))
    assert main(["check", "story.txt", "--verdicts", "v.yaml"]) == 2
    assert "not valid UTF-8" in _one_error_line(capsys, "v.yaml:3:")


MEASURE = """type: measures
measures:
  deaths:
    description: Deaths
    dimension: count
    sentence: [[died]]
"""
FACT = """type: reference
facts:
  - measure: deaths
    entity: RU
    value: {value}
    source: {{title: Ministry}}
"""


@pytest.mark.parametrize(
    ("name", "text", "where", "what"),
    [
        ("c.yaml", "type: consistency\napprox_percent: .nan\n", "c.yaml:2", "'approx_percent' must be a finite"),
        ("c.yaml", "type: consistency\napprox_percent: -5\n", "c.yaml:2", "'approx_percent' is -5, below"),
        ("t.yaml", "type: total\ntolerance: {abs: -1}\n", "t.yaml:2", "'abs' is -1, below its minimum of 0"),
        ("t.yaml", "type: total\ntolerance: {percent: .inf}\n", "t.yaml:2", "'percent' must be a finite"),
        ("p.yaml", "type: plausibility\nage_max: -.inf\n", "p.yaml:2", "'age_max' must be a finite"),
        ("p.yaml", "type: plausibility\nshare_max: .nan\n", "p.yaml:2", "'share_max' must be a finite"),
        ("r.yaml", FACT.format(value="1.0e+309"), "r.yaml:5", "'value' must be a finite number"),
        ("r.yaml", FACT.format(value=".nan"), "r.yaml:5", "'value' must be a finite number"),
        (
            "m.yaml",
            MEASURE + "    tolerance: {percent: -10}\n",
            "m.yaml:7",
            "'percent' is -10, below its minimum of 0",
        ),
        ("m.yaml", MEASURE + "    time_window: -1\n", "m.yaml:7", "'time_window' is -1, below"),
    ],
)
def test_a_non_finite_or_negative_rule_value_is_refused(name, text, where, what, capsys):
    Path("rules").mkdir()
    if name != "m.yaml":
        Path("rules/m.yaml").write_text(MEASURE, encoding="utf-8")
    Path("rules", name).write_text(text, encoding="utf-8")
    assert main(["rules", "check", "rules"]) == 2
    assert what in _one_error_line(capsys, where)


def _worksheet() -> Path:
    Path("a.md").write_text("---\ndate: 2023-01-04\n---\n" + GOOD, encoding="utf-8")
    assert main(["worksheet", "a.md", "-o", "ws.xlsx"]) == 0
    return Path("ws.xlsx")


@pytest.mark.parametrize(
    "part",
    [
        "xl/worksheets/sheet1.xml",
        "xl/workbook.xml",
        "xl/styles.xml",
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
    ],
)
@pytest.mark.parametrize("damage", ["truncated", "empty", "not XML"])
def test_a_worksheet_with_a_broken_part_is_one_line(part, damage, capsys):
    good = _worksheet()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile("bad.xlsx", "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == part:
                body = {"truncated": body[: len(body) // 2], "empty": b"", "not XML": b"<x"}[damage]
            dst.writestr(info, body)
    capsys.readouterr()
    assert main(["worksheet", "--import", "bad.xlsx"]) == 2
    _one_error_line(capsys, "bad.xlsx:")
    assert not Path("figures-verdicts.yaml").exists()


def test_a_csv_field_past_the_csv_limit_is_one_line(capsys):
    Path("ws.csv").write_text('ID,Verdict,Notes\nabc,confirmed,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    assert main(["worksheet", "--import", "ws.csv"]) == 2
    assert "row 2" in _one_error_line(capsys, "ws.csv:")


def test_a_rates_table_with_a_field_past_the_csv_limit_is_one_line(capsys):
    Path("rules").mkdir()
    Path("rules/rates.csv").write_text('month,base,quote,rate\n2022-01,USD,RUB,"' + "9" * 200_000 + '"\n')
    Path("rules/c.yaml").write_text("type: conversion\nrates: rates.csv\n", encoding="utf-8")
    assert main(["rules", "check", "rules"]) == 2
    assert "not CSV" in _one_error_line(capsys, "rates.csv")


def _figures(shell_tail: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = f"{sys.executable} -m figures {shell_tail}"
    return subprocess.run(["sh", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("command", "code"),
    [
        ("extract data/articles >&-", 0),
        ("check --no-index data/articles --format sarif >&-", 1),
        ("explain FG301 >&-", 0),
        ("check --no-index data/articles >&- 2>&-", 1),
    ],
)
def test_a_closed_standard_output_is_no_error(command, code):
    done = _figures(command)
    assert done.returncode == code
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.e2e
def test_a_reader_that_stops_early_gets_no_traceback():
    done = _figures("extract --format jsonl data/articles data/articles data/articles | head -c0; exit 0")
    assert done.stderr == ""
