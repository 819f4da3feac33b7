"""The discrepancy report: golden Markdown, a self-contained and escaped HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from figures import __version__
from figures.cli import main
from figures.outputs.html import format_html
from figures.outputs.markdown import format_markdown
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "examples" / "central-asia" / "rules")


def test_golden_markdown(capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the report's date, fixed as a rebuild fixes it
    assert main(["report", "data/articles", "--format", "md"]) == 0
    out = capsys.readouterr().out.replace(f"figures {__version__} ·", "figures VERSION ·", 1)  # set at install
    assert out == (GOLDEN / "report_articles.md").read_text(encoding="utf-8")


@pytest.mark.e2e
def test_html_is_self_contained(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "wrote" in capsys.readouterr().err
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from anywhere: no external scripts, styles, fonts or images
    assert not re.search(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', page)
    assert "@import" not in page and "url(http" not in page
    assert page.count('<svg class="range-plot"') == page.count('<section class="group problem') == 3
    for heading in ("prison term for mercenaries (Tajikistan)", "remittances as a share of GDP (Tajikistan"):
        assert heading in page


@pytest.mark.e2e
def test_html_is_identical_across_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
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


@pytest.mark.e2e
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


def _sections(page: str) -> list[str]:
    return re.split(
        r'(?=<section class="group problem|<details class="group agree|<section class="group findings)', page
    )


def test_html_opens_with_the_problems_and_folds_the_rest(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    problems = page.index('<section class="group problem')
    # the summary comes first, then the problems, the other findings, the agreeing groups, the lone figures
    assert page.index('class="summary"') < problems < page.index('id="findings-1"') < page.index('id="agree-1"')
    assert page.index('id="agree-1"') < page.index('id="alone"')
    headings = re.findall(r'<section class="group problem[^>]*>\s*<h3>([^<]+)', page)
    # the two disagreements (three claims each) before the group with one implausible figure
    assert [h.strip() for h in headings] == [
        "prison term for mercenaries (Tajikistan)",
        "prison term for mercenaries (Uzbekistan)",
        "foreigners who acquired Russian citizenship in a year (Tajikistan, 2020)",
    ]
    # a group whose sources agree is a fold inside the fold of all of them; single figures are one more fold
    agree = page[page.index('<details class="fold" id="agree-1">') : page.index('id="alone"')]
    assert agree.count('<details class="group agree"') == 9
    # a group of one claim compared with nothing is listed with the figures compared with nothing
    alone = page[page.index('id="alone"') :]
    assert "<td>295 foreigners</td>" in alone and "295 foreigners" not in agree
    assert "<details open" not in page
    # the other findings are the two that belong to no compared group, error first
    findings = page[page.index('id="findings-1"') : page.index('id="agree-1"')]
    assert findings.index("FG503") < findings.index("FG401") and "FG301" not in findings


@pytest.mark.e2e
def test_html_names_sources_by_headline_and_outlet(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    first = _sections(page)[1]
    assert ">How Russia lures Central Asian workers into its army</a>" in first
    assert "<small>DW · 2023-09-25</small>" in first
    # the file is named, its full path on hover; a conflict names the other outlets
    assert (
        '<small class="path" title="data/articles/dw-2023-09-recruitment.md:22">dw-2023-09-recruitment.md:22' in first
    )
    assert 'conflicts with <span title="data/articles/dw-2023-09-recruitment.md:22">DW</span>' in first
    assert "<td>5–12 years</td>" not in first and ">5–12 years</td>" in first  # plural, sortable by its low end


@pytest.mark.e2e
def test_chart_colours_sources_by_agreement(tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    tajikistan = _sections(out.read_text(encoding="utf-8"))[1]
    # two outlets say up to 20 years and agree with each other; DW's 5 to 12 years conflicts with both
    assert re.findall(r'<line class="([a-z-]+)"', tajikistan) == ["with-some", "with-some", "alone"]
    assert "conflicts with every other source" in tajikistan
    implausible = _sections(out.read_text(encoding="utf-8"))[3]
    # drawn as the table says it: implausible, not "not checked"
    assert re.findall(r'<circle class="([a-z-]+)"', implausible) == ["agrees", "implausible"]


@pytest.mark.parametrize(
    ("unit", "count", "words"),
    [
        ("year", 12, "years"),
        ("year", 1, "year"),
        ("year", None, "years"),
        ("percent", 5, "percent"),
        ("percentage point", 2, "percentage points"),
        ("square kilometre", 3, "square kilometres"),
        ("mile per hour", 60, "miles per hour"),
        ("degree Celsius", 30, "degrees Celsius"),
        ("US cent", 40, "US cents"),
        ("penny", 164, "pence"),
        ("foot", 6, "feet"),
        ("inch", 2, "inches"),
        ("century", 2, "centuries"),
        ("day", 3, "days"),
        ("RUB", 50000, "RUB"),
    ],
)
def test_units_are_plural_where_a_person_writes_them(unit, count, words):
    from figures.outputs.wording import unit_words

    assert unit_words(unit, count) == words


def test_values_read_as_written(tmp_path, rulebook):
    from figures.extract import extract_text
    from figures.outputs.wording import value_text

    text = "He got five to 12 years. She got 1 year. They face up to 20 years. A third of the budget. It rose 2%."
    assert [value_text(f) for f in extract_text(text)] == [
        "5–12 years",
        "1 year",
        "≤ 20 years",
        "33.33 percent of budget",
        "rise of 2 percent",
    ]


@pytest.mark.e2e
def test_checker_verdicts_get_their_own_column(tmp_path, rulebook):
    from figures.checks.verdicts import Verdict

    plain = format_html(check(["data/articles"], rulebook), rulebook)
    assert "<th>Checker's verdict</th>" not in plain  # no verdicts, no empty column
    first = check(["data/articles"], rulebook)
    twelve = next(c for c in first.claims if c.figure.surface == "five to 12 years")
    verdicts = {twelve.id: Verdict(twelve.id, "incorrect", corrected="5 to 12 years", notes="<b>criminal code</b>")}
    page = format_html(check(["data/articles"], rulebook, verdicts=verdicts), rulebook)
    assert page.count("<th>Checker's verdict</th>") == page.count('<table class="sortable claims">')
    assert (
        "<td>incorrect<small>corrected: 5 to 12 years</small><small>&lt;b&gt;criminal code&lt;/b&gt;</small></td>"
        in page
    )
