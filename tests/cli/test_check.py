"""``figures check`` end to end: golden output, formats, exit codes, CI conventions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from figures.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "figures", *args], cwd=ROOT, capture_output=True, text=True, env=env)


def test_golden_text():
    result = run("check", "data/articles")
    assert result.returncode == 1
    assert result.stdout == (GOLDEN / "check_articles.txt").read_text(encoding="utf-8")


def test_golden_json_and_its_keys():
    result = run("check", "data/articles", "--format", "json")
    assert result.stdout == (GOLDEN / "check_articles.json").read_text(encoding="utf-8")
    for item in json.loads(result.stdout):
        for key in ("code", "severity", "message", "path", "line", "column", "measure", "entity", "time", "related"):
            assert key in item
        for rel in item["related"]:
            assert set(rel) >= {"path", "line", "column"}


@pytest.mark.e2e
def test_deterministic_across_hash_seeds():
    outs = {
        run("check", "data/articles", "--format", "json", env={**os.environ, "PYTHONHASHSEED": s}).stdout
        for s in ("0", "7", "4242")
    }
    assert len(outs) == 1


@pytest.mark.e2e
def test_new_article_against_the_corpus(tmp_path, capsys):
    new = tmp_path / "new-story.md"
    new.write_text("---\ndate: 2023-10-01\n---\nTajik mercenaries face up to 20 years in prison.\n", encoding="utf-8")
    code = main(["check", str(new), "--corpus", "data/articles", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["path"] for f in findings} == {str(new)}
    assert findings[0]["code"] == "FG301"
    assert any(r["path"].endswith("dw-2023-09-recruitment.md") for r in findings[0]["related"])


def test_clean_article_exits_zero(tmp_path, capsys):
    new = tmp_path / "clean.md"
    new.write_text(
        "---\ndate: 2022-05-01\n---\nRemittances make up 31% of Tajikistan's GDP, 2.4 million workers from "
        "Tajikistan were working in Russia in 2021.\n"
    )
    assert main(["check", str(new), "--corpus", "data/articles"]) == 0
    assert "no findings" in capsys.readouterr().out


@pytest.mark.e2e
def test_fail_on_and_select(capsys):
    assert main(["check", "data/articles", "--select", "FG401"]) == 0  # a warning does not fail by default
    assert main(["check", "data/articles", "--select", "FG401", "--fail-on", "warning"]) == 1
    assert main(["check", "data/articles", "--ignore", "FG"]) == 0
    capsys.readouterr()


@pytest.mark.e2e
def test_sarif_structure():
    log = json.loads(run("check", "data/articles", "--format", "sarif").stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    run0 = log["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert run0["tool"]["driver"]["name"] == "figures"
    for result in run0["results"]:
        assert result["level"] in ("error", "warning", "note")
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert not Path(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).is_absolute()


def test_sarif_validates_against_the_official_schema_when_available():
    schema_path = os.environ.get("SARIF_SCHEMA")
    if not schema_path:
        pytest.skip("set SARIF_SCHEMA to the path of sarif-schema-2.1.0.json to validate against it")
    import jsonschema

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    log = json.loads(run("check", "data/articles", "--format", "sarif").stdout)
    jsonschema.validate(log, schema)


@pytest.mark.e2e
def test_github_annotations():
    out = run("check", "data/articles", "--format", "github").stdout.splitlines()
    assert out and all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in out)
    assert all(",line=" in line and ",col=" in line for line in out)


@pytest.mark.e2e
def test_inline_suppression(tmp_path, capsys):
    a = tmp_path / "a.md"
    a.write_text(
        "In 2020 alone, 63.389 Tajiks acquired citizenship. <!-- figures: ignore FG501 -->\n", encoding="utf-8"
    )
    b = tmp_path / "b.md"
    b.write_text("<!-- figures: ignore -->\n\nIn 2020 alone, 63.389 Tajiks acquired citizenship.\n", encoding="utf-8")
    c = tmp_path / "c.md"
    c.write_text(
        "In 2020 alone, 63.389 Tajiks acquired citizenship. <!-- figures: ignore FG301 -->\n", encoding="utf-8"
    )
    main(["check", str(tmp_path), "--format", "json"])
    found = {Path(f["path"]).name for f in json.loads(capsys.readouterr().out)}
    assert found == {"c.md"}


@pytest.mark.e2e
def test_a_stale_suppression_is_reported_like_an_unused_noqa(tmp_path, capsys):
    (tmp_path / "used.md").write_text(
        "In 2020 alone, 63.389 Tajiks acquired citizenship. <!-- figures: ignore FG501 -->\n", encoding="utf-8"
    )
    (tmp_path / "stale.md").write_text(
        "In 2020 alone, 63,389 Tajiks acquired citizenship. <!-- figures: ignore FG501 -->\n", encoding="utf-8"
    )
    assert main(["check", str(tmp_path), "--format", "json"]) == 0  # FG003 is info: it does not fail a run
    found = [(Path(f["path"]).name, f["code"], f["line"]) for f in json.loads(capsys.readouterr().out)]
    assert found == [("stale.md", "FG003", 1)]
    # under --select only some codes run: a suppression of another code is not stale
    main(["check", str(tmp_path), "--format", "json", "--select", "FG3"])
    assert json.loads(capsys.readouterr().out) == []
    main(["check", str(tmp_path), "--format", "json", "--ignore", "FG003"])
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.e2e
def test_baseline_reports_only_new_findings(tmp_path, capsys):
    base = tmp_path / "baseline.json"
    assert main(["check", "data/articles", "--write-baseline", str(base)]) == 0
    assert main(["check", "data/articles", "--baseline", str(base)]) == 0
    assert "no findings" in capsys.readouterr().out
    data = json.loads(base.read_text())
    assert all("line" not in entry for entry in data["findings"])


def test_bad_baseline_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text("{not json")
    assert main(["check", "data/articles", "--baseline", str(bad)]) == 2
    assert "baseline" in capsys.readouterr().err


def test_missing_path_is_a_usage_error(capsys):
    assert main(["check", "does-not-exist.md"]) == 2
    assert "does-not-exist.md: no such file or folder" in capsys.readouterr().err


@pytest.mark.e2e
def test_unreadable_article_is_a_finding_and_others_are_checked(tmp_path, capsys):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00")
    (tmp_path / "ok.md").write_text("In 2020 alone, 63.389 Tajiks acquired citizenship.\n")
    assert main(["check", str(tmp_path), "--format", "json"]) == 1
    codes = {(Path(f["path"]).name, f["code"]) for f in json.loads(capsys.readouterr().out)}
    assert codes == {("bad.txt", "FG001"), ("ok.md", "FG501")}


def _rules_copy(tmp_path: Path) -> Path:
    import shutil

    dst = tmp_path / "rules"
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", dst)
    return dst


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("checks/broken.yaml", "type: consistency\nseverity: [oops\n", "broken.yaml:2: invalid YAML"),
        ("checks/extra.yaml", "type: total\ncolour: red\n", "extra.yaml:2: unknown key 'colour'"),
        ("checks/sev.yaml", "type: total\nseverity: fatal\n", "sev.yaml:2: 'severity' is 'fatal'"),
        (
            "reference/x.yaml",
            "type: reference\nfacts:\n  - measure: no_such_measure\n    value: 5\n    source: {title: T}\n",
            "x.yaml:3: unknown measure 'no_such_measure'",
        ),
        ("checks/what.yaml", "type: sorcery\n", "what.yaml:1: unknown rule type 'sorcery'"),
    ],
)
def test_malformed_rule_files_exit_2_with_one_line(tmp_path, capsys, file, content, message):
    rules = _rules_copy(tmp_path)
    (rules / file).parent.mkdir(exist_ok=True)
    (rules / file).write_text(content)
    assert main(["check", "data/articles", "--rules", str(rules)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    assert main(["rules", "check", str(rules)]) == 2


def test_rules_check_ok(capsys):
    assert main(["rules", "check", "examples/central-asia/rules"]) == 0
    assert "ok" in capsys.readouterr().out


def test_config_in_figures_toml(tmp_path, capsys, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", tmp_path / "rules")
    (tmp_path / "figures.toml").write_text('fail_on = "never"\nignore = ["FG3"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["check", "data/articles", "--format", "json"]) == 0
    assert all(not f["code"].startswith("FG3") for f in json.loads(capsys.readouterr().out))
    (tmp_path / "figures.toml").write_text('fail_on = "never"\ncolour = "red"\n')
    assert main(["check", "data/articles"]) == 2
    assert "figures.toml:2: unknown key 'colour'" in capsys.readouterr().err


def test_config_in_pyproject(tmp_path, capsys, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", tmp_path / "rules")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.figures]\nselect = ["FG501"]\n')
    monkeypatch.chdir(tmp_path)
    main(["check", "data/articles", "--format", "json"])
    assert {f["code"] for f in json.loads(capsys.readouterr().out)} == {"FG501"}


def test_unwritable_output_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["check", "data/articles", "-o", str(blocker / "out.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("figures: error: ")


def test_any_folder_on_any_beat_is_checked_with_the_default_rules(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no rules/ and no configuration here
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(
        "---\ndate: 2023-01-04\n---\nTurkey's annual inflation eased to 64.3% in December, officials said.\n"
    )
    (tmp_path / "news" / "b.md").write_text(
        "---\ndate: 2023-01-05\n---\nConsumer prices in Turkey were up 84.3% year on year in December 2022.\n"
    )
    code = main(["check", "news", "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(f["code"], Path(f["path"]).name) for f in findings] == [("FG301", "b.md")]
    assert [Path(r["path"]).name for r in findings[0]["related"]] == ["a.md"]
    assert "same claim:" in findings[0]["message"]


@pytest.mark.e2e
def test_isolated_ignores_the_project_rules(capsys):
    assert main(["check", "data/articles", "--isolated", "--format", "json", "--fail-on", "never"]) == 0
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)}
    assert "FG503" not in codes  # the pay floors are the example pack's
    assert main(["check", "data/articles", "--format", "json", "--fail-on", "never"]) == 0
    assert "FG503" in {f["code"] for f in json.loads(capsys.readouterr().out)}


def test_the_configured_baseline_is_written_before_it_exists(tmp_path, monkeypatch, capsys):
    """A project names its baseline file in the configuration and then creates it with --write-baseline."""
    (tmp_path / "a.md").write_text("In 2020 alone, 63.389 Tajiks acquired citizenship.\n", encoding="utf-8")
    (tmp_path / "figures.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--no-index", "a.md", "--write-baseline", "known.json"]) == 0
    assert main(["check", "--no-index", "a.md"]) == 0  # the finding is known now
