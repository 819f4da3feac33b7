"""``figures worksheet``: the fact-check worksheet, and the import of a filled-in one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from figures.cli.common import ExitCode, error_line, warning_line
from figures.cli.options import add_report_options, checked_run
from figures.core.errors import UsageError
from figures.outputs import write_output


def cmd_worksheet(args: argparse.Namespace) -> int:
    from figures.checks.verdicts import DEFAULT_FILE, read_verdicts, write_verdicts
    from figures.outputs.worksheet_import import import_worksheet

    if args.import_file:
        if args.paths:
            raise UsageError("give either articles to export or --import FILE, not both")
        incoming = import_worksheet(args.import_file)
        target = args.verdicts or DEFAULT_FILE
        merged = read_verdicts(target) if Path(target).is_file() else {}
        merged.update(incoming)
        write_output(write_verdicts(merged), target)
        counts: dict[str, int] = {}
        for v in incoming.values():
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no verdicts filled in"
        print(f"figures: recorded {len(incoming)} verdicts in {target}: {summary}", file=sys.stderr)
        return ExitCode.OK
    if not args.paths:
        raise UsageError("give the articles to put in the worksheet, or --import FILE")
    return _export(args)


def _export(args: argparse.Namespace) -> int:
    """Check the articles and write their worksheet; what it leaves out is one warning line."""
    from figures.outputs.worksheet import format_csv, format_xlsx, select

    output = args.output or "worksheet.xlsx"
    _refuse_to_lose_verdicts(output, args.force)
    result, rulebook = checked_run(args, None if args.all_rows else _bounds())
    for err in result.missing:
        error_line(str(err))
    if result.missing and output != "-":
        error_line(f"{output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    selection = select(result, args.all_rows)
    if output.lower().endswith(".csv") or output == "-":
        write_output(format_csv(result, rulebook, selection), output)
    elif output.lower().endswith(".xlsx"):
        write_output(format_xlsx(result, rulebook, selection), output)
    else:
        raise UsageError(f"{output}: the worksheet must end in .xlsx or .csv")
    left = selection.left.warning("the worksheet" if output == "-" else output)
    if left:
        warning_line(left)
    if output != "-":
        print(f"figures: wrote {output}: {len(selection.claims):,} claims to check", file=sys.stderr)
    return ExitCode.ERROR if result.missing else ExitCode.OK


def _bounds():
    """What the run keeps for the worksheet: the flagged claims and a sample of the others, explained."""
    from figures.outputs.wording import value_text
    from figures.outputs.worksheet import SAMPLE
    from figures.runtime.shown import Bounds

    return Bounds(sample=SAMPLE, rows=0, groups=0, value_text=value_text, explain=True)


def _refuse_to_lose_verdicts(output: str, force: bool) -> None:
    """A worksheet that checkers have touched is their work: overwrite it only with ``--force``.

    One that cannot be read back is taken to hold a person's work too: nothing says it does not.
    """
    from figures.outputs.worksheet import CHECKER_COLUMNS, EARLIER_NAMES, NAMES
    from figures.outputs.worksheet_import import checker_work

    if force or output == "-" or not Path(output).is_file():
        return
    work = checker_work(output, NAMES, CHECKER_COLUMNS, EARLIER_NAMES)
    if work is not None:
        raise UsageError(
            f"{output}: {work}, so it may hold a person's work; record the verdicts with "
            f"'figures worksheet --import {output}', write elsewhere with -o, or pass --force to overwrite it"
        )


def register(sub: argparse._SubParsersAction) -> None:
    w = sub.add_parser("worksheet", help="write the fact-check worksheet, or import a filled-in one")
    w.add_argument("paths", nargs="*", help="articles or folders")
    w.add_argument("-o", "--output", help="worksheet.xlsx (default) or a .csv file")
    w.add_argument("--import", dest="import_file", metavar="FILE", help="record the verdicts of a filled-in worksheet")
    w.add_argument("--force", action="store_true", help="overwrite a worksheet that has verdicts filled in")
    w.add_argument(
        "--all-rows",
        action="store_true",
        help="list every claim (by default: every flagged claim and a sample of the others)",
    )
    add_report_options(w)
    w.set_defaults(func=cmd_worksheet)
