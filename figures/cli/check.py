"""``figures check``: check articles' figures against the rules and each other."""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path

from figures.cli.changes import add_diff_options, change_filter
from figures.cli.common import STDIN, ExitCode, corpus_without, error_line, failing, renamed, stdin_article
from figures.cli.config import FAIL_ON, FORMATS, Config, load_config
from figures.cli.options import (
    add_corpus,
    add_min_confidence,
    add_run_options,
    index_from,
    resolve_rules,
    runner_from,
    walk_from,
    with_min_confidence,
)
from figures.cli.selection import engine_codes, known_or_all, per_file_ignored
from figures.cli.show import add_show_options, settings_text, show_files
from figures.core.errors import FiguresError, UsageError
from figures.ingest import NOT_ARTICLES
from figures.model import Finding
from figures.outputs import format_findings, write_output
from figures.outputs.terminal import COLOR_CHOICES, colour_text, wants_colour


def _split_codes(values: list[str] | None, option: str = "") -> list[str]:
    """Codes given to an option, comma-separated; a code that names no finding is a usage error."""
    from figures.checks import unknown_codes

    out: list[str] = []
    for v in values or []:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    unknown = unknown_codes(known_or_all(out))
    if unknown:
        raise UsageError(f"{option}: unknown code(s) {', '.join(unknown)}; 'figures codes' lists them all")
    return out


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


def _check(
    args: argparse.Namespace,
    config: Config,
    paths: list[str],
    exclude: tuple[str, ...],
    stdin: tuple[str, str] | None,
) -> int:
    """Run the check over ``paths``; ``stdin`` is (saved file, name shown) when one was read from standard input."""
    from figures.checks.verdicts import verdicts_in_force
    from figures.outputs.statistics import format_statistics
    from figures.rules.loader import load_rulebook
    from figures.runtime.baseline import read_baseline
    from figures.runtime.engine import check

    rulebook = with_min_confidence(load_rulebook(resolve_rules(args.rules, config, args.isolated)), args.min_confidence)
    fmt = args.format = args.format or config.format
    fail_on = args.fail_on or config.fail_on
    corpus = _corpus(args, config, exclude, stdin is not None)
    baseline_path = args.baseline or config.baseline
    baseline = read_baseline(baseline_path) if baseline_path and not args.write_baseline else None
    verdicts = verdicts_in_force(args.verdicts, config.verdicts)
    select, ignore = _codes(args, config)
    on_change = change_filter(args)
    runner = runner_from(args)
    index = index_from(args, rulebook, config)
    try:
        result = check(
            paths,
            rulebook,
            corpus=corpus or None,
            select=select,
            ignore=ignore,
            baseline=baseline if stdin is None else _baseline_for_saved(baseline, stdin),
            verdicts=verdicts,
            exclude=exclude,
            runner=runner,
            index=index,
            progress=not args.quiet,
            keep=False,
            follow_links=args.follow_links,
        )
        if index is not None and stdin is not None:
            index.forget_missing([str(Path(stdin[0]).parent)], [])  # the saved input is no article to keep
    finally:
        if index is not None:
            index.close()
    findings = on_change(result.findings if stdin is None else renamed(result.findings, *stdin))
    findings = per_file_ignored(findings, config.per_file_ignores, config.root)
    for err in result.missing:
        error_line(str(err))
    if args.write_baseline:
        return _write_baseline(findings, bool(result.missing), args)
    if fmt == "sarif":
        return _write_sarif(findings, result, fail_on, args.output)
    if result.missing and args.output and args.output != "-":
        error_line(f"{args.output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    if args.statistics:
        text = format_statistics(findings, fmt)
    else:
        text = format_findings(findings, fmt, not (args.no_summary or args.quiet), result.checked)
        to_terminal = not args.output or args.output == "-"
        if fmt == "text" and to_terminal and wants_colour(args.color, sys.stdout):
            text = colour_text(text, findings)
    write_output(text, args.output)
    if result.missing:
        return ExitCode.ERROR
    return ExitCode.FINDINGS if failing(findings, fail_on) else ExitCode.OK


def _codes(args: argparse.Namespace, config: Config) -> tuple[list[str], list[str]]:
    """The codes the engine selects and ignores: the command line's choices over the configuration's."""
    select = _split_codes(args.select, "--select") or config.select
    ignore = _split_codes(args.ignore, "--ignore") or config.ignore
    extend = _split_codes(args.extend_select, "--extend-select") + config.extend_select
    return engine_codes(select, extend, ignore)


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


def _corpus(args: argparse.Namespace, config: Config, exclude: tuple[str, ...], from_stdin: bool) -> list[str]:
    """The corpus in force; for a buffer read from standard input, without its own saved file."""
    corpus = args.corpus if args.corpus is not None else config.corpus
    if from_stdin and args.stdin_filename and corpus:
        corpus = corpus_without(corpus, args.stdin_filename, exclude, args.follow_links)
    return corpus


def _baseline_for_saved(
    baseline: set[tuple[str, str, str]] | None, stdin: tuple[str, str]
) -> set[tuple[str, str, str]] | None:
    """The baseline with the entries of the name shown moved to the saved file, which the engine sees."""
    if not baseline:
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
