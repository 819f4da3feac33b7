"""Options several commands share, and what they resolve to: the rules folder, the runner, the index."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from figures.cli.common import warning_line
from figures.cli.config import Config, load_config
from figures.core.errors import UsageError
from figures.rules.records import Rulebook
from figures.runtime.engine import open_index
from figures.runtime.index import INDEX_FOLDER, ClaimIndex, IndexUnavailable
from figures.runtime.parallel import ENGINES, Runner


def add_run_options(p: argparse.ArgumentParser, index: bool = True) -> None:
    """``--jobs``, ``--engine``, ``--scheduler``, ``--follow-links`` and, unless ``index`` is off, ``--no-index``."""
    add_follow_links(p)
    p.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="processes extracting articles; 0 (the default) is every core; a pool starts only for many files",
    )
    p.add_argument("--engine", choices=ENGINES, default="local", help="local processes, or dask.distributed")
    p.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: an existing cluster (tcp://host:8786)")
    if index:
        p.add_argument(
            "--no-index", action="store_true", help=f"extract every article again; do not read or write {INDEX_FOLDER}/"
        )


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number from 0 to 1 (for example 0.8)")
    return value


def add_min_confidence(p: argparse.ArgumentParser) -> None:
    """``--min-confidence X``: how sure a match must be before two claims are compared."""
    p.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help="compare two claims only when they match with at least this score, from 0 to 1 (the same measure "
        "or thing is 1; words alone score less); higher finds fewer conflicts and raises fewer false alarms. "
        "Overrides every consistency rule's min_match (default 0.5)",
    )


def with_min_confidence(rulebook: Rulebook, value: float | None) -> Rulebook:
    """The rulebook with every consistency rule's ``min_match`` set to ``value``, when one is given."""
    if value is None:
        return rulebook
    rules = [
        dataclasses.replace(r, settings={**r.settings, "min_match": value}) if r.type == "consistency" else r
        for r in rulebook.rules
    ]
    return dataclasses.replace(rulebook, rules=rules)


def add_corpus(p: argparse.ArgumentParser) -> None:
    """``--corpus PATH``, repeatable: published articles or folders that the articles given are compared with."""
    p.add_argument(
        "--corpus",
        action="append",
        default=None,
        metavar="PATH",
        help="a published article or folder to compare against; repeat for more (--corpus a/ --corpus b/)",
    )


def add_follow_links(p: argparse.ArgumentParser) -> None:
    """``--follow-links``: read the files in a folder that are symbolic links to files outside it."""
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read files in a folder that link to files outside it (by default they are reported and not read)",
    )


def runner_from(args: argparse.Namespace) -> Runner:
    """The runner the options ask for."""
    return Runner(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)


def index_from(args: argparse.Namespace, rulebook: Rulebook) -> ClaimIndex | None:
    """The claim index in ``.figures/`` of the working folder, unless ``--no-index``.

    An index that cannot be used costs one warning line and the run goes on without it:
    it is a cache, and the findings are the same.
    """
    if getattr(args, "no_index", False):
        return None
    try:
        return open_index(INDEX_FOLDER, rulebook, warn=warning_line)
    except IndexUnavailable as err:
        warning_line(err.warning())
        return None


def resolve_rules(args_rules: str | None, config: Config, isolated: bool = False) -> Path | None:
    """The project's rules folder, laid over the package's defaults: --rules, the config, else rules/ if any.

    The default ``rules/`` is looked for beside the configuration file, or in the
    working folder when there is none.

    With ``isolated`` only the package's default rules apply.
    """
    if isolated:
        return None
    chosen = args_rules or config.rules
    if chosen is None:
        default = config.root / "rules"  # beside the configuration file, or in the working folder
        return default if default.is_dir() else None
    path = Path(chosen)
    if not path.is_dir():
        raise UsageError(f"{chosen}: no such rules folder; pass --rules DIR, or leave it out to use the default rules")
    return path


def add_report_options(p: argparse.ArgumentParser) -> None:
    """The options of the commands that check a corpus for people to read: report and worksheet."""
    p.add_argument("--rules", help="folder of project rule files over the default ones (default: ./rules if any)")
    p.add_argument(
        "--corpus",
        action="append",
        default=None,
        metavar="PATH",
        help="an article or folder to compare against; repeat",
    )
    p.add_argument("--verdicts", help="verdicts file (default: figures-verdicts.yaml if present)")
    p.add_argument("--config", help="configuration file (default: figures.toml or pyproject.toml)")
    add_min_confidence(p)
    add_run_options(p)


def checked_run(args: argparse.Namespace):
    """Check the articles with the configured rules and verdicts, for the report and worksheet."""
    from figures.checks.verdicts import verdicts_in_force
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import check

    isolated = getattr(args, "isolated", False)
    config = Config() if isolated else load_config(args.config)
    rulebook = with_min_confidence(
        load_rulebook(resolve_rules(args.rules, config, isolated)), getattr(args, "min_confidence", None)
    )
    verdicts = verdicts_in_force(args.verdicts, config.verdicts)
    corpus = args.corpus if args.corpus is not None else config.corpus
    index = index_from(args, rulebook)
    try:
        result = check(
            list(args.paths),
            rulebook,
            corpus=corpus or None,
            verdicts=verdicts,
            exclude=tuple(config.exclude),
            runner=runner_from(args),
            index=index,
            progress=True,
            follow_links=args.follow_links,
        )
    finally:
        if index is not None:
            index.close()
    return result, rulebook
