"""Frozen dataclasses shared by every stage of figures.

Data flows one way: an :class:`Article` is read, its :class:`Figure` objects are
extracted, each becomes a :class:`Claim` with its context, the checks turn claims
into :class:`Finding` objects, and every output format only formats findings.
"""

from __future__ import annotations

import bisect
import datetime
import enum
from dataclasses import dataclass, field, replace
from typing import Any

from figures.core.sanitise import REPLACED_FLAG, replaced_at, replaced_in_outputs


class Qualifier(enum.StrEnum):
    """How a stated value bounds the true value."""

    EXACT = "exact"
    APPROXIMATELY = "approximately"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"


class Severity(enum.StrEnum):
    """How much a finding matters; ordered from least to most severe."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Direction(enum.StrEnum):
    """Which way a figure that states a change moves ("slid 2%": decrease)."""

    INCREASE = "increase"
    DECREASE = "decrease"


class ClaimRole(enum.StrEnum):
    """What a figure is in its clause; only claims of like roles are compared."""

    LEVEL = "level"  # a value at a time: "inflation eased to 64.3%"
    CHANGE = "change"  # a move: "rose 2 points"
    DIFFERENCE = "difference"  # between two values: "12 points more than"
    PRIOR = "prior"  # the starting level of a move: "from 84.3%"
    EARLIER = "earlier"  # an earlier reading, since revised: "had previously put the toll at 900"
    PART = "part"  # a part of a stated whole


class Modality(enum.StrEnum):
    """Whether a figure is what happened or what someone expects, aims at or asks for."""

    ACTUAL = "actual"
    FORECAST = "forecast"
    TARGET = "target"
    REQUEST = "request"


class TimeResolution(enum.StrEnum):
    """The period a claim's time is stated at; ``span`` is any other interval of days."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    DECADE = "decade"
    SPAN = "span"


class TimeBasis(enum.StrEnum):
    """Where a claim's time came from."""

    STATED = "stated"  # written out: "in December 2022"
    RELATIVE = "relative"  # resolved from the article's date: "last year"
    APPROXIMATE = "approximate"  # resolved, but loosely: "five years ago"
    ARTICLE = "article"  # none in the sentence: the article's date


class TimeAnchor(enum.StrEnum):
    """How a figure stands to its time: within it, its state at the end, or a total since its start."""

    IN = "in"
    AS_OF = "as_of"
    SINCE = "since"


class Dimension(enum.StrEnum):
    """What kind of quantity a figure is: a count, a share, money, a duration, or a physical dimension."""

    COUNT = "count"  # a plain count; the figure's noun says of what
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage_point"
    CURRENCY = "currency"
    TIME = "time"  # a duration: "three years"
    AGE = "age"
    LENGTH = "length"
    MASS = "mass"
    AREA = "area"
    VOLUME = "volume"
    SPEED = "speed"
    TEMPERATURE = "temperature"
    ENERGY = "energy"
    POWER = "power"
    TORQUE = "torque"
    FREQUENCY = "frequency"
    DATA = "data"
    ANGLE = "angle"
    FUEL_ECONOMY = "fuel_economy"
    RESOLUTION = "resolution"


class SourceFormat(enum.StrEnum):
    """The format an article was read from."""

    TXT = "txt"
    MD = "md"  # Markdown, or any text with front matter
    HTML = "html"


class CheckerVerdict(enum.StrEnum):
    """What a fact-checker decided about a claim in the worksheet."""

    CONFIRMED = "confirmed"  # verified: its findings are silenced
    INCORRECT = "incorrect"  # kept as an error with the checker's note
    NEEDS_SOURCE = "needs source"  # a warning until a source is given
    NOT_A_CLAIM = "not a claim"  # a quote, a hypothetical: its findings are silenced


class EntityKind(enum.StrEnum):
    """What a rule file's entity is."""

    COUNTRY = "country"
    REGION = "region"


class CompareBy(enum.StrEnum):
    """How the claims of one measure are compared with each other and with reference facts."""

    VALUE = "value"  # they estimate one true value
    BOUNDS = "bounds"  # they state the bounds of a range
    NONE = "none"  # never compared across claims


class TimeMatch(enum.StrEnum):
    """When two claims of one measure are about the same time."""

    INTERVAL = "interval"  # their times have the same resolution and overlap
    YEAR = "year"  # they are in the same year
    NONE = "none"  # time does not matter


class CueScope(enum.StrEnum):
    """Where a measure's sentence cues must occur."""

    SENTENCE = "sentence"
    CLAUSE = "clause"  # only the figure's own clause


def as_members(obj: object, **kinds: type[enum.StrEnum]) -> None:
    """Turn the named fields of a frozen dataclass that hold strings into members of their enums.

    The stages may set a field from a string; the model holds the member, so a value outside the
    set fails where it is made, not where it is compared.
    """
    for name, kind in kinds.items():
        value = getattr(obj, name)
        if value is not None and type(value) is not kind:
            object.__setattr__(obj, name, kind(value))


@dataclass(frozen=True)
class Span:
    """A character span ``text[start:end]`` with its 1-based line and column."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class Equivalent:
    """The same amount stated a second time in another unit, e.g. ``($475)``."""

    surface: str
    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str


@dataclass(frozen=True)
class Figure:
    """One quantity stated in a text.

    ``low``/``high`` bound the stated value in ``unit`` (equal for a point value,
    ``None`` for an open end). ``precision`` is the place value of the last
    significant digit as written ("4.5 million" -> 100000), ``None`` where the
    idea does not apply (fractions, vague amounts). ``unit`` is a pint unit name,
    a currency code, or ``""`` for a plain count, in which case ``noun`` says
    what is counted. ``direction`` says whether the figure is a change up or
    down ("slid 2%": ``decrease``), ``None`` for a level. ``per`` is a
    denominator that is not a time period ("$60 a barrel": ``barrel``), and
    ``unit_name`` the unit as a reader writes it ("square kilometre").
    """

    index: int
    surface: str
    start: int
    end: int
    line: int
    column: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str = ""
    noun: str = ""
    dimension: Dimension = Dimension.COUNT
    period: str | None = None
    precision: float | None = None
    flags: tuple[str, ...] = ()
    equivalent: Equivalent | None = None
    parts: tuple[int, ...] = ()
    part_of: int | None = None
    each_of: int | None = None
    direction: Direction | None = None
    per: str | None = None
    unit_name: str = ""

    def __post_init__(self) -> None:
        as_members(self, dimension=Dimension, direction=Direction)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; the keys are the stable ``--format jsonl`` interface."""
        out: dict[str, Any] = {
            "index": self.index,
            "line": self.line,
            "column": self.column,
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier.value,
            "unit": self.unit,
            "noun": self.noun,
            "dimension": self.dimension,
            "period": self.period,
            "precision": self.precision,
            "flags": list(self.flags),
            "equivalent": None,
            "parts": list(self.parts),
            "part_of": self.part_of,
            "each_of": self.each_of,
            "direction": self.direction,
            "per": self.per,
            "unit_name": self.unit_name,
        }
        if self.equivalent is not None:
            eq = self.equivalent
            out["equivalent"] = {
                "surface": eq.surface,
                "start": eq.start,
                "end": eq.end,
                "low": eq.low,
                "high": eq.high,
                "qualifier": eq.qualifier.value,
                "unit": eq.unit,
            }
        return out


@dataclass(frozen=True)
class SourceMap:
    """Where each character of an article's text stands in the file it was read from."""

    offsets: tuple[int, ...]  # the file offset of each character of the text; -1 where unknown
    line_starts: tuple[int, ...]  # the file offset of each line's first character

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the file of the text's character at ``offset``; (0, 0) if unknown."""
        at = self.offsets[offset] if 0 <= offset < len(self.offsets) else -1
        if at < 0:
            return 0, 0
        line = bisect.bisect_right(self.line_starts, at)
        return line, at - self.line_starts[line - 1] + 1


@dataclass(frozen=True)
class Article:
    """One article: its text (as in the file, so offsets map back to it) and metadata.

    For HTML the text is the page's main text; ``source_map`` then says where each of
    its characters stands in the file, and ``page`` holds the file's text, where its
    comments (suppressions among them) are.
    """

    path: str
    text: str
    body_start: int = 0
    title: str = ""
    outlet: str = ""
    date: str = ""
    url: str = ""
    source_format: SourceFormat = SourceFormat.TXT
    source_map: SourceMap | None = field(default=None, repr=False, compare=False)
    page: str = field(default="", repr=False, compare=False)  # HTML: the file, a "<!--" only where a comment opens

    def __post_init__(self) -> None:
        as_members(self, source_format=SourceFormat)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def comment_text(self) -> str:
        """Where suppression comments are read, with the file's lines and columns: the text, or an HTML page."""
        return self.page if self.source_format == SourceFormat.HTML else self.text

    def in_source(self, figures: list[Figure]) -> list[Figure]:
        """The figures with the line and column they have in the file the article was read from.

        A figure is flagged ``replaced_characters`` when the outputs show it with
        characters replaced (see :mod:`figures.core.sanitise`): on its line of the text, or
        in the article's file name or front matter, which every output shows with it.
        """
        figures = self._flag_replaced(figures)
        where = self.source_map
        if where is None:
            return figures
        out = []
        for f in figures:
            line, column = where.position(f.start)
            out.append(replace(f, line=line, column=column))
        return out

    def _flag_replaced(self, figures: list[Figure]) -> list[Figure]:
        whole = any(replaced_in_outputs(v) for v in (self.path, self.title, self.outlet, self.date, self.url))
        marked = replaced_at(self.text)
        if not whole and not marked:
            return figures
        # line numbers of the text by offset, once: a long line with many figures must not be searched for each
        breaks = [n for n, c in enumerate(self.text) if c == "\n"]
        bad_lines = {bisect.bisect_left(breaks, at) for at in marked}
        return [
            replace(f, flags=tuple(sorted({*f.flags, REPLACED_FLAG})))
            if whole or bisect.bisect_left(breaks, f.start) in bad_lines
            else f
            for f in figures
        ]


@dataclass(frozen=True)
class ClaimTime:
    """When a claim is about: the days it covers (both included), at a resolution, with its label.

    ``label`` is the time as every output writes it ("2022-12", "2022-Q3"); ``basis`` says
    where the time came from, ``anchor`` how the figure stands to it.
    """

    label: str
    start: datetime.date
    end: datetime.date
    resolution: TimeResolution
    basis: TimeBasis = TimeBasis.STATED
    anchor: TimeAnchor = TimeAnchor.IN

    def __post_init__(self) -> None:
        as_members(self, resolution=TimeResolution, basis=TimeBasis, anchor=TimeAnchor)

    @property
    def first_year(self) -> int:
        """The calendar year of the first day covered."""
        return self.start.year

    @property
    def last_year(self) -> int:
        """The calendar year of the last day covered."""
        return self.end.year


@dataclass(frozen=True)
class Claim:
    """A figure with its context: what it measures, about whom, and when."""

    id: str
    path: str
    figure: Figure
    sentence: str
    sentence_start: int
    measure: str | None
    entity: str | None
    time: ClaimTime | None  # None: neither the sentence nor the article's date gives one
    outlet: str = ""
    date: str = ""
    url: str = ""
    title: str = ""
    # What the claim is about beyond measure, entity and year: see figures.context.
    thing: str | None = None  # what is measured: a measure id, or the inferred phrase ("refugees registered")
    label: str = ""  # the thing in words, for messages ("annual inflation")
    place: str | None = None  # a city or region the figure is limited to ("Ankara"); None for the whole entity
    subject: str | None = None  # whose figure it is when not a place: a company, candidate, defendant
    role: ClaimRole = ClaimRole.LEVEL
    modality: Modality = Modality.ACTUAL
    individual: bool = False  # one case ("was sentenced to six years"), not a general rule
    key: str | None = None  # claims with equal keys (and comparable times) state the same claim
    key_reason: str = ""  # why: the words that decided the thing, entity, time and role
    words: tuple[str, ...] = ()  # the claim frame: words near the figure that say what it measures
    own: str | None = None  # what its own phrase names it ("opening", "fine"): see figures.context.frames.own_phrase
    own_parts: tuple[str, ...] = ()  # the parts of a whole its own phrase names ("deferred", "punitive")
    # whose figure it is was read only by default (the article's main country or main subject), not near it:
    # such an owner may meet the article's main subject read near another figure (figures.checks.vetoes.owners_apart)
    owner_default: bool = False
    article_subject: str | None = None  # with owner_default: the article's main subject, if it has one

    def __post_init__(self) -> None:
        as_members(self, role=ClaimRole, modality=Modality)

    @property
    def time_label(self) -> str | None:
        """The claim's time as outputs write it ("2022-12"), or ``None`` when it has none."""
        return self.time.label if self.time is not None else None

    def sentence_parts(self) -> tuple[str, str, str]:
        """The sentence split around the figure: (before, figure, after)."""
        a = self.figure.start - self.sentence_start
        b = self.figure.end - self.sentence_start
        if 0 <= a <= b <= len(self.sentence):
            return self.sentence[:a], self.sentence[a:b], self.sentence[b:]
        return self.sentence, "", ""


@dataclass(frozen=True)
class Location:
    """Where the other side of a finding is."""

    path: str
    line: int
    column: int
    surface: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "surface": self.surface}


@dataclass(frozen=True)
class Notice:
    """What a check says of a figure, before it is placed at one: :meth:`Finding.at_figure` places it."""

    code: str
    severity: Severity
    message: str
    rule: str  # the rule's id
    check: str  # the rule's type, or the check that is no rule type ("diff", "verdicts")
    related: tuple[Location, ...] = ()
    source: str | None = None


@dataclass(frozen=True)
class Finding:
    """The one result type every check returns and every output format prints."""

    code: str
    severity: Severity
    message: str
    path: str
    line: int
    column: int
    rule: str
    check: str
    measure: str | None = None
    entity: str | None = None
    time: str | None = None
    surface: str = ""
    claim_id: str | None = None
    end_line: int | None = None
    end_column: int | None = None
    related: tuple[Location, ...] = field(default_factory=tuple)
    source: str | None = None

    @classmethod
    def at_figure(cls, notice: Notice, path: str, figure: Figure, claim: Claim | None = None) -> Finding:
        """A finding that spans a figure, with its claim's context when there is one.

        A figure whose place in the file is unknown (line 0: a sentence of an HTML page
        that was not found in its source) has its sentence quoted in the message.
        """
        extra_lines = figure.surface.count("\n")
        end_column = (
            len(figure.surface) - figure.surface.rfind("\n") if extra_lines else figure.column + len(figure.surface)
        )
        message = notice.message
        if figure.line < 1:
            sentence = claim.sentence if claim else figure.surface
            message += f' (its place in the file was not found; the sentence: "{sentence}")'
        return cls(
            code=notice.code,
            severity=notice.severity,
            message=message,
            path=path,
            line=figure.line,
            column=figure.column,
            end_line=figure.line + extra_lines if figure.line >= 1 else None,
            end_column=end_column if figure.line >= 1 else None,
            rule=notice.rule,
            check=notice.check,
            measure=claim.measure if claim else None,
            entity=claim.entity if claim else None,
            time=claim.time_label if claim else None,
            surface=figure.surface,
            claim_id=claim.id if claim else None,
            related=notice.related,
            source=notice.source,
        )

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping; the keys are the stable ``--format json`` interface."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "check": self.check,
            "measure": self.measure,
            "entity": self.entity,
            "time": self.time,
            "surface": self.surface,
            "claim_id": self.claim_id,
            "source": self.source,
            "related": [r.to_dict() for r in self.related],
        }


@dataclass(frozen=True)
class Comparison:
    """Claims a check judged to state the same claim, and which of them disagree.

    The report and the worksheet show these groups as the check formed them; no
    output regroups claims on its own.
    """

    key: str
    label: str  # the thing in words, with entity, scope, subject and time
    reason: str  # why these claims were judged to be the same claim
    claim_ids: tuple[str, ...]
    conflicting: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()  # the claims that conflict with each other, two by two
    measure: str | None = None
    entity: str | None = None
    time: str | None = None


class FactVerdict(enum.StrEnum):
    """What the reference check found when it compared a claim with a fact."""

    AGREES = "agrees"  # within the fact's value or interval, with its tolerance
    OUTSIDE = "outside"  # outside it: an FG101 finding


@dataclass(frozen=True)
class FactComparison:
    """One claim the reference check compared with one reference fact, and its verdict.

    Only the check matches claims with facts (measure, entity, time, unit); the report,
    its charts and the worksheet show these and never match facts on their own.
    """

    claim_id: str
    fact: str  # the rule's id and the fact's place in its file: "reference.mobilization#1"
    verdict: FactVerdict
    low: float  # the fact's interval, in the measure's unit (-inf or inf: open)
    high: float
    source: str  # the fact's source title
