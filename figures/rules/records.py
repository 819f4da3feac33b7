"""The loaded rules as typed records: entities, measures, check rules and the rulebook holding them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from figures.model import CompareBy, CueScope, Dimension, EntityKind, Severity, TimeMatch, as_members

PERIODS = ("hour", "day", "week", "month", "year")


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    kind: EntityKind = EntityKind.COUNTRY

    def __post_init__(self) -> None:
        as_members(self, kind=EntityKind)


@dataclass(frozen=True)
class Measure:
    id: str
    description: str
    label: str
    dimension: Dimension
    unit: str | None
    period: str | None
    compare: CompareBy
    time: TimeMatch
    time_window: int
    entity: str | None
    tolerance_abs: float
    tolerance_percent: float
    sentence: tuple[tuple[str, ...], ...]
    paragraph: tuple[tuple[str, ...], ...]
    exclude: tuple[str, ...]
    nouns: tuple[str, ...]
    priority: int
    scope: CueScope = CueScope.SENTENCE
    subject: bool = False
    offence: bool = False  # the subject is the offence a penalty is for
    rate: bool = False
    share: bool = False
    undated_days: int | None = None
    default: bool = False  # shipped with the package: a project's measure that fits wins over it

    def __post_init__(self) -> None:
        as_members(self, dimension=Dimension, compare=CompareBy, time=TimeMatch, scope=CueScope)


@dataclass(frozen=True)
class Rule:
    """One rule file of a check type, with its settings (defaults filled in)."""

    id: str
    type: str
    path: str
    severity: Severity
    settings: dict[str, Any]
    line_of: dict[str, int] = field(default_factory=dict)


@dataclass
class Rulebook:
    """Entities, measures and check rules: the package's defaults with a project's rules over them."""

    root: Path | None
    entities: dict[str, Entity]
    measures: dict[str, Measure]
    rules: list[Rule]

    def rules_of(self, rule_type: str) -> list[Rule]:
        return [r for r in self.rules if r.type == rule_type]


def cue_pattern(phrase: str) -> re.Pattern[str]:
    """A cue phrase as a regex: words at word boundaries, ``*`` for any ending."""
    parts = [re.escape(w).replace(r"\*", r"\w*") for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + (r"" if phrase.endswith("*") else r"(?!\w)"), re.IGNORECASE)
