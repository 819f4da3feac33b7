"""Generated archives for the report's tests at scale, made once per test module."""

from __future__ import annotations

from pathlib import Path

from tests.generated import generate

ROOT = Path(__file__).resolve().parents[2]


def archive(tmp_path_factory, count: int, conflict_every: int = 10) -> Path:
    """``count`` generated articles with one planted conflict in every ``conflict_every`` stories."""
    folder = tmp_path_factory.mktemp(f"archive{count}-{conflict_every}")
    generate(folder, count, seed=1, conflict_every=conflict_every)
    return folder
