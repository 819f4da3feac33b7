"""The discrepancy report as one self-contained HTML page, rendered from Jinja2 templates.

The page opens with the problems: a summary, then a part per story (its words, dates
and articles; the story with the most severe problem first, the articles that are the
only one of their story last), each with every group of claims the checks compared and
found a problem in (most severe first), then the findings that belong to no such
group; groups whose sources agree are folded away in their story, the stories whose
sources all agree are folded into one, and figures compared with no other source are
behind one more toggle at the end. The page holds what it shows, not the archive: past
the limits of :mod:`figures.outputs.problems` a group lists its claims with a problem
first and counts the rest, and a story counts its agreeing groups per measure;
``--story`` and ``--measure`` show one story or measure whole. CSS and script are
inline, charts are inline SVG, nothing is fetched: the page opens from ``file://``
with no network.
Templates autoescape, so an article that contains ``<script>`` shows it as text.

This module only lays out what the checks decided: the stories are
``CheckResult.stories`` as the run grouped them, the groups are
``CheckResult.groups`` as the consistency check formed them, each claim's standing
is its ``ClaimStatus``, and a chart's shaded reference is the fact the reference check
compared the group's claims with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import jinja2

from figures import __version__
from figures.checks.base import normalized
from figures.checks.verdicts import Verdict
from figures.context import world_for
from figures.context.stories import Story
from figures.core.intervals import from_figure
from figures.core.sanitise import for_spreadsheet
from figures.model import Article, Claim, Finding, Location
from figures.outputs import generated_on
from figures.outputs import problems as limits  # read at run time: a test may lower them
from figures.outputs.chart import Bar, Plot, range_plot
from figures.outputs.problems import (
    Focus,
    StorySection,
    agree_counts,
    by_story,
    claim_ids,
    disagreements,
    figure_counts,
    first_claim,
    group_found,
    group_size,
    group_values,
    group_worst,
    left_out_words,
    shown_claims,
    split_groups,
    story_words,
    uncompared,
)
from figures.outputs.wording import (
    FLAGGED_BY_CHECKER,
    checked_words,
    counted,
    headline,
    outlet_of,
    plain_message,
    plain_reason,
    source_name,
    status_words,
    unit_words,
    value_text,
)
from figures.rules.records import Rulebook
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimGroup, ClaimStatus, Outcome


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("figures.outputs", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Source:
    """An article as the page names it: headline and outlet first, the file behind a tooltip."""

    headline: str
    outlet: str
    date: str
    path: str
    url: str  # an http(s) link, or "" (a ``javascript:`` link is no link)

    @property
    def file(self) -> str:
        """The file's name without its folders; the page shows the full path on hover."""
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Other:
    """A claim another one conflicts with."""

    name: str
    where: str


@dataclass(frozen=True)
class ClaimRow:
    """One claim in a table."""

    source: Source
    line: int
    surface: str
    value: str
    value_sort: str
    before: str
    figure: str
    after: str
    status: str  # a css class: st-conflicts, st-agrees ...
    words: str  # the status in words
    others: tuple[Other, ...]
    messages: tuple[str, ...]
    severity: str
    verdict: Verdict | None
    measure: str
    entity: str


@dataclass(frozen=True)
class GroupView:
    """A group of claims the consistency check compared, as one card."""

    anchor: str
    heading: str
    description: str
    reason: str
    measure: str
    entity: str
    rows: tuple[ClaimRow, ...]
    plot: Plot | None
    codes: tuple[tuple[str, str, int], ...]  # (code, severity, how many)
    severity: str
    value: str  # for a folded group: the values its sources state
    size: int  # its claims, listed or not
    more: str  # what it leaves out, in words; "" when it lists every claim


@dataclass(frozen=True)
class FindingRow:
    """A finding that belongs to no group shown with a problem."""

    code: str
    severity: str
    source: Source
    where: str
    message: str
    measure: str
    entity: str


NO_STORY = "story-none"  # the anchor of the last part: articles in no shared story


@dataclass(frozen=True)
class StoryView:
    """A part of the page: a story's words, dates and articles, then its groups and findings."""

    anchor: str
    number: int  # 1, 2, ... down the page: the ids of its findings and folds
    heading: str
    span: str  # its dates and how many articles, or what the last part holds
    articles: tuple[Source, ...]
    problems: tuple[GroupView, ...]
    findings: tuple[FindingRow, ...]
    agree: tuple[GroupView, ...]
    agreeing: int  # groups whose sources agree, listed in ``agree`` or counted in ``agree_counts``
    agree_counts: tuple[tuple[str, int, int], ...]  # (measure, groups, sources) when they are too many to list
    more_articles: int  # articles of the story not named


def _safe_url(url: str) -> str:
    return url if url.lower().startswith(("http://", "https://")) else ""


def _claim_source(claim: Claim) -> Source:
    return Source(headline(claim), claim.outlet, claim.date, claim.path, _safe_url(claim.url))


def _file_source(path: str, articles: dict[str, Article]) -> Source:
    article = articles.get(path)
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    if article is None:
        return Source(name, "", "", path, "")
    return Source(article.title or name, article.outlet, article.date, path, _safe_url(article.url))


def _other(location: Location, articles: dict[str, Article]) -> Other:
    article = articles.get(location.path)
    name = (article.outlet if article else "") or location.path.replace("\\", "/").rsplit("/", 1)[-1]
    return Other(name, f"{location.path}:{location.line}")


def _claim_row(claim: Claim, status: ClaimStatus, articles: dict[str, Article]) -> ClaimRow:
    before, figure, after = claim.sentence_parts()
    low = claim.figure.low if claim.figure.low is not None else claim.figure.high
    others = tuple(_other(r, articles) for r in status.related) if status.status == Outcome.CONFLICTS else ()
    return ClaimRow(
        source=_claim_source(claim),
        line=claim.figure.line,
        surface=claim.figure.surface,
        value=value_text(claim.figure),
        value_sort="" if low is None else f"{low:.12g}",
        before=before,
        figure=figure,
        after=after,
        status="st-" + status.status.replace(" ", "-"),
        words=status_words(status),
        others=others,
        messages=tuple(plain_message(m, outlet_of(articles)) for m in status.messages),
        severity=status.severity.value if status.severity else "none",
        verdict=status.verdict,
        measure=claim.thing or "",
        entity=claim.entity or "",
    )


def _reference_for(statuses: list[ClaimStatus]) -> tuple[float, float] | None:
    """The fact the reference check compared the group's claims with: the one it compared most of them with."""
    counts = Counter((f.fact, f.low, f.high) for st in statuses for f in st.facts)
    if not counts:
        return None
    (_, low, high), _ = min(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return low, high


def _standing(status: ClaimStatus, size: int) -> str:
    """How a claim stands among the group's sources, from the conflicts the check found."""
    if status.status == Outcome.CONFLICTS:
        # related holds the claims this one conflicts with: an outlier conflicts with all
        # the others, each of the others only with the outlier.
        return "alone" if len(status.related) >= size - 1 else "with-some"
    if status.status == Outcome.OUTSIDE_REFERENCE:
        return "outside"
    if status_words(status) == FLAGGED_BY_CHECKER:
        return "checker"
    return status.status.replace(" ", "-")  # agrees, implausible, unchecked, not-keyed: as the table says


@dataclass(frozen=True)
class _Page:
    """What every part of the page is laid out from."""

    result: CheckResult
    rulebook: Rulebook
    articles: dict[str, Article]
    focus: Focus


def _chart(page: _Page, group: ClaimGroup, claims: list[Claim], statuses: list[ClaimStatus]) -> Plot:
    measure = page.rulebook.measures.get(group.measure or "")
    first = first_claim(group)
    unit = (measure.unit if measure is not None else None) or (first.figure.unit_name or first.figure.unit)
    period = measure.period if measure is not None else first.figure.period
    axis = unit_words(unit, None) if unit else first.figure.noun
    bars = []
    for c, st in zip(claims, statuses, strict=True):
        interval = normalized(c, measure) or from_figure(c.figure)
        standing = _standing(st, group_size(group))
        label = f"{source_name(c)}: {c.figure.surface}"
        severity = st.severity.value if st.severity is not None else "none"
        bars.append(Bar(label, interval.low, interval.high, standing, f"{c.path}:{c.figure.line}", severity))
    return range_plot(bars, _reference_for(statuses), axis + (f" per {period}" if period else ""))


def _group_view(page: _Page, group: ClaimGroup, index: int, plot: bool, story: Story | None) -> GroupView:
    result = page.result
    measure = page.rulebook.measures.get(group.measure or "")
    first = first_claim(group)
    heading = group.label
    if not (measure is not None and measure.time == "none") and group.time and group.time not in heading:
        heading = f"{heading} — {group.time}"
    claims, _ = shown_claims(result, group, page.focus)
    statuses = [result.statuses[c.id] for c in claims]
    found = group_found(result, group)
    worst = group_worst(result, group)
    values = group_values(group)
    return GroupView(
        anchor=f"group-{index}",
        heading=heading,
        description=measure.description.rstrip(".") if measure is not None else "",
        reason=plain_reason(group.reason, {k: m.label for k, m in page.rulebook.measures.items()}),
        measure=first.thing or "",
        entity=group.entity or "",
        rows=tuple(_claim_row(c, st, page.articles) for c, st in zip(claims, statuses, strict=True)),
        plot=_chart(page, group, claims, statuses) if plot else None,
        codes=tuple((code, sev, n) for (code, sev), n in sorted(found.items())),
        severity=worst.value if worst is not None else "none",
        value=" / ".join(values) if len(values) <= 2 else f"{values[0]} and {len(values) - 1} more wordings",
        size=group_size(group),
        more=left_out_words(result, group, claims, story),
    )


def _finding_row(f: Finding, articles: dict[str, Article]) -> FindingRow:
    return FindingRow(
        f.code,
        f.severity.value,
        _file_source(f.path, articles),
        f"{f.line}:{f.column}",
        f.message,
        f.measure or "",
        f.entity or "",
    )


def _article_option(article: Article) -> tuple[str, str]:
    name = article.path.replace("\\", "/").rsplit("/", 1)[-1]
    words = " · ".join(x for x in (article.outlet, article.date, article.title or name) if x)
    return article.path, words


def _story_view(page: _Page, number: int, part: StorySection, shown: int) -> StoryView:
    """One part of the page; its groups are numbered from ``shown`` down the page."""
    problems = [_group_view(page, g, shown + i, True, part.story) for i, g in enumerate(part.troubled)]
    shown += len(problems)
    listed = page.focus.whole or len(part.agreeing) <= limits.GROUPS_LISTED
    agreeing = part.agreeing if listed else []
    agree = [_group_view(page, g, shown + i, False, part.story) for i, g in enumerate(agreeing)]
    if part.story is None:
        anchor, heading = NO_STORY, "Articles in no shared story"
        span = "each the only article of its story in this run"
        if part.troubled or part.agreeing:
            span += "; the groups here compare claims from more than one story"
    else:
        words, dates = story_words(part.story)
        anchor, heading = f"story-{part.story.id}", f"Story: {words}"
        span = f"{dates} · {len(part.articles):,} article{'s' if len(part.articles) != 1 else ''}"
    named = part.articles if page.focus.whole else part.articles[: limits.ARTICLES_SHOWN]
    return StoryView(
        anchor,
        number,
        heading,
        span,
        tuple(_file_source(a.path, page.articles) for a in named),
        tuple(problems),
        tuple(_finding_row(f, page.articles) for f in part.findings),
        tuple(agree),
        len(part.agreeing),
        () if listed else tuple(agree_counts(part.agreeing)),
        len(part.articles) - len(named),
    )


def _stories(page: _Page, troubled: list[ClaimGroup], agreeing: list[ClaimGroup]) -> list[StoryView]:
    result = page.result
    in_problems = claim_ids(troubled)
    other_findings = sorted(
        (f for f in result.findings if f.claim_id not in in_problems), key=lambda f: -f.severity.rank
    )
    stories = []
    shown = 0  # groups numbered down the page, for their anchors
    for number, part in enumerate(by_story(result, troubled, agreeing, other_findings, page.focus), start=1):
        view = _story_view(page, number, part, shown)
        shown += len(view.problems) + len(view.agree)
        stories.append(view)
    return stories


def _named(stories: list[StoryView], alone: list[ClaimRow]) -> set[str]:
    """The articles the page names: the article filter offers these."""
    paths = {a.path for s in stories for a in s.articles} | {r.source.path for r in alone}
    paths |= {f.source.path for s in stories for f in s.findings}
    return paths | {r.source.path for s in stories for g in s.problems + s.agree for r in g.rows}


def _filters(page: _Page, named: set[str]) -> list:
    world = world_for(page.rulebook)
    groups = page.result.groups
    return [
        (
            "severity",
            "Severity",
            [("error", "error"), ("warning", "warning"), ("info", "info"), ("none", "no finding")],
        ),
        ("measure", "Measure", sorted({(first_claim(g).thing or "", first_claim(g).label or g.label) for g in groups})),
        ("entity", "Entity", sorted({(g.entity, world.name(g.entity)) for g in groups if g.entity})),
        ("article", "Article", sorted(_article_option(a) for a in page.result.articles if a.path in named)),
    ]


def _alone(page: _Page, shown: list[ClaimGroup]) -> tuple[list[ClaimRow], int]:
    """The figures compared with no other source that the page lists, and how many it leaves out."""
    result, focus = page.result, page.focus
    claims, total = uncompared(result, shown)
    if focus.measure is not None:
        claims = [c for c in claims if focus.keeps_measure(c.measure or c.thing or "")]
    if focus.story is not None and result.stories is not None:
        claims = [c for c in claims if (s := result.stories.of(c.path)) is not None and s.id == focus.story]
    if focus.whole:
        total = len(claims)
    listed = claims if focus.whole else claims[: limits.ROWS_SHOWN]
    return [_claim_row(c, result.statuses[c.id], page.articles) for c in listed], total - len(listed)


def _cards(result: CheckResult, disagreeing: int) -> list[tuple[str, int, str, str]]:
    """The summary's cards: (words, count, css class, the severity the filter matches it by, or "")."""
    counts = result.counts()
    figures, keyed = figure_counts(result)

    def card(count: int, word: str, css: str = "", severity: str = "") -> tuple[str, int, str, str]:
        return counted(count, word).split(" ", 1)[1], count, css if count else "", severity

    return [
        card(disagreeing, "disagreement", "bad", "error"),
        card(counts["error"], "error", "bad", "error"),
        card(counts["warning"], "warning", "warn", "warning"),
        ("info", counts["info"], "", "info"),
        card(len(result.articles), "article"),
        card(figures, "figure"),
        ("claims keyed", keyed, "", ""),
        card(len(result.groups), "claim group"),
    ]


def format_html(
    result: CheckResult, rulebook: Rulebook, focus: Focus | None = None, checked: Sequence[str] = ()
) -> str:
    """The report page: its problems, the rest counted; with a ``focus``, one story or measure whole.

    Its header names the version, the day it was written (``SOURCE_DATE_EPOCH`` when set)
    and the ``checked`` paths as given.
    """
    articles = {a.path: a for a in result.corpus_articles + result.articles}  # the corpus's name stories' articles
    page = _Page(result, rulebook, articles, focus or Focus())
    troubled, agreeing = split_groups(result)
    stories = _stories(page, troubled, agreeing)
    last = next((s for s in stories if s.anchor == NO_STORY), None)
    named = [s for s in stories if s is not last]
    alone, alone_more = _alone(page, troubled + agreeing)
    text = (
        _environment()
        .get_template("page.html.j2")
        .render(
            version=__version__,
            articles=counted(len(result.articles), "article"),
            generated=generated_on(),
            checked=checked_words(checked),
            cards=_cards(result, disagreements(result, troubled)),
            by_code=sorted(Counter(f.code for f in result.findings).items()),
            filters=_filters(page, _named(stories, alone)),
            stories=[s for s in named if s.problems or s.findings],
            quiet=[s for s in named if not (s.problems or s.findings)],  # one fold: a line each would be long
            last=last,
            alone=alone,
            alone_more=alone_more,
            checker=any(st.verdict for st in result.statuses.values()),
        )
    )
    return for_spreadsheet(text)  # no control character of an article's reaches the page
