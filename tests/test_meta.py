"""Conventions that must stay true: docs match the code, every code is documented and tested."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml

from figures.checks import CHECKS, all_codes
from figures.core.units import is_known
from figures.outputs.docs import codes_markdown, rule_keys_markdown
from figures.rules.loader import json_schema, load_rulebook, rule_id

ROOT = Path(__file__).resolve().parent.parent


def test_codes_page_is_current():
    assert (ROOT / "docs" / "codes.md").read_text(encoding="utf-8") == codes_markdown(), (
        "run: figures codes --format md -o docs/codes.md"
    )


def test_every_code_has_its_own_current_page():
    from figures.outputs.docs import code_pages

    folder = ROOT / "docs" / "codes"
    pages = code_pages()
    assert set(pages) == {p.name for p in folder.glob("*.md")}, "run: figures codes --write-docs docs/codes"
    for name, text in pages.items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"{name} is out of date"


def test_rules_readme_documents_every_key():
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert text.endswith(rule_keys_markdown()), "regenerate the key table of docs/rules.md"


def test_json_schema_is_current_and_accepts_the_rule_files():
    schema = json.loads((ROOT / "docs" / "rules.schema.json").read_text(encoding="utf-8"))
    assert schema == json_schema()
    for path in sorted((ROOT / "examples" / "central-asia" / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))
        jsonschema.validate(data, schema)


def test_every_code_is_documented():
    for code, doc in all_codes().items():
        assert code.startswith("FG") and len(code) == 5
        for part in (doc.title, doc.what, doc.why, doc.example, doc.fix):
            assert part.strip(), f"{code} lacks a part of its documentation"


def test_every_rule_type_module_documents_itself():
    for rule_type, module in CHECKS.items():
        assert module.__doc__ and module.__doc__.startswith(f"{rule_type}:"), rule_type
        assert "What it does" in module.__doc__ and "Why it matters" in module.__doc__


def test_every_code_declares_its_sarif_name_once():
    names = [doc.name for doc in all_codes().values()]
    for code, doc in all_codes().items():
        assert doc.name[:1].isupper() and doc.name.isalnum(), f"{code} declares no PascalCase name for SARIF"
    assert len(set(names)) == len(names)


def test_a_rule_type_owns_its_codes_settings_and_documentation():
    from figures.rules.loader import SPEC
    from figures.rules.spec import VOCABULARIES

    owners: dict[str, str] = {}
    for rule_type, module in CHECKS.items():
        assert module.RULE_TYPE == rule_type and callable(module.run)
        assert module.SETTINGS["type"].required and "severity" in module.SETTINGS, rule_type
        assert SPEC[rule_type] is module.SETTINGS  # the loader validates with the check's own schema
        for code, doc in module.CODES.items():
            assert doc.code == code and code not in owners, code
            owners[code] = rule_type
    assert list(SPEC) == [*VOCABULARIES, *CHECKS]  # one registry: no rule type is listed anywhere else


def test_rule_ids_come_from_paths():
    rulebook = load_rulebook(ROOT / "examples" / "central-asia" / "rules")
    for rule in rulebook.rules:
        assert rule.id == rule_id(ROOT / "examples" / "central-asia" / "rules", Path(rule.path))


def test_measure_units_are_pint_units():
    rulebook = load_rulebook(ROOT / "examples" / "central-asia" / "rules")
    for measure in rulebook.measures.values():
        if measure.unit:
            assert is_known(measure.unit), measure.id


def test_every_findings_format_is_one_module_named_once():
    from figures.cli.config import FORMATS
    from figures.outputs import FINDINGS_FORMATS, format_findings

    assert FORMATS == tuple(FINDINGS_FORMATS)  # --format and the configuration read the registry
    for name, module in FINDINGS_FORMATS.items():
        assert module.__name__.startswith("figures.outputs."), name
        assert isinstance(format_findings([], name), str)
