"""Generated archives for the report's tests at scale, made once per test module."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def archive(tmp_path_factory, count: int, conflict_every: int = 10) -> Path:
    """``count`` generated articles with one planted conflict in every ``conflict_every`` stories."""
    folder = tmp_path_factory.mktemp(f"archive{count}-{conflict_every}")
    generate(folder, count, seed=1, conflict_every=conflict_every)
    return folder
