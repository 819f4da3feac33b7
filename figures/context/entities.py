"""Who a figure is about, from the gazetteer in ``rules/entities.yaml``.

In order: a demonym or place in the counted noun ("63,389 Tajiks"); a place tied to
the figure by a preposition right after it ("five to 12 years in Tajikistan",
"28% of Kyrgyzstan's"); the nearest mention before it in the sentence ("In
Tajikistan, ... up to 20 years"); else none. Enumerations work because each figure
looks first at the words right after it, before the next figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.rulebook import Entity


@dataclass(frozen=True)
class Mention:
    entity: str
    start: int
    end: int
    surface: str


class Gazetteer:
    """Finds entity mentions in text; longest name first, case-sensitive."""

    def __init__(self, entities: dict[str, Entity]) -> None:
        self.entities = entities
        surfaces: dict[str, str] = {}
        for eid in sorted(entities):
            e = entities[eid]
            for s in (e.name, *e.names, *e.demonyms):
                surfaces.setdefault(s, eid)
        self._by_surface = surfaces
        self.demonyms = frozenset(d for e in entities.values() for d in e.demonyms)
        if surfaces:
            alternatives = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
            self._pattern: re.Pattern[str] | None = re.compile(rf"(?<![\w-])(?:{alternatives})(?:['’]s)?(?![\w])")
        else:
            self._pattern = None

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        if self._pattern is None:
            return []
        end = len(text) if end is None else end
        out = []
        for m in self._pattern.finditer(text, start, end):
            surface = re.sub(r"['’]s$", "", m.group())
            out.append(Mention(self._by_surface[surface], m.start(), m.end(), surface))
        return out

    def in_noun(self, noun: str) -> str | None:
        """The single entity named in a counted noun, if exactly one is."""
        found = {m.entity for m in self.mentions(noun)}
        return found.pop() if len(found) == 1 else None


_TIED_AFTER = re.compile(r"\s*(?:[\w'’-]+\s+){0,2}?(?:in|from|of|for|across)\s+(?:the\s+|all\s+)?$", re.IGNORECASE)


def attribute(
    gazetteer: Gazetteer, text: str, fig_start: int, fig_end: int, noun: str, sentence_start: int, segment_end: int
) -> str | None:
    """The entity a figure is about, or ``None``."""
    if noun:
        eid = gazetteer.in_noun(noun)
        if eid:
            return eid
    after = gazetteer.mentions(text, fig_end, segment_end)
    if after:
        first = after[0]
        if _TIED_AFTER.fullmatch(text[fig_end : first.start]):
            return first.entity
    before = gazetteer.mentions(text, sentence_start, fig_start)
    if before:
        return before[-1].entity
    return None
