"""The report shows what the reference check compared, and nothing else.

A reference fact is about one measure for one entity and time. A claim of that measure
about another entity or another year was never compared with it: the report, the
Markdown comment, the chart's shaded band and the worksheet must not call it agreeing.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from figures.model import FactVerdict
from figures.outputs.html import format_html
from figures.outputs.markdown import format_markdown
from figures.outputs.worksheet import format_csv
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from figures.runtime.status import Outcome

ROOT = Path(__file__).resolve().parents[2]

# Remittances to Tajikistan in 2019: 29% of GDP.
FACT = """type: reference
description: Remittances to Tajikistan.
facts:
  - measure: remittances_share_gdp
    entity: TJ
    time: "2019"
    value: 29
    source:
      title: World Bank, personal remittances received (% of GDP)
"""
ARTICLES = {
    # the fact's entity and year: compared with it, and agrees
    "tajik-2019.md": "In 2019, remittances from Russia equaled 29% of GDP in Tajikistan.",
    # another entity: never compared with the fact
    "kyrgyz-2019.md": "In 2019, remittances from Russia equaled 27% of GDP in Kyrgyzstan.",
    # another year, twice and in conflict: a group with a chart, and no fact about it
    "tajik-2022.md": "In 2022, remittances from Russia equaled 51% of GDP in Tajikistan.",
    "tajik-2022-low.md": "Remittances from Russia equaled 20% of GDP in Tajikistan in 2022, officials said.",
}


def _check(folder: Path, articles: dict[str, str]):
    """Check ``articles`` (name: sentence) with the example rules and the fact above."""
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", folder / "rules")
    (folder / "rules" / "reference" / "remittances.yaml").write_text(FACT, encoding="utf-8")
    (folder / "articles").mkdir()
    for n, (name, sentence) in enumerate(articles.items(), start=1):
        front = f'---\ntitle: "Remittances {n}"\noutlet: Daily {n}\ndate: 2023-03-0{n}\n---\n\n'
        (folder / "articles" / name).write_text(front + sentence + "\n", encoding="utf-8")
    rulebook = load_rulebook(folder / "rules")
    return check([str(folder / "articles")], rulebook), rulebook


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return _check(tmp_path_factory.mktemp("reference"), ARTICLES)


def _status(result, name: str) -> str:
    (claim,) = [c for c in result.claims if c.path.endswith("/" + name) and c.measure == "remittances_share_gdp"]
    return result.statuses[claim.id].status


def test_a_claim_about_another_entity_or_year_is_not_agreeing(run):
    result, _ = run
    assert _status(result, "tajik-2019.md") == Outcome.AGREES
    assert _status(result, "kyrgyz-2019.md") == Outcome.UNCHECKED
    assert _status(result, "tajik-2022.md") == Outcome.CONFLICTS


def test_the_status_holds_what_the_reference_check_compared(run):
    result, _ = run
    by_name = {c.path.rsplit("/", 1)[-1]: result.statuses[c.id] for c in result.claims}
    (agrees,) = by_name["tajik-2019.md"].facts
    assert (agrees.fact, agrees.verdict) == ("reference.remittances#1", FactVerdict.AGREES)
    assert (agrees.low, agrees.high) == (29, 29)
    assert not by_name["kyrgyz-2019.md"].facts and not by_name["tajik-2022.md"].facts


def test_the_worksheet_does_not_call_them_agreeing(run):
    result, rulebook = run
    table = list(csv.DictReader(io.StringIO(format_csv(result, rulebook).lstrip("\ufeff"))))
    status = {row["Article"].rsplit("/", 1)[-1]: row["Status"] for row in table if row["Measure"].startswith("remit")}
    assert status == {
        "tajik-2019.md": "agrees",
        "kyrgyz-2019.md": "unchecked",
        "tajik-2022.md": "conflicts",
        "tajik-2022-low.md": "conflicts",
    }


def test_the_html_report_lists_them_as_unchecked(run):
    result, rulebook = run
    page = format_html(result, rulebook)
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*kyrgyz-2019\.md(?:(?!</tr>).)*</tr>", page, re.DOTALL)
    assert row is not None
    assert "st-unchecked" in row.group() and "st-agrees" not in row.group()


def test_the_chart_shades_no_fact_of_another_year(run):
    result, rulebook = run
    page = format_html(result, rulebook)
    # the one chart is the 2022 conflict: the 2019 fact is no reference for it
    assert page.count('<svg class="range-plot"') == 1
    assert '<rect class="reference"' not in page


def test_the_markdown_report_does_not_call_them_agreeing(run):
    result, rulebook = run
    text = format_markdown(result, rulebook)
    rows = [line for line in text.splitlines() if "kyrgyz-2019" in line or "tajik-2022" in line]
    assert rows and not any("| agrees" in line for line in rows)


@pytest.mark.e2e
def test_the_chart_shades_the_fact_the_check_compared(tmp_path):
    result, rulebook = _check(
        tmp_path,
        {
            "tajik-2019.md": ARTICLES["tajik-2019.md"],
            "tajik-2019-high.md": "Remittances from Russia equaled 45% of GDP in Tajikistan in 2019, officials said.",
        },
    )
    verdicts = {c.path.rsplit("/", 1)[-1]: [f.verdict for f in result.statuses[c.id].facts] for c in result.claims}
    assert verdicts == {"tajik-2019.md": [FactVerdict.AGREES], "tajik-2019-high.md": [FactVerdict.OUTSIDE]}
    page = format_html(result, rulebook)
    assert page.count('<svg class="range-plot"') == 1
    assert page.count('<rect class="reference"') == 1
