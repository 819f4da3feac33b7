"""End-to-end: ``figures claims`` explains each figure's claim frame, story and comparison."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TURKEY = ["data/beats/inflation/harbourpost-2023-01-05-turkey.md", "data/beats/inflation/ledger-2023-01-04-turkey.md"]
FIELDS = {
    "path",
    "line",
    "column",
    "surface",
    "claim_id",
    "story",
    "frame",
    "key",
    "key_reason",
    "status",
    "reason",
    "same_key",
    "same_key_total",
    "compared_with",
    "compared_with_total",
    "conflicts_with",
    "conflicts_with_total",
    "nearest",
}
FRAME = {"thing", "label", "measure", "entity", "place", "subject", "time", "role", "modality", "individual"}
FRAME |= {"unit", "dimension", "per", "period"}


def run(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "figures", "claims", *args], cwd=cwd, capture_output=True, text=True, env=env
    )


def test_json_shape_and_a_compared_figure():
    done = run(*TURKEY, "--format", "json", "--isolated")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(set(r) == FIELDS for r in rows)
    assert all(FRAME <= set(r["frame"]) for r in rows)
    assert {r["path"] for r in rows} == set(TURKEY)
    story = rows[0]["story"]
    assert set(story) == {"id", "words", "first", "last", "articles", "articles_total"}
    assert sorted(story["articles"]) == sorted(TURKEY) and story["articles_total"] == len(TURKEY)
    compared = [r for r in rows if r["status"] == "compared"]
    assert compared, [(r["surface"], r["status"], r["reason"]) for r in rows]
    for r in compared:
        assert r["compared_with"] and all(set(o) >= {"path", "line", "surface", "claim_id"} for o in r["compared_with"])


def test_json_lists_the_first_claims_of_a_large_key_with_their_total():
    """A key of a restated archive holds thousands of claims: listing them all for each figure grows as a square."""
    done = run("data/beats", "--format", "json", "--isolated")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    large = [r for r in rows if r["same_key_total"] > 20]
    assert large, "data/beats has a key of more than 20 claims"
    assert all(len(r["same_key"]) == 20 for r in large)
    small = [r for r in rows if 0 < r["same_key_total"] <= 20]
    assert small and all(len(r["same_key"]) == r["same_key_total"] for r in small)


def test_every_uncompared_figure_says_why():
    rows = json.loads(run(*TURKEY, "--format", "json", "--isolated").stdout)
    statuses = {r["status"] for r in rows}
    assert statuses <= {"compared", "not keyed", "no time", "not compared", "no match"}
    for r in rows:
        if r["status"] != "compared":
            assert r["reason"], r
        if r["status"] == "not keyed":
            assert r["key"] is None
        if r["status"] == "no match" and r["nearest"] is not None:
            assert r["nearest"]["differs"], r
            assert all(set(d) == {"part", "this", "that"} for d in r["nearest"]["differs"])


def test_a_figure_with_nothing_measured_says_so(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\ndate: 2024-05-02\n---\n\nThe village has 40 houses and 3 wells.\n", encoding="utf-8")
    rows = json.loads(run(str(article), "--format", "json", "--isolated").stdout)
    assert rows and all(r["status"] == "not keyed" for r in rows)
    assert any("no measure" in r["reason"] for r in rows), [r["reason"] for r in rows]


def test_a_figure_shows_what_its_own_phrase_names(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(
        "---\ndate: 2019-03-08\n---\n\nIn Ohio, jurors set $9 million in punitive damages for the family.\n",
        encoding="utf-8",
    )
    text = run(str(article), "--isolated").stdout
    assert "own       award   parts punitive" in text, text
    rows = json.loads(run(str(article), "--format", "json", "--isolated").stdout)
    assert [(r["frame"]["own"], r["frame"]["own_parts"]) for r in rows] == [("award", ["punitive"])], rows


def test_a_key_part_that_differs_is_named(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ndate: 2023-02-07\n---\n\nThe earthquake in Turkey killed 5,434 people in Gaziantep province, "
        "officials said on Tuesday as rescuers searched the rubble of collapsed apartment blocks.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text(
        "---\ndate: 2023-02-07\n---\n\nThe earthquake in Turkey killed 5,434 people, officials said on Tuesday "
        "as rescuers searched the rubble of collapsed apartment blocks across the south.\n",
        encoding="utf-8",
    )
    rows = json.loads(run("a.md", "b.md", "--format", "json", "--isolated", cwd=tmp_path).stdout)
    mine = next(r for r in rows if r["path"] == "a.md" and r["surface"].startswith("5,434"))
    assert mine["status"] == "no match", mine
    assert mine["nearest"]["path"] == "b.md"
    assert [d["part"] for d in mine["nearest"]["differs"]] == ["place"], mine["nearest"]
    assert "place" in mine["reason"]


def test_text_output_names_story_frame_and_reason():
    done = run(*TURKEY, "--isolated")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for words in ("story st-", "thing", "entity", "time", "role", "key", "compared"):
        assert words in out, words
    assert out.splitlines()[-1].startswith("figures:")  # the summary line


def test_corpus_supplies_the_other_claims():
    done = run(TURKEY[0], "--corpus", "data/beats/inflation", "--format", "json", "--isolated")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert {r["path"] for r in rows} == {TURKEY[0]}
    others = {o["path"] for r in rows for o in r["compared_with"]}
    assert TURKEY[1] in others


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    done = run(str(tmp_path / "nope.md"), "--isolated")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "nope.md" in done.stderr and "Traceback" not in done.stderr


def test_missing_corpus_is_one_line_and_exit_2(tmp_path):
    done = run(TURKEY[0], "--corpus", str(tmp_path / "archive"), "--isolated")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "archive" in done.stderr


def test_identical_whatever_the_hash_seed():
    outputs = {run(*TURKEY, "--isolated", env={"PYTHONHASHSEED": seed}).stdout for seed in ("0", "7", "991")}
    assert len(outputs) == 1


def test_a_conflict_across_neighbouring_days_counts_as_compared():
    # the check groups claims by day but still links "45%" (5 January) and "55%" (4 January) in a finding
    rows = json.loads(run(*TURKEY, "--format", "json", "--isolated").stdout)
    wage = next(r for r in rows if r["surface"] == "45%")
    assert wage["status"] == "compared", wage["reason"]
    assert [o["surface"] for o in wage["conflicts_with"]] == ["55%"]


def test_json_validates_against_its_schema():
    import jsonschema

    from figures.checks.compared import KEY_PARTS, Status
    from figures.outputs.schemas import schema

    claims = schema("claims-json")
    rows = json.loads(run(*TURKEY, "--format", "json", "--isolated").stdout)
    jsonschema.validate(rows, claims)
    figure = claims["$defs"]["figure"]
    assert set(figure["required"]) == FIELDS
    assert figure["properties"]["status"]["enum"] == [s.value for s in Status]
    assert claims["$defs"]["nearest"]["properties"]["differs"]["items"]["properties"]["part"]["enum"] == [
        name for name, _ in KEY_PARTS
    ]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**rows[0], "status": "maybe"}], claims)


def test_an_unreadable_article_is_one_line_and_exit_2(tmp_path):
    binary = tmp_path / "scan.md"
    binary.write_bytes(b"\x00\x01 not text")
    done = run(str(binary), "--isolated")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "scan.md" in done.stderr, done.stderr
