"""The library's entry point: ``figures.check(paths, corpus=..., rules=...) -> Result``.

The command line's ``figures check`` without the command line: no configuration file is
read, no claim index is kept in ``.figures/``, nothing is printed or written. What the
command line would say in its exit code, :class:`Result` holds as ``exit_status``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from figures.core.errors import UsageError
from figures.model import Finding, Severity

PathLike = str | os.PathLike[str]
FAIL_ON = ("error", "warning", "info", "never")


@dataclass(frozen=True)
class Result:
    """What :func:`check` found; a stable interface, whose fields only grow.

    ``findings``: every finding in the articles checked, in the order ``figures check``
    prints them (:class:`figures.Finding`, frozen; ``related`` holds the other side of a
    conflict, in the corpus or another article).
    ``articles``: the article files checked, as paths in the form the run named them
    (a folder is walked as the command line walks it), corpus files left out.
    ``errors``: one line for each path that does not exist or has no articles; those
    are not checked, and the exit status is 2.
    ``exit_status``: what ``figures check`` exits with: 0 clean, 1 a finding at or above
    ``fail_on``, 2 an error in ``errors``.
    """

    findings: tuple[Finding, ...]
    articles: tuple[str, ...]
    errors: tuple[str, ...]
    exit_status: int

    @property
    def ok(self) -> bool:
        """Whether the run would pass: exit status 0."""
        return self.exit_status == 0


def _paths(paths: PathLike | Iterable[PathLike] | None) -> list[str]:
    if paths is None:
        return []
    if isinstance(paths, str | os.PathLike):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _codes(codes: Iterable[str], name: str) -> tuple[str, ...]:
    from figures.checks import unknown_codes

    wanted = [c.strip().upper() for c in ([codes] if isinstance(codes, str) else codes) if c.strip()]
    unknown = unknown_codes(wanted)
    if unknown:
        raise UsageError(f"{name}: unknown code(s) {', '.join(unknown)}; 'figures codes' lists them all")
    return tuple(wanted)


def _exit_status(findings: Iterable[Finding], errors: tuple[str, ...], fail_on: str) -> int:
    if errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0


def check(
    paths: PathLike | Iterable[PathLike],
    *,
    corpus: PathLike | Iterable[PathLike] | None = None,
    rules: PathLike | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    fail_on: str = "error",
) -> Result:
    """Check the articles in ``paths`` (files or folders) against each other and against ``corpus``.

    ``corpus``: published articles or folders the articles are compared with; only
    findings in ``paths`` are reported. ``rules``: a folder of project rule files laid
    over the package's defaults (``None``: the defaults only). ``select`` and
    ``ignore``: codes or prefixes (``"FG3"``), as ``--select``/``--ignore``.
    ``fail_on``: the lowest severity that makes ``exit_status`` 1 (``"error"``,
    ``"warning"``, ``"info"``, ``"never"``).

    An unreadable article is a finding (FG001), a missing path an entry of
    ``Result.errors``. A bad argument, rules folder or rule file raises
    :class:`figures.core.errors.FiguresError` with one line saying what to fix.

    >>> result = figures.check(["drafts/new.md"], corpus=["archive/"], rules="rules")
    >>> [f"{f.path}:{f.line}: {f.code} {f.message}" for f in result.findings]
    """
    from figures.ingest import article_files
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import check as run

    if fail_on not in FAIL_ON:
        raise UsageError(f"fail_on is {fail_on!r}; expected one of: {', '.join(FAIL_ON)}")
    chosen = _codes(select, "select"), _codes(ignore, "ignore")
    if rules is not None and not Path(rules).is_dir():
        raise UsageError(f"{os.fspath(rules)}: no such rules folder; give a folder of rule files, or None")
    targets = _paths(paths)
    rulebook = load_rulebook(Path(rules) if rules is not None else None)
    outcome = run(targets, rulebook, corpus=_paths(corpus) or None, select=chosen[0], ignore=chosen[1], keep=False)
    errors = tuple(str(e) for e in outcome.missing)
    findings = tuple(outcome.findings)
    articles = tuple(article_files(targets)[0])
    return Result(findings, articles, errors, _exit_status(findings, errors, fail_on))
