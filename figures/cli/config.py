"""The configuration as the command line reads it: :mod:`figures.api.config`, with its output formats checked.

The library and the command line share the reading of ``figures.toml`` and
``[tool.figures]``; only the command line writes an output, so only it knows the formats.
"""

from __future__ import annotations

from pathlib import Path

from figures.api.config import FAIL_ON, Config, find_config
from figures.api.config import load_config as _load_config
from figures.outputs import FINDINGS_FORMATS

FORMATS = tuple(FINDINGS_FORMATS)

__all__ = ["FAIL_ON", "FORMATS", "Config", "find_config", "load_config"]


def load_config(explicit: str | None = None, cwd: Path | None = None) -> Config:
    """The configuration in force (:func:`figures.api.config.load_config`), its ``format`` one of :data:`FORMATS`."""
    return _load_config(explicit, cwd, FORMATS)
