"""The ``figures`` command line: one subcommand per job."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator

from figures import __version__
from figures.cli import (
    check,
    claims,
    codes,
    completion,
    diff,
    explain,
    extract,
    index,
    report,
    rules,
    schema,
    server,
    worksheet,
)
from figures.cli.common import ExitCode, error_line, read_articles, warning_line
from figures.core import limits
from figures.core.errors import FiguresError
from figures.ingest import walk

__all__ = ["ExitCode", "build_parser", "error_line", "main", "read_articles", "warning_line"]

# Every command, in the order ``figures --help`` lists them: one module each, with ``register``.
COMMANDS = (extract, check, rules, codes, index, report, worksheet, diff, explain, schema, claims, server, completion)


def _is_option(arg: str) -> bool:
    return arg.startswith("-") and arg != "-"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="figures", description="Check the numbers in news articles.")
    parser.add_argument("--version", action="version", version=f"figures {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for command in COMMANDS:
        command.register(sub)
    parser.set_defaults(parser=parser)  # for the commands that read the parser itself (completion)
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
    walk.configure(walk.WalkOptions())  # likewise the walk's, until the configuration or a flag says otherwise
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
