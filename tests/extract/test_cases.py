"""One parametrized runner for every YAML case file of extraction."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from figures import extract_text

CASES_DIR = Path(__file__).parent / "cases"


def load_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def _same(expected, actual) -> bool:
    if isinstance(expected, float | int) and not isinstance(expected, bool) and actual is not None:
        return math.isclose(float(expected), float(actual), rel_tol=1e-6, abs_tol=1e-6)
    return expected == actual


@pytest.mark.parametrize("case", list(load_cases()))
def test_case(case):
    text = case["text"]
    figures = extract_text(text)
    got = [f.to_dict() for f in figures]
    summary = [(f.surface, f.low, f.high, f.qualifier.value, f.unit, f.noun) for f in figures]
    expected = case["figures"]
    assert len(got) == len(expected), f"expected {len(expected)} figures, got {summary}"
    for want, have in zip(expected, got, strict=True):
        for key, value in want.items():
            if key == "flags":
                assert set(value) <= set(have["flags"]), f"flags {value} not in {have['flags']} ({summary})"
            elif key == "equivalent":
                assert have["equivalent"] is not None, summary
                for k, v in value.items():
                    assert _same(v, have["equivalent"][k]), f"equivalent.{k}: {v!r} != {have['equivalent'][k]!r}"
            else:
                assert _same(value, have[key]), f"{key}: expected {value!r}, got {have[key]!r} in {summary}"


def test_every_case_file_has_cases():
    files = sorted(CASES_DIR.glob("*.yaml"))
    assert files
    for path in files:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert cases, f"{path.name} has no cases"
        names = [c["name"] for c in cases]
        assert len(names) == len(set(names)), f"{path.name} repeats a case name"
