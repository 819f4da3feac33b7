"""Per-claim status and claim groups, computed once from claims and findings.

The report and the worksheet both show, for every claim, what figures found:
agrees, conflicts, outside reference, implausible, unchecked, or no rule. This is
computed here, after the checks, so that no formatter recomputes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from figures.model import Claim, Finding, Location, Severity
from figures.rulebook import Rulebook
from figures.verdicts import Verdict

AGREES = "agrees"
CONFLICTS = "conflicts"
OUTSIDE_REFERENCE = "outside reference"
IMPLAUSIBLE = "implausible"
UNCHECKED = "unchecked"
NO_RULE = "no rule"


@dataclass
class ClaimStatus:
    """What figures found about one claim, and what a checker said."""

    status: str
    codes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    related: list[Location] = field(default_factory=list)
    severity: Severity | None = None
    verdict: Verdict | None = None

    @property
    def label(self) -> str:
        if self.status == CONFLICTS and self.related:
            others = ", ".join(f"{r.path}:{r.line}" for r in self.related)
            return f"conflicts with {others}"
        return self.status


@dataclass
class ClaimGroup:
    """Claims of one measure about one entity and time, from every article."""

    measure: str
    entity: str | None
    time: str | None
    claims: list[Claim]

    @property
    def key(self) -> str:
        return f"{self.measure}|{self.entity or '-'}|{self.time or '-'}"


def group_key(claim: Claim, rulebook: Rulebook) -> tuple[str, str, str] | None:
    if not claim.measure:
        return None
    measure = rulebook.measures[claim.measure]
    time = "any time" if measure.time == "none" else (claim.time or "time unknown")
    return claim.measure, claim.entity or "", time


def claim_groups(claims: list[Claim], rulebook: Rulebook) -> list[ClaimGroup]:
    """Classified claims grouped by (measure, entity, time), in a stable order."""
    groups: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        key = group_key(claim, rulebook)
        if key is not None:
            groups.setdefault(key, []).append(claim)
    return [ClaimGroup(m, e or None, t, cs) for (m, e, t), cs in sorted(groups.items())]


def claim_statuses(
    claims: list[Claim], findings: list[Finding], rulebook: Rulebook, verdicts: dict[str, Verdict] | None = None
) -> dict[str, ClaimStatus]:
    """The status of every claim, by claim id."""
    by_claim: dict[str, list[Finding]] = {}
    for f in findings:
        if f.claim_id:
            by_claim.setdefault(f.claim_id, []).append(f)
    sizes: dict[tuple[str, str, str], int] = {}
    for claim in claims:
        key = group_key(claim, rulebook)
        if key is not None:
            sizes[key] = sizes.get(key, 0) + 1
    referenced_measures = {fact["measure"] for r in rulebook.rules_of("reference") for fact in r.settings["facts"]}
    out: dict[str, ClaimStatus] = {}
    for claim in claims:
        found = by_claim.get(claim.id, [])
        codes = sorted({f.code for f in found})
        if any(c == "FG301" for c in codes):
            status = CONFLICTS
        elif any(c == "FG101" for c in codes):
            status = OUTSIDE_REFERENCE
        elif codes:
            status = IMPLAUSIBLE
        elif claim.measure is None:
            status = NO_RULE
        else:
            key = group_key(claim, rulebook)
            measure = rulebook.measures[claim.measure]
            referenced = claim.measure in referenced_measures
            compared = measure.compare != "none" and claim.entity is not None and sizes.get(key, 0) > 1
            status = AGREES if (compared or referenced) else UNCHECKED
        related = [r for f in found for r in f.related]
        severity = max((f.severity for f in found), key=lambda s: s.rank, default=None)
        out[claim.id] = ClaimStatus(
            status, codes, [f.message for f in found], related, severity, (verdicts or {}).get(claim.id)
        )
    return out
