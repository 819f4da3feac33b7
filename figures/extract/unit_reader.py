"""Units and currencies written next to a number: "$5", "RUB 300", "970 km", "24-year-old"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.extract.lexicon import CURRENCY_PREFIXES, SPACED_SHORT_UNITS_OK, TIME_UNITS, UNITS_AFTER, UnitWord
from figures.extract.longtail import longtail_units

_PREFIXES = sorted(CURRENCY_PREFIXES, key=len, reverse=True)
_HYPHEN_TIME = re.compile(
    r"-(year|month|week|day|hour|minute|second|decade)s?(-old\b|-long\b)?(?![\w-])", re.IGNORECASE
)
_SPACED_AGE = re.compile(r"[ \u00a0](year|month|week|day)s?[-\u2011]old\b", re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-([a-z]{3,})\b(?!-)")
_OLD = re.compile(r"\s+old\b", re.IGNORECASE)
_UNIT_TOKENS = re.compile(r"([ \u00a0]?)([^\s\d(),;:!?\"“”]+(?:[ \u00a0][^\s\d(),;:!?\"“”]+){0,3})")


_PREFIX_AT_END = re.compile("(" + "|".join(re.escape(k) for k in _PREFIXES) + ")[ \u00a0]?$")


def currency_before(text: str, pos: int) -> tuple[str, int] | None:
    """A currency symbol or code written just before ``pos``: ``$``, ``US$``, ``RUB ``."""
    window = text[max(0, pos - 6) : pos]
    m = _PREFIX_AT_END.search(window)
    if m is None:
        return None
    key = m.group(1)
    k = pos - len(window) + m.start()
    if key[0].isalpha() and k > 0 and text[k - 1].isalnum():
        return None
    return CURRENCY_PREFIXES[key], k


@dataclass
class UnitMatch:
    unit: str
    dimension: str
    end: int
    flags: tuple[str, ...] = ()
    noun: str = ""


def _lookup_unit(phrase: str, spaced: bool) -> UnitWord | None:
    word = UNITS_AFTER.get(phrase)
    if word is None and not any(c.isupper() for c in phrase):
        word = UNITS_AFTER.get(phrase.lower())
    if word is None and len(phrase) > 2 and not phrase.isupper():
        # "Rubles" in a title, "degrees Fahrenheit"; all-capital codes must match exactly
        word = UNITS_AFTER.get(phrase.lower())
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


def unit_after(text: str, pos: int, limit: int) -> UnitMatch | None:
    """The unit written right after a number ending at ``pos``."""
    m = _SPACED_AGE.match(text, pos, limit)
    if m:
        return UnitMatch(m.group(1).lower(), "age", m.end())  # "an 18 year-old winger"
    m = _HYPHEN_TIME.match(text, pos, limit)
    if m:
        unit = m.group(1).lower()
        if (m.group(2) or "").lower() == "-old":
            return UnitMatch(unit, "age", m.end())
        return UnitMatch(unit, "time", m.end())
    m = _UNIT_TOKENS.match(text, pos, limit)
    if m:
        spaced = bool(m.group(1))
        tokens = m.group(2).split()
        head, slash, _ = tokens[0].partition("/")
        if slash and head and _lookup_unit(tokens[0].rstrip(".,"), spaced) is None and _lookup_unit(head, spaced):
            tokens = [head]  # "€/litre", "$/barrel": the unit, then its denominator
        for k in range(min(4, len(tokens)), 0, -1):
            phrase = " ".join(tokens[:k])
            end = m.start(2) + len(phrase)
            # A unit ends at a word boundary (punctuation stripped from its tail).
            core = phrase.rstrip(".'’")
            if core != phrase and core.lower() not in ("approx", "u.s"):
                end -= len(phrase) - len(core)
                phrase = core
            if not phrase:
                continue
            if end < len(text) and text[end].isalnum() and phrase[-1].isalnum():
                continue
            word = _lookup_unit(phrase, spaced)
            if word is None:
                continue
            flags = ("guessed_unit",) if word.guessed else ()
            dimension = word.dimension
            if word.unit in TIME_UNITS:
                om = _OLD.match(text, end, limit)
                if om:
                    return UnitMatch(word.unit, "age", om.end(), flags)
            return UnitMatch(word.unit, dimension, end, flags)
    m = _HYPHEN_NOUN.match(text, pos, limit)
    if m and m.group(1).lower() not in ("plus", "strong", "odd", "something", "year", "old"):
        return UnitMatch("", "count", m.end(), (), m.group(1))
    return None
