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
    from figures.outputs import json_array

    return json_array(f.to_dict() for f in findings)


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format json``: no summary, the count is the array's length."""
    return format_json(findings)
