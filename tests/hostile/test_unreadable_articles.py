"""Articles that cannot be read are said, never silently left out; dates nobody can read are FG001.

A folder walk that finds a dangling link, a link loop, a pipe or a path too long for the
system reports it (exit 2) instead of checking "0 articles" with success.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from figures.cli import main

GOOD = "Officials said 12 people died.\n"


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [("dangling link", "leads nowhere"), ("link loop", "loop"), ("FIFO", "not a regular file")],
)
@pytest.mark.parametrize("with_a_good_article", [False, True], ids=["alone", "beside a good article"])
def test_an_unreadable_file_in_a_folder_is_reported(kind, reason, with_a_good_article, capsys):
    folder = Path("news")
    folder.mkdir()
    if kind == "dangling link":
        (folder / "story.md").symlink_to("gone.md")
    elif kind == "link loop":
        (folder / "story.md").symlink_to("story.md")
    else:
        os.mkfifo(folder / "story.md")
    if with_a_good_article:
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    assert main(["check", "--no-index", "news"]) == 2
    captured = capsys.readouterr()
    assert "story.md" in captured.err and reason in captured.err
    if with_a_good_article:
        assert "in 1 article" in captured.out


def test_a_path_longer_than_path_max_is_reported(capsys):
    # Built one folder at a time, as no single path to it can be handed to the system.
    fd = os.open(".", os.O_RDONLY)
    depth = 0
    while depth * 200 < 5000:
        name = f"{depth:03d}" + "d" * 197
        os.mkdir(name, dir_fd=fd)
        inner = os.open(name, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
        depth += 1
    article = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
    os.write(article, GOOD.encode())
    os.close(article)
    os.close(fd)
    Path("good.txt").write_text(GOOD, encoding="utf-8")
    code = main(["check", "--no-index", "."])
    captured = capsys.readouterr()
    assert code == 2
    assert "too long" in captured.err.lower(), captured.err


@pytest.mark.parametrize(
    "date",
    ["1e309", ".nan", ".inf", '"2023-02-30"', '"not a date"', "2023-02-30T10:00:00", "99999-01-01", "[2023]"],
)
def test_a_front_matter_date_nobody_can_read_is_fg001(date, capsys):
    Path("bad.md").write_text(f"---\ndate: {date}\n---\n{GOOD}", encoding="utf-8")
    Path("good.md").write_text(f"---\ndate: 2023-02-28\n---\n{GOOD}", encoding="utf-8")
    assert main(["check", "--no-index", "--format", "json", "bad.md", "good.md"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["code"]) for f in findings] == [("bad.md", "FG001")]


@pytest.mark.parametrize(
    "date", ["2023-02-28", '"2023-02-28"', "2023-02", "2023", "2023-02-28T10:00:00Z", "28 February 2023", "''"]
)
def test_a_readable_front_matter_date_is_accepted(date, capsys):
    Path("ok.md").write_text(f"---\ndate: {date}\n---\n{GOOD}", encoding="utf-8")
    assert main(["check", "--no-index", "ok.md"]) == 0, capsys.readouterr().out
