"""Load and validate ``rules/`` strictly: ids from paths, defaults in one place.

Every YAML file under the rules folder names its ``type``. ``entities`` and
``measures`` files are vocabularies; the other types are checks, each implemented
once in :mod:`figures.checks`. A rule's id comes from its path
(``rules/reference/remittances.yaml`` -> ``reference.remittances``). An unknown key,
a value of the wrong kind, or a fact about an unknown measure is a
:class:`~figures.core.errors.RuleFileError` naming the file and line.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from figures.core import datafile
from figures.core.datafile import SafeYamlLoader, read_text
from figures.core.errors import RuleFileError
from figures.model import Severity

# ---------------------------------------------------------------------------
# Reading YAML with line numbers
# ---------------------------------------------------------------------------


class Mapping(dict):
    """A YAML mapping that remembers its own line and each key's line (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class Sequence(list):
    line: int = 0
    item_lines: list[int]


class _Loader(SafeYamlLoader):
    """Mappings and sequences that remember their lines; no aliases, bounded nesting."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    loader.flatten_mapping(node)
    out = Mapping()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool | datetime.date) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word", key_node.start_mark)
        if key in out:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[str(key)] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    out = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# The largest rule file figures reads: reference tables of many thousand facts fit.
MAX_RULE_FILE_BYTES = 10 * 1024 * 1024


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; any syntax error becomes a :class:`RuleFileError` with its line."""
    hint = f"keep rule files under {MAX_RULE_FILE_BYTES // (1024 * 1024)} MB; split large reference tables"
    try:
        text = read_text(path, what="rule file", limit=MAX_RULE_FILE_BYTES, hint=hint)
    except FileNotFoundError:
        raise RuleFileError(str(path), None, "cannot be read (no such file)") from None
    return datafile.load_yaml(text, str(path), loader=_Loader)


# ---------------------------------------------------------------------------
# The schema of rule files: one spec drives validation, JSON Schema and docs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key of a rule file: its kind, whether it is required, its default and meaning."""

    kind: str  # str | int | number | bool | list[str] | map | list[map] | severity | words
    doc: str
    required: bool = False
    default: Any = None
    keys: dict[str, Key] | None = None  # for map and list[map]
    choices: tuple[str, ...] = ()
    minimum: float | None = None  # for int and number: a slack, a window or a ceiling is never negative


_SEVERITY = Key("severity", "Severity of findings: error, warning or info.", choices=("error", "warning", "info"))
_COMMON = {
    "type": Key("str", "The rule type.", required=True),
    "description": Key("str", "What this rule file is for, in a sentence."),
    "enabled": Key("bool", "Set to false to switch the file off without deleting it.", default=True),
}
_TOLERANCE = Key(
    "map",
    "Slack allowed when comparing values: `abs` in the measure's unit, `percent` of the larger value.",
    keys={
        "abs": Key("number", "Absolute slack.", default=0.0, minimum=0),
        "percent": Key("number", "Relative slack, in %.", default=0.0, minimum=0),
    },
)
_SOURCE = Key(
    "map",
    "Where a fact comes from.",
    required=True,
    keys={
        "title": Key("str", "Publisher and title of the source.", required=True),
        "url": Key("str", "Link to the source."),
        "date": Key("str", "Date of the source (YYYY-MM-DD or YYYY)."),
    },
)
_WORDS = "words"  # a list of cue phrases, or a list of such lists (every inner list must match)

SPEC: dict[str, dict[str, Key]] = {
    "entities": {
        **_COMMON,
        "entities": Key(
            "map",
            "Countries and regions by id; each with its names and demonyms.",
            required=True,
            keys={
                "*": Key(
                    "map",
                    "One entity.",
                    keys={
                        "name": Key("str", "Display name.", required=True),
                        "names": Key("list[str]", "Names and variants of the place.", default=[]),
                        "demonyms": Key("list[str]", "Words for its people, singular and plural.", default=[]),
                        "kind": Key("str", "country or region.", default="country", choices=("country", "region")),
                    },
                )
            },
        ),
    },
    "measures": {
        **_COMMON,
        "measures": Key(
            "map",
            "What figures measure, by id.",
            required=True,
            keys={
                "*": Key(
                    "map",
                    "One measure.",
                    keys={
                        "description": Key("str", "What is measured, for people.", required=True),
                        "label": Key("str", "Short name used in messages; defaults to the description."),
                        "dimension": Key(
                            "str",
                            "Kind of figure it applies to.",
                            required=True,
                            choices=(
                                "count",
                                "percent",
                                "currency",
                                "time",
                                "age",
                                "percentage_point",
                                "length",
                                "mass",
                                "area",
                                "volume",
                            ),
                        ),
                        "unit": Key("str", "Unit claims are compared in (a pint unit or currency code)."),
                        "period": Key("str", "Rate period amounts are compared per (month, year ...)."),
                        "compare": Key(
                            "str",
                            "`value`: claims estimate one true value; `bounds`: claims state a range's bounds; "
                            "`none`: never compared across claims.",
                            default="value",
                            choices=("value", "bounds", "none"),
                        ),
                        "time": Key(
                            "str",
                            "`interval`: claims are compared only when their times have the same resolution and "
                            "overlap (a month with the same month, a year with the same year); a claim with no time "
                            "of its own takes its article's date; `year`: compared by year, a claim with no time "
                            "takes its article's year; `none`: time does not matter.",
                            default="interval",
                            choices=("interval", "year", "none"),
                        ),
                        "time_window": Key(
                            "int", "Years either side within which claims are still compared.", default=0, minimum=0
                        ),
                        "entity": Key("str", "Fixed entity id for every claim of this measure."),
                        "tolerance": _TOLERANCE,
                        "sentence": Key(
                            _WORDS, "Cue words: each group must occur in the figure's sentence.", required=True
                        ),
                        "paragraph": Key(_WORDS, "Cue words: each group must occur in the figure's paragraph."),
                        "exclude": Key(
                            "list[str]", "Words that rule the measure out when in the sentence.", default=[]
                        ),
                        "nouns": Key("list[str]", "Allowed counted nouns; `@demonym` allows any demonym.", default=[]),
                        "priority": Key(
                            "int", "Breaks ties between measures that both match (higher wins).", default=0
                        ),
                        "scope": Key(
                            "str",
                            "Where `sentence` cues must occur: `sentence`, or only the figure's own `clause`.",
                            default="sentence",
                            choices=("sentence", "clause"),
                        ),
                        "undated_days": Key(
                            "int",
                            "How many days after an event an article's undated claim still refers to it: 0 for "
                            "figures that change daily (a death toll); more for results that do not (a vote share, a "
                            "quarter's revenue). Defaults to the consistency rule's `undated_days`.",
                            minimum=0,
                        ),
                        "share": Key(
                            "bool",
                            "Claims are shares of a whole (turnout, a share of GDP): FG502 holds them within 0-100%.",
                            default=False,
                        ),
                        "rate": Key(
                            "bool",
                            'The measure is itself a rate of change (inflation, growth), so "prices rose 5%" '
                            "states its level rather than a change of it.",
                            default=False,
                        ),
                        "subject": Key(
                            "bool",
                            "Claims are compared only when they name the same subject (company, candidate, "
                            "defendant): for measures whose value belongs to someone other than a place.",
                            default=False,
                        ),
                        "offence": Key(
                            "bool",
                            "The subject is an offence, not a name: the law's penalty for a crime is compared "
                            'only with the penalty stated for the same offence ("fraud by abuse of position '
                            'carries up to 10 years"). Implies `subject`.',
                            default=False,
                        ),
                    },
                )
            },
        ),
    },
    "reference": {
        **_COMMON,
        "severity": Key(**{**_SEVERITY.__dict__, "default": "error"}),
        "facts": Key(
            "list[map]",
            "Known values with their sources.",
            required=True,
            keys={
                "measure": Key("str", "Measure id from measures.yaml.", required=True),
                "entity": Key("str", "Entity id from entities.yaml."),
                "time": Key("str", "Year or span (`2021`, `2008-2014`) the fact is about."),
                "value": Key("number", "The value (or give low and high)."),
                "low": Key("number", "Lower bound."),
                "high": Key("number", "Upper bound."),
                "unit": Key("str", "Unit of value/low/high; defaults to the measure's unit."),
                "tolerance": _TOLERANCE,
                "source": _SOURCE,
                "note": Key("str", "Anything a checker should know."),
            },
        ),
    },
    "consistency": {
        **_COMMON,
        "severity": Key(**{**_SEVERITY.__dict__, "default": "error"}),
        "measures": Key("list[str]", "Measure ids to compare; empty means every measure.", default=[]),
        "approx_percent": Key("number", "How far 'about' stretches a value, in %.", default=10.0, minimum=0),
        "same_article": Key("bool", "Also compare claims within one article.", default=True),
        "open_keys": Key(
            "bool",
            "Also compare claims no measure names, by the thing the context stage inferred (see the README).",
            default=True,
        ),
        "undated_days": Key(
            "int",
            "Claims with no time of their own are compared when their articles' dates are at most this many "
            "days apart (0: the same day): an article often reports the day before's news, and a toll can "
            "change from one day to the next, so measures may set their own.",
            default=1,
            minimum=0,
        ),
    },
    "total": {
        **_COMMON,
        "severity": Key(**{**_SEVERITY.__dict__, "default": "error"}),
        "tolerance": _TOLERANCE,
    },
    "conversion": {
        **_COMMON,
        "severity": Key(**{**_SEVERITY.__dict__, "default": "warning"}),
        "rates": Key(
            "str", "CSV of exchange rates (month,base,quote,rate), relative to this rule file.", required=True
        ),
        "tolerance_percent": Key(
            "number", "How far the implied rate may be from the table's.", default=10.0, minimum=0
        ),
    },
    "plausibility": {
        **_COMMON,
        "severity": Key(**{**_SEVERITY.__dict__, "default": "error"}),
        "people_nouns": Key("list[str]", "Nouns that count people (demonyms are added).", default=[]),
        "share_max": Key(
            "number", "Largest plausible share in %, for measures marked `share`.", default=100.0, minimum=0
        ),
        "age_max": Key("number", "Oldest plausible age in years.", default=120.0, minimum=0),
        "pay_floors": Key(
            "list[map]",
            "Lowest plausible pay per period, by measure and currency, with a source.",
            default=[],
            keys={
                "measure": Key("str", "Measure id.", required=True),
                "currency": Key("str", "Currency code.", required=True),
                "per": Key("str", "Period the floor is given per.", required=True),
                "min": Key("number", "The floor.", required=True),
                "since": Key("int", "First year the floor applies to."),
                "source": _SOURCE,
            },
        ),
    },
}
RULE_TYPES = ("reference", "consistency", "total", "conversion", "plausibility")


def _kind_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str | int | datetime.date) and not isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":  # .nan and .inf are YAML floats, and no measure is infinite
        return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "map":
        return isinstance(value, dict)
    if kind == "list[map]":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if kind == "severity":
        return isinstance(value, str)
    if kind == _WORDS:
        return isinstance(value, list) and all(
            isinstance(v, str) or (isinstance(v, list) and all(isinstance(w, str) for w in v)) for v in value
        )
    return False


_KIND_WORDS = {
    "str": "a string",
    "int": "a whole number",
    "number": "a finite number",
    "bool": "true or false",
    "list[str]": "a list of strings",
    "map": "a mapping",
    "list[map]": "a list of mappings",
    "severity": "one of error, warning, info",
    _WORDS: "a list of words or of word lists",
}


def validate(path: str, data: Mapping, spec: dict[str, Key]) -> dict[str, Any]:
    """Check ``data`` against ``spec``; return it with defaults filled in."""
    out: dict[str, Any] = {}
    lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        line = lines.get(str(key), getattr(data, "line", None))
        if "*" in spec:
            key_spec = spec["*"]
        elif key in spec:
            key_spec = spec[key]
        else:
            allowed = ", ".join(sorted(spec))
            raise RuleFileError(path, line, f"unknown key '{key}'", f"expected one of: {allowed}")
        if not _kind_ok(key_spec.kind, value):
            raise RuleFileError(path, line, f"'{key}' must be {_KIND_WORDS[key_spec.kind]}")
        if key_spec.minimum is not None and value < key_spec.minimum:
            raise RuleFileError(path, line, f"'{key}' is {value}, below its minimum of {key_spec.minimum}")
        if key_spec.kind == "str" and not isinstance(value, str):
            value = str(value)  # a year or a date written without quotes
        if key_spec.choices and str(value) not in key_spec.choices:
            raise RuleFileError(path, line, f"'{key}' is '{value}'", f"expected one of: {', '.join(key_spec.choices)}")
        if key_spec.kind == "map" and key_spec.keys:
            value = validate(path, value, key_spec.keys)
        elif key_spec.kind == "list[map]" and key_spec.keys:
            value = [validate(path, item, key_spec.keys) for item in value]
        out[key] = value
    if "*" not in spec:
        for key, key_spec in spec.items():
            if key not in out:
                if key_spec.required:
                    raise RuleFileError(path, getattr(data, "line", None), f"missing required key '{key}'")
                if key_spec.default is not None:
                    out[key] = list(key_spec.default) if isinstance(key_spec.default, list) else key_spec.default
                elif key_spec.kind == "map" and key_spec.keys:
                    out[key] = validate(path, Mapping(), key_spec.keys)
    return out


# ---------------------------------------------------------------------------
# The loaded rulebook
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    kind: str = "country"


@dataclass(frozen=True)
class Measure:
    id: str
    description: str
    label: str
    dimension: str
    unit: str | None
    period: str | None
    compare: str
    time: str
    time_window: int
    entity: str | None
    tolerance_abs: float
    tolerance_percent: float
    sentence: tuple[tuple[str, ...], ...]
    paragraph: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...]
    nouns: tuple[str, ...]
    priority: int
    scope: str = "sentence"
    subject: bool = False
    offence: bool = False  # the subject is the offence a penalty is for
    rate: bool = False
    share: bool = False
    undated_days: int | None = None
    default: bool = False  # shipped with the package: a project's measure that fits wins over it


@dataclass(frozen=True)
class Rule:
    """One rule file of a check type, with its settings (defaults filled in)."""

    id: str
    type: str
    path: str
    severity: Severity
    settings: dict[str, Any]
    line_of: dict[str, int] = field(default_factory=dict)


@dataclass
class Rulebook:
    """Entities, measures and check rules: the package's defaults with a project's rules over them."""

    root: Path | None
    entities: dict[str, Entity]
    measures: dict[str, Measure]
    rules: list[Rule]

    def rules_of(self, rule_type: str) -> list[Rule]:
        return [r for r in self.rules if r.type == rule_type]


DEFAULT_RULES = Path(__file__).parent


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

PERIODS = ("hour", "day", "week", "month", "year")
_YEARS = re.compile(r"\s*(\d{4})\s*(?:(?:-|–|to)\s*(\d{4}))?\s*")


def _line(data: Any, key: str) -> int | None:
    return getattr(data, "key_lines", {}).get(key) or getattr(data, "line", None)


def _check_unit(path: str, line: int | None, key: str, unit: str) -> None:
    from figures.core.units import is_currency, is_known

    if not (is_currency(unit) or (unit and is_known(unit))):
        raise RuleFileError(
            path,
            line,
            f"'{key}' is '{unit}', not a unit figures knows",
            "use a pint unit (year, percent) or a currency code",
        )


def _check_period(path: str, line: int | None, key: str, period: str) -> None:
    if period not in PERIODS:
        raise RuleFileError(path, line, f"'{key}' is '{period}'", f"expected one of: {', '.join(PERIODS)}")


def _check_measure_meaning(path: str, raw: Any, measure: dict[str, Any]) -> None:
    if measure.get("unit") is not None:
        _check_unit(path, _line(raw, "unit"), "unit", measure["unit"])
    if measure.get("period") is not None:
        _check_period(path, _line(raw, "period"), "period", measure["period"])


def _check_rule_meaning(rule: Rule, data: Any) -> None:
    """Facts' times and units, pay floors' periods and currencies, the rates table: all must mean something."""
    from figures.core.units import is_currency

    if rule.type == "reference":
        for fact, raw in zip(rule.settings["facts"], data["facts"], strict=True):
            if fact.get("time") is not None:
                m = _YEARS.fullmatch(str(fact["time"]))
                if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
                    raise RuleFileError(
                        rule.path,
                        _line(raw, "time"),
                        f"'time' is '{fact['time']}', not a year or a span of years",
                        "write 2021 or 2008-2014",
                    )
            if fact.get("unit") is not None:
                _check_unit(rule.path, _line(raw, "unit"), "unit", fact["unit"])
            low, high = fact.get("low"), fact.get("high")
            if low is not None and high is not None and low > high:
                raise RuleFileError(rule.path, _line(raw, "low"), f"'low' {low} is above 'high' {high}")
    elif rule.type == "plausibility":
        for floor, raw in zip(rule.settings["pay_floors"], data.get("pay_floors") or [], strict=True):
            _check_period(rule.path, _line(raw, "per"), "per", floor["per"])
            if not is_currency(floor["currency"]):
                raise RuleFileError(
                    rule.path,
                    _line(raw, "currency"),
                    f"'currency' is '{floor['currency']}', not a currency code",
                    "use an ISO 4217 code such as USD",
                )
    elif rule.type == "conversion":
        from figures.core.rates import load_rates, rates_path

        table = rates_path(rule.path, rule.settings["rates"])
        if not table.is_file():
            raise RuleFileError(
                rule.path,
                rule.line_of.get("rates"),
                f"rates file '{rule.settings['rates']}' not found at {table}",
                "the path is relative to this rule file",
            )
        load_rates(str(table))


# ---------------------------------------------------------------------------
# JSON Schema for editors, generated from SPEC
# ---------------------------------------------------------------------------

_JSON_KIND = {
    "str": {"type": ["string", "integer"]},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "list[str]": {"type": "array", "items": {"type": "string"}},
    "severity": {"enum": ["error", "warning", "info"]},
    _WORDS: {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}},
}


def _key_schema(key: Key) -> dict[str, Any]:
    if key.kind in ("map", "list[map]") and key.keys:
        if "*" in key.keys:
            inner = {"type": "object", "additionalProperties": _key_schema(key.keys["*"])}
        else:
            inner = {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: _key_schema(v) for k, v in key.keys.items()},
                "required": sorted(k for k, v in key.keys.items() if v.required),
            }
        schema = inner if key.kind == "map" else {"type": "array", "items": inner}
    else:
        schema = dict(_JSON_KIND[key.kind])
    if key.choices and key.kind != "severity":
        schema = {"enum": list(key.choices)}
    if key.minimum is not None:
        schema["minimum"] = key.minimum
    schema["description"] = key.doc
    return schema


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for every rule file type."""
    variants = []
    for rtype, spec in SPEC.items():
        props = {k: _key_schema(v) for k, v in spec.items()}
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


def cue_pattern(phrase: str) -> re.Pattern[str]:
    """A cue phrase as a regex: words at word boundaries, ``*`` for any ending."""
    parts = [re.escape(w).replace(r"\*", r"\w*") for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + (r"" if phrase.endswith("*") else r"(?!\w)"), re.IGNORECASE)
