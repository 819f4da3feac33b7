"""Load and validate ``rules/`` strictly: ids from paths, defaults in one place.

Every YAML file under the rules folder names its ``type``. ``entities`` and
``measures`` files are vocabularies; the other types are checks, each implemented
once in :mod:`figures.checks`. A rule's id comes from its path
(``rules/reference/remittances.yaml`` -> ``reference.remittances``). An unknown key,
a value of the wrong kind, or a fact about an unknown measure is a
:class:`~figures.core.errors.RuleFileError` naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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

# (file, line, measure, entity): a measure or entity a rule names, known only when every folder is loaded
PendingFact = tuple[str, int, str, str | None]


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
    pending_facts: list[PendingFact] = []
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


@dataclass
class _Tables:
    """What a folder of rule files adds to, and what it has added so far."""

    root: Path
    entities: dict[str, Entity]
    measures: dict[str, Measure]
    rules: dict[str, Rule]
    pending_facts: list[PendingFact]
    ids_here: dict[str, str] = field(default_factory=dict)  # rule ids of this folder, by file
    entities_before: frozenset[str] = frozenset()  # a folder may redefine these: they are another folder's


def _load_folder(
    root: Path,
    entities: dict[str, Entity],
    measures: dict[str, Measure],
    rules: dict[str, Rule],
    pending_facts: list[PendingFact],
) -> int:
    """Load every rule file under ``root`` into the given tables; return how many files there were."""
    files = sorted(p for p in root.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    tables = _Tables(root, entities, measures, rules, pending_facts, entities_before=frozenset(entities))
    for path in files:
        name = str(path)
        data = load_yaml(path)
        rtype = _rule_type(name, data)
        settings = validate(name, data, SPEC[rtype])
        if settings.get("enabled", True):
            _LOADERS.get(rtype, _add_rule)(tables, name, data, settings)
    return len(files)


def _rule_type(name: str, data: Any) -> str:
    """The file's ``type``, which must be one of SPEC's."""
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
    return rtype


def _add_entities(tables: _Tables, name: str, data: Any, settings: dict[str, Any]) -> None:
    for eid, e in settings["entities"].items():
        e = validate(name, e, SPEC["entities"]["entities"].keys["*"].keys)
        if str(eid) in tables.entities and str(eid) not in tables.entities_before:
            line = data["entities"].key_lines.get(str(eid))
            raise RuleFileError(name, line, f"entity '{eid}' is defined twice", "keep one definition")
        tables.entities[str(eid)] = Entity(str(eid), e["name"], tuple(e["names"]), tuple(e["demonyms"]), e["kind"])


def _add_measures(tables: _Tables, name: str, data: Any, settings: dict[str, Any]) -> None:
    raw = data["measures"]
    for mid, m in settings["measures"].items():
        m = validate(name, m, SPEC["measures"]["measures"].keys["*"].keys)
        if str(mid) in tables.measures:
            raise RuleFileError(name, raw.key_lines.get(str(mid)), f"measure '{mid}' is defined twice")
        _check_measure_meaning(name, raw[mid], m)
        tables.measures[str(mid)] = _measure(str(mid), m, default=tables.root == DEFAULT_RULES)
        if m.get("entity"):
            tables.pending_facts.append((name, raw.key_lines.get(str(mid), 1), "", m["entity"]))


def _measure(mid: str, m: dict[str, Any], default: bool) -> Measure:
    """A measure from its validated settings."""
    tol = m.get("tolerance") or {}
    return Measure(
        id=mid,
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
        default=default,
    )


def _add_rule(tables: _Tables, name: str, data: Any, settings: dict[str, Any]) -> None:
    rtype = data["type"]
    severity = Severity(settings.get("severity", "error"))
    path = Path(name)
    rule = Rule(rule_id(tables.root, path), rtype, name, severity, settings, dict(getattr(data, "key_lines", {})))
    if rule.id in tables.ids_here:
        raise RuleFileError(
            name, None, f"has the id '{rule.id}' of {tables.ids_here[rule.id]}", "rename one of the two files"
        )
    tables.ids_here[rule.id] = name
    _check_rule_meaning(rule, data)
    tables.rules[rule.id] = rule
    names_facts = _NAMED_FACTS.get(rtype)
    if names_facts is not None:
        tables.pending_facts.extend(names_facts(name, data, settings))


def _reference_facts(name: str, data: Any, settings: dict[str, Any]) -> list[PendingFact]:
    """The measure and entity of each fact of a reference rule; a fact must give a value."""
    out: list[PendingFact] = []
    for fact, line in zip(settings["facts"], data["facts"].item_lines, strict=True):
        out.append((name, line, fact["measure"], fact.get("entity")))
        if "value" not in fact and "low" not in fact and "high" not in fact:
            raise RuleFileError(name, line, "a fact needs 'value' or 'low'/'high'")
    return out


def _pay_floor_facts(name: str, data: Any, settings: dict[str, Any]) -> list[PendingFact]:
    """The measure of each pay floor of a plausibility rule."""
    return [(name, data.get("pay_floors").line, floor["measure"], None) for floor in settings["pay_floors"]]


# How each kind of file is added to the tables: the vocabularies here, every other type as a rule.
_LOADERS = {"entities": _add_entities, "measures": _add_measures}
# The rule types whose files name measures and entities, and how to read those names.
_NAMED_FACTS = {"reference": _reference_facts, "plausibility": _pay_floor_facts}


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
