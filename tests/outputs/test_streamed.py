"""Outputs written as they are made: a JSON array item by item, a file chunk by chunk, still atomically."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figures.core.errors import OutputError
from figures.outputs import write_chunks
from figures.outputs.json_format import json_array

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=12
)


@given(st.lists(_VALUES, max_size=6))
def test_a_json_array_written_item_by_item_is_the_array_dumped_whole(items):
    assert "".join(json_array(iter(items))) == json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def test_items_are_read_one_at_a_time():
    taken: list[int] = []

    def items() -> Iterator[dict]:
        for n in range(3):
            taken.append(n)
            yield {"n": n}

    chunks = json_array(items())
    next(chunks)
    assert taken == [0]  # the first item is written before the second is made


def test_a_file_written_in_chunks_is_not_held_whole(tmp_path):
    out = tmp_path / "big.json"
    chunk = "x" * 1_000_000

    def chunks() -> Iterator[str]:
        for _ in range(40):
            yield chunk

    tracemalloc.start()
    try:
        write_chunks(chunks(), str(out))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.stat().st_size == 40_000_000
    assert peak < 10_000_000, peak  # a few chunks at most, not the 40 MB written


def test_a_failure_while_the_chunks_are_made_leaves_the_previous_file(tmp_path):
    out = tmp_path / "out.json"
    out.write_text("before\n", encoding="utf-8")

    def chunks() -> Iterator[str]:
        yield "[\n"
        raise OutputError("made up: the run failed half way")

    with pytest.raises(OutputError):
        write_chunks(chunks(), str(out))
    assert out.read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_a_lone_surrogate_in_a_chunk_is_replaced(tmp_path):
    out = tmp_path / "out.txt"
    write_chunks(["a\ud800", b"b", "c"], str(out))
    assert out.read_bytes() == "a\ufffdbc".encode()


def test_findings_as_json_one_at_a_time_are_the_list_dumped_whole():
    from figures.model import Finding, Location, Severity
    from figures.outputs.json_format import format_json, json_chunks

    findings = [
        Finding("FG301", Severity.ERROR, 'conflicts with "7%"', "a.md", 3, 4, "r", "consistency", "inflation"),
        Finding(
            "FG101", Severity.WARNING, "outside «range»", "b.md", 1, 1, "s", "reference", related=(Location("c", 1, 2),)
        ),
    ]
    for some in (findings, findings[:1], []):
        assert "".join(json_chunks(iter(some))) == format_json(some)
