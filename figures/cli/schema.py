"""``figures schema``: the JSON Schema of each JSON output."""

from __future__ import annotations

import argparse

from figures.cli.common import ExitCode
from figures.core.errors import UsageError
from figures.outputs import write_output


def cmd_schema(args: argparse.Namespace) -> int:
    from figures.outputs.schemas import names, schema_text

    if args.name is None:
        write_output("\n".join(names()) + "\n", args.output)
        return ExitCode.OK
    try:
        text = schema_text(args.name)
    except KeyError:
        raise UsageError(f"{args.name}: no such schema; one of: {', '.join(names())}") from None
    write_output(text, args.output)
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``figures schema``."""
    p = sub.add_parser("schema", help="print the JSON Schema of a JSON output (without a name: list them)")
    p.add_argument("name", nargs="?", help="check-json, statistics-json, extract-jsonl, explain-json or baseline")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_schema)
