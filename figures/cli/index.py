"""``figures index``: extract articles into the claim index for later checks."""

from __future__ import annotations

import argparse
import sys

from figures.cli.common import ExitCode, error_line, warning_line
from figures.cli.config import Config, load_config
from figures.cli.options import add_run_options, open_project_index, resolve_rules, runner_from, walk_from
from figures.runtime.index import INDEX_FOLDER


def cmd_index(args: argparse.Namespace) -> int:
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import index_paths

    config = Config() if args.isolated else load_config(args.config)
    rulebook = load_rulebook(resolve_rules(args.rules, config, args.isolated))
    exclude = tuple(config.exclude + (args.exclude or [])) + walk_from(args, config)
    index = open_project_index(config, rulebook)  # IndexUnavailable: the index is this command's output: an error
    if index.rebuilt:
        warning_line(index.rebuilt)
    try:
        with index.updating(waiting=lambda why: print(f"figures: {why}", file=sys.stderr, flush=True)):
            files, removed, missing = index_paths(
                list(args.paths),
                rulebook,
                index,
                runner_from(args),
                exclude,
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
        f"figures: indexed {files} articles in {index.folder}/ ({extracted} extracted, {files - extracted} unchanged, "
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
