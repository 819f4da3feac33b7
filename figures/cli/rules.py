"""``figures rules check``: validate a folder of rule files."""

from __future__ import annotations

import argparse

from figures.cli.common import ExitCode


def cmd_rules_check(args: argparse.Namespace) -> int:
    from figures.rules.loader import load_rulebook

    rulebook = load_rulebook(args.folder)
    facts = sum(len(r.settings.get("facts", [])) for r in rulebook.rules_of("reference"))
    print(
        f"{args.folder}: {len(rulebook.entities)} entities, {len(rulebook.measures)} measures, "
        f"{len(rulebook.rules)} rule files, {facts} reference facts (with the default rules): ok"
    )
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("rules", help="work with rule files")
    rsub = r.add_subparsers(dest="rules_command", metavar="COMMAND")
    rsub.required = True
    rc = rsub.add_parser("check", help="validate a folder of rule files")
    rc.add_argument("folder", nargs="?", default="rules")
    rc.set_defaults(func=cmd_rules_check)
