"""``paths`` in the configuration: what ``figures check`` checks when no path is given."""

from __future__ import annotations

import json

from figures.cli import main

STORY = "In 2020 alone, 63.389 Tajiks acquired citizenship.\n"


def test_check_with_no_path_checks_the_configured_ones(tmp_path, monkeypatch, capsys):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "other.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "figures.toml").write_text('paths = ["news"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")  # relative to the configuration, from any folder of the project
    main(["check", "--no-index", "--format", "json"])
    paths = {f["path"] for f in json.loads(capsys.readouterr().out)}
    assert paths == {"../news/a.md"}


def test_a_path_given_wins_over_the_configured_ones(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "figures.toml").write_text('paths = ["nowhere"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-index", "--format", "json", "a.md"])
    assert {f["path"] for f in json.loads(capsys.readouterr().out)} == {"a.md"}


def test_no_path_and_none_configured_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert "paths" in err and err.count("\n") == 1
