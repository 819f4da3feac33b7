"""Linter lines: ``path:line:col: CODE severity message [check]``, then a summary."""

from __future__ import annotations

from figures.core.sanitise import printable
from figures.model import Finding


def format_text(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    # a line break in a file name must not start a line of its own (a CI log reads "::error" lines as commands)
    lines = [
        printable(f"{f.path}:{f.line}:{f.column}: {f.code} {f.severity.value} {f.message} [{f.check}]")
        for f in findings
    ]
    if summary:
        by = {"error": 0, "warning": 0, "info": 0}
        for f in findings:
            by[f.severity.value] += 1
        scope = f" in {checked} article{'s' if checked != 1 else ''}" if checked is not None else ""
        if findings:
            lines.append(
                f"{len(findings)} finding{'s' if len(findings) != 1 else ''}{scope}: "
                f"{by['error']} error, {by['warning']} warning, {by['info']} info"
            )
        else:
            lines.append(f"no findings{scope}")
    return "\n".join(lines) + "\n"


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format text``."""
    return format_text(findings, summary=summary, checked=checked)
