"""Which codes a check reports: :mod:`figures.api.selection`, which the library and the command line share."""

from __future__ import annotations

from figures.api.selection import ALL, engine_codes, known_or_all, per_file_ignored

__all__ = ["ALL", "engine_codes", "known_or_all", "per_file_ignored"]
