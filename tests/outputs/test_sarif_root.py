"""SARIF and GitHub annotations place alerts from any folder; SARIF rules link to and carry their pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from figures.checks import all_codes
from figures.model import Finding, Location, Severity
from figures.outputs import github, sarif

ROOT = Path(__file__).resolve().parents[2]
A = "---\ndate: 2023-10-01\n---\nTajik mercenaries face up to 20 years in prison.\n"
B = "---\ndate: 2023-10-01\n---\nIn Tajikistan, mercenaries face five to 12 years in prison.\n"
PRECISIONS = {"very-high", "high", "medium", "low"}


def test_every_rule_links_to_its_page_and_carries_it_in_markdown():
    rules = {rule["id"]: rule for rule in sarif._rules()}
    assert set(rules) == set(all_codes())
    for code, rule in rules.items():
        assert rule["helpUri"] == f"https://github.com/news-figures/figures/blob/HEAD/docs/codes/{code}.md"
        page = (ROOT / "docs" / "codes" / f"{code}.md").read_text(encoding="utf-8")
        assert rule["help"]["markdown"] == page
        assert rule["help"]["text"]  # readers that show no Markdown


def test_every_rule_says_how_often_its_findings_are_right():
    assert set(sarif.PRECISION) == set(all_codes())  # a new code must be given one
    for rule in sarif._rules():
        assert rule["properties"]["precision"] in PRECISIONS
    by_code = {rule["id"]: rule["properties"]["precision"] for rule in sarif._rules()}
    assert by_code["FG001"] == "very-high"  # an unreadable file is a fact
    assert by_code["FG301"] == "medium"  # two claims judged the same may not be


def finding(path: str, related: str) -> Finding:
    return Finding(
        code="FG301",
        severity=Severity.ERROR,
        message="conflict",
        path=path,
        line=4,
        column=1,
        rule="consistency.prison",
        check="consistency",
        related=(Location(path=related, line=4, column=1, surface="five to 12 years"),),
    )


@pytest.mark.parametrize("marker", [".git", "figures.toml"])
def test_paths_are_relative_to_the_repository_root_not_the_working_folder(tmp_path, monkeypatch, marker):
    (tmp_path / "desk" / "stories").mkdir(parents=True)
    if marker == ".git":
        (tmp_path / "desk" / ".git").mkdir()
        (tmp_path / "desk" / "stories" / "figures.toml").write_text("", encoding="utf-8")  # .git wins
    else:
        (tmp_path / "desk" / "figures.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "desk" / "stories")
    f = finding("a.md", "../b.md")
    log = json.loads(sarif.format_sarif([f]))
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stories/a.md"
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "b.md"
    assert github.format_github([f]).startswith("::error file=stories/a.md,line=4,")


def test_a_path_outside_the_repository_stays_absolute(tmp_path, monkeypatch):
    (tmp_path / "desk" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "desk")
    outside = tmp_path / "elsewhere" / "a.md"
    log = json.loads(sarif.format_sarif([finding(str(outside), "b.md")]))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == outside.as_uri()


def test_the_fingerprint_is_the_same_from_any_folder(tmp_path, monkeypatch):
    (tmp_path / "desk" / "stories").mkdir(parents=True)
    (tmp_path / "desk" / ".git").mkdir()
    monkeypatch.chdir(tmp_path / "desk")
    at_root = json.loads(sarif.format_sarif([finding("stories/a.md", "b.md")]))
    monkeypatch.chdir(tmp_path / "desk" / "stories")
    inside = json.loads(sarif.format_sarif([finding("a.md", "../b.md")]))
    assert (
        at_root["runs"][0]["results"][0]["partialFingerprints"]
        == inside["runs"][0]["results"][0]["partialFingerprints"]
    )


@pytest.mark.e2e
def test_a_check_run_from_a_subfolder_is_placed_in_the_repository(tmp_path):
    desk = tmp_path / "desk"
    (desk / "stories").mkdir(parents=True)
    (desk / ".git").mkdir()
    (desk / "stories" / "a.md").write_text(A, encoding="utf-8")
    (desk / "stories" / "b.md").write_text(B, encoding="utf-8")
    rules = str(ROOT / "examples" / "central-asia" / "rules")
    command = [sys.executable, "-m", "figures", "check", ".", "--rules", rules, "--no-index"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([*command, "--format", "sarif"], cwd=desk / "stories", capture_output=True, text=True, env=env)
    log = json.loads(out.stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris and uris <= {"stories/a.md", "stories/b.md"}
    out = subprocess.run(
        [*command, "--format", "github"], cwd=desk / "stories", capture_output=True, text=True, env=env
    )
    assert out.stdout.startswith("::error file=stories/")


@pytest.mark.e2e
def test_a_buffer_from_standard_input_is_named_in_sarif_as_it_was_given(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "b.md").write_text(B, encoding="utf-8")
    rules = str(ROOT / "examples" / "central-asia" / "rules")
    command = [sys.executable, "-m", "figures", "check", "-", "--stdin-filename", "stories/a.md", "--corpus", "stories"]
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [*command, "--rules", rules, "--no-index", "--format", "sarif"],
        cwd=tmp_path,
        input=A,
        capture_output=True,
        text=True,
        env=env,
    )
    (result,) = json.loads(out.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "stories/a.md"
