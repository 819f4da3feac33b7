"""figures.check(): the library's way to check articles, with a typed result."""

from __future__ import annotations

import dataclasses
import json
import os
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
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no configuration: the checkout's own would be read from its folder
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


CONFLICT = "Tajik mercenaries face up to 20 years in prison.\n"
MISREAD = "In 2020 alone, 63.389 Tajiks acquired citizenship.\n"  # FG501: a count of people with a decimal part
BODIES = {
    "lead": CONFLICT + "\nTurnout reached 140% of registered voters.\n\n" + MISREAD,
    "quiet": MISREAD,
    "quoted": "A calm opening line.\n\n<!-- figures: off -->\n\n" + MISREAD + "\n<!-- figures: on -->\n",
    "typo": MISREAD.rstrip() + " <!-- figures: ignor FG501 -->\n",
    "known": MISREAD,
    "skipped": MISREAD,
}
DRAFTS = {f"drafts/{name}.md": f"---\ndate: 2023-10-02\n---\n{body}" for name, body in BODIES.items()}
DRAFTS["archive/b.md"] = B
CONFIGURED = f"""\
paths = ["drafts"]
corpus = ["archive"]
rules = "{RULES.as_posix()}"
select = ["FG5"]
extend-select = ["FG3", "FG002"]
ignore = ["FG502"]
exclude = ["*/skipped.md"]

[per-file-ignores]
"drafts/quiet.md" = ["FG501"]
"""


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "figures", "check", "--no-index", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose figures.toml names its paths, corpus, rules, codes, excludes, per-file ignores and baseline."""
    for name, text in DRAFTS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "figures.toml").write_text(CONFIGURED, encoding="utf-8")
    _cli("drafts/known.md", "--write-baseline", "baseline.json", cwd=tmp_path)
    (tmp_path / "figures.toml").write_text('baseline = "baseline.json"\n' + CONFIGURED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_library_honours_the_configuration_as_the_command_line_does(configured):
    cli = _cli("--format", "json", cwd=configured)
    result = figures.check()  # the paths, corpus, rules, codes and baseline of figures.toml
    assert [f.to_dict() for f in result.findings] == json.loads(cli.stdout)
    assert result.exit_status == cli.returncode == 1
    # what each setting left: the ignored code, the per-file ignore, the off block, the baseline and the
    # excluded file say nothing; the corpus conflict and the misspelt comment's warning are reported
    assert sorted((f.path, f.code) for f in result.findings) == [
        ("drafts/lead.md", "FG301"),
        ("drafts/lead.md", "FG501"),
        ("drafts/typo.md", "FG002"),
        ("drafts/typo.md", "FG501"),
    ]
    assert "drafts/skipped.md" not in result.articles and "drafts/quiet.md" in result.articles


def test_arguments_stand_over_the_configuration_as_options_do(configured):
    cli = _cli("drafts/quiet.md", "drafts/known.md", "--select", "FG5", "--format", "json", cwd=configured)
    result = figures.check(["drafts/quiet.md", "drafts/known.md"], select=["FG5"])
    assert [f.to_dict() for f in result.findings] == json.loads(cli.stdout) == []  # per-file ignore, baseline
    cli = _cli("drafts/quiet.md", "--isolated", "--format", "json", cwd=configured)
    isolated = figures.check("drafts/quiet.md", isolated=True)
    assert [f.to_dict() for f in isolated.findings] == json.loads(cli.stdout)
    assert [f.code for f in isolated.findings] == ["FG501"]


def test_an_isolated_check_after_a_configured_one_has_the_default_limits(tmp_path, monkeypatch):
    """Limits are process state: a library's second call must not inherit the first call's configuration."""
    (tmp_path / "a.md").write_text("In 2020 alone, 63.389 Tajiks acquired citizenship.\n" * 40, encoding="utf-8")
    (tmp_path / "figures.toml").write_text("max_article_mb = 0.001\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert {f.code for f in figures.check("a.md").findings} == {"FG001"}  # over the configured size
    assert {f.code for f in figures.check("a.md", isolated=True).findings} == {"FG501"}
