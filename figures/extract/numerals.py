"""Numerals: digits with separators, scale words and English number words.

Everything here turns a piece of text that is known to be a number into a value
and the place value of its last significant digit (its precision).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from figures.extract.caseless import Caseless
from figures.extract.words import word_map, word_set

UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS_WORDS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
# Scales written after a number, by name or abbreviated ("4.5 million", "2.4bn", "5 mln").
# "m" and "k" are ambiguous with metres and kilo-, so the scanner only accepts them in
# money context or before a count noun.
SCALE_WORDS_AFTER_DIGITS = frozenset(word_map("scale_words"))
SCALE_ABBREVIATIONS: dict[str, float] = {
    w: float(v) for w, v in {**word_map("scale_abbreviations"), **word_map("scale_words")}.items()
}
SAFE_SCALE_ABBREVIATIONS = word_set("safe_scale_abbreviations")

FRACTION_WORDS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fourth": 1 / 4,
    "fourths": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "seventh": 1 / 7,
    "sevenths": 1 / 7,
    "eighth": 1 / 8,
    "eighths": 1 / 8,
    "ninth": 1 / 9,
    "ninths": 1 / 9,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
VULGAR_FRACTIONS = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅒": 0.1}

# "a" and "and" are too common to be tokens of their own: "a" is a token only before a
# scale word, and "and" is read in the gap between the tokens it joins.
_NUMBER_TOKEN = Caseless(
    r"(?=[zotfsenhmbtaZOTFSENHMBTA])\b(?:a(?=[ \t\u00a0]+(?:hundred|thousand|million|billion|trillion)\b)|"
    r"hundred|thousand|million|billion|trillion|"
    + "|".join(sorted([*UNITS_WORDS, *TENS_WORDS], key=len, reverse=True))
    + r")\b"
)
_JOIN = re.compile(r"[ \t\u00a0-]+")
_AND_JOIN = re.compile(r"[ \t\u00a0]+and[ \t\u00a0]+", re.IGNORECASE)


def find_number_words(text: str, folded: str | None = None) -> list[tuple[int, int]]:
    """Spans of cardinals written in words: "twenty-two", "two hundred and fifty thousand".

    A small grammar decides where one number ends, so "five and six" are two numbers
    and "one thousand one hundred" is one.
    """
    spans: list[tuple[int, int]] = []
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _NUMBER_TOKEN.finditer(text, folded)]
    i = 0
    n = len(tokens)
    while i < n:
        word, start, end = tokens[i]
        if word in SCALE_WORDS and word != "hundred":
            i += 1
            continue
        prev = "a" if word == "a" else _kind(word)
        j = i + 1
        last_end = end
        while j < n:
            gap = text[tokens[j - 1][2] : tokens[j][1]]
            kind = _kind(tokens[j][0])
            if _AND_JOIN.fullmatch(gap):
                if prev not in ("hundred", "scale") or kind not in ("unit", "teen", "tens"):
                    break
            elif not _JOIN.fullmatch(gap or "-"):
                break
            if kind is None or not _follows(prev, kind):
                break
            prev = kind
            last_end = tokens[j][2]
            j += 1
        if word == "a" and last_end == end:
            i += 1
            continue
        spans.append((start, last_end))
        i = j
    return spans


def _kind(word: str) -> str | None:
    if word in UNITS_WORDS:
        return "teen" if UNITS_WORDS[word] >= 10 else "unit"
    if word in TENS_WORDS:
        return "tens"
    if word == "hundred":
        return "hundred"
    if word in SCALE_WORDS:
        return "scale"
    return None


_FOLLOWS = {
    "a": {"hundred", "scale"},
    "unit": {"hundred", "scale"},
    "teen": {"hundred", "scale"},
    "tens": {"unit", "scale"},
    "hundred": {"unit", "teen", "tens", "scale"},
    "scale": {"unit", "teen", "tens", "scale"},
    "and": {"unit", "teen", "tens"},
}


def _follows(prev: str, kind: str) -> bool:
    return kind in _FOLLOWS.get(prev, set())


THIN_SPACES = "\u00a0\u202f\u2009\u2007"


@dataclass(frozen=True)
class Numeral:
    """A parsed number: its value, the place value of its last digit, and doubts."""

    value: float
    precision: float | None
    flags: tuple[str, ...] = ()


def words_to_number(text: str) -> float | None:
    """Value of an English cardinal written in words; ``None`` if it is not one.

    >>> words_to_number("twenty-two")
    22.0
    >>> words_to_number("two hundred and fifty thousand")
    250000.0
    """
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t and t != "and"]
    if "zero" in tokens and len(tokens) > 1:
        return None
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        if tok == "a" and not seen:
            current = 1.0
            seen = True
        elif tok in UNITS_WORDS:
            current += UNITS_WORDS[tok]
            seen = True
        elif tok in TENS_WORDS:
            current += TENS_WORDS[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif tok in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[tok]
            current = 0.0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def _strip_group_spaces(text: str) -> str:
    for ch in THIN_SPACES + " ":
        text = text.replace(ch, "")
    return text


def parse_digits(text: str, *, count_context: bool = False) -> Numeral:
    """Parse a numeral written in digits, with any thousands separators.

    ``count_context`` tells that the number counts whole things (people, buses):
    a single dot followed by exactly three digits is then read the European way,
    as a thousands separator, and flagged ``ambiguous_separator``.
    """
    if text.isdigit() and text.isascii():
        return Numeral(float(text), _digits_precision(text, ""))  # most numerals: nothing to read
    flags: list[str] = []
    raw = text.strip()
    negative = raw[:1] in "-−"
    if negative:
        raw = raw[1:]
    cleaned = _strip_group_spaces(raw)
    if cleaned != raw:
        flags.append("space_separator")
    integer, decimals, flag = _split_separators(cleaned, count_context)
    if flag:
        flags.append(flag)
    integer = integer or "0"
    value = float(f"{integer}.{decimals}" if decimals else integer)
    return Numeral(-value if negative else value, _digits_precision(integer, decimals), tuple(flags))


def _split_separators(cleaned: str, count_context: bool) -> tuple[str, str, str]:
    """The integer and decimal digits of a numeral, and the flag its separators earn ("" if none)."""
    if "," in cleaned and "." in cleaned:
        # 1,234.5 (English) or 1.234,5 (European)
        if cleaned.rfind(",") < cleaned.rfind("."):
            integer, _, decimals = cleaned.replace(",", "").partition(".")
            return integer, decimals, ""
        integer, _, decimals = cleaned.replace(".", "").partition(",")
        return integer, decimals, "european_separators"
    if "," in cleaned:
        return _split_commas(cleaned.split(","))
    if cleaned.count(".") > 1:
        return cleaned.replace(".", ""), "", "european_separators"
    if "." in cleaned:
        integer, _, decimals = cleaned.partition(".")
        if count_context and len(decimals) == 3 and 1 <= len(integer) <= 3 and integer != "0":
            return integer + decimals, "", "ambiguous_separator"
        return integer, decimals, ""
    return cleaned, "", ""


def _split_commas(groups: list[str]) -> tuple[str, str, str]:
    """ "1,00,000" (Indian grouping), "1,234,567" (thousands) or "4,5" (a decimal comma)."""
    indian = len(groups) >= 3 and len(groups[-1]) == 3 and all(len(g) == 2 for g in groups[1:-1])
    if indian and 1 <= len(groups[0]) <= 2:
        return "".join(groups), "", "indian_grouping"
    if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
        return "".join(groups), "", ""
    return groups[0], "".join(groups[1:]), "decimal_comma"


def _digits_precision(integer: str, decimals: str) -> float:
    if decimals:
        return 10.0 ** -len(decimals)
    # Trailing zeros suggest rounding only in large numbers: "300,000" is
    # probably rounded, "20 buses" is not.
    stripped = integer.rstrip("0")
    zeros = len(integer) - len(stripped) if stripped else 0
    return 10.0 ** min(zeros, 300) if len(integer) >= 4 else 1.0  # 10.0**309 overflows


def scaled_precision(numeral: Numeral, scale: float) -> float | None:
    """Precision of a numeral followed by a scale word: "4.5 million" -> 100000."""
    return None if numeral.precision is None else numeral.precision * scale
