"""The ``figures`` command line: one subcommand per job."""

from __future__ import annotations

import argparse
import contextlib
import enum
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from figures import __version__
from figures.cli import check as cli_check
from figures.cli import claims as cli_claims
from figures.cli import completion
from figures.cli import explain as cli_explain
from figures.cli import index as cli_index
from figures.cli import report as cli_report
from figures.core import limits
from figures.core.errors import FiguresError, InputError, one_line
from figures.extract import extract_text
from figures.ingest import iter_article_paths, read_article
from figures.model import Article, Figure
from figures.outputs import write_output


class ExitCode(enum.IntEnum):
    """Linter conventions: 0 clean, 1 findings, 2 usage, configuration or input error."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


class ExtractFormat(enum.StrEnum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"


def error_line(message: str) -> None:
    """Print one clear error line to standard error."""
    print(f"figures: error: {one_line(message)}", file=sys.stderr)


def warning_line(message: str) -> None:
    """Print one warning line to standard error: something went wrong that changes no output."""
    print(f"figures: warning: {one_line(message)}", file=sys.stderr)


def read_articles(
    paths: list[str], follow_links: bool = False, exclude: tuple[str, ...] = (), skip: frozenset[Path] = frozenset()
) -> tuple[list[Article], int]:
    """Read every article (those resolving to a path in ``skip`` left out); report each unreadable one, or
    link out of its folder, on its own line and go on."""
    article_paths, errors = iter_article_paths(paths, exclude, follow_links=follow_links)
    for err in errors:
        error_line(str(err))
    articles = []
    failures = len(errors)
    for path in article_paths:
        if skip and path.resolve() in skip:
            continue
        try:
            articles.append(read_article(path))
        except InputError as err:
            error_line(str(err))
            failures += 1
    return articles, failures


def cmd_extract(args: argparse.Namespace) -> int:
    from figures.cli.config import load_config
    from figures.outputs import extraction

    if not args.isolated:
        load_config(args.config)  # its limits: extract lists the figures check reads, no more
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


def _is_option(arg: str) -> bool:
    return arg.startswith("-") and arg != "-"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="figures", description="Check the numbers in news articles.")
    parser.add_argument("--version", action="version", version=f"figures {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("extract", help="list every figure an article states")
    p.add_argument("paths", nargs="+", help="article files or folders (.txt, .md, .html)")
    p.add_argument("--format", choices=[f.value for f in ExtractFormat], default="table")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument(
        "--config", help="configuration file whose limits apply (default: the nearest figures.toml or pyproject.toml)"
    )
    p.add_argument("--isolated", action="store_true", help="ignore configuration: the default limits")
    cli_index.add_follow_links(p)
    p.set_defaults(func=cmd_extract)

    cli_check.register(sub)
    cli_index.register(sub)
    cli_report.register(sub)
    cli_explain.register(sub)
    cli_explain.register_schema(sub)
    cli_claims.register(sub)
    completion.register(sub)
    return parser


def _stand_in_for_closed_streams() -> None:
    """Give a closed standard output or error a place to go, as ``cmd >&-`` leaves them.

    Python sets such a stream to None; writing to it would fail. Like other command-line
    tools, figures then runs as it would with the output thrown away.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the run


class Terminated(BaseException):
    """SIGTERM, raised where the run stands so that its workers and temporary files are cleaned up."""


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While the command runs, SIGTERM (CI cancelling a job) unwinds the run instead of killing it outright."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum, frame) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    _stand_in_for_closed_streams()
    with _sigterm_raises():
        try:
            return _main(argv)
        except Terminated:
            return 128 + signal.SIGTERM


def _main(argv: list[str] | None) -> int:
    limits.configure(limits.Limits())  # the defaults, until a configuration file says otherwise
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        # "check new.md --corpus archive/ other.md": argparse takes positionals in one run, so paths
        # after an option come back unparsed; they are paths all the same (an unknown option is not)
        if extra and isinstance(getattr(args, "paths", None), list) and not any(_is_option(e) for e in extra):
            args.paths += extra
        elif extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exc:
        return int(exc.code or 0) and ExitCode.ERROR
    if getattr(args, "quiet", 0) >= 2:  # -qq: nothing but the exit code, as ruff's --silent
        with open(os.devnull, "w", encoding="utf-8") as void:
            with contextlib.redirect_stdout(void), contextlib.redirect_stderr(void):
                return _run(args)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """The chosen subcommand, with every failure turned into one line and its exit code."""
    try:
        return int(args.func(args))
    except FiguresError as err:
        error_line(str(err))
        return ExitCode.ERROR
    except BrokenPipeError:  # "figures check ... | head": the reader has all it wants
        # What is still buffered would fail again when Python flushes it on the way out.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except OSError as err:  # an output that cannot be written, a disk that is full
        error_line(f"{err.filename or 'output'}: {err.strerror or err}; check the path and its permissions")
        return ExitCode.ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug in figures: one line, and exit 2 so CI never reads it as findings
        if args.debug:
            raise
        error_line(
            f"internal error ({err.__class__.__name__}: {str(err)[:200]}); "
            "run again with --debug for the traceback, and please report it"
        )
        return ExitCode.ERROR
