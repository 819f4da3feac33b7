"""Options several commands share, and what they resolve to: the rules folder, the runner, the index.

How the rules folder, the confidence and the walk settings resolve lives in
:mod:`figures.api.run`, which ``figures.check()`` shares; they are named here for the commands.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from figures.api.run import configure_walks, resolve_rules, with_min_confidence
from figures.cli.common import warning_line
from figures.cli.config import Config, load_config
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
    """The options of a folder walk: ``--follow-links``, ``--include-hidden``, ``--[no-]respect-gitignore``."""
    p.add_argument(
        "--follow-links",
        action="store_true",
        help="read files in a folder that link to files outside it (by default they are reported and not read)",
    )
    p.add_argument(
        "--include-hidden",
        action="store_true",
        default=None,
        help="walk hidden folders (.venv, .git) and node_modules too; by default a folder walk skips them",
    )
    p.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="skip what .gitignore names in a folder walk (the default; --no-respect-gitignore reads it too)",
    )


def walk_from(args: argparse.Namespace, config: Config) -> tuple[str, ...]:
    """Put the walk options of the flags over the configuration in force; the words that name them for the index.

    See :func:`figures.api.run.configure_walks`, which the library's check runs too.
    """
    return configure_walks(config, getattr(args, "include_hidden", None), getattr(args, "respect_gitignore", None))


def project_root(config: Config) -> Path:
    """The project's folder: the configuration file's, else the repository's (with ``.git``), else the working one."""
    if config.source:
        return Path(config.source).parent
    from figures.outputs.locations import repository_root

    return Path(os.path.relpath(repository_root()))


def open_project_index(config: Config, rulebook: Rulebook, warn=None) -> ClaimIndex:
    """The claim index in ``.figures/`` at the project root (see :func:`project_root`).

    Paths in the index are as the run names them, relative to the folder it started in;
    a run started in another folder of the project keeps rows of its own, so that no
    path is ever read as another file's.
    """
    root = project_root(config)
    index = open_index(root / INDEX_FOLDER, rulebook, warn=warn)
    started_in = os.path.relpath(os.getcwd(), root)
    if started_in != os.curdir:
        index.fingerprint += f":from={Path(started_in).as_posix()}"
    return index


def runner_from(args: argparse.Namespace) -> Runner:
    """The runner the options ask for."""
    return Runner(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)


def index_from(args: argparse.Namespace, rulebook: Rulebook, config: Config | None = None) -> ClaimIndex | None:
    """The claim index in ``.figures/`` at the project root (see :func:`open_project_index`), unless ``--no-index``.

    An index that cannot be used costs one warning line and the run goes on without it:
    it is a cache, and the findings are the same.
    """
    if getattr(args, "no_index", False):
        return None
    try:
        return open_project_index(config or Config(), rulebook, warn=warning_line)
    except IndexUnavailable as err:
        warning_line(err.warning())
        return None


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


def checked_run(args: argparse.Namespace, bounds=None):
    """Check the articles with the configured rules and verdicts, for the report and worksheet.

    ``bounds`` (a :class:`figures.runtime.shown.Bounds`): keep only what the output shows.
    """
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
    exclude = tuple(config.exclude) + walk_from(args, config)
    index = index_from(args, rulebook, config)
    try:
        result = check(
            list(args.paths),
            rulebook,
            corpus=corpus or None,
            verdicts=verdicts,
            exclude=exclude,
            runner=runner_from(args),
            index=index,
            progress=True,
            follow_links=args.follow_links,
            bounds=bounds,
        )
    finally:
        if index is not None:
            index.close()
    return result, rulebook
