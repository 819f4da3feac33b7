"""The claim index: reuse, invalidation, concurrent writers, claims kept as data, and that it is only a cache."""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import pickle
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from figures.cli import main
from figures.outputs import format_findings
from figures.rules.loader import load_rulebook
from figures.runtime import engine as engine_module
from figures.runtime import index as index_module
from figures.runtime.engine import check, index_paths, open_index
from figures.runtime.index import INDEX_FILE, SCHEMA, ClaimIndex, decode_claims, encode_claims, fingerprint, rules_hash
from figures.runtime.parallel import Runner

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    shutil.copytree(ROOT / "data" / "articles", folder)
    return folder


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "examples" / "central-asia" / "rules")


def _run(folder: Path, rulebook, store: Path) -> tuple[str, int]:
    idx = open_index(store, rulebook)
    try:
        result = check([str(folder)], rulebook, index=idx)
        return format_findings(result.findings, "json", True, result.checked), idx.extracted
    finally:
        idx.close()


@pytest.mark.e2e
def test_a_second_run_extracts_nothing_and_says_the_same(archive, rulebook, tmp_path):
    first, extracted = _run(archive, rulebook, tmp_path / ".figures")
    assert extracted == 5
    second, extracted = _run(archive, rulebook, tmp_path / ".figures")
    assert extracted == 0
    assert second == first
    assert second == format_findings(*_plain(archive, rulebook))


def _plain(folder, rulebook):
    result = check([str(folder)], rulebook)
    return result.findings, "json", True, result.checked


@pytest.mark.e2e
def test_a_changed_file_alone_is_extracted_again(archive, rulebook, tmp_path):
    _run(archive, rulebook, tmp_path / ".figures")
    changed = sorted(archive.glob("*.md"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    touched = sorted(archive.glob("*.md"))[1]
    touched.write_text(touched.read_text(encoding="utf-8"), encoding="utf-8")  # new mtime, same content
    out, extracted = _run(archive, rulebook, tmp_path / ".figures")
    assert extracted == 1
    assert out == format_findings(*_plain(archive, rulebook))


def test_a_deleted_file_leaves_the_index(archive, rulebook, tmp_path):
    idx = open_index(tmp_path / ".figures", rulebook)
    index_paths([str(archive)], rulebook, idx, Runner())
    assert idx.size() == 5
    gone = sorted(archive.glob("*.md"))[0]
    gone.unlink()
    files, removed, _ = index_paths([str(archive)], rulebook, idx, Runner())
    assert (files, removed, idx.size()) == (4, 1, 4)
    assert not idx.claims([str(gone)])
    idx.close()


@pytest.mark.e2e
def test_rules_or_version_change_invalidates_every_file(archive, rulebook, tmp_path, monkeypatch):
    store = tmp_path / ".figures"
    _run(archive, rulebook, store)
    project = _project_rules(tmp_path)
    assert rules_hash(load_rulebook(project)) == rules_hash(rulebook)
    first = sorted(project.rglob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    changed = load_rulebook(project)
    assert rules_hash(changed) != rules_hash(rulebook)
    assert _run(archive, changed, store)[1] == 5
    assert _run(archive, changed, store)[1] == 0
    before = fingerprint(changed)
    monkeypatch.setattr(index_module, "__version__", "99.0")
    assert fingerprint(changed) != before
    assert _run(archive, changed, store)[1] == 5


def _project_rules(folder: Path) -> Path:
    """A copy of the example rules, with the rates table inside it."""
    shutil.copytree(ROOT / "examples" / "central-asia" / "rules", folder / "rules")
    return folder / "rules"


def _writer(folder: str, store: str, rules: str, fp: str) -> None:
    rulebook = load_rulebook(rules)
    idx = ClaimIndex(store, fp)
    for _ in range(3):
        index_paths([folder], rulebook, idx, Runner())
        # Force writes every round, as a run would after every file changed.
        idx.db.execute("BEGIN IMMEDIATE")
        idx.db.execute("UPDATE files SET fingerprint = 'stale'")
        idx.db.execute("COMMIT")
    index_paths([folder], rulebook, idx, Runner())
    idx.close()


@pytest.mark.e2e
def test_two_processes_writing_one_index(archive, rulebook, tmp_path):
    store = tmp_path / ".figures"
    fp = fingerprint(rulebook)
    ClaimIndex(store, fp).close()
    ctx = multiprocessing.get_context("spawn")
    writers = [
        ctx.Process(
            target=_writer, args=(str(archive), str(store), str(ROOT / "examples" / "central-asia" / "rules"), fp)
        )
        for _ in range(2)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0]
    db = sqlite3.connect(store / INDEX_FILE)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()
    out, extracted = _run(archive, rulebook, store)
    assert out == format_findings(*_plain(archive, rulebook))


@pytest.mark.e2e
def test_deleting_the_index_changes_no_output(archive, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _project_rules(tmp_path)
    new = tmp_path / "new"
    new.mkdir()
    story = archive / "dw-2023-09-recruitment.md"
    story.rename(new / story.name)
    outputs = []
    for args in ([], [], ["--no-index"]):
        if not args and outputs:
            shutil.rmtree(tmp_path / ".figures")
        main(["check", "new", "--corpus", "archive", "--format", "json", "--fail-on", "never", *args])
        outputs.append(capsys.readouterr().out)
    assert (tmp_path / ".figures").is_dir()
    assert outputs[0] == outputs[1] == outputs[2]
    assert '"FG301"' in outputs[0]


def _age(folder: Path) -> None:
    """Date the folders back, as an archive indexed a while ago is: their listings are then trusted."""
    past = time.time_ns() - 3600 * 10**9
    for d in [folder, *(p for p in folder.rglob("*") if p.is_dir())]:
        os.utime(d, ns=(past, past))


@pytest.fixture
def indexed(tmp_path: Path, monkeypatch) -> tuple[Path, Path, list[str]]:
    """An archive in two subfolders, indexed; a new story beside it; and the folders each check walks."""
    monkeypatch.chdir(tmp_path)
    _project_rules(tmp_path)
    archive = tmp_path / "archive"
    for n, src in enumerate(sorted((ROOT / "data" / "articles").glob("*.md"))):
        (archive / f"part{n % 2}").mkdir(parents=True, exist_ok=True)
        shutil.copy(src, archive / f"part{n % 2}" / src.name)
    new = tmp_path / "new.md"
    next(archive.rglob("dw-2023-09-recruitment.md")).rename(new)
    _age(archive)
    assert main(["index", "archive"]) == 0
    walked: list[str] = []
    real = engine_module.article_files

    def spy(paths, exclude=(), *rest):
        walked.extend(str(p) for p in paths)
        return real(paths, exclude, *rest)

    monkeypatch.setattr(engine_module, "article_files", spy)
    return archive, new, walked


def _new_story(capsys, *extra: str) -> str:
    capsys.readouterr()
    main(["check", "new.md", "--corpus", "archive", "--format", "json", "--fail-on", "never", "--jobs", "1", *extra])
    return capsys.readouterr().out


@pytest.mark.e2e
def test_a_new_story_against_an_indexed_archive_walks_nothing(indexed, capsys):
    archive, new, walked = indexed
    with_index = _new_story(capsys)
    assert walked == ["new.md"]  # the archive's listing came from the index
    assert with_index == _new_story(capsys, "--no-index")
    assert '"FG301"' in with_index


@pytest.mark.e2e
def test_a_file_edited_in_place_after_indexing_is_read_again(indexed, capsys):
    archive, new, walked = indexed
    before = json.loads(_new_story(capsys))
    other = next(r["path"] for f in before if f["code"] == "FG301" for r in f["related"])
    mtime = os.stat(Path(other).parent).st_mtime_ns
    Path(other).write_text(new.read_text(encoding="utf-8"), encoding="utf-8")  # now it agrees with the new story
    assert os.stat(Path(other).parent).st_mtime_ns == mtime  # the folder does not show the edit
    walked.clear()
    after = _new_story(capsys)
    assert walked == ["new.md"]
    assert after == _new_story(capsys, "--no-index")
    assert json.loads(after) != before


@pytest.mark.e2e
@pytest.mark.parametrize("change", ["deleted", "added"])
def test_a_file_deleted_or_added_after_indexing_is_seen(indexed, capsys, change):
    archive, new, walked = indexed
    before = json.loads(_new_story(capsys))
    other = next(r["path"] for f in before if f["code"] == "FG301" for r in f["related"])
    if change == "deleted":
        Path(other).unlink()
    else:
        # the new story restated with another penalty: one more article it disagrees with
        restated = new.read_text(encoding="utf-8").replace("five to 12 years", "five to 15 years")
        (archive / "part1" / "copy-of-new.md").write_text(restated, encoding="utf-8")
    walked.clear()
    after = _new_story(capsys)
    assert "archive" in walked  # the folder changed, so it was walked again
    assert after == _new_story(capsys, "--no-index")
    assert json.loads(after) != before
    shutil.rmtree(".figures")
    assert _new_story(capsys) == after


@pytest.mark.e2e
def test_the_report_reads_the_index_and_a_pool_and_says_the_same(indexed, capsys):
    archive, new, walked = indexed
    outputs = []
    for extra in (["--no-index", "--jobs", "1"], ["--jobs", "2"], ["--jobs", "2"]):
        capsys.readouterr()
        assert main(["report", "archive", "--format", "md", *extra]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    assert " 2 errors " in outputs[0]  # the archive's conflicts


@pytest.fixture(scope="module")
def real_claims(rulebook) -> list[tuple]:
    """The claims of every example article and beat story, file by file."""
    from figures.ingest import read_article
    from figures.runtime.tasks import build

    paths = sorted([*(ROOT / "data" / "articles").glob("*.md"), *(ROOT / "data" / "beats").glob("*/*.md")])
    return [build(read_article(str(p)), rulebook) for p in paths]


@pytest.mark.e2e
def test_claims_are_stored_as_data_and_come_back_equal(real_claims):
    for claims in real_claims:
        blob = encode_claims(claims)
        assert blob is not None and not blob.startswith(b"\x80")  # not a pickle
        back = decode_claims(blob, claims[0].path)
        assert back == claims and repr(back) == repr(claims)  # the same types: ints stay ints, enums stay enums


def test_a_row_of_another_file_or_of_anything_but_claims_is_not_loaded(real_claims):
    claims = real_claims[0]
    blob = encode_claims(claims)
    assert decode_claims(blob, "elsewhere.md") is None
    assert decode_claims(pickle.dumps(claims), claims[0].path) is None
    assert decode_claims(blob[: len(blob) // 2], claims[0].path) is None
    assert decode_claims("text", claims[0].path) is None
    assert decode_claims(None, claims[0].path) is None


@given(st.binary(max_size=300))
def test_no_bytes_in_a_row_raise(blob):
    assert decode_claims(blob, "a.md") in (None, ())


def test_claims_that_cannot_be_encoded_are_not_kept(real_claims):
    claim = real_claims[0][0]
    assert encode_claims((dataclasses.replace(claim, sentence="lone \udc80 surrogate"),)) is None


def test_nothing_the_index_reads_is_unpickled():
    import ast

    tree = ast.parse((ROOT / "figures" / "runtime" / "index.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not imported & {"pickle", "_pickle", "cPickle", "marshal", "shelve", "dill", "cloudpickle"}


def test_an_index_of_the_pickling_layout_is_replaced_not_read(archive, rulebook, tmp_path):
    store = tmp_path / ".figures"
    _run(archive, rulebook, store)
    db = sqlite3.connect(store / INDEX_FILE)
    db.execute("PRAGMA user_version = 0")  # as the versions that pickled claims left it
    db.commit()
    db.close()
    notes: list[str] = []
    idx = ClaimIndex(store, fingerprint(rulebook), notes.append)
    assert idx.size() == 0 and idx.rebuilt and notes == [idx.rebuilt]
    idx.close()
    assert SCHEMA >= 2 and fingerprint(rulebook).startswith(f"{SCHEMA}:")


def test_a_failure_mid_run_gives_up_the_index_and_changes_no_output(archive, rulebook, tmp_path):
    store = tmp_path / ".figures"
    _run(archive, rulebook, store)
    notes: list[str] = []
    idx = ClaimIndex(store, fingerprint(rulebook), notes.append)
    idx.db.close()  # every later statement fails, as on a disk that went away
    try:
        result = check([str(archive)], rulebook, index=idx)
    finally:
        idx.close()
    assert format_findings(result.findings, "json", True, result.checked) == format_findings(*_plain(archive, rulebook))
    assert len(notes) == 1 and str(store / INDEX_FILE) in notes[0] and "--no-index" in notes[0]
    assert idx.failure is not None and idx.stale([]) == [] and idx.paths_with_keys(["k"]) is None


_msgpack_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6),
    max_leaves=30,
)


@pytest.mark.e2e
@given(st.lists(_msgpack_values, max_size=3))
def test_rows_of_well_formed_data_that_are_no_claims_are_not_loaded(values):
    import msgspec

    assert decode_claims(msgspec.msgpack.encode(values), "a.md") in (None, ())


def _same_size_edit(path: Path) -> None:
    """Change some digits of a file, keeping its size, and put its modification time back."""
    before = os.stat(path)
    text = path.read_text(encoding="utf-8")
    digit = next(i for i, ch in enumerate(text) if ch in "123456789" and i > len(text) // 2)
    text = text[:digit] + ("2" if text[digit] == "1" else "1") + text[digit + 1 :]
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_the_size_and_restores_the_time_is_picked_up(archive, rulebook, tmp_path):
    """Freshness rests on the content: an edit that keeps size and modification time still changes the file."""
    store = tmp_path / ".figures"
    out, extracted = _run(archive, rulebook, store)
    assert extracted == 5
    edited = sorted(archive.glob("*.md"))[0]
    _same_size_edit(edited)
    out, extracted = _run(archive, rulebook, store)
    assert extracted == 1
    assert out == format_findings(*_plain(archive, rulebook))
    assert _run(archive, rulebook, store)[1] == 0  # and then it is fresh again


class _BusyOnce(sqlite3.Connection):
    """A connection whose first switch to write-ahead logging is refused at once, as a racing run's can be."""

    refused = 0

    def execute(self, sql, *args):
        if sql.startswith("PRAGMA journal_mode") and not _BusyOnce.refused:
            _BusyOnce.refused += 1
            err = sqlite3.OperationalError("database is locked")
            err.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise err
        return super().execute(sql, *args)


def test_a_new_index_opened_by_two_runs_at_once_waits_for_the_switch_to_its_log(tmp_path, monkeypatch):
    """SQLite may refuse the second run's switch to write-ahead logging without waiting on the busy timeout."""
    import figures.runtime.index as index_module

    connect = sqlite3.connect
    monkeypatch.setattr(_BusyOnce, "refused", 0)
    monkeypatch.setattr(index_module.sqlite3, "connect", lambda *a, **k: connect(*a, factory=_BusyOnce, **k))
    ClaimIndex(tmp_path / ".figures", "fingerprint").close()
    assert _BusyOnce.refused == 1
    with sqlite3.connect(tmp_path / ".figures" / INDEX_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _index_run(project: Path, archive: Path):
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "figures", "index", str(archive), "--isolated", "--jobs", "1"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.e2e
def test_an_index_run_waits_for_the_one_in_progress_and_says_so(archive, tmp_path):
    import filelock

    (tmp_path / ".figures").mkdir()
    held = filelock.FileLock(str(tmp_path / ".figures" / "index.lock"), is_singleton=False)
    held.acquire(timeout=0)
    try:
        proc = _index_run(tmp_path, archive)
        first = proc.stderr.readline()  # told at once, before it waits
        assert proc.poll() is None
        assert "another `figures index` run is updating .figures/" in first
        assert "waiting" in first
    finally:
        held.release()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "indexed 5 articles" in err


@pytest.mark.e2e
def test_two_index_runs_at_once_extract_each_file_once(archive, tmp_path):
    runs = [_index_run(tmp_path, archive) for _ in range(2)]
    outs = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outs
    extracted = sorted(int(out.split(" extracted")[0].rsplit("(", 1)[1]) for out in outs)
    assert extracted == [0, 5], outs
