"""The report in a real headless browser: loads cleanly, filters work, hostile text stays inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from figures.cli import main
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from tests.outputs.test_report import HOSTILE
from tests.system import ensure_program

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    chromium = ensure_program(("chromium", "chromium-browser"), "chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=FLAGS)
        yield b
        b.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 1800})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors


def test_report_loads_filters_and_screenshots(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page, errors = _open(browser, out)
    assert errors == []
    # the problems are open: every claim of a group with a problem, and the findings outside those groups;
    # the groups whose sources agree and the figures compared with nothing are folded away
    result = check(["data/articles"], load_rulebook("examples/central-asia/rules"))
    statuses = result.statuses
    problems = [
        g for g in result.groups if any(statuses[c.id].codes or statuses[c.id].status == "conflicts" for c in g.claims)
    ]
    in_problems = {c.id for g in problems for c in g.claims}
    outside = [f for f in result.findings if f.claim_id not in in_problems]
    visible_rows = page.locator("tr[data-row]:visible").count()
    assert visible_rows == len(in_problems) + len(outside) > 5
    assert page.locator("section.problem:visible").count() == len(problems) == 3
    assert page.locator("section.problem h3").first.inner_text().startswith("prison term for mercenaries")
    # unfolding the agreeing groups shows their headings, and one more click a group's claims
    page.click("#agree-1 > summary")
    page.locator("details.agree > summary").first.click()
    assert page.locator("tr[data-row]:visible").count() > visible_rows
    page.click("#agree-1 > summary")
    page.select_option("select[name=severity]", "error")
    error_rows = page.locator("tr[data-row]:visible")
    assert 0 < error_rows.count() < visible_rows
    for i in range(error_rows.count()):
        assert error_rows.nth(i).get_attribute("data-severity") == "error"
    # groups without an error row are hidden
    assert page.locator(".group:visible").count() < page.locator(".group").count()
    page.select_option("select[name=severity]", "")
    # an article's rows, folded or not, are unfolded by the article filter
    page.select_option("select[name=article]", "data/articles/dw-2023-09-recruitment.md")
    shown = page.locator("tr[data-row]:visible")
    articles = {shown.nth(i).get_attribute("data-article") for i in range(shown.count())}
    assert articles == {"data/articles/dw-2023-09-recruitment.md"}
    assert shown.count() == sum(1 for c in result.claims if c.path.endswith("dw-2023-09-recruitment.md")) + sum(
        1 for f in outside if f.path.endswith("dw-2023-09-recruitment.md")
    )
    # clearing the filter folds again what it unfolded
    page.select_option("select[name=article]", "")
    assert page.locator("tr[data-row]:visible").count() == visible_rows
    # sorting a table by a column reorders its rows
    table = page.locator("section.problem table.sortable").first
    values = lambda: [  # noqa: E731
        table.locator("tbody tr").nth(i).locator("td").nth(2).inner_text()
        for i in range(table.locator("tbody tr").count())
    ]
    table.locator("th").nth(2).click()
    ascending = values()
    table.locator("th").nth(2).click()
    assert values() == ascending[::-1] and ascending != sorted(ascending, reverse=True)
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert errors == []


def test_hostile_article_runs_nothing(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "evil.md").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path / "articles"), "-o", str(out)]) == 0
    page, errors = _open(browser, out)
    page.mouse.move(10, 10)
    assert page.evaluate("window.pwned === undefined")
    assert "window.pwned = 1" in page.content()  # shown as text
    assert errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_long_paths_and_words_do_not_widen_the_page(browser, tmp_path, width):
    deep = tmp_path / ("a-very-long-folder-name-that-never-ends" * 3) / "sub"
    deep.mkdir(parents=True)
    name = "an-article-with-a-long-file-name" * 4 + ".md"
    for n, rate in enumerate(("64.3", "71.9")):
        (deep / f"{n}{name}").write_text(
            f"---\ntitle: {'Headline' * 30}\noutlet: Wire{n}\ndate: 2023-01-0{n + 3}\n---\n"
            f"Annual inflation in Turkey rose to {rate}% in December 2022, {'word' * 60} said.\n",
            encoding="utf-8",
        )
    out = tmp_path / "report.html"
    assert main(["report", str(tmp_path), "-o", str(out)]) == 0
    page, errors = _open(browser, out)
    page.set_viewport_size({"width": width, "height": 800})
    assert page.locator("section.problem").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # the file's place is cut short inside its cell and whole in its title
    path = page.locator("section.problem small.path").first
    assert path.get_attribute("title") == f"{deep}/0{name}:6"
    cell = page.locator("section.problem tbody td").first.bounding_box()
    box = path.bounding_box()
    assert box["x"] + box["width"] <= cell["x"] + cell["width"] + 1
    assert errors == []


def test_the_severity_filter_acts_on_the_charts_and_the_cards(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "report.html"
    assert main(["report", "data/articles", "-o", str(out)]) == 0
    page, errors = _open(browser, out)
    dimmed = "(sel) => Array.from(document.querySelectorAll(sel)).filter(e => e.classList.contains('dim')).length"
    assert page.evaluate(dimmed, "[data-bar], .card") == 0
    page.select_option("select[name=severity]", "warning")
    assert (
        page.evaluate(dimmed, "[data-bar][data-severity=error]")
        == page.locator("[data-bar][data-severity=error]").count()
        > 0
    )
    assert page.evaluate(dimmed, ".card[data-severity=error]") == 2  # disagreements and errors
    assert page.evaluate(dimmed, ".card[data-severity=warning]") == 0
    page.select_option("select[name=severity]", "")
    assert page.evaluate(dimmed, "[data-bar], .card") == 0
    assert errors == []
