"""Why each figure was, or was not, compared with the same claim in another article.

For every claim of the articles asked about, in words a rule author can act on: its
claim frame and key, its story (:mod:`figures.context.stories`), the other claims that
share its key, the claims the consistency check compared it with, and otherwise the
reason it was not compared:

* **not keyed**: no measure fits and its clause names no thing it measures, or the key
  could not be made with confidence (no entity and no subject, a forecast with no
  author, ...), in the context stage's own words;
* **no time**: it has a key but no time, or only an approximate one, so the check
  never compares it;
* **not compared**: other claims share its key, but no time lines up with its own (or
  they are parts of one whole in one article);
* **no match**: no other claim has its key; the nearest claim of another article of its
  story (the most key parts in common, then the same value) and the key parts that differ.

The consistency check decides what was compared (its groups, as
:func:`figures.runtime.engine.run_checks` returns them); this module only reads its decision
and explains the rest.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, islice

from figures.checks.matching import DEFAULT_THRESHOLD, evidence
from figures.context.stories import Grouping, Story
from figures.model import Claim, Comparison, Dimension, Finding

# The parts of a claim key, in the order figures.context.keys joins them, with their names in words.
KEY_PARTS: tuple[tuple[str, str], ...] = (
    ("dimension", "dimension"),
    ("unit", "unit"),
    ("per", "rate period or denominator"),
    ("entity", "entity (country or body it is about)"),
    ("place", "city or region it is limited to"),
    ("subject", "whose figure it is"),
    ("role", "role"),
    ("modality", "actual, forecast, target or request"),
    ("case", "one case or the general rule"),
)


class Status(enum.StrEnum):
    """Whether a figure was compared, and if not, the family of the reason."""

    COMPARED = "compared"
    NOT_KEYED = "not keyed"
    NO_TIME = "no time"
    NOT_COMPARED = "not compared"
    NO_MATCH = "no match"


@dataclass(frozen=True)
class Nearest:
    """The claim of another article of the story closest to a claim that matched none."""

    claim: Claim
    shared: int  # key parts in common
    differs: tuple[tuple[str, str, str], ...]  # (part, this claim's value, the nearest's value)


@dataclass(frozen=True)
class Explanation:
    """One figure's claim, story and comparison, with the reason in words."""

    claim: Claim
    story: Story | None
    status: Status
    reason: str
    same_key: Sequence[Claim]
    compared_with: Sequence[Claim]
    conflicts_with: tuple[Claim, ...]
    nearest: Nearest | None


def key_parts(key: str | None) -> dict[str, str] | None:
    """A claim key split into its named parts, or ``None`` for a claim with no key."""
    if key is None:
        return None
    values = key.split("|")
    if len(values) != len(KEY_PARTS):  # a part with "|" in it: the key is one opaque part
        return {"dimension": key} | {name: "" for name, _ in KEY_PARTS[1:]}
    return {name: value for (name, _), value in zip(KEY_PARTS, values, strict=True)}


def explain(
    targets: Sequence[Claim],
    claims: Sequence[Claim],
    comparisons: Sequence[Comparison],
    findings: Sequence[Finding],
    stories: Grouping,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Explanation]:
    """An explanation for each of ``targets`` against every claim in ``claims`` (targets included).

    ``comparisons`` and ``findings`` are what the checks returned for ``claims``: a claim
    was compared with the others of its group, and with those a consistency finding links
    it to (claims of neighbouring days can conflict across groups).
    """
    explainer = Explainer(claims, comparisons, findings, stories, threshold)
    return [explainer.of(claim) for claim in targets]


class Explainer:
    """Explains one claim at a time against every claim in ``claims``, on request (see :func:`explain`).

    It keeps indexes of the claims, not an explanation per claim: an output that shows
    a few claims of a large archive explains only those.
    """

    def __init__(
        self,
        claims: Sequence[Claim],
        comparisons: Sequence[Comparison],
        findings: Sequence[Finding],
        stories: Grouping,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self._by_id = {c.id: c for c in claims}
        self._by_path: dict[str, list[Claim]] = {}
        by_key: dict[str, list[Claim]] = {}
        for c in claims:
            self._by_path.setdefault(c.path, []).append(c)
            if c.key is not None:
                by_key.setdefault(c.key, []).append(c)
        self._keys = {key: (tuple(members), Counter(c.id for c in members)) for key, members in by_key.items()}
        self._compared_of, self._conflicts = _links(claims, comparisons, findings, self._by_id)
        self._stories, self._threshold = stories, threshold

    def of(self, claim: Claim) -> Explanation:
        """Why ``claim`` was, or was not, compared."""
        by_id = self._by_id
        story = self._stories.of(claim.path)
        members, ids = self._keys.get(claim.key or "", ((), Counter()))
        same = _AllBut(members, claim, ids)
        compared = self._compared_of.of(claim)
        against = tuple(by_id[i] for i in sorted(self._conflicts.get(claim.id, set())) if i in by_id)
        nearest = None
        status, reason = _status(claim, same, compared, against, self._threshold)
        if status is Status.NO_MATCH:
            nearest = _nearest(claim, self._by_path, story)
            reason = _no_match(claim, nearest, story)
        return Explanation(claim, story, status, reason, same, compared, against, nearest)


def _links(
    claims: Sequence[Claim], comparisons: Sequence[Comparison], findings: Sequence[Finding], by_id: dict[str, Claim]
) -> tuple[_Compared, dict[str, set[str]]]:
    """Which claims each claim was compared with (its groups, and those a consistency finding links it to),
    and which of them it conflicts with."""
    compared_of = _Compared(comparisons, by_id)
    conflicts: dict[str, set[str]] = {}
    for comp in comparisons:
        for a, b in comp.pairs:
            conflicts.setdefault(a, set()).add(b)
            conflicts.setdefault(b, set()).add(a)
    at = {(c.path, c.figure.line, c.figure.column, c.figure.surface): c.id for c in claims}
    for f in findings:
        if f.check != "consistency" or f.claim_id is None:
            continue
        for r in f.related:
            other = at.get((r.path, r.line, r.column, r.surface))
            if other is None or other == f.claim_id:
                continue
            for a, b in ((f.claim_id, other), (other, f.claim_id)):
                compared_of.add(a, b)
                conflicts.setdefault(a, set()).add(b)
    return compared_of, conflicts


def _status(
    claim: Claim, same: Sequence[Claim], compared: Sequence[Claim], against: Sequence[Claim], threshold: float
) -> tuple[Status, str]:
    """Whether the claim was compared, and why (or why not); a claim that matched none is left to its story."""
    if claim.key is None:
        return Status.NOT_KEYED, _not_keyed(claim)
    if compared:
        agree = f"; conflicts with {len(against)}" if against else "; they agree"
        return Status.COMPARED, f"compared with {len(compared)} claim(s){agree}"
    if claim.time is None:
        return Status.NO_TIME, "no time: neither its sentence nor its article's date gives one"
    if claim.time.basis == "approximate":
        return (
            Status.NO_TIME,
            f'its time is approximate ("{claim.time.label}"), and approximate times are never compared',
        )
    if same:
        return Status.NOT_COMPARED, _apart(claim, same, threshold)
    return Status.NO_MATCH, ""


class _View(Sequence[Claim]):
    """Claims listed on demand: a claim's explanation names groups of thousands without a copy per claim."""

    __slots__ = ()

    def _items(self) -> tuple[Claim, ...]:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._items())

    def __getitem__(self, index):  # type: ignore[override]
        return self._items()[index]

    def __iter__(self):
        return iter(self._items())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._items())

    def __repr__(self) -> str:
        return repr(self._items())


class _AllBut(_View):
    """The claims of a key but one (and any other with its id): counted and read without a copy."""

    __slots__ = ("_claims", "_claim", "_ids")

    def __init__(self, claims: tuple[Claim, ...], claim: Claim, ids: Counter[str]) -> None:
        self._claims, self._claim, self._ids = claims, claim, ids

    def _items(self) -> tuple[Claim, ...]:
        return tuple(self)

    def __iter__(self):
        return (c for c in self._claims if c.id != self._claim.id)

    def __len__(self) -> int:
        return len(self._claims) - self._ids[self._claim.id]


class _OthersCompared(_View):
    """The claims compared with one: the others of its groups, then those a finding links it to, each once."""

    __slots__ = ("_groups", "_extra", "_claim", "_by_id", "_size")

    def __init__(self, groups: list[tuple[str, ...]], extra: list[str], claim: Claim, by_id: dict[str, Claim]) -> None:
        self._groups, self._extra, self._claim, self._by_id = groups, extra, claim, by_id
        self._size: int | None = None

    def _items(self) -> tuple[Claim, ...]:
        ids = (i for group in self._groups for i in group if i != self._claim.id)
        return tuple(self._by_id[i] for i in dict.fromkeys([*ids, *self._extra]) if i in self._by_id)

    def __len__(self) -> int:
        if self._size is None:
            self._size = len(self._items())
        return self._size


class _Compared:
    """Which claims each claim was compared with, kept as the groups themselves, not a copy per claim."""

    def __init__(self, comparisons: Sequence[Comparison], by_id: dict[str, Claim]) -> None:
        self._by_id = by_id
        self._groups: dict[str, list[tuple[str, ...]]] = {}
        self._extra: dict[str, list[str]] = {}
        self._whole: set[int] = set()  # groups of distinct claims all known here: their size is their count
        for comp in comparisons:
            if len(set(comp.claim_ids)) == len(comp.claim_ids) and all(i in by_id for i in comp.claim_ids):
                self._whole.add(id(comp.claim_ids))
            for cid in comp.claim_ids:
                self._groups.setdefault(cid, []).append(comp.claim_ids)

    def add(self, claim_id: str, other: str) -> None:
        """``other`` was compared with ``claim_id`` outside their groups (a finding links them)."""
        self._extra.setdefault(claim_id, []).append(other)

    def of(self, claim: Claim) -> Sequence[Claim]:
        """The claims compared with ``claim``, in the order the groups and findings give them."""
        groups, extra = self._groups.get(claim.id, []), self._extra.get(claim.id, [])
        view = _OthersCompared(groups, extra, claim, self._by_id)
        if not extra and len(groups) == 1 and id(groups[0]) in self._whole:
            view._size = len(groups[0]) - 1  # the one group it is in, less itself: no need to list them
        return view


def _not_keyed(claim: Claim) -> str:
    f = claim.figure
    if claim.thing is None:
        what = f' (it counts "{f.noun}")' if f.noun and f.dimension == Dimension.COUNT else ""
        return (
            "no measure found; no rule measure's cue words fit its sentence and its clause "
            f"names no thing it measures{what}"
        )
    if claim.key_reason:
        return claim.key_reason
    return "the context stage gave no reason"


def time_words(claim: Claim) -> str:
    """A claim's time with its resolution and where it came from: "2022-12 (month, stated)"."""
    t = claim.time
    if t is None:
        return "no time"
    basis = {"article": "its article's date", "relative": "relative", "stated": "stated"}.get(t.basis, t.basis)
    anchor = "" if t.anchor == "in" else f", {t.anchor}"
    return f"{t.label} ({t.resolution}, {basis}{anchor})"


# Claims of its key a figure's reason names: a key can hold a whole story's claims.
_REASONS_SHOWN = 3


def _apart(claim: Claim, same: Sequence[Claim], threshold: float = DEFAULT_THRESHOLD) -> str:
    """Why claims that share a key were not compared: their words, their times, or one article's parts.

    Other articles' claims come first (they matter most); only the first few are read.
    """
    # other articles' claims first, each side in the key's order, read only as far as needed
    elsewhere = islice((o for o in same if o.path != claim.path), _REASONS_SHOWN)
    here = islice((o for o in same if o.path == claim.path), _REASONS_SHOWN)
    others = list(islice(chain(elsewhere, here), _REASONS_SHOWN))
    shown = "; ".join(_apart_one(claim, other, threshold) for other in others)
    if len(same) > _REASONS_SHOWN:
        shown += f"; and {len(same) - _REASONS_SHOWN} more"
    return f"shares its key with {len(same)} claim(s), none compared with it; its time is {time_words(claim)}: {shown}"


def _apart_one(claim: Claim, other: Claim, threshold: float) -> str:
    """Why one claim of the key was not compared with this one."""
    if other.path != claim.path:
        matched = evidence(claim, other)
        said = f" (shared: {', '.join(matched.shared)})" if matched.shared else ""
        if matched.vetoed:
            return f'"{other.figure.surface}" is another claim: {matched.why}'
        if matched.score < threshold:
            return (
                f'"{other.figure.surface}" is not matched by its words: {matched.why}{said}, '
                f"score {matched.score:.2f} below {threshold:.2f}"
            )
    elif (
        claim.figure.part_of == other.figure.index
        or other.figure.part_of == claim.figure.index
        or (claim.figure.part_of is not None and claim.figure.part_of == other.figure.part_of)
    ):
        return f'"{other.figure.surface}" is its part or whole in the same article'
    elif any(c.time is not None and c.time.basis == "article" for c in (claim, other)):
        return f'"{other.figure.surface}" is in the same article and one of them is undated'
    a, b = claim.time, other.time  # the claim has a time: one without is never asked about here
    if b is not None and (b.start, b.end, b.resolution, b.anchor) == (a.start, a.end, a.resolution, a.anchor):
        return (
            f'"{other.figure.surface}" has the same time, but the check left the pair out (its measure is '
            "never compared, or a value is in a unit or period the measure does not take)"
        )
    if b is None or a.resolution != b.resolution:
        return f'"{other.figure.surface}" is for {time_words(other)}, a different resolution'
    if a.anchor != b.anchor:
        return f'"{other.figure.surface}" is {b.anchor} {b.label}, not {a.anchor}'
    return f'"{other.figure.surface}" is for {time_words(other)}'


def _value(claim: Claim) -> tuple[float | None, float | None]:
    return claim.figure.low, claim.figure.high


def _same_value(a: Claim, b: Claim) -> bool:
    (al, ah), (bl, bh) = _value(a), _value(b)
    if None in (al, bl) or a.figure.unit != b.figure.unit:
        return False
    ah = al if ah is None else ah
    bh = bl if bh is None else bh
    return al <= bh and bl <= ah


def _nearest(claim: Claim, by_path: dict[str, list[Claim]], story: Story | None) -> Nearest | None:
    """The keyed claim of another article in the same story with the most key parts in common."""
    if story is None or len(story.paths) < 2:
        return None
    mine = key_parts(claim.key) or {}
    best: tuple | None = None
    others = (c for path in story.paths if path != claim.path for c in by_path.get(path, []))
    for other in others:
        if other.key is None:
            continue
        theirs = key_parts(other.key) or {}
        shared = sum(mine[name] == theirs[name] for name, _ in KEY_PARTS)
        rank = (-shared, not _same_value(claim, other), other.path, other.figure.start)
        if best is None or rank < best[0]:
            best = (rank, other, shared, theirs)
    if best is None:
        return None
    _, other, shared, theirs = best
    differs = tuple((name, mine[name], theirs[name]) for name, _ in KEY_PARTS if mine[name] != theirs[name])
    return Nearest(other, shared, differs)


def _no_match(claim: Claim, nearest: Nearest | None, story: Story | None) -> str:
    if story is None or len(story.paths) < 2:
        return "no other claim has its key, and no other article is in its story"
    if nearest is None:
        return "no other claim has its key, and no claim of the other articles of its story has a key"
    parts = ", ".join(f'{p} ("{a or "-"}" here, "{b or "-"}" there)' for p, a, b in nearest.differs)
    surface = nearest.claim.figure.surface
    return f'no other claim has its key; nearest in its story is "{surface}", which differs in {parts}'
