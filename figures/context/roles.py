"""The role of a figure in its clause: level or change, actual or forecast, rule or case.

Only claims of like roles are compared:

* **role**: ``level`` (a value at a time: "inflation eased to 64.3%"), ``change`` (a
  movement: "rose 2 points", "a 5% increase", "+0.4%"), ``difference`` ("69,953 more
  than in 2021"), ``prior`` (the starting level of a move whose time is not stated:
  "fell from 85% to 64%"), ``earlier`` (an earlier reading of a figure since revised: "had
  previously put the toll at 900"), ``part`` (a part of a stated whole: "of whom 40 were
  children", "including 19 from Kyrgyzstan");
* **modality**: ``actual``, ``forecast`` ("is expected to reach 3.5%"), ``target`` ("aims to
  cut it to 5%"), ``request`` ("prosecutors sought 40 to 50 years");
* **individual**: one case ("was sentenced to six years", "was fined $5,000"), not the
  general rule ("faces up to 20 years").

A change is what extraction read as one (a figure with a direction); the other cues
are general English and look only at the figure's own clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from figures.context.figure_context import FigureContext
from figures.context.time import one_of, word_list
from figures.context.words import alternation, any_of, phrases
from figures.extract import extract_text
from figures.extract.changes import CHANGE_WORDS
from figures.extract.words import word_set
from figures.model import ClaimRole, Figure, Modality, Qualifier

# A base that is another figure, not a year: "and injured more than 140" is that figure's approximation.
_FIGURE_NEXT = r"(?!\s*(?:[$€£¥]|(?!(?:19|20)\d\d\b)\d))"


@lru_cache(maxsize=1)
def _difference_after() -> re.Pattern[str]:
    """A difference between two values: "69,953 more than in 2021", "12,000 people fewer than"; not a
    comparative that opens the next figure ("killed 62 and injured more than 140")."""
    return re.compile(
        rf"^\s*(?:(?:{alternation('people_nouns')}|\w+s)\s+)?{one_of(word_list('difference_comparatives'))}\s+"
        rf"{one_of(word_list('difference_base'))}\b{_FIGURE_NEXT}|^\s*(?:\w+\s+){{0,2}}"
        rf"{one_of(word_list('quantity_comparatives'))}\s+than\b{_FIGURE_NEXT}",
        re.IGNORECASE,
    )


# An approximation before the figure ("from about 85%") is part of the figure extraction reads.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:(?:a\s+revised|an?\s+)\s*)?$", re.IGNORECASE)
_TO_AFTER = re.compile(r"^\s*(?:[\w%.'’-]+\s+){0,3}?to\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _part_before() -> re.Pattern[str]:
    """Words right before a part of a stated whole (``part_words``): "of whom 40", "including 19"."""
    return re.compile(rf"\b{alternation('part_words')}\s+(?:\w+\s+)?$", re.IGNORECASE)


# "1,351 of the dead", "40 of them": a count taken out of a whole named after it.
_PART_AFTER = re.compile(rf"^\s+of\s+{one_of(word_list('whole_determiners'))}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _forecast() -> re.Pattern[str]:
    """A word that makes the figure after it a forecast (``forecast_words``, a modal and a verb)."""
    return re.compile(
        rf"\b(?:{alternation('forecast_words')}|{alternation('forecast_modals')}\s+(?:{one_of(word_list('modal_adverbs'))}\s+)?"
        rf"{alternation('forecast_will_verbs')})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _earlier_reading() -> re.Pattern[str]:
    """A word that makes the figure after it an earlier reading since revised (``earlier_reading``)."""
    return re.compile(rf"\b{alternation('earlier_reading')}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _opens_with_earlier_reading() -> re.Pattern[str]:
    """A sentence framed by an earlier reading ("Initial figures showed ...", "According to early
    estimates, ..."): it holds for every clause of the sentence."""
    return re.compile(
        rf"^\W*(?:according\s+to\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w'’]+\s+)?{alternation('earlier_reading')}\b",
        re.IGNORECASE,
    )


def _is_earlier_reading(sentence: str, before: str) -> bool:
    return bool(_earlier_reading().search(before) or _opens_with_earlier_reading().search(sentence))


@lru_cache(maxsize=1)
def _target() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation('target_words')}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _individual() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation('one_case_words')}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _general() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation('rule_words')}\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _increment() -> re.Pattern[str]:
    """An increment before the figure: "another 52", "a further 103"."""
    return re.compile(any_of("increment") + r"\s+$", re.I)


@lru_cache(maxsize=1)
def _against_forecast() -> re.Pattern[str]:
    return re.compile(
        any_of("than_forecast_comparative")
        + rf"[\s-]+than[\s-]+{_FORECAST_PARTICIPLE}\b|"
        + any_of("as_forecast_adverb")
        + rf"\s+{_FORECAST_PARTICIPLE}\b|"
        + any_of("beat_forecast_verb")
        + r"\s+(?:[\w'’]+\s+){0,2}?"
        + any_of("forecast_noun"),
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _request() -> re.Pattern[str]:
    """What one side asked for, before or after the figure in its clause: "sought 40 years", "the 40
    years recommended by prosecutors" (``request``)."""
    return re.compile(any_of("request"), re.IGNORECASE)


@lru_cache(maxsize=1)
def _request_apart() -> re.Pattern[str]:
    """Before the figure, a verb of ``request_apart`` with the one asked between it and its "for" or "to
    sentence": "asked the judge for 30 years", "asked Judge X to sentence her to 15 years". After the
    figure it is the figure that asks ("290 asked the court for the maximum")."""
    return re.compile(
        any_of("request_apart") + rf"\s+(?:[\w.'’]+\s+){{1,4}}?(?:for|to\s+{one_of(word_list('sentencing_verbs'))})\b",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _sides() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(any_of("prosecution_side"), re.I), re.compile(any_of("defence_side"), re.I)


_FORECAST_PARTICIPLE = one_of(word_list("forecast_participles"))
_FILLERS = word_set("change_fillers")  # "an estimated 9 million": extraction reads past these already


# Every comparison with a forecast names a forecast participle or noun: a few substring tests
# (cheaper than a regex scan) pass over the many clauses that name none.
@lru_cache(maxsize=1)
def _forecast_cues() -> tuple[str, ...]:
    words = {p.split()[0] for p in (*word_list("forecast_participles"), *phrases("forecast_noun"))}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def without_forecast_comparisons(text: str) -> str:
    """``text`` without the words that set an outcome against a forecast ("a higher-than-expected 11.1%"):
    they name a forecast without making the figure one."""
    low = text.lower()
    if not any(w in low for w in _forecast_cues()):
        return text  # most clauses name no forecast at all: one cheap scan
    return _against_forecast().sub(" ", text)


def requester(sentence: str, fig_start: int) -> str | None:
    """The side that asked for a requested figure: the side named nearest before it ("prosecutors
    sought 40 years"), else nearest after it ("the 40 years recommended by prosecutors")."""
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for side, pattern in zip(("prosecution", "defence"), _sides(), strict=True):
        for m in pattern.finditer(sentence):
            if m.end() <= fig_start:
                if before is None or (fig_start - m.end(), side) < before:
                    before = (fig_start - m.end(), side)
            elif after is None or (m.start() - fig_start, side) < after:
                after = (m.start() - fig_start, side)
    found = before or after
    return found[1] if found else None


@dataclass(frozen=True)
class Role:
    """A figure's role, modality and whether it reports one case."""

    role: ClaimRole = ClaimRole.LEVEL
    modality: Modality = Modality.ACTUAL
    individual: bool = False
    cue: str = ""  # the words that decided, for the finding's reason


def role_of(fc: FigureContext) -> Role:
    """The role of a figure within its clause."""
    c_start, c_end = fc.clause
    before = fc.sentence[max(c_start, fc.start - 200) : fc.start]  # the words that can bear on the figure
    after = fc.sentence[fc.end : c_end]
    clause = fc.sentence[c_start:c_end]
    role, cue = _role(fc.figure, fc.sentence[: fc.start], before, after)
    before = without_forecast_comparisons(before)  # "a higher-than-expected 11.1%" is the outcome
    return Role(role, _modality(clause, before, after), _one_case(fc.figure, before, clause), cue)


def _role(figure: Figure, ahead: str, before: str, after: str) -> tuple[ClaimRole, str]:
    """The figure's role and the words that decided it (``ahead``: its sentence up to it), a level by default."""
    near_before = before[-60:]
    if figure.dimension == "count" and _increment().search(near_before):
        return ClaimRole.CHANGE, "an increment added to an earlier count"  # "another 52 were confirmed dead"
    if (
        figure.part_of is not None
        or _part_before().search(near_before)
        or (figure.dimension == "count" and _PART_AFTER.match(after))
    ):
        return ClaimRole.PART, "a part of a stated whole"
    if _difference_after().match(after):
        return ClaimRole.DIFFERENCE, "a difference between two values"
    if (
        _FROM_BEFORE.search(near_before)
        and figure.qualifier != Qualifier.RANGE  # "range from five to 12 years" is one range
        and (_TO_AFTER.match(after) or not CHANGE_WORDS.isdisjoint(before.lower().split()))
    ):
        return ClaimRole.PRIOR, "the starting level of a move"
    if _is_earlier_reading(ahead, before):
        return ClaimRole.EARLIER, "an earlier reading, since revised"  # "had previously put the toll at 900"
    if figure.direction is not None:  # extraction read a change: "rose 2 points", "a 5% increase", "+0.4%"
        return ClaimRole.CHANGE, "a change, not a level"
    if _moves_past_adjective(figure, ahead):
        return ClaimRole.CHANGE, "a change, past the adjective before it"
    if figure.dimension == "percentage_point" and not re.search(r"\b(?:to|at)\s+$", near_before):
        return ClaimRole.CHANGE, "a change in percentage points"
    return ClaimRole.LEVEL, ""


# "added a stunning 353,000 jobs", "and a staggering 59.9% over the year": an article and one
# lower-case word (an adjective) right before the figure.
_ADJECTIVE_BEFORE = re.compile(r"\b(?-i:an?)\s+(?-i:[a-z])[\w-]*[a-z]\s+$")


def _moves_past_adjective(figure: Figure, ahead: str) -> bool:
    """Whether the figure states a change once the adjective between it and its verb is left out.

    Extraction reads the verb of change right before a figure ("added 353,000 jobs"), or the one a
    second figure shares ("climbed 8.3% in March and 41.2% over the year"); an adjective after "a"
    hides both. The sentence up to the figure is read again without the two ("rose to a record 5.3%"
    stays a level: "to" makes it one).
    """
    m = _ADJECTIVE_BEFORE.search(ahead, max(0, len(ahead) - 40))
    if m is None or m.group().split()[1] in _FILLERS:
        return False
    text = ahead[: m.start()] + figure.surface
    found = [f for f in extract_text(text) if f.end == len(text)]
    return bool(found) and found[-1].direction is not None


def _modality(clause: str, before: str, after: str) -> Modality:
    """Whether the figure is what happened, or what someone expects, aims at or asks for."""
    if _request().search(clause) or _request_apart().search(before):
        return Modality.REQUEST  # "prosecutors sought 40 to 50 years": what one side asked for
    if _target().search(before):
        return Modality.TARGET
    if _forecast().search(before) or _FORECAST_AFTER.match(after):
        return Modality.FORECAST
    return Modality.ACTUAL


_FORECAST_AFTER = re.compile(rf"^\s*(?:is|are|was|were)?\s*{one_of(word_list('forecast_passive'))}")


def _one_case(figure: Figure, before: str, clause: str) -> bool:
    """Whether a term or an amount is one case ("was sentenced to six years"), not the general rule."""
    if figure.dimension not in ("time", "currency") or figure.qualifier not in (
        Qualifier.EXACT,
        Qualifier.APPROXIMATELY,
    ):
        return False
    return bool(_individual().search(before)) and not _general().search(clause)
