"""The claims ledger: one row per claim, as CSV or Parquet, built with pandas."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pandas as pd
import pytest

from figures.cli import main
from figures.outputs.ledger import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
TURKEY = [
    str(ROOT / "data/beats/inflation/harbourpost-2023-01-05-turkey.md"),
    str(ROOT / "data/beats/inflation/ledger-2023-01-04-turkey.md"),
]


def _ledger(tmp_path: Path, fmt: str, *paths: str) -> Path:
    out = tmp_path / f"claims.{fmt}"
    assert main(["claims", *(paths or TURKEY), "--isolated", "--format", fmt, "-o", str(out)]) == 0
    return out


def test_csv_has_one_row_per_claim_in_a_fixed_order(tmp_path):
    frame = pd.read_csv(_ledger(tmp_path, "csv"), keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert set(frame["path"]) == set(TURKEY)
    assert set(frame["outlet"]) >= {o for o in frame["outlet"] if o} and all(frame["date"].str.match(r"2023-01-0\d"))
    ordered = frame.sort_values(["path", "line", "column"], kind="stable")
    assert list(ordered.index) == list(frame.index)
    assert (frame["status"] == "compared").any()
    assert (frame["value_low"].astype(float) <= frame["value_high"].astype(float)).all()


def test_csv_rows_match_the_figures_claims_explains(tmp_path):
    import json

    out = tmp_path / "claims.json"
    assert main(["claims", *TURKEY, "--isolated", "--format", "json", "-o", str(out)]) == 0
    explained = json.loads(out.read_text(encoding="utf-8"))
    frame = pd.read_csv(_ledger(tmp_path, "csv"), keep_default_na=False)
    assert len(frame) == len(explained)
    seen = {(r["path"], r["line"], r["column"], r["surface"], r["status"]) for r in explained}
    rows = zip(frame["path"], frame["line"], frame["column"], frame["surface"], frame["status"], strict=True)
    assert {tuple(r) for r in rows} == seen


def test_csv_is_byte_identical_across_runs(tmp_path):
    first = _ledger(tmp_path, "csv").read_bytes()
    assert _ledger(tmp_path, "csv").read_bytes() == first


def test_a_cell_never_becomes_a_formula(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\noutlet: =HYPERLINK(1)\ndate: 2023-01-05\n---\n\nTurkey's inflation was 64%.\n")
    text = _ledger(tmp_path, "csv", str(article)).read_text(encoding="utf-8")
    assert ",'=HYPERLINK(1)," in text


def test_parquet_reads_back_the_same_rows(tmp_path):
    pytest.importorskip("pyarrow")
    first = _ledger(tmp_path, "parquet").read_bytes()
    assert _ledger(tmp_path, "parquet").read_bytes() == first
    table = pd.read_parquet(_ledger(tmp_path, "parquet"))
    csv = pd.read_csv(_ledger(tmp_path, "csv"), keep_default_na=False)
    assert list(table.columns) == list(COLUMNS)
    assert list(table["surface"]) == list(csv["surface"])
    assert table["line"].dtype.kind == "i" and table["value_low"].dtype.kind == "f"


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, capsys):
    real_import = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    out = tmp_path / "claims.parquet"
    code = main(["claims", *TURKEY, "--isolated", "--format", "parquet", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and "news-figures[parquet]" in err


def test_parquet_needs_a_file(tmp_path, capsys):
    code = main(["claims", *TURKEY, "--isolated", "--format", "parquet"])
    assert code == 2 and "-o" in capsys.readouterr().err


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    out = tmp_path / "claims.csv"
    out.write_text("previous\n")
    code = main(["claims", *TURKEY, str(tmp_path / "missing.md"), "--isolated", "--format", "csv", "-o", str(out)])
    assert code == 2 and out.read_text() == "previous\n"
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".")]
