"""The Markdown report fits a GitHub comment and lets no article text ping, link or render."""

from __future__ import annotations

import json
import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from figures.outputs.markdown import COMMENT_LIMIT, format_markdown, text
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from tests.outputs.conftest import ROOT, archive

PROBLEM = re.compile(r"^### .* \(FG\d+.*\)$", re.MULTILINE)  # a compared group's heading, with its codes


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "figures" / "rules")


@pytest.fixture(scope="module")
def every_story_disagrees(tmp_path_factory, rulebook):
    """500 articles in which every story has a planted conflict: far more detail than a comment holds."""
    return check([str(archive(tmp_path_factory, 500, conflict_every=1))], rulebook)


@pytest.mark.slow
def test_500_articles_fit_a_comment_and_say_what_was_left_out(every_story_disagrees, rulebook):
    result = every_story_disagrees
    md = format_markdown(result, rulebook)
    assert len(md) <= COMMENT_LIMIT
    fg301 = [f for f in result.findings if f.code == "FG301"]
    assert len(fg301) == 108  # one per story
    shown = len(PROBLEM.findall(md))
    assert 10 < shown < len(fg301)
    note = re.search(r"Left out to stay under GitHub's comment limit: (\d+) findings and (\d+) compared groups", md)
    assert note, md[-400:]
    assert int(note[1]) == len(result.findings) - shown
    assert all(len(g.claims) > 1 for g in result.groups)  # every story has several articles
    agreeing = len(re.findall(r"^- .*: \d+ sources, ", md, re.MULTILINE))  # a story's groups that agree, shown
    assert int(note[2]) == len(result.groups) - shown - agreeing
    assert "figures report PATHS -o report.html" in md
    # the summary above the detail still counts everything
    assert "**108 disagreements** · 108 errors" in md


@pytest.mark.slow
def test_a_limit_cuts_whole_groups_only(every_story_disagrees, rulebook):
    md = format_markdown(every_story_disagrees, rulebook, limit=8_000)
    assert len(md) <= 8_000
    tables = PROBLEM.split(md)[1:]
    assert tables and all(t.rstrip().count("\n|") >= 4 for t in tables)  # header, rule and the claims


@pytest.mark.slow
def test_a_report_that_fits_is_whole(tmp_path_factory, rulebook):
    result = check([str(archive(tmp_path_factory, 500))], rulebook)
    md = format_markdown(result, rulebook)
    assert len(md) <= COMMENT_LIMIT
    assert "Left out" not in md
    assert len(PROBLEM.findall(md)) == sum(1 for f in result.findings if f.code == "FG301") == 10


HOSTILE = (
    "@octocat and @org/team, see #123, owner/repo#45 and GH-7; "
    "[click](https://evil.example/x) ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)> "
    "<b>bold</b> &#64;entity | pipe `tick` *star* _under_ ~strike~ www.evil.example https://evil.example/y"
)


def _hostile_pair(folder, payload: str) -> None:
    """Two articles that disagree on Turkey's inflation, with the payload everywhere an article has text."""
    for n, rate in enumerate(("64.3", "71.9")):
        (folder / f"evil{n}.md").write_text(
            f"---\ntitle: {json.dumps(payload)}\noutlet: {json.dumps(payload)}\n"
            f"url: {json.dumps('javascript:alert(1)' if n else 'https://example.org/a b|c)')}\n"
            f"date: 2023-01-0{n + 3}\n---\n"
            f"Annual inflation in Turkey rose to {rate}% in December 2022, {payload}, the statistics office said.\n",
            encoding="utf-8",
        )


def test_article_text_cannot_ping_link_or_render(tmp_path, rulebook):
    _hostile_pair(tmp_path, HOSTILE)
    result = check([str(tmp_path)], rulebook)
    md = format_markdown(result, rulebook)
    assert md.count(" (FG301)\n") == 1 and md.count("octocat") >= 4  # the payload is in the report, four times
    html = cmarkgfm.github_flavored_markdown_to_html(md, options=Options.CMARK_OPT_UNSAFE)
    # no mention, issue reference or bare link survives as GitHub reads them: each is broken by a zero-width space
    for inert in ("@octocat", "@org", "#123", "repo#45", "GH-7", "www.evil", "https://evil"):
        assert inert not in html, inert
    # no image, no HTML from the article, and the only links are the article's own http(s) link
    assert "<img" not in html and "<b>" not in html and "&#64;" not in md.replace("&amp;#64;", "")
    assert re.findall(r'<a href="([^"]*)"', html) == ["https://example.org/a%20b%7Cc%29"]
    # the table keeps its shape: every row has as many cells as the header
    table = html[html.index("<table>") : html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 3 and {r.count("<t") for r in rows} == {5}
    # and the words are all there, shown as typed
    assert "[click](https://evil.example/x)" in table.replace("\u200b", "")
    assert "<em>" not in table and "<del>" not in table and "<code>tick" not in table


@pytest.mark.parametrize(
    ("typed", "escaped"),
    [
        ("@octocat", "@&#8203;octocat"),
        ("issue #12", "issue #&#8203;12"),
        ("gh-12", "gh&#8203;-12"),
        ("[a](b)", "\\[a\\](b)"),
        ("![a](b)", "!\\[a\\](b)"),
        ("<b>", "&lt;b&gt;"),
        ("a|b", "a\\|b"),
        ("line\nbreak", "line break"),
        ("C# 3", "C# 3"),
    ],
)
def test_text_escapes(typed, escaped):
    assert text(typed) == escaped
