"""`pytest` alone is the quick loop; .ci/run runs it and then every test it leaves out, so CI runs them all."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pytest_options() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["pytest"]["ini_options"]


def _left_out() -> list[str]:
    """The markers the default run deselects, from its ``-m 'not (a or b ...)'``."""
    args = shlex.split(_pytest_options()["addopts"])
    found = re.fullmatch(r"not \(([\w ]+)\)", args[args.index("-m") + 1])
    assert found, "addopts should deselect with -m 'not (marker or marker ...)'"
    return found.group(1).split(" or ")


def test_the_default_run_leaves_out_exactly_the_registered_markers():
    registered = [line.split(":")[0] for line in _pytest_options()["markers"]]
    assert sorted(_left_out()) == sorted(registered)
    assert "--strict-markers" in _pytest_options()["addopts"]  # a misspelt marker fails instead of running by default


def test_ci_runs_the_readme_command_then_every_test_it_left_out():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"To run the\s+tests:\s+```\n(.+)\n```", readme).group(1)
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line.strip()]
    runs = [line for line in lines if re.match(r"(pip install .* && )?pytest\b", line)]
    assert runs[0] == command.replace("pip install ", "pip install -q ")
    rest = re.fullmatch(r"pytest (?:-n 0 )?-m '([\w ]+)'", runs[1])
    assert rest and sorted(rest.group(1).split(" or ")) == sorted(_left_out())
    assert len(runs) == 2
