"""``figures check``: check articles' figures against the rules and each other."""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import sys
from collections.abc import Iterable
from pathlib import Path

from figures.api.selection import chosen_codes
from figures.cli.changes import add_diff_options, change_filter
from figures.cli.common import STDIN, ExitCode, corpus_without, error_line, failing, stdin_article
from figures.cli.config import FAIL_ON, FORMATS, Config, load_config
from figures.cli.options import add_corpus, add_min_confidence, add_run_options, index_from, runner_from, walk_from
from figures.cli.show import add_show_options, settings_text, show_files
from figures.core.errors import FiguresError, UsageError
from figures.ingest import NOT_ARTICLES
from figures.model import Finding
from figures.outputs import format_findings, write_chunks, write_output
from figures.outputs.terminal import COLOR_CHOICES, colour_text, wants_colour


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    """Whether a folder walk would skip this file: a README-like name, or a match of an exclude glob.

    Globs match the whole path or the file's name, as in the walk.
    """
    posix, name = Path(path).as_posix(), Path(path).name
    if any(fnmatch.fnmatch(name.upper(), pat) for pat in NOT_ARTICLES):
        return True
    return any(fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(name, pat) for pat in patterns)


def cmd_check(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except FiguresError as err:  # a SARIF reader must see the failure, not an empty clean-looking log
        if args.format == "sarif":
            from figures.outputs.sarif import format_failed_run

            write_output(format_failed_run(str(err)), args.output)
        raise


def _run(args: argparse.Namespace) -> int:
    config = Config() if args.isolated else load_config(args.config)
    paths = list(args.paths)
    if args.stdin_filename and not paths:
        paths = [STDIN]
    paths = paths or list(config.paths)
    if not paths and not args.show_settings:
        raise UsageError(
            "check: give the articles or folders to check, '-' to read one from standard input, "
            "or set paths in the configuration"
        )
    if paths.count(STDIN) > 1:
        raise UsageError("check: '-' (standard input) can be given only once")
    if args.stdin_filename and STDIN not in paths:
        raise UsageError("--stdin-filename names the article read from standard input; pass '-' as its path")
    if args.statistics and (args.format or "text") not in ("text", "json"):
        raise UsageError("--statistics prints text or json; leave out --format or use --format json")
    args.format = args.format or config.format  # known before the rules load, so a failed run can say so
    exclude = tuple(config.exclude + (args.exclude or [])) + walk_from(args, config)
    shown = args.stdin_filename or STDIN
    if args.show_settings or args.show_files:
        return _show(args, config, paths, exclude)
    if args.force_exclude:
        # pre-commit and editors name each file; the project's excludes hold for them too
        paths = [p for p in paths if Path(p).is_dir() or not excluded(shown if p == STDIN else p, exclude)]
    if STDIN not in paths:
        return _check(args, config, paths, exclude, None)
    with stdin_article(args.stdin_filename) as saved:
        paths = [str(saved) if p == STDIN else p for p in paths]
        return _check(args, config, paths, exclude, (str(saved), shown))


def _show(args: argparse.Namespace, config: Config, paths: list[str], exclude: tuple[str, ...]) -> int:
    """--show-settings or --show-files: what a check would run with, or read; nothing is checked."""
    if args.show_settings:
        write_output(settings_text(args, config, paths, exclude), None)
        return ExitCode.OK
    corpus = args.corpus if args.corpus is not None else config.corpus
    return show_files([p for p in paths if p != STDIN], corpus, exclude, args.follow_links)


def _choices(args: argparse.Namespace, paths: list[str], corpus: list[str] | None):
    """What the options chose over the configuration, for :func:`figures.api.run.plan_check`."""
    from figures.api.run import Choices

    return Choices(
        paths=tuple(paths),
        corpus=None if corpus is None else tuple(corpus),
        rules=args.rules,
        select=chosen_codes(args.select, "--select"),
        extend_select=chosen_codes(args.extend_select, "--extend-select"),
        ignore=chosen_codes(args.ignore, "--ignore"),
        fail_on=args.fail_on,
        baseline=args.baseline,
        without_baseline=bool(args.write_baseline),
        verdicts=args.verdicts,
        exclude=tuple(args.exclude or ()),
        follow_links=args.follow_links,
        include_hidden=args.include_hidden,
        respect_gitignore=args.respect_gitignore,
        min_confidence=args.min_confidence,
        isolated=args.isolated,
    )


def _check(
    args: argparse.Namespace,
    config: Config,
    paths: list[str],
    exclude: tuple[str, ...],
    stdin: tuple[str, str] | None,
) -> int:
    """Run the check over ``paths``; ``stdin`` is (saved file, name shown) when one was read from standard input.

    The check itself is :func:`figures.api.run.plan_check` and :func:`~figures.api.run.run_plan`,
    which ``figures.check()`` runs too; this adds what only a command does: the claim
    index, progress lines, the changed-lines filter, the baseline written, the output.
    """
    from figures.api.run import Engine, plan_check, run_plan

    plan = plan_check(_choices(args, paths, _corpus(args, config, exclude, stdin is not None)), config)
    args.format = args.format or config.format
    if stdin is not None:
        plan = dataclasses.replace(plan, baseline=_baseline_for_saved(plan.baseline, stdin))
    on_change = change_filter(args)
    index = index_from(args, plan.rulebook, config)
    try:
        findings, result = run_plan(plan, Engine(runner_from(args), index, not args.quiet), stdin)
        if index is not None and stdin is not None:
            index.forget_missing([str(Path(stdin[0]).parent)], [])  # the saved input is no article to keep
    finally:
        if index is not None:
            index.close()
    return _emit(on_change(findings), result, plan.fail_on, args)


def _emit(findings: list[Finding], result, fail_on: str, args: argparse.Namespace) -> int:
    """Write the findings as the options ask (or the baseline); the exit code."""
    fmt = args.format
    for err in result.missing:
        error_line(str(err))
    if args.write_baseline:
        return _write_baseline(findings, bool(result.missing), args)
    if fmt == "sarif":
        return _write_sarif(findings, result, fail_on, args.output)
    if result.missing and args.output and args.output != "-":
        error_line(f"{args.output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    write_chunks(_findings_text(findings, result, args), args.output)
    if result.missing:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if failing(findings, fail_on) else ExitCode.OK


def _findings_text(findings: list[Finding], result, args: argparse.Namespace) -> Iterable[str]:
    """The findings in the format asked for, as chunks to write: JSON one finding at a time."""
    from figures.outputs.statistics import format_statistics

    fmt = args.format
    if args.statistics:
        return (format_statistics(findings, fmt),)
    if fmt == "json":
        from figures.outputs.json_format import json_chunks

        return json_chunks(findings)
    text = format_findings(findings, fmt, not (args.no_summary or args.quiet), result.checked)
    to_terminal = not args.output or args.output == "-"
    if fmt == "text" and to_terminal and wants_colour(args.color, sys.stdout):
        text = colour_text(text, findings)
    return (text,)


def _write_baseline(findings: list[Finding], missing: bool, args: argparse.Namespace) -> int:
    from figures.runtime.baseline import write_baseline

    if missing:  # a baseline of the articles that happened to be found would hide the others' findings
        error_line(
            f"{args.write_baseline} not written: fix the path(s) above; the previous baseline, if any, is unchanged"
        )
        return ExitCode.ERROR
    write_output(write_baseline(findings), args.write_baseline)
    if not args.quiet:
        print(f"figures: wrote {len(findings)} findings to {args.write_baseline}", file=sys.stderr)
    return ExitCode.OK


def _write_sarif(findings: list[Finding], result, fail_on: str, output: str | None) -> int:
    """The SARIF log of the run, which says whether it failed and why; its exit code."""
    from figures.outputs.sarif import format_sarif

    failed = failing(findings, fail_on)
    code = ExitCode.ERROR if result.missing else ExitCode.FINDINGS if failed else ExitCode.OK
    errors = [str(e) for e in result.missing]
    if result.checked and not result.read:
        errors.append(f"none of the {result.checked} article files could be read")
    write_output(format_sarif(findings, code, errors), output)
    return code


def _corpus(args: argparse.Namespace, config: Config, exclude: tuple[str, ...], from_stdin: bool) -> list[str] | None:
    """The corpus the options name (``None``: the configuration's); for standard input, without its saved file."""
    if from_stdin and args.stdin_filename:
        corpus = args.corpus if args.corpus is not None else config.corpus
        return corpus_without(corpus, args.stdin_filename, exclude, args.follow_links) if corpus else corpus
    return args.corpus


def _baseline_for_saved(
    baseline: set[tuple[str, str, str]] | None, stdin: tuple[str, str] | None
) -> set[tuple[str, str, str]] | None:
    """The baseline with the entries of the name shown moved to the saved file, which the engine sees."""
    if not baseline or stdin is None:
        return baseline
    saved, shown = Path(stdin[0]).as_posix(), Path(stdin[1]).as_posix()
    return baseline | {(saved, code, claim) for path, code, claim in baseline if path == shown}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check articles' figures against the rules and each other")
    p.add_argument(
        "paths",
        nargs="*",
        help="articles or folders to check (default: paths in the configuration); '-' reads one from standard input",
    )
    add_corpus(p)
    add_min_confidence(p)
    p.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the name of the article read from standard input: shown in findings, its suffix picks the format",
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the excludes to files named on the command line too (for pre-commit and editors)",
    )
    p.add_argument(
        "--rules", help="folder of project rule files over the default ones (default: rules/ beside the configuration)"
    )
    p.add_argument("--isolated", action="store_true", help="only the package's default rules; ignore configuration")
    p.add_argument("--format", choices=FORMATS, default=None, help="output format (default: text)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--fail-on", choices=FAIL_ON, default=None, help="lowest severity that exits 1 (default: error)")
    p.add_argument(
        "--select", action="append", help="only these codes, comma-separated (prefixes allowed; ALL is every code)"
    )
    p.add_argument(
        "--extend-select", action="append", help="these codes too, over the selection (of the configuration)"
    )
    p.add_argument(
        "--ignore",
        action="append",
        help="never these codes, comma-separated (prefixes allowed; ALL); a more specific --select wins",
    )
    p.add_argument("--baseline", help="report only findings not in this baseline file")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline")
    p.add_argument("--verdicts", help="verdicts file from 'figures worksheet --import'")
    p.add_argument("--exclude", action="append", help="glob of files a folder walk skips")
    p.add_argument(
        "--config", help="configuration file (default: the nearest figures.toml or pyproject.toml, here or above)"
    )
    p.add_argument("--no-summary", action="store_true", help="text format: leave out the summary line")
    p.add_argument("--statistics", action="store_true", help="print how many findings of each code, not the findings")
    p.add_argument(
        "-q",
        "--quiet",
        action="count",
        default=0,
        help="print only the findings; -qq prints nothing, the exit code tells",
    )
    p.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour the text format: auto (a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never",
    )
    add_diff_options(p)
    add_run_options(p)
    add_show_options(p)
    p.set_defaults(func=cmd_check)
