"""``figures extract``: list every figure an article states."""

from __future__ import annotations

import argparse
import enum
from collections.abc import Callable

from figures.cli.common import STDIN, ExitCode, error_line, read_articles, stdin_article
from figures.cli.options import add_follow_links
from figures.core.errors import UsageError
from figures.extract import extract_text
from figures.model import Figure
from figures.outputs import write_output


class ExtractFormat(enum.StrEnum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"


def cmd_extract(args: argparse.Namespace) -> int:
    from figures.cli.config import Config, load_config
    from figures.cli.options import walk_from

    # its limits and walk options: extract lists the figures check reads, no more
    walk_from(args, Config() if args.isolated else load_config(args.config))
    if args.paths.count(STDIN) > 1:
        raise UsageError("extract: '-' (standard input) can be given only once")
    if args.stdin_filename and STDIN not in args.paths:
        raise UsageError("--stdin-filename names the article read from standard input; pass '-' as its path")
    if STDIN not in args.paths:
        return _extract(args, args.paths, None)
    with stdin_article(args.stdin_filename) as saved:
        paths = [str(saved) if p == STDIN else p for p in args.paths]
        return _extract(args, paths, (str(saved), args.stdin_filename or STDIN))


def _extract(args: argparse.Namespace, paths: list[str], stdin: tuple[str, str] | None) -> int:
    """List the figures of ``paths``; ``stdin`` is (saved file, name shown) when one was read from standard input."""
    from figures.outputs import extraction

    articles, failures = read_articles(paths, args.follow_links)
    rows: list[tuple[str, Figure]] = []
    for article in articles:
        shown = stdin[1] if stdin and article.path == stdin[0] else article.path
        for figure in article.in_source(extract_text(article.text, article.body_start)):
            rows.append((shown, figure))
    formatter: dict[str, Callable[[list[tuple[str, Figure]]], str]] = {
        ExtractFormat.TABLE.value: extraction.format_table,
        ExtractFormat.JSONL.value: extraction.format_jsonl,
        ExtractFormat.CSV.value: extraction.format_csv,
    }
    if failures and args.output and args.output != "-":
        error_line(f"{args.output} not written: fix the article(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    write_output(formatter[args.format](rows), args.output)
    return ExitCode.ERROR if failures else ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="list every figure an article states")
    p.add_argument("paths", nargs="+", help="article files or folders (.txt, .md, .html); '-' reads standard input")
    p.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of the article read from standard input: shown in the output, its suffix picks the format",
    )
    p.add_argument("--format", choices=[f.value for f in ExtractFormat], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--config", help="configuration file whose limits apply (default: the nearest figures.toml or pyproject.toml)"
    )
    p.add_argument("--isolated", action="store_true", help="ignore configuration: the default limits")
    add_follow_links(p)
    p.set_defaults(func=cmd_extract)
