"""Extract many article files at once: in this process, in a local process pool, or on Dask.

Work is cut into batches of files; each batch is read, extracted and turned into
claims in one task, and batches come back in the order they were given, so the
result is the same whatever the engine and the number of workers. On Dask the
consistency check runs there too, one task per partition of the claim keys, and its
results are put back in key order, as one process would have produced them. For the articles
being checked a worker also sends back the article itself (its text and front
matter) or, when it cannot be read, its FG001 finding, so no file is read twice.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from figures.errors import InputError, UsageError
from figures.index import Entry, content_hash, file_state
from figures.model import Article, Claim, Comparison, Finding, Severity
from figures.rulebook import Rule, Rulebook

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
        figures = read.in_source(extract_text(read.text, read.body_start))
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


def check_keys(
    rule: Rule, claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None
) -> list[tuple[str, list[Finding], list[Comparison]]]:
    """The consistency rule over these claims, key by key: each key's findings and groups compared."""
    from figures.checks import consistency
    from figures.checks.base import CheckContext

    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        groups.setdefault(claim.key, []).append(claim)
    out = []
    for key in sorted(groups):
        ctx = CheckContext(rulebook, _world(rulebook), targets)
        out.append((key, consistency.run(rule, groups[key], ctx), ctx.comparisons))
    return out


@dataclass
class Runner:
    """How to run the extraction: ``jobs`` processes (0: every core) or a Dask cluster.

    Used as a context manager, a Dask runner keeps one client for the whole run.
    """

    jobs: int = 1
    engine: str = "local"
    scheduler: str | None = None
    _client: object = field(default=None, init=False, repr=False, compare=False)
    _cluster: object = field(default=None, init=False, repr=False, compare=False)

    def __enter__(self) -> Runner:
        if self.engine == "dask" and self._client is None:
            self._client, self._cluster = _connect(self.workers, self.scheduler)
        return self

    def __exit__(self, *exc) -> None:
        if self._client is not None:
            _disconnect(self._client, self._cluster)
            self._client = self._cluster = None

    @contextmanager
    def _dask(self) -> Iterator[object]:
        if self._client is not None:
            yield self._client
            return
        client, cluster = _connect(self.workers, self.scheduler)
        try:
            yield client
        finally:
            _disconnect(client, cluster)

    def check_by_key(
        self, rule: Rule, claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None
    ) -> tuple[list[Finding], list[Comparison]]:
        """A consistency rule on Dask: claims partitioned by key, findings and groups in key order."""
        parts: list[list[Claim]] = [[] for _ in range(self.workers * 4)]
        for claim in claims:
            if claim.key is not None:  # a stable hash: the same partitions whatever the hash seed
                parts[zlib.crc32(claim.key.encode()) % len(parts)].append(claim)
        with self._dask() as client:
            shared = client.scatter(rulebook, broadcast=True, hash=False)
            futures = [client.submit(check_keys, rule, part, shared, targets, pure=False) for part in parts if part]
            results = sorted((r for f in futures for r in f.result()), key=lambda r: r[0])
        findings = [f for _, found, _ in results for f in found]
        comparisons = [c for _, _, compared in results for c in compared]
        return findings, comparisons

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
            with self._dask() as client:
                results = _dask_batches(client, batches, rulebook, self.workers, options)
                for batch, entries in zip(batches, results, strict=True):
                    if done is not None:
                        done(len(batch))
                    yield entries
            return
        if self.workers > 1 and len(paths) >= POOL_MIN_FILES:
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


def _connect(workers: int, scheduler: str | None) -> tuple[object, object]:
    """A Dask client: of the cluster at ``scheduler``, else of a new LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise UsageError("--engine dask needs Dask: pip install 'figures[dask]'") from err
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    return Client(cluster), cluster


def _disconnect(client, cluster) -> None:
    client.close()
    if cluster is not None:
        cluster.close()


def _dask_batches(
    client, batches: list[list[str]], rulebook: Rulebook, workers: int, options: tuple
) -> Iterator[list[Read]]:
    shared = client.scatter(rulebook, broadcast=True, hash=False)
    window = workers * 4
    articles, known = options
    pending = [client.submit(analyse_batch, b, shared, articles, known & set(b), pure=False) for b in batches[:window]]
    nxt = len(pending)
    while pending:
        result = pending.pop(0).result()
        if nxt < len(batches):
            b = batches[nxt]
            pending.append(client.submit(analyse_batch, b, shared, articles, known & set(b), pure=False))
            nxt += 1
        yield result
