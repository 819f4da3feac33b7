"""A figure being assembled from its atoms, before it becomes a :class:`~figures.model.Figure`."""

from __future__ import annotations

from dataclasses import dataclass, field

from figures.extract.atoms import Atom
from figures.model import Qualifier


@dataclass
class Draft:
    """A figure being assembled; becomes a :class:`~figures.model.Figure`."""

    start: int
    end: int
    value_start: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    atoms: list[Atom]
    sentence: int
    unit: str = ""
    dimension: str = "count"
    noun: str = ""
    period: str | None = None
    precision: float | None = None
    flags: list[str] = field(default_factory=list)
    unit_end: int = 0
    currency_prefix: bool = False
    between: bool = False
    noun_end: int = 0
    equivalent: Draft | None = None
    parts: list[int] = field(default_factory=list)
    part_of: int | None = None
    each_of: int | None = None
    dropped: bool = False
    direction: str | None = None
    per: str | None = None
    part_unit: str = ""  # the unit of the last part folded in ("3 hours, 12 minutes": minute)
    part_ratio: float = 1.0  # how many of that unit make one of ``unit``


def atoms_end(draft: Draft) -> int:
    """Where the draft's last number ends."""
    return draft.atoms[-1].end
