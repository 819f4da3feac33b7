"""``figures extract``: list every figure an article states."""

from __future__ import annotations

import argparse
import enum
from collections.abc import Callable

from figures.cli.common import ExitCode, error_line, read_articles
from figures.cli.options import add_follow_links
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
    from figures.outputs import extraction

    # its limits and walk options: extract lists the figures check reads, no more
    walk_from(args, Config() if args.isolated else load_config(args.config))
    articles, failures = read_articles(args.paths, args.follow_links)
    rows: list[tuple[str, Figure]] = []
    for article in articles:
        for figure in article.in_source(extract_text(article.text, article.body_start)):
            rows.append((article.path, figure))
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
    p.add_argument("paths", nargs="+", help="article files or folders (.txt, .md, .html)")
    p.add_argument("--format", choices=[f.value for f in ExtractFormat], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--config", help="configuration file whose limits apply (default: the nearest figures.toml or pyproject.toml)"
    )
    p.add_argument("--isolated", action="store_true", help="ignore configuration: the default limits")
    add_follow_links(p)
    p.set_defaults(func=cmd_extract)
