"""The claim index is a cache that is never trusted to run anything, and never fails a run.

A doctored index (committed to the repository or only left in the working folder) holds
a pickle payload that would create a marker file: no command ever runs it, and every
output is the one a run without the index gives. A damaged, locked, read-only, linked
or full index costs one warning line and nothing else.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from figures.cli import main
from figures.runtime import index as index_module

ROOT = Path(__file__).resolve().parents[2]
INDEX = Path(".figures") / "index.sqlite"
_INDEXED = (
    "figures: indexed 5 articles in .figures/ ({extracted} extracted, {unchanged} unchanged, 0 removed; 5 in the index)"
)

# Every command that reads the index.
COMMANDS = {
    "check": ["check", "archive", "--format", "json"],
    "corpus": ["check", "new.md", "--corpus", "archive", "--format", "json"],
    "report": ["report", "archive", "--format", "md"],
    "worksheet": ["worksheet", "archive", "-o", "-"],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project with the example rules, an archive of articles and a new story, as the working folder."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", tmp_path / "rules")
    shutil.copytree(ROOT / "data" / "articles", tmp_path / "archive")
    (tmp_path / "archive" / "dw-2023-09-recruitment.md").rename(tmp_path / "new.md")
    return tmp_path


def _run(capsys, argv: list[str]) -> tuple[int, str, list[str]]:
    """Exit code, standard output, and the lines of standard error that are not the run's own notes."""
    capsys.readouterr()
    code = main(argv)
    out, err = capsys.readouterr()
    notes = [line for line in err.splitlines() if line and not line.startswith("figures: wrote ")]
    return code, out, notes


def _clean(capsys, argv: list[str]) -> tuple[int, str]:
    code, out, notes = _run(capsys, [*argv, "--no-index"])
    assert notes == []
    return code, out


def _build(capsys) -> None:
    """Index the archive and the new story with a real run."""
    code, _, _ = _run(capsys, ["index", "archive", "new.md"])
    assert code == 0 and INDEX.is_file()


class _Payload:
    """Unpickles to the claims it wraps, after creating ``marker``: what a doctored index would hold."""

    def __init__(self, marker: Path, claims: bytes) -> None:
        self.marker, self.claims = str(marker), claims

    def __reduce__(self):
        code = f"[open({self.marker!r}, 'w').close(), __import__('pickle').loads({self.claims!r})][1]"
        return eval, (code,)


def _doctor(marker: Path) -> int:
    """Put the payload in every stored row's claims; sizes, times, hashes and fingerprints stay as built."""
    db = sqlite3.connect(INDEX)
    rows = db.execute("SELECT path, claims FROM files").fetchall()
    for path, blob in rows:
        with contextlib.suppress(Exception):  # a data row: wrap the pickle of what it decodes to
            from figures.runtime.index import decode_claims

            blob = pickle.dumps(decode_claims(blob, path))
        db.execute("UPDATE files SET claims = ? WHERE path = ?", (pickle.dumps(_Payload(marker, blob)), path))
    db.commit()
    db.close()
    return len(rows)


def _git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("tracked", [True, False], ids=["committed", "untracked"])
def test_a_doctored_index_runs_nothing_and_changes_no_output(project, capsys, command, tracked):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    _build(capsys)
    marker = project.parent / f"{project.name}-pwned"
    assert _doctor(marker) == 5
    if tracked:
        _git("init", "-q")
        _git("add", "-A")
        _git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "articles and their index")
    code, out, notes = _run(capsys, argv)
    assert not marker.exists()
    assert (code, out) == expected
    if tracked:
        assert len(notes) == 1 and "warning" in notes[0] and str(INDEX.parent) in notes[0]
        assert "git rm" in notes[0]
    else:
        assert notes == []
    assert not marker.exists()


def test_a_committed_index_is_never_trusted_by_figures_index(project, capsys):
    _build(capsys)
    _git("init", "-q")
    _git("add", "-A")
    code, _, notes = _run(capsys, ["index", "archive"])
    assert code == 2
    assert len(notes) == 1 and "git rm" in notes[0]


def test_asking_git_whether_the_index_is_tracked_runs_no_program_the_checkout_names(project, capsys):
    _build(capsys)
    _git("init", "-q")
    _git("add", "-A")
    marker = project.parent / f"{project.name}-hook-ran"
    hook = project / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    _git("config", "core.fsmonitor", str(hook))  # a checkout's own setting: git would run it when asked
    code, _, notes = _run(capsys, COMMANDS["check"])
    assert not marker.exists()
    assert len(notes) == 1 and "git rm" in notes[0]  # and the tracked index is still refused


def test_rows_that_do_not_decode_are_rewritten_with_data(project, capsys):
    _build(capsys)
    marker = project.parent / f"{project.name}-pwned"
    _doctor(marker)
    code, _, notes = _run(capsys, ["check", "archive", "new.md", "--format", "json"])
    assert (code, notes) == (1, [])
    db = sqlite3.connect(INDEX)
    blobs = [b for (b,) in db.execute("SELECT claims FROM files")]
    db.close()
    assert blobs and not any(b.startswith(b"\x80") for b in blobs)  # no pickle left
    assert not marker.exists()


def _not_sqlite() -> None:
    INDEX.write_bytes(b"not a database, only text that is long enough to look like one\n" * 200)


def _truncated() -> None:
    data = INDEX.read_bytes()
    INDEX.write_bytes(data[: len(data) // 3])


def _corrupt_pages() -> None:
    data = bytearray(INDEX.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # every page but the first: the schema still reads
        data[start + 8 : start + 200] = os.urandom(192)
    INDEX.write_bytes(bytes(data))


def _wrong_schema() -> None:
    INDEX.unlink()
    db = sqlite3.connect(INDEX)
    db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, claims BLOB)")
    db.execute("CREATE VIEW keys AS SELECT path AS key, path FROM files")
    db.commit()
    db.close()


def _old_schema() -> None:
    """A complete index as the pickling versions built it: same tables, older rows."""
    db = sqlite3.connect(INDEX)
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()


DAMAGE = {
    "not-sqlite": _not_sqlite,
    "truncated": _truncated,
    "corrupt-pages": _corrupt_pages,
    "wrong-schema": _wrong_schema,
    "old-schema": _old_schema,
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_is_one_warning_and_the_normal_findings(project, capsys, command, damage):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    _build(capsys)
    DAMAGE[damage]()
    code, out, notes = _run(capsys, argv)
    assert (code, out) == expected
    assert len(notes) == 1, notes
    assert "warning" in notes[0] and str(INDEX) in notes[0]
    # the next run finds a working index again
    assert _run(capsys, argv) == (*expected, [])
    assert _run(capsys, argv) == (*expected, [])


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_figures_index_rebuilds_a_damaged_index(project, capsys, damage):
    _build(capsys)
    DAMAGE[damage]()
    code, _, notes = _run(capsys, ["index", "archive", "new.md"])
    problems = [n for n in notes if not n.startswith("figures: indexed")]
    assert len(problems) == 1 and str(INDEX) in problems[0] and "internal error" not in problems[0], notes
    if code == 0:  # found on opening it: built again at once
        assert "warning" in problems[0] and notes[-1] == _INDEXED.format(extracted=5, unchanged=0)
    else:  # found while reading it: this run fails (its output is the index), the next one builds it again
        assert code == 2 and "builds it again" in problems[0]
        assert _run(capsys, ["index", "archive", "new.md"]) == (0, "", [_INDEXED.format(extracted=5, unchanged=0)])
    assert _run(capsys, ["index", "archive", "new.md"]) == (0, "", [_INDEXED.format(extracted=0, unchanged=5)])


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """``path`` made read-only, even to root (immutable), or the test skipped where that is not possible."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("cannot make a file read-only for root here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_read_only_index_is_one_warning_and_the_normal_findings(project, capsys, command, which):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    _build(capsys)
    (project / "archive" / "mt-2022-03-central-asians.md").touch()  # something to write
    with _read_only(INDEX if which == "file" else INDEX.parent):
        code, out, notes = _run(capsys, argv)
    assert (code, out) == expected
    assert len(notes) == 1 and "warning" in notes[0] and str(INDEX.parent) in notes[0], notes


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("which", ["file", "folder"])
def test_a_linked_index_is_refused(project, capsys, command, which):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    _build(capsys)
    elsewhere = project.parent / f"{project.name}-elsewhere"
    shutil.move(INDEX.parent, elsewhere)
    if which == "folder":
        INDEX.parent.symlink_to(elsewhere, target_is_directory=True)
    else:
        INDEX.parent.mkdir()
        INDEX.symlink_to(elsewhere / INDEX.name)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in elsewhere.iterdir())
    code, out, notes = _run(capsys, argv)
    assert (code, out) == expected
    assert len(notes) == 1 and "warning" in notes[0] and "link" in notes[0], notes
    assert sorted((p.name, p.stat().st_mtime_ns) for p in elsewhere.iterdir()) == before  # nothing written there
    code, _, notes = _run(capsys, ["index", "archive"])
    assert code == 2 and len(notes) == 1 and "link" in notes[0]


@pytest.mark.parametrize("command", ["check", "corpus"])
def test_a_locked_index_is_one_warning_after_a_short_wait(project, capsys, monkeypatch, command):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    _build(capsys)
    monkeypatch.setattr(index_module, "LOCK_WAIT", 0.5, raising=False)
    holder = sqlite3.connect(INDEX, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, notes = _run(capsys, argv)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (code, out) == expected
    assert len(notes) == 1 and "warning" in notes[0] and str(INDEX) in notes[0], notes


def _limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_disk_under_the_index_is_one_warning(project, capsys, command):
    argv = COMMANDS[command]
    expected = _clean(capsys, argv)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    full = subprocess.run(
        [sys.executable, "-m", "figures", *argv], capture_output=True, env=env, preexec_fn=_limit_file_size
    )
    notes = [line for line in full.stderr.decode().splitlines() if line and not line.startswith("figures: wrote ")]
    assert (full.returncode, full.stdout.decode()) == expected
    assert len(notes) == 1 and "warning" in notes[0] and str(INDEX) in notes[0], notes


def test_a_listing_that_names_a_file_outside_the_archive_is_not_followed(project, capsys):
    argv = COMMANDS["corpus"]
    expected = _clean(capsys, argv)
    past = time.time_ns() - 3600 * 10**9
    os.utime(project / "archive", ns=(past, past))  # an archive indexed a while ago: its listing is trusted
    _build(capsys)
    outside = project.parent / f"{project.name}-outside.md"
    shutil.copy(project / "archive" / "mt-2022-03-central-asians.md", outside)  # it conflicts with the new story
    db = sqlite3.connect(INDEX)
    (walk,) = db.execute("SELECT walk FROM walks").fetchone()
    db.execute("INSERT INTO walk_files VALUES (?, 999, ?)", (walk, str(outside)))
    db.execute("INSERT INTO keys SELECT key, ? FROM keys WHERE path LIKE '%mt-2022-03%'", (str(outside),))
    db.commit()
    db.close()
    assert _run(capsys, argv) == (*expected, [])
