"""``figures check --show-files`` and ``--show-settings``: what a run would read, and with what settings."""

from __future__ import annotations

from figures.cli import main

STORY = "In 2020 alone, 63.389 Tajiks acquired citizenship.\n"


def project(tmp_path, monkeypatch):
    for name in ("news/a.md", "news/b.txt", "news/README.md", ".venv/x.md", "drafts/d.md", "archive/c.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (tmp_path / "figures.toml").write_text(
        'paths = ["."]\ncorpus = ["archive"]\nignore = ["FG3"]\nexclude = ["*/b.txt"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)


def test_show_files_lists_what_a_check_reads_and_checks_nothing(tmp_path, monkeypatch, capsys):
    project(tmp_path, monkeypatch)
    assert main(["check", "--show-files", "news", "drafts/d.md"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == ["drafts/d.md", "news/a.md", "archive/c.md  (corpus)"]
    assert not (tmp_path / ".figures").exists()


def test_show_files_walks_the_configured_paths(tmp_path, monkeypatch, capsys):
    project(tmp_path, monkeypatch)
    assert main(["check", "--show-files"]) == 0
    assert capsys.readouterr().out.splitlines() == ["archive/c.md", "news/a.md", "archive/c.md  (corpus)"]


def test_show_files_names_a_missing_path(tmp_path, monkeypatch, capsys):
    project(tmp_path, monkeypatch)
    assert main(["check", "--show-files", "nowhere"]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_show_settings_prints_the_settings_in_force(tmp_path, monkeypatch, capsys):
    project(tmp_path, monkeypatch)
    assert main(["check", "--show-settings", "--extend-select", "FG301"]) == 0
    out = capsys.readouterr().out
    lines = dict(line.split(" = ", 1) for line in out.splitlines() if " = " in line)
    assert lines["configuration"] == '"figures.toml"'
    assert lines["ignore"] == '["FG3"]' and lines["extend_select"] == '["FG301"]'
    assert lines["paths"] == '["."]' and lines["corpus"] == '["archive"]'
    assert lines["respect_gitignore"] == "true" and lines["include_hidden"] == "false"
    assert lines["index"] == '".figures"' and "max_article_mb" in lines
    assert main(["check", "--show-settings", "--extend-select", "FG301"]) == 0
    assert capsys.readouterr().out == out


def test_show_settings_without_configuration(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--show-settings", "--isolated"]) == 0
    assert "configuration = none" in capsys.readouterr().out
