"""``--format json``: a list of findings, the stable interface for scripts."""

from __future__ import annotations

import json

from figures.model import Finding


def format_json(findings: list[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], indent=2, ensure_ascii=False) + "\n"
