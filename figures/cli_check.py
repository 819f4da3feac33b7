"""``figures check``, ``figures rules check`` and ``figures codes``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from figures.config import FAIL_ON, FORMATS, Config, load_config
from figures.errors import FiguresError, UsageError
from figures.model import Severity
from figures.report import format_findings, write_output


def _split_codes(values: list[str] | None, option: str = "") -> list[str]:
    """Codes given to an option, comma-separated; a code that names no finding is a usage error."""
    from figures.checks import unknown_codes

    out: list[str] = []
    for v in values or []:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    unknown = unknown_codes(out)
    if unknown:
        raise UsageError(f"{option}: unknown code(s) {', '.join(unknown)}; 'figures codes' lists them all")
    return out


def resolve_rules(args_rules: str | None, config: Config, isolated: bool = False) -> Path | None:
    """The project's rules folder, laid over the package's defaults: --rules, the config, else ./rules if any.

    With ``isolated`` only the package's default rules apply.
    """
    if isolated:
        return None
    chosen = args_rules or config.rules
    if chosen is None:
        return Path("rules") if Path("rules").is_dir() else None
    path = Path(chosen)
    if not path.is_dir():
        raise UsageError(f"{chosen}: no such rules folder; pass --rules DIR, or leave it out to use the default rules")
    return path


def failing(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in findings)


def cmd_check(args: argparse.Namespace) -> int:
    try:
        return _check(args)
    except FiguresError as err:  # a SARIF reader must see the failure, not an empty clean-looking log
        if args.format == "sarif":
            from figures.report.sarif import format_failed_run

            write_output(format_failed_run(str(err)), args.output)
        raise


def _check(args: argparse.Namespace) -> int:
    from figures.baseline import read_baseline, write_baseline
    from figures.cli import ExitCode, error_line
    from figures.cli_index import index_from, runner_from
    from figures.engine import check
    from figures.rulebook import load_rulebook
    from figures.verdicts import verdicts_in_force

    config = Config() if args.isolated else load_config(args.config)
    rulebook = load_rulebook(resolve_rules(args.rules, config, args.isolated))
    fmt = args.format = args.format or config.format
    fail_on = args.fail_on or config.fail_on
    corpus = args.corpus if args.corpus is not None else config.corpus
    baseline_path = args.baseline or config.baseline
    baseline = read_baseline(baseline_path) if baseline_path and not args.write_baseline else None
    verdicts = verdicts_in_force(args.verdicts, config.verdicts)
    exclude = tuple(config.exclude + (args.exclude or []))
    paths = list(args.paths)
    select = _split_codes(args.select, "--select") or config.select
    ignore = _split_codes(args.ignore, "--ignore") or config.ignore
    runner = runner_from(args)
    index = index_from(args, rulebook)
    try:
        result = check(
            paths,
            rulebook,
            corpus=corpus or None,
            select=select,
            ignore=ignore,
            baseline=baseline,
            verdicts=verdicts,
            exclude=exclude,
            runner=runner,
            index=index,
            progress=True,
        )
    finally:
        if index is not None:
            index.close()
    for err in result.missing:
        error_line(str(err))
    if args.write_baseline:
        write_output(write_baseline(result.findings), args.write_baseline)
        print(f"figures: wrote {len(result.findings)} findings to {args.write_baseline}", file=sys.stderr)
        return ExitCode.ERROR if result.missing else ExitCode.OK
    if fmt == "sarif":
        from figures.report.sarif import format_sarif

        failed = failing(result.findings, fail_on)
        code = ExitCode.ERROR if result.missing else ExitCode.FINDINGS if failed else ExitCode.OK
        errors = [str(e) for e in result.missing]
        if result.checked and not result.articles:
            errors.append(f"none of the {result.checked} article files could be read")
        write_output(format_sarif(result.findings, code, errors), args.output)
        return code
    if result.missing and args.output and args.output != "-":
        error_line(f"{args.output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    write_output(format_findings(result.findings, fmt, not args.no_summary, result.checked), args.output)
    if result.missing:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if failing(result.findings, fail_on) else ExitCode.OK


def cmd_rules_check(args: argparse.Namespace) -> int:
    from figures.cli import ExitCode
    from figures.rulebook import load_rulebook

    rulebook = load_rulebook(args.folder)
    facts = sum(len(r.settings.get("facts", [])) for r in rulebook.rules_of("reference"))
    print(
        f"{args.folder}: {len(rulebook.entities)} entities, {len(rulebook.measures)} measures, "
        f"{len(rulebook.rules)} rule files, {facts} reference facts (with the default rules): ok"
    )
    return ExitCode.OK


def cmd_codes(args: argparse.Namespace) -> int:
    from figures.cli import ExitCode
    from figures.docs import code_pages, codes_markdown

    if args.write_docs:
        folder = Path(args.write_docs)
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in code_pages().items():
            write_output(text, str(folder / name))
        return ExitCode.OK
    if args.format == "md":
        write_output(codes_markdown(), args.output)
    else:
        from figures.checks import all_codes

        lines = [f"{c.code}  {c.severity.value:7s}  {c.title}" for c in all_codes().values()]
        write_output("\n".join(lines) + "\n", args.output)
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check articles' figures against the rules and each other")
    p.add_argument("paths", nargs="+", help="articles or folders to check")
    p.add_argument("--corpus", nargs="*", default=None, help="published articles to compare against")
    p.add_argument("--rules", help="folder of project rule files over the default ones (default: ./rules if any)")
    p.add_argument("--isolated", action="store_true", help="only the package's default rules; ignore configuration")
    p.add_argument("--format", choices=FORMATS, default=None, help="output format (default: text)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--fail-on", choices=FAIL_ON, default=None, help="lowest severity that exits 1 (default: error)")
    p.add_argument("--select", action="append", help="only these codes, comma-separated (prefixes allowed)")
    p.add_argument("--ignore", action="append", help="never these codes, comma-separated (prefixes allowed)")
    p.add_argument("--baseline", help="report only findings not in this baseline file")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline")
    p.add_argument("--verdicts", help="verdicts file from 'figures worksheet --import'")
    p.add_argument("--exclude", action="append", help="glob of files a folder walk skips")
    p.add_argument("--config", help="configuration file (default: figures.toml or pyproject.toml)")
    p.add_argument("--no-summary", action="store_true", help="text format: leave out the summary line")
    from figures.cli_index import add_run_options

    add_run_options(p)
    p.set_defaults(func=cmd_check)

    r = sub.add_parser("rules", help="work with rule files")
    rsub = r.add_subparsers(dest="rules_command", metavar="COMMAND")
    rsub.required = True
    rc = rsub.add_parser("check", help="validate a folder of rule files")
    rc.add_argument("folder", nargs="?", default="rules")
    rc.set_defaults(func=cmd_rules_check)

    c = sub.add_parser("codes", help="list finding codes, or write their documentation")
    c.add_argument("--format", choices=("text", "md"), default="text")
    c.add_argument("-o", "--output")
    c.add_argument("--write-docs", metavar="DIR", help="write one Markdown page per code, and an index, into DIR")
    c.set_defaults(func=cmd_codes)
