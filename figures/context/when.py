"""Which time a figure is about, of the times its sentence names.

The time right after the figure ("64.3% in December"), else the nearest in the
figure's own stretch of its clause, else in its clause, else in its sentence; never a
time the figure is only compared against ("up 110 from its count a day earlier").
A round count of years back ("five years ago") or a time qualified by a shift back
("A year earlier, the fourth-quarter revenue ...") is approximate: never compared. A
figure with no time of its own takes a period its clause names without a date ("for
the full fiscal year"), else its article's date.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from functools import lru_cache

from figures.context import time as timectx
from figures.context.figure_context import FigureContext
from figures.context.time import one_of, word_classes, word_list
from figures.context.words import alternation, any_of

_DETERMINER = one_of(word_list("determiners"))


# A time that is the base of a comparison is not the figure's time: "up 110 from its count a day
# earlier", "1.18% from the previous month", "69,953 more than in 2021".
@lru_cache(maxsize=1)
def _base_before() -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:{alternation('comparison')}|{alternation('comparison_next')})\.?\s+(?:{_DETERMINER}\s+)?"
        r"(?:[^\W\d]+\s+){0,2}$",
        re.IGNORECASE,
    )


# A time right after the figure is its time: "64.3% in December", "2,122 on Sunday".
_RIGHT_AFTER = re.compile(r"\s*(?:[^\W\d]+\s+){0,3}$")
_SHIFT = re.compile(rf"\b{one_of(word_list('shift_back'))}\b", re.IGNORECASE)
# "five years ago": a round number of years back (two or more), not a date to compare.
_VAGUE_COUNT = one_of(w for n, forms in word_classes("number_words").items() if int(n) >= 2 for w in forms)
_VAGUE_AGO = re.compile(
    rf"\b(?:{_VAGUE_COUNT}|\d+)\s+(?:years|decades)\s+(?:ago|earlier|before|back)\b",
    re.IGNORECASE,
)

_UNDATED = {period: one_of(words, space=r"(?:-|\s+)") for period, words in word_classes("undated_periods").items()}
_PERIOD_WORDS = re.compile(rf"\b(?:(?P<year>{_UNDATED['year']})|(?P<quarter>{_UNDATED['quarter']}))\b", re.IGNORECASE)


def period_named(text: str, article_date: datetime.date | None) -> timectx.When | None:
    """A period named without a date ("for the full fiscal year", "in the quarter"): its resolution
    is known and its dates are not, so it is compared only with the same words' period."""
    m = _PERIOD_WORDS.search(text)
    if m is None or article_date is None:
        return None
    base = timectx.article_when(article_date, "year")
    resolution, label = ("year", f"{article_date.year} (a year)") if m.group("year") else ("quarter", "a quarter")
    return dataclasses.replace(base, resolution=resolution, label=label, basis="relative")


@lru_cache(maxsize=1)
def _standard_before() -> re.Pattern[str]:
    # "against 25.4% in 2017", "compared with its gross margin of 38.5% in the year-ago quarter"
    return re.compile(
        "(?:"
        + any_of("comparison")
        + rf"\s+(?:{_DETERMINER}\s+)?(?:[^\W\d]+[\s-]+){{0,4}}|"
        + any_of("comparison_next")
        + r"\s+(?:(?:a\s+revised|an?)\s+)?)$",
        re.IGNORECASE,
    )


def standards_times(
    times: list[timectx.TimeMention], sentence: str, spans: list[tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """The times that belong to a figure set up as the standard of a comparison: ``{time start: figure span}``.

    "The abstention rate was 28.1% against 25.4% in 2017": 2017 is the time of 25.4%, the value
    compared with, and not of 28.1%.
    """
    owned: dict[int, tuple[int, int]] = {}
    pattern = _standard_before()
    for fs, fe in spans:
        if not pattern.search(sentence[max(0, fs - 60) : fs]):
            continue
        for t in times:
            if t.start >= fe and _RIGHT_AFTER.fullmatch(sentence[fe : t.start]):
                owned.setdefault(t.start, (fs, fe))
                break
    return owned


@lru_cache(maxsize=1)
def _record_since() -> re.Pattern[str]:
    # "the highest since 2009", "its highest level since October 1981": the record's time, read up to
    # the start of the time mention (which may begin with "since" or follow it)
    return re.compile(any_of("record") + r"\b[^,;.]{0,45}?\bsince\b", re.IGNORECASE)


_ASIDE = re.compile(rf",\s+{one_of(word_list('relative_pronouns'))}\b[^,;:()]{{1,120}}?,", re.IGNORECASE)


# A "when" clause right after a time describes that time, up to its comma: "up from 7.18 in 2021, when
# China recorded 10.14 million deaths", "Macron's first victory in 2017, when Macron won 66.1%".
_WHEN_CLAUSE = re.compile(r",\s+when\b[^,;:]*$", re.IGNORECASE)


def _when_clause_time(times: list[timectx.TimeMention], sentence: str, fs: int) -> timectx.TimeMention | None:
    """The time a "when" clause holding the figure describes, even a comparison's standard's time; not a
    span read from "since" ("the first decline since 2019, when it fell 2%" is of 2019, not since)."""
    before = [t for t in times if t.end <= fs and t.when.anchor == "in" and _WHEN_CLAUSE.match(sentence, t.end, fs)]
    return before[-1] if before else None


def time_mention(fc: FigureContext) -> tuple[timectx.TimeMention | None, bool, bool]:
    """The time mention a figure is about, whether it is in the figure's own stretch of its clause,
    and whether another time in the clause shifts it.

    Times that belong to another figure, a comparison's standard (``fc.standards``, see
    :func:`standards_times`), are never this figure's, unless the figure is in a "when" clause that
    describes that time."""
    times, sentence, fs, fe, clause, others = fc.times, fc.sentence, fc.start, fc.end, fc.clause, fc.standards
    described = _when_clause_time(times, sentence, fs)
    if described is not None:
        return described, True, False
    # a time inside a relative clause the figure is not in ("Erdogan, who faces elections due by June,
    # has raised ...") dates that clause, not the figure
    asides = [m.span() for m in _ASIDE.finditer(sentence) if not (m.start() <= fs < m.end())]
    usable = [
        t
        for t in times
        if not _base_before().search(sentence[max(0, t.start - 40) : t.start])
        and not _record_since().search(sentence[max(0, t.start - 60) : min(t.end, t.start + 6)])
        and not any(a <= t.start < b for a, b in asides)
        and others.get(t.start, (fs, fe)) == (fs, fe)
    ]
    lo, hi = fc.own_start, fc.own_end
    in_segment = [t for t in usable if lo <= t.start <= hi]  # "$98.5 billion in the three months to September 30"
    right_after = [t for t in in_segment if t.start >= fe and _RIGHT_AFTER.fullmatch(sentence[fe : t.start])]
    if right_after:
        return right_after[0], True, False
    in_clause = [t for t in usable if clause[0] <= t.start and t.end <= clause[1]]
    found = timectx.nearest(in_segment, fs, fe)
    own = found is not None
    found = found or timectx.nearest(in_clause, fs, fe) or timectx.nearest(usable, fs, fe)
    # "A year earlier, Apple's fourth-quarter revenue ...": a shift back qualifies the other time
    uncertain = found is not None and any(
        t is not found and not t.when.overlaps(found.when) and _SHIFT.search(sentence, t.start, t.end)
        for t in in_clause
    )
    return found, own, uncertain


def figure_time(fc: FigureContext, article_date: datetime.date | None, mode: str) -> tuple[timectx.When | None, bool]:
    """The figure's time, and whether it was named in the figure's own stretch of its clause.

    ``mode`` is the measure's ``time``: ``interval`` (the default), ``year`` or ``none``.
    """
    if mode == "none":
        return None, False
    found, own, uncertain = time_mention(fc)
    sentence, clause = fc.sentence, fc.clause
    if found is not None and not (clause[0] <= found.start < clause[1]) and mode == "interval":
        # "Mac revenue shrank 34% in the quarter, ..., when sales rose in fiscal 2021": the clause
        # names its own period, so another clause's date is not the figure's
        named = period_named(sentence[clause[0] : clause[1]], article_date)
        if named is not None:
            return named, False
    if found is not None:
        when = found.when
        if uncertain or _VAGUE_AGO.search(sentence, found.start, found.end):
            when = dataclasses.replace(when, basis="approximate")
        return when, own
    named = period_named(sentence[clause[0] : clause[1]], article_date) if mode == "interval" else None
    return named or timectx.article_when(article_date, "year" if mode == "year" else "day"), False


_MONTHS = timectx.MONTH_NUMBERS
_MONTH = "(" + "|".join(word_classes("months")) + ")"
# A quarter named by its last month: "the three months to September 30", "the quarter ended September",
# "the September quarter", "the July to September quarter", "the July-September quarter".
_QUARTER_BY_END = re.compile(
    rf"\b(?:(?:three\s+months|quarter)\s+{one_of(word_list('quarter_end_words'))}\s+(?:the\s+end\s+of\s+)?{_MONTH}"
    rf"(?:\s+\d{{1,2}})?(?:,?\s+(\d{{4}}))?"
    rf"|(?:{_MONTH}\s*(?:-|–|to)\s*)?{_MONTH}(?:\s+(\d{{4}}))?\s+quarter)\b",
    re.IGNORECASE,
)


def quarter_mentions(sentence: str, article_date: datetime.date | None) -> list[timectx.TimeMention]:
    """Quarters named by their last month, as the three months ending that month.

    The year is the one written, else the latest such month at or before the article's
    date; with neither, nothing is read.
    """
    out = []
    for m in _QUARTER_BY_END.finditer(sentence):
        month_name = m.group(1) or m.group(4)
        year_text = m.group(2) or m.group(5)
        month = _MONTHS[month_name.lower()]
        if year_text:
            year = int(year_text)
        elif article_date is not None:
            year = article_date.year if month <= article_date.month else article_date.year - 1
        else:
            continue
        first = month - 2
        start = datetime.date(year if first >= 1 else year - 1, first if first >= 1 else first + 12, 1)
        end = (datetime.date(year + (month == 12), month % 12 + 1, 1)) - datetime.timedelta(days=1)
        label = f"{year}-Q{month // 3}" if month % 3 == 0 else f"quarter to {year}-{month:02d}"
        basis = "stated" if year_text else "relative"
        when = timectx.When(start, end, "quarter", label, basis=basis)
        out.append(timectx.TimeMention(when, m.start(), m.end()))
    return out


# "its fiscal fourth quarter" with no year: a company reports the quarter that has just ended.
_FISCAL_QUARTER = re.compile(
    rf"\bfiscal\s+{one_of(w for forms in word_classes('ordinals').values() for w in forms)}[\s-]+quarter\b"
    r"(?!\s+of\s+(?:fiscal\s+)?\d{4})",
    re.IGNORECASE,
)


def fiscal_quarter_mentions(sentence: str, article_date: datetime.date | None) -> list[timectx.TimeMention]:
    """A fiscal quarter named without a year, as the calendar quarter last completed before the article."""
    if article_date is None:
        return []
    out = []
    for m in _FISCAL_QUARTER.finditer(sentence):
        q_end_month = ((article_date.month - 1) // 3) * 3  # the last month of the quarter before this one
        year = article_date.year if q_end_month else article_date.year - 1
        month = q_end_month or 12
        start = datetime.date(year, month - 2, 1)
        end = datetime.date(year + (month == 12), month % 12 + 1, 1) - datetime.timedelta(days=1)
        when = timectx.When(start, end, "quarter", f"{year}-Q{month // 3}", basis="relative")
        out.append(timectx.TimeMention(when, m.start(), m.end()))
    return out


def sentence_times(sentence: str, article_date: datetime.date | None) -> list[timectx.TimeMention]:
    """Every time a sentence names: the time module's mentions, with quarters named by their last
    month, and fiscal quarters named without a year, read whole (the day or the quarter number
    inside them is not a time of its own)."""
    quarters = quarter_mentions(sentence, article_date) + fiscal_quarter_mentions(sentence, article_date)
    found = timectx.mentions(sentence, 0, len(sentence), article_date)
    if quarters:
        found = [
            t for t in found if not any(q.start <= t.start < q.end or t.start <= q.start < t.end for q in quarters)
        ]
        found = sorted(found + quarters, key=lambda t: t.start)
    return _with_prior_periods(sentence, found, article_date)


_PERIOD_NOUN = re.compile(rf"[\s-]+(?:fiscal\s+)?{one_of(word_list('period_nouns'))}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _prior_period() -> re.Pattern[str]:
    return re.compile(any_of("prior_period"), re.IGNORECASE)


def _with_prior_periods(
    sentence: str, found: list[timectx.TimeMention], article_date: datetime.date | None
) -> list[timectx.TimeMention]:
    """Periods named as a shift back from the reported one ("the year-ago quarter", "the year-earlier
    period"): one approximate mention each, in place of the times inside them. Approximate times are
    never compared: the words say "earlier", not which period."""
    if article_date is None:
        return found
    base = None
    shifted = []
    for m in _prior_period().finditer(sentence):
        base = base or timectx.article_when(article_date, "year")
        end = m.end()
        noun = _PERIOD_NOUN.match(sentence, end)
        if noun:
            end = noun.end()
        when = dataclasses.replace(base, label=f"{sentence[m.start() : end]} (a period before)", basis="approximate")
        shifted.append(timectx.TimeMention(when, m.start(), end))
    if not shifted:
        return found
    kept = [t for t in found if not any(p.start <= t.start < p.end or t.start <= p.start < t.end for p in shifted)]
    return sorted(kept + shifted, key=lambda t: t.start)


# Periods results are reported for: a quarter, a half or a fiscal year.
_REPORTING = ("quarter", "half", "fiscal_year")


def reported_period(title: str, lead: str, article_date: datetime.date | None) -> timectx.When | None:
    """The period a results story reports, if its title or lead names one and only one.

    "Apple reported revenue of $89.5 billion for its fiscal fourth quarter" makes the
    quarter the time of the article's undated figures ("Mac sales fell 34%"), in place of
    the article's date. A lead that names no such period, or two, gives none.
    """
    found = {
        (t.when.start, t.when.end, t.when.resolution): t.when
        for text in (title, lead)
        for t in sentence_times(text, article_date)
        if t.when.resolution in _REPORTING and t.when.basis in ("stated", "relative")
    }
    if len(found) != 1:
        return None
    return next(iter(found.values()))
