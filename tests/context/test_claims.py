"""One runner for the claim-context case files: text and article date in, each figure's context out."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from figures.context import build_claims
from figures.extract import extract_text
from figures.model import Article
from tests.case_rules import rulebook_for

CASES = Path(__file__).parent / "cases"
FIELDS = {
    "thing": lambda c: c.thing,
    "entity": lambda c: c.entity,
    "place": lambda c: c.place,
    "subject": lambda c: c.subject,
    "time": lambda c: c.time_label,
    "time_resolution": lambda c: c.time and c.time.resolution,
    "time_basis": lambda c: c.time and c.time.basis,
    "role": lambda c: c.role,
    "modality": lambda c: c.modality,
    "individual": lambda c: c.individual,
    "measure": lambda c: c.measure,
    "own": lambda c: c.own,
    "own_parts": lambda c: list(c.own_parts),
}


def _cases():
    for path in sorted(CASES.glob("claims*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("case", list(_cases()))
def test_case(case, tmp_path):
    text = case["text"]
    article = Article(path="case.md", text=text, title=case.get("title", ""), date=str(case.get("date", "")))
    claims = build_claims(article, extract_text(text), rulebook_for(case, tmp_path))
    by_surface = {c.figure.surface: c for c in claims}
    for expected in case["expect"]:
        surface = expected["surface"]
        assert surface in by_surface, f"no figure {surface!r}; figures: {sorted(by_surface)}"
        claim = by_surface[surface]
        for name, read in FIELDS.items():
            if name in expected:
                assert read(claim) == expected[name], (surface, name, claim.key_reason)
        if "words" in expected:
            assert list(claim.words) == expected["words"], (surface, claim.words)
        if "keyed" in expected:
            assert (claim.key is not None) == expected["keyed"], (surface, claim.key, claim.key_reason)


def test_every_context_field_has_cases():
    covered = set()
    for param in _cases():
        for expected in param.values[0]["expect"]:
            covered.update(expected)
    assert set(FIELDS) - {"measure"} <= covered, set(FIELDS) - covered
