"""Only the findings a change brought: ``--diff-base REF`` and ``--filter-mode added|file``.

As reviewdog's filter modes: ``added`` keeps a finding on a line the change added or
rewrote, ``file`` one in a file the change touched. The change is the working tree
against the point where it left ``REF`` (``git diff --merge-base REF``: what a pull
request adds to its base branch, uncommitted edits included), and files git does not
track yet count as added whole. A disagreement has two sides: it is kept when either
side is on the change, since a new story that contradicts the archive is the change's
finding wherever the check carries it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from figures.core.errors import UsageError
from figures.model import Finding

FILTER_MODES = ("added", "file")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_TIMEOUT = 120


@dataclass
class Change:
    """The files a change touched (by absolute path) and, for each, the lines it added or rewrote."""

    lines: dict[str, set[int]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)  # untracked files: every line is new

    def touches(self, path: str, line: int | None, mode: str) -> bool:
        where = os.path.realpath(path)
        if where in self.whole:
            return True
        if mode == "file":
            return where in self.lines
        return line is not None and line in self.lines.get(where, ())


def add_diff_options(p: argparse.ArgumentParser) -> None:
    """``--diff-base REF`` and ``--filter-mode added|file``."""
    p.add_argument(
        "--diff-base",
        metavar="REF",
        help="report only findings on what changed since REF (a branch, tag or commit; git diff --merge-base REF)",
    )
    p.add_argument(
        "--filter-mode",
        choices=FILTER_MODES,
        default=None,
        help="with --diff-base: findings on lines added or rewritten (added, the default) or in changed files (file)",
    )


def _git(args: list[str], cwd: Path, base: str) -> str:
    git = shutil.which("git")
    if git is None:
        raise UsageError(f"--diff-base {base}: git is not installed; install it or leave out --diff-base")
    try:
        out = subprocess.run([git, "-c", "core.quotePath=false", *args], cwd=cwd, capture_output=True, timeout=_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--diff-base {base}: git could not run ({exc})") from None
    if out.returncode != 0:
        reason = (out.stderr.decode("utf-8", "replace").strip().splitlines() or ["git failed"])[-1]
        raise UsageError(f"--diff-base {base}: {reason}; name a branch, tag or commit of this repository")
    return out.stdout.decode("utf-8", "surrogateescape")


def _added_lines(patch: str, top: Path) -> dict[str, set[int]]:
    """Each file of a ``--unified=0`` patch, with the lines of the new version its hunks added."""
    lines: dict[str, set[int]] = {}
    current: set[int] | None = None
    for row in patch.splitlines():
        if row.startswith("+++ "):
            name = row[4:]
            current = None if name == "/dev/null" else lines.setdefault(os.path.realpath(top / name[2:]), set())
        elif current is not None and (hunk := _HUNK.match(row)):
            start, count = int(hunk.group(1)), int(hunk.group(2) or 1)
            current.update(range(start, start + count))
    return lines


def changed_since(base: str, cwd: Path | None = None) -> Change:
    """What the working tree changed since it left ``base``; a usage error when git cannot tell."""
    cwd = cwd or Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, base).strip())
    patch = _git(["diff", "--merge-base", "--unified=0", "--no-color", "--no-ext-diff", base, "--"], top, base)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top, base)
    change = Change(lines=_added_lines(patch, top))
    change.whole = {os.path.realpath(top / name) for name in untracked.split("\0") if name}
    return change


def _kept(f: Finding, change: Change, mode: str) -> bool:
    sides = [(f.path, f.line), *((r.path, r.line) for r in f.related)]
    return any(change.touches(path, line, mode) for path, line in sides)


def change_filter(args: argparse.Namespace) -> Callable[[list[Finding]], list[Finding]]:
    """What keeps the findings on the change ``--diff-base`` names (all of them without it).

    The change is read before the check runs, so a base git does not know costs no check.
    """
    base, mode = getattr(args, "diff_base", None), getattr(args, "filter_mode", None)
    if not base:
        if mode:
            raise UsageError("--filter-mode says which changes count; give it with --diff-base REF")
        return list
    change = changed_since(base)
    return lambda findings: [f for f in findings if _kept(f, change, mode or "added")]
