"""Article text, titles, outlets and links never run in the report nor compute in a spreadsheet.

The same pages are opened in a real browser in tests/outputs/test_browser.py
(skipped with a message when chromium or playwright is missing).
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook

from figures.cli import main
from tests.outputs.test_browser import _open, browser  # noqa: F401 - the browser fixture

PAYLOADS = [
    "<script>window.pwned=1</script>",
    "</textarea><script>window.pwned=2</script>",
    '"><img src=x onerror="window.pwned=3">',
    "' onmouseover='window.pwned=4",
    "<svg/onload=window.pwned=5>",
    "<!-- x --><iframe src=javascript:window.pwned=6>",
]


def _article(tmp_path, payload: str, url: str = "javascript:window.pwned=7"):
    folder = tmp_path / "a"
    folder.mkdir(exist_ok=True)
    quoted = json.dumps(payload)  # a JSON string is a YAML double-quoted scalar
    (folder / "evil.md").write_text(
        f"---\ntitle: {quoted}\noutlet: {quoted}\nurl: {json.dumps(url)}\ndate: 2022-03-17\n---\n"
        f"Officials say {payload} 63.389 Tajiks acquired citizenship in 2020, {payload} and 45 workers left.\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_report_shows_hostile_text_as_text(payload, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", str(_article(tmp_path, payload)), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "window.pwned" in page  # shown, escaped
    for tag in ("<script>window", "<img src=x", "<svg/onload", "<iframe", "</textarea><script"):
        assert tag not in page
    assert not re.search(r"\son\w+\s*=\s*[\"']?window", page)
    assert 'href="javascript:' not in page.lower()


FORMULAS = ["=1+1", "+cmd", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://evil.example","click")']


@pytest.mark.slow
@pytest.mark.parametrize("payload", FORMULAS, ids=[repr(f) for f in FORMULAS])
def test_no_cell_of_the_worksheet_becomes_a_formula(payload, tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    quoted = json.dumps(payload)
    (folder / "evil.md").write_text(
        f"---\ntitle: {quoted}\noutlet: {quoted}\nurl: {quoted}\ndate: 2022-03-17\n---\n"
        f"{payload} said 63.389 Tajiks acquired citizenship in 2020.\n",
        encoding="utf-8",
    )
    xlsx, csv_out = tmp_path / "w.xlsx", tmp_path / "w.csv"
    assert main(["worksheet", str(folder), "-o", str(xlsx)]) == 0
    assert main(["worksheet", str(folder), "-o", str(csv_out)]) == 0
    ws = load_workbook(xlsx)["Claims"]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
    for row in list(csv.reader(io.StringIO(csv_out.read_text(encoding="utf-8"))))[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


@pytest.mark.browser
def test_no_payload_runs_in_a_real_browser(browser, tmp_path):  # noqa: F811 - the fixture
    """Every payload at once, as title, outlet, link and text, opened and hovered in chromium."""
    folder = tmp_path / "a"
    folder.mkdir()
    for n, payload in enumerate(PAYLOADS):
        quoted = json.dumps(payload)
        (folder / f"evil{n}.md").write_text(
            f'---\ntitle: {quoted}\noutlet: {quoted}\nurl: "javascript:window.pwned=7"\ndate: 2022-03-17\n---\n'
            f"Officials say {payload} 63.389 Tajiks acquired citizenship in 2020.\n",
            encoding="utf-8",
        )
    out = tmp_path / "report.html"
    assert main(["report", str(folder), "-o", str(out)]) == 0
    page, errors = _open(browser, out)
    for link in page.query_selector_all("a"):
        link.hover()
    page.mouse.move(5, 5)
    assert page.evaluate("window.pwned === undefined")
    assert errors == []
