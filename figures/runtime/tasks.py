"""The units of work of a run, as a worker (a pool process, a Dask worker, or this one) runs them.

A run has two steps, each cut into tasks that need nothing from each other:

* :func:`read_batch` reads a batch of article files, builds their claims (or loads
  them from the index when it holds them fresh), runs the checks that look at one
  article at a time on the articles being checked, and sorts the claims that a
  cross-article check must see into partitions by a stable hash of their claim key;
* :func:`check_partition` runs the consistency rules over one partition, key by key.

A claim key lives in exactly one partition, so partitions are checked apart and the
main process only writes what comes back: the claims to the index (as data, see
:func:`figures.runtime.index.encode_claims`) and the partitions to the
:class:`~figures.runtime.spool.Spool`, as bytes it never unpickles, and the findings.
Memory in the main process then grows with the findings, not with the corpus.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import zlib
from dataclasses import dataclass, field

from figures.context.keys import compared_key
from figures.core.errors import InputError
from figures.core.limits import Limits, applied, current
from figures.model import Article, Claim, Comparison, FactComparison, Finding, Severity
from figures.rules.records import Rulebook
from figures.runtime.index import NO_CLAIMS, FileState, Stored, content_hash, encode_claims, file_state, stored_claims
from figures.runtime.suppress import Suppression, comment_findings, suppressions

_last_world: tuple[Rulebook, object] | None = None  # a worker sees one rulebook for a whole run

# A finding with the position of the rule that made it in the rulebook: findings are put in rule order.
Ranked = tuple[int, Finding]
# One claim key's result: the rule's position, the key, its findings and the groups compared.
KeyResult = tuple[int, str, list[Finding], list[Comparison]]


def world_of(rulebook: Rulebook):
    """The gazetteer for this rulebook, built once per process."""
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


def partition(key: str, parts: int) -> int:
    """The partition of a claim key: a stable hash, the same whatever the hash seed and the machine."""
    return zlib.crc32(key.encode()) % parts


def article_checks(claims: list[Claim], rulebook: Rulebook, world=None) -> tuple[list[Ranked], list[FactComparison]]:
    """Every enabled rule that reads one article at a time (all types but consistency), in rule order.

    Gives the findings, and each claim the reference rules compared with a fact.
    """
    from figures.checks import CHECKS
    from figures.checks.base import CheckContext

    ctx = CheckContext(rulebook, world if world is not None else world_of(rulebook))
    out: list[Ranked] = []
    for pos, rule in enumerate(rulebook.rules):
        if rule.type != "consistency":
            out.extend((pos, f) for f in CHECKS[rule.type].run(rule, claims, ctx))
    return out, ctx.facts


def key_checks(claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None, world=None) -> list[KeyResult]:
    """Every consistency rule over these claims, claim key by claim key, in rule then key order.

    ``targets`` are the articles being checked (``None``: every article).
    """
    from figures.checks import consistency
    from figures.checks.base import CheckContext

    world = world if world is not None else world_of(rulebook)
    groups: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.key is not None:
            groups.setdefault(compared_key(claim.key), []).append(claim)
    out: list[KeyResult] = []
    for pos, rule in enumerate(rulebook.rules):
        if rule.type != "consistency":
            continue
        for key in sorted(groups):
            ctx = CheckContext(rulebook, world, targets)
            out.append((pos, key, consistency.run(rule, groups[key], ctx), ctx.comparisons))
    return out


@dataclass(frozen=True)
class Batch:
    """Some article files to read, and what to do with them.

    ``known`` files have fresh claims in the index at ``index`` (its file and
    fingerprint) and are not extracted again, unless their row does not decode; with
    ``store`` the claims built are sent back encoded as data, with the file's state
    and hash, for the index to keep.
    ``targets``: these are the articles being checked, so each is read whole, checked
    on its own, and comes back with its suppressions (and, with ``keep``, with its
    article and claims); with ``keep``, a corpus file comes back with its keyed claims
    (those with one of ``keys``, when given), to say what a target was compared with,
    and, when it has any, with its article, to be grouped into stories with the targets.
    ``parts``: how many partitions the keyed claims go to (0: none), only those with
    ``keys`` when given; ``want_keys`` sends back the set of
    claim keys seen. ``limits``: the run's, in force while the worker reads (a worker
    has no configuration of its own); by default those in force where the batch is made.
    ``folder``: the working folder of the process that made the batch, where relative
    paths are found (a Dask worker runs in a folder of its own); the paths stay as given
    in what comes back.
    """

    paths: tuple[str, ...]
    known: frozenset[str] = frozenset()
    index: tuple[str, str] | None = None
    store: bool = False  # send back the claims built, encoded, for the index
    targets: bool = False
    keys: frozenset[str] | None = None
    parts: int = 0
    keep: bool = False
    want_keys: bool = False
    limits: Limits = field(default_factory=current)
    folder: str = field(default_factory=os.getcwd)


@dataclass(frozen=True)
class FileResult:
    """One file as a worker saw it."""

    path: str
    readable: bool
    stored: Stored | None = None  # claims built in this run, for the index
    unreadable: Finding | None = None  # an article being checked that cannot be read: FG001
    findings: tuple[Ranked, ...] = ()  # of the checks that read one article
    comments: tuple[Finding, ...] = ()  # FG002: suppression comments that do not parse
    suppressions: tuple[Suppression, ...] = ()
    article: Article | None = None  # with ``keep``: a target's; a corpus file's that shares a key with one
    claims: tuple[Claim, ...] = ()  # with ``keep``: a target's all, a corpus file's keyed ones
    facts: tuple[FactComparison, ...] = ()  # with ``keep``: the claims the reference rules compared


@dataclass
class BatchResult:
    """A batch's files, in order, and its keyed claims as one pickled list per partition."""

    files: list[FileResult] = field(default_factory=list)
    parts: dict[int, bytes] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()


def build(article: Article, rulebook: Rulebook, world=None) -> tuple[Claim, ...]:
    """An article's claims, in reading order."""
    from figures.context import build_claims
    from figures.extract import extract_text

    figures = article.in_source(extract_text(article.text, article.body_start))
    return tuple(build_claims(article, figures, rulebook, world if world is not None else world_of(rulebook)))


def _shared(claims: tuple[Claim, ...], batch: Batch) -> tuple[Claim, ...]:
    """With ``keep``, a corpus file's claims that share a key with the targets: the ones they can be compared with."""
    if not batch.keep:
        return ()
    return tuple(c for c in claims if c.key is not None and (batch.keys is None or c.key in batch.keys))


def _on_disk(path: str, folder: str) -> str:
    """Where this process finds a file the batch names: a relative path is the batch maker's folder's."""
    return path if os.path.isabs(path) or not folder else os.path.join(folder, path)


def _read_as(path: str, folder: str) -> Article:
    """The article at ``path`` as its batch names it, read wherever this process runs."""
    from figures.ingest import read_article

    disk = _on_disk(path, folder)
    if disk == path:
        return read_article(path)
    try:
        return dataclasses.replace(read_article(disk), path=path)
    except InputError as err:
        raise InputError(path + err.path[len(disk) :], err.problem, err.hint) from None


def _state_of(path: str, folder: str) -> FileState | None:
    """The file's state, under the name its batch gives it."""
    state = file_state(_on_disk(path, folder))
    return state if state is None or state.path == path else dataclasses.replace(state, path=path)


def _text_of(path: str, folder: str) -> Article | None:
    """The article at ``path``, for its story (its claims came from the index); ``None`` if it went bad since."""
    try:
        return _read_as(path, folder)
    except (InputError, OSError):
        return None


def _read_one(
    path: str, state: FileState | None, batch: Batch, rulebook: Rulebook, loaded: dict[str, tuple[Claim, ...]]
) -> tuple[FileResult | None, tuple[Claim, ...]]:
    if path in loaded and not batch.targets:
        shared = _shared(loaded[path], batch)
        article = _text_of(path, batch.folder) if shared else None
        return FileResult(path, True, claims=shared, article=article), loaded[path]
    store = batch.store and state is not None and path not in loaded  # new claims for the index
    try:
        sha = content_hash(_on_disk(path, batch.folder)) if store else ""
        article = _read_as(path, batch.folder)
    except (InputError, OSError) as err:
        stored = Stored(state, "", NO_CLAIMS, ()) if store and state is not None else None
        unreadable = unreadable_finding(err, path) if batch.targets and isinstance(err, InputError) else None
        if state is None and unreadable is None:
            return None, ()
        return FileResult(path, False, stored, unreadable), ()
    if state is None and not batch.targets:  # gone after it was read
        return None, ()
    stored = None
    if path in loaded:
        claims = loaded[path]
    else:
        claims = build(article, rulebook)
        blob = encode_claims(claims) if store and state is not None else None
        if blob is not None:  # claims that cannot be encoded are not kept: the file is extracted next time too
            keys = tuple(sorted({c.key for c in claims if c.key is not None}))
            stored = Stored(state, sha, blob, keys)
    if not batch.targets:
        shared = _shared(claims, batch)
        return FileResult(path, True, stored, claims=shared, article=article if shared else None), claims
    findings, facts = article_checks(list(claims), rulebook)
    return (
        FileResult(
            path,
            True,
            stored,
            findings=tuple(findings),
            comments=tuple(comment_findings(path, article.comment_text)),
            suppressions=suppressions(article.comment_text),
            article=article if batch.keep else None,
            claims=claims if batch.keep else (),
            facts=tuple(facts) if batch.keep else (),
        ),
        claims,
    )


def read_batch(batch: Batch, rulebook: Rulebook) -> BatchResult:
    """Read, extract (or load) and check one batch of files, under the batch's limits; see :class:`Batch`."""
    with applied(batch.limits):
        return _read_batch(batch, rulebook)


def _read_batch(batch: Batch, rulebook: Rulebook) -> BatchResult:
    states = {p: _state_of(p, batch.folder) for p in batch.paths}
    loaded: dict[str, tuple[Claim, ...]] = {}
    if batch.index is not None and batch.known:
        loaded = stored_claims(*batch.index, [p for p in batch.paths if p in batch.known])
    out = BatchResult()
    parts: dict[int, list[Claim]] = {}
    keys: set[str] = set()
    for path in batch.paths:
        state = states[path]
        if state is None and not batch.targets:
            continue
        result, claims = _read_one(path, state, batch, rulebook, loaded)
        if result is None:
            continue
        out.files.append(result)
        for claim in claims:
            if claim.key is None or (batch.keys is not None and claim.key not in batch.keys):
                continue
            if batch.want_keys:
                keys.add(claim.key)
            if batch.parts:
                parts.setdefault(partition(compared_key(claim.key), batch.parts), []).append(claim)
    out.parts = {n: pickle.dumps(claims, protocol=pickle.HIGHEST_PROTOCOL) for n, claims in sorted(parts.items())}
    out.keys = frozenset(keys)
    return out


@dataclass(frozen=True)
class Partition:
    """The keyed claims of one partition, as the pickled lists the batches sent, in batch order."""

    blobs: tuple[bytes, ...]
    targets: frozenset[str] | None = None
    keep: bool = False  # send back the groups compared, not only the findings
    limits: Limits = field(default_factory=current)  # the run's, as in :class:`Batch`


def check_partition(part: Partition, rulebook: Rulebook) -> list[KeyResult]:
    """The consistency rules over one partition's claims, key by key (see :func:`key_checks`)."""
    claims: list[Claim] = []
    for blob in part.blobs:
        claims.extend(pickle.loads(blob))
    with applied(part.limits):
        results = key_checks(claims, rulebook, part.targets)
    if not part.keep:
        results = [(pos, key, found, []) for pos, key, found, _ in results if found]
    return results


def check_partition_kept(part: Partition, rulebook: Rulebook) -> tuple[list[KeyResult], list[Claim]]:
    """The consistency rules over one partition, with the groups compared and the partition's claims.

    For a run that keeps only what its outputs show: the main process decides what to
    keep of these claims and lets the rest go, partition by partition.
    """
    claims: list[Claim] = []
    for blob in part.blobs:
        claims.extend(pickle.loads(blob))
    with applied(part.limits):
        return key_checks(claims, rulebook, part.targets), claims
