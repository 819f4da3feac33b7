"""Which compared groups a report opens with, and under which story: shared by the HTML page and the Markdown comment.

A group has a problem when one of its claims has a finding or the consistency check
found it in conflict; the report shows those first, most severe first, each under its
story. Nothing here regroups claims or articles: the groups are the consistency
check's, the standings its statuses, the stories the run's.

A report holds what it shows, not the archive: a group lists at most ``ROWS_SHOWN``
claims (those with a problem first) and counts the rest, a story names at most
``ARTICLES_SHOWN`` articles, and a story with more than ``GROUPS_LISTED`` groups whose
sources agree counts them per measure. Asked for one story or one measure (a
:class:`Focus`), the report shows only that, whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from figures.context.stories import Story
from figures.model import Article, Claim, Finding, Severity
from figures.outputs.wording import value_text
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimGroup, Outcome

ROWS_SHOWN = 40  # claims a group lists, unless its story or measure was asked for
ARTICLES_SHOWN = 20  # articles a story names, likewise
GROUPS_LISTED = 20  # groups whose sources agree a story lists one by one; past that, counted per measure


@dataclass(frozen=True)
class Focus:
    """What a report was asked to show whole: one story (its id), one measure (its name), or neither."""

    story: str | None = None
    measure: str | None = None

    @property
    def whole(self) -> bool:
        """Whether the parts shown are shown whole, no claim or article left out."""
        return self.story is not None or self.measure is not None

    def keeps_measure(self, name: str) -> bool:
        return self.measure is None or name.lower() == self.measure.lower()


def measure_name(claims: list[Claim], label: str) -> str:
    """The name a group's measure goes by: its rule measure, else the thing it measures, else its label's start."""
    first = claims[0]
    return first.measure or first.thing or label.split(" (", 1)[0]


def first_claim(group: ClaimGroup) -> Claim:
    """The group's first claim, which names its measure and unit, kept even when its claims were not."""
    return group.summary.first if group.summary is not None else group.claims[0]


def group_size(group: ClaimGroup) -> int:
    """How many claims the group has, kept or not."""
    return group.summary.size if group.summary is not None else len(group.claims)


def group_measure(group: ClaimGroup) -> str:
    """The name of the group's measure (see :func:`measure_name`)."""
    return measure_name([first_claim(group)], group.label)


def group_found(result: CheckResult, group: ClaimGroup) -> Counter[tuple[str, str]]:
    """The codes found on the group's claims, with their severity ("info" when none), and how many of each."""
    if group.summary is not None:
        return Counter(dict(group.summary.found))
    every = [result.statuses[c.id] for c in group.claims]
    return Counter((code, st.severity.value if st.severity else "info") for st in every for code in st.codes)


def group_worst(result: CheckResult, group: ClaimGroup) -> Severity | None:
    """The most severe finding on the group's claims."""
    if group.summary is not None:
        return group.summary.worst
    severities = [st.severity for c in group.claims if (st := result.statuses[c.id]).severity]
    return max(severities, key=lambda s: s.rank) if severities else None


def group_values(group: ClaimGroup) -> list[str]:
    """The group's distinct values in words, sorted."""
    if group.summary is not None:
        return list(group.summary.values)
    return sorted({value_text(c.figure) for c in group.claims})


def group_paths(group: ClaimGroup) -> set[str]:
    """The articles of the group's claims."""
    return set(group.summary.paths) if group.summary is not None else {c.path for c in group.claims}


def group_findings(result: CheckResult, group: ClaimGroup) -> int:
    """How many findings are on the group's claims."""
    if group.summary is not None:
        return group.summary.findings
    ids = {c.id for c in group.claims}
    return sum(1 for f in result.findings if f.claim_id in ids)


def claim_ids(groups: list[ClaimGroup]) -> set[str]:
    """The ids of the groups' claims a finding can be on: every claim's, or of a summarised group those with one."""
    out: set[str] = set()
    for g in groups:
        out.update(g.summary.found_on if g.summary is not None else (c.id for c in g.claims))
    return out


def _conflicts(result: CheckResult, group: ClaimGroup) -> int:
    if group.summary is not None:
        return group.summary.conflicts
    return sum(1 for c in group.claims if result.statuses[c.id].status == Outcome.CONFLICTS)


def figure_counts(result: CheckResult) -> tuple[int, int]:
    """The run's figures and, of them, claims with a key: all of them, kept or not."""
    if result.totals is not None:
        return result.totals.figures, result.totals.keyed
    return len(result.claims), sum(1 for c in result.claims if c.key)


def shown_claims(result: CheckResult, group: ClaimGroup, focus: Focus) -> tuple[list[Claim], int]:
    """The claims of a group a report lists, in the group's order, and how many it leaves out.

    Those with a problem are chosen first: they are why the group is shown.
    """
    if group.summary is not None:  # the run kept those it lists
        return list(group.claims), group.summary.size - len(group.claims)
    if focus.whole or len(group.claims) <= ROWS_SHOWN:
        return list(group.claims), 0
    troubled = [
        c for c in group.claims if result.statuses[c.id].codes or result.statuses[c.id].status == Outcome.CONFLICTS
    ]
    chosen = {c.id for c in (troubled + list(group.claims))[:ROWS_SHOWN]}
    return [c for c in group.claims if c.id in chosen], len(group.claims) - len(chosen)


def left_out_words(result: CheckResult, group: ClaimGroup, shown: list[Claim], story: Story | None) -> str:
    """What a group left out, and how to see it, in words; "" when it lists every claim."""
    listed = {c.id for c in shown}
    if group.summary is not None:
        left, conflicts = group.summary.size - len(listed), group.summary.left_conflicts
    else:
        rest = [c for c in group.claims if c.id not in listed]
        left, conflicts = len(rest), sum(1 for c in rest if result.statuses[c.id].status == Outcome.CONFLICTS)
    if not left:
        return ""
    ask = f"--measure {group_measure(group)!r}"
    if story is not None:
        ask = f"--story {story.id} or {ask}"
    return (
        f"{left:,} more claim{'s' if left != 1 else ''} of this group not listed "
        f"({conflicts:,} in conflict, {left - conflicts:,} not); figures report {ask} lists them all"
    )


def agree_counts(groups: list[ClaimGroup]) -> list[tuple[str, int, int]]:
    """Groups whose sources agree, counted per measure: (measure, groups, sources), by measure."""
    groups_of: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    for g in groups:
        name = group_measure(g)
        groups_of[name] += 1
        sources[name] += group_size(g)
    return [(name, groups_of[name], sources[name]) for name in sorted(groups_of)]


def has_problem(result: CheckResult, group: ClaimGroup) -> bool:
    """A finding on one of the group's claims, or claims the check found in conflict."""
    if group.summary is not None:
        return group.summary.problem
    return any(result.statuses[c.id].codes or result.statuses[c.id].status == Outcome.CONFLICTS for c in group.claims)


def _severity_order(result: CheckResult, group: ClaimGroup) -> tuple[int, int]:
    """Most severe first; at one severity, disagreements first, the ones with more claims in them first."""
    worst = group_worst(result, group)
    return (-(worst.rank if worst is not None else -1), -_conflicts(result, group))


def split_groups(result: CheckResult) -> tuple[list[ClaimGroup], list[ClaimGroup]]:
    """The groups with a problem, most severe first, and the groups whose sources agree, in the check's order.

    A group of one claim with no problem is in neither: nothing was compared with it,
    and the report lists it with the figures compared with no other source.
    """
    troubled = [g for g in result.groups if has_problem(result, g)]
    troubled.sort(key=lambda g: _severity_order(result, g))  # stable: ties keep the check's order
    return troubled, [g for g in result.groups if group_size(g) > 1 and not has_problem(result, g)]


def uncompared(result: CheckResult, shown: list[ClaimGroup]) -> tuple[list[Claim], int]:
    """The claims in none of the ``shown`` groups (in no group, or alone in theirs), in the run's order; how many.

    A run that kept only what its outputs show kept the first of them (``CheckResult.alone``).
    """
    if result.totals is not None:
        return list(result.alone), result.totals.alone
    in_groups = {c.id for g in shown for c in g.claims}
    claims = [c for c in result.claims if c.id not in in_groups]
    return claims, len(claims)


def disagreements(result: CheckResult, groups: list[ClaimGroup]) -> int:
    """How many of ``groups`` hold claims in conflict."""
    return sum(1 for g in groups if _conflicts(result, g))


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
    result: CheckResult,
    troubled: list[ClaimGroup],
    agreeing: list[ClaimGroup],
    others: list[Finding],
    focus: Focus | None = None,
) -> list[StorySection]:
    """The report's parts: each story with compared groups or findings, the most severe first; then the rest.

    The stories are the run's (``CheckResult.stories``): nothing here groups articles.
    A group belongs to the story every one of its claims' articles is in, a finding to
    its article's story; a story with one article in this run is shared with no one,
    so its groups and findings go to the last part. ``others`` are the findings in no
    group of ``troubled``. Parts are ordered by their most severe finding or
    conflict, then by the stories' order (first article's date); within a part,
    groups and findings keep the order they are given in. With a ``focus``, only its
    story's part, or only its measure's groups and findings.
    """
    focus = focus or Focus()
    troubled = [g for g in troubled if focus.keeps_measure(group_measure(g))]
    agreeing = [g for g in agreeing if focus.keeps_measure(group_measure(g))]
    others = [f for f in others if focus.measure is None or (f.measure or "").lower() == focus.measure.lower()]

    def shared(path: str) -> Story | None:
        story = result.stories.of(path) if result.stories is not None else None
        return story if story is not None and len(story.paths) > 1 else None

    def home(group: ClaimGroup) -> Story | None:
        found = {shared(path) for path in group_paths(group)}
        return found.pop() if len(found) == 1 else None

    parts: dict[str | None, StorySection] = {}

    def part(story: Story | None) -> StorySection:
        return parts.setdefault(story.id if story is not None else None, StorySection(story))

    for g in troubled:
        part(home(g)).troubled.append(g)
    for g in agreeing:
        part(home(g)).agreeing.append(g)
    for f in others:
        part(shared(f.path)).findings.append(f)
    by_path = {a.path: a for a in result.articles + result.corpus_articles}  # a story may hold both
    for p in parts.values():
        if p.story is not None:
            paths = list(p.story.paths)
        else:
            named = [path for g in p.troubled + p.agreeing for path in group_paths(g)] + [f.path for f in p.findings]
            alone = {path for path in named if shared(path) is None and path in by_path}
            paths = sorted(alone, key=lambda path: (by_path[path].date, path))  # as a story lists its own
        p.articles = [by_path[path] for path in paths if path in by_path]
    order = {s.id: n for n, s in enumerate(result.stories.stories)} if result.stories is not None else {}

    def rank(p: StorySection) -> tuple[bool, int, int]:
        worsts = [w.rank for g in p.troubled if (w := group_worst(result, g)) is not None]
        worst = max(worsts + [f.severity.rank for f in p.findings], default=-1)
        return (p.story is None, -worst, order.get(p.story.id, 0) if p.story is not None else 0)

    return sorted((p for p in parts.values() if _in_focus(p, focus)), key=rank)


def _in_focus(part: StorySection, focus: Focus) -> bool:
    return focus.story is None or (part.story is not None and part.story.id == focus.story)


def story_ids(result: CheckResult) -> set[str]:
    """The ids of the run's stories, which ``--story`` takes."""
    return {s.id for s in result.stories.stories} if result.stories is not None else set()


def story_words(story: Story) -> tuple[str, str]:
    """A story's name (its words) and its dates in words, as both report formats show them."""
    if not story.first:
        span = "undated"
    elif story.first == story.last:
        span = story.first
    else:
        span = f"{story.first} to {story.last}"
    return ", ".join(story.words), span
