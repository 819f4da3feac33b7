"""Run the stages over a corpus: read, extract, build claims, check, filter.

    articles -> figures -> claims -> findings -> (suppressions, baseline, codes)

The corpus checks see every claim of every article checked, and the claims of the
corpus that share a key with one of them (the only ones a check can compare them
with); only findings located in the articles being checked are kept, so a new
article can be checked against an archive. Claims come from the index when it holds
them (see :mod:`figures.index`) and are otherwise extracted in batches by a
:class:`~figures.parallel.Runner`, in order, so the output is the same whatever the
engine, the number of workers, and whether the index exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from figures.checks import CHECKS
from figures.checks.base import CheckContext
from figures.context import build_claims, world_for
from figures.errors import InputError
from figures.extract import extract_text
from figures.index import ClaimIndex, file_state, fingerprint, folder_times
from figures.ingest import iter_article_paths, read_article
from figures.model import Article, Claim, Comparison, Finding, Severity
from figures.parallel import Runner, unreadable_finding
from figures.progress import Progress, wanted
from figures.rulebook import Rulebook
from figures.status import claim_groups, claim_statuses
from figures.suppress import Suppression, comment_findings, suppressions, unused_findings
from figures.verdicts import apply_verdicts


@dataclass
class CheckResult:
    """Everything a run produced; every output format reads from here."""

    articles: list[Article]
    claims: list[Claim]
    findings: list[Finding]
    missing: list[InputError] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    statuses: dict = field(default_factory=dict)
    groups: list = field(default_factory=list)
    checked: int = 0  # article files found among the paths checked, readable or not

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.severity.value] += 1
        return out


def read_all(
    paths: Iterable[str], exclude: tuple[str, ...] = ()
) -> tuple[list[Article], list[Finding], list[InputError]]:
    """Read articles; an unreadable one becomes an FG001 finding, a missing path an error."""
    article_paths, missing = iter_article_paths(list(paths), exclude)
    articles: list[Article] = []
    unreadable: list[Finding] = []
    for path in article_paths:
        try:
            articles.append(read_article(path))
        except InputError as err:
            unreadable.append(unreadable_finding(err, str(path)))
    return articles, unreadable, missing


def analyse(articles: list[Article], rulebook: Rulebook) -> list[Claim]:
    """Claims of every article, in article then reading order."""
    world = world_for(rulebook)
    claims: list[Claim] = []
    for article in articles:
        figures = article.in_source(extract_text(article.text, article.body_start))
        claims.extend(build_claims(article, figures, rulebook, world))
    return claims


def open_index(folder: str | Path, rulebook: Rulebook) -> ClaimIndex:
    """The claim index in ``folder``, for claims built with this code and these rules."""
    return ClaimIndex(folder, fingerprint(rulebook))


def claims_of_files(
    paths: list[str],
    rulebook: Rulebook,
    runner: Runner,
    index: ClaimIndex | None = None,
    keys: set[str] | None = None,
    progress: bool = False,
) -> list[Claim]:
    """The claims of these files, in file then reading order; only those with ``keys`` when given.

    With an index, files it holds fresh are not read; the others are extracted and stored
    one batch at a time.
    """
    return read_files(paths, rulebook, runner, index, keys, progress).claims


@dataclass
class Files:
    """What reading some files gave: their claims and, when asked for, the articles and FG001 findings."""

    claims: list[Claim]
    articles: list[Article] = field(default_factory=list)
    unreadable: list[Finding] = field(default_factory=list)


def read_files(
    paths: list[str],
    rulebook: Rulebook,
    runner: Runner,
    index: ClaimIndex | None = None,
    keys: set[str] | None = None,
    progress: bool = False,
    articles: bool = False,
) -> Files:
    """Read, extract and build claims of these files on the runner's workers (see :func:`claims_of_files`).

    With ``articles`` (the articles being checked), every file is read by a worker and
    comes back as its article or its FG001 finding; with an index, only the files it
    does not hold fresh are extracted.
    """
    kept: dict[str, tuple[Claim, ...]] = {}
    out = Files([])
    todo, known = paths, frozenset()
    if index is not None:
        states = [s for s in (file_state(p) for p in paths) if s is not None]
        stale = [s.path for s in index.stale(states)]
        if articles:
            known = frozenset(paths) - set(stale)
        else:
            todo = stale
    bar = Progress(len(todo)) if progress and wanted(len(todo)) else None
    try:
        for reads in runner.batches(todo, rulebook, bar, articles, known):
            built = [r.entry for r in reads if r.entry is not None and r.entry.state.path not in known]
            if index is not None:
                index.store(built)
            else:
                kept.update((e.state.path, _with_keys(e.claims, keys)) for e in built)
            for r in reads:
                if r.article is not None:
                    out.articles.append(r.article)
                elif r.unreadable is not None:
                    out.unreadable.append(r.unreadable)
    finally:
        if bar is not None:
            bar.close()
    if index is not None:
        wanted_paths = set(paths) if keys is None else index.paths_with_keys(keys) & set(paths)
        kept = {p: _with_keys(c, keys) for p, c in index.claims(wanted_paths).items()}
    readable = {a.path for a in out.articles} if articles else None
    out.claims = [c for p in paths if readable is None or p in readable for c in kept.get(p, ())]
    return out


def _with_keys(claims: tuple[Claim, ...], keys: set[str] | None) -> tuple[Claim, ...]:
    return claims if keys is None else tuple(c for c in claims if c.key in keys)


@dataclass
class Listing:
    """The article files of some paths, and what the index must learn about their folders."""

    files: list[str]
    missing: list[InputError]
    walks: list[tuple[str, list[tuple[str, int]], list[str]]] = field(default_factory=list)
    removed: int = 0

    def record(self, index: ClaimIndex) -> None:
        """Keep the folder listings, once every listed file's claims are in the index."""
        for walk, folders, files in self.walks:
            index.record_walk(walk, folders, files)


def list_files(
    paths: list[str],
    exclude: tuple[str, ...] = (),
    index: ClaimIndex | None = None,
    keys: set[str] | None = None,
) -> Listing:
    """The article files of these files and folders, in walk order.

    With an index and ``keys``, a folder whose listing the index trusts (see
    :mod:`figures.index`) is not walked: only its files holding a claim with one of
    ``keys`` are listed. With an index, a walked folder's rows of vanished files are
    dropped, and its listing is offered to :meth:`Listing.record`.
    """
    out = Listing([], [])
    for raw in paths:
        is_folder = Path(raw).is_dir()
        if index is not None and is_folder:
            walk = index.walk_id(str(Path(raw)), exclude)
            if keys is not None and index.trusted_walk(walk):
                out.files.extend(index.walked_with_keys(walk, keys))
                continue
            folders = folder_times(raw)  # before the walk: a change during it shows next time
        found, errors = iter_article_paths([raw], exclude)
        files = [str(p) for p in found]
        out.files.extend(files)
        out.missing.extend(errors)
        if index is not None and is_folder:
            out.removed += index.forget_missing([raw], files)
            if folders is not None and files:
                out.walks.append((walk, folders, files))
    out.files = list(dict.fromkeys(out.files))
    return out


def index_paths(
    paths: list[str], rulebook: Rulebook, index: ClaimIndex, runner: Runner, exclude: tuple[str, ...] = ()
) -> tuple[int, int, list[InputError]]:
    """Bring the index up to date for these files and folders: (files, files removed, missing paths)."""
    listing = list_files(paths, exclude, index)
    claims_of_files(listing.files, rulebook, runner, index, keys=set(), progress=True)
    listing.record(index)
    return len(listing.files), listing.removed, listing.missing


def run_checks(
    claims: list[Claim], rulebook: Rulebook, targets: frozenset[str] | None = None, runner: Runner | None = None
) -> tuple[list[Finding], list[Comparison]]:
    """Every enabled rule of every type over the claims: the findings, and the groups compared.

    On a Dask runner the consistency rules run on the cluster, claim key by claim key.
    """
    ctx = CheckContext(rulebook, world_for(rulebook), targets)
    findings: list[Finding] = []
    for rule in rulebook.rules:
        if rule.type == "consistency" and runner is not None and runner.engine == "dask":
            found, compared = runner.check_by_key(rule, claims, rulebook, targets)
            findings.extend(found)
            ctx.comparisons.extend(compared)
        else:
            findings.extend(CHECKS[rule.type].run(rule, claims, ctx))
    return findings, ctx.comparisons


def check(
    paths: list[str],
    rulebook: Rulebook,
    corpus: list[str] | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    baseline: set[tuple[str, str, str]] | None = None,
    verdicts: dict | None = None,
    exclude: tuple[str, ...] = (),
    runner: Runner | None = None,
    index: ClaimIndex | None = None,
    progress: bool = False,
) -> CheckResult:
    """Check ``paths`` against each other and against ``corpus``.

    ``runner`` says how files are extracted (default: in this process); ``index``, if
    given, keeps claims between runs; ``progress`` allows a progress bar on a terminal.
    """
    with runner or Runner() as runner:
        return _check(paths, rulebook, corpus, select, ignore, baseline, verdicts, exclude, runner, index, progress)


def _check(
    paths: list[str],
    rulebook: Rulebook,
    corpus: list[str] | None,
    select: Iterable[str],
    ignore: Iterable[str],
    baseline: set[tuple[str, str, str]] | None,
    verdicts: dict | None,
    exclude: tuple[str, ...],
    runner: Runner,
    index: ClaimIndex | None,
    progress: bool,
) -> CheckResult:
    found, missing = iter_article_paths(list(paths), exclude)
    read = read_files([str(p) for p in found], rulebook, runner, index, progress=progress, articles=True)
    targets, unreadable, claims = read.articles, read.unreadable, read.claims
    target_paths = {a.path for a in targets}
    if corpus:
        # Only claims that share a key with a checked one can meet it in a check.
        keys = {c.key for c in claims if c.key is not None}
        listing = list_files(corpus, exclude, index, keys)
        missing.extend(listing.missing)
        resolved = {Path(p).resolve() for p in target_paths}
        names = {p.name for p in resolved}  # resolving every file of a large archive would cost seconds
        others = [p for p in listing.files if Path(p).name not in names or Path(p).resolve() not in resolved]
        claims = claims + claims_of_files(others, rulebook, runner, index, keys, progress)
        if index is not None:
            listing.record(index)
    findings, comparisons = run_checks(claims, rulebook, frozenset(target_paths), runner)
    findings += unreadable
    findings = [f for f in findings if f.path in target_paths or f.code == "FG001"]
    if verdicts:
        findings = apply_verdicts(findings, [c for c in claims if c.path in target_paths], verdicts)
    select, ignore = tuple(select), tuple(ignore)

    def wanted(code: str) -> bool:
        """--select and --ignore take codes or their prefixes."""
        return (not select or code.startswith(select)) and not (ignore and code.startswith(ignore))

    findings = [f for f in findings if wanted(f.code)]
    texts = {a.path: a.text for a in targets}
    kept, suppressed = [], 0
    used: dict[str, set[Suppression]] = {}
    for f in findings:
        if f.path in texts:
            silencing = [sup for sup in suppressions(texts[f.path]) if sup.silences(f.code, f.line)]
            if silencing:
                used.setdefault(f.path, set()).update(silencing)
                suppressed += 1
                continue
        kept.append(f)
    # comments about suppressions are not themselves suppressible: FG002 for one that does not parse,
    # and, with every code checked, FG003 for one that silenced nothing (under --select its codes may
    # simply not have run)
    about = [c for a in targets for c in comment_findings(a.path, a.text)]
    if not select:
        about += [u for a in targets for u in unused_findings(a.path, a.text, used.get(a.path, set()))]
    kept += [f for f in about if wanted(f.code)]
    baselined = 0
    if baseline:
        from figures.baseline import fingerprint

        before = len(kept)
        kept = [f for f in kept if fingerprint(f) not in baseline]
        baselined = before - len(kept)
    kept.sort(key=Finding.sort_key)
    target_claims = [c for c in claims if c.path in target_paths]
    statuses = claim_statuses(target_claims, kept, comparisons, rulebook, verdicts)
    groups = claim_groups(target_claims, comparisons)
    checked = len(targets) + len(unreadable)
    return CheckResult(targets, target_claims, kept, missing, suppressed, baselined, statuses, groups, checked)
