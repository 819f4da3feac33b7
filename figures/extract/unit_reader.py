"""Units and currencies written next to a number: "$5", "RUB 300", "970 km", "24-year-old"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from figures.extract.lexicon import (
    CURRENCY_PREFIXES,
    MONEY_SHAPE_ONLY,
    MONEY_SHAPED_AMOUNT,
    SCALED_CURRENCIES,
    SPACED_SHORT_UNITS_OK,
    TIME_UNITS,
    UNITS_AFTER,
    UnitWord,
)
from figures.extract.longtail import longtail_units
from figures.extract.numerals import SCALE_ABBREVIATIONS as SCALE_WORDS

_PREFIXES = sorted(CURRENCY_PREFIXES, key=len, reverse=True)
_HYPHEN_TIME = re.compile(
    r"-(year|month|week|day|hour|minute|second|decade)s?(-old\b|-long\b)?(?![\w-])", re.IGNORECASE
)
_SPACED_AGE = re.compile(r"[ \u00a0](year|month|week|day)s?[-\u2011]old\b", re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-([a-z]{3,})\b(?!-)")
_OLD = re.compile(r"\s+old\b", re.IGNORECASE)
_POWER_UNIT = re.compile(r"[ \u00a0]?(km|m|cm|mm|ft|mi)([23²³])(?![\w²³])")
_BRACKETED = re.compile(r"[ \u00a0]?\(([^()\s\d]{1,12})\)")
_HYPHEN_UNIT = re.compile(r"-([A-Za-z]+)\b(?!-)")
_HYPHEN_WORDS = re.compile(r"-([A-Za-z]+(?:-[A-Za-z]+){1,2})\b")
_SCALE_AFTER_CODE = re.compile(r"[ \u00a0]+(thousand|million|billion|trillion|bn|mn|mln)\b", re.IGNORECASE)
# A unit's words stop at a plus sign ("8GB+256GB" is two amounts) and at an apostrophe ("an hour’s drive").
_UNIT_TOKENS = re.compile(r"([ \u00a0]?)([^\s\d(),;:!?\"“”+'’]+(?:[ \u00a0][^\s\d(),;:!?\"“”+'’]+){0,3})")


_PREFIX_AT_END = re.compile("(" + "|".join(re.escape(k) for k in _PREFIXES) + ")[ \u00a0]?$")


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A currency symbol or code written just before ``pos``: ``$``, ``US$``, ``RUB ``."""
    window = text[max(0, pos - 7) : pos]
    m = _PREFIX_AT_END.search(window)
    if m is None:
        return None
    key = m.group(1)
    k = pos - len(window) + m.start()
    if key[0].isalpha() and k > 0 and text[k - 1].isalnum():
        return None
    if key in MONEY_SHAPE_ONLY and not MONEY_SHAPED_AMOUNT.match(text, pos):
        return None  # "PS5": a console, not pounds; "the R40": a road, not rand
    return CURRENCY_PREFIXES[key], k


@dataclass
class UnitMatch:
    """A unit read after a number: its name, dimension, where it ends, and any scale it carries."""

    unit: str
    dimension: str
    end: int
    flags: tuple[str, ...] = ()
    noun: str = ""
    scale: float = 1.0


def _lookup_unit(phrase: str, spaced: bool) -> UnitWord | None:
    word = UNITS_AFTER.get(phrase)
    if word is None:
        low = phrase.lower()
        if low == phrase or (len(phrase) > 2 and not phrase.isupper()):
            # "Rubles" in a title, "degrees Fahrenheit"; all-capital codes must match exactly
            word = UNITS_AFTER.get(low)
    if word is None:
        by_surface, by_symbol = longtail_units()
        word = by_symbol.get(phrase) or by_surface.get(phrase.lower())
    if word is None:
        return None
    if (
        spaced
        and phrase.isalpha()
        and len(phrase) <= 2
        and phrase.lower() not in SPACED_SHORT_UNITS_OK
        and not phrase.isupper()
    ):
        return None
    if len(phrase) == 1 and phrase.isalpha() and spaced:
        return None
    return word


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The first word of every unit phrase, as written and in lower case."""
    by_surface, by_symbol = longtail_units()
    out: set[str] = set()
    for phrase in (*UNITS_AFTER, *SCALED_CURRENCIES, *by_surface, *by_symbol):
        word = phrase.split(" ")[0]
        out.update((word, word.lower()))
    return frozenset(out)


def unit_after(text: str, pos: int, limit: int) -> UnitMatch | None:
    """The unit written right after a number ending at ``pos``."""
    for read in _HYPHENATED_READERS if text.startswith("-", pos) else _UNIT_READERS:
        um = read(text, pos, limit)
        if um is not None:
            return um
    return None


def _spaced_age(text: str, pos: int, limit: int) -> UnitMatch | None:
    m = _SPACED_AGE.match(text, pos, limit)
    return UnitMatch(m.group(1).lower(), "age", m.end()) if m else None  # "an 18 year-old winger"


def _hyphen_time(text: str, pos: int, limit: int) -> UnitMatch | None:
    m = _HYPHEN_TIME.match(text, pos, limit)
    if not m:
        return None
    dimension = "age" if (m.group(2) or "").lower() == "-old" else "time"  # "a 24-year-old", "a 10-year plan"
    return UnitMatch(m.group(1).lower(), dimension, m.end())


# "2h 21min 9s", "1min 52s": seconds written "s" only after minutes, since "the 1990s" is a decade.
_MINUTES_BEFORE = re.compile(r"\d[ \u00a0]?(?:mins?|m)[ \u00a0]+\d{1,2}(?:\.\d+)?$")


def _short_seconds(text: str, pos: int, limit: int) -> UnitMatch | None:
    if text.startswith("s", pos) and (pos + 1 >= limit or not text[pos + 1].isalnum()):
        if _MINUTES_BEFORE.search(text, max(0, pos - 16), pos):
            return UnitMatch("second", "time", pos + 1)
    return None


def _power_unit(text: str, pos: int, limit: int) -> UnitMatch | None:
    m = _POWER_UNIT.match(text, pos, limit)
    if m and (word := UNITS_AFTER.get(m.group(1) + m.group(2))) is not None:
        return UnitMatch(word.unit, word.dimension, m.end())  # "24m2", "5 km²"
    return None


def _unit_tokens(m: re.Match[str], spaced: bool) -> list[str]:
    """The words after a number that may open a unit; none when no unit starts with the first."""
    tokens = m.group(2).split()
    head, slash, _ = tokens[0].partition("/")
    if slash and head and _lookup_unit(tokens[0].rstrip(".,"), spaced) is None and _lookup_unit(head, spaced):
        tokens = [head]  # "€/litre", "$/barrel": the unit, then its denominator
    first = tokens[0]
    core_first = first.rstrip(".'’")
    starts = _first_words()
    if first in starts or core_first in starts or first.lower() in starts or core_first.lower() in starts:
        return tokens
    return []  # most numbers are followed by a plain word


def _phrase_end(phrase: str, start: int) -> tuple[str, int]:
    """A unit phrase without the punctuation at its tail ("km." in "970 km."), and its end."""
    core = phrase.rstrip(".'’")
    if core != phrase and core.lower() not in ("approx", "u.s", "m.p.h"):
        return core, start + len(core)
    return phrase, start + len(phrase)


def _unit_phrase(text: str, pos: int, limit: int) -> UnitMatch | None:
    """The longest phrase of up to four words that names a unit ("km", "square feet", "US dollars")."""
    m = _UNIT_TOKENS.match(text, pos, limit)
    if not m:
        return None
    spaced = bool(m.group(1))
    tokens = _unit_tokens(m, spaced)
    for k in range(min(4, len(tokens)), 0, -1):
        phrase, end = _phrase_end(" ".join(tokens[:k]), m.start(2))
        # A unit ends at a word boundary.
        if not phrase or (end < len(text) and text[end].isalnum() and phrase[-1].isalnum()):
            continue
        if phrase in SCALED_CURRENCIES:
            code, scale = SCALED_CURRENCIES[phrase]
            return UnitMatch(code, "currency", end, scale=scale)
        word = _lookup_unit(phrase, spaced)
        if word is not None:
            return _named_unit(text, word, end, limit)
    return None


def _named_unit(text: str, word: UnitWord, end: int, limit: int) -> UnitMatch:
    """A unit found by name, with what may follow it: "5 years old", "40 USD million"."""
    flags = ("guessed_unit",) if word.guessed else ()
    if word.unit in TIME_UNITS:
        om = _OLD.match(text, end, limit)
        if om:
            return UnitMatch(word.unit, "age", om.end(), flags)
    scale = 1.0
    if word.dimension == "currency":
        sm = _SCALE_AFTER_CODE.match(text, end, limit)  # "40 USD million"
        if sm:
            scale, end = SCALE_WORDS[sm.group(1).lower()], sm.end()
    return UnitMatch(word.unit, word.dimension, end, flags, scale=scale)


def _hyphen_words(text: str, pos: int, limit: int) -> UnitMatch | None:
    m = _HYPHEN_WORDS.match(text, pos, limit)
    return _measured_unit(m, m.group(1).replace("-", " ")) if m else None  # "a 1,800-square-foot bungalow"


def _bracketed_or_hyphen_unit(text: str, pos: int, limit: int) -> UnitMatch | None:
    m = _BRACKETED.match(text, pos, limit) or _HYPHEN_UNIT.match(text, pos, limit)
    return _measured_unit(m, m.group(1)) if m else None  # "35 (kg)", "a 250-hp engine"


def _measured_unit(m: re.Match[str], phrase: str) -> UnitMatch | None:
    """A unit of measure (not money or time) named in a hyphenated or bracketed phrase."""
    word = _lookup_unit(phrase, False)
    if word is not None and word.dimension not in ("currency", "time"):
        return UnitMatch(word.unit, word.dimension, m.end())
    return None


_NOT_HYPHEN_NOUNS = frozenset({"plus", "strong", "odd", "something", "year", "old"})


def _hyphen_noun(text: str, pos: int, limit: int) -> UnitMatch | None:
    """ "a 3-bedroom house": the counted noun hyphenated to its number."""
    m = _HYPHEN_NOUN.match(text, pos, limit)
    if m and m.group(1).lower() not in _NOT_HYPHEN_NOUNS:
        return UnitMatch("", "count", m.end(), (), m.group(1))
    return None


# What may follow a number, tried in order; the first that reads a unit wins. After a
# hyphen ("24-year-old", "a 250-hp engine") only the readers that may open with one are tried.
_UNIT_READERS = (_short_seconds, _spaced_age, _power_unit, _unit_phrase, _bracketed_or_hyphen_unit)
_HYPHENATED_READERS = (_hyphen_time, _unit_phrase, _hyphen_words, _bracketed_or_hyphen_unit, _hyphen_noun)
