"""One check as the configuration and the caller decide it, for ``figures check`` and :func:`figures.check` alike.

The caller's choices (the command line's options, the library's arguments) stand over
the configuration's settings, setting by setting; :func:`plan_check` resolves them into
a :class:`Plan` and :func:`run_plan` runs it and applies what the engine does not (the
per-file ignores). Both entry points go through these two functions, so a project's
configuration means the same to a library as to the command line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from figures.api.config import Config
from figures.api.selection import engine_codes, per_file_ignored
from figures.core import limits
from figures.core.errors import UsageError
from figures.ingest.walk import WalkOptions
from figures.ingest.walk import configure as configure_walk
from figures.model import Finding
from figures.rules.records import Rulebook
from figures.runtime.engine import CheckResult
from figures.runtime.index import ClaimIndex
from figures.runtime.parallel import Runner


@dataclass(frozen=True)
class Choices:
    """What the caller chose over the configuration; ``None`` or an empty tuple leaves its setting in force.

    ``select``, ``ignore`` and ``corpus``, when given, replace the configuration's;
    ``extend_select`` and ``exclude`` add to it. ``isolated`` leaves the configuration's
    rules folder out as well as anything ``rules`` names: only the package's rules apply.
    """

    paths: tuple[str, ...] | None = None
    corpus: tuple[str, ...] | None = None
    rules: str | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    without_baseline: bool = False  # none applies, not even the configuration's (a run that writes one)
    verdicts: str | None = None
    without_verdicts: bool = False  # none apply, not even figures-verdicts.yaml (an editor's check)
    exclude: tuple[str, ...] = ()
    follow_links: bool = False
    include_hidden: bool | None = None
    respect_gitignore: bool | None = None
    min_confidence: float | None = None
    isolated: bool = False


@dataclass(frozen=True)
class Plan:
    """A check decided: what it reads, with which rules, what it reports, and the configuration it came from."""

    paths: tuple[str, ...]
    rulebook: Rulebook
    corpus: tuple[str, ...]
    exclude: tuple[str, ...]
    codes: tuple[list[str], list[str]]  # the engine's select and ignore
    baseline: set[tuple[str, str, str]] | None
    verdicts: dict | None
    fail_on: str
    follow_links: bool
    config: Config


def resolve_rules(chosen_rules: str | None, config: Config, isolated: bool = False) -> Path | None:
    """The project's rules folder, laid over the package's defaults: the one chosen, the config's, else rules/ if any.

    The default ``rules/`` is looked for beside the configuration file, or in the
    working folder when there is none. With ``isolated`` only the package's default rules apply.
    """
    if isolated:
        return None
    chosen = chosen_rules or config.rules
    if chosen is None:
        default = config.root / "rules"  # beside the configuration file, or in the working folder
        return default if default.is_dir() else None
    path = Path(chosen)
    if not path.is_dir():
        raise UsageError(
            f"{chosen}: no such rules folder; pass --rules DIR (rules= from Python), "
            "or leave it out to use the default rules"
        )
    return path


def with_min_confidence(rulebook: Rulebook, value: float | None) -> Rulebook:
    """The rulebook with every consistency rule's ``min_match`` set to ``value``, when one is given."""
    if value is None:
        return rulebook
    rules = [
        dataclasses.replace(r, settings={**r.settings, "min_match": value}) if r.type == "consistency" else r
        for r in rulebook.rules
    ]
    return dataclasses.replace(rulebook, rules=rules)


def configure_walks(config: Config, include_hidden: bool | None, respect_gitignore: bool | None) -> tuple[str, ...]:
    """Put the walk options chosen (``None``: the configuration's) in force; the words that name them.

    The words go with the excludes into the name of a walk the claim index keeps, so a
    walk with other options is never taken for this one.
    """
    options = WalkOptions(
        respect_gitignore=config.respect_gitignore if respect_gitignore is None else respect_gitignore,
        include_hidden=config.include_hidden if include_hidden is None else include_hidden,
    )
    configure_walk(options)
    return options.marker


def plan_check(choices: Choices, config: Config) -> Plan:
    """The check ``choices`` ask for under ``config``: rules loaded, baseline and verdicts read, codes resolved."""
    from figures.checks.verdicts import verdicts_in_force
    from figures.rules.loader import load_rulebook
    from figures.runtime.baseline import read_baseline

    limits.configure(config.limits)  # process state: a library's next call must not keep a former call's
    rules = resolve_rules(choices.rules, config, choices.isolated)
    rulebook = with_min_confidence(load_rulebook(rules), choices.min_confidence)
    exclude = tuple(config.exclude) + choices.exclude
    exclude += configure_walks(config, choices.include_hidden, choices.respect_gitignore)
    baseline_path = None if choices.without_baseline else choices.baseline or config.baseline
    codes = engine_codes(
        list(choices.select) or config.select,
        list(choices.extend_select) + config.extend_select,
        list(choices.ignore) or config.ignore,
    )
    return Plan(
        paths=choices.paths if choices.paths is not None else tuple(config.paths),
        rulebook=rulebook,
        corpus=choices.corpus if choices.corpus is not None else tuple(config.corpus),
        exclude=exclude,
        codes=codes,
        baseline=read_baseline(baseline_path) if baseline_path else None,
        verdicts=None if choices.without_verdicts else verdicts_in_force(choices.verdicts, config.verdicts),
        fail_on=choices.fail_on or config.fail_on,
        follow_links=choices.follow_links,
        config=config,
    )


@dataclass(frozen=True)
class Engine:
    """How a plan runs: the processes, the claim index (``None``: none), progress lines on standard error."""

    runner: Runner | None = None
    index: ClaimIndex | None = None
    progress: bool = False


def renamed(findings: list[Finding], temporary: str, shown: str) -> list[Finding]:
    """Findings about a text saved under ``temporary``, told with the name ``shown`` the user gave it."""

    def name(path: str) -> str:
        return shown if path == temporary else path

    out = []
    for f in findings:
        related = tuple(dataclasses.replace(r, path=name(r.path)) for r in f.related)
        message = f.message.replace(temporary, shown)
        out.append(dataclasses.replace(f, path=name(f.path), related=related, message=message))
    return out


def run_plan(
    plan: Plan, engine: Engine = Engine(), saved_as: tuple[str, str] | None = None
) -> tuple[list[Finding], CheckResult]:
    """Run ``plan``: the findings it reports, and the engine's result (counts, missing paths).

    ``saved_as`` is (saved file, name shown) for a text saved to a temporary file (standard
    input, an editor's buffer): its findings carry the name shown, which the per-file
    ignores then match, as they would match the file itself.
    """
    from figures.runtime.engine import check

    select, ignore = plan.codes
    result = check(
        list(plan.paths),
        plan.rulebook,
        corpus=list(plan.corpus) or None,
        select=select,
        ignore=ignore,
        baseline=plan.baseline,
        verdicts=plan.verdicts,
        exclude=plan.exclude,
        runner=engine.runner,
        index=engine.index,
        progress=engine.progress,
        keep=False,
        follow_links=plan.follow_links,
    )
    findings = result.findings if saved_as is None else renamed(result.findings, *saved_as)
    return per_file_ignored(findings, plan.config.per_file_ignores, plan.config.root), result
