"""What a folder walk leaves out, as a linter's walk does: what ``.gitignore`` names, hidden folders, node_modules.

A newsroom's repository holds more than articles: a virtual environment, installed
JavaScript packages, caches, drafts it keeps out of git. A walk skips folders whose
name starts with a dot (``.git``, ``.venv``, ``.figures``) and ``node_modules``,
unless :attr:`WalkOptions.include_hidden`; and, unless
:attr:`WalkOptions.respect_gitignore` is off, every file and folder that a
``.gitignore`` names, as git reads them (pathspec): the ``.gitignore`` files of the
folders from the repository root (the nearest folder above with ``.git``) down to the
folder walked, and those of the folders below it, a deeper file overriding a
shallower one. The repository's ``.git/info/exclude`` holds too. The folder a walk
starts from, and a file named on the command line, are always read.

The options are in force for the process, as the resource limits are: the command
line sets them from its flags and configuration before it walks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pathspec

# Folders no walk enters unless asked, besides hidden ones: installed packages, never articles.
SKIPPED_FOLDERS = frozenset({"node_modules"})


@dataclass(frozen=True)
class WalkOptions:
    """What a folder walk leaves out."""

    respect_gitignore: bool = True
    include_hidden: bool = False

    @property
    def marker(self) -> tuple[str, ...]:
        """Words that name these options where they differ from the defaults (a walk's name in the index)."""
        return tuple(
            word
            for word, differs in (
                ("--no-respect-gitignore", not self.respect_gitignore),
                ("--include-hidden", self.include_hidden),
            )
            if differs
        )


_current = WalkOptions()


def configure(options: WalkOptions) -> None:
    """Put these options in force for the walks of this process."""
    global _current
    _current = options


def current() -> WalkOptions:
    """The options in force."""
    return _current


def skipped_folder(name: str) -> bool:
    """Whether a walk leaves out a folder of this name, whatever ``.gitignore`` says."""
    return not _current.include_hidden and (name.startswith(".") or name in SKIPPED_FOLDERS)


# The ignore files of one folder: its own .gitignore, with the folder it is relative to.
Layer = tuple[str, pathspec.GitIgnoreSpec]


def _spec(file: str) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read(1024 * 1024).splitlines()
    except OSError:  # no such file, or a folder of that name: nothing ignored
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines) if lines else None


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():  # a folder, or a file in a worktree or submodule
            return candidate
    return None


def layers_above(root: str) -> list[Layer]:
    """The ignore files that hold for a walk of ``root``: its repository's, from the top down to ``root``."""
    if not _current.respect_gitignore:
        return []
    here = Path(os.path.abspath(root))
    top = _repository_root(here)
    folders = [here]
    if top is not None:  # from the repository's root down to the folder walked
        between = here.relative_to(top).parents[:-1]
        folders = list(dict.fromkeys([top, *(top / p for p in reversed(between)), here]))
    out: list[Layer] = []
    if top is not None and (top / ".git").is_dir():
        spec = _spec(str(top / ".git" / "info" / "exclude"))
        if spec is not None:
            out.append((str(top), spec))
    for folder in folders:
        spec = _spec(str(folder / ".gitignore"))
        if spec is not None:
            out.append((str(folder), spec))
    return out


def layer_of(folder: str) -> Layer | None:
    """The ignore file of a folder met during the walk, if it has one and they are respected."""
    if not _current.respect_gitignore:
        return None
    spec = _spec(os.path.join(folder, ".gitignore"))
    return None if spec is None else (os.path.abspath(folder), spec)


def walk_layers(folder: str, child: str, layers: list[Layer]) -> list[Layer] | None:
    """The ignore files that hold under ``child``, a folder in ``folder`` under ``layers``; ``None``: skip it."""
    path = os.path.join(folder, child)
    if skipped_folder(child) or ignored(path, layers, is_folder=True):
        return None
    own = layer_of(path)
    return layers if own is None else [*layers, own]


def ignored(path: str, layers: list[Layer], is_folder: bool = False) -> bool:
    """Whether the ignore files ``layers`` (shallowest first) leave ``path`` out; the deepest that speaks decides."""
    full = os.path.abspath(path)
    verdict = False
    for base, spec in layers:
        # every base is an absolute folder above the path (os.path.relpath costs more than the match)
        prefix = base.rstrip(os.sep) + os.sep
        if not full.startswith(prefix):
            continue
        relative = full[len(prefix) :]
        result = spec.check_file(relative.replace(os.sep, "/") + ("/" if is_folder else ""))
        if result.include is not None:
            verdict = result.include
    return verdict
