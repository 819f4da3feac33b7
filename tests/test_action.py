"""The GitHub Action (action.yml) and the README's workflows, run step by step as the runner runs them.

The ``run:`` steps run in a scratch newsroom repository with bash, the inputs and
expressions filled in (tests/actions_runner.py); ``uses:`` steps are checked, not run.
figures is installed by the action's own install step into a scratch environment whose
other packages are this one's, so the step really builds and installs the package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from tests.actions_runner import Runner
from tests.newsroom import GIT, PRICES_1, PRICES_2, TERM_NEW, TERM_OLD, git

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.e2e, pytest.mark.skipif(GIT is None, reason="git is not installed")]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
TAG = "v0.3.0"


def readme_workflow(marker: str) -> dict:
    """The README's ```yaml block holding ``marker``, parsed: the documentation is what is run."""
    blocks = re.findall(r"```yaml\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    found = [b for b in blocks if marker in b and "jobs:" in b]
    assert len(found) == 1, f"README.md should have one workflow with {marker!r}"
    return yaml.safe_load(found[0])


def source_tree(folder: Path) -> Path:
    folder.mkdir()
    for name in ("pyproject.toml", "README.md", "action.yml", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "figures", folder / "figures", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return folder


@pytest.fixture(scope="module")
def action_checkout(tmp_path_factory) -> Path:
    """The action as the runner fetches it for ``uses: ...@v0.3.0``: the tree at the tag, without git."""
    return source_tree(tmp_path_factory.mktemp("action") / "figures")


@pytest.fixture(scope="module")
def tagged_clone(tmp_path_factory) -> Path:
    """A clone of the repository at a release tag."""
    folder = source_tree(tmp_path_factory.mktemp("clone") / "figures")
    git("init", "-q", cwd=folder)
    git("add", "-A", cwd=folder)
    git("commit", "-qm", "figures", cwd=folder)
    git("tag", TAG, cwd=folder)
    return folder


@pytest.fixture(scope="module")
def python_env(tmp_path_factory) -> dict[str, str]:
    """A fresh virtual environment that sees this one's packages (but not its figures) through a .pth file,
    so installing figures there builds it and installs it alone, as on a runner with a warm pip cache."""
    venv = tmp_path_factory.mktemp("runner") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (purelib / "runner-packages.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    path = f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    return {"PATH": path, "VIRTUAL_ENV": str(venv), "PYTHONPATH": "", "GIT_CONFIG_GLOBAL": os.devnull}


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A newsroom's repository: its archive and rules on main, where two stories already disagree on inflation."""
    repo = tmp_path / "newsroom"
    (repo / "archive").mkdir(parents=True)
    (repo / "stories").mkdir()
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", repo / "rules")
    (repo / "archive" / "term-old.md").write_text(TERM_OLD, encoding="utf-8")
    (repo / "stories" / "prices-1.md").write_text(PRICES_1, encoding="utf-8")
    (repo / "stories" / "prices-2.md").write_text(PRICES_2, encoding="utf-8")
    (repo / ".gitignore").write_text(".figures/\nfigures.sarif\n", encoding="utf-8")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "archive", cwd=repo)
    git("checkout", "-qb", "new-story", cwd=repo)
    (repo / "stories" / "term-new.md").write_text(TERM_NEW, encoding="utf-8")
    git("add", "-A", cwd=repo)
    git("commit", "-qm", "a new story", cwd=repo)
    return repo


def action_runner(repo: Path, checkout: Path, env: dict[str, str], **inputs: str) -> Runner:
    defaults = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs = {name.replace("_", "-"): value for name, value in inputs.items()}
    unknown = set(inputs) - set(defaults)
    assert not unknown, f"not inputs of action.yml: {unknown}"
    return Runner(repo, {**defaults, **inputs}, {"action_path": str(checkout), "action_ref": TAG}, env)


INSTALL = [s for s in ACTION["runs"]["steps"] if s.get("name") == "Install figures"]
AFTER_INSTALL = [s for s in ACTION["runs"]["steps"] if s.get("name") != "Install figures"]


@pytest.fixture(scope="module")
def installed_env(python_env, action_checkout, tmp_path_factory) -> dict[str, str]:
    """The scratch environment after the action's install step."""
    workspace = tmp_path_factory.mktemp("workspace")
    run = action_runner(workspace, action_checkout, python_env).run_steps(INSTALL)
    installed(run)
    return python_env


def installed(run) -> None:
    result = run.results["Install figures"]
    if result.returncode != 0 and re.search(r"(?i)connection|resolve|network|no matching distribution", result.stderr):
        pytest.skip(f"pip could not fetch the build requirements (offline?): {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(f"figures {TAG[1:]}")  # the version is the tag's


def sarif_uris(path: Path) -> list[str]:
    log = json.loads(path.read_text(encoding="utf-8"))
    return [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]


def test_the_action_installs_checks_against_the_corpus_uploads_and_annotates(newsroom, action_checkout, python_env):
    runner = action_runner(newsroom, action_checkout, python_env, paths="stories/term-new.md", corpus="archive")
    run = runner.run_steps(ACTION["runs"]["steps"])
    installed(run)
    check = run.results["Check the articles"]
    assert check.returncode == 0, check.stderr
    assert run.outputs["check"] == {"exit-code": "1"}
    annotations = [line for line in check.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 1 and annotations[0].startswith("::error file=stories/term-new.md,line=4,")
    assert sarif_uris(newsroom / "figures.sarif") == ["stories/term-new.md"]
    setup, upload = run.uses
    assert setup["uses"].startswith("actions/setup-python@") and setup["with"] == {"python-version": "3.12"}
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"] == {"sarif_file": "figures.sarif", "category": "figures"} and "always()" in upload["if"]
    assert run.failed == "Fail on findings" and run.results["Fail on findings"].returncode == 1


@pytest.fixture(scope="module")
def local_index(tagged_clone, tmp_path_factory) -> Path:
    """A folder of wheels pip reads with --find-links, as a package index before any release is published:
    two versions of figures, so that a pin can be seen to choose one."""
    wheels = tmp_path_factory.mktemp("index")
    for version in ("0.2.9", "0.3.1"):
        built = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(tagged_clone)],
            capture_output=True,
            text=True,
            env={**os.environ, "SETUPTOOLS_SCM_PRETEND_VERSION_FOR_NEWS_FIGURES": version},
        )
        if built.returncode != 0:
            pytest.skip(f"pip could not build the wheel (offline?): {built.stderr[-300:]}")
    return wheels


def test_the_version_input_installs_that_release_from_the_index(newsroom, action_checkout, python_env, local_index):
    """``version: 0.2.9`` installs news-figures 0.2.9 from the index: not the later wheel, not the action's checkout
    (which would be the tag's 0.3.0). pip reads the index from PIP_FIND_LINKS, as a job's env sets a mirror."""
    env = {**python_env, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(local_index)}
    inputs = {"version": "0.2.9", "paths": "stories/term-new.md", "corpus": "archive"}
    run = action_runner(newsroom, action_checkout, env, **inputs).run_steps(ACTION["runs"]["steps"])
    install = run.results["Install figures"]
    assert install.returncode == 0, install.stderr
    assert install.stdout.strip().endswith("figures 0.2.9")
    assert run.outputs["check"] == {"exit-code": "1"}  # and the release installed checks as the checkout does
    assert sarif_uris(newsroom / "figures.sarif") == ["stories/term-new.md"]


def test_a_version_the_index_does_not_have_fails_the_install_step(newsroom, action_checkout, python_env, local_index):
    env = {**python_env, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(local_index)}
    run = action_runner(newsroom, action_checkout, env, version="9.9.9").run_steps(ACTION["runs"]["steps"])
    assert run.failed == "Install figures" and "Check the articles" not in run.results
    assert "news-figures==9.9.9" in run.results["Install figures"].stderr


def test_changed_only_reports_what_the_pull_request_brought(newsroom, action_checkout, installed_env):
    runner = action_runner(newsroom, action_checkout, installed_env, paths="stories", corpus="archive")
    everything = runner.run_steps(AFTER_INSTALL)
    assert everything.outputs["check"] == {"exit-code": "1"}
    assert len(sarif_uris(newsroom / "figures.sarif")) == 2  # the old disagreement and the new one
    runner.inputs["changed-only"] = "added"
    runner.github["event.pull_request.base.sha"] = git("rev-parse", "main", cwd=newsroom).strip()
    changed = runner.run_steps(AFTER_INSTALL)
    assert changed.outputs["check"] == {"exit-code": "1"}
    assert sarif_uris(newsroom / "figures.sarif") == ["stories/term-new.md"]


def test_changed_only_without_a_base_is_an_error_annotation(newsroom, action_checkout, installed_env):
    run = action_runner(newsroom, action_checkout, installed_env, paths="stories", changed_only="file").run_steps(
        AFTER_INSTALL
    )
    assert run.outputs["check"] == {"exit-code": "2"}
    assert "::error title=figures::changed-only needs base-ref" in run.results["Check the articles"].stdout
    assert run.results["Fail on findings"].returncode == 2


def test_the_readme_workflow_with_the_action_names_only_its_inputs():
    workflow = readme_workflow("news-figures/figures@")
    assert workflow["permissions"]["security-events"] == "write"
    (step,) = [s for s in workflow["jobs"]["figures"]["steps"] if s.get("uses", "").startswith("news-figures/")]
    assert set(step["with"]) <= set(ACTION["inputs"])
    assert re.fullmatch(r"news-figures/figures@v\d+\.\d+\.\d+", step["uses"])  # a release tag
    checkout = workflow["jobs"]["figures"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0


def test_the_readme_workflow_without_the_action_runs_and_uploads_always(newsroom, tagged_clone, python_env, tmp_path):
    """Its steps as written; ``pip install news-figures`` finds the package in a local index of one wheel,
    built from a clone at a release tag, whose version is the tag's."""
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(tagged_clone)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip(f"pip could not build the wheel (offline?): {built.stderr[-300:]}")
    assert [w.name for w in wheels.iterdir()] == [f"news_figures-{TAG[1:]}-py3-none-any.whl"]
    workflow = readme_workflow("upload-sarif")
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["figures"]["steps"]
    (newsroom / "stories" / "prices-2.md").unlink()  # one disagreement left: the new story's with the archive
    install = re.search(r"## Install\n.*?```\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert {"run": install.group(1)} in steps  # the install line users are given is the one run here
    env = {**python_env, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}
    run = Runner(newsroom, {}, {}, env).run_steps(steps)
    assert run.results["pip install news-figures"].returncode == 0, run.results["pip install news-figures"].stderr
    annotate = run.results["figures check stories --corpus archive --format github"]
    assert annotate.returncode == 1 and annotate.stdout.startswith("::error file=stories/term-new.md,line=4,")
    assert run.failed == "figures check stories --corpus archive --format github"
    assert sarif_uris(newsroom / "figures.sarif") == ["stories/term-new.md"]  # written after the failure
    (upload,) = [u for u in run.uses if "upload-sarif" in u["uses"]]
    assert upload["if"] == "always()" and upload["with"]["sarif_file"] == "figures.sarif"
