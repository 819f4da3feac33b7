"""ClaimReview export: the claims a checker gave a final verdict, as schema.org JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from figures.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture
def verdicts(tmp_path) -> tuple[Path, dict[str, dict[str, str]]]:
    """A verdicts file with one claim of each verdict, chosen from the example corpus's worksheet."""
    sheet = tmp_path / "w.csv"
    assert main(["worksheet", "data/articles", "-o", str(sheet)]) == 0
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    given = {
        "confirmed": {"source": "https://example.org/code"},
        "incorrect": {"corrected": "five to 12 years", "notes": "The code sets it."},
        "needs source": {},
        "not a claim": {},
    }
    entries = {}
    for row, (verdict, extra) in zip(rows, given.items(), strict=False):
        entries[row["ID"]] = {"verdict": verdict, "path": row["Article"], "figure": row["Figure as written"], **extra}
    path = tmp_path / "v.yaml"
    path.write_text(yaml.safe_dump({"verdicts": entries}), encoding="utf-8")
    return path, entries


def _export(tmp_path: Path, verdicts: Path, *extra: str) -> dict:
    out = tmp_path / "reviews.jsonld"
    assert main(["report", "data/articles", "--verdicts", str(verdicts), "-o", str(out), *extra]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_only_final_verdicts_become_claim_reviews(tmp_path, verdicts):
    path, entries = verdicts
    doc = _export(tmp_path, path, "--publisher", "Desk Checks")
    assert doc["@context"] == "https://schema.org"
    reviews = {r["identifier"]: r for r in doc["@graph"]}
    final = {cid for cid, e in entries.items() if e["verdict"] in ("confirmed", "incorrect")}
    assert set(reviews) == final
    for cid, review in reviews.items():
        assert review["@type"] == "ClaimReview" and review["author"] == {"@type": "Organization", "name": "Desk Checks"}
        assert review["datePublished"] == "2023-11-14"
        rating = review["reviewRating"]
        assert (rating["ratingValue"], rating["alternateName"]) == (
            (5, "Correct") if entries[cid]["verdict"] == "confirmed" else (1, "Incorrect")
        )
        appearance = review["itemReviewed"]["appearance"]
        assert appearance["url"].startswith("https://") and appearance["publisher"]["@type"] == "Organization"
        assert entries[cid]["figure"] == review["itemReviewed"]["name"]
        assert entries[cid]["figure"] in review["claimReviewed"]
    incorrect = next(r for cid, r in reviews.items() if entries[cid]["verdict"] == "incorrect")
    assert incorrect["reviewBody"] == "Corrected value: five to 12 years. The code sets it."
    confirmed = next(r for cid, r in reviews.items() if entries[cid]["verdict"] == "confirmed")
    assert confirmed["citation"] == "https://example.org/code"


def test_the_export_is_the_same_bytes_every_run_and_has_no_author_unless_named(tmp_path, verdicts):
    path, _ = verdicts
    first = _export(tmp_path, path)
    assert all("author" not in r for r in first["@graph"])
    out = tmp_path / "reviews.jsonld"
    again = out.read_bytes()
    assert main(["report", "data/articles", "--verdicts", str(path), "--format", "claimreview", "-o", str(out)]) == 0
    assert out.read_bytes() == again


def test_no_verdicts_is_an_empty_graph(tmp_path, capsys):
    assert main(["report", "data/articles", "--format", "claimreview"]) == 0
    assert json.loads(capsys.readouterr().out)["@graph"] == []
