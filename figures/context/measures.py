"""What a figure measures, from the vocabulary in ``rules/measures.yaml``.

A measure fits a figure when the figure's dimension matches, every cue group of
the measure occurs in the figure's sentence (and paragraph, where asked), none of
its exclusions does, and the counted noun is one it allows. Of several fitting
measures the one with the higher priority, then more matched groups, then closer
cues wins; ties go to the measure id that sorts first, so the result never depends
on file order or hash seeds.
"""

from __future__ import annotations

import re
from functools import lru_cache

from figures.context.figure_context import FigureContext
from figures.context.roles import without_forecast_comparisons
from figures.rules.records import Measure, cue_pattern

_DIMENSION_ALIASES = {"percent": {"percent"}, "time": {"time"}, "age": {"age"}}


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    return cue_pattern(phrase)


@lru_cache(maxsize=4096)
def _any(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a group of cue phrases: one scan of a text instead of one per phrase."""
    return re.compile("|".join(f"(?:{_pattern(p).pattern})" for p in phrases), re.IGNORECASE)


@lru_cache(maxsize=65536)
def _has(phrases: tuple[str, ...], text: str) -> bool:
    """Does ``text`` hold one of the phrases? Figures of one sentence ask the same questions."""
    return _any(phrases).search(text) is not None


def _distance(text: str, phrase_groups: tuple[tuple[str, ...], ...], pos: int) -> int:
    """How far the farthest cue group is from ``pos``: every group of a measure must be near."""
    worst = 0
    for group in phrase_groups:
        best = 10**6
        for m in _any(group).finditer(text):
            best = min(best, abs(m.start() - pos))
        worst = max(worst, best)
    return worst


_LOCAL_END = re.compile(r"[,;:]|\s(?:and|but|while|whereas|or)\s")


def local_window(text: str, fig_start: int, fig_end: int, lo: int, hi: int) -> str:
    """The words that bear on a figure alone: since ``lo`` (the previous figure or the clause start)
    up to the first comma or conjunction after it (before ``hi``)."""
    m = _LOCAL_END.search(text, fig_end, hi)
    return text[lo : m.start() if m else hi]


def _noun_ok(measure: Measure, noun: str, demonyms: frozenset[str]) -> bool:
    if not measure.nouns:
        return True
    if not noun:
        return "@none" in measure.nouns
    words = noun.split()
    for allowed in measure.nouns:
        if allowed == "@none":
            continue
        if allowed == "@demonym":
            if words and any(w.strip(",") in demonyms for w in words):
                # "63,389 Tajiks" but not "10 Tajik and Uzbek citizens": the demonym must be the head
                if words[-1] in demonyms:
                    return True
            continue
        if _pattern(allowed).search(noun):
            return True
    return False


def classify(
    measures: dict[str, Measure], fc: FigureContext, demonyms: frozenset[str], borrow: bool = True
) -> str | None:
    """The id of the measure a figure states, or ``None`` if none fits.

    A measure with ``scope: clause`` looks for its cue words only in the figure's
    clause, and for its exclusions only in the words that bear on the figure alone
    (``fc.local``): "expected annual inflation of 65.2% and a monthly increase of 1.9%"
    has one figure of each. With ``borrow``, a clause with no cue words of any measure
    borrows its sentence's.
    """
    clause, sentence = fc.clause, fc.sentence
    choice = _best(measures, fc, demonyms, clause)
    if choice is None and borrow and (clause[0] > 0 or clause[1] < len(sentence)):
        # "Erdogan won 52.2% of the vote, while Kilicdaroglu took 47.8%": a clause with no
        # cue words of any measure of its own shares the sentence's
        text = sentence[clause[0] : clause[1]]
        if not any(_cues_in(m, text) for m in measures.values() if m.dimension == fc.measured.dimension):
            choice = _best(measures, fc, demonyms, None)
    return choice


def _cues_in(measure: Measure, text: str) -> bool:
    return any(_has(group, text) for group in measure.sentence)


def _best(
    measures: dict[str, Measure], fc: FigureContext, demonyms: frozenset[str], clause: tuple[int, int] | None
) -> str | None:
    """The measure that fits the figure best, its cue words looked for in ``clause`` (``None``: the sentence)."""
    best: tuple | None = None
    choice: str | None = None
    figure, sentence, paragraph, local = fc.measured, fc.sentence, fc.paragraph, fc.local
    pos = fc.start
    # a clause measure borrowing its sentence's cues takes its exclusions too, but not the words that
    # set another figure against a forecast ("a higher-than-expected 11.1% ..., up from 10.1%")
    borrowed_exclusions = without_forecast_comparisons(sentence) if clause is None else sentence
    for mid in sorted(measures):
        m = measures[mid]
        if figure.dimension != m.dimension:
            continue
        text = sentence
        excluded_in = borrowed_exclusions if m.scope == "clause" else sentence
        if m.scope == "clause" and clause is not None:
            text = sentence[clause[0] : clause[1]]
            excluded_in = local if local is not None else text
        if not all(_has(group, text) for group in m.sentence):
            continue
        if m.exclude and _has(m.exclude, excluded_in):
            continue
        if m.paragraph and not all(_has(group, paragraph) for group in m.paragraph):
            continue
        if not _noun_ok(m, figure.noun, demonyms):
            continue
        offset = clause[0] if (m.scope == "clause" and clause is not None) else 0
        near = -_distance(text, m.sentence, pos - offset)
        # the rule file's priority first; then the measure whose cues stand nearest the figure
        # a project's measure over the package's; the rule file's priority; then the measure whose cues
        # stand nearest the figure (clause measures), or the one with more cue groups (sentence measures)
        closeness = (near, len(m.sentence) + len(m.paragraph))
        if m.scope != "clause":
            closeness = closeness[::-1]
        key = (not m.default, m.priority, *closeness)
        if best is None or key > best:
            best, choice = key, mid
    return choice
