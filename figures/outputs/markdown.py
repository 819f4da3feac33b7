"""The discrepancy report as Markdown, for a pull-request comment.

The same order as the HTML page, without charts: the summary, then a part per story
(its words, dates and articles; the story with the most severe problem first): its
compared groups with a problem (most severe first), its other findings, then one
line per group whose sources agree; last, the articles that are the only one of
their story in the run; large groups and stories are cut and counted as on the HTML
page. GitHub refuses a comment over 65,536 characters, so the detail
stops before that and a note says how many findings were left out and where to see
them all. Text from articles is escaped so that it can neither break the tables nor
mention people (``@name``), link issues (``#123``), make links or images, or bring
its own HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from figures import __version__
from figures.core.sanitise import for_spreadsheet
from figures.model import Claim, Finding
from figures.outputs import generated_on
from figures.outputs import problems as limits  # read at run time: a test may lower them
from figures.outputs.problems import (
    Focus,
    StorySection,
    agree_counts,
    by_story,
    claim_ids,
    disagreements,
    figure_counts,
    group_findings,
    group_found,
    group_size,
    group_values,
    left_out_words,
    shown_claims,
    split_groups,
    story_words,
    uncompared,
)
from figures.outputs.wording import (
    checked_words,
    counted,
    headline,
    plain_message,
    plain_reason,
    status_words,
    value_text,
)
from figures.rules.records import Rulebook
from figures.runtime.engine import CheckResult
from figures.runtime.status import ClaimGroup, ClaimStatus, Outcome

COMMENT_LIMIT = 65_536  # GitHub's limit on the body of an issue or pull-request comment
_ROOM_FOR_NOTE = 600

_ZERO_WIDTH = "\u200b"  # shows as nothing, but breaks "@name" and "#123" apart; written as &#8203;
_ESCAPES = {
    "\\": "\\\\",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "\\|",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "[": "\\[",
    "]": "\\]",
    "~": "\\~",
    "\r": " ",
    "\n": " ",
}
_SPECIAL = re.compile(r"[\\&<>|`*_\[\]~\r\n]")
_INERT = (
    (re.compile(r"@(?=\w)"), "@" + _ZERO_WIDTH),  # @mentions and @org/team
    (re.compile(r"#(?=\d)"), "#" + _ZERO_WIDTH),  # #123 and owner/repo#123
    (re.compile(r"(?i)\b(gh)-(?=\d)"), r"\1" + _ZERO_WIDTH + "-"),  # GH-123
    (re.compile(r"(?<=\w):(?=//)"), ":" + _ZERO_WIDTH),  # bare links are linked by GitHub too
    (re.compile(r"(?i)\b(www)\."), r"\1" + _ZERO_WIDTH + "."),
)
_URL_UNSAFE = {" ": "%20", "<": "%3C", ">": "%3E", "|": "%7C", "(": "%28", ")": "%29", "\\": "%5C", '"': "%22"}


def text(value: object) -> str:
    """Article text made inert for a Markdown table cell on GitHub."""
    out = _SPECIAL.sub(lambda m: _ESCAPES[m.group()], str(value))
    for pattern, replacement in _INERT:
        out = pattern.sub(replacement, out)
    return out.replace(_ZERO_WIDTH, "&#8203;")


def _link(words: str, url: str) -> str:
    """A link for an http(s) URL; anything else (``javascript:``) is only words."""
    if not url.lower().startswith(("http://", "https://")) or any(ch in url for ch in "\r\n\t"):
        return text(words)
    return f"[{text(words)}]({''.join(_URL_UNSAFE.get(ch, ch) for ch in url)})"


def _code(path: str) -> str:
    """A file's place as code: nothing in it renders, and a pipe cannot end the cell."""
    return "`" + path.replace("`", "'").replace("|", "\\|").replace("\n", " ").replace("\r", " ") + "`"


def _sentence(claim: Claim) -> str:
    before, figure, after = claim.sentence_parts()
    return f"{text(before)}**{text(figure)}**{text(after)}" if figure else text(before)


def _source(claim: Claim) -> str:
    meta = ", ".join(text(x) for x in (claim.outlet, claim.date) if x)
    where = _code(f"{claim.path}:{claim.figure.line}")
    return f"{_link(headline(claim), claim.url)}{' (' + meta + ')' if meta else ''} {where}"


def _status(status: ClaimStatus, outlets: dict[str, str]) -> str:
    """The tool's status in words, with the messages in plain words: a checker's verdict has its own column."""
    words = status_words(status)
    if status.status == Outcome.CONFLICTS and status.related:
        words += " with " + ", ".join(
            f"{outlets.get(r.path) or r.path.rsplit('/', 1)[-1]}:{r.line}" for r in status.related
        )
    messages = (plain_message(m, lambda path: outlets.get(path, "")) for m in status.messages)
    return "; ".join(text(x) for x in (words, *messages))


def _claim_row(claim: Claim, status: ClaimStatus, outlets: dict[str, str], checker: bool) -> str:
    cells = [
        _source(claim),
        text(claim.figure.surface),
        text(value_text(claim.figure)),
        _sentence(claim),
        _status(status, outlets),
    ]
    if checker:
        cells.append(text(status.verdict.verdict) if status.verdict else "")
    return "| " + " | ".join(cells) + " |"


@dataclass(frozen=True)
class _Block:
    """A piece of the report that is shown whole or left out whole."""

    lines: list[str]
    findings: int  # how many findings it shows
    groups: int = 0  # how many compared groups it shows

    @property
    def size(self) -> int:
        return sum(len(line) + 1 for line in self.lines)


def _group_heading(group: ClaimGroup, result: CheckResult) -> str:
    found: Counter[str] = Counter()
    for (code, _), n in group_found(result, group).items():
        found[code] += n
    codes = ", ".join(f"{code}" + (f" ×{n}" if n > 1 else "") for code, n in sorted(found.items()))
    return f"### {text(group.label)}" + (f" ({codes})" if codes else "")


@dataclass(frozen=True)
class _Comment:
    """What every block of the comment is written from."""

    result: CheckResult
    rulebook: Rulebook
    outlets: dict[str, str]
    checker: bool
    focus: Focus


def _problem_block(page: _Comment, group: ClaimGroup, part: StorySection) -> _Block:
    result, outlets, checker = page.result, page.outlets, page.checker
    measure = page.rulebook.measures.get(group.measure or "")
    why = (
        f"{measure.description.rstrip('.')}. " if measure is not None else ""
    ) + f"Judged the same claim: {plain_reason(group.reason, {k: m.label for k, m in page.rulebook.measures.items()})}"
    header = "| source | as written | value | sentence | status |" + (" checker's verdict |" if checker else "")
    lines = ["", _group_heading(group, result), "", f"_{text(why)}_", "", header, "|---" * header.count(" |") + "|"]
    shown, _ = shown_claims(result, group, page.focus)
    lines += [_claim_row(c, result.statuses[c.id], outlets, checker) for c in shown]
    more = left_out_words(result, group, shown, part.story)
    if more:
        lines += ["", f"_{text(more)}_"]
    return _Block(lines, group_findings(result, group), 1)


def _story_block(part: StorySection, whole: bool) -> _Block:
    """A part's heading: the story's words, then its dates and its articles (outlet and date) on one line.

    One short line: a comment of a hundred stories must still hold their findings, and
    each figure's file and line are in its table. A story whose sources all agree names
    its outlets only: its dates are the story's.
    """
    quiet = not (part.troubled or part.findings)
    named = part.articles if whole else part.articles[: limits.ARTICLES_SHOWN]
    names = "; ".join(
        ", ".join(text(x) for x in (a.outlet or _file_name(a.path), "" if quiet else a.date) if x) for a in named
    )
    if len(named) < len(part.articles):
        names += f"; and {len(part.articles) - len(named):,} more"
    if part.story is None:
        note = "Each is the only article of its story in this run"
        if part.troubled or part.agreeing:
            note += "; the groups below compare claims from more than one story"
        return _Block(["", "## Articles in no shared story", "", f"_{note}:_ {names}"], 0)
    words, span = story_words(part.story)
    articles = counted(len(part.articles), "article")
    return _Block(["", f"## Story: {text(words)}", "", f"_{text(span)} · {articles}:_ {names}"], 0)


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _finding_line(f: Finding, titles: dict[str, str]) -> str:
    source = text(titles.get(f.path) or f.path.rsplit("/", 1)[-1])
    where = _code(f"{f.path}:{f.line}:{f.column}")
    return f"| {f.code} | {f.severity.value} | {source} {where} | {text(f.message)} |"


def _agreeing_blocks(part: StorySection, whole: bool) -> list[_Block]:
    """The groups of a part whose sources agree: one line each, or counted per measure when there are many."""
    blocks = [_Block(["", f"### Groups whose sources agree ({len(part.agreeing):,})", ""], 0)]
    if whole or len(part.agreeing) <= limits.GROUPS_LISTED:
        for g in part.agreeing:
            values = group_values(g)
            line = f"- {text(g.label)}: {counted(group_size(g), 'source')}, " + " / ".join(text(v) for v in values)
            blocks.append(_Block([line], 0, 1))
        return blocks
    for measure, groups, sources in agree_counts(part.agreeing):
        blocks.append(
            _Block([f"- {text(measure)}: {counted(groups, 'group')}, {counted(sources, 'source')}"], 0, groups)
        )
    ask = f"--story {part.story.id} or " if part.story is not None else ""
    blocks.append(_Block(["", f"_Counted per measure; `figures report {ask}--measure NAME` lists them._"], 0))
    return blocks


def _part_blocks(page: _Comment, part: StorySection, titles: dict[str, str]) -> list[_Block]:
    blocks = [_story_block(part, page.focus.whole)]
    blocks += [_problem_block(page, g, part) for g in part.troubled]
    if part.findings:
        title = ["", f"### Other findings ({len(part.findings)})", "", "| code | severity | source | message |"]
        blocks.append(_Block([*title, "|---|---|---|---|", _finding_line(part.findings[0], titles)], 1))
        blocks += [_Block([_finding_line(f, titles)], 1) for f in part.findings[1:]]
    if part.agreeing:
        blocks += _agreeing_blocks(part, page.focus.whole)
    return blocks


def format_markdown(
    result: CheckResult,
    rulebook: Rulebook,
    limit: int = COMMENT_LIMIT,
    focus: Focus | None = None,
    checked: Sequence[str] = (),
) -> str:
    """The report, at most ``limit`` characters: detail that does not fit is counted in a closing note.

    With a ``focus``, only its story or measure, every claim of it (within ``limit``). It
    opens with the version, the day it was written (``SOURCE_DATE_EPOCH`` when set) and the
    ``checked`` paths as given.
    """
    counts = result.counts()
    figures, keyed = figure_counts(result)
    by_code = Counter(f.code for f in result.findings)
    titles = {a.path: a.title for a in result.articles}
    outlets = {a.path: a.outlet for a in result.corpus_articles + result.articles}
    checker = any(st.verdict for st in result.statuses.values())
    page = _Comment(result, rulebook, outlets, checker, focus or Focus())
    troubled, agreeing = split_groups(result)
    disagreeing = disagreements(result, troubled)
    run = f"figures {__version__} · generated {generated_on()}"
    named, more = checked_words(checked)
    if named:
        run += " · checked: " + ", ".join(_code(p) for p in named) + (f" {more}" if more else "")
    head = [
        "# Discrepancy report",
        "",
        run,
        "",
        f"{counted(len(result.articles), 'article')} · {counted(figures, 'figure')} · "
        f"{counted(keyed, 'claim')} keyed · "
        f"{counted(len(result.groups), 'claim group')} · **{counted(disagreeing, 'disagreement')}** · "
        f"{counted(counts['error'], 'error')} · {counted(counts['warning'], 'warning')} · {counts['info']:,} info",
        "",
        "Findings by code: " + (", ".join(f"{c}: {n}" for c, n in sorted(by_code.items())) or "none"),
    ]
    in_problems = claim_ids(troubled)
    others = sorted((f for f in result.findings if f.claim_id not in in_problems), key=lambda f: -f.severity.rank)
    blocks: list[_Block] = []
    for part in by_story(result, troubled, agreeing, others, page.focus):
        blocks += _part_blocks(page, part, titles)
    if not result.findings:
        blocks.append(_Block(["", "No findings."], 0))
    _, alone = uncompared(result, troubled + agreeing)
    tail = ["", f"{counted(alone, 'figure')} not compared with another source (listed in the HTML report)."]
    out, size = list(head), sum(len(line) + 1 for line in head) + sum(len(line) + 1 for line in tail)
    left_findings = left_groups = 0
    cut = False  # once a block does not fit, everything after it is left out too, so the order holds
    for block in blocks:
        cut = cut or size + block.size > limit - _ROOM_FOR_NOTE
        if cut:
            left_findings += block.findings
            left_groups += block.groups
            continue
        out += block.lines
        size += block.size
    out += tail
    if cut:
        out += [
            "",
            f"**Left out to stay under GitHub's comment limit: {counted(left_findings, 'finding')} "
            f"and {counted(left_groups, 'compared group')}.** See them all in the HTML report "
            "(`figures report PATHS -o report.html`) or with `figures check PATHS`.",
        ]
    return for_spreadsheet("\n".join(out) + "\n")  # nor a control character, nor a lone surrogate
