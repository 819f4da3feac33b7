"""Which codes a check reports, from ``select``, ``extend-select`` and ``ignore``, as ruff chooses them.

Each is a list of codes or code prefixes (``FG3``), or ``ALL``. A code is reported when
the most specific entry that names it is a selection: ``--ignore FG3 --select FG301``
reports FG301 and no other FG3 code, and ``--select FG3 --ignore FG301`` every FG3 code
but FG301. ``ALL`` is the least specific entry of all; on a tie the ignore wins. No
``select`` is ``ALL``; ``extend-select`` adds to it.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from figures.core.errors import UsageError
from figures.model import Finding

ALL = "ALL"


def _specificity(entries: Iterable[str], code: str) -> int:
    """How specific the most specific entry naming ``code`` is: its length, 0 for ALL, -1 when none does."""
    return max((0 if e == ALL else len(e) for e in entries if e == ALL or code.startswith(e)), default=-1)


def engine_codes(select: list[str], extend_select: list[str], ignore: list[str]) -> tuple[list[str], list[str]]:
    """The (select, ignore) lists of exact codes the engine filters by, for these choices.

    While every code still runs (no ``select``, or ``ALL`` among it) the engine is told only
    what to ignore, so that it still reports a suppression that silenced nothing (FG003).
    """
    from figures.checks import all_codes

    known = list(all_codes())
    chosen = select or [ALL]
    wanted = [
        c for c in known if max(_specificity(chosen, c), _specificity(extend_select, c)) > _specificity(ignore, c)
    ]
    if ALL in chosen:
        return [], [c for c in known if c not in wanted]
    if not wanted:  # an empty select means every code to the engine: ignore them all instead
        return [], known
    return wanted, []


def known_or_all(codes: list[str]) -> list[str]:
    """The entries of ``codes`` that are not ``ALL``, for checking that each names a code."""
    return [c for c in codes if c.upper() != ALL]


def chosen_codes(values: str | Iterable[str] | None, option: str) -> tuple[str, ...]:
    """The codes given to an option, each value one code or several comma-separated, upper-cased.

    A code or prefix that names no finding is a usage error naming ``option``; ``ALL`` is
    every code.
    """
    from figures.checks import unknown_codes

    out: list[str] = []
    for value in [values] if isinstance(values, str) else values or []:
        out.extend(c.strip().upper() for c in value.split(",") if c.strip())
    unknown = unknown_codes(known_or_all(out))
    if unknown:
        raise UsageError(f"{option}: unknown code(s) {', '.join(unknown)}; 'figures codes' lists them all")
    return tuple(out)


def per_file_ignored(findings: list[Finding], ignores: dict[str, list[str]], root: Path) -> list[Finding]:
    """The findings without those a per-file ignore names: its glob matches the file, its codes the code.

    A glob matches the file's path relative to ``root`` (the configuration's folder) or its
    name, as an exclude does (``*`` matches ``/`` too); codes are codes, prefixes or ALL.
    """
    if not ignores:
        return findings
    kept, base = [], os.path.abspath(root)
    for f in findings:
        relative = Path(os.path.relpath(os.path.abspath(f.path), base)).as_posix()
        name = Path(f.path).name
        codes = [
            c
            for glob, cs in ignores.items()
            if fnmatch.fnmatch(relative, glob) or fnmatch.fnmatch(name, glob)
            for c in cs
        ]
        if not any(c == ALL or f.code.startswith(c) for c in codes):
            kept.append(f)
    return kept
