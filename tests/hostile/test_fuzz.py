"""Fuzzing with hypothesis: extraction, context, checks and rule loading never raise.

About 2,100 examples in all per run (a few seconds each); CI runs them on every push,
and hypothesis remembers the failing ones.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from figures.core.errors import FiguresError
from figures.extract import extract_text
from figures.ingest import _decode
from figures.model import Article
from figures.rules.loader import load_rulebook
from figures.runtime.engine import analyse, run_checks

pytestmark = pytest.mark.fuzz

# Pieces a news sentence is made of, so random text often looks like a figure.
WORDS = [
    "12",
    "1,200",
    "4.5",
    "million",
    "bn",
    "$",
    "€",
    "%",
    "percent",
    "per",
    "year",
    "a month",
    "up to",
    "at least",
    "between",
    "and",
    "to",
    "-",
    "–",
    "−",
    "(",
    ")",
    "people",
    "killed",
    "buses",
    "with",
    "each",
    "of",
    "1e309",
    "10^400",
    "x",
    "dozens",
    "a third",
    "twenty-two",
    "in",
    "Russia",
    "Tajiks",
    "2022",
    "March",
    ".",
    ",",
    "\n",
    "\n\n",
    "<!-- figures: ignore FG301 -->",
    "rubles",
    "($475)",
    "aged",
    "years",
    "0",
    "00000000000000000000",
]
news = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
anything = st.text(max_size=300)
RULEBOOK = load_rulebook(None)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(news, anything))
def test_extraction_never_raises_and_offsets_hold(text):
    for f in extract_text(text):
        assert text[f.start : f.end] == f.surface


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(news, anything), st.sampled_from(["", "2022-03-01", "2023", "not a date"]))
def test_context_and_checks_never_raise(text, date):
    article = Article(path="fuzz.txt", text=text, date=date)
    claims = analyse([article], RULEBOOK)
    run_checks(claims, RULEBOOK, frozenset({"fuzz.txt"}))


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_any_bytes_is_text_or_one_clear_error(data):
    try:
        text = _decode("fuzz.txt", data)
    except FiguresError as err:
        assert "fuzz.txt" in str(err)
    else:
        assert "\r" not in text


yaml_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=10,
)
KEYS = [
    "type",
    "measures",
    "facts",
    "entities",
    "unit",
    "period",
    "time",
    "rates",
    "pay_floors",
    "sentence",
    "description",
    "dimension",
    "measure",
    "value",
    "source",
    "per",
    "currency",
    "min",
    "tolerance",
]
TYPES = ["measures", "entities", "reference", "consistency", "total", "conversion", "plausibility", "sorcery"]
rule_files = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda t, body: yaml.safe_dump({"type": t, **body}),
        st.sampled_from(TYPES),
        st.dictionaries(st.sampled_from(KEYS), yaml_values, max_size=4),
    ),
)


@pytest.fixture(scope="module")
def rules_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-rules")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rule_files)
def test_rule_loading_raises_only_figures_errors(rules_dir, text):
    (rules_dir / "fuzz.yaml").write_text(text, encoding="utf-8")
    try:
        load_rulebook(rules_dir)
    except FiguresError as err:
        assert "\n" not in str(err)
