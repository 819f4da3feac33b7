"""``--format json``: a list of findings, the stable interface for scripts."""

from __future__ import annotations

import json

from figures.model import Finding


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format json``: no summary, the count is the array's length."""
    return format_json(findings)
