"""The spool gives each partition's claim lists back in the order they came, in memory or from disk."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from figures.runtime.spool import ARTICLES_PER_PART, Spool, parts_for

batches = st.lists(st.dictionaries(st.integers(0, 4), st.binary(max_size=40), max_size=5), max_size=12)


@given(batches, st.integers(0, 200))
def test_partitions_keep_the_order_of_their_batches(added, limit):
    expected: dict[int, list[bytes]] = {}
    for blobs in added:
        for part, blob in blobs.items():
            expected.setdefault(part, []).append(blob)
    with Spool(5, limit=limit) as spool:
        for blobs in added:
            spool.add(blobs)
        got = list(spool.partitions())
    assert got == [tuple(expected[p]) for p in sorted(expected)]


@given(batches, st.integers(0, 200))
def test_partitions_read_again_are_the_same_then_let_go(added, limit):
    with Spool(5, limit=limit) as spool:
        for blobs in added:
            spool.add(blobs)
        first = list(spool.partitions(again=True))
        assert list(spool.partitions()) == first
        assert list(spool.partitions()) == []


def test_written_partitions_are_removed_with_the_spool():
    spool = Spool(3, limit=0)
    spool.add({0: b"a", 2: b"bc"})
    spool.add({2: b"d"})
    folder = spool._folder
    assert sorted(n for n in os.listdir(folder) if n.endswith(".bin")) == ["000000.bin", "000002.bin"]
    assert list(spool.partitions()) == [(b"a",), (b"bc", b"d")]
    assert [n for n in os.listdir(folder) if n.endswith(".bin")] == []  # each partition's file goes once it is read
    spool.close()
    assert not os.path.exists(folder)


def test_partition_counts_follow_the_corpus_and_the_workers():
    assert parts_for(5, 1) == 1
    assert parts_for(5, 2) == 4  # every worker gets partitions to check
    assert parts_for(100 * ARTICLES_PER_PART, 1) == 100
    assert parts_for(100 * ARTICLES_PER_PART, 2) == 100


def test_a_temporary_folder_without_room_is_one_clear_error(monkeypatch):
    import errno

    import pytest

    from figures.core.errors import OutputError
    from figures.runtime import spool as spool_module

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spool_module, "open", full, raising=False)
    with Spool(2, limit=0) as spool, pytest.raises(OutputError, match="No space left on device.*TMPDIR"):
        spool.add({0: b"claims"})


def test_the_spool_folder_is_private_to_the_process_owner():
    # The spool's lists are unpickled by the run's own workers: no one else may write a file there.
    with Spool(1, limit=0) as spool:
        spool.add({0: b"a"})
        folder = spool._folder
        assert os.stat(folder).st_mode & 0o777 == 0o700
        assert os.stat(folder).st_uid == os.getuid()


_KILLED_RUN = """
import os, signal, sys
from figures.runtime.spool import Spool
spool = Spool(2, limit=0).__enter__()
spool.add({0: b"claims", 1: b"more"})
print(spool._folder, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_spool_left_by_a_run_killed_outright_is_removed_by_the_next_run(tmp_path, monkeypatch):
    """kill -9 gives a run no chance to remove its folder: the next run removes it, and no live run's."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root), "TMPDIR": str(tmp_path)}
    killed = subprocess.run([sys.executable, "-c", _KILLED_RUN], env=env, capture_output=True, text=True, check=False)
    left = killed.stdout.strip()
    assert killed.returncode != 0 and os.path.isdir(left) and left.startswith(str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spool(1, limit=0) as live:
        live.add({0: b"a"})
        with Spool(1, limit=0) as later:
            assert not os.path.exists(left)
            assert os.path.isdir(live._folder)  # a run still going keeps its folder
            later.add({0: b"b"})
        assert list(live.partitions()) == [(b"a",)]
    assert os.listdir(tmp_path) == []


def test_another_runs_clean_up_between_making_and_locking_a_spool_leaves_it_alone(tmp_path, monkeypatch):
    """Runs share the temporary folder: one that looks for abandoned spools while another is taking the lock of
    its new folder must neither remove that folder nor keep its run from taking the lock."""
    import fcntl
    import tempfile

    from figures.runtime import spool as spool_module

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    real = fcntl.flock
    looked: list[list[str]] = []

    def a_spool_lock(fd: int) -> bool:
        return any(lock.stat().st_ino == os.fstat(fd).st_ino for lock in tmp_path.glob(f"*/{spool_module.OWNER_LOCK}"))

    def flock(fd: int, operation: int) -> None:
        if operation & fcntl.LOCK_EX and not looked and a_spool_lock(fd):  # made, about to be taken
            looked.append(os.listdir(tmp_path))
            spool_module.remove_abandoned()  # what another run starting now does
        real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flock)
    with Spool(2, limit=0) as spool:
        spool.add({0: b"a"})
        spool.add({1: b"b"})
        assert list(spool.partitions()) == [(b"a",), (b"b",)]
    assert len(looked) == 1 and len(looked[0]) == 1  # the clean-up ran while the new folder was there
    assert os.listdir(tmp_path) == []
