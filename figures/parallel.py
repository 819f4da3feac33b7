"""Extract many article files at once: in this process, in a local process pool, or on Dask.

Work is cut into batches of files; each batch is read, extracted and turned into
claims in one task, and batches come back in the order they were given, so the
result is the same whatever the engine and the number of workers. For the articles
being checked a worker also sends back the article itself (its text and front
matter) or, when it cannot be read, its FG001 finding, so no file is read twice.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from figures.errors import InputError, UsageError
from figures.index import Entry, content_hash, file_state
from figures.model import Article, Claim, Finding, Severity
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


def unreadable_finding(err: InputError, path: str) -> Finding:
    """The FG001 finding for an article that cannot be read."""
    where = err.path.rsplit(":", 1)
    line = int(where[1]) if len(where) == 2 and where[1].isdigit() else 1
    return Finding(
        code="FG001",
        severity=Severity.ERROR,
        message=f"{err.problem}" + (f"; {err.hint}" if err.hint else ""),
        path=path,
        line=line,
        column=1,
        rule="engine",
        check="engine",
    )


@dataclass(frozen=True)
class Read:
    """One file as a worker saw it: its claims and, for an article being checked, the article or its FG001."""

    entry: Entry | None
    article: Article | None = None
    unreadable: Finding | None = None


def analyse_file(path: str, rulebook: Rulebook, world=None) -> Entry | None:
    """One article file's claims, with the state and hash of the content they were built from.

    ``None`` when the file is gone; an unreadable article has no claims (the engine
    reports it when it is among the articles checked).
    """
    return read_file(path, rulebook, world).entry


def read_file(path: str, rulebook: Rulebook, world=None, article: bool = False, extract: bool = True) -> Read:
    """Read one file; with ``article``, keep the article; with ``extract`` off, build no claims."""
    from figures.context import build_claims
    from figures.extract import extract_text
    from figures.ingest import read_article

    state = file_state(path)
    if state is None and not article:
        return Read(None)
    try:
        sha = content_hash(path) if extract else ""
        read = read_article(path)
    except InputError as err:
        entry = Entry(state, "", ()) if state is not None else None
        return Read(entry, unreadable=unreadable_finding(err, path) if article else None)
    except OSError:
        return Read(Entry(state, "", ()) if state is not None else None)
    if state is None:  # gone after it was read
        return Read(None, read if article else None)
    claims: tuple[Claim, ...] = ()
    if extract:
        figures = extract_text(read.text, read.body_start)
        world = world if world is not None else _world(rulebook)
        claims = tuple(build_claims(read, figures, rulebook, world))
    return Read(Entry(state, sha, claims), read if article else None)


def analyse_batch(
    paths: list[str], rulebook: Rulebook | None = None, articles: bool = False, known: frozenset[str] = frozenset()
) -> list[Read]:
    """A batch of files, in order; in a pool worker the rulebook comes from the initializer.

    With ``articles``, each file's article comes back too; files in ``known`` (whose
    claims the index holds) are read but not extracted.
    """
    rulebook = rulebook if rulebook is not None else _worker_rulebook
    assert rulebook is not None
    out = []
    for path in paths:
        read = read_file(path, rulebook, article=articles, extract=path not in known)
        if read.entry is not None or read.article is not None or read.unreadable is not None:
            out.append(read)
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
        self,
        paths: list[str],
        rulebook: Rulebook,
        done: Callable[[int], None] | None = None,
        articles: bool = False,
        known: frozenset[str] = frozenset(),
    ) -> Iterator[list[Read]]:
        """The files as read, one batch at a time, in the order of ``paths`` (see :func:`analyse_batch`)."""
        batches = [paths[n : n + BATCH_FILES] for n in range(0, len(paths), BATCH_FILES)]
        if not batches:
            return
        options = (articles, frozenset(known))
        if self.engine == "dask":
            results = _dask_batches(batches, rulebook, self.workers, self.scheduler, options)
        elif self.workers > 1 and len(paths) >= POOL_MIN_FILES:
            results = _pool_batches(batches, rulebook, self.workers, options)
        else:
            results = (analyse_batch(b, rulebook, *options) for b in batches)
        for batch, entries in zip(batches, results, strict=True):
            if done is not None:
                done(len(batch))
            yield entries


def _pool_batches(batches: list[list[str]], rulebook: Rulebook, workers: int, options: tuple) -> Iterator[list[Read]]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(rulebook,)) as pool:
        # A window of submitted batches keeps memory bounded on a large archive.
        window = workers * 4
        articles, known = options
        pending = [pool.submit(analyse_batch, b, None, articles, known & set(b)) for b in batches[:window]]
        nxt = len(pending)
        while pending:
            result = pending.pop(0).result()
            if nxt < len(batches):
                b = batches[nxt]
                pending.append(pool.submit(analyse_batch, b, None, articles, known & set(b)))
                nxt += 1
            yield result


def _dask_batches(
    batches: list[list[str]], rulebook: Rulebook, workers: int, scheduler: str | None, options: tuple
) -> Iterator[list[Read]]:
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
        articles, known = options
        pending = [
            client.submit(analyse_batch, b, shared, articles, known & set(b), pure=False) for b in batches[:window]
        ]
        nxt = len(pending)
        while pending:
            result = pending.pop(0).result()
            if nxt < len(batches):
                b = batches[nxt]
                pending.append(client.submit(analyse_batch, b, shared, articles, known & set(b), pure=False))
                nxt += 1
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
