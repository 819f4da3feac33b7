"""A figure in its sentence: the stretches of text each part of its claim reads.

The context stage reads a figure's measure, entity, time, role and frame from the same
few stretches of its sentence. :class:`FigureContext` holds them, found once, so the
readers take one value instead of the same six offsets each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from figures.context.gazetteer import Place
from figures.context.time import TimeMention
from figures.model import Figure


@dataclass(frozen=True)
class FigureContext:
    """One figure with its sentence, clause and neighbours; offsets are into ``sentence``.

    The figure is ``sentence[start:end]`` and its clause ``sentence[clause[0]:clause[1]]``.
    ``segment`` runs from the end of the figure before it in the sentence (0 if none) to
    the start of the next one (the sentence's end if none): the stretch no other figure
    stands in.
    """

    figure: Figure
    measured: Figure  # the figure as measures read it: a word right after it may give it a noun
    sentence: str
    sentence_start: int  # where the sentence starts in the article's text
    start: int
    end: int
    clause: tuple[int, int]
    segment: tuple[int, int]
    paragraph: str  # the figure's paragraph with the one before it
    local: str  # the words that bear on this figure alone
    places: Sequence[Place]  # the places its sentence names
    times: Sequence[TimeMention]  # the times its sentence names
    standards: dict[int, tuple[int, int]]  # times of its sentence that belong to a comparison's standard

    @property
    def own_start(self) -> int:
        """Where the figure's own stretch of its clause starts: after the clause's start and the figure before."""
        return max(self.segment[0], self.clause[0])

    @property
    def own_end(self) -> int:
        """Where the figure's own stretch of its clause ends: before the clause's end and the figure after."""
        return min(self.segment[1], self.clause[1])

    @property
    def before(self) -> str:
        """The words of its own stretch before the figure."""
        return self.sentence[self.own_start : self.start]

    @property
    def after(self) -> str:
        """The words of its own stretch after the figure."""
        return self.sentence[self.end : self.own_end]
