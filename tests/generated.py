"""Generated archives for tests, from the benchmarks' generator (``benchmarks/generate.py``), loaded once."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
_NAME = "figures_benchmarks_generate"


def _load():
    if _NAME in sys.modules:
        return sys.modules[_NAME]
    spec = importlib.util.spec_from_file_location(_NAME, _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_NAME] = module  # its dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


_generator = _load()
generate = _generator.generate
restated = _generator.restated
