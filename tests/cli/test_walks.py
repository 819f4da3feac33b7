"""Commands that walk folders skip what a linter skips, and keep the claim index at the project root."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from figures.cli import main
from figures.ingest import walk as walking

LOW = "Turkey's annual inflation was 64% in December 2022.\n"
HIGH = "Turkey's annual inflation was 84% in December 2022.\n"


@pytest.fixture(autouse=True)
def default_walk():
    yield
    walking.configure(walking.WalkOptions())


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    root = tmp_path / "newsroom"
    for name, text in (("sub/a.md", LOW), (".venv/lib/NOTES.txt", HIGH), ("node_modules/p/HISTORY.md", HIGH)):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "drafts").mkdir()
    (root / "drafts" / "d.md").write_text(HIGH, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def extracted(capsys, *args: str) -> set[str]:
    assert main(["extract", ".", "--format", "jsonl", *args]) == 0
    return {json.loads(line)["path"].removeprefix("./") for line in capsys.readouterr().out.splitlines()}


def test_extract_walks_as_a_linter_does(project, capsys):
    assert extracted(capsys) == {"sub/a.md"}


def test_include_hidden_and_no_respect_gitignore_widen_the_walk(project, capsys):
    assert extracted(capsys, "--include-hidden") == {"sub/a.md", ".venv/lib/NOTES.txt", "node_modules/p/HISTORY.md"}
    assert extracted(capsys, "--no-respect-gitignore") == {"sub/a.md", "drafts/d.md"}


def test_the_configuration_can_widen_the_walk(project, capsys):
    (project / "figures.toml").write_text("include_hidden = true\nrespect_gitignore = false\n", encoding="utf-8")
    assert extracted(capsys) == {"sub/a.md", "drafts/d.md", ".venv/lib/NOTES.txt", "node_modules/p/HISTORY.md"}


def test_a_setting_of_the_wrong_kind_names_the_file(project, capsys):
    (project / "figures.toml").write_text('include_hidden = "yes"\n', encoding="utf-8")
    assert main(["extract", "."]) == 2
    assert "figures.toml:1" in capsys.readouterr().err


def test_check_skips_the_virtual_environment_and_node_modules(project, capsys):
    assert main(["check", ".", "--no-index"]) == 0
    assert "1 article" in capsys.readouterr().out
    assert main(["check", ".", "--no-index", "--include-hidden"]) == 1


def test_a_walk_with_other_options_is_not_taken_from_the_index(project, capsys):
    assert main(["check", "."]) == 0
    assert main(["check", "."]) == 0
    assert main(["check", ".", "--include-hidden"]) == 1
    capsys.readouterr()


def test_the_index_is_kept_at_the_project_root(project, monkeypatch):
    (project / "figures.toml").write_text("", encoding="utf-8")
    monkeypatch.chdir(project / "sub")
    assert main(["check", "."]) == 0
    assert (project / ".figures").is_dir() and not (project / "sub" / ".figures").exists()
    assert main(["index", "."]) == 0
    assert not (project / "sub" / ".figures").exists()


def test_without_configuration_the_index_is_kept_beside_git(project, monkeypatch):
    monkeypatch.chdir(project / "sub")
    assert main(["check", "."]) == 0
    assert (project / ".figures").is_dir() and not (project / "sub" / ".figures").exists()
