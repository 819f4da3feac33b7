"""JSON Schemas of the JSON that figures writes, shipped with the package.

One file per output, named after it: ``check-json`` (``figures check --format json``
and ``figures diff --format json``), ``statistics-json``, ``extract-jsonl`` (one
line), ``explain-json``, ``claims-json`` (``figures claims --format json``) and
``baseline``. ``figures schema NAME`` prints one.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


def names() -> list[str]:
    """The schemas shipped, sorted."""
    return sorted(f.name[: -len(".json")] for f in resources.files(__name__).iterdir() if f.name.endswith(".json"))


def schema_text(name: str) -> str:
    """One schema as written in the package; ``KeyError`` for a name that is none."""
    if name not in names():
        raise KeyError(name)
    return resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def schema(name: str) -> dict[str, Any]:
    """One schema, parsed."""
    return json.loads(schema_text(name))
