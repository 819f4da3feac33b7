"""What a count counts: the noun after a number ("63,389 Tajiks", "4.5 million migrant workers")."""

from __future__ import annotations

import re

from figures.extract.lexicon import STOPWORDS
from figures.extract.numerals import SCALE_WORDS, TENS_WORDS, UNITS_WORDS
from figures.extract.words import word_set

_WORD = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF_THE = re.compile(r"\s+of(?:\s+(?:the|these|those|them|its|their|his|her))?(?=\s)", re.IGNORECASE)
# Words of time that follow a figure without being what it counts ("by a fifth next winter").
_TIME_WORDS = word_set("noun_time_words")
# Comparatives after a share state how it compares, not what it is of ("1/3 lower").
_COMPARATIVES = word_set("comparatives")
# A number word starts another figure ("about 30,000 five years ago"), never the counted noun.
_NUMBER_WORDS = frozenset(w.lower() for w in (*UNITS_WORDS, *TENS_WORDS, *SCALE_WORDS))
_IRREGULAR_PLURALS = word_set("irregular_plurals")


def count_noun(text: str, pos: int, limit: int, allow_of: bool, singular_ok: bool = True) -> tuple[str, int]:
    """The thing counted after a number: "63,389 Tajiks", "4.5 million workers".

    A noun is a chunk of modifiers ending in a plural head ("1,200 social housing
    flats"); a lone singular word counts only where ``singular_ok`` (one thing, or a
    share of a whole: "a third of the budget").
    """
    start = pos
    if allow_of:
        m = _OF_THE.match(text, pos, limit)
        if m:
            start = m.end()
    words = _words_from(text, start, limit)
    noun_first: int | None = None
    i = 0
    while i < len(words):
        word, a, b = words[i]
        if noun_first is None:
            noun_first = a
        if not word[0].isupper():
            end = _lower_case_end(words, i, singular_ok)
            return (text[noun_first:end], end) if end is not None else ("", pos)
        step = _capitalised_step(words, i)
        if step == 0:
            return text[noun_first:b], b
        i += step
    return "", pos


def _words_from(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """Up to five words after ``pos``, each with its start and end."""
    words: list[tuple[str, int, int]] = []
    for _ in range(5):
        m = _WORD.match(text, pos, limit)
        if not m:
            break
        words.append((m.group(1), m.start(1), m.end(1)))
        pos = m.end()
    return words


def _capitalised_step(words: list[tuple[str, int, int]], i: int) -> int:
    """How many words to go on past a capitalised word; 0 when it ends the noun."""
    low = words[i][0].lower()
    nxt = words[i + 1][0] if i + 1 < len(words) else ""
    if low.endswith(("'s", "’s")) and nxt:
        return 1  # "Tajikistan's GDP": a possessive, then the head
    if nxt.lower() == "and" and i + 2 < len(words) and words[i + 2][0][0].isupper():
        return 2  # "Tajik and Uzbek citizens"
    # "63,389 Tajiks", "11,865 Kyrgyz acquired": a capitalised head noun;
    # "Russian soldiers": a capitalised modifier before a lower-case head.
    if _plural(low) or not nxt:
        return 0
    return 0 if nxt[0].islower() and (nxt.lower() in STOPWORDS or _verbish(nxt)) else 1


def _lower_case_end(words: list[tuple[str, int, int]], i: int, singular_ok: bool) -> int | None:
    """Where a noun starting with the lower-case word at ``i`` ends, or ``None`` when it is no noun."""
    word, _, b = words[i]
    low = word.lower()
    if low in STOPWORDS or low in _TIME_WORDS or low in _COMPARATIVES or low in _NUMBER_WORDS:
        return None
    head = _plural_head(words, i)
    if head is not None:
        # "migrant workers", "social housing flats", "charging points": modifiers, then a plural head
        return words[head][2]
    if _verbish(word) or not (singular_ok or _plural(low)):
        return None  # "About 300 arrive", "185 overnight": a verb or an adverb, not what is counted
    return b


def _plural_head(words: list[tuple[str, int, int]], i: int) -> int | None:
    """Index of the plural noun that ends a chunk of lower-case words starting at ``i``, if any."""
    for j in range(i, min(i + 4, len(words))):
        low = words[j][0].lower()
        if low in ("and", "or") and j > i:
            continue  # "digital and physical sales"
        if not words[j][0][0].islower() or low in STOPWORDS or low in _NUMBER_WORDS:
            return None  # "aftershock hit twenty minutes": a number word starts the next figure
        if _verbish(low) and not low.endswith("ing"):
            return None  # "budget goes": a verb ends the chunk
        if _plural(low):
            return j
    return None


# Singular nouns that end in -s: "measles cases", "news reports" go on to their head.
_NOT_PLURAL = word_set("not_plural")
# Verb forms that end a counted noun ("About 300 arrive"), besides words in -ed and -ing.
_VERBS = word_set("verbs")


def _plural(word: str) -> bool:
    if word in _NOT_PLURAL:
        return False
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)


def _verbish(word: str) -> bool:
    low = word.lower()
    if "-" in low:
        return False  # "laboratory-confirmed cases", "well-funded groups": a compound modifier, not a verb
    return (low.endswith("ed") and len(low) > 4) or (low.endswith("ing") and len(low) > 5) or low in _VERBS
