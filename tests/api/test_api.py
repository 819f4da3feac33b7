"""figures.check(): the library's way to check articles, with a typed result."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

import figures
from figures.model import Finding, Severity

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "central-asia" / "rules"
A = "---\ndate: 2023-10-01\n---\nTajik mercenaries face up to 20 years in prison.\n"
B = "---\ndate: 2023-10-01\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n"


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "b.md").write_text(B, encoding="utf-8")
    (tmp_path / "new.md").write_text(A, encoding="utf-8")
    return tmp_path


def test_a_new_article_is_checked_against_a_corpus(desk):
    result = figures.check([desk / "new.md"], corpus=[desk / "archive"], rules=RULES)
    assert isinstance(result, figures.Result)
    assert [f.code for f in result.findings] == ["FG301"]
    finding = result.findings[0]
    assert isinstance(finding, Finding) and finding.severity is Severity.ERROR
    assert finding.path == str(desk / "new.md") and finding.related[0].path == str(desk / "archive" / "b.md")
    assert result.articles == (str(desk / "new.md"),)
    assert result.exit_status == 1 and not result.ok and result.errors == ()


def test_without_the_corpus_the_article_alone_is_clean(desk):
    result = figures.check(desk / "new.md", rules=RULES)  # one path needs no list
    assert result.findings == () and result.exit_status == 0 and result.ok


def test_select_ignore_and_fail_on_work_as_on_the_command_line(desk):
    both = [desk / "new.md", desk / "archive"]
    assert figures.check(both, rules=RULES, ignore=["FG3"]).findings == ()
    assert [f.code for f in figures.check(both, rules=RULES, select=["FG301"]).findings] == ["FG301"]
    assert figures.check(both, rules=RULES, fail_on="never").exit_status == 0


def test_a_missing_path_is_an_error_of_the_result_not_an_exception(desk):
    result = figures.check([desk / "new.md", desk / "nowhere.md"], rules=RULES)
    assert result.exit_status == 2 and len(result.errors) == 1 and "nowhere.md" in result.errors[0]


def test_a_bad_argument_raises_a_figures_error(desk):
    from figures.core.errors import FiguresError

    with pytest.raises(FiguresError, match="fail_on"):
        figures.check(desk / "new.md", fail_on="sometimes")
    with pytest.raises(FiguresError, match="unknown code"):
        figures.check(desk / "new.md", select=["FG999"])
    with pytest.raises(FiguresError, match="rules folder"):
        figures.check(desk / "new.md", rules=desk / "no-rules")


def test_the_result_is_frozen_and_its_fields_are_documented():
    assert dataclasses.fields(figures.Result)
    for field in dataclasses.fields(figures.Result):
        assert f"``{field.name}``" in figures.Result.__doc__, field.name
    with pytest.raises(dataclasses.FrozenInstanceError):
        figures.Result((), (), (), 0).exit_status = 1  # type: ignore[misc]
    assert "check" in figures.__all__ and "Result" in figures.__all__


def test_importing_figures_loads_no_checking_machinery():
    """``import figures`` for extract_text stays light: the runtime loads on the first figures.check."""
    code = "import sys, figures; print('figures.runtime.engine' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


def test_the_api_is_documented_in_docs():
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    assert "figures.check(" in text and "Result" in text
    for field in dataclasses.fields(figures.Result):
        assert f"`{field.name}`" in text, field.name
