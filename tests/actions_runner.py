"""Run the ``run:`` steps of a GitHub Actions step list as the runner does, for the tests.

A step's ``${{ ... }}`` expressions of the kinds figures' action and README use
(``inputs.*``, ``github.*``, ``steps.*.outputs.*``, ``matrix``-free) are replaced by
their values; a ``run:`` step runs in ``bash --noprofile --norc -eo pipefail`` (the
runner's ``shell: bash``) with its ``env:``, ``GITHUB_OUTPUT`` and ``GITHUB_ACTION_PATH``;
``uses:`` steps are not run but returned with their ``with:`` values, for the test to check.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")
_BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]


@dataclass
class Run:
    """What running a step list did: each ``run:`` step's result, each ``uses:`` step as written."""

    results: dict[str, subprocess.CompletedProcess] = field(default_factory=dict)
    uses: list[dict] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    failed: str | None = None  # the name of the first step that failed


@dataclass
class Runner:
    """A job's context: the workspace, the inputs of the action, the event, the environment."""

    workspace: Path
    inputs: dict[str, str] = field(default_factory=dict)
    github: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)

    def value(self, expression: str, outputs: dict[str, dict[str, str]]) -> str:
        kind, _, rest = expression.partition(".")
        if kind == "inputs":
            return self.inputs.get(rest, "")
        if kind == "github":
            return self.github.get(rest, "")
        if kind == "steps":
            step, _, output = rest.partition(".outputs.")
            return outputs.get(step, {}).get(output, "")
        raise AssertionError(f"the test runner does not evaluate ${{{{ {expression} }}}}")

    def substitute(self, text: str, outputs: dict[str, dict[str, str]]) -> str:
        return _EXPRESSION.sub(lambda m: self.value(m.group(1), outputs), text)

    def run_step(self, step: dict, name: str, outputs: dict[str, dict[str, str]]) -> subprocess.CompletedProcess:
        output_file = self.workspace.parent / f"github-output-{abs(hash(name))}"
        output_file.write_text("", encoding="utf-8")
        env = {**os.environ, **self.env, "GITHUB_OUTPUT": str(output_file), "GITHUB_WORKSPACE": str(self.workspace)}
        env["GITHUB_ACTION_PATH"] = self.github.get("action_path", "")
        env.update({k: self.substitute(str(v), outputs) for k, v in (step.get("env") or {}).items()})
        script = self.substitute(step["run"], outputs)
        cwd = self.workspace / step.get("working-directory", ".")
        result = subprocess.run([*_BASH, "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
        if step.get("id"):
            pairs = (line.partition("=") for line in output_file.read_text(encoding="utf-8").splitlines())
            outputs[step["id"]] = {key: value for key, _, value in pairs}
        return result

    def run_steps(self, steps: list[dict]) -> Run:
        """Every step in order; after a failure only those marked ``if: always()`` run, as on the runner."""
        run = Run()
        for number, step in enumerate(steps):
            name = step.get("name") or step.get("uses") or step.get("run", f"step {number}").strip()
            if run.failed and "always()" not in str(step.get("if", "")):
                continue
            if "uses" in step:
                with_values = {k: self.substitute(str(v), run.outputs) for k, v in (step.get("with") or {}).items()}
                run.uses.append({"uses": step["uses"], "if": str(step.get("if", "")), "with": with_values})
                continue
            result = self.run_step(step, name, run.outputs)
            run.results[name] = result
            if result.returncode != 0 and not run.failed:
                run.failed = name
        return run
