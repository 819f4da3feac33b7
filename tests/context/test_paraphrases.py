"""Near-misses of a claim (another time, role, scope, entity or thing) never pass for the claim."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from figures.checks.matching import DEFAULT_THRESHOLD, evidence
from figures.context import build_claims
from figures.extract import extract_text
from figures.model import Article
from figures.rules.loader import load_rulebook

SETS = Path(__file__).resolve().parents[2] / "data" / "beats" / "paraphrases.yaml"


def _claim(sentence: str, surface: str, date: str, rulebook):
    for c in build_claims(Article("p.md", sentence, date=date), extract_text(sentence), rulebook):
        if surface in c.figure.surface or c.figure.surface in surface:
            # a claim whose time cannot be compared is no claim to compare
            return c if c.key and (c.time is None or c.time.basis != "approximate") else None
    return None


def _same(a, b) -> bool:
    """Would the consistency check take these two claims for one claim at one time?"""
    return a.key == b.key and a.time_label == b.time_label and evidence(a, b, pairs=False).score >= DEFAULT_THRESHOLD


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(None)


@pytest.mark.parametrize("entry", yaml.safe_load(SETS.read_text(encoding="utf-8")), ids=lambda e: e["measure"])
def test_near_misses_stay_apart(entry, rulebook):
    date = str(entry["article_date"])
    same = [c for s in entry["same"] if (c := _claim(s["sentence"], s["surface"], date, rulebook)) is not None]
    for d in entry["different"]:
        got = _claim(d["sentence"], d["surface"], date, rulebook)
        assert got is None or not any(_same(got, c) for c in same), (d["because"], d["sentence"], got.key, got.words)
