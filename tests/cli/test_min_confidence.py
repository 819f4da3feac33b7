"""``--min-confidence``: how close a match two claims need before they are compared, on every command that checks."""

from __future__ import annotations

import json

import pytest

from figures.cli import main

PARAPHRASES = {
    "a.md": "---\ndate: 2023-05-25\n---\nNet migration to Norway rose to 60,000 in 2022, the statistics office said.\n",
    "b.md": "---\ndate: 2023-05-25\n---\nNorway's net migration reached a record 66,000 in 2022.\n",
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in PARAPHRASES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_words_alone_meet_the_default_and_not_a_higher_bar(folder, capsys):
    assert main(["check", ".", "--isolated", "--no-index", "--format", "json"]) == 1
    (found,) = json.loads(capsys.readouterr().out)
    assert "matched by the words" in found["message"] and "score 0.80" in found["message"]
    assert main(["check", ".", "--isolated", "--no-index", "--min-confidence", "0.9"]) == 0


def test_the_reason_names_the_bar_the_run_used(folder, capsys):
    assert main(["claims", ".", "--isolated", "--min-confidence", "0.9"]) == 0
    out = capsys.readouterr().out
    assert "score 0.80 below 0.90" in out


@pytest.mark.parametrize("value", ["2", "-0.1", "high"])
def test_a_value_outside_zero_to_one_is_one_error_line(folder, capsys, value):
    assert main(["check", ".", "--min-confidence", value]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].endswith(f"argument --min-confidence: {value!r} is not a number from 0 to 1 (for example 0.8)")
