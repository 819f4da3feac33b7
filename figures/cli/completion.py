"""``figures completion bash|zsh|fish``: a shell completion script, generated from the parser by shtab.

The script is built from the same argparse parser the command runs, so every
subcommand and option completes as it is, with nothing to keep in step by hand.
"""

from __future__ import annotations

import argparse

from figures.cli.common import ExitCode
from figures.outputs import write_output

SHELLS = ("bash", "zsh", "fish")


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for ``shell`` (bash, zsh or fish), from the command line's ``parser``."""
    import shtab

    _complete_paths(parser, shtab.FILE, shtab.DIRECTORY)
    return shtab.complete(parser, shell=shell).rstrip("\n") + "\n"


# Arguments that name files, and those that name folders, by their argparse dest.
_FILES = {"paths", "corpus", "config", "output", "baseline", "write_baseline", "verdicts", "old", "new", "import_file"}
_FOLDERS = {"rules", "folder", "write_docs"}


def _complete_paths(parser: argparse.ArgumentParser, files: dict, folders: dict) -> None:
    """Mark the arguments that take paths, in every subcommand, so the shell offers files or folders."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _complete_paths(sub, files, folders)
        elif action.dest in _FILES:
            action.complete = files  # type: ignore[attr-defined]
        elif action.dest in _FOLDERS:
            action.complete = folders  # type: ignore[attr-defined]


def cmd_completion(args: argparse.Namespace) -> int:
    write_output(completion_script(args.shell, args.parser), args.output)
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``figures completion``."""
    p = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description=(
            'Print a completion script. bash: eval "$(figures completion bash)" in ~/.bashrc; '
            'zsh: figures completion zsh > "${fpath[1]}/_figures"; '
            "fish: figures completion fish > ~/.config/fish/completions/figures.fish"
        ),
    )
    p.add_argument("shell", choices=SHELLS)
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_completion)
