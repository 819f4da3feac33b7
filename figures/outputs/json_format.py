"""``--format json``: a list of findings, the stable interface for scripts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from figures.model import Finding


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


def json_chunks(findings: Iterable[Finding]) -> Iterator[str]:
    """:func:`format_json`'s text one finding at a time, for :func:`figures.outputs.write_chunks`.

    An archive's findings as JSON are several times their size in memory: written as
    they are made, neither the dictionaries nor the text are held whole.
    """
    return json_array(f.to_dict() for f in findings)


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format json``: no summary, the count is the array's length."""
    return format_json(findings)


def json_array(items: Iterable[object]) -> Iterator[str]:
    """A JSON array of ``items`` as ``json.dumps(list(items), indent=2, ensure_ascii=False) + "\\n"`` writes it,
    one item at a time: chunks for :func:`figures.outputs.write_chunks`, so the array is never held whole."""
    first = True
    for item in items:
        # an item's own lines, one level in; a string's line breaks are escaped, so every break is the layout's
        body = json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + body
        first = False
    yield "[]\n" if first else "\n]\n"
