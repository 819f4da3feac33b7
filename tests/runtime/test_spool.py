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


def test_written_partitions_are_removed_with_the_spool():
    spool = Spool(3, limit=0)
    spool.add({0: b"a", 2: b"bc"})
    spool.add({2: b"d"})
    folder = spool._folder.name
    assert sorted(os.listdir(folder)) == ["000000.bin", "000002.bin"]
    assert list(spool.partitions()) == [(b"a",), (b"bc", b"d")]
    assert os.listdir(folder) == []  # each partition's file goes once it is read
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
        folder = spool._folder.name
        assert os.stat(folder).st_mode & 0o777 == 0o700
        assert os.stat(folder).st_uid == os.getuid()
