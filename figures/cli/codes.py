"""``figures codes``: list the finding codes, or write their documentation pages."""

from __future__ import annotations

import argparse
from pathlib import Path

from figures.cli.common import ExitCode
from figures.outputs import write_output


def cmd_codes(args: argparse.Namespace) -> int:
    from figures.outputs.docs import code_pages, codes_markdown

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
    c = sub.add_parser("codes", help="list finding codes, or write their documentation")
    c.add_argument("--format", choices=("text", "md"), default="text")
    c.add_argument("-o", "--output")
    c.add_argument("--write-docs", metavar="DIR", help="write one Markdown page per code, and an index, into DIR")
    c.set_defaults(func=cmd_codes)
