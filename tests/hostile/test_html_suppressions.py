"""Suppression comments in an .html article work as in a text article.

The text figures checks in a page is its main text, which has no comments; the
suppressions are read from the page's own HTML comments, at their lines in the file:
one at the end of a line silences that line, one on a line of its own the lines of its
paragraph, or of the next one. A misspelt one is FG002, one that silenced nothing FG003,
both at the comment's line and column in the file. Something that only looks like a
comment (in a script, a textarea, an attribute, a CDATA section) is no comment.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.cli import main

HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Migrants at the border</title>
</head>
<body>
<article>
<h1>Migrants at the border</h1>
<p>Border guards said the queues at the crossing grew longer through the spring, as
families waited for days in cars and buses to reach the checkpoint.</p>
"""
# "45.120 Kyrgyz migrants": a count of people with a decimal part, FG501 on line 12.
FIGURE = "<p>Officials counted 45.120 Kyrgyz migrants at the border crossing this week.</p>"
TAIL = """
<p>Aid groups handed out water and blankets, and the regional government promised to
open a second lane at the checkpoint before the summer holidays began.</p>
</article>
</body>
</html>
"""


def _check(tmp_path: Path, capsys, figure_line: str, before: str = "", *options: str) -> list[dict]:
    page = tmp_path / "page.html"
    page.write_text(HEAD + before + figure_line + TAIL, encoding="utf-8")
    main(["check", "--isolated", "--no-index", str(page), "--format", "json", *options])
    return json.loads(capsys.readouterr().out)


def _codes(findings: list[dict]) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in findings]


def test_without_a_comment_the_figure_is_found(tmp_path, capsys):
    assert _codes(_check(tmp_path, capsys, FIGURE)) == [("FG501", 12, 22)]


def test_a_comment_at_the_end_of_the_line_silences_it(tmp_path, capsys):
    assert _check(tmp_path, capsys, FIGURE + " <!-- figures: ignore FG501 -->") == []


def test_a_comment_on_its_own_line_silences_its_paragraph(tmp_path, capsys):
    assert _check(tmp_path, capsys, FIGURE, "<!-- figures: ignore FG501 -->\n") == []


def test_a_comment_alone_silences_the_next_paragraph(tmp_path, capsys):
    assert _check(tmp_path, capsys, "\n" + FIGURE, "\n<!-- figures: ignore -->\n") == []


def test_a_comment_for_another_code_silences_nothing_and_is_stale(tmp_path, capsys):
    found = _check(tmp_path, capsys, FIGURE + " <!-- figures: ignore FG301 -->")
    assert _codes(found) == [("FG501", 12, 22), ("FG003", 12, 83)]


def test_a_misspelt_comment_is_fg002_at_its_place_in_the_file(tmp_path, capsys):
    found = _check(tmp_path, capsys, FIGURE, "  <!-- figures: ignroe FG501 -->\n")
    assert _codes(found) == [("FG002", 12, 3), ("FG501", 13, 22)]
    assert "is not a suppression" in found[0]["message"]


COMMENTS = [
    "<!-- figures: ignore FG501 -->",
    "<!-- figures: ignore -->",
    "<!-- figures: ignore FG301 -->",
    "<!-- figures: ignore FG999 -->",
    "<!-- figures: ignore FG501, FG998 -->",
    "<!-- figures: ignroe FG501 -->",
    "<!-- figure: ignore FG501 -->",
    "<!-- other -->",
]


@pytest.mark.parametrize("comment", COMMENTS)
def test_each_comment_does_what_it_does_in_a_markdown_article(comment, tmp_path, capsys):
    html = _check(tmp_path, capsys, FIGURE + " " + comment)
    story = tmp_path / "story.md"
    sentence = "Officials counted 45.120 Kyrgyz migrants at the border crossing this week."
    story.write_text("\n" * 11 + sentence + " " + comment + "\n", encoding="utf-8")  # on line 12, as in the page
    main(["check", "--isolated", "--no-index", str(story), "--format", "json"])
    markdown = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["message"]) for f in html] == [(f["code"], f["message"]) for f in markdown]


def test_fg002_and_fg003_obey_select(tmp_path, capsys):
    found = _check(tmp_path, capsys, FIGURE + " <!-- figures: ignroe -->", "", "--select", "FG5")
    assert _codes(found) == [("FG501", 12, 22)]


LOOKALIKES = [
    ("in a script", "<script>var note = '<!-- figures: ignore FG501 -->';</script>"),
    ("in a textarea", "<textarea><!-- figures: ignore FG501 --></textarea>"),
    ("in an attribute", '<span title="<!-- figures: ignore FG501 -->">.</span>'),
    ("in a CDATA section", "<![CDATA[ <!-- figures: ignore FG501 --> ]]>"),
    ("escaped as text", "<span>&lt;!-- figures: ignore FG501 --&gt;</span>"),
]


@pytest.mark.parametrize(("case", "lookalike"), LOOKALIKES, ids=[c[0] for c in LOOKALIKES])
def test_what_only_looks_like_a_comment_is_none(case, lookalike, tmp_path, capsys):
    found = _check(tmp_path, capsys, FIGURE + " " + lookalike)
    assert [f["code"] for f in found] == ["FG501"]
