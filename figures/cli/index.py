"""``figures index``, and the options every command that extracts a corpus shares: jobs, engine, index."""

from __future__ import annotations

import argparse
import sys

from figures.rules.records import Rulebook
from figures.runtime.engine import index_paths, open_index
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
    from figures.cli import warning_line

    if getattr(args, "no_index", False):
        return None
    try:
        return open_index(INDEX_FOLDER, rulebook, warn=warning_line)
    except IndexUnavailable as err:
        warning_line(err.warning())
        return None


def cmd_index(args: argparse.Namespace) -> int:
    from figures.cli import ExitCode, error_line, warning_line
    from figures.cli.check import resolve_rules
    from figures.cli.config import Config, load_config
    from figures.rules.loader import load_rulebook

    config = Config() if args.isolated else load_config(args.config)
    rulebook = load_rulebook(resolve_rules(args.rules, config, args.isolated))
    index = open_index(INDEX_FOLDER, rulebook)  # IndexUnavailable: the index is this command's output, so an error
    if index.rebuilt:
        warning_line(index.rebuilt)
    try:
        files, removed, missing = index_paths(
            list(args.paths),
            rulebook,
            index,
            runner_from(args),
            tuple(config.exclude + (args.exclude or [])),
            args.follow_links,
        )
        extracted, held = index.extracted, index.size()
    finally:
        index.close()
    for err in missing:
        error_line(str(err))
    if index.failure is not None:
        error_line(str(index.failure))
        return ExitCode.ERROR
    print(
        f"figures: indexed {files} articles in {INDEX_FOLDER}/ ({extracted} extracted, {files - extracted} unchanged, "
        f"{removed} removed; {held} in the index)",
        file=sys.stderr,
    )
    return ExitCode.ERROR if missing else ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help=f"extract articles into the claim index ({INDEX_FOLDER}/) for later checks")
    p.add_argument("paths", nargs="+", help="articles or folders (an archive)")
    p.add_argument("--rules", help="folder of project rule files over the default ones (default: ./rules if any)")
    p.add_argument("--isolated", action="store_true", help="only the package's default rules; ignore configuration")
    p.add_argument("--exclude", action="append", help="glob of files a folder walk skips")
    p.add_argument("--config", help="configuration file (default: figures.toml or pyproject.toml)")
    add_run_options(p, index=False)
    p.set_defaults(func=cmd_index)
