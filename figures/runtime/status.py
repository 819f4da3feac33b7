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


@dataclass
class ClaimGroup:
    """Claims the consistency check judged to be one claim, at one time, from every article checked."""

    key: str
    label: str
    reason: str
    measure: str | None
    entity: str | None
    time: str | None
    claims: list[Claim]


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
