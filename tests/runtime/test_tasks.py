"""A run's tasks: reading a batch of files, and checking one partition of claim keys."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from figures.context.keys import compared_key
from figures.core import limits
from figures.core.limits import Limits
from figures.rules.loader import load_rulebook
from figures.runtime.tasks import Batch, Partition, check_partition, key_checks, partition, read_batch

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted(str(p) for p in (ROOT / "data" / "articles").glob("*.md"))


@pytest.fixture(scope="module")
def rulebook():
    return load_rulebook(ROOT / "examples" / "central-asia" / "rules")


def _claims(blobs):
    return [c for blob in blobs for c in pickle.loads(blob)]


def test_an_article_being_checked_comes_back_checked_with_its_keyed_claims_partitioned(rulebook, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\xff\xfe not text")
    result = read_batch(Batch((ARTICLES[0], str(broken)), store=True, targets=True, parts=3, keep=True), rulebook)
    good, bad = result.files
    assert good.readable and good.article is not None and good.claims
    assert good.stored is not None and set(good.stored.keys) == {c.key for c in good.claims if c.key}
    assert not bad.readable and bad.unreadable is not None and bad.unreadable.code == "FG001"
    spooled = {n: _claims([blob]) for n, blob in result.parts.items()}
    # by the key without its owner: claims whose owners may meet by evidence are checked in one partition
    assert all(partition(compared_key(c.key), 3) == n for n, claims in spooled.items() for c in claims)
    assert sum(len(c) for c in spooled.values()) == sum(1 for c in good.claims if c.key)


def test_a_corpus_file_sends_only_the_claims_sharing_a_key_and_nothing_else(rulebook, tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"")
    everything = read_batch(Batch((ARTICLES[1],), targets=True, parts=1, keep=True), rulebook)
    wanted = frozenset(sorted({c.key for c in everything.files[0].claims if c.key})[:2])
    result = read_batch(Batch((ARTICLES[1], str(broken)), keys=wanted, parts=1, want_keys=True), rulebook)
    assert [f.readable for f in result.files] == [True, False]
    assert all(f.unreadable is None and f.article is None and not f.findings for f in result.files)
    assert all(f.stored is None for f in result.files)  # no index: nothing to store
    assert {c.key for c in _claims(result.parts.values())} == wanted == result.keys


def test_a_partition_is_checked_key_by_key_as_one_process_would(rulebook):
    blobs = []
    for path in ARTICLES:
        blobs.extend(read_batch(Batch((path,), targets=True, parts=1), rulebook).parts.values())
    claims = _claims(blobs)
    whole = key_checks(claims, rulebook, None)
    assert any(found for _, _, found, _ in whole)
    assert check_partition(Partition(tuple(blobs), keep=True), rulebook) == whole
    lean = check_partition(Partition(tuple(blobs)), rulebook)
    assert lean == [(pos, key, found, []) for pos, key, found, _ in whole if found]


def test_a_batch_is_read_under_the_limits_it_was_made_under(rulebook, tmp_path):
    """A worker has no configuration: the batch brings its run's limits, and the worker's are restored after."""
    article = tmp_path / "bridge.txt"
    article.write_text("Last year 1,200 cars, 340 lorries and 56 buses crossed the bridge.\n", encoding="utf-8")
    with limits.applied(Limits(max_figures_per_sentence=1)):
        limited = Batch((str(article),), targets=True, keep=True)
    plain = Batch((str(article),), targets=True, keep=True)
    assert limited.limits.max_figures_per_sentence == 1 and plain.limits == Limits()
    assert [c.figure.surface for c in read_batch(limited, rulebook).files[0].claims] == ["1,200 cars"]
    assert len(read_batch(plain, rulebook).files[0].claims) == 3
    assert limits.current() == Limits()


def test_a_batch_made_in_one_folder_reads_the_same_in_a_worker_running_in_another(rulebook, tmp_path, monkeypatch):
    """A Dask worker runs in its own folder: relative paths and the index must still name the client's files."""
    import shutil

    from figures.runtime.engine import _Reader, open_index
    from figures.runtime.parallel import Runner
    from figures.runtime.spool import Spool

    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    shutil.copytree(ROOT / "data" / "articles", project / "archive")
    elsewhere.mkdir()
    monkeypatch.chdir(project)
    paths = sorted(str(p.relative_to(project)) for p in (project / "archive").glob("*.md"))
    index = open_index(".figures", rulebook)  # relative, as the command line opens it
    try:
        with Spool(0) as spool:
            for _ in _Reader(rulebook, Runner(), index, spool).read(paths, only_stale=True):
                pass
        with Spool(0) as spool:
            batch = next(_Reader(rulebook, Runner(), index, spool)._batches(paths, True, None, False, False, None))
    finally:
        index.close()
    assert batch.known == frozenset(paths)
    here = read_batch(batch, rulebook)
    monkeypatch.chdir(elsewhere)
    there = read_batch(batch, rulebook)
    assert [f.path for f in there.files] == paths
    assert all(f.readable and f.unreadable is None for f in there.files)
    assert all(f.stored is None for f in there.files)  # loaded from the index, not extracted again
    assert there == here
