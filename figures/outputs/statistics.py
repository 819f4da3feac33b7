"""``figures check --statistics``: how many findings of each code, instead of the findings."""

from __future__ import annotations

import json
from collections import Counter

from figures.model import Finding


def statistics(findings: list[Finding]) -> list[dict[str, object]]:
    """One entry per code found: code, severity, title and count; most frequent first, then by code."""
    from figures.checks import all_codes

    codes = all_codes()
    counts = Counter(f.code for f in findings)
    severity = {f.code: f.severity.value for f in findings}
    return [
        {"code": code, "severity": severity[code], "title": codes[code].title if code in codes else "", "count": n}
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def format_statistics(findings: list[Finding], fmt: str = "text") -> str:
    """The statistics as aligned text lines (``count  code  severity  title``) or as JSON."""
    rows = statistics(findings)
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if not rows:
        return ""
    width = len(str(len(findings)))
    lines = [f"{r['count']:>{width}}  {r['code']}  {r['severity']:<7}  {r['title']}" for r in rows]
    lines.append(f"{len(findings):>{width}}  total")
    return "\n".join(lines) + "\n"
