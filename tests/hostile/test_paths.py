"""Paths: a link out of the checked folder is not read, a pipe or a device is never opened, ``-o`` is careful.

An article folder is often a pull request's: a symbolic link in it to ``/etc/passwd``
or to a key must not put that file's text into the findings, the report, the
worksheet or ``extract``. Files the user names on the command line are theirs to choose.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from figures.cli import main

SECRET = "root:x:0:0 swordfish 4242 people"
STORY = "Officials said 12 people died and 40 were hurt.\n"


@contextlib.contextmanager
def no_hang(seconds: int = 30) -> Iterator[None]:
    """Fail instead of waiting forever when something opens a pipe nobody writes to."""

    def expired(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise TimeoutError("blocked on a pipe or a device")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A folder of articles holding a link to a file outside it, and a link to a file inside it."""
    (tmp_path / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    folder = tmp_path / "tree"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "again.txt").symlink_to("story.txt")  # stays inside: an ordinary article
    return folder


def _all(capsys) -> str:
    out = capsys.readouterr()
    return out.out + out.err


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_check_does_not_read_a_link_out_of_the_folder(tree, capsys, fmt):
    code = main(["check", "--isolated", "--no-index", "--format", fmt, str(tree)])
    shown = _all(capsys)
    assert code == 1  # the link is an FG001 error, like any article that cannot be read
    assert "swordfish" not in shown and "4242" not in shown
    assert "leak.txt" in shown and "FG001" in shown and "--follow-links" in shown


def test_check_tells_the_link_in_one_line(tree, capsys):
    main(["check", "--isolated", "--no-index", str(tree)])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "leak.txt" in ln]
    assert len(lines) == 1
    assert "outside" in lines[0] and "not read" in lines[0]


def test_extract_does_not_read_a_link_out_of_the_folder(tree, capsys):
    assert main(["extract", "--format", "jsonl", str(tree)]) == 2
    out = capsys.readouterr()
    assert "swordfish" not in out.out and "4242" not in out.out
    assert "leak.txt" in out.err and "--follow-links" in out.err
    assert "story.txt" in out.out and "again.txt" in out.out  # the link inside the folder is read


@pytest.mark.e2e
def test_report_and_worksheet_do_not_read_a_link_out_of_the_folder(tree, tmp_path, capsys):
    report, sheet = tmp_path / "report.html", tmp_path / "sheet.csv"
    main(["report", str(tree), "--no-index", "-o", str(report)])
    main(["worksheet", str(tree), "--no-index", "-o", str(sheet)])
    for out in (report, sheet):
        text = out.read_text(encoding="utf-8")
        assert "swordfish" not in text and "4242" not in text
    assert "leak.txt" in report.read_text(encoding="utf-8")  # its FG001 is shown


def test_a_corpus_link_out_of_the_folder_is_not_read(tree, tmp_path, capsys):
    new = tmp_path / "new.txt"
    new.write_text("Officials said 4242 people died.\n", encoding="utf-8")
    main(["check", "--isolated", "--no-index", "--format", "json", str(new), "--corpus", str(tree)])
    shown = _all(capsys)
    assert "swordfish" not in shown and "FG301" not in shown  # 4242 met nothing to conflict with
    assert "leak.txt" in shown


def test_follow_links_reads_it(tree, capsys):
    assert main(["extract", "--follow-links", "--format", "jsonl", str(tree)]) == 0
    assert "leak.txt" in capsys.readouterr().out
    assert main(["check", "--isolated", "--no-index", "--follow-links", str(tree)]) == 0


def test_a_link_named_on_the_command_line_is_read(tree, capsys):
    assert main(["extract", "--format", "jsonl", str(tree / "leak.txt")]) == 0
    assert "4242" in capsys.readouterr().out


def test_a_linked_folder_named_on_the_command_line_is_the_tree(tree, tmp_path, capsys):
    (tmp_path / "alias").symlink_to(tree)
    assert main(["extract", "--format", "jsonl", str(tmp_path / "alias")]) == 2
    out = capsys.readouterr()
    assert "story.txt" in out.out and "swordfish" not in out.out


def test_an_index_run_does_not_read_it(tree, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["index", "--isolated", str(tree)]) == 2
    assert "leak.txt" in capsys.readouterr().err
    new = tmp_path / "new.txt"
    new.write_text("Officials said 4242 people died.\n", encoding="utf-8")
    for _ in range(2):  # walked, then from the index's listing: the same answer
        main(["check", "--isolated", "--format", "json", str(new), "--corpus", str(tree)])
        shown = _all(capsys)
        assert "swordfish" not in shown and "FG301" not in shown and "leak.txt" in shown


# --- pipes and devices are never opened -------------------------------------------------------


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def _fifo_named(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_a_pipe_in_the_rules_folder_is_one_line(tmp_path, article, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    _fifo_named(rules, "measures.yaml")
    with no_hang():
        assert main(["check", "--no-index", "--rules", str(rules), str(article)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "measures.yaml" in err and "not a regular file" in err


@pytest.mark.parametrize(
    ("option", "name"),
    [("--baseline", "baseline.json"), ("--config", "figures.toml"), ("--verdicts", "verdicts.yaml")],
)
def test_a_pipe_as_a_settings_file_is_one_line(tmp_path, article, capsys, option, name):
    pipe = _fifo_named(tmp_path, name)
    with no_hang():
        assert main(["check", "--no-index", option, str(pipe), str(article)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "not a regular file" in err


def test_a_device_as_a_baseline_is_one_line(article, capsys):
    with no_hang():
        assert main(["check", "--isolated", "--no-index", "--baseline", "/dev/null", str(article)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "/dev/null" in err and "not a regular file" in err


@pytest.mark.parametrize("name", ["sheet.csv", "sheet.xlsx"])
def test_a_pipe_as_the_worksheet_to_import_is_one_line(tmp_path, capsys, name):
    pipe = _fifo_named(tmp_path, name)
    with no_hang():
        assert main(["worksheet", "--import", str(pipe)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and name in err and "not a regular file" in err


# --- -o -------------------------------------------------------------------------------------


def test_output_refuses_a_pipe(fifo, article, capsys):
    with no_hang():
        assert main(["check", "--isolated", "--no-index", str(article), "-o", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pipe" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_output_refuses_a_device(tmp_path, article, capsys):
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # another /dev/null
    assert main(["extract", str(article), "-o", str(node)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "device" in err
    assert stat.S_ISCHR(node.lstat().st_mode)


@pytest.mark.parametrize("name", ["-", "/dev/stdout", "/dev/fd/1"])
def test_output_to_standard_output_still_works(article, capsys, name):
    assert main(["check", "--isolated", "--no-index", str(article), "-o", name]) == 0
    assert "no findings" in capsys.readouterr().out


def test_output_to_dev_stderr_writes_to_standard_error(article, capsys):
    assert main(["check", "--isolated", "--no-index", str(article), "-o", "/dev/stderr"]) == 0
    captured = capsys.readouterr()
    assert "no findings" in captured.err and captured.out == ""


@pytest.mark.parametrize("dangling", [False, True])
def test_output_writes_through_a_link_and_keeps_it(tmp_path, article, dangling):
    target = tmp_path / "real" / "findings.json"
    target.parent.mkdir()
    if not dangling:
        target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert main(["check", "--isolated", "--no-index", "--format", "json", str(article), "-o", str(link)]) == 0
    assert link.is_symlink() and Path(os.readlink(link)) == target
    assert target.read_text(encoding="utf-8").startswith("[")
    assert sorted(p.name for p in target.parent.iterdir()) == ["findings.json"]  # no temporary file left


def test_a_250_character_output_name_works(tmp_path, article):
    out = tmp_path / ("f" * 245 + ".json")
    assert len(out.name) == 250
    assert main(["check", "--isolated", "--no-index", "--format", "json", str(article), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("[")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
