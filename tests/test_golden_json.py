"""The JSON outputs on the example corpora, byte for byte: a change to the model's types must not show in them.

To accept an intended change, write the golden file again with the command in the failure message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

OUTPUTS = [
    ("claims_articles.json", ["claims", "data/articles", "--format", "json"]),
    ("claims_beats.json", ["claims", "data/beats", "--format", "json"]),
    ("check_articles.json", ["check", "data/articles", "--format", "json", "--no-index"]),
    ("check_beats.json", ["check", "data/beats", "--format", "json", "--no-index"]),
    ("extract_articles.jsonl", ["extract", "data/articles", "--format", "jsonl"]),
    ("extract_beats.jsonl", ["extract", "data/beats", "--format", "jsonl"]),
]


@pytest.mark.parametrize(("golden", "argv"), OUTPUTS, ids=[name for name, _ in OUTPUTS])
def test_json_output_is_the_golden_file(golden, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / golden
    assert main([*argv, "-o", str(out)]) in (0, 1)
    assert out.read_bytes() == (GOLDEN / golden).read_bytes(), (
        f"the output changed; if that is intended: python -m figures {' '.join(argv)} -o tests/golden/{golden}"
    )
