"""Extract many article files at once: in this process, in a local process pool, or on Dask.

Work is cut into batches of files; each batch is read, extracted and turned into
claims in one task, and batches come back in the order they were given, so the
result is the same whatever the engine and the number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from figures.errors import InputError, UsageError
from figures.index import Entry, content_hash, file_state
from figures.rulebook import Rulebook

ENGINES = ("local", "dask")
BATCH_FILES = 32
# A pool costs its start-up; below this many files one process is quicker.
POOL_MIN_FILES = 16

_worker_rulebook: Rulebook | None = None
_last_world: tuple[Rulebook, object] | None = None  # a worker sees one rulebook for a whole run


def _world(rulebook: Rulebook):
    from figures.context import world_for

    global _last_world
    if _last_world is None or _last_world[0] is not rulebook:
        _last_world = (rulebook, world_for(rulebook))
    return _last_world[1]


def analyse_file(path: str, rulebook: Rulebook, world=None) -> Entry | None:
    """One article file's claims, with the state and hash of the content they were built from.

    ``None`` when the file is gone; an unreadable article has no claims (the engine
    reports it when it is among the articles checked).
    """
    from figures.context import build_claims
    from figures.extract import extract_text
    from figures.ingest import read_article

    state = file_state(path)
    if state is None:
        return None
    try:
        sha = content_hash(path)
        article = read_article(path)
    except (InputError, OSError):
        return Entry(state, "", ())
    figures = article.in_source(extract_text(article.text, article.body_start))
    world = world if world is not None else _world(rulebook)
    return Entry(state, sha, tuple(build_claims(article, figures, rulebook, world)))


def analyse_batch(paths: list[str], rulebook: Rulebook | None = None) -> list[Entry]:
    """A batch of files, in order; in a pool worker the rulebook comes from the initializer."""
    rulebook = rulebook if rulebook is not None else _worker_rulebook
    assert rulebook is not None
    out = []
    for path in paths:
        entry = analyse_file(path, rulebook)
        if entry is not None:
            out.append(entry)
    return out


def _init_worker(rulebook: Rulebook) -> None:
    global _worker_rulebook
    _worker_rulebook = rulebook


@dataclass(frozen=True)
class Runner:
    """How to run the extraction: ``jobs`` processes (0: every core) or a Dask cluster."""

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise UsageError(f"unknown engine '{self.engine}'; use one of: {', '.join(ENGINES)}")
        if self.jobs < 0:
            raise UsageError("--jobs must be 0 (every core) or a positive number of processes")
        if self.scheduler and self.engine != "dask":
            raise UsageError("--scheduler needs --engine dask")

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1

    def batches(
        self, paths: list[str], rulebook: Rulebook, done: Callable[[int], None] | None = None
    ) -> Iterator[list[Entry]]:
        """The files' entries, one batch at a time, in the order of ``paths``."""
        batches = [paths[n : n + BATCH_FILES] for n in range(0, len(paths), BATCH_FILES)]
        if not batches:
            return
        if self.engine == "dask":
            results = _dask_batches(batches, rulebook, self.workers, self.scheduler)
        elif self.workers > 1 and len(paths) >= POOL_MIN_FILES:
            results = _pool_batches(batches, rulebook, self.workers)
        else:
            results = (analyse_batch(b, rulebook) for b in batches)
        for batch, entries in zip(batches, results, strict=True):
            if done is not None:
                done(len(batch))
            yield entries


def _pool_batches(batches: list[list[str]], rulebook: Rulebook, workers: int) -> Iterator[list[Entry]]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rulebook,)) as pool:
        # A window of submitted batches keeps memory bounded on a large archive.
        window = workers * 4
        pending = [pool.submit(analyse_batch, b) for b in batches[:window]]
        nxt = len(pending)
        while pending:
            result = pending.pop(0).result()
            if nxt < len(batches):
                pending.append(pool.submit(analyse_batch, batches[nxt]))
                nxt += 1
            yield result


def _dask_batches(
    batches: list[list[str]], rulebook: Rulebook, workers: int, scheduler: str | None
) -> Iterator[list[Entry]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise UsageError("--engine dask needs Dask: pip install 'figures[dask]'") from err
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        shared = client.scatter(rulebook, broadcast=True)
        window = workers * 4
        pending = [client.submit(analyse_batch, b, shared, pure=False) for b in batches[:window]]
        nxt = len(pending)
        while pending:
            result = pending.pop(0).result()
            if nxt < len(batches):
                pending.append(client.submit(analyse_batch, batches[nxt], shared, pure=False))
                nxt += 1
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
