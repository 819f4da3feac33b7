"""``figures report``: the discrepancy report, as HTML or as Markdown for a pull request comment."""

from __future__ import annotations

import argparse
import sys

from figures.cli.common import ExitCode, error_line
from figures.cli.options import add_report_options, checked_run
from figures.outputs import write_output


def cmd_report(args: argparse.Namespace) -> int:
    from figures.outputs.html import format_html
    from figures.outputs.markdown import format_markdown
    from figures.outputs.problems import Focus

    fmt = args.format or _format_of(args.output)
    result, rulebook = checked_run(args, _bounds(args, fmt))
    for err in result.missing:
        error_line(str(err))
    output = args.output or ("report.html" if fmt == "html" else None)
    if result.missing and output:
        error_line(f"{output} not written: fix the path(s) above; the previous file, if any, is unchanged")
        return ExitCode.ERROR
    if not _known_story(result, args.story, output):
        return ExitCode.ERROR
    focus = Focus(args.story, args.measure)
    checked = list(args.paths)
    if fmt == "html":
        text = format_html(result, rulebook, focus, checked=checked)
    elif fmt == "claimreview":
        from figures.outputs.claimreview import format_claimreview

        text = format_claimreview(result, args.publisher or "")
    else:
        text = format_markdown(result, rulebook, focus=focus, checked=checked)
    write_output(text, output)
    if output:
        from figures.outputs.wording import counted

        counts = result.counts()
        figures = result.totals.figures if result.totals is not None else len(result.claims)
        print(
            f"figures: wrote {output}: {counted(len(result.articles), 'article')}, "
            f"{counted(figures, 'figure')}, {counted(len(result.findings), 'finding')} "
            f"({counts['error']:,} error, {counts['warning']:,} warning)",
            file=sys.stderr,
        )
    return ExitCode.ERROR if result.missing else ExitCode.OK


def _bounds(args: argparse.Namespace, fmt: str):
    """What the run keeps for the report: what it shows (problems first, the rest counted); all with a focus.

    A report of one story or measure lists it whole, and ClaimReview reads every claim
    a checker decided.
    """
    from figures.outputs import problems
    from figures.outputs.wording import value_text
    from figures.runtime.shown import Bounds

    if args.story is not None or args.measure is not None or fmt == "claimreview":
        return None
    return Bounds(
        sample=0, rows=problems.ROWS_SHOWN, groups=problems.GROUPS_LISTED, value_text=value_text, flagged=False
    )


def _format_of(output: str | None) -> str:
    """The format an output file's name asks for: .md Markdown, .jsonld ClaimReview, else HTML."""
    name = (output or "").lower()
    if name.endswith(".md"):
        return "md"
    return "claimreview" if name.endswith(".jsonld") else "html"


def _known_story(result, story: str | None, output: str | None) -> bool:
    """Whether ``--story`` names a story of this run (or none was asked for); if not, says so in one line."""
    from figures.outputs.problems import story_ids

    if story is None or story in story_ids(result):
        return True
    error_line(
        f"--story {story}: no story of this run has that id; the report names each story's id "
        f"(figures report without --story){'; ' + output + ' not written' if output else ''}"
    )
    return False


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the discrepancy report (HTML, or Markdown for a PR comment)")
    p.add_argument("paths", nargs="+", help="articles or folders")
    p.add_argument(
        "--format",
        choices=("html", "md", "claimreview"),
        default=None,
        help="html (default), md for a pull request comment, or claimreview: the claims a checker marked "
        "confirmed or incorrect, as schema.org ClaimReview JSON-LD (default from -o: .md, .jsonld)",
    )
    p.add_argument(
        "-o", "--output", help="output file (default: report.html; Markdown and ClaimReview go to standard output)"
    )
    p.add_argument(
        "--publisher", metavar="NAME", help="with --format claimreview: the fact-checking organisation, as its author"
    )
    p.add_argument("--story", metavar="ID", help="show only this story (its id, st-...), every claim of it")
    p.add_argument(
        "--measure", metavar="NAME", help="show only the groups of this measure (its name), every claim of them"
    )
    add_report_options(p)
    p.set_defaults(func=cmd_report)
