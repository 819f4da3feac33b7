"""The word lists of ``figures/data/claim_words.yaml``, read once, checked, and given as sets and patterns.

The lists are data so that a reader can see and extend them without reading the code
that uses them. Which lists there are, and the shape of each, is the JSON Schema
``figures/data/claim_words.schema.json``: a list of lowercase phrases (``phrases``), a
list of words matched as written (``names``), or a mapping of a class to its phrases
(``classes``). The file ships with figures, so it is read with libyaml's parser when
PyYAML has it (the pure-Python one costs tens of milliseconds, which the first claim of
a process would pay); aliases are refused before parsing, as :mod:`figures.datafile`
refuses them everywhere, and the schema is applied by a reader of its three shapes,
since importing a full validator would cost more than reading the lists.
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

__all__ = [
    "SCHEMA_FILE",
    "WORDS_FILE",
    "alternation",
    "any_of",
    "classes",
    "load",
    "phrases",
    "problems",
    "read_yaml",
    "word_set",
]

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "claim_words.yaml"
SCHEMA_FILE = WORDS_FILE.with_name("claim_words.schema.json")
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
# An anchor or an alias starts a node: at a line's start, or after "- ", ": ", "[", "{" or ",".
_ALIAS = re.compile(r"(?:^|[-:\[{,])[ \t]*[&*][\w-]", re.MULTILINE)


def _shape(schema: dict[str, Any], name: str) -> str:
    """The shape a list of the schema has: the last part of its ``$ref``."""
    return str(schema["properties"][name]["$ref"]).rsplit("/", 1)[-1]


def _phrase_problem(where: str, items: Any, lowercase: bool) -> str | None:
    if not isinstance(items, list) or not items:
        return f"{where}: expected a list of words"
    for p in items:
        if not isinstance(p, str) or not p.strip():
            return f"{where}: {p!r} is not a word"
        if lowercase and p != p.lower():
            return f"{where}: {p!r} is not lower case (matching ignores case)"
    if len(set(items)) < len(items):
        twice = sorted({p for p in items if items.count(p) > 1})
        return f"{where}: {twice[0]!r} is listed twice"
    return None


def problems(data: Any, schema: dict[str, Any]) -> list[str]:
    """What in ``data`` (a loaded word file) breaks ``schema``: the lists it names and their shapes."""
    if not isinstance(data, dict):
        return ["expected a mapping of list names to lists"]
    known = schema["properties"]
    out = [f"unknown list {k!r}" for k in sorted(set(data) - set(known), key=str)]
    out += [f"missing list {k!r}" for k in schema.get("required", ()) if k not in data]
    for name in sorted(set(data) & set(known)):
        items, shape = data[name], _shape(schema, name)
        if shape == "classes":
            out += _class_problems(name, items)
        else:
            found = _phrase_problem(name, items, lowercase=shape == "phrases")
            out += [found] if found else []
    return out


def _class_problems(name: str, items: Any) -> list[str]:
    """What breaks a list of classes: a mapping of lowercase class names to their words, each word in one class."""
    if not isinstance(items, dict) or not items:
        return [f"{name}: expected a mapping of a class to its words"]
    out = []
    owner: dict[str, str] = {}
    for cls, forms in items.items():
        if not isinstance(cls, str) or cls != cls.lower():
            out.append(f"{name}: class {cls!r} is not a lowercase word")
            continue
        found = _phrase_problem(f"{name}.{cls}", forms, lowercase=True)
        if found:
            out.append(found)
            continue
        for form in forms:
            if owner.setdefault(form, cls) != cls:
                out.append(f"{name}: {form!r} is in both {owner[form]!r} and {cls!r}")
    return out


def read_yaml(path: Path) -> Any:
    """A word file that ships with figures, parsed: with libyaml's parser when PyYAML has it, aliases
    refused first; a :class:`RuleFileError` names the file and what is wrong."""
    name = str(path)
    text = datafile.read_text(path, what="word list")
    if _ALIAS.search(_QUOTED.sub("", text)):
        raise RuleFileError(name, None, "anchors and aliases (&name, *name) are not allowed", "write each list out")
    loader = getattr(yaml, "CSafeLoader", None) or datafile.SafeYamlLoader
    return datafile.load_yaml(text, name, loader=loader)


def load(path: Path, schema_file: Path = SCHEMA_FILE) -> dict[str, Any]:
    """The lists of a word file at ``path``, checked against ``schema_file``; a
    :class:`RuleFileError` names the file and what is wrong."""
    data = read_yaml(path)
    found = problems(data, json.loads(schema_file.read_text(encoding="utf-8")))
    if found:
        raise RuleFileError(str(path), None, found[0], f"see figures/data/{schema_file.name}")
    return data


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return load(WORDS_FILE)


@lru_cache(maxsize=128)
def phrases(name: str) -> tuple[str, ...]:
    """The phrases of one list, longest first."""
    # longest first, so that "an additional" wins over "additional" in one alternation
    return tuple(sorted(_data()[name], key=lambda p: (-len(p), p)))


@lru_cache(maxsize=128)
def word_set(name: str) -> frozenset[str]:
    """The words of one list, as a set."""
    return frozenset(_data()[name])


@lru_cache(maxsize=16)
def classes(name: str) -> dict[str, str]:
    """A mapping list read backwards: each written form -> the class it stands for."""
    return {form: cls for cls, forms in _data()[name].items() for form in forms}


def _phrase_pattern(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))


@lru_cache(maxsize=64)
def any_of(name: str) -> str:
    """A regex (no groups, no anchors) that matches any phrase of the list as whole words."""
    return r"(?<![\w-])(?:" + "|".join(_phrase_pattern(p) for p in phrases(name)) + r")(?!\w)"


@lru_cache(maxsize=64)
def alternation(name: str) -> str:
    """A regex group (no capture, no word boundaries) of the list's phrases, longest first, a space
    matching any run of white space; the pattern around it says where a word starts and ends."""
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases(name)) + ")"
