"""Which compared groups a report opens with, and under which story: shared by the HTML page and the Markdown comment.

A group has a problem when one of its claims has a finding or the consistency check
found it in conflict; the report shows those first, most severe first, each under its
story. Nothing here regroups claims or articles: the groups are the consistency
check's, the standings its statuses, the stories the run's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from figures.context.stories import Story
from figures.model import Article, Claim, Finding
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


@dataclass
class StorySection:
    """A part of the report: one story's articles, then its compared groups and its other findings.

    ``story`` is ``None`` for the last part: the articles that are the only one of
    their story in this run, and the groups whose claims come from more than one story.
    """

    story: Story | None
    articles: list[Article] = field(default_factory=list)
    troubled: list[ClaimGroup] = field(default_factory=list)  # groups with a problem, most severe first
    agreeing: list[ClaimGroup] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # findings in no group with a problem, most severe first


def by_story(
    result: CheckResult, troubled: list[ClaimGroup], agreeing: list[ClaimGroup], others: list[Finding]
) -> list[StorySection]:
    """The report's parts: each story with compared groups or findings, the most severe first; then the rest.

    The stories are the run's (``CheckResult.stories``): nothing here groups articles.
    A group belongs to the story every one of its claims' articles is in, a finding to
    its article's story; a story with one article in this run is shared with no one,
    so its groups and findings go to the last part. ``others`` are the findings in no
    group of ``troubled``. Parts are ordered by their most severe finding or
    conflict, then by the stories' order (first article's date); within a part,
    groups and findings keep the order they are given in.
    """

    def shared(path: str) -> Story | None:
        story = result.stories.of(path) if result.stories is not None else None
        return story if story is not None and len(story.paths) > 1 else None

    def home(claims: list[Claim]) -> Story | None:
        found = {shared(c.path) for c in claims}
        return found.pop() if len(found) == 1 else None

    parts: dict[str | None, StorySection] = {}

    def part(story: Story | None) -> StorySection:
        return parts.setdefault(story.id if story is not None else None, StorySection(story))

    for g in troubled:
        part(home(g.claims)).troubled.append(g)
    for g in agreeing:
        part(home(g.claims)).agreeing.append(g)
    for f in others:
        part(shared(f.path)).findings.append(f)
    by_path = {a.path: a for a in result.articles + result.corpus_articles}  # a story may hold both
    for p in parts.values():
        if p.story is not None:
            paths = list(p.story.paths)
        else:
            named = [c.path for g in p.troubled + p.agreeing for c in g.claims] + [f.path for f in p.findings]
            alone = {path for path in named if shared(path) is None and path in by_path}
            paths = sorted(alone, key=lambda path: (by_path[path].date, path))  # as a story lists its own
        p.articles = [by_path[path] for path in paths if path in by_path]
    order = {s.id: n for n, s in enumerate(result.stories.stories)} if result.stories is not None else {}

    def rank(p: StorySection) -> tuple[bool, int, int]:
        statuses = [result.statuses[c.id] for g in p.troubled for c in g.claims]
        worst = max(
            [st.severity.rank for st in statuses if st.severity] + [f.severity.rank for f in p.findings], default=-1
        )
        return (p.story is None, -worst, order.get(p.story.id, 0) if p.story is not None else 0)

    return sorted(parts.values(), key=rank)


def story_words(story: Story) -> tuple[str, str]:
    """A story's name (its words) and its dates in words, as both report formats show them."""
    if not story.first:
        span = "undated"
    elif story.first == story.last:
        span = story.first
    else:
        span = f"{story.first} to {story.last}"
    return ", ".join(story.words), span
