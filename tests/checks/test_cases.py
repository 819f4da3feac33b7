"""One runner for the YAML case files of every rule type (pass and fail cases)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from figures.checks import CHECKS
from figures.runtime.engine import check
from tests.case_rules import rulebook_for

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


def write_article(folder: Path, name: str, text: str) -> None:
    if text.startswith("date: "):
        first, _, body = text.partition("\n")
        text = f"---\n{first}\n---\n{body}\n"
    (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("rule_type", "case"), list(_cases()))
def test_case(rule_type, case, tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in case["articles"].items():
        write_article(articles, name, text)
    result = check([str(articles)], rulebook_for(case, tmp_path / "rules"))
    got = sorted((f.code, Path(f.path).name, f.surface) for f in result.findings)
    expected = sorted(tuple(e) for e in case["expect"])
    assert got == expected, [f"{f.code} {f.message}" for f in result.findings]
    if "together" in case:  # claims the check must show as compared, in one group
        wanted = {tuple(e) for e in case["together"]}
        groups = [{(Path(c.path).name, c.figure.surface) for c in g.claims} for g in result.groups]
        assert any(wanted <= g for g in groups), groups


def test_every_rule_type_has_pass_and_fail_cases():
    for rule_type in CHECKS:
        path = CASES / f"{rule_type}.yaml"
        assert path.is_file(), f"no case file for rule type {rule_type}"
        names = [c["name"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))]
        assert any(n.startswith("pass:") for n in names), rule_type
        assert any(n.startswith("fail:") for n in names), rule_type


def test_every_expected_code_belongs_to_its_rule_type():
    for rule_type, module in CHECKS.items():
        for case in yaml.safe_load((CASES / f"{rule_type}.yaml").read_text(encoding="utf-8")):
            for code, *_ in case["expect"]:
                assert code in module.CODES, f"{code} in {rule_type}.yaml is not a {rule_type} code"
