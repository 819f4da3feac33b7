"""Per-claim status and claim groups, from what the checks found and compared.

The report and the worksheet both show, for every claim, what figures found:
agrees (compared with another source, or within a reference fact the reference check
compared it with), conflicts, outside reference, implausible, unchecked (keyed, but
nothing to compare with), or not keyed (figures could not tell with confidence what
the claim is). The groups are the ones the consistency check formed, the facts the
ones the reference check compared; no formatter regroups claims or matches facts.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from figures.checks.verdicts import Verdict
from figures.model import Claim, Comparison, FactComparison, FactVerdict, Finding, Location, Severity


class Outcome(enum.StrEnum):
    """What figures found about one claim: the one word the report and the worksheet show."""

    AGREES = "agrees"
    CONFLICTS = "conflicts"
    OUTSIDE_REFERENCE = "outside reference"
    IMPLAUSIBLE = "implausible"
    UNCHECKED = "unchecked"
    NOT_KEYED = "not keyed"


@dataclass
class ClaimStatus:
    """What figures found about one claim, and what a checker said."""

    status: Outcome
    codes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    related: list[Location] = field(default_factory=list)
    severity: Severity | None = None
    verdict: Verdict | None = None
    facts: tuple[FactComparison, ...] = ()  # the reference facts the reference check compared it with

    @property
    def label(self) -> str:
        if self.status == Outcome.CONFLICTS and self.related:
            others = ", ".join(f"{r.path}:{r.line}" for r in self.related)
            return f"conflicts with {others}"
        return self.status


# What figures found that puts a claim among the flagged ones, with no finding of its own.
FLAGGED = frozenset((Outcome.CONFLICTS, Outcome.OUTSIDE_REFERENCE, Outcome.IMPLAUSIBLE))


def flag_rank(st: ClaimStatus) -> int:
    """How severe what figures found about a claim is; -1 when it found nothing (the claim is quiet)."""
    if st.severity is not None:
        return st.severity.rank
    if st.status in FLAGGED:
        return Severity.ERROR.rank if st.status == Outcome.CONFLICTS else Severity.WARNING.rank
    return -1


def troubled(st: ClaimStatus) -> bool:
    """A finding on the claim, or the check found it in conflict: why a group is shown among the problems."""
    return bool(st.codes) or st.status == Outcome.CONFLICTS


@dataclass(frozen=True)
class GroupSummary:
    """What the outputs show of a group whose claims were not all kept: counts over every claim of it.

    A run that keeps only what the outputs show (see :mod:`figures.runtime.shown`) keeps
    a group's first claim, the claims a report lists, and these.
    """

    first: Claim
    size: int
    problem: bool  # a finding on one of its claims, or claims in conflict
    worst: Severity | None  # the most severe finding on its claims
    conflicts: int  # its claims in conflict
    found: tuple[tuple[tuple[str, str], int], ...]  # ((code, severity or "info"), how many), by code
    values: tuple[str, ...]  # its distinct values in words, sorted
    paths: frozenset[str]  # the articles of its claims
    left_conflicts: int  # claims in conflict among those not kept
    findings: int  # findings on its claims
    found_on: frozenset[str]  # the ids of its claims with a finding


@dataclass
class ClaimGroup:
    """Claims the consistency check judged to be one claim, at one time, from every article checked.

    With a ``summary``, ``claims`` holds only those an output lists, and the summary
    counts them all.
    """

    key: str
    label: str
    reason: str
    measure: str | None
    entity: str | None
    time: str | None
    claims: list[Claim]
    summary: GroupSummary | None = None


def summarise(group: ClaimGroup, statuses: dict[str, ClaimStatus], kept: list[Claim], value_text) -> ClaimGroup:
    """The group with only ``kept`` of its claims (in its order), and a summary of all of them.

    ``value_text`` words a figure's value, as the outputs show it.
    """
    every = [statuses[c.id] for c in group.claims]
    found = Counter((code, st.severity.value if st.severity else "info") for st in every for code in st.codes)
    severities = [st.severity for st in every if st.severity]
    ids = {c.id for c in kept}
    summary = GroupSummary(
        first=group.claims[0],
        size=len(group.claims),
        problem=any(troubled(st) for st in every),
        worst=max(severities, key=lambda s: s.rank) if severities else None,
        conflicts=sum(1 for st in every if st.status == Outcome.CONFLICTS),
        found=tuple(sorted(found.items())),
        values=tuple(sorted({value_text(c.figure) for c in group.claims})),
        paths=frozenset(c.path for c in group.claims),
        left_conflicts=sum(
            1 for c, st in zip(group.claims, every, strict=True) if c.id not in ids and st.status == Outcome.CONFLICTS
        ),
        findings=sum(len(st.messages) for st in every),
        found_on=frozenset(c.id for c, st in zip(group.claims, every, strict=True) if st.messages),
    )
    claims = [c for c in group.claims if c.id in ids]
    return ClaimGroup(group.key, group.label, group.reason, group.measure, group.entity, group.time, claims, summary)


def claim_groups(claims: list[Claim], comparisons: list[Comparison]) -> list[ClaimGroup]:
    """The groups the checks compared, limited to the claims given, in a stable order."""
    by_id = {c.id: c for c in claims}
    out = []
    for comp in sorted(comparisons, key=lambda c: c.key):
        members = [by_id[i] for i in comp.claim_ids if i in by_id]
        if members:
            out.append(ClaimGroup(comp.key, comp.label, comp.reason, comp.measure, comp.entity, comp.time, members))
    return out


def claim_statuses(
    claims: list[Claim],
    findings: list[Finding],
    comparisons: list[Comparison],
    facts: list[FactComparison],
    verdicts: dict[str, Verdict] | None = None,
) -> dict[str, ClaimStatus]:
    """The status of every claim, by claim id, from the findings and what the checks compared."""
    by_claim: dict[str, list[Finding]] = {}
    for f in findings:
        if f.claim_id:
            by_claim.setdefault(f.claim_id, []).append(f)
    compared: set[str] = set()
    conflicting: dict[str, list[str]] = {}
    for comp in comparisons:
        compared.update(comp.claim_ids)
        for a, b in comp.pairs:
            conflicting.setdefault(a, []).append(b)
    locations = {c.id: Location(c.path, c.figure.line, c.figure.column, c.figure.surface) for c in claims}
    facts_of: dict[str, list[FactComparison]] = {}
    for fact in facts:
        facts_of.setdefault(fact.claim_id, []).append(fact)
    out: dict[str, ClaimStatus] = {}
    # a claim nothing was found about has only its outcome: an archive's many share one status per outcome
    quiet: dict[Outcome, ClaimStatus] = {}
    for claim in claims:
        found = by_claim.get(claim.id, [])
        compared_with = tuple(facts_of.get(claim.id, ()))
        verdict = (verdicts or {}).get(claim.id)
        codes = sorted({f.code for f in found})
        status = _outcome(claim, codes, {f.verdict for f in compared_with}, claim.id in compared, conflicting)
        if not (found or compared_with or verdict or status == Outcome.CONFLICTS):
            out[claim.id] = quiet.setdefault(status, ClaimStatus(status))
            continue
        related = [r for f in found for r in f.related]
        if status == Outcome.CONFLICTS:
            # the claims it disagrees with, not every source of the disagreement
            related = [locations[o] for o in conflicting.get(claim.id, []) if o in locations] or related
        severity = max((f.severity for f in found), key=lambda s: s.rank, default=None)
        out[claim.id] = ClaimStatus(
            status, codes, [f.message for f in found], related, severity, verdict, compared_with
        )
    return out


def _outcome(
    claim: Claim, codes: list[str], fact_verdicts: set[FactVerdict], compared: bool, conflicting: dict[str, list[str]]
) -> Outcome:
    """The one word for a claim, worst first: a conflict, then a reference, then any other finding."""
    if claim.id in conflicting or "FG301" in codes:
        return Outcome.CONFLICTS
    if "FG101" in codes or FactVerdict.OUTSIDE in fact_verdicts:
        return Outcome.OUTSIDE_REFERENCE
    if codes:
        return Outcome.IMPLAUSIBLE
    if claim.key is None:
        return Outcome.NOT_KEYED
    return Outcome.AGREES if (compared or FactVerdict.AGREES in fact_verdicts) else Outcome.UNCHECKED
