"""What the package declares: its name on the index, its version from the git tag, its dependencies."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
DISTRIBUTION = "news-figures"


def requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def imported_top_level(folder: Path) -> set[str]:
    """Every top-level module any file under ``folder`` imports, wherever in the file."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_the_distribution_has_a_name_of_its_own_and_the_command_stays_figures():
    assert PROJECT["name"] == DISTRIBUTION
    assert PROJECT["scripts"] == {"figures": "figures.cli:main"}


def test_the_version_comes_from_the_git_tag_with_a_fallback():
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    assert any(requirement_name(r) == "setuptools-scm" for r in PYPROJECT["build-system"]["requires"])
    scm = PYPROJECT["tool"]["setuptools_scm"]
    assert Version(scm["fallback_version"]).is_devrelease  # a tree with no git builds, never as a release


def test_the_version_the_package_reports_is_the_installed_one(monkeypatch):
    import importlib
    from importlib import metadata

    import figures

    monkeypatch.setattr(metadata, "version", lambda name: "9.8.7" if name == DISTRIBUTION else metadata.version(name))
    try:
        assert importlib.reload(figures).__version__ == "9.8.7"
    finally:
        monkeypatch.undo()
        importlib.reload(figures)


def test_the_package_says_it_is_typed():
    assert (ROOT / "figures" / "py.typed").is_file()
    assert "py.typed" in PYPROJECT["tool"]["setuptools"]["package-data"]["figures"]


# A distribution's import name where it differs from its name on the index.
IMPORT_NAMES = {"pyyaml": "yaml", "lxml-html-clean": "lxml_html_clean", "jinja2": "jinja2"}
# Required at run time without an import of their own name: lxml_html_clean is what trafilatura's
# lxml needs to clean HTML (lxml.html.clean moved out of lxml), quantulum3 is read as a data file
# (its unit lexicon, found with importlib.util.find_spec).
NOT_IMPORTED = {"lxml-html-clean"}


@pytest.mark.e2e  # a fresh interpreter per dependency
@pytest.mark.parametrize("requirement", PROJECT["dependencies"])
def test_every_required_dependency_is_used_at_run_time(requirement):
    name = requirement_name(requirement)
    if name in NOT_IMPORTED:
        return
    module = IMPORT_NAMES.get(name, name.replace("-", "_"))
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "figures").rglob("*.py"))
    assert module in imported_top_level(ROOT / "figures") or f'find_spec("{module}")' in source, name


def test_dependencies_no_run_time_path_uses_are_not_required():
    required = {requirement_name(r) for r in PROJECT["dependencies"]}
    assert not required & {"numpy", "jsonschema"}  # numpy comes with pandas, which the claims ledger uses
    assert "jsonschema" in {requirement_name(r) for r in PROJECT["optional-dependencies"]["test"]}


def test_parquet_is_an_extra_named_in_the_message_that_asks_for_it():
    from figures.outputs.ledger import EXTRA

    assert "pyarrow" in {requirement_name(r) for r in PROJECT["optional-dependencies"]["parquet"]}
    assert EXTRA == f"{DISTRIBUTION}[parquet]"


def test_the_readme_says_what_each_required_dependency_is_for():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What each dependency is for", 1)[1].split("\n## ", 1)[0]
    for requirement in PROJECT["dependencies"]:
        assert f"`{requirement_name(requirement)}`" in section.lower().replace("_", "-"), requirement


def test_the_readme_installs_the_distribution_by_its_name():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pip install {DISTRIBUTION}" in readme
    assert "pip install 'figures[" not in readme and "pip install figures" not in readme
