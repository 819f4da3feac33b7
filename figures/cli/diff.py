"""``figures diff``: the figures that changed between two versions of a story."""

from __future__ import annotations

import argparse

from figures.cli.common import ExitCode, failing
from figures.cli.config import FAIL_ON, FORMATS
from figures.core.errors import UsageError
from figures.outputs import format_findings, write_output


def cmd_diff(args: argparse.Namespace) -> int:
    from figures.checks.diff import diff_articles
    from figures.core.errors import InputError
    from figures.ingest import read_article

    try:
        old, new = read_article(args.old), read_article(args.new)
    except InputError as err:
        raise UsageError(str(err)) from None
    findings = diff_articles(old, new, include_same=args.all)
    write_output(format_findings(findings, args.format or "text"), args.output)
    return ExitCode.FINDINGS if failing(findings, args.fail_on) else ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("diff", help="list the figures that changed between two versions of a story")
    d.add_argument("old", help="the earlier version (original, draft)")
    d.add_argument("new", help="the later version (rewrite, published text)")
    d.add_argument("--format", choices=FORMATS, default=None)
    d.add_argument("-o", "--output")
    d.add_argument("--all", action="store_true", help="also list figures reworded with the same value")
    d.add_argument("--fail-on", choices=FAIL_ON, default="error")
    d.set_defaults(func=cmd_diff)
