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

from figures.model import Figure
from figures.rulebook import Measure, cue_pattern

_DIMENSION_ALIASES = {"percent": {"percent"}, "time": {"time"}, "age": {"age"}}


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    return cue_pattern(phrase)


def _distance(text: str, phrase_groups: tuple[tuple[str, ...], ...], pos: int) -> int:
    best = 10**6
    for group in phrase_groups:
        for phrase in group:
            for m in _pattern(phrase).finditer(text):
                best = min(best, abs(m.start() - pos))
    return best


def _noun_ok(measure: Measure, noun: str, demonyms: frozenset[str]) -> bool:
    if not measure.nouns:
        return True
    if not noun:
        return False
    words = noun.split()
    for allowed in measure.nouns:
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
    measures: dict[str, Measure],
    figure: Figure,
    sentence: str,
    sentence_start: int,
    paragraph: str,
    demonyms: frozenset[str],
) -> str | None:
    """The id of the measure a figure states, or ``None`` if none fits."""
    best: tuple | None = None
    choice: str | None = None
    pos = figure.start - sentence_start
    for mid in sorted(measures):
        m = measures[mid]
        if figure.dimension != m.dimension:
            continue
        if any(_pattern(x).search(sentence) for x in m.exclude):
            continue
        if not all(any(_pattern(p).search(sentence) for p in group) for group in m.sentence):
            continue
        if m.paragraph and not all(any(_pattern(p).search(paragraph) for p in group) for group in m.paragraph):
            continue
        if not _noun_ok(m, figure.noun, demonyms):
            continue
        key = (m.priority, len(m.sentence) + len(m.paragraph), -_distance(sentence, m.sentence, pos))
        if best is None or key > best:
            best, choice = key, mid
    return choice
