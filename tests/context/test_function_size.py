"""The context stage's functions stay small enough to read: ruff's complexity and argument limits.

Readers of a figure take one ``FigureContext`` rather than its offsets one by one, and a
long chain of steps is split into named functions; these limits keep it so. The story
grouping (``stories.py``) is measured by the package-wide limits only.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONTEXT = Path(__file__).resolve().parents[2] / "figures" / "context"
MAX_COMPLEXITY = 10
MAX_ARGUMENTS = 6


def _ruff() -> str:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (pip install ruff)")
    return ruff


def _too_big(*files: Path) -> list[str]:
    done = subprocess.run(
        [
            _ruff(),
            "check",
            "--isolated",
            "--select",
            "C901,PLR0913",
            "--config",
            f"lint.mccabe.max-complexity={MAX_COMPLEXITY}",
            "--config",
            f"lint.pylint.max-args={MAX_ARGUMENTS}",
            "--output-format",
            "concise",
            *map(str, files),
        ],
        capture_output=True,
        text=True,
    )
    return [line for line in done.stdout.splitlines() if "C901" in line or "PLR0913" in line]


def test_no_context_function_is_too_complex_or_takes_too_many_arguments():
    files = sorted(p for p in CONTEXT.glob("*.py") if p.name != "stories.py")
    assert _too_big(*files) == []


def test_the_limits_catch_a_function_over_them(tmp_path):
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(MAX_COMPLEXITY + 1))
    big = tmp_path / "big.py"
    big.write_text(f"def f(x, a, b, c, d, e, g):\n{branches}    return 0\n", encoding="utf-8")
    found = _too_big(big)
    assert any("C901" in line for line in found) and any("PLR0913" in line for line in found)
