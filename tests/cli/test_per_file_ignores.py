"""``[tool.figures.per-file-ignores]``: codes never reported for the files a glob names."""

from __future__ import annotations

import json

import pytest

from figures.cli import main

STORY = "In 2020 alone, 63.389 Tajiks acquired citizenship.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    for name in ("news/a.md", "archive/2020/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(capsys, *args: str) -> set[tuple[str, str]]:
    main(["check", "--no-index", "--format", "json", *args])
    return {(f["path"], f["code"]) for f in json.loads(capsys.readouterr().out)}


def test_codes_ignored_for_the_files_a_glob_names(project, capsys):
    every = found(capsys, "news", "archive")
    code = sorted(c for p, c in every if p.startswith("archive"))[0]
    (project / "pyproject.toml").write_text(
        f'[tool.figures.per-file-ignores]\n"archive/**" = ["{code}"]\n', encoding="utf-8"
    )
    assert found(capsys, "news", "archive") == every - {("archive/2020/b.md", code)}


def test_globs_are_relative_to_the_configuration_and_take_prefixes(project, capsys, monkeypatch):
    every = found(capsys, "news", "archive")
    (project / "figures.toml").write_text('[per-file-ignores]\n"archive/*" = ["FG"]\n', encoding="utf-8")
    monkeypatch.chdir(project / "archive")
    assert found(capsys, ".") == set()
    monkeypatch.chdir(project)
    assert found(capsys, "news", "archive") == {f for f in every if f[0].startswith("news")}


@pytest.mark.parametrize(
    ("table", "what"),
    [
        ('[per-file-ignores]\n"a/*" = ["FG999"]\n', "FG999"),
        ('[per-file-ignores]\n"a/*" = "FG301"\n', "list of codes"),
        ('per-file-ignores = ["FG301"]\n', "table"),
    ],
)
def test_a_bad_table_names_the_file(project, capsys, table, what):
    (project / "figures.toml").write_text(table, encoding="utf-8")
    assert main(["check", "--no-index", "news"]) == 2
    err = capsys.readouterr().err
    assert "figures.toml" in err and what in err and err.count("\n") == 1
