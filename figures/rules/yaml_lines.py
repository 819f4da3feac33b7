"""YAML rule files read with the line of every mapping, key and list item, for errors that name it."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import yaml

from figures.core import datafile
from figures.core.datafile import SafeYamlLoader, read_text
from figures.core.errors import RuleFileError


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
