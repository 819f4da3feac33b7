"""Keep what the report and the worksheet show of a run, not every claim of the archive.

The outputs for people show the problems and a sample, and count the rest. A run for
them (``CheckOptions.bounds``) hands each claim to a :class:`Shown` once its status is
decided, and lets it go unless an output shows it:

* a claim with no key as soon as its batch is read (no other article can change it);
* a keyed claim when its partition has been checked across articles, since every
  claim of its key is in that partition (see :mod:`figures.runtime.tasks`).

What is kept: every flagged claim (a finding, or a side of a conflict), for the
worksheet; a sample of
``Bounds.sample`` of the others, the same whatever the order they come in (the smallest
checksums of their ids); each group's first claim, the claims a report lists of it
(``Bounds.rows``: those with a problem first) and a :class:`~figures.runtime.status.GroupSummary`;
the claims of a story's agreeing groups while the story has at most ``Bounds.groups``
of them (past that the report counts them); and the first ``Bounds.rows`` claims, in
the run's order, that are in no shown group. Everything else is counted. Memory then
grows with the problems and the articles, not with the claims.
"""

from __future__ import annotations

import dataclasses
import heapq
import pickle
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from figures.checks.compared import Explainer, Explanation, Status
from figures.context.stories import Grouping, Story
from figures.model import Article, Claim, Comparison, FactComparison, Figure, Finding
from figures.runtime.status import ClaimGroup, ClaimStatus, claim_statuses, flag_rank, summarise, troubled
from figures.runtime.tasks import KeyResult


@dataclass(frozen=True)
class Bounds:
    """How much of an archive's claims a run keeps for its outputs.

    ``flagged``: keep every flagged claim as a row (the worksheet lists them; the report
    lists only a group's first ones); ``sample``: claims with nothing found kept as a
    sample (the worksheet's); ``rows``:
    claims a group keeps to list, and claims compared with nothing kept to list (the
    report's); ``groups``: agreeing groups a story lists one by one (past that the report
    counts them, and their claims are let go); ``explain``: explain each claim kept as a
    row (the worksheet's reason column); ``value_text``: a figure's value in words, as
    the outputs write it (a group's distinct values are kept in words).
    """

    sample: int
    rows: int
    groups: int
    value_text: Callable[[Figure], str]
    explain: bool = False
    flagged: bool = True


@dataclass
class Totals:
    """Counts over every claim of a run that kept only what its outputs show."""

    figures: int = 0
    keyed: int = 0
    unsampled: int = 0  # claims with nothing found, not in the sample
    alone: int = 0  # claims in no shown group (compared with no other source)


def _words_only(why: Explanation) -> Explanation:
    """What the worksheet reads of an explanation: its status and reason, with the claim and its story.

    The views of its key would hold every claim of the key, and its nearest claim another
    claim of the archive, for each row.
    """
    return dataclasses.replace(why, same_key=(), compared_with=(), conflicts_with=(), nearest=None)


@dataclass(frozen=True)
class Packed:
    """An article as a run for the outputs keeps it: what they show of it, and its text compressed.

    The outputs show an article's path, title, outlet, date and link; its text is read
    once more, by the stories step, and then let go (see :func:`pack`).
    """

    meta: Article  # the article without its text, page or source map
    text: bytes  # its text, compressed


def pack(article: Article) -> Packed:
    """The article with its text compressed, and without what only its claims were built from (page, source map)."""
    # surrogatepass: a lone surrogate of a broken escape comes back as it was
    text = zlib.compress(article.text.encode("utf-8", "surrogatepass"), 1)
    return Packed(dataclasses.replace(article, text="", page="", source_map=None), text)


class Unpacked(Sequence[Article]):
    """Packed articles read as articles with their text, one at a time (for the stories step)."""

    def __init__(self, packed: Sequence[Packed]) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, n):  # type: ignore[override]
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        p = self._packed[n]
        return dataclasses.replace(p.meta, text=zlib.decompress(p.text).decode("utf-8", "surrogatepass"))


def _order(claim: Claim, seq: int) -> tuple[int, int, str]:
    """A claim's place in the run: its article's, then its place in the article."""
    return seq, claim.figure.start, claim.id


def _sample_key(claim: Claim) -> tuple[int, str]:
    # a checksum of the id, not hash(): the same sample whatever PYTHONHASHSEED
    return zlib.crc32(claim.id.encode("utf-8", "surrogatepass")), claim.id


class _Smallest:
    """The ``size`` smallest entries by a key, in whatever order they come: (key, count, claim, status)."""

    def __init__(self, size: int) -> None:
        self.size, self.seen = size, 0
        self.items: list[tuple[tuple, int, Claim, ClaimStatus]] = []
        self.bound: tuple | None = None  # the largest key kept at the last trim: nothing past it can be kept

    def add(self, key: tuple, claim: Claim, status: ClaimStatus) -> bool:
        """Offer one; ``False`` when it cannot be among the smallest."""
        self.seen += 1
        if self.size <= 0 or (self.bound is not None and key > self.bound):
            return False
        self.items.append((key, self.seen, claim, status))
        if len(self.items) > 2 * self.size:
            self.items = heapq.nsmallest(self.size, self.items)
            self.bound = self.items[-1][0]
        return True

    def kept(self) -> list[tuple[tuple, int, Claim, ClaimStatus]]:
        return heapq.nsmallest(self.size, self.items)


@dataclass
class Shown:
    """Takes a run's claims as their statuses are decided and keeps what the outputs show (see the module)."""

    bounds: Bounds
    keeps: Callable[[Finding], bool]  # whether a finding stays in the run's output
    totals: Totals = field(default_factory=Totals)
    seq: dict[str, int] = field(default_factory=dict)
    rows: dict[str, Claim] = field(default_factory=dict)  # flagged claims
    statuses: dict[str, ClaimStatus] = field(default_factory=dict)
    groups: list[tuple[tuple, ClaimGroup]] = field(default_factory=list)
    reasons: dict[str, Explanation] = field(default_factory=dict)
    _found: dict[str, list[Finding]] = field(default_factory=dict)  # the article checks' findings, by claim
    _facts: dict[str, list[FactComparison]] = field(default_factory=dict)
    _deferred: dict[str, Claim] = field(default_factory=dict)  # kept claims alone in their key: nearest at the end
    _listed: dict[str | None, list[ClaimGroup]] = field(default_factory=dict)  # agreeing groups by story part
    stories: Grouping | None = None
    threshold: float = 0.0

    def __post_init__(self) -> None:
        self._sample = _Smallest(self.bounds.sample)
        self._alone = _Smallest(self.bounds.rows)

    def add_file(self, path: str, claims: Iterable[Claim], findings: Iterable[Finding], facts) -> None:
        """A checked article's claims as read: those with no key are decided here, the others counted."""
        self.seq.setdefault(path, len(self.seq))
        for f in findings:
            if f.claim_id and self.keeps(f):
                self._found.setdefault(f.claim_id, []).append(f)
        for fact in facts:
            self._facts.setdefault(fact.claim_id, []).append(fact)
        unkeyed = []
        for claim in claims:
            self.totals.figures += 1
            if claim.key is not None:
                self.totals.keyed += 1
            else:
                unkeyed.append(claim)
        statuses = self._statuses(unkeyed, [], [])
        for claim in unkeyed:
            self._alone_offer(claim, statuses[claim.id])
            self._row(claim, statuses[claim.id])  # explained at the end: nothing else is needed

    def _statuses(self, claims: list[Claim], found: list[Finding], comparisons: list[Comparison]) -> dict:
        """The statuses of claims decided now; their article checks' findings and facts are let go (read once)."""
        mine = {c.id for c in claims}
        findings = [f for i in mine for f in self._found.pop(i, ())] + [f for f in found if f.claim_id in mine]
        facts = [f for i in mine for f in self._facts.pop(i, ())]
        return claim_statuses(claims, findings, comparisons, facts)

    def _row(self, claim: Claim, status: ClaimStatus) -> bool:
        """Keep a flagged claim, offer a quiet one to the sample: whether it is kept as a row for now."""
        if flag_rank(status) >= 0:
            if not self.bounds.flagged:
                return False
            self.rows[claim.id] = claim
            self.statuses[claim.id] = status
            return True
        return self._sample.add(_sample_key(claim), claim, status)

    def _alone_offer(self, claim: Claim, status: ClaimStatus) -> None:
        self.totals.alone += 1
        self._alone.add(_order(claim, self.seq.get(claim.path, 0)), claim, status)

    def add_partition(self, results: list[KeyResult], claims: list[Claim], targets: frozenset[str] | None) -> None:
        """A partition checked across articles: its claims' statuses, groups and rows, then let go."""
        mine = [c for c in claims if targets is None or c.path in targets]
        comparisons = [c for r in results for c in r[3]]
        statuses = self._statuses(mine, [f for r in results for f in r[2] if self.keeps(f)], comparisons)
        explainer = None
        if self.bounds.explain:
            found = [f for r in results for f in r[2]]
            explainer = Explainer(claims, comparisons, found, self._stories(), self.threshold)
        grouped = self._groups(results, mine, statuses)
        for claim in mine:
            st = statuses[claim.id]
            if claim.id not in grouped:
                self._alone_offer(claim, st)
            if self._row(claim, st) and explainer is not None:
                self._explain(explainer, claim)

    def _stories(self) -> Grouping:
        assert self.stories is not None, "the stories are decided before the partitions are checked"
        return self.stories

    def _explain(self, explainer: Explainer, claim: Claim) -> None:
        why = explainer.of(claim)
        if why.status == Status.NO_MATCH:
            self._deferred[claim.id] = claim  # its nearest claim may be in another partition
            return
        self.reasons[claim.id] = _words_only(why)

    def _groups(self, results: list[KeyResult], claims: list[Claim], statuses: dict) -> set[str]:
        """Keep this partition's groups, summarised; the ids of the claims in a group a report shows."""
        shown: set[str] = set()
        by_id = {c.id: c for c in claims}
        for pos, key, _, comparisons in results:
            for n, comp in enumerate(comparisons):
                members = [by_id[i] for i in comp.claim_ids if i in by_id]
                if not members:
                    continue
                group = ClaimGroup(comp.key, comp.label, comp.reason, comp.measure, comp.entity, comp.time, members)
                if self._keep_group(group, statuses, (comp.key, pos, key, n)):
                    shown.update(c.id for c in members)
        return shown

    def _keep_group(self, group: ClaimGroup, statuses: dict, order: tuple) -> bool:
        """Keep one group; whether a report shows it (it has a problem, or sources that agree)."""
        rows = self.bounds.rows
        problem = [c for c in group.claims if troubled(statuses[c.id])]
        agreeing = not problem and len(group.claims) > 1
        kept: list[Claim] = []
        if problem:
            kept = (problem + group.claims)[:rows] if len(group.claims) > rows else group.claims
        part = self._part(group) if agreeing else None
        if agreeing:
            listed = self._listed.setdefault(part, [])
            if len(listed) < self.bounds.groups:
                kept = group.claims[:rows]
        small = summarise(group, statuses, kept, self.bounds.value_text)
        for c in small.claims:
            self.statuses[c.id] = statuses[c.id]
        self.statuses[group.claims[0].id] = statuses[group.claims[0].id]
        self.groups.append((order, small))
        if agreeing:
            self._list(part, small)
        return bool(problem) or agreeing

    def _part(self, group: ClaimGroup) -> str | None:
        """The story a report shows a group under: the one every article of it is in, shared with another."""
        found = {self._shared(c.path) for c in group.claims}
        return found.pop() if len(found) == 1 else None

    def _shared(self, path: str) -> str | None:
        story: Story | None = self._stories().of(path)
        return story.id if story is not None and len(story.paths) > 1 else None

    def _list(self, part: str | None, group: ClaimGroup) -> None:
        listed = self._listed[part]
        listed.append(group)
        if len(listed) == self.bounds.groups + 1:
            for g in listed:
                g.claims = []  # the report counts this story's agreeing groups: it lists none of them
        elif len(listed) > self.bounds.groups + 1:
            group.claims = []

    def finish(self, partitions: Iterator[Iterable[bytes]]) -> None:
        """Explain the claims kept that needed every partition: those with no key, and those alone in theirs."""
        if not self.bounds.explain:
            return
        rows = [*self.rows.values(), *self.sampled()]
        for claim in rows:
            if claim.key is None:
                self.reasons[claim.id] = self._slim(Explainer([claim], [], [], self._stories(), self.threshold), claim)
        wanted = {c.id: c for c in rows if c.id in self._deferred}
        if wanted:
            self._nearest(wanted, partitions)
        ids = {c.id for c in rows}
        self.reasons = {i: why for i, why in self.reasons.items() if i in ids}

    def _slim(self, explainer: Explainer, claim: Claim) -> Explanation:
        return _words_only(explainer.of(claim))

    def _nearest(self, wanted: dict[str, Claim], partitions: Iterator[Iterable[bytes]]) -> None:
        """Each claim's nearest claim in its story, partition by partition, then its explanation among those."""
        near: dict[str, dict[str, Claim]] = {i: {} for i in wanted}
        for blobs in partitions:
            claims = [c for blob in blobs for c in pickle.loads(blob)]
            ids = {c.id for c in claims}
            extra = [c for c in wanted.values() if c.id not in ids]
            explainer = Explainer(claims + extra, [], [], self._stories(), self.threshold)
            for i, claim in wanted.items():
                found = explainer.of(claim).nearest
                if found is not None and found.claim.id != i:
                    near[i].setdefault(found.claim.id, found.claim)
        for i, claim in wanted.items():
            explainer = Explainer([claim, *near[i].values()], [], [], self._stories(), self.threshold)
            self.reasons[i] = self._slim(explainer, claim)

    def sampled(self) -> list[Claim]:
        """The sample of claims with nothing found."""
        return [claim for _, _, claim, _ in self._sample.kept()]

    def result(self) -> tuple[list[Claim], list[ClaimGroup], list[Claim]]:
        """The rows (flagged claims and the sample), the groups in the check's order, and the claims in no group."""
        sample = self._sample.kept()
        for _, _, claim, status in sample:
            self.statuses[claim.id] = status
        alone = self._alone.kept()
        for _, _, claim, status in alone:
            self.statuses[claim.id] = status
        self.totals.unsampled = self._sample.seen - len(sample)
        self.groups.sort(key=lambda g: g[0])
        rows = list(self.rows.values()) + [claim for _, _, claim, _ in sample]
        return rows, [g for _, g in self.groups], [claim for _, _, claim, _ in alone]
