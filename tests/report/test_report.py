"""The discrepancy report: golden Markdown, a self-contained and escaped HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from figures.cli import main
from figures.engine import check
from figures.report.html import format_html
from figures.report.markdown import format_markdown
from figures.rulebook import load_rulebook

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "rules")


def test_golden_markdown(capsys):
    assert main(["report", "data/articles", "--format", "md"]) == 0
    assert capsys.readouterr().out == (GOLDEN / "report_articles.md").read_text(encoding="utf-8")


def test_html_is_self_contained(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().err
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from anywhere: no external scripts, styles, fonts or images
    assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', page)
    assert "@import" not in page and "url(http" not in page
    assert page.count("<svg") >= 10
    for heading in ("prison term for mercenaries (Tajikistan)", "remittances as a share of GDP (Tajikistan"):
        assert heading in page


def test_html_is_identical_across_runs(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    main(["report", "data/articles", "-o", str(a)])
    main(["report", "data/articles", "-o", str(b)])
    assert a.read_bytes() == b.read_bytes()


HOSTILE = (
    '---\ntitle: "<script>alert(\'t\')</script>"\noutlet: "<b onmouseover=alert(1)>x</b>"\n'
    'url: "javascript:alert(1)"\ndate: 2022-03-17\n---\n'
    'Officials say <script>window.pwned = 1</script> 63.389 Tajiks <img src=x onerror="window.pwned=2"> '
    "acquired citizenship in 2020.\n"
)


def test_article_text_is_escaped(tmp_path, rulebook):
    (tmp_path / "evil.md").write_text(HOSTILE, encoding="utf-8")
    result = check([str(tmp_path)], rulebook)
    page = format_html(result, rulebook)
    assert "<script>window.pwned" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;window.pwned" in page
    assert 'href="javascript:' not in page
    assert page.count("<script>") == 1  # the report's own
    md = format_markdown(result, rulebook)
    assert "<script>" not in md and "<img" not in md
