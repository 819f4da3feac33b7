"""Which compared groups a report opens with, shared by the HTML page and the Markdown comment.

A group has a problem when one of its claims has a finding or the consistency check
found it in conflict; the report shows those first, most severe first. Nothing here
regroups claims: the groups are the consistency check's, the standings its statuses.
"""

from __future__ import annotations

from figures.model import Claim
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimGroup, Outcome


def has_problem(result: CheckResult, group: ClaimGroup) -> bool:
    """A finding on one of the group's claims, or claims the check found in conflict."""
    return any(result.statuses[c.id].codes or result.statuses[c.id].status == Outcome.CONFLICTS for c in group.claims)


def _severity_order(result: CheckResult, group: ClaimGroup) -> tuple[int, int]:
    """Most severe first; at one severity, disagreements first, the ones with more claims in them first."""
    statuses = [result.statuses[c.id] for c in group.claims]
    worst = max((st.severity.rank for st in statuses if st.severity), default=-1)
    return (-worst, -sum(1 for st in statuses if st.status == Outcome.CONFLICTS))


def split_groups(result: CheckResult) -> tuple[list[ClaimGroup], list[ClaimGroup]]:
    """The groups with a problem, most severe first, and the groups whose sources agree, in the check's order.

    A group of one claim with no problem is in neither: nothing was compared with it,
    and the report lists it with the figures compared with no other source.
    """
    troubled = [g for g in result.groups if has_problem(result, g)]
    troubled.sort(key=lambda g: _severity_order(result, g))  # stable: ties keep the check's order
    return troubled, [g for g in result.groups if len(g.claims) > 1 and not has_problem(result, g)]


def uncompared(result: CheckResult, shown: list[ClaimGroup]) -> list[Claim]:
    """The claims in none of the ``shown`` groups: in no group, or alone in theirs; in the run's order."""
    in_groups = {c.id for g in shown for c in g.claims}
    return [c for c in result.claims if c.id not in in_groups]


def disagreements(result: CheckResult, groups: list[ClaimGroup]) -> int:
    """How many of ``groups`` hold claims in conflict."""
    return sum(1 for g in groups if any(result.statuses[c.id].status == Outcome.CONFLICTS for c in g.claims))
