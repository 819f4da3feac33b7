"""The word lists of ``figures/data/extract_words.yaml``, read once and checked against its schema.

The lists are data so that a reader can see and extend them without reading the code
that uses them. The file ships with figures, so it is read with libyaml's parser when
PyYAML has it (ten times faster than the pure-Python one, which matters to the first
extraction of a process); aliases are refused before parsing, as
:mod:`figures.datafile` refuses them everywhere. The schema,
``figures/data/extract_words.schema.json``, is a JSON Schema; it is applied here by a
reader of the few keywords it uses, since importing a full validator would cost more
than reading the lists.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from figures.core import datafile
from figures.core.errors import RuleFileError

__all__ = ["SCHEMA_FILE", "WORDS_FILE", "any_of", "data", "load", "problems", "word_list", "word_map", "word_set"]

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "extract_words.yaml"
SCHEMA_FILE = WORDS_FILE.with_name("extract_words.schema.json")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
# An anchor or an alias starts a node: at a line's start, or after "- ", ": ", "[", "{" or ",".
_ALIAS = re.compile(r"(?:^|[-:\[{,])[ \t]*[&*][\w-]", re.MULTILINE)


@lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """Every list of the file, by name, once it has passed the schema."""
    return load(WORDS_FILE)


def load(path: Path) -> dict[str, Any]:
    """The lists of a word file at ``path``; a :class:`RuleFileError` names what is wrong with it."""
    name = str(path)
    text = datafile.read_text(path, what="word list")
    if _ALIAS.search(_QUOTED.sub("", text)):
        raise RuleFileError(name, None, "anchors and aliases (&name, *name) are not allowed", "write each list out")
    loader = getattr(yaml, "CSafeLoader", None) or datafile.SafeYamlLoader
    loaded = datafile.load_yaml(text, name, loader=loader)
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    found = problems(loaded, schema, schema)
    if found:
        raise RuleFileError(name, None, found[0], "see figures/data/extract_words.schema.json")
    return loaded


def word_set(name: str) -> frozenset[str]:
    """The words of one list, as a set."""
    return frozenset(data()[name])


def word_list(name: str) -> list[str]:
    """The words of one list, in the file's order."""
    return list(data()[name])


def word_map(name: str) -> dict[str, Any]:
    """One mapping of the file, in the file's order."""
    return dict(data()[name])


def any_of(name: str) -> str:
    """A regex (no groups, no anchors) that matches any word or phrase of one list as whole words.

    A space in a phrase matches any run of white space ("hang seng"); longer phrases come
    first. Case is the caller's to ignore or keep.
    """
    phrases = sorted(data()[name], key=lambda p: (-len(p), p))
    return r"\b(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split(" ")) for p in phrases) + r")\b"


_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "number": (int, float),
    "integer": int,
}


def problems(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "") -> list[str]:
    """What in ``value`` breaks ``schema``: the keywords of JSON Schema the word file's schema uses.

    ``type``, ``enum``, ``required``, ``properties``, ``additionalProperties``, ``items``,
    ``prefixItems``, ``minItems``, ``maxItems``, ``uniqueItems``, ``minLength``,
    ``minProperties``, ``minimum``, ``exclusiveMinimum`` and local ``$ref``.
    """
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return problems(value, target, root, where)
    at = where or "the file"
    wrong = _type_problem(value, schema, at)
    if wrong:
        return [wrong]
    out: list[str] = []
    if isinstance(value, dict):
        out += _object_problems(value, schema, root, where)
    if isinstance(value, list):
        out += _array_problems(value, schema, root, where)
    if isinstance(value, str) and len(value) < schema.get("minLength", 0):
        out.append(f"{at}: an empty word")
    if isinstance(value, int | float) and not isinstance(value, bool):
        out += _number_problems(value, schema, at)
    return out


def _type_problem(value: Any, schema: dict[str, Any], at: str) -> str:
    """The one line saying ``value`` has the wrong type or is not among ``enum``, or ""."""
    kind = schema.get("type")
    if kind is not None:
        wrong_bool = isinstance(value, bool) and kind in ("number", "integer")
        if not isinstance(value, _TYPES[kind]) or wrong_bool:
            return f"{at}: expected {'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{at}: {value!r} is not one of {', '.join(map(str, schema['enum']))}"
    return ""


def _number_problems(value: float, schema: dict[str, Any], at: str) -> list[str]:
    out = []
    if "minimum" in schema and value < schema["minimum"]:
        out.append(f"{at}: {value} is below {schema['minimum']}")
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        out.append(f"{at}: {value} is not above {schema['exclusiveMinimum']}")
    return out


def _object_problems(value: dict[str, Any], schema: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    at = where or "the file"
    out = [f"{at}: missing {key!r}" for key in schema.get("required", ()) if key not in value]
    if len(value) < schema.get("minProperties", 0):
        out.append(f"{at}: empty")
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        inner = f"{where}.{key}" if where else str(key)
        if key in properties:
            out += problems(item, properties[key], root, inner)
        elif extra is False:
            out.append(f"{at}: unknown key {key!r}")
        elif isinstance(extra, dict):
            out += problems(item, extra, root, inner)
    return out


def _array_problems(value: list[Any], schema: dict[str, Any], root: dict[str, Any], where: str) -> list[str]:
    at = where or "the file"
    out = []
    if len(value) < schema.get("minItems", 0):
        out.append(f"{at}: fewer than {schema['minItems']} items")
    if len(value) > schema.get("maxItems", len(value)):
        out.append(f"{at}: more than {schema['maxItems']} items")
    if schema.get("uniqueItems"):
        seen: set[Any] = set()
        for item in value:
            key = item if isinstance(item, str) else json.dumps(item, sort_keys=True)
            if key in seen:
                out.append(f"{at}: {item!r} is listed twice")
            seen.add(key)
    prefix = schema.get("prefixItems", [])
    items = schema.get("items")
    indexed = list(enumerate(value))
    if not prefix and items is not None and items.keys() <= {"type", "minLength"} and items.get("type") == "string":
        # A list of words, the common case: only the words that break the rule are looked at again.
        shortest = items.get("minLength", 0)
        indexed = [(k, item) for k, item in indexed if not isinstance(item, str) or len(item) < shortest]
    for k, item in indexed:
        inner = f"{where}[{k}]"
        if k < len(prefix):
            out += problems(item, prefix[k], root, inner)
        elif "items" in schema:
            out += problems(item, schema["items"], root, inner)
    return out
