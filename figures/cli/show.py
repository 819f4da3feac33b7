"""``--show-settings`` and ``--show-files``: what a check would read, and with which settings, without checking.

As ruff's options of the same names: a project's settings come from a file found
above the working folder, the command line and defaults, and a walk leaves out what
``.gitignore``, hidden folders and excludes name, so "why is this file (not) checked"
needs an answer that is not a run.
"""

from __future__ import annotations

import argparse
import json
import os

from figures.cli.common import ExitCode, error_line
from figures.cli.config import Config
from figures.cli.options import project_root, resolve_rules
from figures.core import limits
from figures.ingest import iter_article_paths
from figures.ingest import walk as walking
from figures.outputs import write_output
from figures.runtime.index import INDEX_FOLDER


def add_show_options(p: argparse.ArgumentParser) -> None:
    """``--show-settings`` and ``--show-files``."""
    p.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings in force and where they come from; check nothing",
    )
    p.add_argument(
        "--show-files", action="store_true", help="print the article files a check would read; check nothing"
    )


def _value(value: object) -> str:
    """A setting written as TOML writes it: true/false, numbers, quoted strings, lists and tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "none"
    return json.dumps(value, ensure_ascii=False)


def settings_text(args: argparse.Namespace, config: Config, paths: list[str], exclude: tuple[str, ...]) -> str:
    """The settings a check runs with, one ``key = value`` line each, in a fixed order."""
    rules = resolve_rules(args.rules, config, args.isolated)
    index = None if getattr(args, "no_index", False) else str(project_root(config) / INDEX_FOLDER)
    walk = walking.current()
    limit = limits.current()
    settings = {
        "configuration": config.source,
        "rules": str(rules) if rules is not None else None,
        "paths": paths,
        "corpus": args.corpus if args.corpus is not None else config.corpus,
        "format": args.format or config.format,
        "fail_on": args.fail_on or config.fail_on,
        "select": _split(args.select) or config.select,
        "extend_select": _split(args.extend_select) + config.extend_select,
        "ignore": _split(args.ignore) or config.ignore,
        "per_file_ignores": config.per_file_ignores,
        "exclude": [e for e in exclude if e not in walk.marker],
        "baseline": args.baseline or config.baseline,
        "verdicts": args.verdicts or config.verdicts,
        "respect_gitignore": walk.respect_gitignore,
        "include_hidden": walk.include_hidden,
        "follow_links": args.follow_links,
        "index": index,
        "max_article_mb": limit.max_article_mb,
        "max_sentence_chars": limit.max_sentence_chars,
        "max_figures_per_sentence": limit.max_figures_per_sentence,
    }
    return "".join(f"{key} = {_value(value)}\n" for key, value in settings.items())


def _split(values: list[str] | None) -> list[str]:
    return [c.strip().upper() for v in values or [] for c in v.split(",") if c.strip()]


def show_files(paths: list[str], corpus: list[str], exclude: tuple[str, ...], follow_links: bool) -> int:
    """Print the article files of ``paths``, then those of ``corpus`` marked so; exit 2 when a path is missing."""
    lines: list[str] = []
    failed = False
    for given, mark in ((paths, ""), (corpus, "  (corpus)")):
        files, errors = iter_article_paths(given, exclude, follow_links)
        for err in errors:
            error_line(str(err))
        failed = failed or bool(errors)
        lines += [os.path.normpath(f) + mark for f in sorted({str(f) for f in files})]
    write_output("".join(line + "\n" for line in lines), None)
    return ExitCode.ERROR if failed else ExitCode.OK
