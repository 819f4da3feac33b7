"""One exception root for figures, with precise subclasses."""

from __future__ import annotations

from figures.core.sanitise import printable


def one_line(text: str) -> str:
    """``text`` with its control characters written as escapes, so an error stays on one line."""
    return printable(text)  # the same sanitiser as the text and GitHub outputs


class FiguresError(Exception):
    """Root of every error figures raises on purpose."""

    def __str__(self) -> str:
        return one_line(super().__str__())


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
