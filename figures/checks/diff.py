"""Align the figures of two versions of a story and list what changed.

Figures are paired by the words around them (their own few words first, then the
sentence), their kind, their value and their place in the text, best pairs first.
A pair whose stated numbers differ drifted in value (63,389 -> 63.389), and so did one
whose direction of change differs ("slid 2%" -> "gained 2%"); one whose
rate period differs drifted in period (monthly -> annual salary), one whose
qualifier differs in meaning drifted in qualifier ("At least three" -> "Three",
"up to 20 years" -> "the possibility of 20 years"). A number reworded with the
same value ("more than a dozen" -> "more than 12") is no drift and is listed only
on request. Figures with no partner were added or removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.checks.base import Code
from figures.core.figure_text import normalized
from figures.extract import extract_text
from figures.extract.lexicon import STOPWORDS
from figures.ingest.sentences import sentence_at, split_sentences
from figures.model import Article, Figure, Finding, Location, Notice, Qualifier, Severity

CODES = {
    "FG701": Code(
        "FG701",
        "Value changed between versions",
        "A figure's stated number differs between two versions of a story.",
        "A rewrite or an edit that changes a number without a correction note misleads readers.",
        '"63,389 Tajiks" in the original, "63.389 Tajiks" in the rewrite.',
        "Restore the original number or confirm the new one with a source.",
        Severity.ERROR,
        name="ValueChanged",
    ),
    "FG702": Code(
        "FG702",
        "Rate period changed between versions",
        "An amount's period (per month, per year) differs between two versions.",
        "Monthly and annual pay differ twelvefold; a changed period changes the fact.",
        '"a monthly salary of 50,000 rubles" became "an annual salary of 50 000 rubles".',
        "Use the period the source gives.",
        Severity.ERROR,
        name="PeriodChanged",
    ),
    "FG703": Code(
        "FG703",
        "Qualifier changed between versions",
        "A figure's qualifier (at least, up to, about, a possible) changed meaning between versions.",
        '"At least three" is not "three"; "up to 20 years" is not "the possibility of 20 years".',
        '"At least three Tajikistan-born contractors" became "Three Tajikistanian contractors".',
        "Keep the source's qualifier.",
        Severity.WARNING,
        name="QualifierChanged",
    ),
    "FG704": Code(
        "FG704",
        "Figure removed in the new version",
        "A figure of the old version has no counterpart in the new one.",
        "A dropped figure may be an intended cut or a lost fact; a checker decides.",
        '"10 Tajik and Uzbek citizens" is missing from the rewrite.',
        "Confirm the cut was intended.",
        Severity.INFO,
        name="FigureRemoved",
    ),
    "FG705": Code(
        "FG705",
        "Figure added in the new version",
        "A figure of the new version has no counterpart in the old one.",
        "A new figure needs its own source.",
        "The rewrite adds a sentence with a new number.",
        "Check the new figure against a source.",
        Severity.INFO,
        name="FigureAdded",
    ),
    "FG706": Code(
        "FG706",
        "Reworded with the same value",
        "A figure is written differently with the same value and meaning.",
        "Not a drift; listed only with --all, for a full account of the changes.",
        '"more than a dozen" became "more than 12".',
        "Nothing to fix.",
        Severity.INFO,
        name="RewordedSameValue",
    ),
}

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_POSSIBLE = re.compile(r"\b(?:possib\w*|could|may|might|potential\w*)\b", re.IGNORECASE)


@dataclass
class _Side:
    article: Article
    figures: list[Figure]
    local: list[set[str]]
    sentence: list[set[str]]
    position: list[float]


def _words(text: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(text) if w.lower() not in STOPWORDS and len(w) > 2}


def _side(article: Article) -> _Side:
    figures = article.in_source(extract_text(article.text, article.body_start))
    sentences = split_sentences(article.text, article.body_start)
    local, sent, pos = [], [], []
    size = max(1, len(article.text) - article.body_start)
    for f in figures:
        s = sentence_at(sentences, f.start)
        text = s.text if s else ""
        before = article.text[max(article.body_start, f.start - 60) : f.start]
        after = article.text[f.end : f.end + 60]
        local.append(_words(f.surface + " " + before + " " + after))
        sent.append(_words(text))
        pos.append((f.start - article.body_start) / size)
    return _Side(article, figures, local, sent, pos)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def stated(f: Figure) -> tuple[float | None, ...]:
    """The numbers a figure states, whatever its qualifier."""
    if f.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return (f.low,)
    if f.qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return (f.high,)
    if f.low != f.high:
        return (f.low, f.high)
    return (f.low,)


def qualifier_sense(f: Figure) -> str:
    """The qualifier's meaning; "up to" and "as long as" are one, "the possibility of" another."""
    if f.qualifier == Qualifier.AT_MOST and _POSSIBLE.search(f.surface):
        return "possible"
    return f.qualifier.value


def _score(a: _Side, i: int, b: _Side, j: int) -> float:
    fa, fb = a.figures[i], b.figures[j]
    if fa.dimension != fb.dimension:
        return 0.0
    context = 0.6 * _jaccard(a.local[i], b.local[j]) + 0.4 * _jaccard(a.sentence[i], b.sentence[j])
    value = 1.0 if stated(fa) == stated(fb) else 0.0
    noun = 1.0 if fa.noun and fb.noun and fa.noun.split()[-1].lower()[:5] == fb.noun.split()[-1].lower()[:5] else 0.0
    place = 1.0 - min(1.0, abs(a.position[i] - b.position[j]) * 2)
    return 0.55 * context + 0.2 * value + 0.1 * noun + 0.15 * place


def align(a: _Side, b: _Side, threshold: float = 0.3) -> list[tuple[int, int]]:
    """Best pairs first, each figure used once."""
    scored = sorted(
        (
            (s, i, j)
            for i in range(len(a.figures))
            for j in range(len(b.figures))
            if (s := _score(a, i, b, j)) >= threshold
        ),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def _loc(article: Article, f: Figure) -> Location:
    return Location(article.path, f.line, f.column, f.surface)


def _finding(code: str, at: Article, f: Figure, message: str, other: Location | None) -> Finding:
    notice = Notice(code, CODES[code].severity, message, "diff", "diff", related=(other,) if other else ())
    return Finding.at_figure(notice, at.path, f)


def _value_drift(fa: Figure, fb: Figure) -> str | None:
    """FG701's message when the stated number, its separator's reading or its direction changed."""
    sep_a, sep_b = "ambiguous_separator" in fa.flags, "ambiguous_separator" in fb.flags
    if sep_a != sep_b:
        odd = fb if sep_b else fa
        return (
            f'value: "{fa.surface}" became "{fb.surface}"; "{odd.surface}" reads as a decimal '
            "unless its dot is a European thousands separator"
        )
    if stated(fa) != stated(fb):
        return f'value: "{fa.surface}" ({normalized(fa)}) became "{fb.surface}" ({normalized(fb)})'
    if fa.direction != fb.direction:
        return (
            f'direction: "{fa.surface}" ({fa.direction or "a level"}) became "{fb.surface}" '
            f"({fb.direction or 'a level'})"
        )
    return None


def _period_drift(fa: Figure, fb: Figure) -> str | None:
    if fa.period == fb.period:
        return None
    return f'period: "{fa.surface}" per {fa.period or "—"} became "{fb.surface}" per {fb.period or "—"}'


def _qualifier_drift(fa: Figure, fb: Figure) -> str | None:
    if qualifier_sense(fa) == qualifier_sense(fb):
        return None
    return (
        f'qualifier: "{fa.surface}" ({qualifier_sense(fa).replace("_", " ")}) became '
        f'"{fb.surface}" ({qualifier_sense(fb).replace("_", " ")})'
    )


# What can drift between two versions of one figure, with its code.
_DRIFTS = (("FG701", _value_drift), ("FG702", _period_drift), ("FG703", _qualifier_drift))


def _pair_findings(old: Article, new: Article, fa: Figure, fb: Figure, include_same: bool) -> list[Finding]:
    """What changed between a figure of ``old`` and its partner in ``new``."""
    other = _loc(old, fa)
    found = [_finding(code, new, fb, message, other) for code, drift in _DRIFTS if (message := drift(fa, fb))]
    if not found and include_same and fa.surface != fb.surface:
        found.append(_finding("FG706", new, fb, f'reworded, same value: "{fa.surface}" became "{fb.surface}"', other))
    return found


def diff_articles(old: Article, new: Article, include_same: bool = False) -> list[Finding]:
    """What changed from ``old`` to ``new``, as findings located in the version that has the figure."""
    a, b = _side(old), _side(new)
    pairs = align(a, b)
    findings: list[Finding] = []
    for i, j in pairs:
        findings += _pair_findings(old, new, a.figures[i], b.figures[j], include_same)
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    for i, f in enumerate(a.figures):
        if i not in matched_a:
            findings.append(_finding("FG704", old, f, f'removed: "{f.surface}" ({normalized(f)})', None))
    for j, f in enumerate(b.figures):
        if j not in matched_b:
            findings.append(_finding("FG705", new, f, f'added: "{f.surface}" ({normalized(f)})', None))
    findings.sort(key=lambda f: (0 if f.path == new.path else 1, f.line, f.column, f.code))
    return findings
