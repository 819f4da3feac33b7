"""The schema of rule files: one spec per file type drives validation, the JSON Schema and the docs.

The vocabularies (``entities``, ``measures``) are specified here; each rule type's
settings are specified by its check (``SETTINGS`` in :mod:`figures.checks`), from the
shared keys below.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from figures.core.errors import RuleFileError
from figures.model import CompareBy, CueScope, Dimension, EntityKind, TimeMatch
from figures.rules.records import PERIODS
from figures.rules.yaml_lines import Mapping


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


SEVERITY = Key("severity", "Severity of findings: error, warning or info.", choices=("error", "warning", "info"))
COMMON = {
    "type": Key("str", "The rule type.", required=True),
    "description": Key("str", "What this rule file is for, in a sentence."),
    "enabled": Key("bool", "Set to false to switch the file off without deleting it.", default=True),
}
TOLERANCE = Key(
    "map",
    "Slack allowed when comparing values: `abs` in the measure's unit, `percent` of the larger value.",
    keys={
        "abs": Key("number", "Absolute slack.", default=0.0, minimum=0),
        "percent": Key("number", "Relative slack, in %.", default=0.0, minimum=0),
    },
)
SOURCE = Key(
    "map",
    "Where a fact comes from.",
    required=True,
    keys={
        "title": Key("str", "Publisher and title of the source.", required=True),
        "url": Key("str", "Link to the source."),
        "date": Key("str", "Date of the source (YYYY-MM-DD or YYYY)."),
    },
)
WORDS = "words"  # a list of cue phrases, or a list of such lists (every inner list must match)


def severity(default: str) -> Key:
    """The ``severity`` key of a rule type, with its default."""
    return Key(**{**SEVERITY.__dict__, "default": default})


def _values(members: Iterable[enum.StrEnum]) -> tuple[str, ...]:
    """The values a key may take, in order: an enum's (its class iterates its members), or some of them."""
    return tuple(m.value for m in members)


# The vocabularies' files; each rule type's file is specified by its check's SETTINGS.
VOCABULARIES: dict[str, dict[str, Key]] = {
    "entities": {
        **COMMON,
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
                        "kind": Key("str", "country or region.", default="country", choices=_values(EntityKind)),
                    },
                )
            },
        ),
    },
    "measures": {
        **COMMON,
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
                            choices=_values(
                                (
                                    Dimension.COUNT,
                                    Dimension.PERCENT,
                                    Dimension.CURRENCY,
                                    Dimension.TIME,
                                    Dimension.AGE,
                                    Dimension.PERCENTAGE_POINT,
                                    Dimension.LENGTH,
                                    Dimension.MASS,
                                    Dimension.AREA,
                                    Dimension.VOLUME,
                                )
                            ),
                        ),
                        "unit": Key("str", "Unit claims are compared in (a pint unit or currency code)."),
                        "period": Key("str", "Rate period amounts are compared per (month, year ...)."),
                        "compare": Key(
                            "str",
                            "`value`: claims estimate one true value; `bounds`: claims state a range's bounds; "
                            "`none`: never compared across claims.",
                            default="value",
                            choices=_values(CompareBy),
                        ),
                        "time": Key(
                            "str",
                            "`interval`: claims are compared only when their times have the same resolution and "
                            "overlap (a month with the same month, a year with the same year); a claim with no time "
                            "of its own takes its article's date; `year`: compared by year, a claim with no time "
                            "takes its article's year; `none`: time does not matter.",
                            default="interval",
                            choices=_values(TimeMatch),
                        ),
                        "time_window": Key(
                            "int", "Years either side within which claims are still compared.", default=0, minimum=0
                        ),
                        "entity": Key("str", "Fixed entity id for every claim of this measure."),
                        "tolerance": TOLERANCE,
                        "sentence": Key(
                            WORDS, "Cue words: each group must occur in the figure's sentence.", required=True
                        ),
                        "paragraph": Key(WORDS, "Cue words: each group must occur in the figure's paragraph."),
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
                            choices=_values(CueScope),
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
}


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
    if kind == WORDS:
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
    WORDS: "a list of words or of word lists",
}


def validate(path: str, data: Mapping, spec: dict[str, Key]) -> dict[str, Any]:
    """Check ``data`` against ``spec``; return it with defaults filled in."""
    out: dict[str, Any] = {}
    lines = getattr(data, "key_lines", {})
    for key, value in data.items():
        line = lines.get(str(key), getattr(data, "line", None))
        out[key] = _checked(path, line, key, value, _key_spec(path, line, key, spec))
    if "*" not in spec:
        _fill_defaults(path, data, spec, out)
    return out


def _key_spec(path: str, line: int | None, key: str, spec: dict[str, Key]) -> Key:
    """What ``spec`` says of ``key``: its own entry, or the entry of any key ("*")."""
    if "*" in spec:
        return spec["*"]
    if key in spec:
        return spec[key]
    allowed = ", ".join(sorted(spec))
    raise RuleFileError(path, line, f"unknown key '{key}'", f"expected one of: {allowed}")


def _checked(path: str, line: int | None, key: str, value: Any, key_spec: Key) -> Any:
    """``value`` if it is what ``key_spec`` asks for, with a mapping's own keys validated in turn."""
    if not _kind_ok(key_spec.kind, value):
        raise RuleFileError(path, line, f"'{key}' must be {_KIND_WORDS[key_spec.kind]}")
    if key_spec.minimum is not None and value < key_spec.minimum:
        raise RuleFileError(path, line, f"'{key}' is {value}, below its minimum of {key_spec.minimum}")
    if key_spec.kind == "str" and not isinstance(value, str):
        value = str(value)  # a year or a date written without quotes
    if key_spec.choices and str(value) not in key_spec.choices:
        raise RuleFileError(path, line, f"'{key}' is '{value}'", f"expected one of: {', '.join(key_spec.choices)}")
    if not key_spec.keys:
        return value
    if key_spec.kind == "map":
        return validate(path, value, key_spec.keys)
    if key_spec.kind == "list[map]":
        return [validate(path, item, key_spec.keys) for item in value]
    return value


def _fill_defaults(path: str, data: Mapping, spec: dict[str, Key], out: dict[str, Any]) -> None:
    """Raise on a required key ``data`` leaves out; give the others their defaults in ``out``."""
    for key, key_spec in spec.items():
        if key in out:
            continue
        if key_spec.required:
            raise RuleFileError(path, getattr(data, "line", None), f"missing required key '{key}'")
        if key_spec.default is not None:
            out[key] = list(key_spec.default) if isinstance(key_spec.default, list) else key_spec.default
        elif key_spec.kind == "map" and key_spec.keys:
            out[key] = validate(path, Mapping(), key_spec.keys)


_JSON_KIND = {
    "str": {"type": ["string", "integer"]},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "list[str]": {"type": "array", "items": {"type": "string"}},
    "severity": {"enum": ["error", "warning", "info"]},
    WORDS: {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}},
}


def key_schema(key: Key) -> dict[str, Any]:
    if key.kind in ("map", "list[map]") and key.keys:
        if "*" in key.keys:
            inner = {"type": "object", "additionalProperties": key_schema(key.keys["*"])}
        else:
            inner = {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: key_schema(v) for k, v in key.keys.items()},
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


# ---------------------------------------------------------------------------
# Meaning: what the shape alone cannot say, for the loader and the checks' check_settings
# ---------------------------------------------------------------------------


def line_of(data: Any, key: str) -> int | None:
    """The line of ``key`` in a mapping read from YAML, else the mapping's own line."""
    return getattr(data, "key_lines", {}).get(key) or getattr(data, "line", None)


def check_unit(path: str, line: int | None, key: str, unit: str) -> None:
    """A unit figures knows (a pint unit or a currency code), else a :class:`RuleFileError`."""
    from figures.core.units import is_currency, is_known

    if not (is_currency(unit) or (unit and is_known(unit))):
        raise RuleFileError(
            path,
            line,
            f"'{key}' is '{unit}', not a unit figures knows",
            "use a pint unit (year, percent) or a currency code",
        )


def check_period(path: str, line: int | None, key: str, period: str) -> None:
    """One of the periods a rate is given per, else a :class:`RuleFileError`."""
    if period not in PERIODS:
        raise RuleFileError(path, line, f"'{key}' is '{period}'", f"expected one of: {', '.join(PERIODS)}")
