"""The report of 500 generated articles in a real browser: small, short, problems first, no sideways scroll."""

from __future__ import annotations

import pytest

from figures.outputs import write_output
from figures.outputs.html import format_html
from figures.rules.loader import load_rulebook
from figures.runtime.engine import check
from tests.outputs.conftest import ROOT, archive
from tests.outputs.test_browser import _open, browser  # noqa: F401 - the browser fixture

pytestmark = pytest.mark.slow

MAX_BYTES = 2_000_000
MAX_HEIGHT = {1280: 12_000, 390: 20_000}  # pixels, with every fold closed


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    rulebook = load_rulebook(ROOT / "figures" / "rules")
    result = check([str(archive(tmp_path_factory, 500))], rulebook)
    assert len(result.articles) == 500 and len(result.findings) == 10
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_output(format_html(result, rulebook), str(out))
    return out


def test_the_file_is_within_budget(report):
    assert report.stat().st_size < MAX_BYTES


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_first_screen_shows_the_worst_disagreement_and_nothing_scrolls_sideways(browser, report, width):  # noqa: F811
    page, errors = _open(browser, report)
    page.set_viewport_size({"width": width, "height": 800})
    assert errors == []
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_HEIGHT[width]
    # the summary, then the first disagreement: its heading and its code are on the first screen
    first = page.locator("section.problem").first
    badge = first.locator(".badge").first
    assert badge.inner_text() == "FG301"
    assert page.locator(".summary").bounding_box()["y"] < 200
    assert badge.bounding_box()["y"] + badge.bounding_box()["height"] < 800
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(report.with_name(f"first-screen-{width}.png")))
    # every fold open: the longest tables still wrap inside the page
    page.evaluate("document.querySelectorAll('details').forEach(function(d){d.open=true;})")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.documentElement.scrollHeight") > height * 5
    page.screenshot(path=str(report.with_name(f"unfolded-{width}.png")))
    assert errors == []
    page.close()
