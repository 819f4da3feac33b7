"""Inline suppressions written in an article as HTML comments.

``<!-- figures: ignore FG301 -->`` at the end of a line silences those codes on that
line; on a line of its own it silences them for the paragraph it stands in, or the
paragraph right after it when it stands alone. ``<!-- figures: ignore -->`` with no
code silences every code. ``<!-- figures: off -->`` silences every code from its line
to the next ``<!-- figures: on -->`` (or the end of the article): a quoted document, a
table of someone else's figures. Comments are invisible in rendered Markdown and HTML.

A comment that starts like one (``<!-- figures ...``) but does not parse, or names
a code that does not exist, silences nothing: :func:`comment_findings` reports it
as FG002 so the writer knows. A well-formed one that silenced no finding in a run is
stale: :func:`unused_findings` reports it as FG003, like an unused ``noqa``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from figures.model import Finding, Severity

# Bounded, so that thousands of unclosed "<!-- figures" cost linear time.
_COMMENT = re.compile(r"<!--\s*figures:\s*ignore\b([^>]{0,500}?)-->", re.IGNORECASE)
_CODE = re.compile(r"\bFG\d{3}\b", re.IGNORECASE)
# Anything that looks meant for figures: "figures", "figure", with or without the colon.
_LOOKS_MEANT = re.compile(r"<!--\s*figures?\b[^>]{0,500}?-->", re.IGNORECASE)
_WELL_FORMED = re.compile(r"<!--\s*figures:\s*ignore((?:[\s,]+FG\d{3})*)[\s,]*-->", re.IGNORECASE)
_SWITCH = re.compile(r"<!--\s*figures:\s*(off|on)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    """One suppression comment: where it stands, what it silences (``None``: every code), and where."""

    line: int  # 1-based line of the comment
    column: int
    codes: frozenset[str] | None
    first: int  # 1-based lines it covers, inclusive
    last: int
    block: bool = False  # an off ... on block, which is never stale: it marks text figures is not to check

    def silences(self, code: str, line: int) -> bool:
        return self.first <= line <= self.last and (self.codes is None or code in self.codes)


@lru_cache(maxsize=8)
def suppressions(text: str) -> tuple[Suppression, ...]:
    """Every well-formed suppression comment of a text, with the lines it covers.

    Remembered for the last few texts: it is asked once per finding, and a long
    article with many findings must not be split into lines for each of them.
    """
    lines = text.split("\n")
    out: list[Suppression] = []
    for m in _COMMENT.finditer(text):
        codes = {c.upper() for c in _CODE.findall(m.group(1))} or None
        line_no = text.count("\n", 0, m.start())  # 0-based
        line = lines[line_no]
        own_line = line.strip() == m.group(0).strip()
        if own_line:
            first, last = _paragraph(lines, line_no)
            if first == last == line_no:  # alone: applies to the next paragraph
                nxt = line_no + 1
                while nxt < len(lines) and not lines[nxt].strip():
                    nxt += 1
                first, last = _paragraph(lines, nxt) if nxt < len(lines) else (line_no, line_no)
        else:
            first = last = line_no
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        out.append(Suppression(line_no + 1, column, frozenset(codes) if codes else None, first + 1, last + 1))
    return tuple(out) + _blocks(text)


def _blocks(text: str) -> tuple[Suppression, ...]:
    """The ``off`` ... ``on`` blocks of a text; an ``off`` left open runs to the end, a stray ``on`` is nothing."""
    out: list[Suppression] = []
    opened: tuple[int, int] | None = None  # the open block's (line, column)
    for m in _SWITCH.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1).lower() == "off" and opened is None:
            opened = (line, m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1)
        elif m.group(1).lower() == "on" and opened is not None:
            out.append(Suppression(opened[0], opened[1], None, opened[0], line, block=True))
            opened = None
    if opened is not None:
        out.append(Suppression(opened[0], opened[1], None, opened[0], text.count("\n") + 1, block=True))
    return tuple(out)


def unused_findings(path: str, found: tuple[Suppression, ...], used: set[Suppression]) -> list[Finding]:
    """FG003 for each of an article's suppressions (``found`` by :func:`suppressions`) that silenced nothing."""
    out = []
    for sup in found:
        if sup in used or sup.block:
            continue
        what = ", ".join(sorted(sup.codes)) if sup.codes else "any finding"
        where = f"line {sup.first}" if sup.first == sup.last else f"lines {sup.first}-{sup.last}"
        message = f"this suppression silences nothing: no {what} on {where}; delete it or narrow it"
        out.append(Finding("FG003", Severity.INFO, message, path, sup.line, sup.column, "engine", "engine"))
    return out


def _paragraph(lines: list[str], n: int) -> tuple[int, int]:
    first = n
    while first > 0 and lines[first - 1].strip():
        first -= 1
    last = n
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    return first, last


def comment_findings(path: str, text: str) -> list[Finding]:
    """FG002 warnings for suppression comments that silence nothing: misspelt, or with unknown codes."""
    from figures.checks import all_codes

    known = all_codes()
    out: list[Finding] = []
    for m in _LOOKS_MEANT.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        well = _WELL_FORMED.fullmatch(m.group(0))
        if well is None and _SWITCH.fullmatch(m.group(0)):
            continue
        if well is None:
            problem = (
                f"'{m.group(0)}' is not a suppression; write <!-- figures: ignore FG301 -->, "
                "or <!-- figures: off --> and <!-- figures: on --> around a block"
            )
        else:
            unknown = [c.upper() for c in _CODE.findall(well.group(1)) if c.upper() not in known]
            if not unknown:
                continue
            problem = f"suppression names unknown code(s) {', '.join(unknown)}; 'figures codes' lists them all"
        out.append(Finding("FG002", Severity.WARNING, problem, path, line, column, "engine", "engine"))
    return out
