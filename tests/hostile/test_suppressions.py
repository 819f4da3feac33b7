"""A suppression comment that silences nothing says so (FG002) instead of being ignored quietly."""

from __future__ import annotations

import json

import pytest

from figures.cli import main

CASES = [
    ("misspelt verb", "<!-- figures: ignroe FG301 -->", "is not a suppression"),
    ("misspelt tool", "<!-- figure: ignore FG301 -->", "is not a suppression"),
    ("letter O for zero", "<!-- figures: ignore FG31O -->", "is not a suppression"),
    ("code that does not exist", "<!-- figures: ignore FG999 -->", "unknown code(s) FG999"),
    ("one good, one unknown", "<!-- figures: ignore FG301, FG998 -->", "unknown code(s) FG998"),
]


@pytest.mark.parametrize(("case", "comment", "what"), CASES, ids=[c[0] for c in CASES])
def test_a_suppression_that_silences_nothing_is_a_warning(case, comment, what, tmp_path, capsys):
    article = tmp_path / "story.md"
    article.write_text(f"Officials said 12 people died. {comment}\n", encoding="utf-8")
    assert main(["check", "--isolated", str(article), "--format", "json"]) == 0  # a warning does not fail the run
    findings = [f for f in json.loads(capsys.readouterr().out) if f["code"] != "FG003"]
    assert [(f["code"], f["severity"], f["line"]) for f in findings] == [("FG002", "warning", 1)]
    assert what in findings[0]["message"]


@pytest.mark.parametrize("comment", ["<!-- figures: ignore FG301 -->", "<!-- figures: ignore -->", "<!-- other -->"])
def test_a_good_suppression_or_another_comment_is_no_warning(comment, tmp_path, capsys):
    article = tmp_path / "story.md"
    article.write_text(f"Officials said 12 people died. {comment}\n", encoding="utf-8")
    assert main(["check", "--isolated", str(article), "--format", "json"]) == 0
    # a well-formed suppression with nothing to silence is stale (FG003, info), not malformed (FG002)
    codes = [f["code"] for f in json.loads(capsys.readouterr().out)]
    assert codes == ([] if "other" in comment else ["FG003"])


def test_fg002_obeys_ignore(tmp_path, capsys):
    article = tmp_path / "story.md"
    article.write_text("12 people died. <!-- figures: ignroe -->\n", encoding="utf-8")
    assert main(["check", "--isolated", str(article), "--format", "json", "--ignore", "FG002"]) == 0
    assert json.loads(capsys.readouterr().out) == []
