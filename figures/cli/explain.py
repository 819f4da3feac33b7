"""``figures explain CODE`` (what a finding code means and what to do about it, like ``ruff rule``)
and ``figures schema NAME`` (the JSON Schema of a JSON output).

The text comes from the same place as ``docs/codes/`` (:mod:`figures.outputs.docs`), so the
terminal and the documentation say the same thing.
"""

from __future__ import annotations

import argparse
import json

from figures.cli.common import ExitCode
from figures.core.errors import UsageError
from figures.outputs import write_output

EXPLAIN_FORMATS = ("text", "md", "json")


def cmd_explain(args: argparse.Namespace) -> int:
    from figures.outputs.docs import code_page, code_text, explain

    try:
        entry = explain(args.code)
    except KeyError:
        raise UsageError(f"{args.code}: no such finding code; 'figures codes' lists them all") from None
    if args.format == "json":
        text = json.dumps(entry, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "md":
        text = code_page(entry["code"])
    else:
        text = code_text(entry["code"])
    write_output(text, args.output)
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``figures explain``."""
    p = sub.add_parser("explain", help="explain a finding code: what it means, an example, how to fix or suppress it")
    p.add_argument("code", help="a finding code, such as FG301")
    p.add_argument("--format", choices=EXPLAIN_FORMATS, default="text")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_explain)
