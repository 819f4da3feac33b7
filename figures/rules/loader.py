"""Load and validate ``rules/`` strictly: ids from paths, defaults in one place.

Every YAML file under the rules folder names its ``type``. ``entities`` and
``measures`` files are vocabularies; the other types are checks, each implemented
once in :mod:`figures.checks`. A rule's id comes from its path
(``rules/reference/remittances.yaml`` -> ``reference.remittances``). An unknown key,
a value of the wrong kind, or a fact about an unknown measure is a
:class:`~figures.core.errors.RuleFileError` naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from figures.checks import CHECKS
from figures.core.errors import RuleFileError
from figures.model import Severity
from figures.rules.records import Entity, Measure, Rule, Rulebook
from figures.rules.spec import VOCABULARIES, Key, check_period, check_unit, key_schema, line_of, validate
from figures.rules.yaml_lines import Mapping, load_yaml

DEFAULT_RULES = Path(__file__).parent
# Every type of rule file: the vocabularies, then each rule type as its check specifies it.
SPEC: dict[str, dict[str, Key]] = {**VOCABULARIES, **{rtype: check.SETTINGS for rtype, check in CHECKS.items()}}


def rule_id(root: Path, path: Path) -> str:
    """``rules/reference/remittances.yaml`` -> ``reference.remittances``."""
    rel = path.relative_to(root).with_suffix("")
    return ".".join(rel.parts)


def _groups(value: list) -> tuple[tuple[str, ...], ...]:
    if not value:
        return ()
    if all(isinstance(v, str) for v in value):
        return (tuple(value),)
    return tuple(tuple(v) if isinstance(v, list) else (v,) for v in value)


def load_rulebook(root: str | Path | None = None, defaults: bool = True) -> Rulebook:
    """The rulebook: the package's default rules, then every ``*.yaml`` under ``root`` over them.

    A project rule file with the id of a default one replaces it; a project measure or
    entity with the id of a default one replaces it. Raises :class:`RuleFileError` on
    the first problem.
    """
    entities: dict[str, Entity] = {}
    measures: dict[str, Measure] = {}
    rules: dict[str, Rule] = {}
    pending_facts: list[tuple[str, int, str, str | None]] = []
    if defaults:
        _load_folder(DEFAULT_RULES, entities, measures, rules, pending_facts)
    if root is not None:
        root = Path(root)
        if not root.is_dir():
            raise RuleFileError(str(root), None, "is not a folder of rule files", "pass a folder of rule files")
        project_measures: dict[str, Measure] = {}
        project_entities: dict[str, Entity] = {}
        if not _load_folder(root, project_entities, project_measures, rules, pending_facts):
            raise RuleFileError(str(root), None, "has no rule files", "add measures, entities or check rules")
        measures.update(project_measures)
        entities.update(project_entities)
    for name, line, measure, entity in pending_facts:
        if measure and measure not in measures:
            raise RuleFileError(name, line, f"unknown measure '{measure}'", "define it in a measures file")
        if entity and entity not in entities and not _is_country_code(entity):
            raise RuleFileError(name, line, f"unknown entity '{entity}'", "use an ISO country code or define it")
    return Rulebook(root, entities, measures, [rules[k] for k in sorted(rules)])


def _is_country_code(value: str) -> bool:
    from figures.context.gazetteer import load_world

    return load_world().knows(value)


def _load_folder(
    root: Path,
    entities: dict[str, Entity],
    measures: dict[str, Measure],
    rules: dict[str, Rule],
    pending_facts: list[tuple[str, int, str, str | None]],
) -> int:
    """Load every rule file under ``root`` into the given tables; return how many files there were."""
    files = sorted(p for p in root.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    ids_here: dict[str, str] = {}
    entities_before = set(entities)
    for path in files:
        name = str(path)
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise RuleFileError(name, 1, "must be a mapping with a 'type' key")
        rtype = data.get("type")
        if not isinstance(rtype, str) or rtype not in SPEC:
            raise RuleFileError(
                name,
                data.key_lines.get("type", 1) if isinstance(data, Mapping) else 1,
                f"unknown rule type '{rtype}'",
                f"expected one of: {', '.join(SPEC)}",
            )
        settings = validate(name, data, SPEC[rtype])
        if not settings.get("enabled", True):
            continue
        if rtype == "entities":
            for eid, e in settings["entities"].items():
                e = validate(name, e, SPEC["entities"]["entities"].keys["*"].keys)
                if str(eid) in entities and str(eid) not in entities_before:
                    line = data["entities"].key_lines.get(str(eid))
                    raise RuleFileError(name, line, f"entity '{eid}' is defined twice", "keep one definition")
                entities[str(eid)] = Entity(str(eid), e["name"], tuple(e["names"]), tuple(e["demonyms"]), e["kind"])
        elif rtype == "measures":
            raw = data["measures"]
            for mid, m in settings["measures"].items():
                m = validate(name, m, SPEC["measures"]["measures"].keys["*"].keys)
                if str(mid) in measures:
                    raise RuleFileError(name, raw.key_lines.get(str(mid)), f"measure '{mid}' is defined twice")
                _check_measure_meaning(name, raw[mid], m)
                tol = m.get("tolerance") or {}
                measures[str(mid)] = Measure(
                    id=str(mid),
                    description=m["description"],
                    label=m.get("label") or m["description"][:1].lower() + m["description"][1:],
                    dimension=m["dimension"],
                    unit=m.get("unit"),
                    period=m.get("period"),
                    compare=m["compare"],
                    time=m["time"],
                    time_window=m["time_window"],
                    entity=m.get("entity"),
                    tolerance_abs=float(tol.get("abs", 0.0)),
                    tolerance_percent=float(tol.get("percent", 0.0)),
                    sentence=_groups(m["sentence"]),
                    paragraph=_groups(m.get("paragraph") or []),
                    exclude=tuple(m["exclude"]),
                    nouns=tuple(m["nouns"]),
                    priority=m["priority"],
                    scope=m["scope"],
                    subject=m["subject"] or m["offence"],
                    offence=m["offence"],
                    rate=m["rate"],
                    share=m["share"],
                    undated_days=m.get("undated_days"),
                    default=root == DEFAULT_RULES,
                )
                if m.get("entity"):
                    pending_facts.append((name, raw.key_lines.get(str(mid), 1), "", m["entity"]))
        else:
            severity = Severity(settings.get("severity", "error"))
            rule = Rule(rule_id(root, path), rtype, name, severity, settings, dict(getattr(data, "key_lines", {})))
            if rule.id in ids_here:
                raise RuleFileError(
                    name, None, f"has the id '{rule.id}' of {ids_here[rule.id]}", "rename one of the two files"
                )
            ids_here[rule.id] = name
            _check_rule_meaning(rule, data)
            rules[rule.id] = rule
            if rtype == "reference":
                for fact, line in zip(settings["facts"], data["facts"].item_lines, strict=True):
                    pending_facts.append((name, line, fact["measure"], fact.get("entity")))
                    if "value" not in fact and "low" not in fact and "high" not in fact:
                        raise RuleFileError(name, line, "a fact needs 'value' or 'low'/'high'")
            if rtype == "plausibility":
                for floor in settings["pay_floors"]:
                    pending_facts.append((name, data.get("pay_floors").line, floor["measure"], None))
    return len(files)


# ---------------------------------------------------------------------------
# Meaning: what the shape alone cannot say
# ---------------------------------------------------------------------------


def _check_measure_meaning(path: str, raw: Any, measure: dict[str, Any]) -> None:
    if measure.get("unit") is not None:
        check_unit(path, line_of(raw, "unit"), "unit", measure["unit"])
    if measure.get("period") is not None:
        check_period(path, line_of(raw, "period"), "period", measure["period"])


def _check_rule_meaning(rule: Rule, data: Any) -> None:
    """What the shape alone cannot say (a fact's time, a pay floor's currency, the rates table), as its check says."""
    check_settings = getattr(CHECKS[rule.type], "check_settings", None)
    if check_settings is not None:
        check_settings(rule, data)


# ---------------------------------------------------------------------------
# JSON Schema for editors, generated from SPEC
# ---------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for every rule file type."""
    variants = []
    for rtype, spec in SPEC.items():
        props = {k: key_schema(v) for k, v in spec.items()}
        props["type"] = {"const": rtype, "description": "The rule type."}
        variants.append(
            {
                "if": {"properties": {"type": {"const": rtype}}},
                "then": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": props,
                    "required": sorted(k for k, v in spec.items() if v.required),
                },
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "figures rule file",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"enum": list(SPEC)}},
        "allOf": variants,
    }
