"""One exception root for figures, with precise subclasses."""

from __future__ import annotations


class FiguresError(Exception):
    """Root of every error figures raises on purpose."""


class InputError(FiguresError):
    """An article cannot be read: missing, binary, not UTF-8, empty."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        text = f"{path}: {problem}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class RuleFileError(FiguresError):
    """A rule or configuration file is malformed; carries its path and line."""

    def __init__(self, path: str, line: int | None, problem: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.problem = problem
        self.hint = hint
        where = f"{path}:{line}" if line else path
        text = f"{where}: {problem}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class UsageError(FiguresError):
    """The command line asks for something that cannot be done."""


class OutputError(FiguresError):
    """An output cannot be written: its folder is missing or read-only, the disk is full."""
