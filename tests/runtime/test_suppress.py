"""Suppression comments: ``<!-- figures: off -->`` ... ``<!-- figures: on -->`` blocks."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from figures.cli import main
from figures.runtime.suppress import comment_findings, suppressions, unused_findings

A = "Turkey's annual inflation was 64% in December 2022.\n"
B = "Turkey's annual inflation was 84% in December 2022.\n"


def conflicts(tmp_path, capsys, second: str) -> list[dict]:
    (tmp_path / "a.md").write_text("---\ndate: 2023-01-04\n---\n" + A, encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ndate: 2023-01-05\n---\n" + second, encoding="utf-8")
    main(["check", "--isolated", "--no-index", str(tmp_path), "--format", "json"])
    return [f for f in json.loads(capsys.readouterr().out) if f["code"] == "FG301"]


def test_the_conflict_is_reported_without_a_block(tmp_path, capsys):
    assert conflicts(tmp_path, capsys, "Intro.\n\n" + B)


def test_a_figure_inside_an_off_block_is_not_reported(tmp_path, capsys):
    found = conflicts(tmp_path, capsys, "Intro.\n\n<!-- figures: off -->\n" + B + "<!-- figures: on -->\n")
    assert not [f for f in found if f["path"].endswith("b.md")]


def test_an_off_block_without_on_runs_to_the_end(tmp_path, capsys):
    found = conflicts(tmp_path, capsys, "<!-- figures: off -->\nIntro.\n\n" + B)
    assert not [f for f in found if f["path"].endswith("b.md")]


def test_a_figure_after_the_block_is_reported(tmp_path, capsys):
    text = "<!-- figures: off -->\nIntro.\n<!-- figures: on -->\n\n" + B
    assert [f for f in conflicts(tmp_path, capsys, text) if f["path"].endswith("b.md")]


def test_off_and_on_are_no_misspelt_suppressions_nor_stale_ones():
    text = "<!-- figures: off -->\nNothing here.\n<!-- figures: on -->\n"
    assert comment_findings("a.md", text) == []
    assert unused_findings("a.md", suppressions(text), set()) == []


def test_a_misspelt_off_is_still_reported():
    assert [f.code for f in comment_findings("a.md", "<!-- figures: of -->\n")] == ["FG002"]


@given(st.lists(st.sampled_from(["x", "<!-- figures: off -->", "<!-- figures: on -->", ""]), max_size=12))
def test_a_line_is_off_exactly_when_the_last_switch_above_it_is_off(lines):
    text = "\n".join(lines)
    blocks = [s for s in suppressions(text) if s.block]
    inside = False
    for n, line in enumerate(lines, start=1):
        if "off" in line:
            inside = silenced = True
        elif "on -->" in line:
            silenced, inside = inside, False
        else:
            silenced = inside
        assert any(b.silences("FG301", n) for b in blocks) == silenced, (n, lines)
