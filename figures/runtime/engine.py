"""Run the stages over a corpus: read, extract, build claims, check, filter.

    articles -> figures -> claims -> findings -> (suppressions, baseline, codes)

The corpus checks see every claim of every article checked, and the claims of the
corpus that share a key with one of them (the only ones a check can compare them
with); only findings located in the articles being checked are kept, so a new
article can be checked against an archive.

A run is two steps of independent tasks (see :mod:`figures.runtime.tasks`), run by a
:class:`~figures.runtime.parallel.Runner` in this process, a process pool or on Dask.
First, batches of files are read, their claims built (or loaded from the index when
it holds them fresh, see :mod:`figures.runtime.index`) and each article checked on its own;
their keyed claims go to a :class:`~figures.runtime.spool.Spool`, partitioned by claim key.
Then each partition is checked across articles. This process keeps only findings,
and the articles and claims themselves only for the outputs that show them
(``keep``), so a full audit's memory does not grow with the corpus. The output is
the same whatever the engine, the number of workers, and whether the index exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from figures.checks.compared import Explainer, Explanation
from figures.checks.matching import DEFAULT_THRESHOLD
from figures.checks.verdicts import apply_verdicts
from figures.context.frames import reader_name
from figures.context.stories import Grouping, group_stories
from figures.core import limits
from figures.core.errors import InputError
from figures.ingest import LinkOutside, article_files
from figures.model import Article, Claim, Comparison, FactComparison, Finding, Severity
from figures.rules.records import Rulebook
from figures.runtime.index import ClaimIndex, file_state, fingerprint, folder_times
from figures.runtime.parallel import BATCH_FILES, Runner
from figures.runtime.progress import Progress, wanted
from figures.runtime.shown import Bounds, Packed, Shown, Totals, Unpacked, pack
from figures.runtime.spool import Spool, parts_for
from figures.runtime.status import claim_groups, claim_statuses
from figures.runtime.suppress import Suppression, unused_findings
from figures.runtime.tasks import (
    Batch,
    BatchResult,
    KeyResult,
    Partition,
    Ranked,
    article_checks,
    build,
    check_partition,
    check_partition_kept,
    key_checks,
    read_batch,
    unreadable_finding,
)

# Files whose index rows are asked for at once: the main process holds their states, not the archive's.
STALE_SLICE = 4096


@dataclass
class CheckResult:
    """Everything a run produced; every output format reads from here.

    ``articles``, ``claims``, ``statuses``, ``groups``, ``stories`` and ``explanations``
    are filled only when the run was asked to keep them (the report, the worksheet and
    ``figures claims``); ``read`` counts the articles checked that could be read either way.
    Against a corpus, it also keeps the corpus articles that share a claim key with
    the articles checked (``corpus_articles``), and those claims of theirs. The run groups
    the articles it keeps into stories once (``stories``), and explains each kept claim
    against them (``explanations``, by claim id, see
    :func:`figures.checks.compared.explain`): outputs read both, never regroup.

    A run that kept only what its outputs show (``CheckOptions.bounds``, see
    :mod:`figures.runtime.shown`) has ``totals``: ``claims`` are then the flagged ones and
    a sample of the others, each group keeps the claims a report lists and a summary,
    ``alone`` holds the first claims in no shown group, ``statuses`` and
    ``explanations`` cover only the claims kept (an explanation its status, reason and
    story), and ``articles`` and ``corpus_articles`` hold what the outputs show of an
    article (path, title, outlet, date, link), not its text.
    """

    articles: list[Article]
    claims: list[Claim]
    findings: list[Finding]
    missing: list[InputError] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    statuses: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)
    checked: int = 0  # article files found among the paths checked, readable or not
    read: int = 0  # of them, the articles that could be read
    stories: Grouping | None = None
    explanations: Mapping[str, Explanation] = field(default_factory=dict)
    corpus_articles: list[Article] = field(default_factory=list)  # those sharing a claim key with a target
    totals: Totals | None = None  # counts over every claim, when only what the outputs show was kept
    alone: list[Claim] = field(default_factory=list)  # with ``totals``: the first claims in no shown group

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def indexable(path: str) -> bool:
    """Whether the index can hold this path: a file name that is not UTF-8 is read and checked, never indexed."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def analyse(articles: list[Article], rulebook: Rulebook) -> list[Claim]:
    """Claims of every article, in article then reading order."""
    return [c for article in articles for c in build(article, rulebook)]


def run_checks(
    claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None = None
) -> tuple[list[Finding], list[Comparison]]:
    """Every enabled rule of every type over these claims, in this process: the findings, and the groups compared."""
    key_results = key_checks(claims, rulebook, targets)
    ranked, _ = article_checks(claims, rulebook)
    return _in_rule_order(ranked, key_results), [c for r in key_results for c in r[3]]


def check_articles(articles: list[Article], rulebook: Rulebook) -> CheckResult:
    """Check articles already read against each other, in this process, keeping everything.

    For the commands that explain a few articles (``figures claims``): every claim,
    finding, group and status, the stories and each claim's explanation. No
    suppression, baseline or verdict applies: this says what the checks did.
    """
    claims = analyse(articles, rulebook)
    key_results = key_checks(claims, rulebook, None)
    ranked, facts = article_checks(claims, rulebook)
    findings = _in_rule_order(ranked, key_results)
    comparisons = [c for r in key_results for c in r[3]]
    stories, explanations = _stories_and_reasons(articles, claims, claims, comparisons, findings, rulebook)
    return CheckResult(
        articles,
        claims,
        findings,
        statuses=claim_statuses(claims, findings, comparisons, facts),
        groups=claim_groups(claims, comparisons),
        checked=len(articles),
        read=len(articles),
        stories=stories,
        explanations=explanations,
    )


class Explanations(Mapping[str, Explanation]):
    """Why each kept claim was or was not compared, by claim id, made when read and not kept.

    An output shows a few claims of an archive (the worksheet its flagged rows and a
    sample, ``figures claims`` the articles asked about): explaining every claim up
    front would hold an explanation per claim of the corpus for nothing.
    """

    def __init__(self, claims: Sequence[Claim], explainer: Callable[[], Explainer]) -> None:
        self._claims = {c.id: c for c in claims}
        self._make: Callable[[], Explainer] | None = explainer
        self._explainer: Explainer | None = None

    def __getitem__(self, claim_id: str) -> Explanation:
        claim = self._claims[claim_id]
        if self._explainer is None:
            assert self._make is not None
            # its indexes are built on the first read: an output that reads none (the report) never pays for them
            self._explainer, self._make = self._make(), None
        return self._explainer.of(claim)

    def __iter__(self) -> Iterator[str]:
        return iter(self._claims)

    def __len__(self) -> int:
        return len(self._claims)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._claims


def _stories_and_reasons(
    articles: list[Article],
    claims: list[Claim],
    every: list[Claim],
    comparisons: list[Comparison],
    findings: list[Finding],
    rulebook: Rulebook,
) -> tuple[Grouping, Explanations]:
    """The stories of the articles kept, decided once for every output, and why each claim was or was not compared.

    ``every`` holds the claims the checks could compare ``claims`` with (theirs and
    the corpus's); ``findings`` are the checks' own, before any is suppressed: a
    suppressed conflict was still compared.
    """
    stories = group_stories(articles)
    threshold = _threshold(rulebook)
    return stories, Explanations(claims, lambda: Explainer(every, comparisons, findings, stories, threshold))


def _in_rule_order(ranked: list[Ranked], key_results: list[KeyResult]) -> list[Finding]:
    """Findings as one process checking rule by rule gives them: each rule's, in claim or key order."""
    ranked = ranked + [(pos, f) for pos, _, found, _ in key_results for f in found]
    ranked.sort(key=lambda r: r[0])  # stable: within a rule, the order found
    return [f for _, f in ranked]


def open_index(folder: str | Path, rulebook: Rulebook, warn: Callable[[str], None] | None = None) -> ClaimIndex:
    """The claim index in ``folder``, for claims built with this code, these rules and the limits in force.

    See :class:`ClaimIndex`.
    """
    key = f"{fingerprint(rulebook)}:{limits.current().key}"
    if reader_name() != "words":
        key += f":frames={reader_name()}"  # claims framed by another reader are not the default's
    return ClaimIndex(folder, key, warn)


@dataclass
class Listing:
    """The article files of some paths, and what the index must learn about their folders."""

    files: list[str]
    missing: list[InputError]
    walks: list[tuple[str, list[tuple[str, int]], list[str]]] = field(default_factory=list)
    removed: int = 0
    outside: list[InputError] = field(default_factory=list)  # links out of a folder, not read

    def record(self, index: ClaimIndex) -> None:
        """Keep the folder listings, once every listed file's claims are in the index."""
        for walk, folders, files in self.walks:
            index.record_walk(walk, folders, files)


def _ready_frame_reader() -> None:
    """Fail in this process, before any worker starts, when the frame reader chosen cannot run."""
    if reader_name() == "parsed":
        from figures.context.parsed import load

        load()  # loaded once here, a forked worker inherits it


def list_files(
    paths: list[str],
    exclude: tuple[str, ...] = (),
    index: ClaimIndex | None = None,
    keys: set[str] | None = None,
    follow_links: bool = False,
) -> Listing:
    """The article files of these files and folders, in walk order.

    With an index and ``keys``, a folder whose listing the index trusts (see
    :mod:`figures.runtime.index`) is not walked: only its files holding a claim with one of
    ``keys`` are listed. With an index, a walked folder's rows of vanished files are
    dropped, and its listing is offered to :meth:`Listing.record`, unless it holds a
    link that was not followed: that folder is walked every time, so the link is
    reported every time.
    """
    out = Listing([], [])
    # a walk that followed links lists files one that did not must never trust
    walked_with = exclude + (("--follow-links",) if follow_links else ())
    for raw in paths:
        is_folder = Path(raw).is_dir()
        if index is not None and is_folder:
            walk = index.walk_id(str(Path(raw)), walked_with)
            listed = index.walked_with_keys(walk, keys) if keys is not None and index.trusted_walk(walk) else None
            if listed is not None:
                out.files.extend(listed)
                continue
            folders = folder_times(raw)  # before the walk: a change during it shows next time
        files, errors = article_files([raw], exclude, follow_links)
        out.files.extend(files)
        outside = [e for e in errors if isinstance(e, LinkOutside)]
        out.outside.extend(outside)
        out.missing.extend(e for e in errors if not isinstance(e, LinkOutside))
        if index is not None and is_folder:
            kept = [f for f in files if indexable(f)]
            out.removed += index.forget_missing([raw], kept)
            # a walk kept would stop naming what it could not read, or the link it did not follow
            if folders is not None and files and not errors and len(kept) == len(files):
                out.walks.append((walk, folders, files))
    out.files = list(dict.fromkeys(out.files))
    return out


def index_paths(
    paths: list[str],
    rulebook: Rulebook,
    index: ClaimIndex,
    runner: Runner,
    exclude: tuple[str, ...] = (),
    follow_links: bool = False,
) -> tuple[int, int, list[InputError]]:
    """Bring the index up to date for these files and folders: (files, files removed, paths missing or not read)."""
    _ready_frame_reader()
    listing = list_files(paths, exclude, index, follow_links=follow_links)
    with runner, Spool(0) as spool:
        reader = _Reader(rulebook, runner, index, spool, progress=True)
        for _ in reader.read(listing.files, only_stale=True):
            pass
    listing.record(index)
    return len(listing.files), listing.removed, listing.missing + listing.outside


class _Reader:
    """Reads files in batches on the runner: new claims go to the index, keyed claims to the spool."""

    def __init__(
        self,
        rulebook: Rulebook,
        runner: Runner,
        index: ClaimIndex | None,
        spool: Spool,
        keep: bool = False,
        progress: bool = False,
    ) -> None:
        self.rulebook, self.runner, self.index, self.spool = rulebook, runner, index, spool
        self.keep, self.progress = keep, progress
        self.limits = limits.current()  # every task carries them: a worker has no configuration
        self.files = 0  # files given to the workers: the size of the run
        self.threshold = DEFAULT_THRESHOLD  # the closest match a consistency rule asks for

    def read(
        self,
        paths: list[str],
        targets: bool = False,
        keys: frozenset[str] | None = None,
        want_keys: bool = False,
        only_stale: bool = False,
    ) -> Iterator[BatchResult]:
        """The batches of these files as read, in order (see :class:`figures.runtime.tasks.Batch`).

        With an index, files it holds fresh are not extracted; with ``only_stale``
        they are not read at all, and with ``keys`` only those holding one of the keys are.
        """
        bar = Progress(len(paths)) if self.progress and wanted(len(paths)) else None
        done = None if bar is None else (lambda b: bar(len(b.paths)))
        self.files += len(paths)
        try:
            batches = self._batches(paths, targets, keys, want_keys, only_stale, bar)
            parallel = self.runner.parallel(-(-len(paths) // BATCH_FILES), len(paths))
            for result in self.runner.map(read_batch, batches, self.rulebook, parallel, done):
                if self.index is not None:
                    self.index.store([f.stored for f in result.files if f.stored is not None and indexable(f.path)])
                self.spool.add(result.parts)
                yield result
        finally:
            if bar is not None:
                bar.close()

    def _batches(
        self,
        paths: list[str],
        targets: bool,
        keys: frozenset[str] | None,
        want_keys: bool,
        only_stale: bool,
        bar: Progress | None,
    ) -> Iterator[Batch]:
        """The batches, made as the runner asks for them: the index is asked about a slice of files at a time."""
        where = None if self.index is None else (self.index.location, self.index.fingerprint)
        with_keys: set[str] | None = None
        for n in range(0, len(paths), STALE_SLICE):
            chunk = paths[n : n + STALE_SLICE]
            known: frozenset[str] = frozenset()
            if self.index is not None:
                states = [s for s in (file_state(p) for p in chunk) if s is not None]
                unindexed = {s.path for s in states if not indexable(s.path)}  # read every time
                states = [s for s in states if s.path not in unindexed]
                stale = {s.path for s in self.index.stale(states)} | unindexed
                fresh = {s.path for s in states} - stale
                if only_stale:
                    chunk = [p for p in chunk if p in stale]
                elif keys is not None and not targets:
                    if with_keys is None:
                        with_keys = self.index.paths_with_keys(keys)  # None again if the index failed: read all
                    if with_keys is not None:
                        chunk = [p for p in chunk if p in stale or p in with_keys]
                known = frozenset(fresh & set(chunk))
                if bar is not None:
                    bar(min(STALE_SLICE, len(paths) - n) - len(chunk))  # not read: nothing to wait for
            for m in range(0, len(chunk), BATCH_FILES):
                files = tuple(chunk[m : m + BATCH_FILES])
                yield Batch(
                    files,
                    known & frozenset(files),
                    where,
                    self.index is not None,
                    targets,
                    keys,
                    self.spool.parts,
                    self.keep,
                    want_keys,
                    self.limits,
                )

    def check_keys_kept(self, targets: frozenset[str] | None, shown: Shown, again: bool) -> list[KeyResult]:
        """As :meth:`check_keys`, handing each partition's claims and groups to ``shown`` as it is checked.

        ``again``: the partitions stay in the spool, to be read once more.
        """
        parts = (Partition(blobs, targets, True, self.limits) for blobs in self.spool.partitions(again))
        parallel = self.runner.parallel(self.spool.parts, self.files)
        results: list[KeyResult] = []
        for found, claims in self.runner.map(check_partition_kept, parts, self.rulebook, parallel):
            shown.add_partition(found, claims, targets)
            results.extend((pos, key, f, []) for pos, key, f, _ in found if f)
        results.sort(key=lambda r: (r[0], r[1]))
        return results

    def check_keys(self, targets: frozenset[str] | None) -> list[KeyResult]:
        """The consistency rules over the spool, partition by partition: results in rule then key order."""
        parts = (Partition(blobs, targets, self.keep, self.limits) for blobs in self.spool.partitions())
        parallel = self.runner.parallel(self.spool.parts, self.files)
        results = [r for found in self.runner.map(check_partition, parts, self.rulebook, parallel) for r in found]
        results.sort(key=lambda r: (r[0], r[1]))
        return results


@dataclass(frozen=True)
class CheckOptions:
    """What a :func:`check` reads besides its paths, how it runs, and what it keeps and leaves out.

    ``corpus``: files and folders the paths are checked against; ``select`` and
    ``ignore``: codes or their prefixes; ``baseline``: fingerprints of findings already
    known; ``verdicts``: a fact-checker's decisions; ``exclude``: globs a folder walk
    skips; ``runner``: how files are read and checked (default: in this process);
    ``index``: keeps claims between runs; ``progress``: a progress bar on a terminal;
    ``keep``: the articles, claims and groups too (see :func:`check`);
    ``follow_links``: read files a folder links to outside it; ``bounds``: with ``keep``,
    keep only what the report and the worksheet show (see :mod:`figures.runtime.shown`;
    not with verdicts, which read every claim).
    """

    corpus: list[str] | None = None
    select: Iterable[str] = ()
    ignore: Iterable[str] = ()
    baseline: set[tuple[str, str, str]] | None = None
    verdicts: dict | None = None
    exclude: tuple[str, ...] = ()
    runner: Runner | None = None
    index: ClaimIndex | None = None
    progress: bool = False
    keep: bool = True
    follow_links: bool = False
    bounds: Bounds | None = None


def check(paths: list[str], rulebook: Rulebook, options: CheckOptions | None = None, /, **given: Any) -> CheckResult:
    """Check ``paths`` against each other and against ``options.corpus``.

    ``given`` sets fields of :class:`CheckOptions` by name (``check(paths, rulebook,
    corpus=[...], index=index)``), over ``options`` when both are given.
    Without ``keep`` the result holds the findings and counts but not the articles,
    claims and groups (a linter's output needs no more, and memory then stays flat
    however large the corpus); verdicts need the claims, so they keep them. A file in
    a folder that links out of it is not read but reported as FG001 (see
    :func:`figures.ingest.iter_article_paths`), unless ``follow_links``.
    """
    options = replace(options or CheckOptions(), **given)
    _ready_frame_reader()
    runner = options.runner or Runner()
    with runner:
        return _check(paths, rulebook, replace(options, runner=runner, keep=options.keep or bool(options.verdicts)))


@dataclass
class _Targets:
    """What the main process keeps of the articles being checked."""

    remember: bool = False  # keep the paths read (a check against a corpus needs them)
    read: int = 0  # articles that could be read
    paths: list[str] = field(default_factory=list)  # with ``remember``: those articles, in order
    ranked: list[Ranked] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)
    comments: list[Finding] = field(default_factory=list)
    suppressions: dict[str, tuple[Suppression, ...]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    facts: list[FactComparison] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    sink: Shown | None = None  # takes the claims instead, keeping what the outputs show
    packed: list[Packed] = field(default_factory=list)  # with ``sink``: the articles, until the stories are made

    def add(self, result: BatchResult) -> None:
        self.keys.update(result.keys)
        for f in result.files:
            if f.unreadable is not None:
                self.unreadable.append(f.unreadable)
            if not f.readable:
                continue
            self.read += 1
            if self.remember:
                self.paths.append(f.path)
            self.ranked.extend(f.findings)
            self.comments.extend(f.comments)
            if f.suppressions:
                self.suppressions[f.path] = f.suppressions
            if f.article is not None:
                self._keep(f.article)
            if self.sink is not None:
                self.sink.add_file(f.path, f.claims, [found for _, found in f.findings], f.facts)
                continue
            self.claims.extend(f.claims)
            self.facts.extend(f.facts)

    def _keep(self, article: Article) -> None:
        # a run for the outputs keeps no article's text past the stories step, and only a compressed one until then
        if self.sink is not None:
            self.packed.append(pack(article))
        else:
            self.articles.append(article)


@dataclass
class _Corpus:
    """What the main process keeps of the corpus a run checks its paths against."""

    outside: list[Finding] = field(default_factory=list)  # its links out of its folders: FG001
    claims: list[Claim] = field(default_factory=list)  # with ``keep``: those sharing a key with a target
    articles: list[Article] = field(default_factory=list)  # with ``keep``: theirs, grouped with the targets
    packed: list[Packed] = field(default_factory=list)  # as ``_Targets.packed``


def _read_targets(
    files: list[str], reader: _Reader, options: CheckOptions, links: list[InputError], targets: _Targets
) -> _Targets:
    """Read the articles being checked; ``links`` are their folders' links out, reported as FG001."""
    targets.unreadable.extend(unreadable_finding(e, e.path) for e in links)
    for result in reader.read(files, targets=True, want_keys=bool(options.corpus)):
        targets.add(result)
    return targets


def _read_corpus(reader: _Reader, targets: _Targets, options: CheckOptions, missing: list[InputError]) -> _Corpus:
    """The corpus files that share a claim key with the targets (only they can meet them in a check)."""
    assert options.corpus is not None
    index = options.index
    listing = list_files(options.corpus, options.exclude, index, targets.keys, options.follow_links)
    missing.extend(listing.missing)
    told = {f.path for f in targets.unreadable}  # a folder both checked and the corpus: told once
    out = _Corpus(outside=[unreadable_finding(e, e.path) for e in listing.outside if e.path not in told])
    resolved = {Path(p).resolve() for p in targets.paths}
    names = {p.name for p in resolved}  # resolving every file of a large archive would cost seconds
    others = [p for p in listing.files if Path(p).name not in names or Path(p).resolve() not in resolved]
    for result in reader.read(others, keys=frozenset(targets.keys)):
        if targets.sink is None:  # else the partitions hand them over
            out.claims.extend(c for f in result.files for c in f.claims)
            out.articles.extend(f.article for f in result.files if f.article is not None)
        else:
            out.packed.extend(pack(f.article) for f in result.files if f.article is not None)
    if index is not None:
        listing.record(index)
    return out


def _wanted(select: tuple[str, ...], ignore: tuple[str, ...]) -> Callable[[str], bool]:
    """--select and --ignore take codes or their prefixes."""
    return lambda code: (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))


def _unsuppressed(findings: list[Finding], targets: _Targets, select: tuple[str, ...], wanted) -> tuple[list, int]:
    """The findings no comment silences, with the comments' own findings; and how many were silenced."""
    kept, suppressed = [], 0
    used: dict[str, set[Suppression]] = {}
    for f in findings:
        silencing = [sup for sup in targets.suppressions.get(f.path, ()) if sup.silences(f.code, f.line)]
        if silencing:
            used.setdefault(f.path, set()).update(silencing)
            suppressed += 1
            continue
        kept.append(f)
    # comments about suppressions are not themselves suppressible: FG002 for one that does not parse,
    # and, with every code checked, FG003 for one that silenced nothing (under --select its codes may
    # simply not have run)
    about = list(targets.comments)
    if not select:
        about += [
            u for path, sups in targets.suppressions.items() for u in unused_findings(path, sups, used.get(path, set()))
        ]
    return kept + [f for f in about if wanted(f.code)], suppressed


def _not_in_baseline(kept: list[Finding], baseline: set[tuple[str, str, str]] | None) -> tuple[list[Finding], int]:
    if not baseline:
        return kept, 0
    from figures.runtime.baseline import fingerprint

    left = [f for f in kept if fingerprint(f) not in baseline]
    return left, len(kept) - len(left)


def _keeps(targets: _Targets, options: CheckOptions) -> Callable[[Finding], bool]:
    """Whether a finding on a claim stays in the run's output: its code asked for, not silenced, not in the baseline.

    The statuses of the claims a run keeps for its outputs are decided from these, as
    they are from the findings kept when every claim is kept.
    """
    from figures.runtime.baseline import fingerprint

    wanted = _wanted(tuple(options.select), tuple(options.ignore))
    baseline = options.baseline

    def keeps(f: Finding) -> bool:
        if not wanted(f.code) or any(s.silences(f.code, f.line) for s in targets.suppressions.get(f.path, ())):
            return False
        return not baseline or fingerprint(f) not in baseline

    return keeps


def _threshold(rulebook: Rulebook) -> float:
    """The closest match a consistency rule asks for: the score a reason measures against."""
    return min(
        (float(r.settings.get("min_match", DEFAULT_THRESHOLD)) for r in rulebook.rules_of("consistency")),
        default=DEFAULT_THRESHOLD,
    )


def _shown_keys(reader: _Reader, spool: Spool, targets: _Targets, corpus: _Corpus, options: CheckOptions):
    """Check the partitions, handing them to the run's :class:`Shown`, which then explains what it kept."""
    shown = targets.sink
    assert shown is not None
    shown.stories, shown.threshold = group_stories(Unpacked(targets.packed + corpus.packed)), reader.threshold
    # from here on the outputs read what they show of an article, never its text
    targets.articles, corpus.articles = [p.meta for p in targets.packed], [p.meta for p in corpus.packed]
    targets.packed, corpus.packed = [], []
    explain = shown.bounds.explain
    key_results = reader.check_keys_kept(frozenset(targets.paths) if options.corpus else None, shown, explain)
    shown.finish(spool.partitions())
    return key_results


def _check(paths: list[str], rulebook: Rulebook, options: CheckOptions) -> CheckResult:
    runner = options.runner
    assert runner is not None
    files, errors = article_files(list(paths), options.exclude, options.follow_links)
    missing = [e for e in errors if not isinstance(e, LinkOutside)]
    targets = _Targets(remember=bool(options.corpus))
    bounded = options.bounds is not None and options.keep and not options.verdicts
    if bounded:
        assert options.bounds is not None
        targets.sink = Shown(options.bounds, _keeps(targets, options))
    with Spool(parts_for(len(files), runner.workers)) as spool:
        reader = _Reader(rulebook, runner, options.index, spool, options.keep, options.progress)
        reader.threshold = _threshold(rulebook)
        _read_targets(files, reader, options, [e for e in errors if isinstance(e, LinkOutside)], targets)
        corpus = _read_corpus(reader, targets, options, missing) if options.corpus else _Corpus()
        if bounded:
            key_results = _shown_keys(reader, spool, targets, corpus, options)
        else:
            key_results = reader.check_keys(frozenset(targets.paths) if options.corpus else None)
    findings = _in_rule_order(targets.ranked, key_results) + targets.unreadable + corpus.outside
    comparisons = [c for r in key_results for c in r[3]]
    stories: Grouping | None = None
    explanations: Mapping[str, Explanation] = {}
    if options.keep and not bounded:
        every, grouped = targets.claims + corpus.claims, targets.articles + corpus.articles
        stories, explanations = _stories_and_reasons(grouped, targets.claims, every, comparisons, findings, rulebook)
    if options.corpus:
        target_paths = frozenset(targets.paths)
        findings = [f for f in findings if f.path in target_paths or f.code == "FG001"]
    if options.verdicts:
        findings = apply_verdicts(findings, targets.claims, options.verdicts)
    select = tuple(options.select)
    wanted = _wanted(select, tuple(options.ignore))
    kept, suppressed = _unsuppressed([f for f in findings if wanted(f.code)], targets, select, wanted)
    kept, baselined = _not_in_baseline(kept, options.baseline)
    kept.sort(key=Finding.sort_key)
    if targets.sink is not None:
        return _bounded_result(targets, corpus, kept, missing, (suppressed, baselined))
    keep = options.keep
    return CheckResult(
        targets.articles,
        targets.claims,
        kept,
        missing,
        suppressed,
        baselined,
        claim_statuses(targets.claims, kept, comparisons, targets.facts, options.verdicts) if keep else {},
        claim_groups(targets.claims, comparisons) if keep else [],
        targets.read + len(targets.unreadable),
        targets.read,
        stories,
        explanations,
        corpus.articles,
    )


def _bounded_result(
    targets: _Targets, corpus: _Corpus, kept: list[Finding], missing: list[InputError], dropped: tuple[int, int]
) -> CheckResult:
    """The result of a run that kept only what its outputs show."""
    shown = targets.sink
    assert shown is not None
    claims, groups, alone = shown.result()
    return CheckResult(
        targets.articles,
        claims,
        kept,
        missing,
        dropped[0],
        dropped[1],
        shown.statuses,
        groups,
        targets.read + len(targets.unreadable),
        targets.read,
        shown.stories,
        shown.reasons,
        corpus.articles,
        totals=shown.totals,
        alone=alone,
    )
