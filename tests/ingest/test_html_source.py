"""An HTML article's findings point at the .html file a user opens, not at the extracted text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.cli import main
from figures.extract import extract_text
from figures.ingest import read_article
from figures.ingest.html_source import source_map, visible_letters

HEAD = (
    "<!DOCTYPE html>\n<html lang='en'>\n<head>\n  <meta charset='utf-8'>\n"
    "  <title>In 2020 some 63.389 Tajiks acquired citizenship</title>\n"
    + "".join(f"  <meta name='tag{i}' content='{i} figures'>\n" for i in range(40))
    + "  <style>\n    p { margin: 12px 0; } /* 50% of the width */\n  </style>\n"
    "  <script>\n    var story = {'text': 'In 2020 alone, 63.389 Tajiks acquired citizenship.'};\n  </script>\n"
    "</head>\n"
)
BODY = """<body>
<nav><a href="/">Home</a> &middot; <a href="/world">World</a> 24/7</nav>
<article>
  <h1>Central Asians pressed to fight</h1>
  <p>In 2020 alone, <b>63.389 <i>Tajiks</i></b> acquired citizenship, the
     interior ministry said &mdash; up from 43,404 in 2019.</p>
  <script>document.write("<p>In 2020 alone, 99 ads were shown.</p>");</script>
  <!-- <p>In 2020 alone, 77 people left.</p> -->
  <p>Recruiters offered <a href="/pay">a monthly salary of
     <em>200,000&nbsp;rubles</em></a> ($2,400), officials said.
     Tajik law sets prison terms of five to 12&#160;years for mercenaries.</p>
  <p>About 1.2&nbsp;million workers from &lsquo;Uzbekistan&rsquo; live in Russia, AT&amp;T&#x27;s survey found.</p>
  <table><tr><td>Kazakhs</td><td>43,404 people</td></tr></table>
  <ul><li>Uzbeks: 23,131 people in 2020</li></ul>
  <p>Officials said that 4.5&shy;million workers came from Uzbekistan in 2021, an increase.</p>
</article>
<footer>Copyright 2023, 14 rights reserved</footer>
</body>
</html>
"""


@pytest.fixture
def page(tmp_path) -> Path:
    path = tmp_path / "page.html"
    path.write_text(HEAD + BODY, encoding="utf-8")
    return path


def _at(source: str, line: int, column: int) -> str:
    return source.split("\n")[line - 1][column - 1 :]


@pytest.mark.slow
def test_every_figure_points_at_itself_in_the_file(page):
    source = page.read_text(encoding="utf-8")
    article = read_article(page)
    figures = article.in_source(extract_text(article.text, article.body_start))
    surfaces = [f.surface for f in figures]
    assert {"63.389 Tajiks", "43,404", "five to 12 years", "43,404 people", "23,131 people"} <= set(surfaces)
    head_lines = HEAD.count("\n")
    for f in figures:
        assert f.line > head_lines, f  # never the copy in the <title> or in a script of the long <head>
        assert _at(source, f.line, f.column).startswith(f.surface[:3]), (f.surface, f.line, f.column)
    tajiks = next(f for f in figures if f.surface == "63.389 Tajiks")
    assert (tajiks.line, tajiks.column) == (head_lines + 5, 24)  # inside <b>, in the article, not in its text's line 2
    salary = next(f for f in figures if f.surface.startswith("200,000"))
    assert _at(source, salary.line, salary.column).startswith("200,000&nbsp;rubles")


def test_check_prints_the_line_and_column_of_the_html_file(page, capsys, monkeypatch):
    monkeypatch.chdir(page.parent)
    assert main(["check", "page.html", "--isolated", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    fg501 = next(f for f in findings if f["code"] == "FG501")
    source = page.read_text(encoding="utf-8")
    assert _at(source, fg501["line"], fg501["column"]).startswith("63.389 <i>Tajiks")
    main(["check", "page.html", "--isolated", "--select", "FG501"])
    assert f"page.html:{fg501['line']}:{fg501['column']}: FG501" in capsys.readouterr().out


def test_visible_text_leaves_out_head_scripts_styles_and_comments():
    letters, offsets = visible_letters(HEAD + BODY)
    assert "99ads" not in letters and "77people" not in letters and "margin" not in letters
    assert "Tajiksacquired" in letters and "—upfrom43,404" in letters and "AT&T'ssurvey" in letters
    assert len(letters) == len(offsets) and offsets == sorted(offsets)


@pytest.mark.parametrize(
    "rest",
    [
        "<script>var x = '<p>Hidden 6.</p>'" + "<script>" * 50_000,
        "<title " * 50_000,
        "<a " * 50_000,
        "<!-- 7 " * 50_000,
    ],
)
def test_an_unclosed_script_tag_or_comment_hides_the_rest_in_one_pass(rest):
    letters, _ = visible_letters("<p>Seen 5 &lt; 6.</p>" + rest)
    assert letters == "Seen5<6."


def test_a_sentence_not_in_the_file_is_line_zero_or_its_paragraph():
    source = "<p>Alpha said 5 boats sank.</p>\n<p>Gamma said 7 ships left.</p>"
    text = "Alpha said 5 boats sank. Beta said 6 cars burnt.\nZeta said 8 planes flew.\nGamma said 7 ships left."
    where = source_map(source, text)

    def at(word: str) -> tuple[int, int]:
        return where.position(text.index(word))

    assert at("5 boats") == (1, 15)
    assert at("6 cars") == (1, 4)  # not in the file: where its paragraph starts
    assert at("8 planes") == (0, 0)  # nor its paragraph: unknown
    assert at("7 ships") == (2, 15)


def test_a_finding_whose_sentence_is_not_in_the_file_quotes_it(tmp_path):
    from figures.model import Article, Finding, Notice, Severity, SourceMap
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import analyse

    text = "Officials said 63.389 Tajiks acquired citizenship in 2020."
    unknown = SourceMap((-1,) * len(text), (0,))
    (claim,) = analyse([Article("page.html", text, source_format="html", source_map=unknown)], load_rulebook(None))
    assert (claim.figure.line, claim.figure.column) == (0, 0)
    notice = Notice("FG501", Severity.ERROR, "a decimal part", "r", "c")
    finding = Finding.at_figure(notice, "page.html", claim.figure, claim)
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (0, 0, None, None)
    assert finding.message == f'a decimal part (its place in the file was not found; the sentence: "{text}")'
