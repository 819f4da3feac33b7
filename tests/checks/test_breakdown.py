"""The total check's reading of written-out breakdowns and shares: its word file, and properties of
the sums it checks (the YAML cases are in cases/total_breakdowns.yaml and total_shares.yaml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from figures.checks import breakdown
from figures.core.errors import RuleFileError
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check


def test_the_shipped_word_file_passes_its_schema():
    assert set(breakdown.data()) == set(breakdown.load(breakdown.WORDS_FILE))


def test_every_list_is_read_by_the_code():
    source = Path(breakdown.__file__).read_text(encoding="utf-8") + Path(breakdown.__file__).with_name(
        "conversion.py"
    ).read_text(encoding="utf-8")
    for name in breakdown.data():
        assert f'"{name}"' in source, f"{name} is in parts_words.yaml but nothing reads it"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("partitions: {sex: [men]}\n", "missing list"),
        ("sex: [Men, women", "lower case"),
    ],
)
def test_a_broken_word_file_is_refused(tmp_path, text, problem):
    path = tmp_path / "parts_words.yaml"
    if not text.startswith("partitions"):  # one list broken in the shipped file
        text = breakdown.WORDS_FILE.read_text(encoding="utf-8").replace("sex: [men, women", text)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError, match=problem):
        breakdown.load(path)


def test_a_list_phrase_matches_as_a_whole_word():
    pattern = re.compile(breakdown.any_of("rest_before"), re.IGNORECASE)
    assert pattern.search("and the remaining 140")
    assert not pattern.search("and theremaining 140")


def _findings(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    result = check([str(tmp_path / "a.md")], load_rulebook(None))
    return [f.code for f in result.findings if f.code.startswith("FG2")]


@settings(max_examples=15, deadline=None)
@given(men=st.integers(1, 5000), women=st.integers(1, 5000), off=st.integers(-40, 40))
def test_men_and_women_must_make_their_total(tmp_path_factory, men, women, off):
    total = men + women + off
    assume(total > 0 and all(n % 10 for n in (total, men, women)))  # "1,500" may be rounded to the hundred
    text = f"Of the {total:,} people questioned, {men:,} were men and {women:,} were women."
    found = _findings(tmp_path_factory.mktemp("a"), text)
    assert found == ([] if off == 0 else ["FG201"])


@settings(max_examples=15, deadline=None)
@given(count=st.integers(1, 900), whole=st.integers(1000, 9000))
def test_a_share_computed_from_its_count_and_whole_is_never_a_finding(tmp_path_factory, count, whole):
    share = round(count / whole * 100)
    text = f"The firm will cut {count:,} jobs, or {share}% of its staff of {whole:,}."
    assert _findings(tmp_path_factory.mktemp("a"), text) == []
