"""``figures report``, ``figures worksheet`` and ``figures diff``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from figures.cli.config import FAIL_ON, FORMATS, Config, load_config
from figures.core.errors import UsageError
from figures.outputs import format_findings, write_output


def _result(args: argparse.Namespace):
    """Check the articles with the configured rules and verdicts, for the report and worksheet."""
    from figures.checks.verdicts import verdicts_in_force
    from figures.cli.check import resolve_rules
    from figures.cli.index import index_from, runner_from
    from figures.rules.loader import load_rulebook
    from figures.runtime.engine import check

    isolated = getattr(args, "isolated", False)
    config = Config() if isolated else load_config(args.config)
    rulebook = load_rulebook(resolve_rules(args.rules, config, isolated))
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


def cmd_report(args: argparse.Namespace) -> int:
    from figures.cli import ExitCode, error_line
    from figures.outputs.html import format_html
    from figures.outputs.markdown import format_markdown

    result, rulebook = _result(args)
    for err in result.missing:
        error_line(str(err))
    fmt = args.format or ("md" if args.output and args.output.endswith(".md") else "html")
    output = args.output or ("report.html" if fmt == "html" else None)
    if result.missing and output:
        error_line(f"{output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    text = format_html(result, rulebook) if fmt == "html" else format_markdown(result, rulebook)
    write_output(text, output)
    if output:
        counts = result.counts()
        print(
            f"figures: wrote {output}: {len(result.articles)} articles, {len(result.claims)} figures, "
            f"{len(result.findings)} findings ({counts['error']} error, {counts['warning']} warning)",
            file=sys.stderr,
        )
    return ExitCode.ERROR if result.missing else ExitCode.OK


def cmd_worksheet(args: argparse.Namespace) -> int:
    from figures.checks.verdicts import DEFAULT_FILE, read_verdicts, write_verdicts
    from figures.cli import ExitCode, error_line
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
    from figures.outputs.worksheet import format_csv, format_xlsx

    output = args.output or "worksheet.xlsx"
    _refuse_to_lose_verdicts(output, args.force)
    result, rulebook = _result(args)
    for err in result.missing:
        error_line(str(err))
    if result.missing and output != "-":
        error_line(f"{output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    if output.lower().endswith(".csv") or output == "-":
        write_output(format_csv(result, rulebook), output)
    elif output.lower().endswith(".xlsx"):
        write_output(format_xlsx(result, rulebook), output)
    else:
        raise UsageError(f"{output}: the worksheet must end in .xlsx or .csv")
    if output != "-":
        print(f"figures: wrote {output}: {len(result.claims)} claims to check", file=sys.stderr)
    return ExitCode.ERROR if result.missing else ExitCode.OK


def _refuse_to_lose_verdicts(output: str, force: bool) -> None:
    """A worksheet that checkers have touched is their work: overwrite it only with ``--force``.

    One that cannot be read back is taken to hold a person's work too: nothing says it does not.
    """
    from figures.outputs.worksheet import CHECKER_COLUMNS, NAMES
    from figures.outputs.worksheet_import import checker_work

    if force or output == "-" or not Path(output).is_file():
        return
    work = checker_work(output, NAMES, CHECKER_COLUMNS)
    if work is not None:
        raise UsageError(
            f"{output}: {work}, so it may hold a person's work; record the verdicts with "
            f"'figures worksheet --import {output}', write elsewhere with -o, or pass --force to overwrite it"
        )


def cmd_diff(args: argparse.Namespace) -> int:
    from figures.checks.diff import diff_articles
    from figures.cli import ExitCode
    from figures.cli.check import failing
    from figures.core.errors import InputError
    from figures.ingest import read_article

    try:
        old, new = read_article(args.old), read_article(args.new)
    except InputError as err:
        raise UsageError(str(err)) from None
    findings = diff_articles(old, new, include_same=args.all)
    write_output(format_findings(findings, args.format or "text"), args.output)
    return ExitCode.FINDINGS if failing(findings, args.fail_on) else ExitCode.OK


def _common(p: argparse.ArgumentParser) -> None:
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
    from figures.cli.index import add_run_options

    add_run_options(p)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the discrepancy report (HTML, or Markdown for a PR comment)")
    p.add_argument("paths", nargs="+", help="articles or folders")
    p.add_argument("--format", choices=("html", "md"), default=None)
    p.add_argument("-o", "--output", help="output file (default: report.html; Markdown goes to standard output)")
    _common(p)
    p.set_defaults(func=cmd_report)

    w = sub.add_parser("worksheet", help="write the fact-check worksheet, or import a filled-in one")
    w.add_argument("paths", nargs="*", help="articles or folders")
    w.add_argument("-o", "--output", help="worksheet.xlsx (default) or a .csv file")
    w.add_argument("--import", dest="import_file", metavar="FILE", help="record the verdicts of a filled-in worksheet")
    w.add_argument("--force", action="store_true", help="overwrite a worksheet that has verdicts filled in")
    _common(w)
    w.set_defaults(func=cmd_worksheet)

    d = sub.add_parser("diff", help="list the figures that changed between two versions of a story")
    d.add_argument("old", help="the earlier version (original, draft)")
    d.add_argument("new", help="the later version (rewrite, published text)")
    d.add_argument("--format", choices=FORMATS, default=None)
    d.add_argument("-o", "--output")
    d.add_argument("--all", action="store_true", help="also list figures reworded with the same value")
    d.add_argument("--fail-on", choices=FAIL_ON, default="error")
    d.set_defaults(func=cmd_diff)
