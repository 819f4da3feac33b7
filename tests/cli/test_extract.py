"""End-to-end: ``figures extract`` on files, golden output, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ARTICLE = "data/articles/mt-2022-03-central-asians.md"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "figures", *args], cwd=ROOT, capture_output=True, text=True, env=env)


def test_golden_table():
    result = run("extract", ARTICLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "extract_mt.txt").read_text(encoding="utf-8")


def test_golden_jsonl():
    result = run("extract", ARTICLE, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "extract_mt.jsonl").read_text(encoding="utf-8")
    for line in result.stdout.splitlines():
        record = json.loads(line)
        for key in (
            "path",
            "line",
            "column",
            "start",
            "end",
            "surface",
            "low",
            "high",
            "qualifier",
            "unit",
            "period",
            "flags",
            "direction",
            "per",
            "unit_name",
        ):
            assert key in record


@pytest.mark.e2e
def test_output_is_identical_across_hash_seeds():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(run("extract", "data/articles", "--format", "jsonl", env=env).stdout)
    assert len(outputs) == 1


def test_csv_has_header_and_rows(capsys):
    assert main(["extract", str(ROOT / ARTICLE), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("path,line,column,start,end,surface")
    assert len(lines) > 10


def test_bad_inputs_are_reported_and_others_processed(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Officials counted 4.5 million workers.", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 costs 5 euros")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    code = main(["extract", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl"])
    captured = capsys.readouterr()
    assert code == 2
    errors = captured.err.strip().splitlines()
    assert len(errors) == 4
    assert all(line.startswith("figures: error: ") for line in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("latin1.txt" in e and "UTF-8" in e for e in errors)
    assert any("empty.md" in e and "empty" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "4.5 million workers" in captured.out


def test_output_file_is_written(tmp_path):
    out = tmp_path / "out" / "figures.jsonl"
    out.parent.mkdir()
    assert main(["extract", str(ROOT / ARTICLE), "--format", "jsonl", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("\n") > 10
    assert [p.name for p in out.parent.iterdir()] == ["figures.jsonl"]


def test_unknown_format_is_a_usage_error(capsys):
    assert main(["extract", ARTICLE, "--format", "xml"]) == 2


def test_jsonl_and_csv_carry_the_direction_of_a_change(tmp_path, capsys):
    article = tmp_path / "markets.md"
    article.write_text("The pound slid 2% while gilts gained 0.5% on the day.\n", encoding="utf-8")
    assert main(["extract", str(article), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["direction"] for r in records] == ["decrease", "increase"]
    assert main(["extract", str(article), "--format", "csv"]) == 0
    header, first, *_ = capsys.readouterr().out.splitlines()
    assert header.split(",")[-3:] == ["direction", "per", "unit_name"]
    assert first.split(",")[-3:] == ["decrease", "", "percent"]


def test_the_configuration_limits_what_extract_lists_as_it_limits_check(tmp_path, capsys, monkeypatch):
    (tmp_path / "a.md").write_text("They paid 5 dollars, 6 dollars and 7 dollars.\n", encoding="utf-8")
    (tmp_path / "figures.toml").write_text("max_figures_per_sentence = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "a.md", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1  # the limit of the configuration found here
    assert main(["extract", "a.md", "--format", "jsonl", "--isolated"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    (tmp_path / "bad.toml").write_text("max_figures_per_sentence = -1\n", encoding="utf-8")
    assert main(["extract", "a.md", "--config", "bad.toml"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def _stdin(monkeypatch, text: str) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))


def test_extract_reads_an_article_from_standard_input(monkeypatch, capsys):
    _stdin(monkeypatch, "Officials said 12 people died.\n")
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["path"], r["surface"]) for r in rows] == [("-", "12 people")]


def test_extract_names_standard_input_as_told_and_reads_its_format(monkeypatch, capsys):
    _stdin(monkeypatch, "---\ntitle: A\n---\nOfficials said 12 people died.\n")
    assert main(["extract", "-", "--stdin-filename", "story.md", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["path"], r["line"]) for r in rows] == [("story.md", 4)]


def test_extract_takes_standard_input_once(monkeypatch, capsys):
    _stdin(monkeypatch, "12 people.\n")
    assert main(["extract", "-", "-"]) == 2
    assert "once" in capsys.readouterr().err
