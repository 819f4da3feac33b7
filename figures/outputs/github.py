"""GitHub Actions workflow commands: one ``::error file=...`` line per finding.

Values are escaped by GitHub's rules (``%25``, ``%0D``, ``%0A`` in the message, and
``%3A``, ``%2C`` too in properties); the other control and escape characters a file
name or an article could hold are written as visible escapes (:func:`figures.core.sanitise.printable`).
Paths are relative to the repository root (:mod:`figures.outputs.locations`), where GitHub
looks for them, whatever folder the check ran in.
"""

from __future__ import annotations

from figures.core.sanitise import printable
from figures.model import Finding, Severity
from figures.outputs.locations import repository_path, repository_root

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: list[Finding]) -> str:
    lines = []
    root = repository_root()
    for f in findings:
        props = [f"file={_escape_property(repository_path(f.path, root))}", f"line={f.line}", f"col={f.column}"]
        if f.end_line and f.end_column:
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_escape_property(f'{f.code} ({f.check})')}")
        lines.append(f"::{_COMMAND[f.severity]} {','.join(props)}::{_escape_data(f.message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def format_findings(findings: list[Finding], summary: bool = True, checked: int | None = None) -> str:
    """The findings for ``--format github``: one workflow command each, no summary."""
    return format_github(findings)
