"""Paths as code-scanning dashboards and CI annotations place them: relative to the repository root.

GitHub places an alert by its path in the repository, whatever folder the check ran
in. The root is the nearest folder at or above the working folder that holds ``.git``;
with none, the nearest that holds figures' configuration (``figures.toml``, or a
``pyproject.toml`` with a ``[tool.figures]`` table); with neither, the working folder.
A path outside the root stays absolute.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

_FIGURES_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*figures\s*[\].]", re.MULTILINE)


def _has_figures_table(pyproject: Path) -> bool:
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as handle:
            return bool(_FIGURES_TABLE.search(handle.read(1024 * 1024)))
    except OSError:
        return False


def _configured(folder: Path) -> bool:
    if (folder / "figures.toml").is_file():
        return True
    pyproject = folder / "pyproject.toml"
    return pyproject.is_file() and _has_figures_table(pyproject)


def repository_root(start: str | None = None) -> Path:
    """The folder paths are given relative to, found from ``start`` (default: the working folder)."""
    here = Path(os.path.abspath(start or os.getcwd()))
    folders = (here, *here.parents)
    for folder in folders:
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    for folder in folders:
        if _configured(folder):
            return folder
    return here


def in_repository(path: str, root: Path) -> PurePosixPath | None:
    """``path`` relative to ``root``, in ``/`` form; ``None`` when it lies outside the root."""
    relative = os.path.relpath(os.path.abspath(path), root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return PurePosixPath(Path(relative).as_posix())


def repository_path(path: str, root: Path) -> str:
    """``path`` relative to ``root`` where it lies inside it, else the absolute path."""
    inside = in_repository(path, root)
    return str(inside) if inside is not None else os.path.abspath(path)
