"""Rate denominators that are not time periods: "$60 a barrel", "per share", "per 100,000 people".

A time period ("a month", "per year") is the figure's ``period``; any other thing an
amount is counted against is its ``per``. After "per" or "/" any noun can follow; after
"a" or "an" only a word that names a unit of sale or a person, since "a" also starts
ordinary phrases ("$60 a piece of", "5% a decade ago").
"""

from __future__ import annotations

import re

from figures.extract.lexicon import DENOMINATORS, PERIOD_NOUNS
from figures.extract.numerals import parse_digits

_PER_AFTER = re.compile(
    r"[ \u00a0]*(?:(?P<per>per|/)|(?P<a>a|an)(?=[ \u00a0]))[ \u00a0]*"
    r"(?:(?P<count>\d{1,3}(?:,\d{3})+|\d+)[ \u00a0]+)?"
    r"(?P<word>[A-Za-z][a-z]*(?:[ \u00a0](?:live|of)?[a-z]+)?)",
    re.IGNORECASE,
)
# "14 per 1,000": a counted denominator whose noun is left out.
_PER_COUNT = re.compile(r"[ \u00a0]*per[ \u00a0]+(?P<count>\d{1,3}(?:,\d{3})+|\d+)(?![\w,.]*\d)(?![ \u00a0]*[A-Za-z])")
# "5.2 cases of the disease per 100,000 people": the denominator after what is counted.
_OF_PHRASE = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:[A-Za-z][\w'’-]*[ \u00a0]+){0,2}[A-Za-z][\w'’-]*(?=[ \u00a0]+(?:per|in)\b)"
)
# "31 milligrams of nitrate in 100 millilitres": after an "of" phrase, "in" and a round
# number is a denominator as "per" is.
_IN_ROUND = re.compile(
    r"[ \u00a0]+in[ \u00a0]+(?:every[ \u00a0]+)?(?P<count>10+|1(?:0{0,2})(?:,000)+)[ \u00a0]+(?P<word>[A-Za-z][a-z]+)"
)
_SINGLE_WORD = re.compile(r"[A-Za-z][a-z]*")
_NEXT_WORD = re.compile(r"[ \u00a0]+([A-Za-z]+)")


def per_after(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """A non-time denominator right after ``pos``: ("barrel", end) for "$60 a barrel"."""
    m = _PER_AFTER.match(text, pos, limit)
    if m is None:
        bare = _PER_COUNT.match(text, pos, limit)
        if bare is None:
            return None
        return str(int(parse_digits(bare.group("count")).value)), bare.end()  # "14 per 1,000."
    count = m.group("count")
    word = _denominator_words(m.group("word"), count)
    end = m.start("word") + len(word)
    if not _is_denominator(text, m, word, end, limit):
        return None
    if count:
        value = parse_digits(count).value
        return f"{int(value)} {word}", end
    low = word.lower()
    return DENOMINATORS.get(low, low), end


def _denominator_words(word: str, count: str | None) -> str:
    """One word, unless the two make a known name ("per square metre") or a counted
    denominator's modifier and head ("per 1,000 live births", not "residents last")."""
    first = _SINGLE_WORD.match(word)
    if first is None or first.group() == word:
        return word
    known = not count and word.lower() in DENOMINATORS
    modifier = count and not first.group().lower().endswith("s")
    return word if known or modifier else first.group()


def _is_denominator(text: str, m: re.Match[str], word: str, end: int, limit: int) -> bool:
    """Does the word after "per", "/" or "a" name what an amount is counted against?"""
    low = word.lower()
    count = m.group("count")
    if len(low) < 3 and low not in DENOMINATORS:
        return False
    if low in PERIOD_NOUNS or low.rstrip("s") in PERIOD_NOUNS:
        return False
    after = _NEXT_WORD.match(text, end, limit)
    if after and after.group(1).lower() in PERIOD_NOUNS:
        return False  # "per school year", "a financial year": a period, not a denominator
    if m.group("a") and (count or low not in DENOMINATORS):
        return False
    return not (m.group("per") == "/" and count)


def per_after_of(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """A denominator after an "of" phrase: ("100000 people", end) for "cases of the disease per 100,000 people"."""
    m = _OF_PHRASE.match(text, pos, limit)
    if m is None:
        return None
    rm = _IN_ROUND.match(text, m.end(), limit)  # "of sugar in every 100 grams"
    if rm is not None:
        return f"{int(parse_digits(rm.group('count')).value)} {rm.group('word')}", rm.end()
    return per_after(text, m.end(), limit)
