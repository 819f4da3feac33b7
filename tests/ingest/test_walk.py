"""Folder walks as a linter's: .gitignore respected, hidden folders and node_modules skipped by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from figures.ingest import article_files, read_article
from figures.ingest import walk as walking

BODY = "Turkey's annual inflation was 64% in December.\n"


def make(root: Path, *names: str, text: str = BODY) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "newsroom"
    (root / ".git").mkdir(parents=True)
    make(root, "a.md", "sub/c.md", "sub/local.md", "drafts/d.md", "b.tmp.md", "keep.tmp.md")
    make(root, ".venv/lib/NOTES.txt", "node_modules/pkg/HISTORY.md", ".figures/x.md", "sub/.hidden/e.md")
    (root / ".gitignore").write_text("drafts/\n*.tmp.md\n!keep.tmp.md\n", encoding="utf-8")
    (root / "sub" / ".gitignore").write_text("local.md\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def default_walk():
    walking.configure(walking.WalkOptions())
    yield
    walking.configure(walking.WalkOptions())


def found(root: Path) -> set[str]:
    files, errors = article_files([str(root)])
    assert not errors
    return {Path(f).relative_to(root).as_posix() for f in files}


def test_a_walk_skips_gitignored_files_hidden_folders_and_node_modules(project):
    assert found(project) == {"a.md", "keep.tmp.md", "sub/c.md"}


def test_include_hidden_walks_hidden_folders_and_node_modules_too(project):
    walking.configure(walking.WalkOptions(include_hidden=True))
    assert found(project) >= {".venv/lib/NOTES.txt", "node_modules/pkg/HISTORY.md", "sub/.hidden/e.md"}
    assert "drafts/d.md" not in found(project)


def test_without_gitignore_the_ignored_files_are_read(project):
    walking.configure(walking.WalkOptions(respect_gitignore=False))
    assert found(project) == {"a.md", "b.tmp.md", "keep.tmp.md", "drafts/d.md", "sub/c.md", "sub/local.md"}


def test_a_gitignore_above_the_folder_walked_holds_up_to_the_repository_root(project):
    (project / ".gitignore").write_text("sub/local.md\nsub/c.md\n", encoding="utf-8")
    (project / "sub" / ".gitignore").unlink()
    assert found(project / "sub") == set()


def test_a_gitignore_above_the_repository_root_does_not_hold(tmp_path, project):
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert "a.md" in found(project)


def test_a_hidden_folder_named_on_the_command_line_is_walked(project):
    assert found(project / "sub" / ".hidden") == {"e.md"}


def test_a_file_named_on_the_command_line_is_read_even_when_ignored(project):
    files, errors = article_files([str(project / "drafts" / "d.md")])
    assert files == [str(project / "drafts" / "d.md")] and not errors


def test_toml_front_matter_is_read_as_front_matter(tmp_path):
    path = tmp_path / "hugo.md"
    path.write_text(
        '+++\ntitle = "Prices"\noutlet = "Ledger"\ndate = 2023-01-05\nviews = 12345\n+++\n\n' + BODY, encoding="utf-8"
    )
    article = read_article(path)
    assert (article.title, article.outlet, article.date) == ("Prices", "Ledger", "2023-01-05")
    assert article.text[article.body_start :].lstrip().startswith("Turkey's")


def test_toml_front_matter_with_a_time_keeps_its_date(tmp_path):
    path = tmp_path / "hugo.md"
    path.write_text("+++\ndate = 2023-01-05T10:30:00Z\n+++\n" + BODY, encoding="utf-8")
    assert read_article(path).date.startswith("2023-01-05")


def test_broken_toml_front_matter_is_one_line_naming_the_file(tmp_path):
    from figures.core.errors import InputError

    path = tmp_path / "hugo.md"
    path.write_text('+++\ntitle = "Prices\n+++\n' + BODY, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert "hugo.md" in str(caught.value) and "TOML" in str(caught.value) and "\n" not in str(caught.value)


def test_a_gitignore_holds_only_under_its_own_folder(tmp_path):
    (tmp_path / ".git").mkdir()
    make(tmp_path, "news/a.md", "news-old/b.md")
    (tmp_path / "news" / ".gitignore").write_text("*.md\n", encoding="utf-8")
    assert found(tmp_path) == {"news-old/b.md"}


def test_a_walk_of_the_current_folder_names_files_as_a_linter_does(tmp_path, monkeypatch):
    (tmp_path / "stories").mkdir()
    (tmp_path / "a.md").write_text("The ministry counted 12 ferries.\n", encoding="utf-8")
    (tmp_path / "stories" / "b.md").write_text("The ministry counted 12 ferries.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    files, errors = article_files(["."])
    assert errors == [] and files == ["a.md", str(Path("stories") / "b.md")]


def test_a_suppression_holds_on_a_walk_of_the_current_folder(tmp_path, monkeypatch, capsys):
    from figures.cli import main

    text = "---\ndate: 2023-03-01\n---\nThe ministry counted 63.389 Tajiks in 2020. <!-- figures: ignore FG501 -->\n"
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", ".", "--isolated", "--no-index"]) == 0
    assert "FG" not in capsys.readouterr().out
