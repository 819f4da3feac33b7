"""Words around numbers: qualifiers, units, currencies, periods, vague amounts.

The lexicon is data, in ``figures/data/extract_words.yaml`` (read by
:mod:`figures.extract.words`); this module gives its lists the shapes the readers use.
The readers are :mod:`figures.extract.unit_reader`, :mod:`figures.extract.qualifiers`
and :mod:`figures.extract.filters`. Unit names are pint names (currencies are ISO 4217
codes, defined in pint as dimensions of their own by :mod:`figures.core.units`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.extract.words import data, word_list, word_map, word_set
from figures.model import Qualifier

# Qualifiers written before a number, longest first when matched.
QUALIFIERS_BEFORE: dict[str, Qualifier] = {k: Qualifier(v) for k, v in word_map("qualifiers_before").items()}

# Qualifiers written after a number (and its unit).
QUALIFIERS_AFTER: dict[str, Qualifier] = {k: Qualifier(v) for k, v in word_map("qualifiers_after").items()}


@dataclass(frozen=True)
class UnitWord:
    """A unit as written in text, with its canonical pint name and dimension."""

    unit: str
    dimension: str
    guessed: bool = False


# Currency symbols and codes written before the amount.
CURRENCY_PREFIXES: dict[str, str] = word_map("currency_prefixes")

# Prefixes that are also letters of names and codes: money only before an amount that
# reads as money: grouped thousands, cents, or a scale ("PS450,000", "R18.92", "R3.5 billion").
MONEY_SHAPE_ONLY = word_set("money_shape_only_prefixes")
MONEY_SHAPED_AMOUNT = re.compile(
    r"\d{1,3}(?:,\d{3})+|\d+\.\d{2}(?!\d)|\d+(?:\.\d+)?[ \u00a0]?(?:million|billion|bn|m|mn)\b"
)

# Currency codes written with a scale of their own: "25 MEUR" is 25 million euros.
SCALED_CURRENCIES: dict[str, tuple[str, float]] = {
    code: (currency, float(scale)) for code, (currency, scale) in word_map("scaled_currencies").items()
}

# Unit words written after a number. Keys are lower-case unless the unit is an
# upper-case code or symbol, which must match exactly; a later entry wins.
UNITS_AFTER: dict[str, UnitWord] = {
    surface: UnitWord(entry["unit"], entry["dimension"], bool(entry.get("guessed", False)))
    for entry in data()["units_after"]
    for surface in entry["surfaces"]
}

# A single-letter symbol only counts as a unit when glued to the number ("5 h"
# is rare, "5h" is common) or listed here as safe with a space.
SPACED_SHORT_UNITS_OK = word_set("spaced_short_units_ok")

TIME_UNITS = word_set("time_units")

# Words that state a rate period, and the period they name.
PERIOD_ADJECTIVES: dict[str, str] = word_map("period_adjectives")
PERIOD_NOUNS: dict[str, str] = word_map("period_nouns")

# Things an amount is counted against, other than time, readable after "a"/"an" as
# well as after "per" ("$60 a barrel", "£15 a head"), with the singular each stands for.
DENOMINATORS: dict[str, str] = word_map("denominators")

# Vague amounts: the interval a reader would grant them; plurals of a power of ten
# span that power to the next ("millions": 1 to 10 million).
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {k: (low, high) for k, (low, high) in word_map("vague_amounts").items()}

# Number words that name one thing in a count ("a dozen").
GROUP_WORDS: dict[str, int] = word_map("group_words")

MONTHS = set(word_list("months"))

# Words that, written just before a number, make it a label rather than a quantity.
IDENTIFIER_WORDS = set(word_list("identifier_words"))

# Determiners and words after which a capitalised word starts a label.
STOPWORDS = word_set("stopwords")
