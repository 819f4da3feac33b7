"""What a terminal adds to the text format: colour, when the reader can see it.

Colour follows the conventions most linters share: ``--color always|never``, else
``NO_COLOR`` (https://no-color.org) turns it off, ``FORCE_COLOR`` turns it on, and
otherwise only a terminal gets it. The text formatter decides the words; this module
only paints the parts of each line it already wrote.
"""

from __future__ import annotations

import os
from typing import TextIO

from figures.model import Finding

COLOR_CHOICES = ("auto", "always", "never")

_RESET = "\033[0m"
_BOLD = "\033[1m"
_SEVERITY = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_DIM = "\033[2m"


def wants_colour(choice: str, stream: TextIO, env: dict[str, str] | None = None) -> bool:
    """Whether output to ``stream`` is coloured, given ``--color`` and the environment."""
    if choice != "auto":
        return choice == "always"
    env = dict(os.environ) if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def colour_text(text: str, findings: list[Finding]) -> str:
    """The text format's lines with the location bold, the code in its severity's colour, the check dim.

    ``text`` must be :func:`figures.outputs.text.format_text` of ``findings``: its
    lines come in the same order, one per finding, then the summary.
    """
    lines = text.split("\n")
    for i, f in enumerate(findings):
        where = f"{f.path}:{f.line}:{f.column}:"
        head = f"{where} {f.code} {f.severity.value} "
        tail = f" [{f.check}]"
        line = lines[i]
        if not (line.startswith(head) and line.endswith(tail)):
            continue  # never repaint a line this module does not recognise
        colour = _SEVERITY.get(f.severity.value, _BOLD)
        lines[i] = (
            f"{_BOLD}{where}{_RESET} {colour}{f.code}{_RESET} {colour}{f.severity.value}{_RESET} "
            f"{line[len(head) : len(line) - len(tail)]} {_DIM}[{f.check}]{_RESET}"
        )
    return "\n".join(lines)
