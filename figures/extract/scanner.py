"""Assemble figures from atoms: one draft per number, then its qualifier, noun and period.

Each step reads a bounded window of text next to a number, so the cost of a whole
article is linear in its length. The readers of each kind of word live in their own
modules (units, qualifiers and periods, nouns, ranges, filters).
"""

from __future__ import annotations

import re

from figures.extract.atoms import Atom
from figures.extract.changes import (
    CHANGE_NOUNS,
    DECREASE,
    EARLIER_PERIOD,
    INCREASE,
    LAST_PERIOD,
    TIMES_EARLIER,
    change_before_level,
    direction_after,
    direction_before,
    is_particle_verb,
    level_before,
    sign_before,
    words_before,
)
from figures.extract.draft import Draft, atoms_end
from figures.extract.lexicon import MONTHS
from figures.extract.nouns import count_noun
from figures.extract.numerals import parse_digits
from figures.extract.qualifiers import combine, period_after, period_before, qualifier_after, qualifier_before
from figures.extract.ranges import AGE_BEFORE, merge_range
from figures.extract.rates import per_after, per_after_of
from figures.extract.unit_reader import UnitMatch, currency_before, unit_after
from figures.extract.words import any_of, word_set
from figures.model import Qualifier

_PLUS = re.compile(r"(?:\+(?![ \u00a0]?\d)|-plus\b)")  # not "8GB+256GB": a sum of two amounts
_NEGATIVE = re.compile(r"(?:\b(minus|negative)[ \u00a0-]?|(?<![\w.,])[−-])$", re.IGNORECASE)
# "negative" is a sign only before a share, an amount or a temperature: "tested negative 3 times".
_SIGNED_BY_NEGATIVE = frozenset({"percent", "percentage_point", "currency", "temperature"})
_PLUS_OR = re.compile(r"\bplus[ \u00a0]*(?:or[ \u00a0]+|/[ \u00a0]*)$", re.IGNORECASE)
_SIGN_AT = re.compile(r"[−-]|minus\b|negative\b", re.IGNORECASE)
_DIGIT_BEFORE = re.compile(r"\d[ \u00a0]*$")
_PLUS_OR_BEFORE = re.compile(r"\bplus(?:[ \u00a0]+or[ \u00a0]+|[ \u00a0]*/[ \u00a0]*)$", re.IGNORECASE)
_WEIGHED = re.compile(r"\b(?:" + any_of("weight_words") + r")\b[^.;]*$", re.IGNORECASE)
_AVERAGE = re.compile(any_of("decimal_words") + r"[^.;]*$", re.IGNORECASE)
_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")
_TURNS = re.compile(r"\b(?:turns|turned|turning|turn)[ \u00a0]+$", re.IGNORECASE)
_OF_A = re.compile(r"\s+(of\s+)?(?:a|an)(?=\s)", re.IGNORECASE)
_OF = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
_OF_WORD = re.compile(r"\s+of\b", re.IGNORECASE)
_INDIAN_SCALES = frozenset({1e5, 1e7, 1e12})  # lakh, crore, lakh crore
_MEASURED = frozenset({"currency", "time", "length", "mass", "area", "volume"})


def draft_from_atoms(
    text: str, atoms: list[Atom], sentence_of: list[int], bounds: list[tuple[int, int]]
) -> list[Draft]:
    """Group atoms into drafts: one per figure, ranges merged."""
    drafts: list[Draft] = []
    i = 0
    n = len(atoms)
    ahead: Draft | None = None  # the next atom's draft, read while trying a range
    while i < n:
        s_idx = sentence_of[i]
        s_start, s_end = bounds[s_idx]
        draft = ahead if ahead is not None else _single(text, atoms[i], s_idx, s_start, s_end)
        ahead = None
        j = i + 1
        if j < n and sentence_of[j] == s_idx:
            second = _single(text, atoms[j], s_idx, s_start, s_end)
            merged = merge_range(text, draft, second, s_start)
            if merged is not None:
                draft = merged
                j += 1
            else:
                ahead = second  # not a range: it starts the next figure, already read
        drafts.append(draft)
        i = j
    return drafts


def _single(text: str, atom: Atom, s_idx: int, s_start: int, s_end: int) -> Draft:
    draft = Draft(
        start=atom.start,
        end=atom.end,
        value_start=atom.start,
        low=atom.low,
        high=atom.high,
        qualifier=Qualifier.RANGE if atom.low != atom.high else Qualifier.EXACT,
        atoms=[atom],
        sentence=s_idx,
        precision=atom.precision,
        flags=list(atom.flags),
    )
    if atom.kind == "decade":
        draft.unit, draft.dimension = "year", "age"
    cur = currency_before(text, atom.start)
    if cur and atom.kind == "digits":
        draft.unit, draft.dimension = cur[0], "currency"
        draft.start = cur[1]
        draft.currency_prefix = True
    # "$5 million", "US$58.24": an amount with its sign before ends after the number and its scale.
    draft.unit_end = draft.end = atom.end
    if not draft.currency_prefix:
        _read_unit_after(text, draft, s_start, s_end)
    _read_sign(text, draft, s_start)
    _read_age_before(text, draft, s_start)
    return draft


def _unit_start(text: str, atom: Atom, s_end: int) -> int:
    """Where the unit after a number starts: past "an" in "half an hour", "1/8 of a gallon"."""
    if atom.kind != "fraction":
        return atom.end
    m = _OF_A.match(text, atom.end, s_end)
    if not m:
        return atom.end
    um = unit_after(text, m.end(), s_end)
    if um and um.unit and (um.dimension in ("time", "currency", "percentage_point") or m.group(1)):
        return m.end()  # "half an hour", "half a cent", "1/8 of a gallon"
    return atom.end


def _read_unit_after(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """The unit, scale or noun written after the number ("970 km", "25 MEUR", "3 people")."""
    atom = draft.atoms[0]
    pos = _unit_start(text, atom, s_end)
    um = _unit_after_plus(text, pos, s_end) or unit_after(text, pos, s_end)
    if um is None:
        if atom.kind == "fraction":
            # "a third of": a share of its whole, kept as a ratio that converts to percent
            draft.unit, draft.dimension = "fraction", "percent"
        return
    if um.unit:
        draft.unit, draft.dimension = um.unit, um.dimension
        if um.scale != 1.0:  # "25 MEUR", "40 USD million"
            draft.low, draft.high = _times(draft.low, um.scale), _times(draft.high, um.scale)
            draft.precision = _times(draft.precision, um.scale)
        if um.unit == "ton" and atom.scale in _INDIAN_SCALES:
            draft.unit = "metric_ton"  # "64 lakh tons": Indian copy's tons are tonnes
        guessed_pound = um.unit == "GBP" and "guessed_unit" in um.flags
        if guessed_pound and _WEIGHED.search(text, max(s_start, pos - 40), pos):
            draft.unit, draft.dimension = "pound", "mass"  # "weighed 40 pounds"
            um.flags = ()
    elif um.noun:
        draft.noun = um.noun
    draft.flags.extend(um.flags)
    draft.unit_end = draft.end = um.end


_PLUS_THEN_UNIT = re.compile(r"\+[ \u00a0]?(?=[A-Za-z])")


def _unit_after_plus(text: str, pos: int, s_end: int) -> UnitMatch | None:
    """A unit written after "2,000+" or "60+ " ("2,000+ square foot homes"); the plus is read later."""
    m = _PLUS_THEN_UNIT.match(text, pos, s_end)
    if m is None:
        return None
    um = unit_after(text, m.end(), s_end)
    return um if um is not None and um.unit else None


def _read_sign(text: str, draft: Draft, s_start: int) -> None:
    """ "minus 233 Celsius", "−5%", "a -3.2% fall"; not the second half of "5 -12"."""
    atom = draft.atoms[0]
    neg = _NEGATIVE.search(text, max(s_start, draft.start - 10), draft.start)
    if neg is None:
        return
    if _PLUS_OR.search(text, max(s_start, neg.start() - 9), neg.start()):
        return  # "plus or minus 3 points": a margin either way, not a value below zero
    minus_word = neg.group(1) is not None
    if minus_word and neg.group(1).lower() == "negative" and draft.dimension not in _SIGNED_BY_NEGATIVE:
        return
    margin = _PLUS_OR_BEFORE.search(text, max(s_start, neg.start() - 9), neg.start()) if minus_word else None
    if margin is not None:
        draft.start = margin.start()  # "plus or minus 3 points": a margin either way, not below zero
        return
    if not (atom.kind == "digits" or (atom.kind == "words" and minus_word)):
        return
    if minus_word or not _DIGIT_BEFORE.search(text, max(s_start, neg.start() - 3), neg.start()):
        draft.low, draft.high = -atom.high, -atom.low
        draft.start = neg.start()


# "the over-75s", "under-16s": an age group, a bound on age.
_AGE_GROUP = re.compile(r"\b(over|under)-$", re.IGNORECASE)
_GROUP_PLURAL = re.compile(r"['’]?s\b")


def _read_age_group(text: str, draft: Draft, s_start: int) -> bool:
    """ "over-75s", "under-16s": the people above or below an age."""
    group = _AGE_GROUP.search(text, max(s_start, draft.start - 6), draft.start)
    plural = _GROUP_PLURAL.match(text, draft.atoms[0].end)
    if group is None or plural is None or draft.atoms[0].kind != "digits" or not 1 <= (draft.low or 0) <= 120:
        return False  # "the under-21 side" names a team, not an age
    draft.unit, draft.dimension = "year", "age"
    draft.qualifier = Qualifier.MORE_THAN if group.group(1).lower() == "over" else Qualifier.LESS_THAN
    draft.start = group.start()
    draft.end = draft.unit_end = plural.end()
    return True


def _read_age_before(text: str, draft: Draft, s_start: int) -> None:
    """ "aged 39", "turns 39", "the over-75s": an age named before the number."""
    if _read_age_group(text, draft, s_start):
        return
    age = AGE_BEFORE.search(text, max(s_start, draft.start - 32), draft.start)
    if age and draft.dimension in ("count", "time", "age") and draft.unit in ("", "year"):
        draft.unit, draft.dimension = "year", "age"
    elif not draft.unit and _TURNS.search(text, max(s_start, draft.start - 12), draft.start):
        draft.unit, draft.dimension = "year", "age"  # "turns 39"


def _times(value: float | None, scale: float) -> float | None:
    return None if value is None else value * scale


def finish_draft(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """Read the qualifier, the counted noun and the period around a draft, in place."""
    if draft.dropped:
        return
    for step in _FINISHING:
        step(text, draft, s_start, s_end)


def _read_qualifier_before(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    if draft.between:
        return
    q = qualifier_before(text, draft.start, s_start)
    if q is None:
        return
    if _particle_up_to(text, q[1], s_start):
        return  # "ticked up to 3.2%": a level reached, not a bound
    if draft.dimension in ("time", "length") and _over_as_during(text, q[1], s_start):
        return  # "repayable over five years", "run over 1,200km of desert": during, across
    if draft.dimension == "length" and _PASSED_FROM.match(text, q[1]) and _FROM_PLACE.match(text, draft.end):
        return  # "passed 3.2 million km from Earth": how near, not more than
    qual, qstart = q
    draft.start = qstart
    draft.qualifier = combine(draft.qualifier, qual)


def _read_plus(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """ "50+", "40-plus": at least."""
    pm = _PLUS.match(text, draft.unit_end if draft.unit else atoms_end(draft), s_end) or _PLUS.match(
        text, atoms_end(draft), s_end
    )
    if pm and draft.qualifier == Qualifier.EXACT:
        draft.qualifier = Qualifier.AT_LEAST
        draft.end = max(draft.end, pm.end())


def _read_unit_after_of(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """ "tens of thousands of rubles": a unit after "of"."""
    if draft.unit or draft.atoms[0].kind not in ("vague", "words"):
        return
    om = _OF.match(text, draft.end, s_end)
    if not om:
        return
    um = unit_after(text, om.end(), s_end)
    if um is not None and um.unit and um.dimension in _MEASURED:
        draft.unit, draft.dimension = um.unit, um.dimension
        draft.end = draft.unit_end = um.end


def _read_noun(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """The counted noun; for a fraction, the whole it is a part of ("a third of the budget")."""
    if draft.unit and draft.unit != "fraction":
        return
    if draft.noun:
        return  # read with the unit ("3 people")
    kind = draft.atoms[0].kind
    allow_of = kind in ("words", "vague", "fraction", "digits")
    singular_ok = kind == "fraction" or draft.unit == "fraction" or draft.low is None or draft.low <= 1
    noun, noun_end = count_noun(text, draft.end, s_end, allow_of, singular_ok)
    if not noun:
        return
    draft.noun = noun
    if not _OF_WORD.match(text, draft.end, draft.end + 4):
        draft.end = noun_end
    draft.noun_end = noun_end


def _read_points(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    fm = _SHARE_OF_A_POINT.match(text, draft.end, s_end) if draft.atoms[0].kind == "fraction" else None
    if fm is not None and _rate_points(text, draft, s_start, s_end):
        draft.noun, draft.end = "", fm.end()  # "half a point", "a quarter point" of a rate
        draft.unit, draft.dimension = "percentage_point", "percentage_point"
    elif draft.noun.lower() in ("points", "point") and _rate_points(text, draft, s_start, s_end):
        draft.unit, draft.dimension, draft.noun = "percentage_point", "percentage_point", ""
    elif _poll_change(text, draft, s_start, s_end):
        draft.unit, draft.dimension = "percentage_point", "percentage_point"


# "on 28% (up one)", "down three on 31%": a poll's change in a share, with "points" left out.
_UP_DOWN_BEFORE = re.compile(r"\b(?:up|down)[ \u00a0]+$", re.IGNORECASE)
_SHARE_AFTER = re.compile(
    r"[ \u00a0]*\)|[ \u00a0]+(?:on|at|to)[ \u00a0]+\d+(?:\.\d+)?[ \u00a0]?(?:%|per[ \u00a0]?cent)"
)


def _poll_change(text: str, draft: Draft, s_start: int, s_end: int) -> bool:
    """Is a bare small number after "up" or "down" a change of a share in points?"""
    if draft.unit or draft.noun or len(draft.atoms) != 1 or not 0 < (draft.low or 0) <= 20:
        return False
    return (
        _UP_DOWN_BEFORE.search(text, max(s_start, draft.start - 6), draft.start) is not None
        and _SHARE_AFTER.match(text, draft.end, s_end) is not None
        and _PERCENT.search(text, s_start, s_end) is not None
    )


_SHARE_OF_A_POINT = re.compile(r"[ \u00a0]+(?:of[ \u00a0]+)?(?:a[ \u00a0]+)?(?:percentage[ \u00a0]+)?points?\b", re.I)


# Measures whose amount per a unit of another measure is one compound unit: "15 micrograms
# per cubic metre", "2.5 tonnes per hectare". Money per kilogram keeps the kilogram as its
# ``per``, and so does a measure per a unit of its own kind ("7 micrograms per gram").
_COMPOUNDED = frozenset({"mass", "length", "volume", "area", "energy"})
_PER_WORD = re.compile(r"[ \u00a0]*(?:per|/)[ \u00a0]*", re.IGNORECASE)


def _per_unit(text: str, draft: Draft, s_end: int) -> bool:
    """Make the draft's unit a compound unit when "per" names a unit of a measure after it."""
    if draft.dimension not in _COMPOUNDED or draft.end != draft.unit_end:
        return False
    m = _PER_WORD.match(text, draft.end, s_end)
    um = unit_after(text, m.end(), s_end) if m is not None else None
    if um is None or not um.unit or um.dimension not in _COMPOUNDED or um.scale != 1.0:
        return False
    if um.dimension == draft.dimension:
        return False  # "7 micrograms per gram": a share of a whole of the same kind, counted per gram
    draft.unit, draft.dimension = f"{draft.unit} / {um.unit}", "count"
    draft.end = draft.unit_end = um.end
    return True


def _read_per(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """ "per 100,000 people", "a head": the denominator of a rate."""
    if draft.dimension in ("time", "age") or _per_unit(text, draft, s_end):
        return
    after = max(draft.end, draft.noun_end)
    per = per_after(text, after, s_end)
    if per is None and (draft.noun or draft.unit):
        per = per_after_of(text, after, s_end)
    if per is not None:
        draft.per = per[0]
        draft.end = per[1]


def _read_period(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """A period after the unit or noun, or an adjective before ("a monthly salary of")."""
    if draft.dimension in ("time", "age"):
        return
    far = draft.dimension == "count" and bool(draft.noun)
    after = period_after(text, max(draft.end, draft.noun_end), s_end, far=far)
    if after is not None:
        draft.period = after[0]
        if after[1] - draft.end <= 12:
            draft.end = after[1]
    elif draft.dimension == "currency":
        draft.period = period_before(text, draft.start, s_start)


def _read_qualifier_after(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    qa = qualifier_after(text, draft.end, s_end)
    if qa is not None and draft.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY):
        draft.qualifier = qa[0]
        draft.end = qa[1]


# Ages written without "years": "Anna Berg, 48, signed", "must be at least 18",
# "life expectancy ... around 79", "the state pension age will rise to 68".
_NAME_COMMA = re.compile(
    r"\b([A-Za-z][a-z'’-]+),[ \u00a0](?:(?:who[ \u00a0]+(?:is|was)|now|then)[ \u00a0]+)?$"
)  # "Patel, 58,", "Patel, who is 58,", "the pilot, now 81,"
# Words before ", N," that make N a count or a part, not a person's age.
_NOT_A_PERSON = word_set("not_a_person") | frozenset(MONTHS)
_MUST_BE = re.compile(r"\b(?:must|to|should|will|cannot|can't|can|would)[ \u00a0]+be[ \u00a0]+$", re.IGNORECASE)
_AGE_MEASURE = re.compile(
    r"\blife[ \u00a0]+expectancy\b|" + any_of("age_kinds") + r"[ \u00a0]+age\b"
    r"|\bretire[ds]?\b|\bdied[ \u00a0]+at[ \u00a0]+$",
    re.IGNORECASE,
)


_UP_TO = re.compile(r"up[ \u00a0]+to\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \u00a0]+$")


def _particle_up_to(text: str, qstart: int, s_start: int) -> bool:
    """Is the "up to" at ``qstart`` a verb's particle and "to" ("ticked up to", "moved up to")?"""
    if not _UP_TO.match(text, qstart):
        return False
    if _FROM_BEFORE_UP.search(text, max(s_start, qstart - 30), qstart):
        return True  # "rose from $15 up to $40": the level reached after "from"
    m = _VERB_BEFORE_UP.search(text, max(s_start, qstart - 26), qstart)
    return m is not None and is_particle_verb(m.group(1))


_VERB_BEFORE_UP = re.compile(r"([A-Za-z]+)[ \u00a0]+(?:back[ \u00a0]+)?$")  # "moving back up to"
_FROM_BEFORE_UP = re.compile(r"\bfrom[ \u00a0]+\S*\d\S*(?:[ \u00a0]+[A-Za-z%]+)?[ \u00a0]+$", re.IGNORECASE)


_OVER = re.compile(r"over\b", re.IGNORECASE)
_PASSED_FROM = re.compile(r"passed\b", re.IGNORECASE)
_FROM_PLACE = re.compile(r"[ \u00a0]+(?:from|of|above|over)\b", re.IGNORECASE)
# Before "over" and a time, words that make it "more than": "for over five years", "aged over 70".
_OVER_MORE_THAN = word_set("over_more_than")


def _over_as_during(text: str, qstart: int, s_start: int) -> bool:
    """Is the "over" at ``qstart`` before a time "during" ("rose 20% over five years")?"""
    if not _OVER.match(text, qstart):
        return False
    m = _WORD_BEFORE.search(text, max(s_start, qstart - 20), qstart)
    return m is not None and m.group(1).lower() not in _OVER_MORE_THAN


# "everyone 75 or older", "women at 50 or above": a threshold of age.
_OLDER = re.compile(r"\b(?:older|younger)\b", re.IGNORECASE)
_PERSON_AT = re.compile(any_of("person_words") + r"[ \u00a0]+(?:at|aged|of)?[ \u00a0]*$", re.IGNORECASE)


def _read_age(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    atom = draft.atoms[0]
    if draft.unit or draft.noun or len(draft.atoms) != 1 or atom.kind not in ("digits", "words"):
        return
    value = draft.low if draft.low is not None else draft.high
    if value is None or value != int(value) or not 1 <= value <= 120 or atom.scale != 1.0:
        return
    before = max(s_start, draft.start - 50)
    if (
        _after_name(text, draft, before)
        or (_AT_AGE.fullmatch(text, s_start, draft.start) is not None and text.startswith(",", draft.end))
        or (_AT_THE_TIME.match(text, draft.end) is not None and _WAS.search(text, before, draft.start) is not None)
        or (value >= 10 and _MUST_BE.search(text, before, draft.start))
        or _AGE_MEASURE.search(text, before, draft.start)
        or _OLDER.search(text, atom.end, draft.end)
        or (_PERSON_AT.search(text, before, draft.start) and draft.qualifier != Qualifier.EXACT)
    ):
        draft.unit, draft.dimension = "year", "age"


# "At 36, the striker ...": an age opening the sentence; "was 16 at the time": an age then.
_AT_AGE = re.compile(r"[\"'“‘(]?At[ \u00a0]+")
_AT_THE_TIME = re.compile(r"[ \u00a0]+at[ \u00a0]+the[ \u00a0]+time\b", re.IGNORECASE)
_WAS = re.compile(r"\b(?:was|were)[ \u00a0]+$", re.IGNORECASE)
_PERSON_NOUNS = word_set("person_nouns")
_SENTENCE_END = re.compile(r"[.!?]?[\"'”’)]*$|[.!?][\"'”’)]*[ \u00a0]")


def _after_name(text: str, draft: Draft, before: int) -> bool:
    """ "Patel, 58, runs", "said Hollis, 58.", "his daughter, 9.": an age between commas after
    a name, or at the sentence's end after a capitalised one or a word for a person."""
    name = _NAME_COMMA.search(text, before, draft.start)
    if name is None or name.group(1).lower() in _NOT_A_PERSON:
        return False
    if text.startswith(",", draft.end):
        return True
    person = name.group(1)[0].isupper() or name.group(1).lower() in _PERSON_NOUNS
    return person and _SENTENCE_END.match(text, draft.end, draft.end + 3) is not None


# Points of a rate are percentage points: "the jobless rate fell by 2 points", "rose 0.4 points
# to 5.6%". Points of an index or a game are not.
_RATE_BEFORE = re.compile(any_of("rate_words"), re.IGNORECASE)
_INDEX_WORDS = re.compile(any_of("index_words"), re.IGNORECASE)
_POLL_AFTER = re.compile(r"\b(?:" + any_of("poll_words") + r")\b", re.IGNORECASE)
_TO_PERCENT = re.compile(r"[ \u00a0]+to[ \u00a0]+\d+(?:\.\d+)?[ \u00a0]?(?:%|percent|per\s+cent)")
_RESTATED_PERCENT = re.compile(r"\s*(?:,\s*or|\(|—|–)\s*(?:about\s+|some\s+|nearly\s+)?[-+−]?\d")
_PERCENT = re.compile(r"%|\bper[ \u00a0]?cent\b|\bpercent\b", re.IGNORECASE)


def _rate_points(text: str, draft: Draft, s_start: int, s_end: int) -> bool:
    """Are the "points" after a number percentage points of a rate or a vote share?"""
    end = max(draft.end, draft.noun_end)
    if _TO_PERCENT.match(text, end, s_end):
        return True  # "rose 0.4 points to 5.6%"
    if _INDEX_WORDS.search(text, s_start, s_end) or _RESTATED_PERCENT.match(text, end, s_end):
        return False  # an index or a game, or points restated in percent ("180 points, or 1.2%")
    return bool(
        _RATE_BEFORE.search(text, s_start, draft.start)
        or _PERCENT.search(text, s_start, s_end)
        or _POLL_AFTER.search(text, end, s_end)  # "4 points ahead in the newest survey"
    )


# "2 million more than in 2019", "1,200 fewer than a year earlier": a change on the same
# measure at an earlier time. Against another thing ("300 more than its rival") it is none.
_THAN_EARLIER = re.compile(
    r"[ \u00a0]+(more|fewer|less|higher|lower)[ \u00a0]+than[ \u00a0]+(?:in[ \u00a0]+\d{4}\b|(?:a|one|the)[ \u00a0]+"
    + EARLIER_PERIOD
    + r"|"
    + LAST_PERIOD
    + r"|the[ \u00a0]+(?:previous|prior|same)[ \u00a0]+\w+|(?:before|previously)\b)",
    re.IGNORECASE,
)


_HEIGHT_NOUNS = word_set("height_nouns")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)[ \u00a0]+$", re.IGNORECASE)


def _read_direction(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """Is the draft a change up or down ("slid 2%", "+0.4%", "a 7% rise"), or a level?"""
    signed = draft.dimension in ("percent", "percentage_point") and len(draft.atoms) == 1
    if signed and sign_before(text, draft.start):
        draft.start -= 1
        draft.direction = INCREASE
    elif signed and _SIGN_AT.match(text, draft.start) and draft.low is not None and draft.low < 0:
        draft.direction = DECREASE
    else:
        before = words_before(text, draft.start, s_start)
        if not level_before(text, draft.start, s_start, before):
            dimension = draft.dimension
            head = draft.noun.split()[-1].lower() if draft.noun else ""
            if dimension == "count" and head in CHANGE_NOUNS:
                dimension = "percent"  # "added 18,000 jobs", "docked six points": a count that moves
            if head in _HEIGHT_NOUNS:
                return  # "will rise 38 storeys": how tall a building is
            draft.direction = direction_before(text, draft.start, s_start, dimension, before) or direction_after(
                text,
                draft.noun_end if dimension != draft.dimension else draft.unit_end,  # "85 points lower"
                s_end,
                dimension,
                _ARTICLE_BEFORE.search(text, max(s_start, draft.start - 6), draft.start) is not None,
            )
            if draft.direction is None and draft.dimension == "count":
                draft.direction = change_before_level(text, draft.start, draft.end, s_start, s_end)
            if draft.direction is None and draft.noun == "times" and TIMES_EARLIER.match(text, draft.noun_end, s_end):
                draft.direction = INCREASE  # "six times last year's level"
            if draft.direction is None:
                m = _THAN_EARLIER.match(text, max(draft.end, draft.noun_end), s_end)
                if m is not None:
                    draft.direction = INCREASE if m.group(1).lower() in ("more", "higher") else DECREASE


def _reread_count(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """ "63.389 Tajiks": a count of whole things read with a dot as a thousands separator.

    Not an amount per unit or an average ("2.125 goals per game", "averaged 1.250
    goals"), whose decimals are real: this runs once the unit and the denominator are
    known. A count per period is still a count of whole things ("12.500 migrants a month").
    """
    atom = draft.atoms[0]
    if len(draft.atoms) != 1 or atom.kind != "digits" or atom.scale != 1.0 or not draft.noun:
        return
    if draft.unit or draft.per:
        return
    if _DOT_THOUSANDS.fullmatch(atom.raw_digits) and not _AVERAGE.search(
        text, max(s_start, draft.start - 30), draft.start
    ):
        numeral = parse_digits(atom.raw_digits, count_context=True)
        draft.low = draft.high = numeral.value
        draft.precision = numeral.precision
        for flag in numeral.flags:
            if flag not in draft.flags:
                draft.flags.append(flag)


# "41 degrees", "31°" beside words of the weather: a temperature, in Fahrenheit when the
# sentence names it or the value is past any heat Celsius measures on Earth.
_TEMPERATURE_WORDS = re.compile(any_of("temperature_words"), re.IGNORECASE)
_FAHRENHEIT = re.compile(r"\bFahrenheit\b|°[ \u00a0]?F\b|\d[ \u00a0]?F\b")
_HOTTEST_CELSIUS = 57.0


def _read_temperature(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    bare = draft.noun.lower() in ("degrees", "degree") or draft.unit == "degree"
    if not bare or draft.low is None or not _TEMPERATURE_WORDS.search(text, s_start, s_end):
        return
    fahrenheit = abs(draft.low) > _HOTTEST_CELSIUS or _FAHRENHEIT.search(text, s_start, s_end) is not None
    draft.unit = "degree_Fahrenheit" if fahrenheit else "degree_Celsius"
    draft.dimension, draft.noun = "temperature", ""


# The readers that complete a draft, in order: each may widen the draft or set a field
# that a later one reads (the noun before the period, the unit before the direction).
_FINISHING = (
    _read_qualifier_before,
    _read_plus,
    _read_unit_after_of,
    _read_noun,
    _read_temperature,
    _read_points,
    _read_per,
    _read_period,
    _reread_count,
    _read_qualifier_after,
    _read_age,
    _read_direction,
)
