"""When a figure is about: an interval of dates at the resolution its sentence states.

A time mention becomes a `When`: the first and last day it covers, its resolution
("month", "year", "fiscal_year", ...), a canonical label, whether it was written out or
resolved from the article's date, and whether the figure is the state at its end
("as of March", "by 2008") or a total since its start ("since 2014").

Forms read, in one scan of the sentence:

- years and spans: "in 2021", "2021's", "between 2008 and 2014", "from 2008 to 2014",
  "2008-2014", "2008–14"; decades: "the 1990s"
- fiscal years and seasons: "2022-23", "2022/23 season", "FY2023", "fiscal 2023"
- quarters and halves: "Q3 2022", "the third quarter of 2022", "H1 2023",
  "the first half of 2023", and without a year "Q3", "the second half"
- months and days: "December 2022", "Dec. 2022", "in October", "December's",
  "March 5, 2023", "5 March 2023", "2023-03-05", "on Monday", "yesterday", "today"
- anchors: "as of", "by", "by the end of", "at the end of" (the state at the end),
  "since" (from the start of the named time to the article's date)
- relative: "last year", "this month", "next week", "the previous year", "last quarter",
  "a year ago", "five years ago", "two months earlier", "a decade ago",
  "the past year", "over the past five years" (a span ending on the article's date)

A month, day, quarter or half named without a year is the latest one at or before the
article's date ("in December" in January 2023 is December 2022). Relative forms need
the article's date: without one they are not mentions. Numbers that only look like
years ("2,000", "2000 people", "$2022", "2022%", "No. 2021", "2030 GMT", "more than
2000", "carries 2000 passengers") are not years, nor is anything outside 1800-2100.

Fiscal years and seasons run from 1 July to 30 June: the real start differs by country
and organisation, so the interval is nominal; what matters is that two fiscal years
overlap only when they are the same one.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from figures.context import words as claim_words
from figures.model import TimeAnchor, TimeBasis, TimeResolution

RESOLUTIONS = tuple(TimeResolution)
BASES = tuple(TimeBasis)  # approximate: "five years ago"
ANCHORS = tuple(TimeAnchor)
FIRST_YEAR, LAST_YEAR = 1800, 2100

_Date = datetime.date


@dataclass(frozen=True)
class When:
    """An interval of days (both ends included) at a resolution, with a canonical label."""

    start: datetime.date
    end: datetime.date
    resolution: str
    label: str
    basis: str = "stated"
    anchor: str = "in"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"time interval ends before it starts: {self.start} > {self.end}")
        if self.resolution not in RESOLUTIONS:
            raise ValueError(f"unknown time resolution {self.resolution!r}")
        if self.basis not in BASES:
            raise ValueError(f"unknown time basis {self.basis!r}")
        if self.anchor not in ANCHORS:
            raise ValueError(f"unknown time anchor {self.anchor!r}")

    @property
    def first_year(self) -> int:
        """The calendar year of the first day covered."""
        return self.start.year

    @property
    def last_year(self) -> int:
        """The calendar year of the last day covered."""
        return self.end.year

    @property
    def years_label(self) -> str:
        """The calendar years covered: ``"2022"`` or ``"2008-2014"``."""
        if self.first_year == self.last_year:
            return str(self.first_year)
        return f"{self.first_year}-{self.last_year}"

    def overlaps(self, other: When) -> bool:
        """Whether the two intervals share at least one day."""
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class TimeMention:
    """A time written in the text: what it covers, and where (offsets into the text scanned)."""

    when: When
    start: int
    end: int


# ---------------------------------------------------------------------------
# Intervals and their labels


def _month_end(year: int, month: int) -> _Date:
    return _Date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: _Date, months: int) -> _Date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return _Date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _bounds(resolution: str, year: int, number: int = 1) -> tuple[_Date, _Date]:
    """First and last day of the ``number``-th period of ``resolution`` in ``year``."""
    if resolution == "year":
        return _Date(year, 1, 1), _Date(year, 12, 31)
    if resolution == "month":
        return _Date(year, number, 1), _month_end(year, number)
    if resolution == "quarter":
        return _Date(year, 3 * number - 2, 1), _month_end(year, 3 * number)
    if resolution == "half":
        return _Date(year, 6 * number - 5, 1), _month_end(year, 6 * number)
    if resolution == "week":
        first = _Date.fromisocalendar(year, number, 1)
        return first, first + datetime.timedelta(days=6)
    if resolution == "fiscal_year":  # labelled by the year it starts in
        return _Date(year, 7, 1), _Date(year + 1, 6, 30)
    if resolution == "decade":
        return _Date(year, 1, 1), _Date(year + 9, 12, 31)
    raise ValueError(f"no fixed periods at resolution {resolution!r}")


def _label(resolution: str, start: _Date, end: _Date) -> str:
    if resolution == "day":
        return start.isoformat()
    if resolution == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if resolution == "month":
        return f"{start.year}-{start.month:02d}"
    if resolution == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    if resolution == "half":
        return f"{start.year}-H{1 if start.month <= 6 else 2}"
    if resolution == "year":
        return str(start.year)
    if resolution == "fiscal_year":
        return f"FY{start.year}-{(start.year + 1) % 100:02d}"
    if resolution == "decade":
        return f"{start.year}s"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}-{end.year}"
    return f"{start.isoformat()}/{end.isoformat()}"


def _when(resolution: str, start: _Date, end: _Date, basis: str = "stated", anchor: str = "in") -> When:
    return When(start, end, resolution, _label(resolution, start, end), basis, anchor)


def _period(resolution: str, year: int, number: int = 1, basis: str = "stated") -> When:
    start, end = _bounds(resolution, year, number)
    return _when(resolution, start, end, basis)


def _day(day: _Date, basis: str = "stated") -> When:
    return _when("day", day, day, basis)


def _span(start: _Date, end: _Date, basis: str = "stated") -> When:
    return _when("span", start, end, basis)


def _containing(resolution: str, day: _Date, basis: str) -> When:
    """The period of ``resolution`` that contains ``day``."""
    if resolution == "day":
        return _day(day, basis)
    if resolution == "week":
        year, week, _ = day.isocalendar()
        return _period("week", year, week, basis)
    if resolution == "month":
        return _period("month", day.year, day.month, basis)
    if resolution == "quarter":
        return _period("quarter", day.year, (day.month - 1) // 3 + 1, basis)
    if resolution == "half":
        return _period("half", day.year, 1 if day.month <= 6 else 2, basis)
    if resolution == "year":
        return _period("year", day.year, basis=basis)
    if resolution == "fiscal_year":
        return _period("fiscal_year", day.year if day.month >= 7 else day.year - 1, basis=basis)
    if resolution == "decade":
        return _period("decade", day.year - day.year % 10, basis=basis)
    raise ValueError(f"no period of resolution {resolution!r} contains a day")


_LABEL_FORMS = [
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)"), "day"),
    (re.compile(r"(\d{4})-W(\d\d)"), "week"),
    (re.compile(r"(\d{4})-(\d\d)"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"FY(\d{4})-(\d\d)"), "fiscal_year"),
    (re.compile(r"(\d{3}0)s"), "decade"),
    (re.compile(r"(\d{4})-(\d{4})"), "span"),
    (re.compile(r"(\d{4}-\d\d-\d\d)/(\d{4}-\d\d-\d\d)"), "span"),
]


def from_label(label: str) -> When:
    """The interval a canonical label names (``"2022-Q3"``, ``"FY2022-23"``, ``"2008-2014"`` ...).

    Raises ``ValueError`` for a string that is not a label.
    """
    for pattern, resolution in _LABEL_FORMS:
        m = pattern.fullmatch(label)
        if m is None:
            continue
        if resolution == "day":
            return _day(_Date.fromisoformat(label))
        if resolution == "span":
            if "/" in label:
                return _span(_Date.fromisoformat(m.group(1)), _Date.fromisoformat(m.group(2)))
            return _span(_Date(int(m.group(1)), 1, 1), _Date(int(m.group(2)), 12, 31))
        year = int(m.group(1))
        number = int(m.group(2)) if m.lastindex == 2 and resolution != "fiscal_year" else 1
        when = _period(resolution, year, number)
        if when.label != label:
            raise ValueError(f"not a canonical time label: {label!r}")
        return when
    raise ValueError(f"not a time label: {label!r}")


# ---------------------------------------------------------------------------
# The words: figures/data/context_words.yaml

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "context_words.yaml"
SCHEMA_FILE = WORDS_FILE.with_name("context_words.schema.json")


def load_words(path: Path) -> dict[str, Any]:
    """The lists of a context word file at ``path``, read as the claim word file is
    (:func:`figures.context.words.read_yaml`) and checked against ``context_words.schema.json``;
    a :class:`RuleFileError` names the file and what is wrong."""
    return claim_words.load(path, SCHEMA_FILE)


@lru_cache(maxsize=1)
def _context_words() -> dict[str, Any]:
    return load_words(WORDS_FILE)


def word_list(name: str) -> list[str]:
    """A list of the context word file, in the file's order (a mapping's classes, for a list of classes)."""
    return list(_context_words()[name])


def word_classes(name: str) -> dict[str, list[str]]:
    """A list of classes of the context word file: each class, in the file's order, with its words."""
    return dict(_context_words()[name])


def one_of(phrases: Iterable[str], *, space: str = r"\s+", either_case: bool = False) -> str:
    """A regex group (no capture, no boundaries) of ``phrases`` in the order given, a space in a
    phrase matching ``space``; with ``either_case``, a word's first letter in either case, for words
    that may open a sentence (``since`` -> ``[Ss]ince``)."""
    out = []
    for phrase in phrases:
        pattern = space.join(re.escape(w) for w in phrase.split())
        if either_case and phrase[0].isalpha():
            pattern = f"[{phrase[0].upper()}{phrase[0]}]{pattern[1:]}"
        out.append(pattern)
    return "(?:" + "|".join(out) + ")"


# ---------------------------------------------------------------------------
# The scan


MONTH_NUMBERS = {form: number for number, forms in enumerate(word_classes("months").values(), 1) for form in forms}
_MONTHS = MONTH_NUMBERS
_WEEKDAYS = {name.capitalize(): i for i, name in enumerate(word_list("weekdays"))}
_NUMBERS = {form: int(n) for n, forms in word_classes("number_words").items() for form in forms}
_ORDINALS = {form: int(n) for n, forms in word_classes("ordinals").items() for form in forms}
_ORDINALS.update(dict.fromkeys(word_list("last_quarter"), 4))


def _ci(words: str) -> str:
    """Words that may open a sentence, with either case of their first letter: ``since`` -> ``[Ss]ince``."""
    return "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words.split("|")) + ")"


def _ordinal_words(numbers: Iterable[str], *, digits: bool = True) -> list[str]:
    """The forms of the ordinals of ``numbers`` (with ``digits``, "3rd" too)."""
    classes = word_classes("ordinals")
    return [form for n in numbers for form in classes[n] if digits or form.isalpha()]


# Month and weekday names count only capitalised ("may" is a verb, "march" a walk);
# a short month name counts with its dot or before a number ("Jan" is also a name).
_MONTH = (
    "(?:"
    + "|".join(name.capitalize() for name in word_classes("months"))
    + "|(?:"
    + "|".join(form.capitalize() for name, forms in word_classes("months").items() for form in forms if form != name)
    + r")(?:\.|(?=\s+\d)))"
)
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_NUM = "(?:" + _ci("|".join(sorted(_NUMBERS, key=len, reverse=True))) + r"|(?<![\d.,])\d{1,3}(?![\d.,]\d))"
_Y4 = r"(?:1[89]\d\d|20\d\d|2100)"
# A year is not glued to a number, a currency sign or "No." before it (the first digit is
# read before looking back, so that the scan can skip quickly past anything else) ...
_YB = r"(?<![\w$€£₽¥#.,/][12])(?<!\d[-–][12])"
_CONN = rf"(?P<conn>\s*[-–—/]\s*|\s+{one_of(word_list('span_connectors'))}\s+)"
_NO_DATE_AFTER = rf"(?!,?\s+(?:{_MONTH}\s+\d|\d\d?\s+{_MONTH}))"


def _year(name: str) -> str:
    return rf"(?P<{name}>[12]{_YB}(?:(?<=1)[89]\d\d|(?<=2)(?:0\d\d|100)))"


# A period named by its distance in periods from the article's date ("last" -> "-1"), or a span
# back to it ("past").
_RELATIVE = {form: shift for shift, forms in word_classes("relative_periods").items() for form in forms}
# A day named by its distance from the article's: "yesterday" -> -1.
_NEAR_DAYS = {form: int(shift) for shift, forms in word_classes("near_days").items() for form in forms}
_QUARTER_ORDINAL = one_of([*_ordinal_words("1234", digits=False), *word_list("last_quarter")], either_case=True)
_HALF_ORDINAL = one_of(_ordinal_words("12"), either_case=True)


def _form_sources(counted: str) -> list[tuple[str, str]]:
    """Each form of a time: its kind and its pattern; ``counted`` is the words after a number that make
    it a count, not a year."""
    # A year is not followed by digits, a percent sign, a word that makes it a count or a clock
    # time, or the other end of a range of counts ("between 1990 and 2000 people").
    ya = (
        rf"(?!\d|[.,]\d|\s*%|\s*per\s*cent|\s+(?i:{counted})\b"
        rf"|\s*(?:[-–]|to|and)\s*\d[\d,.]*\s+(?i:{counted})\b)"
    )
    tail = (
        rf"(?![\w%]|[.,]\d|\s+(?i:{counted})\b)"
        rf"(?P<season>\s+{one_of(word_list('season_words'))})?"
    )
    of_year = rf"(?:(?:\s+of)?\s+{_year('y')}{ya}|\s+of\s+(?P<rel>this|last|next|the)\s+year)?"
    # Each form: the kind of time it names, and its pattern. At one place in the text the
    # first form that matches wins, so longer readings come before the shorter ones inside them.
    return [
        # 2022-03-05
        ("iso", rf"{_year('y')}-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
        # 2008-2014, 2008–14, 2008 to 2014, 2022/23 (season); between 2008 and 2014; from 2008 to 2014
        ("span", rf"{_year('a')}{_CONN}(?P<b>{_Y4}|\d\d){tail}"),
        ("span", rf"{_ci('between')}\s+{_year('a')}\s+and\s+(?P<b>{_Y4}|\d\d){tail}"),
        ("span", rf"{_ci('from')}\s+{_year('a')}{_CONN}(?P<b>{_Y4}|\d\d){tail}"),
        # FY2023, FY23, fiscal 2023, fiscal year 2022-23, FY 2022/23
        (
            "fiscal_year",
            rf"(?:FY\s?|{_ci('fiscal')}\s+(?:year\s+)?)'?(?P<a>{_Y4}|\d\d)"
            rf"(?:\s*[-/–]\s*(?P<b>{_Y4}|\d\d))?(?![\w%]|[.,]\d)",
        ),
        # the 1990s
        ("decade", rf"(?P<y>[12]{_YB}(?:(?<=1)[89]|(?<=2)0)\d0)s\b"),
        # the third quarter of 2022, Q3 2022, Q3, 2022 Q3, 3Q 2022
        (
            "quarter",
            rf"(?P<ord>{_QUARTER_ORDINAL}|[1-4](?:st|nd|rd|th))[\s-]+quarter{of_year}(?!\w)",
        ),
        ("quarter", rf"Q(?P<n>[1-4])(?:\s*(?:of\s+)?{_year('y')}{ya})?(?!\w)"),
        ("quarter", rf"{_year('y')}\s*Q(?P<n>[1-4])(?!\w)"),
        ("quarter", rf"(?P<n>[1-4])Q\s*(?P<y>{_Y4})(?!\w)"),
        # the first half of 2023, H1 2023, 2023 H1, the second half
        ("half", rf"(?P<ord>{_HALF_ORDINAL})[\s-]+half{of_year}(?!\w)"),
        ("half", rf"H(?P<n>[12])\s*(?:of\s+)?{_year('y')}(?!\w)"),
        ("half", rf"{_year('y')}\s*H(?P<n>[12])(?!\w)"),
        ("half", rf"(?P<n>[12])H\s*(?P<y>{_Y4})(?!\w)"),
        # March 5, 2023; March 5; 5 March 2023; the 5th of March
        ("day", rf"(?P<mon>{_MONTH})\s+(?P<d>\d\d?)(?:st|nd|rd|th)?(?![\d%]|[.,]\d)(?:,?\s+{_year('y')}{ya})?"),
        (
            "day",
            rf"(?P<d>\d\d?)(?<![.,]\d)(?<![.,]\d\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})"
            rf"(?:,?\s+{_year('y')}{ya})?",
        ),
        # (last) Monday, unless a date follows and says which
        ("weekday", rf"(?P<rel>{_ci('last|this|next')})\s+(?P<name>{_WEEKDAY})\b{_NO_DATE_AFTER}"),
        ("weekday", rf"(?P<name>{_WEEKDAY})\b{_NO_DATE_AFTER}"),
        (
            "near_day",
            rf"(?P<word>{one_of(_NEAR_DAYS, either_case=True)})\b",
        ),
        # December 2022, Dec. 2022, last December, (in) December, December's
        ("month", rf"(?P<rel>{_ci('last|this|next')})\s+(?P<mon>{_MONTH})(?!\w)"),
        ("month", rf"(?P<mon>{_MONTH})(?:,?\s+(?:of\s+)?{_year('y')}{ya})?(?!\w)"),
        # five years ago, a year earlier, a decade ago
        ("ago", rf"(?P<n>{_NUM})\s+(?P<unit>year|month|week|day|decade)s?\s+(?:ago|earlier)\b"),
        # last year, this month, the previous year, the past five years, the last 12 months
        (
            "relative",
            rf"(?P<word>{one_of(_RELATIVE, either_case=True)})\s+"
            rf"(?:(?P<n>{_NUM})\s+)?(?P<unit>year|month|week|quarter|decade|day)s?\b",
        ),
        # 2021, In 2020 alone, 2021's
        ("year", rf"{_year('y')}{ya}(?!\w)"),
    ]


# Each anchor's words -> the anchor ("since", "as_of"), a run of spaces written as one.
_ANCHOR_OF = {form: anchor for anchor, forms in word_classes("time_anchors").items() for form in forms}
_PREFIX = (
    rf"(?:(?P<anchor>{one_of(_ANCHOR_OF, either_case=True)})\s+"
    rf"|(?P<weak>{one_of(word_list('time_prepositions'), either_case=True)})\s+)?"
    rf"(?P<the>{_ci('the')}\s+)?"
    rf"(?:(?P<mod>{one_of(word_list('time_modifiers'), either_case=True)})(?:-|\s+))?"
)


def _unnamed(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# One scan finds every time's extent and form. Without capturing groups (but an empty one
# marking the form), each alternative opens with a plain character or class, which the
# regex engine rejects cheaply at most places. Each form's own pattern then reads the
# fields of the few matches, and the words before a match are read by looking back.
# Compiled on first use, once: the people nouns are claim_words.yaml's, read when claims are.
@lru_cache(maxsize=1)
def _scanner() -> tuple[list[tuple[str, re.Pattern[str]]], re.Pattern[str]]:
    sources = _form_sources(one_of([*claim_words.phrases("people_nouns"), *word_list("not_a_year_after")]))
    assert {kind for kind, _ in sources} == set(_READERS)
    forms = [(kind, re.compile(source)) for kind, source in sources]
    scan = re.compile(
        r"\b(?:" + "|".join(f"{_unnamed(source)}(?P<f{i}>)" for i, (_, source) in enumerate(sources)) + ")"
    )
    return forms, scan


_PREFIX_BEFORE = re.compile(r"(?<!\w)" + _PREFIX + "$")
_PREFIX_LENGTH = 40  # the longest run of words before a time read as its prefix
# "No. 2021", "flight 2022", "more than 2000": a number, not a year.
_NOT_A_YEAR_BEFORE = re.compile(
    r"\b" + one_of([*word_list("number_labels"), *word_list("quantity_before")]) + r"\s*$", re.IGNORECASE
)
# "carries 2000 passengers": a count, unless the number stands where a year does (first in
# the sentence, or after a preposition or a determiner: "the 2022 elections").
_PLURAL_AFTER = re.compile(r"\s+([a-z]+s)\b")
_VERBS_IN_S = frozenset(word_list("year_subject_verbs"))
_YEAR_CUE_BEFORE = re.compile(r"(?:\b" + one_of(word_list("year_cue_before")) + r"\s+|['’]s\s+|-)$", re.IGNORECASE)
_SENTENCE_OPENING = re.compile(r"[\s\"'“‘(\[]*$")
# "rose by 2022": an amount, not "by the year 2022".
_AMOUNT_VERB_BEFORE = re.compile(r"\b" + one_of(word_list("amount_verbs")) + r"\s*$", re.IGNORECASE)
_MONTH_CUE_BEFORE = re.compile(r"(?:\b" + one_of(word_list("month_cue_before")) + r"\s+|[-–]\s*)$", re.I)
_HOLIDAY_BEFORE = re.compile(r"\b" + one_of(word_list("holiday_before_weekday")) + r"\s+$", re.I)
_POSSESSIVE = re.compile(r"['’]s\b")
_BEFORE = 24  # characters looked at before a mention by the guards above


def _num(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _full_year(digits: str, century_of: int | None = None) -> int:
    """A year from four digits, or from two ("FY23", "'22", "2008–14")."""
    if len(digits) == 4:
        return int(digits)
    if century_of is not None:
        year = century_of // 100 * 100 + int(digits)
        return year + 100 if year < century_of else year
    return (1900 if int(digits) >= 50 else 2000) + int(digits)


def _latest(resolution: str, number: int, today: _Date) -> When:
    """The period ``number`` of ``resolution`` (a month, quarter or half) at or before ``today``."""
    now = {"month": today.month, "quarter": (today.month - 1) // 3 + 1, "half": 1 if today.month <= 6 else 2}
    year = today.year if number <= now[resolution] else today.year - 1
    return _period(resolution, year, number, "relative")


def _step(when: When, steps: int, basis: str = "relative") -> When:
    """The period ``steps`` periods after (before, when negative) ``when``, at its resolution."""
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}
    if when.resolution in months:
        return _containing(when.resolution, _add_months(when.start, steps * months[when.resolution]), basis)
    days = {"day": 1, "week": 7}[when.resolution]
    return _containing(when.resolution, when.start + datetime.timedelta(days=steps * days), basis)


def _past(unit: str, count: int, today: _Date, forward: bool = False) -> When:
    """The ``count`` ``unit``s up to ``today`` (or after it): "the past five years"."""
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
    if unit in months:
        far = _add_months(today, count * months[unit] * (1 if forward else -1))
    else:
        far = today + datetime.timedelta(days=count * (7 if unit == "week" else 1) * (1 if forward else -1))
    one = datetime.timedelta(days=1)
    if forward:
        return _span(today + one, far, "relative")
    return _span(far + one, today, "relative")


class _Skip(Exception):
    """The match is not a time mention (an impossible date raises ValueError instead)."""


@dataclass(frozen=True)
class _Found:
    """One match of a form, with what its reader needs around it."""

    m: re.Match[str]
    prefix: re.Match[str]  # the words before it ("since", "in the", "mid-"), maybe none
    text: str
    floor: int  # where the scanned text starts: the sentence's first character
    today: _Date | None

    @property
    def span(self) -> tuple[int, int]:
        return self.m.start(), self.m.end()

    def __call__(self, name: str) -> str | None:
        """A field of the match (forms of one kind differ in their fields)."""
        return self.m.group(name) if name in self.m.re.groupindex else None

    def word(self, name: str) -> str:
        return (self(name) or "").lower()

    def date(self) -> _Date:
        """The article's date, which the form needs: without it, it is not read."""
        if self.today is None:
            raise _Skip
        return self.today

    def follows(self, pattern: re.Pattern[str]) -> bool:
        """Whether the match comes right after words that ``pattern`` (anchored at its end) matches."""
        at = self.m.start()
        return pattern.search(self.text, max(0, at - _BEFORE), at) is not None


_Reading = tuple[When, int, int]  # the interval, and where the time is in the text


def _read_year(f: _Found) -> _Reading:
    if f.follows(_NOT_A_YEAR_BEFORE):
        raise _Skip
    start, end = f.span
    plural = _PLURAL_AFTER.match(f.text, end)
    if (
        plural
        and plural.group(1) not in _VERBS_IN_S
        and not f.follows(_YEAR_CUE_BEFORE)
        and not _SENTENCE_OPENING.fullmatch(f.text, f.floor, start)
    ):
        raise _Skip
    return _period("year", int(f("y"))), start, end


def _read_span(f: _Found) -> _Reading:
    if f.follows(_NOT_A_YEAR_BEFORE):
        raise _Skip
    a, tail = int(f("a")), f("b")
    b = _full_year(tail, a)
    slash = "/" in (f("conn") or "")
    if b == a + 1 and (slash or len(tail) == 2 or f("season")):
        return _period("fiscal_year", a), *f.span
    if a < b <= LAST_YEAR and (len(tail) == 4 or b - a <= 20) and not slash:
        return _span(_Date(a, 1, 1), _Date(b, 12, 31)), f.m.start(), f.m.end("b")
    return _period("year", a), f.m.start("a"), f.m.end("a")  # "2022-03": the year alone is sure


def _read_iso(f: _Found) -> _Reading:
    return _day(_Date(int(f("y")), int(f("m")), int(f("d")))), *f.span


def _read_fiscal_year(f: _Found) -> _Reading:
    a = _full_year(f("a"))
    if f("b"):
        if _full_year(f("b"), a) != a + 1:
            raise _Skip
        return _period("fiscal_year", a), *f.span
    return _period("fiscal_year", a - 1), *f.span  # FY2023 ends in 2023


def _read_decade(f: _Found) -> _Reading:
    return _period("decade", int(f("y"))), *f.span


def _read_part_of_year(f: _Found, resolution: str) -> _Reading:
    ordinal = f.word("ord")
    number = _ORDINALS[ordinal] if ordinal else int(f("n"))
    if f("y"):
        return _period(resolution, int(f("y")), number), *f.span
    relative = f.word("rel")
    if ordinal == "last" and not relative:  # "last quarter": the one before the article's
        return _step(_containing("quarter", f.date(), "relative"), -1), *f.span
    if relative in ("this", "last", "next"):
        year = f.date().year + {"this": 0, "last": -1, "next": 1}[relative]
        return _period(resolution, year, number, "relative"), *f.span
    return _latest(resolution, number, f.date()), *f.span


def _read_day(f: _Found) -> _Reading:
    month, day = _month_number(f("mon")), int(f("d"))
    if f("y"):
        return _day(_Date(int(f("y")), month, day)), *f.span
    today = f.date()
    date = _Date(today.year, month, day)
    if date > today:
        date = _Date(today.year - 1, month, day)
    return _day(date, "relative"), *f.span


def _read_weekday(f: _Found) -> _Reading:
    if f.follows(_HOLIDAY_BEFORE):
        raise _Skip
    today = f.date()
    weekday = _WEEKDAYS[f("name")]
    relative = f.word("rel")
    if relative == "next":
        back = -((weekday - today.weekday()) % 7 or 7)
    elif relative == "this":
        back = today.weekday() - weekday
    else:
        back = (today.weekday() - weekday) % 7
        if relative == "last" and back == 0:
            back = 7
    return _day(today - datetime.timedelta(days=back), "relative"), *f.span


def _read_near_day(f: _Found) -> _Reading:
    shift = _NEAR_DAYS[" ".join(f.word("word").split())]
    return _day(f.date() + datetime.timedelta(days=shift), "relative"), *f.span


def _read_month(f: _Found) -> _Reading:
    month = _month_number(f("mon"))
    if f("y"):
        return _period("month", int(f("y")), month), *f.span
    relative = f.word("rel")
    cued = (
        relative
        or any(f.prefix.group(part) for part in ("anchor", "weak", "mod"))
        or _POSSESSIVE.match(f.text, f.m.end())
        or f.follows(_MONTH_CUE_BEFORE)
    )
    if not cued:
        raise _Skip
    today = f.date()
    if relative == "this":
        return _period("month", today.year, month, "relative"), *f.span
    if relative == "next":
        return _period("month", today.year + (month <= today.month), month, "relative"), *f.span
    if relative == "last":
        return _period("month", today.year - (month >= today.month), month, "relative"), *f.span
    return _latest("month", month, today), *f.span


def _read_ago(f: _Found) -> _Reading:
    count, unit = _num(f("n")), f("unit")
    if unit == "decade":
        count, unit = count * 10, "year"
    return _step(_containing(unit, f.date(), "relative"), -count), *f.span


def _read_relative(f: _Found) -> _Reading:
    word, unit = f.word("word"), f("unit")
    shift = _RELATIVE[word]
    today = f.date()
    count = _num(f("n")) if f("n") else None
    # "the last year" is the twelve months to today, "last year" the calendar year before
    if shift == "span" or count is not None or (word == "last" and f.prefix.group("the")):
        if shift == "0":
            raise _Skip
        return _past(unit, count or 1, today, forward=shift == "1"), *f.span
    if unit == "day":
        raise _Skip
    return _step(_containing(unit, today, "relative"), int(shift)), *f.span


_READERS = {
    "year": _read_year,
    "span": _read_span,
    "iso": _read_iso,
    "fiscal_year": _read_fiscal_year,
    "decade": _read_decade,
    "quarter": lambda f: _read_part_of_year(f, "quarter"),
    "half": lambda f: _read_part_of_year(f, "half"),
    "day": _read_day,
    "weekday": _read_weekday,
    "near_day": _read_near_day,
    "month": _read_month,
    "ago": _read_ago,
    "relative": _read_relative,
}


def mentions(text: str, start: int, end: int, article_date: datetime.date | None = None) -> list[TimeMention]:
    """Time mentions in ``text[start:end]``, in reading order.

    Offsets are into ``text``. Forms that need the article's date ("last year",
    "in October", "on Monday") are left out when ``article_date`` is None.
    """
    out: list[TimeMention] = []
    forms, scan = _scanner()
    for scanned in scan.finditer(text, start, end):
        kind, form = forms[int(scanned.lastgroup[1:])]
        time_start = scanned.start()
        m = form.match(text, time_start, end)  # the same alternative, now with its fields
        assert m is not None and m.end() == scanned.end()
        prefix = _PREFIX_BEFORE.search(text, max(start, time_start - _PREFIX_LENGTH), time_start)
        assert prefix is not None  # it may be empty
        try:
            when, core_start, core_end = _READERS[kind](_Found(m, prefix, text, start, article_date))
        except (_Skip, ValueError, OverflowError):  # not a time, or one beyond the calendar
            continue
        words = " ".join((prefix.group("anchor") or "").lower().split())
        surface_start = core_start
        if words:
            surface_start = prefix.start()
            if words == "by" and _AMOUNT_VERB_BEFORE.search(text, max(0, surface_start - _BEFORE), surface_start):
                continue
            if _ANCHOR_OF[words] == "since":
                if article_date is None or article_date < when.start:
                    continue
                when = _when("span", when.start, article_date, when.basis, "since")
            else:
                when = _when(when.resolution, when.start, when.end, when.basis, "as_of")
        if when.first_year < FIRST_YEAR or when.last_year > LAST_YEAR:
            continue
        out.append(TimeMention(when, surface_start, core_end))
    return out


def nearest(found: list[TimeMention], fig_start: int, fig_end: int) -> TimeMention | None:
    """The time mention closest to a figure (ties go to the one before it); none that overlaps it."""
    best: tuple[int, int] | None = None
    choice = None
    for t in found:
        if t.start < fig_end and t.end > fig_start:
            continue  # the figure itself
        distance = fig_start - t.end if t.end <= fig_start else t.start - fig_end
        key = (distance, 0 if t.end <= fig_start else 1)
        if best is None or key < best:
            best, choice = key, t
    return choice


# ---------------------------------------------------------------------------
# The article's date


_DATE_FORMS = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?"),
    re.compile(r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"),
    re.compile(r"(?P<y>\d{4})"),
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[A-Za-z]+)\.?,?\s+(?P<y>\d{4})"),
    re.compile(r"(?:[A-Za-z]+,?\s+)?(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})"),
]


def parse_article_date(value: str) -> datetime.date | None:
    """The date of an article from its front matter, or None when absent or impossible.

    Reads ``2022-03-17`` (a time after it is ignored), ``2022/03/17``, ``17 March 2022``,
    ``March 17, 2022``; a bare month (``2022-03``) or year (``2022``) gives its first day.
    Never raises: ``2022-13-45`` and years outside 1800-2100 give None.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    for form in _DATE_FORMS:
        m = form.fullmatch(value)
        if m is None:
            continue
        parts = m.groupdict()
        try:
            if parts.get("mon"):
                month = _MONTHS.get(parts["mon"].lower())
                if month is None:
                    return None
            else:
                month = int(parts.get("m") or 1)
            date = _Date(int(parts["y"]), month, int(parts.get("d") or 1))
        except ValueError:
            return None
        return date if FIRST_YEAR <= date.year <= LAST_YEAR else None
    return None


def article_when(article_date: datetime.date | None, resolution: str = "year") -> When | None:
    """The period of ``resolution`` containing the article's date, standing in for an unstated time.

    None without a date; ``ValueError`` for ``"span"`` or an unknown resolution.
    """
    if article_date is None:
        return None
    return _containing(resolution, article_date, "article")


def comparable(a: When, b: When, window_years: int = 0) -> bool:
    """Whether figures at these two times may be compared with each other.

    Only at the same resolution and when the intervals overlap: a month with the same month,
    a fiscal year with the same fiscal year, and a day with the week that holds it. Years
    count as overlapping up to ``window_years`` apart. A span compares with a span it
    overlaps, and with a year inside it (widened by ``window_years`` either side):
    "between 2008 and 2014" with "by 2008".
    """
    if a.resolution != b.resolution:
        if {a.resolution, b.resolution} == {"day", "week"}:
            # "official data showed this week" and "by February 21": a week is a vaguer day
            day, week = (a, b) if a.resolution == "day" else (b, a)
            return week.start <= day.start <= week.end
        if {a.resolution, b.resolution} != {"span", "year"}:
            return False
        span, year = (a, b) if a.resolution == "span" else (b, a)
        widen = 12 * window_years
        return _add_months(span.start, -widen) <= year.start and year.end <= _add_months(span.end, widen)
    if a.resolution == "year":
        return a.first_year - window_years <= b.last_year and b.first_year - window_years <= a.last_year
    return a.overlaps(b)


def year_of(date: str) -> int | None:
    """The year of an article's date (``2022-03-17``, ``2022``, ``17 March 2022``), if it has one."""
    parsed = parse_article_date(date)
    if parsed is not None:
        return parsed.year
    m = re.match(r"\s*(\d{4})", date if isinstance(date, str) else "")
    return int(m.group(1)) if m else None
