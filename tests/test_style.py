"""The code stays as pyproject.toml's ruff settings want it, and its functions stay small.

pyproject.toml selects ruff's complexity (C901, at most 15) and argument (PLR0913, at
most 6) rules with the others; beyond that, at most ten functions of the package may
be over complexity 10, so that a new one over it means splitting an old one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("figures", "tests", "benchmarks")
# Functions of the package allowed over complexity 10: a few parsers and the stages' main loops.
MOST_OVER_TEN = 10

pytest.importorskip("ruff", reason="ruff checks the style: pip install 'figures[test]'")


def _ruff(*args: str) -> list[dict]:
    """What ``ruff check`` finds with ``args``, from the project's folder and its pyproject.toml."""
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "json", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if done.returncode not in (0, 1):  # 2: ruff itself failed (a bad setting, an unreadable file)
        pytest.fail(f"ruff check {' '.join(args)} failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def _over_ten(*paths: str) -> list[dict]:
    """The functions in ``paths`` over complexity 10."""
    return _ruff("--select", "C901", "--config", "lint.mccabe.max-complexity=10", *paths)


def _lines(found: list[dict]) -> str:
    return "\n".join(
        f"{Path(f['filename']).relative_to(ROOT) if Path(f['filename']).is_relative_to(ROOT) else f['filename']}:"
        f"{f['location']['row']}: {f['code']} {f['message']}"
        for f in found
    )


def test_ruff_finds_nothing():
    found = _ruff(*CHECKED)
    assert not found, f"ruff check {' '.join(CHECKED)} finds:\n{_lines(found)}"


def test_ruff_format_leaves_every_file_as_it_is():
    done = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--no-cache", "--check", *CHECKED],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, f"ruff format would change:\n{done.stdout}{done.stderr}"


def test_few_functions_of_the_package_are_over_complexity_ten():
    found = _over_ten("figures")
    assert len(found) <= MOST_OVER_TEN, (
        f"{len(found)} functions are over complexity 10, at most {MOST_OVER_TEN} may be; split one:\n{_lines(found)}"
    )


def _function(name: str, branches: int, arguments: int) -> str:
    """A function of complexity ``branches + 1`` that takes ``arguments`` arguments."""
    params = ", ".join(f"a{n}" for n in range(arguments))
    body = "".join(f"    if a0 == {n}:\n        return {n}\n" for n in range(branches))
    return f"def {name}({params}):\n{body}    return -1\n"


def test_the_limits_catch_what_they_are_for(tmp_path):
    module = tmp_path / "tangled.py"
    module.write_text(
        _function("tangled", 15, 7) + "\n\n" + _function("branchy", 11, 2) + "\n\n" + _function("plain", 3, 6)
    )
    found = _ruff("--config", str(ROOT / "pyproject.toml"), str(module))
    assert sorted((f["code"], f["message"].split("`")[1] if "`" in f["message"] else "") for f in found) == [
        ("C901", "tangled"),
        ("PLR0913", ""),
    ]
    assert found[0]["location"]["row"] == found[1]["location"]["row"] == 1
    over = _over_ten("--config", str(ROOT / "pyproject.toml"), str(module))
    assert sorted(f["message"].split("`")[1] for f in over) == ["branchy", "tangled"]
