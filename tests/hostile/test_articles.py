"""Articles written by strangers: each case has its documented behaviour, never a traceback.

A bad article is a finding of its own (FG001, with the reason) and the other articles
are still checked; a path that is not there is one error line and exit 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from figures.cli import main
from figures.ingest import read_article

ROOT = Path(__file__).resolve().parents[2]
GOOD = "Officials said 12 people died.\n"

# (case, file name, bytes, what the FG001 message says, or "" when the article is read)
FILES = [
    ("binary renamed .txt", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("0-byte", "empty.txt", b"", "is empty"),
    ("white space only", "blank.md", b"  \n\t\n", "is empty"),
    ("invalid UTF-8", "bad.txt", b"12 people \xff\xfe died", "not valid UTF-8 (byte 10, line 1)"),
    ("Windows-1251 Russian", "ru.txt", "Погибли 12 человек.".encode("cp1251"), "Windows-1251"),
    ("NUL bytes in text", "nul.txt", b"12 people\x00 died.", "binary"),
    ("UTF-8 BOM", "bom.txt", b"\xef\xbb\xbf" + GOOD.encode(), ""),
    ("UTF-16 LE with BOM", "u16le.txt", GOOD.encode("utf-16"), ""),
    ("UTF-16 BE with BOM", "u16be.txt", b"\xfe\xff" + GOOD.encode("utf-16-be"), ""),
    ("CRLF", "crlf.txt", b"Intro line.\r\n" + GOOD.encode().replace(b"\n", b"\r\n"), ""),
    ("CR only", "cr.txt", b"Intro line.\r" + GOOD.encode().replace(b"\n", b"\r"), ""),
    ("broken front matter", "fm.md", b"---\ntitle: [oops\n---\n" + GOOD.encode(), "front matter is not valid YAML"),
    ("front matter tag", "tag.md", b"---\ntitle: !!python/object:os.system x\n---\n" + GOOD.encode(), "not valid"),
    ("bad front matter date", "date.md", b"---\ndate: 2022-13-45\n---\n" + GOOD.encode(), "month must be"),
    ("HTML without text", "empty.html", b"<html><body><script>alert(1)</script></body></html>", "no article text"),
]


@pytest.mark.parametrize(("case", "name", "data", "problem"), FILES, ids=[f[0] for f in FILES])
def test_each_bad_article_is_its_own_finding_and_the_others_are_checked(case, name, data, problem, tmp_path, capsys):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "zz-good.txt").write_text(GOOD + "Another 40 people were hurt.\n", encoding="utf-8")
    code = main(["check", "--isolated", str(tmp_path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)
    bad = [f for f in findings if f["code"] == "FG001"]
    if problem:
        assert code == 1
        assert len(bad) == 1 and bad[0]["path"].endswith(name) and problem in bad[0]["message"], bad
    else:
        assert code == 0 and bad == []
        assert [f.surface for f in _figures(tmp_path / name)] == ["12 people"]


def _figures(path: Path):
    from figures.extract import extract_text

    article = read_article(path)
    return extract_text(article.text, article.body_start)


def test_line_ends_count_lines_the_same_way():
    for ending in ("\n", "\r\n", "\r"):
        text = ending.join(["Intro.", "", "Officials said 12 people died."])
        figures = _figures_of_text(text)
        assert [(f.line, f.column) for f in figures] == [(3, 16)], repr(ending)


def _figures_of_text(text: str):
    from figures.extract import extract_text
    from figures.ingest import _decode

    return extract_text(_decode("x.txt", text.encode()))


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("case", "make", "problem"),
    [
        ("missing path", lambda t: t / "nope.txt", "no such file or folder"),
        ("empty folder", lambda t: (t / "empty").mkdir() or t / "empty", "has no articles"),
        ("symlink loop", lambda t: os.symlink(t / "loop", t / "loop") or t / "loop", "leads nowhere"),
        ("dangling symlink", lambda t: os.symlink(t / "gone.txt", t / "link.txt") or t / "link.txt", "leads nowhere"),
        ("FIFO", lambda t: os.mkfifo(t / "pipe.txt") or t / "pipe.txt", "not a regular file"),
    ],
)
def test_a_path_that_cannot_be_an_article_is_one_error_line(case, make, problem, tmp_path):
    path = make(tmp_path)
    # A subprocess with a timeout: a FIFO opened for reading would block forever.
    result = subprocess.run(
        [sys.executable, "-m", "figures", "check", "--isolated", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and problem in result.stderr, result.stderr


@pytest.mark.e2e
def test_a_folder_walk_reports_fifos_and_never_follows_folder_loops(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path, tmp_path / "loop")
    result = subprocess.run(
        [sys.executable, "-m", "figures", "check", "--isolated", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "pipe.txt: is not a regular file" in result.stderr
    assert "no findings in 1 article" in result.stdout


def test_read_article_never_opens_a_fifo(tmp_path):
    from figures.core.errors import InputError

    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match="not a regular file"):
        read_article(tmp_path / "pipe.txt")


@pytest.mark.e2e
def test_an_unreadable_file_is_fg001(tmp_path):
    """Root reads every file, so as root the check runs as ``nobody``; skipped when that cannot start Python."""
    user = 65534 if os.geteuid() == 0 else None
    tmp_path.chmod(0o755)
    article = tmp_path / "secret.txt"
    article.write_text(GOOD, encoding="utf-8")
    article.chmod(0)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "figures", "check", "--isolated", str(article), "--format", "json"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
            user=user,
        )
    except PermissionError as exc:
        pytest.skip(f"user nobody cannot run this Python ({exc}); run the suite as a plain user to cover it")
    if result.returncode == 2 or not result.stdout.startswith("["):
        pytest.skip(f"user nobody cannot run figures here: {result.stderr.strip()[-200:]}")
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert findings[0]["code"] == "FG001" and "Permission denied" in findings[0]["message"]


def test_an_unreadable_file_is_fg001_simulated(tmp_path, monkeypatch, capsys):
    """The same refusal, simulated where the file is read, so it is covered as root too."""
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    (tmp_path / "secret.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "zz-good.txt").write_text(GOOD, encoding="utf-8")
    assert main(["check", "--isolated", str(tmp_path), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert [(Path(f["path"]).name, f["code"]) for f in findings] == [("secret.txt", "FG001")]
    assert "cannot be read (Permission denied)" in findings[0]["message"]
