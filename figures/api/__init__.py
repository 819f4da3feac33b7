"""The library's entry point: ``figures.check(paths, corpus=..., rules=...) -> Result``.

The command line's ``figures check`` without the command line: the project's
configuration is read and honoured as the command reads it (one code path,
:mod:`figures.api.run`), but no claim index is kept in ``.figures/`` and nothing is
printed or written. What the command line would say in its exit code, :class:`Result`
holds as ``exit_status``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, Unpack

from figures.core.errors import UsageError
from figures.model import Finding, Severity

if TYPE_CHECKING:
    from figures.api.run import Choices

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


class Options(TypedDict, total=False):
    """The keyword arguments of :func:`check`; each left out keeps the configuration's setting.

    ``corpus``: published articles or folders the articles are compared with (only
    findings in the articles checked are reported). ``rules``: a folder of project rule
    files laid over the package's defaults. ``select``, ``extend_select``, ``ignore``:
    codes or prefixes (``"FG3"``, ``"ALL"``), as ``--select``, ``--extend-select`` and
    ``--ignore``. ``fail_on``: the lowest severity that makes ``exit_status`` 1.
    ``baseline``, ``verdicts``: files as ``--baseline`` and ``--verdicts`` take them.
    ``exclude``: globs a folder walk skips, over the configuration's. ``follow_links``:
    as ``--follow-links``. ``config``: the configuration file (default: the nearest
    ``figures.toml`` or ``pyproject.toml`` with ``[tool.figures]``, in the working
    folder or above). ``isolated``: no configuration and only the package's rules, as
    ``--isolated``.
    """

    corpus: PathLike | Iterable[PathLike]
    rules: PathLike
    select: str | Iterable[str]
    extend_select: str | Iterable[str]
    ignore: str | Iterable[str]
    fail_on: str
    baseline: PathLike
    verdicts: PathLike
    exclude: Iterable[str]
    follow_links: bool
    config: PathLike
    isolated: bool


def _paths(paths: PathLike | Iterable[PathLike]) -> tuple[str, ...]:
    if isinstance(paths, str | os.PathLike):
        return (os.fspath(paths),)
    return tuple(os.fspath(p) for p in paths)


def _optional_path(value: PathLike | None) -> str | None:
    return None if value is None else os.fspath(value)


def _choices(paths: PathLike | Iterable[PathLike] | None, options: Options) -> Choices:
    """The :class:`figures.api.run.Choices` of a call: its arguments checked, nothing read yet."""
    from figures.api.run import Choices
    from figures.api.selection import chosen_codes

    unknown = sorted(set(options) - Options.__optional_keys__)
    if unknown:
        raise TypeError(f"check() got an unexpected keyword argument {unknown[0]!r}")
    fail_on = options.get("fail_on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"fail_on is {fail_on!r}; expected one of: {', '.join(FAIL_ON)}")
    corpus = options.get("corpus")
    return Choices(
        paths=None if paths is None else _paths(paths),
        corpus=None if corpus is None else _paths(corpus),
        rules=_optional_path(options.get("rules")),
        select=chosen_codes(options.get("select"), "select"),
        extend_select=chosen_codes(options.get("extend_select"), "extend_select"),
        ignore=chosen_codes(options.get("ignore"), "ignore"),
        fail_on=fail_on,
        baseline=_optional_path(options.get("baseline")),
        verdicts=_optional_path(options.get("verdicts")),
        exclude=tuple(options.get("exclude", ())),
        follow_links=bool(options.get("follow_links", False)),
        isolated=bool(options.get("isolated", False)),
    )


def _exit_status(findings: Iterable[Finding], errors: tuple[str, ...], fail_on: str) -> int:
    if errors:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(f.severity.rank >= threshold for f in findings) else 0


def check(paths: PathLike | Iterable[PathLike] | None = None, **options: Unpack[Options]) -> Result:
    """Check the articles in ``paths`` (files or folders) against each other and the corpus, as ``figures check``.

    The project's configuration is honoured as the command line honours it: its
    ``paths`` when none are given, its corpus, rules, codes (``select``,
    ``extend-select``, ``ignore``), excludes, walk settings, per-file ignores, baseline
    and verdicts, each unless an argument (see :class:`Options`) chooses otherwise;
    suppression comments and ``off``/``on`` blocks in the articles hold as they do there.

    An unreadable article is a finding (FG001), a missing path an entry of
    ``Result.errors``. A bad argument, configuration, rules folder or rule file raises
    :class:`figures.core.errors.FiguresError` with one line saying what to fix.

    >>> result = figures.check(["drafts/new.md"], corpus=["archive/"], rules="rules")
    >>> [f"{f.path}:{f.line}: {f.code} {f.message}" for f in result.findings]
    """
    from figures.api.config import Config, load_config
    from figures.api.run import plan_check, run_plan
    from figures.ingest import article_files

    choices = _choices(paths, options)
    config = Config() if choices.isolated else load_config(_optional_path(options.get("config")))
    plan = plan_check(choices, config)
    if not plan.paths:
        raise UsageError("check: give the articles or folders to check, or set paths in the configuration")
    findings, outcome = run_plan(plan)
    errors = tuple(str(e) for e in outcome.missing)
    articles = tuple(article_files(list(plan.paths), plan.exclude, plan.follow_links)[0])
    return Result(tuple(findings), articles, errors, _exit_status(findings, errors, plan.fail_on))
