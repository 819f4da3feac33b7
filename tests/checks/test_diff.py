"""``figures diff``: each drifted figure, nothing that did not drift."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.checks.diff import diff_articles
from figures.cli import main
from figures.ingest import read_article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def _codes(old: str, new: str, include_same: bool = False):
    return {(f.code, f.surface) for f in diff_articles(read_article(old), read_article(new), include_same)}


def test_example_rewrite():
    got = _codes(
        ROOT / "data/articles/mt-2022-03-central-asians.md", ROOT / "data/articles/rewrite-2022-04-central-asians.md"
    )
    assert got == {
        ("FG702", "50 000 rubles"),
        ("FG701", "63.389 Tajiks"),
        ("FG703", "the possibility of 20 years"),
        ("FG703", "Three Tajikistanian contractors"),
        ("FG703", "three months"),  # "citizenship within three months" became "in three months"
        ("FG704", "10 Tajik and Uzbek citizens"),
        ("FG704", "18 to 30"),
    }


def test_same_value_rewordings_only_on_request():
    old, new = (
        ROOT / "data/articles/mt-2022-03-central-asians.md",
        ROOT / "data/articles/rewrite-2022-04-central-asians.md",
    )
    same = {s for c, s in _codes(old, new, include_same=True) if c == "FG706"}
    assert {"more than 12 Central Asians", "30 percent", "as long as five years", "between 200 to 350"} <= same


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed articles are not beside the project")
def test_seed_rewrite_drifts():
    got = _codes(SEEDS / "002_0ee909451b434f49.txt", SEEDS / "003_d1abdf86387b978b.txt")
    drifts = {(c, s) for c, s in got if c in ("FG701", "FG702", "FG703")}
    assert drifts == {
        ("FG702", "50 000 rubles"),
        ("FG701", "63.389 Tajiks"),
        ("FG703", "the possibility of 20 years"),
        ("FG703", "two months"),
        ("FG703", "Three Tajikistanian contractors"),
    }


def test_identical_versions_have_no_changes():
    path = ROOT / "data/articles/mt-2022-03-central-asians.md"
    assert _codes(path, path, include_same=True) == set()


def test_cli_formats_and_exit(capsys):
    old, new = "data/articles/mt-2022-03-central-asians.md", "data/articles/rewrite-2022-04-central-asians.md"
    assert main(["diff", str(ROOT / old), str(ROOT / new), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    value = next(f for f in findings if f["code"] == "FG701")
    assert value["related"][0]["path"].endswith("mt-2022-03-central-asians.md")
    assert main(["diff", str(ROOT / old), str(ROOT / old)]) == 0
    capsys.readouterr()
    assert main(["diff", str(ROOT / old), "nope.md"]) == 2


def test_changed_direction_is_value_drift(tmp_path):
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text("Shares in the miner slid 2% on Tuesday after the results.\n", encoding="utf-8")
    new.write_text("Shares in the miner gained 2% on Tuesday after the results.\n", encoding="utf-8")
    findings = diff_articles(read_article(old), read_article(new))
    assert [(f.code, f.surface) for f in findings] == [("FG701", "2%")]
    assert "decrease" in findings[0].message and "increase" in findings[0].message
