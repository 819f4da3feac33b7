"""Find the numbers in a text: digits, number words, fractions, vague amounts.

An :class:`Atom` is one number as written, with any scale word glued to it
("4.5 million"), before units, qualifiers and ranges are read around it. Spans
that are not quantities (dates, clock times, URLs) are found first and atoms
inside them are dropped.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from operator import itemgetter

from figures.core.units import is_currency
from figures.extract.caseless import Caseless, lowered
from figures.extract.lexicon import (
    CURRENCY_PREFIXES,
    GROUP_WORDS,
    MONEY_SHAPE_ONLY,
    MONEY_SHAPED_AMOUNT,
    MONTHS,
    UNITS_AFTER,
    VAGUE_AMOUNTS,
)
from figures.extract.numerals import (
    FRACTION_WORDS,
    SAFE_SCALE_ABBREVIATIONS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS_AFTER_DIGITS,
    TENS_WORDS,
    UNITS_WORDS,
    VULGAR_FRACTIONS,
    find_number_words,
    parse_digits,
    scaled_precision,
    words_to_number,
)
from figures.extract.words import any_of, word_list


@dataclass
class Atom:
    """One number as written. ``low``/``high`` differ only for vague amounts."""

    start: int
    end: int
    low: float
    high: float
    precision: float | None
    kind: str  # digits | words | fraction | vague | decade
    flags: tuple[str, ...] = ()
    scale: float = 1.0
    raw_digits: str = ""
    is_year_like: bool = False

    @property
    def value(self) -> float:
        return self.low


_DIGITS_RE = re.compile(
    r"""
    (?=[\d.])(?:
        \d{1,2}(?:,\d{2})+,\d{3}(?![,\d])(?:\.\d+)?                   # 1,00,000 (Indian grouping)
      | \d{1,3}(?:,\d{3})+(?:\.\d+)?                                  # 1,234,567.8
      | \d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\d,.]\d)             # 50 000
      | \d{1,3}(?:\.\d{3}){2,}(?:,\d+)?                                # 1.234.567
      | \d+,\d{1,2}(?=\s?(?:million|billion|thousand|bn|mln|%|percent|per\ cent|mm|cm|km|kg|mg|ml|GHz|mAh|kWh)\b)
      | \d+(?:\.\d+)?                                                  # 63.389, 4.5
      | (?<![A-Za-z])\.\d+(?!,\d)                                  # .5, but not "Rs.1,200" or "Rs.500"
    )
    """,
    re.VERBOSE,
)
# "$1.2-billion", "Rs 1.5-lakh": a scale word may be joined by a hyphen, an abbreviation may not.
_SCALE_RE = re.compile(
    r"(?:[ \u00a0]|-(?=(?:"
    + "|".join(w for w in sorted(SCALE_WORDS_AFTER_DIGITS) if SCALE_ABBREVIATIONS[w] >= 1e5)
    + r")\b))?("
    + "|".join(sorted(SCALE_ABBREVIATIONS, key=lambda w: (-len(w), w)))
    + r")\b(?!\.\w)",
    re.IGNORECASE,
)
# The abbreviated scales ("bn", "m", "k"), longest first: glued to the first end of a range ("£5m-10m").
_ABBREVIATED_SCALES = "|".join(
    sorted((w for w in SCALE_ABBREVIATIONS if w not in SCALE_WORDS_AFTER_DIGITS), key=lambda w: (-len(w), w))
)
# After a glued "m", a word that makes it "million" rather than "metres": "2.5m tonnes", "3m people".
# ... also after one adjective of them: "1.2 B monthly users", "300M paying subscribers".
# A currency named in words makes it "million" too ("8.6m zlotys", "300m rand"); codes and
# one- or two-letter names ("p", "c") are left out, as "5m c" is no money.
_CURRENCY_NAMES = sorted(
    {
        w
        for w, u in UNITS_AFTER.items()
        if is_currency(u.unit) and len(w) > 2 and w.replace(" ", "").isalpha() and w.islower()
    },
    key=lambda w: (-len(w), w),
)
_MILLION_NOUN = re.compile(
    r"[ \u00a0]+(?:(?:" + "|".join(word_list("million_noun_adjectives")) + r")[ \u00a0]+)?"
    r"(?:" + "|".join([*word_list("million_nouns"), *map(re.escape, _CURRENCY_NAMES)]) + r")\b",
    re.IGNORECASE,
)
_LOWER_PLURAL = re.compile(r"[ \u00a0]+[a-z]{2,}[^s\W]s\b")
_K_WORD = re.compile(r"[ \u00a0]+" + any_of("glued_k_words") + r"\b", re.IGNORECASE)
# "nov. 9", "sept. 30": a lower-case month abbreviation with its dot, found from the
# rare ". <digit>" so that common lower-case letters do not slow the scan.
_DOT_NUMBER_RE = re.compile(r"\.[ \u00a0]+\d")
_LOWER_MONTH_DATE_RE = re.compile(
    r"\b(?:" + "|".join(word_list("month_abbreviations")) + r")\.[ \u00a0]+\d{1,2}\b(?:,?\s+\d{4}\b)?"
)
_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS), key=lambda m: (-len(m), m)))
# Spans that are never quantities, found in one pass: the lookahead on the first
# character lets the engine skip most positions of a text at once. E-mail addresses
# are found from their rare "@" instead.
_BLOCKED_RE = re.compile(
    "(?=[0-9JFMASONDhwHW@#+])(?:"
    + "|".join(
        [
            # "May 4", "May 4-6", "May 4 and 5, 2024"; "4 May", "9-15 June", "4 and 5 May"
            rf"\b(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?![.,]\d)"
            rf"(?:\s*(?:[-–&]|and)\s*\d{{1,2}}(?:st|nd|rd|th)?(?![,.]?\d))?\b(?:,?\s+\d{{4}}\b)?",
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:[-–&]|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?"
            rf"(?:{_MONTH_NAMES})\b\.?(?:,?\s+\d{{4}}\b)?",
            r"\b\d{4}-\d{2}-\d{2}\b",
            r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
            r"(?i:\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:a\.m\.|p\.m\.|am|pm|GMT|UTC))?)",
            r"(?i:\b\d{1,2}(?:\.\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w))",
            # "0300 GMT", "1430 local time": a clock time on the 24-hour clock
            r"\b[0-2]\d[0-5]\d\s?(?:" + "|".join(word_list("time_zones")) + r"|hrs|(?i:local\s+time))\b",
            r"(?i:\b(?:https?://|www\.)\S+)",
            r"(?<!\w)[@#]\w+",
            r"\+\d[\d\s()-]{7,}\d",  # phone numbers
            r"(?i:\b(?:\d*(?:1(?<!11)st|2(?<!12)nd|3(?<!13)rd)|\d+th)\b)",  # ordinals; "15st" is a weight
        ]
    )
    + ")"
)
# Three or more dotted groups of digits: an address or a version, unless it is European grouping.
# Each scan below starts with the digit or word it looks for and checks what stands before
# it afterwards (``(?<![\w.]\d)``, ``(?<=\bhalf)``): a pattern that opens with a character
# or a literal lets the engine jump to the next candidate instead of trying every position.
_DOTTED_RE = re.compile(r"(\d(?<![\w.]\d)\d*)((?:\.\d+){2,})(?!\w|\.\d)")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_FRACTION_RE = Caseless(
    r"(?=[aotfsenAOTFSEN])\b(?:(a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)"
    r"(halves|half|thirds|third|quarters|quarter|fourths|fourth|fifths|fifth|sixths|sixth|sevenths|seventh|eighths|eighth|"
    r"ninths|ninth|tenths|tenth)\b"
)
_BY_BEFORE = re.compile(r"\bby[ \u00a0]+$", re.IGNORECASE)
# "the three quarters ended June": a company's periods, counted.
_PERIOD_ENDED = re.compile(r"[ \u00a0]+(?:ended|ending)\b", re.IGNORECASE)
_QUARTERS_AS_PERIODS = re.compile(
    any_of("period_count_openers") + r"[ \u00a0]+$",
    re.IGNORECASE,
)
_HALF_RE = Caseless(r"half(?<=\bhalf)\b")
# "the first half of the year", "the second half": a period, not a share.
_HALF_PERIOD_BEFORE = re.compile(any_of("half_period_openers") + r"[ \u00a0]+$", re.I)
# "half of", "half the", "half a": a share; "by half", "in half": a change by a share.
_HALF_NEXT = re.compile(r"\s+(?:of|the|a|an|its|their|his|her)\b", re.IGNORECASE)
_BY_OR_IN_BEFORE = re.compile(
    r"\b(?:by|in)[ \u00a0](?:(?:more|less)[ \u00a0]+than[ \u00a0]|(?:almost|nearly|about|around|roughly)[ \u00a0])?$",
    re.IGNORECASE,
)
# "for a year", "at least a month": one unit of time after a word that makes it a
# duration; "a year ago", "than a year before." and "once a year" are not durations,
# but "for a year before joining" is.
_A_TIME_UNIT_RE = Caseless(
    r"(a(?<=\ba)n?)[ \u00a0]+(?=(?:year|month|week|day|hour)\b"
    r"(?![ \u00a0]+(?:ago|later|earlier|previously)\b|[ \u00a0]+before\b(?![ \u00a0]*[A-Za-z])))"
)
# "an hour and 13 minutes", "a year and six months": the larger part of a duration.
_AND_A_COUNT = re.compile(
    r"(?:year|month|week|day|hour)[ \u00a0]+and[ \u00a0]+(?:\d+|a[ \u00a0]+half|"
    + "|".join([*UNITS_WORDS, *TENS_WORDS])
    + r")\b",
    re.IGNORECASE,
)
# "two years and a half", "an hour and a half": the half after the unit belongs to the count.
_UNIT_AND_A_HALF = re.compile(
    r"[ \u00a0]+(?:years?|months?|weeks?|days?|hours?|minutes?|miles?)[ \u00a0]+and[ \u00a0]+a[ \u00a0]+half\b",
    re.IGNORECASE,
)
# "by more than a percentage point", "nearly a whole point": one point.
_POINT_HINT = Caseless(r"point(?<=\bpoint)s?\b")
_A_POINT_BEFORE = re.compile(r"\b(a(?:[ \u00a0]+(full|whole))?)[ \u00a0]+(percentage[ \u00a0]+)?$", re.IGNORECASE)
_POINT_COMPARED = re.compile(any_of("point_openers") + r"[ \u00a0]+$", re.IGNORECASE)
_DURATION_BEFORE = re.compile(any_of("duration_openers") + r"[ \u00a0]+$", re.IGNORECASE)
_AND_A_PART_RE = re.compile(
    r"(?:\s+|-)and(?:\s+|-)(?:(a|one|three|two)(?:\s+|-))(half|quarters?|thirds?)\b(?!\s+of\b)",
    re.IGNORECASE,
)
# "two and a half billion": the scale after a mixed number multiplies all of it.
_SCALE_AFTER_PART = re.compile(r"[ \u00a0]+(" + "|".join(sorted(SCALE_WORDS_AFTER_DIGITS)) + r")\b", re.IGNORECASE)
_VAGUE_RE = Caseless(
    r"(?=[dshtmbacDSHTMBAC])\b(?:"
    + "|".join(re.escape(k) for k in sorted(VAGUE_AMOUNTS, key=len, reverse=True))
    + r")\b"
)
_OF_FOLLOWS = re.compile(r"[ \u00a0]+of\b", re.IGNORECASE)
# "a dozen", "4 dozen": found from the group word, then the count before it.
_GROUP_WORD_RE = Caseless(r"(dozen|score)(?<=\b\w{5})\b(?!s)")
_SCORE_OF_NUMBER = re.compile(
    r"[ \u00a0]+of[ \u00a0]+(?:\d|(?:" + "|".join(UNITS_WORDS) + "|" + "|".join(TENS_WORDS) + r")\b)", re.I
)
_GROUP_COUNT_RE = re.compile(r"\b(a|one|two|three|four|five|six|ten|half\s+a|\d{1,3})\s+$", re.IGNORECASE)
_DIGIT_WORD = "zero|one|two|three|four|five|six|seven|eight|nine"
_SPOKEN_DECIMAL_RE = re.compile(rf"[ \u00a0]+point((?:[ \u00a0]+(?:{_DIGIT_WORD})\b)+)", re.IGNORECASE)
# "half a million", "a quarter million", "three quarters of a billion".
_PART_OF_SCALE_RE = Caseless(
    r"(?=[aAtThHqQ])\b(?:(a|three)[ \u00a0]+)?(half|quarters?)[ \u00a0]+(?:of[ \u00a0]+)?(?:a[ \u00a0]+)?"
    r"(million|billion|thousand)\b"
)
# "in their 40s", "in his early sixties": an age by its decade, in digits or in words.
_DECADE_RE = Caseless(
    r"in(?<=\bin)\s+(?:his|her|their)\s+(early\s+|mid-?\s*|late\s+)?"
    r"(?:(\d0)s|(twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies)\b"
)
# Fractions: a following word that makes "a third" an ordinal ("a third party").
_FRACTION_OK_NEXT = re.compile(
    r"(?:\s*[,.;:!?)\]”\"]|\s*$|\s+" + any_of("fraction_next_words") + ")",
    re.IGNORECASE,
)


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text that are never quantities: dates, times, URLs, handles, ordinals."""
    spans = [(m.start(), m.end()) for m in _BLOCKED_RE.finditer(text)]
    for dot in _DOT_NUMBER_RE.finditer(text):
        for length in (4, 3):  # "sept." or "nov."
            m = _LOWER_MONTH_DATE_RE.match(text, max(0, dot.start() - length))
            if m is not None:
                spans.append((m.start(), m.end()))
                break
    for m in _DOTTED_RE.finditer(text):
        if _not_a_number(m):
            spans.append((m.start(), m.end()))
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        m = _EMAIL_RE.match(text, start)
        if m:
            spans.append((m.start(), m.end()))
        at = text.find("@", at + 1)
    spans.sort()
    return spans


def _not_a_number(dotted: re.Match[str]) -> bool:
    """An IP address or a version ("192.168.1.1", "3.12.1"), not European grouping ("1.234.567")."""
    groups = [dotted.group(1), *dotted.group(2)[1:].split(".")]
    address = len(groups) == 4 and all(len(g) <= 3 and int(g) <= 255 for g in groups)
    grouping = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    return address or not grouping


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    # Spans are few per article; a linear scan back from the last span starting before b stops early.
    i = bisect.bisect_left(spans, b, key=itemgetter(0)) - 1
    while i >= 0:
        s, e = spans[i]
        if e > a and s < b:
            return True
        if s < a - 400:
            break
        i -= 1
    return False


# "US71.5 cents", "A65 cents": wire copy writes the country of the cent before the number.
_CENTS_PREFIX = re.compile(r"(?<![A-Za-z])(?:" + "|".join(word_list("cent_country_letters")) + ")$")
_CENTS_AFTER = re.compile(r"[ \u00a0]?cents?\b")
# "8GB/12GB", "48MP/2MP": sizes of one unit given as alternatives, the second after a slash.
_UNIT_SLASH = re.compile(r"\d[ \u00a0]?[A-Za-z]{1,4}/$")
_CRORE_AFTER = re.compile(r"[ \u00a0]+crores?\b", re.IGNORECASE)
_MONEY_SCALES = frozenset({"m", "b", "k", "t", "mm", "mil", "bil"})


def _digit_atoms(text: str) -> list[Atom]:
    atoms: list[Atom] = []
    for m in _DIGITS_RE.finditer(text):
        a, b = m.start(), m.end()
        if _inside_word(text, a, b):
            continue
        raw = m.group()
        if raw[0] == "0" and raw.isdigit() and len(raw) > 1:
            continue  # "0101.KL", "0161 555": a code or a number to dial, written with its leading zero
        numeral = parse_digits(raw)
        # "5G", "3D", "22nd": glued letters that are not a scale are left to the unit readers
        scale, end = _scale_after(text, a, b)
        value = numeral.value * scale
        if end == b and b < len(text) and text[b] in VULGAR_FRACTIONS:
            value += VULGAR_FRACTIONS[text[b]]  # "2½"
            end = b + 1
        precision = scaled_precision(numeral, scale) if scale != 1.0 else numeral.precision
        year_like = scale == 1.0 and len(raw) == 4 and raw.isdigit() and 1800 <= numeral.value <= 2100
        atoms.append(Atom(a, end, value, value, precision, "digits", numeral.flags, scale, raw, year_like))
    return atoms


def _inside_word(text: str, a: int, b: int) -> bool:
    """Are the digits at ``a:b`` part of a word or a name ("B52", "COVID-19"), not a number?"""
    prev = text[a - 1] if a else " "
    if (
        (prev.isalnum() or prev in "_.,/\\")
        and not _GLUED_PREFIX.search(text, max(0, a - 5), a)
        and not _GLUED_UNIT_LIST.search(text, max(0, a - 6), a)
        and not (_CENTS_PREFIX.search(text, max(0, a - 3), a) and _CENTS_AFTER.match(text, b))
        and not _letter_prefix(text, a)
        and not (prev == "/" and _UNIT_SLASH.search(text, max(0, a - 8), a))
        and not magnitude_letter(text, a)
    ):
        return True  # but "RM79", "US71.5 cents": a currency glued to its amount
    # "Su-25", "COVID-19": part of a name; "minus-8", "sub-7" are numbers, and so is "10m" in "5m-10m"
    return (
        prev == "-"
        and a >= 2
        and text[a - 2].isalpha()
        and not _NUMBER_PREFIX.search(text, max(0, a - 10), a - 1)
        and not _SCALED_END.search(text, max(0, a - 6), a)
    )


# A number with a scale glued to it, then a hyphen: the first end of a range ("5m-10m", "20k-30k").
_SCALED_END = re.compile(r"(?<![\w.,])\d[\d.,]*(?:" + _ABBREVIATED_SCALES + r")-$", re.IGNORECASE)


# "M7.1": a quake's magnitude, one digit and one decimal after a lone "M" ("M2 chip" is a name).
_MAGNITUDE = re.compile(r"\d\.\d(?![\w-]|[.,]\d)")


def magnitude_letter(text: str, a: int) -> bool:
    """Is the number at ``a`` a magnitude written with its "M" glued before it ("M6.8")?"""
    return (
        a >= 1
        and text[a - 1] == "M"
        and (a < 2 or not (text[a - 2].isalnum() or text[a - 2] in "-."))
        and _MAGNITUDE.match(text, a) is not None
    )


def _scale_after(text: str, a: int, b: int) -> tuple[float, int]:
    """The scale written after the digits at ``a:b`` ("4.5 million", "$2.4bn", "30k") and where it ends."""
    sm = _SCALE_RE.match(text, b)
    if not sm:
        return 1.0, b
    word = sm.group(1).lower()
    if word in SCALE_WORDS_AFTER_DIGITS or word in SAFE_SCALE_ABBREVIATIONS:
        scale, end = SCALE_ABBREVIATIONS[word], sm.end()
        crore = _CRORE_AFTER.match(text, end) if word in ("lakh", "lakhs", "thousand", "hundred") else None
        return (scale * 1e7, crore.end()) if crore is not None else (scale, end)  # "2 lakh crore"
    if word == "cr":
        return (1e7, sm.end()) if _money_before(text, a) else (1.0, b)  # "Rs 1,200 cr": crore, after rupees only
    if _abbreviated_scale(text, sm, a):
        return SCALE_ABBREVIATIONS[word], sm.end()
    return 1.0, b


def _abbreviated_scale(text: str, sm: re.Match[str], a: int) -> bool:
    """Is a one-letter or short scale after a number a scale here, not a unit ("5m" of length)?"""
    written = sm.group(1)
    glued = sm.group(0)[0] not in " \u00a0"
    if written.lower() in _MONEY_SCALES and (glued or len(written) == 3) and _money_before(text, a):
        return True  # "$2.4b", "RM4.2mil", "RM1.9bil"
    if glued and (written == "k" or (written == "m" and _MILLION_NOUN.match(text, sm.end()))):
        return True  # "30k", "2.5m tonnes"
    if glued and written == "K":  # "12K followers", "a 9K price point"; but "4K video"
        return bool(_MILLION_NOUN.match(text, sm.end()) or _K_WORD.match(text, sm.end()))
    if glued and written in ("M", "B") and _LOWER_PLURAL.match(text, sm.end()):
        return True  # "1.5M records": metres are written with a small m
    return written in ("M", "B", "T") and _MILLION_NOUN.match(text, sm.end()) is not None  # "7 B people", "3M users"


_DIGIT_FRACTION_RE = re.compile(r"(?=\d)(?<![\w/.,])(?:(\d+)[ \u00a0])?(\d{1,2})/(\d{1,3})(?![\w/]|[.,]\d)")
_VULGAR_RE = re.compile("[" + "".join(VULGAR_FRACTIONS) + "]")
_SCIENTIFIC_RE = re.compile(
    r"(\d(?<![\w.,]\d)\d*(?:\.\d+)?)(?:[eE]([-+−]?\d{1,3})|\s?[×x]\s?10(\^|\*\*)?([-+−]?\d{1,3})"
    r"|\s?[×x·]\s?10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?!\w|\.\d)"
)
# "10^9 cells", "10**6": a power of ten alone.
_POWER_RE = re.compile(r"10(?<![\w.,^]10)(?:\^|\*\*)([-+−]?\d{1,3})(?!\w|\.\d)")
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")


def _fraction_digit_atoms(text: str) -> list[Atom]:
    """ "1/40", "2 1/2" (dates like 3/17/2022 are blocked spans)."""
    atoms: list[Atom] = []
    for m in _DIGIT_FRACTION_RE.finditer(text) if "/" in text else ():
        num, den = int(m.group(2)), int(m.group(3))
        if den == 0 or num >= den and not m.group(1):
            continue  # "24/7", "9/11": not a fraction
        whole = int(m.group(1)) if m.group(1) else 0
        value = whole + num / den
        kind = "digits" if whole else "fraction"
        atoms.append(Atom(m.start(), m.end(), value, value, None, kind, ("fraction",) if not whole else ()))
    for m in _VULGAR_RE.finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue  # "2½" is read with its digits
        value = VULGAR_FRACTIONS[m.group()]
        atoms.append(Atom(m.start(), m.end(), value, value, None, "fraction", ("fraction",)))
    for m in _SCIENTIFIC_RE.finditer(text):
        if m.group(4) and not m.group(3) and ("×" not in text[m.end(1) : m.start(4)] or float(m.group(1)) >= 10):
            continue  # "2400 x 1080 pixels": two sizes; "3 × 108" is a power of ten whose sign was lost
        exponent = (m.group(2) or m.group(4) or m.group(5).translate(_SUPERSCRIPTS)).replace("−", "-")
        value = float(f"{m.group(1)}e{exponent}")  # "1e309" is inf and "1e-400" is 0: never an exception
        atoms.append(Atom(m.start(), m.end(), value, value, None, "digits", ("scientific",), 1.0, m.group(1)))
    for m in _POWER_RE.finditer(text) if "10" in text else ():
        value = float(f"1e{m.group(1).replace('−', '-')}")
        atoms.append(Atom(m.start(), m.end(), value, value, None, "digits", ("scientific",), 1.0, "1"))
    return atoms


# "8GB/16GB", "4GB+64GB": variants of one glued unit, each a number of its own.
_GLUED_UNIT_LIST = re.compile(r"\d[A-Za-z]{1,3}[/+]$")
# Words that may be hyphenated to a number without making it a name ("sub-7",
# "now-18", "minus-130"); "COVID-19" and "Su-25" are names.
_NUMBER_PREFIX = re.compile(r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, word_list("number_prefixes"))) + ")$", re.I)
# Currency codes and symbols that may be glued to the amount ("RM79", "AUD2.1m", "HK$5").
# "Rs.1,200": a code with its abbreviation's dot.
_CODES = sorted(
    (k for k in CURRENCY_PREFIXES if k.strip().rstrip(".").isalpha() and len(k.strip()) >= 2), key=len, reverse=True
)
_GLUED_PREFIX = re.compile(r"(?:\$US|\$[A-Z]{1,2}|[A-Z]{1,2}\$|" + "|".join(map(re.escape, _CODES)) + r")$")
_MONEY_BEFORE = re.compile(
    r"(?:[$€£₽¥₹₡₾₭₿₩₱₦₺₪฿₫]|\$[A-Z]{1,2}|Y=|\b(?:" + "|".join(map(re.escape, _CODES)) + r"))[ \u00a0]?$"
)


def _letter_prefix(text: str, a: int) -> bool:
    """ "R18.92": a one-letter currency glued to an amount shaped as money."""
    return (
        a >= 1
        and text[a - 1] in MONEY_SHAPE_ONLY
        and (a < 2 or not text[a - 2].isalnum())
        and MONEY_SHAPED_AMOUNT.match(text, a) is not None
    )


# "£5m-10m": the second end of a range of money, after an amount with its sign and its scale.
_MONEY_END_BEFORE = re.compile(r"(?:[$€£¥]|\b[A-Z]{2,3})[ \u00a0]?\d[\d.,]*(?:" + _ABBREVIATED_SCALES + r")[-–]$")


def _money_before(text: str, pos: int) -> bool:
    return (
        _MONEY_BEFORE.search(text, max(0, pos - 5), pos) is not None
        or _MONEY_END_BEFORE.search(text, max(0, pos - 16), pos) is not None
    )


# "ninefold", "a hundredfold": a multiplier written as one word.
_FOLD_RE = re.compile(
    r"(?=[otfsenhOTFSENH])\b(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|hundred)"
    r"[ -]?fold\b",
    re.IGNORECASE,
)


_FOLD_HINT = Caseless(r"fold\b")


# "twice as fast", "more than twice the average": a multiplier; "met twice" counts occasions.
_TWICE_RE = Caseless(r"twice(?<=\btwice)(?=[ \u00a0]+(?:as|the|that|what|its|their|his|her)\b)")


def _word_atoms(text: str, folded: str | None) -> list[Atom]:
    return (
        [Atom(m.start(), m.end(), 2.0, 2.0, 1.0, "words") for m in _TWICE_RE.finditer(text, folded)]
        + _fold_atoms(text, folded)
        + _number_word_atoms(text, folded)
        + _part_of_scale_atoms(text, folded)
        + _nought_point_atoms(text, folded)
        + _a_time_unit_atoms(text, folded)
        + _a_point_atoms(text, folded)
        + _group_atoms(text, folded)
    )


def _fold_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "ninefold": found from the rare "fold", then the number word before it."""
    atoms: list[Atom] = []
    for hint in _FOLD_HINT.finditer(text, folded):
        m = _FOLD_RE.search(text, max(0, hint.start() - 8), hint.end())
        value = words_to_number(m.group(1)) if m is not None and m.end() == hint.end() else None
        if m is not None and value is not None:
            atoms.append(Atom(m.start(), m.end(), value, value, 1.0, "words"))
    return atoms


# "nineteen eighty", "twenty twenty-four": a year said as two pairs of digits.
_CENTURY_WORDS = frozenset({"eighteen", "nineteen", "twenty"})
_PAIR_GAP = re.compile(r"[ \u00a0]+")


def _spelled_years(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, float | None]]:
    """Number-word spans, each with its value; a century word and a pair of tens after it make one year."""
    out: list[tuple[int, int, float | None]] = []
    i = 0
    while i < len(spans):
        start, end = spans[i]
        value = words_to_number(text[start:end])
        if i + 1 < len(spans) and text[start:end].lower() in _CENTURY_WORDS:
            nxt_start, nxt_end = spans[i + 1]
            tail = words_to_number(text[nxt_start:nxt_end])
            if _PAIR_GAP.fullmatch(text, end, nxt_start) and tail is not None and 10 <= tail < 100 and value:
                out.append((start, nxt_end, value * 100 + tail))
                i += 2
                continue
        out.append((start, end, value))
        i += 1
    return out


def _number_word_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "forty-two", "three million", "six point two"."""
    atoms: list[Atom] = []
    for start, end, value in _spelled_years(text, find_number_words(text, folded)):
        if value is None:
            continue
        last = text[start:end].rsplit(None, 1)[-1].lower()
        scale = SCALE_ABBREVIATIONS.get(last, 1.0) if last in SCALE_WORDS_AFTER_DIGITS else 1.0
        precision = 1.0 if value < 100 else None
        m = _SPOKEN_DECIMAL_RE.match(text, end)
        if m and scale == 1.0:
            digits = [str(UNITS_WORDS[w.lower()]) for w in m.group(1).split()]
            value = float(f"{int(value)}.{''.join(digits)}")  # "six point two"
            precision = 10.0 ** -len(digits)
            end = m.end()
        year_like = scale == 1.0 and value.is_integer() and 1800 <= value <= 2100
        atoms.append(Atom(start, end, value, value, precision, "words", scale=scale, is_year_like=year_like))
    return atoms


# "nought point five": a decimal below one said the British way ("zero point five" is read as words).
_NOUGHT_POINT_RE = Caseless(rf"(?:nought|naught)(?<=\b\w{{6}})[ \u00a0]+point((?:[ \u00a0]+(?:{_DIGIT_WORD})\b)+)")


def _nought_point_atoms(text: str, folded: str | None) -> list[Atom]:
    atoms: list[Atom] = []
    for m in _NOUGHT_POINT_RE.finditer(text, folded):
        digits = "".join(str(UNITS_WORDS[w.lower()]) for w in m.group(1).split())
        value = float(f"0.{digits}")
        atoms.append(Atom(m.start(), m.end(), value, value, 10.0 ** -len(digits), "words"))
    return atoms


def _part_of_scale_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "half a million", "a quarter million", "three quarters of a billion"."""
    atoms: list[Atom] = []
    for m in _PART_OF_SCALE_RE.finditer(text, folded):
        part = FRACTION_WORDS[m.group(2).lower()] * (3 if m.group(1) and m.group(1).lower() == "three" else 1)
        value = part * SCALE_ABBREVIATIONS[m.group(3).lower()]
        atoms.append(Atom(m.start(), m.end(), value, value, None, "words"))
    return atoms


def _a_time_unit_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "for a year", "at least a month", "in an hour and 13 minutes": one unit of time as a duration."""
    return [
        Atom(m.start(), m.start() + len(m.group(1)), 1.0, 1.0, 1.0, "words")
        for m in _A_TIME_UNIT_RE.finditer(text, folded)
        if _DURATION_BEFORE.search(text, max(0, m.start() - 12), m.start()) or _AND_A_COUNT.match(text, m.end())
    ]


def _a_point_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "a percentage point", "a whole point", "by a point": one point, found from the rarer "point"."""
    atoms: list[Atom] = []
    for hint in _POINT_HINT.finditer(text, folded):
        m = _A_POINT_BEFORE.search(text, max(0, hint.start() - 24), hint.start())
        if m is None or text.startswith(" of", hint.end()):
            continue
        plain = not m.group(2) and not m.group(3)  # "a point" alone: only after a word of comparison
        if plain and not _POINT_COMPARED.search(text, max(0, m.start() - 14), m.start()):
            continue
        atoms.append(Atom(m.start(), m.end(1), 1.0, 1.0, 1.0, "words"))
    return atoms


def _group_atoms(text: str, folded: str | None) -> list[Atom]:
    """ "a dozen", "4 dozen": found from the group word, then the count before it."""
    atoms: list[Atom] = []
    for g in _GROUP_WORD_RE.finditer(text, folded):
        m = _GROUP_COUNT_RE.search(text, max(0, g.start() - 12), g.start())
        if m is None or (g.group(1).lower() == "score" and _SCORE_OF_NUMBER.match(text, g.end())):
            continue  # "a score of 31": the score of a game, not twenty
        count = m.group(1).lower()
        n = 0.5 if count.startswith("half") else (1 if count == "a" else UNITS_WORDS.get(count) or int(count))
        size = GROUP_WORDS[g.group(1).lower()]
        value = n * size
        # the group word is the scale, as "million" is: "two to three dozen" counts both ends in dozens
        atoms.append(Atom(m.start(), g.end(), value, value, 1.0, "words", scale=float(size)))
    return atoms


def _fraction_atoms(text: str, folded: str | None) -> list[Atom]:
    atoms: list[Atom] = []
    for m in _FRACTION_RE.finditer(text, folded):
        numerator = m.group(1).lower()
        n = 1 if numerator in ("a", "an", "one") else UNITS_WORDS[numerator]
        word = m.group(2).lower()
        if n > 1 and not word.endswith("s") and word != "half":
            continue  # "two third" is not English; "two thirds" is
        if not _fraction_kept(text, m, n, word):
            continue
        value = n * FRACTION_WORDS[word]
        atoms.append(Atom(m.start(), m.end(), value, value, None, "fraction", ("fraction",)))
    for m in _HALF_RE.finditer(text, folded):
        if _HALF_PERIOD_BEFORE.search(text, max(0, m.start() - 9), m.start()):
            continue
        if _HALF_NEXT.match(text, m.end()) or _BY_OR_IN_BEFORE.search(text, max(0, m.start() - 18), m.start()):
            atoms.append(Atom(m.start(), m.end(), 0.5, 0.5, None, "fraction", ("fraction",)))
    return atoms


def _fraction_kept(text: str, m: re.Match[str], n: int, word: str) -> bool:
    """Is a fraction word a share here, not an ordinal ("a third party") or a count of periods?

    Several of a part ("two thirds", "a two-thirds majority") are never an ordinal, but
    "for two quarters in a row" counts periods.
    """
    if n > 1 and text[m.end(1)] == "-":
        return True
    if n > 1:
        return word != "quarters" or not (
            _QUARTERS_AS_PERIODS.search(text, max(0, m.start() - 12), m.start()) or _PERIOD_ENDED.match(text, m.end())
        )
    # "a third party", "a quarter century"; but "grew by a third last year"
    return bool(_FRACTION_OK_NEXT.match(text, m.end()) or _BY_BEFORE.search(text, max(0, m.start() - 4), m.start()))


def _vague_atoms(text: str, folded: str | None) -> list[Atom]:
    atoms: list[Atom] = []
    for m in _VAGUE_RE.finditer(text, folded):
        if m.group().lower() == "scores" and not _OF_FOLLOWS.match(text, m.end()):
            continue  # "scores of people" is vague; "test scores" are not an amount
        low, high = VAGUE_AMOUNTS[m.group().lower()]
        atoms.append(Atom(m.start(), m.end(), float(low), float(high), None, "vague", ("vague",)))
    for m in _DECADE_RE.finditer(text, folded):
        base = int(m.group(2)) if m.group(2) else int(TENS_WORDS[m.group(3).lower() + "y"])
        part = (m.group(1) or "").strip().lower().rstrip("-")
        low, high = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}.get(part, (0, 9))
        atoms.append(Atom(m.start(), m.end(), float(base + low), float(base + high), None, "decade", ("vague",)))
    return atoms


# Larger than any amount a story states (a googol is 1e100), and small enough that
# sums, products and unit conversions of it stay finite.
MAX_MAGNITUDE = 1e100


def representable(atom: Atom) -> bool:
    """False for a number too large or too small to hold ("1e309", 5,000 digits, "1e-400"): it is skipped."""
    for value in (atom.low, atom.high):
        if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
            return False
    if atom.low == atom.high == 0 and any(unicodedata.digit(c, 0) for c in atom.raw_digits):
        return False  # "1e-400" and "0.000…1" with 400 zeros underflow to zero: they say nothing about zero
    return True


def find_atoms(text: str) -> list[Atom]:
    """Every number in ``text``, left to right, without overlaps and outside blocked spans."""
    blocked = blocked_spans(text)
    folded = lowered(text)
    candidates = (
        _digit_atoms(text)
        + _word_atoms(text, folded)
        + _fraction_atoms(text, folded)
        + _fraction_digit_atoms(text)
        + _vague_atoms(text, folded)
    )
    # Longest match first at each start; decades and vague phrases win over their parts.
    candidates.sort(key=lambda a: (a.start, -(a.end - a.start)))
    chosen: list[Atom] = []
    last_end = -1
    for atom in candidates:
        if atom.start < last_end:
            if (
                chosen
                and atom.end > chosen[-1].end
                and (
                    atom.kind in ("vague", "decade", "fraction")
                    or "scientific" in atom.flags
                    or not float(atom.low).is_integer()
                )
            ):
                # "tens of thousands" found after "tens": the longer phrase wins
                chosen[-1] = atom
                last_end = atom.end
            continue
        if _overlaps(blocked, atom.start, atom.end):
            continue
        chosen.append(atom)
        last_end = atom.end
    # A number too large to hold still takes its place, so no part of it ("10^400") is read instead.
    grown = _unit_and_a_half(text, [_and_a_part(text, a) for a in chosen])
    # "two and a half billion": the mixed number took in the atom of its part ("a half billion")
    kept = [a for i, a in enumerate(grown) if i == 0 or a.start >= grown[i - 1].end]
    return [a for a in kept if representable(a)]


def _unit_and_a_half(text: str, atoms: list[Atom]) -> list[Atom]:
    """ "two years and a half": the count takes the half, and the half is no atom of its own."""
    out: list[Atom] = []
    taken = -1
    for atom in atoms:
        if atom.start < taken:
            continue
        m = _UNIT_AND_A_HALF.match(text, atom.end) if atom.low == atom.high and float(atom.low).is_integer() else None
        if m is not None and atom.kind in ("digits", "words"):
            atom.low = atom.high = atom.low + 0.5
            atom.precision = 0.5
            atom.is_year_like = False
            taken = m.end()
        out.append(atom)
    return out


def _and_a_part(text: str, atom: Atom) -> Atom:
    """A mixed number: "two and a half", "one and three quarter inches", "two and a half billion"."""
    m = _AND_A_PART_RE.match(text, atom.end)
    if m and atom.kind in ("digits", "words") and atom.low == atom.high:
        count = m.group(1).lower()
        n = 1 if count in ("a", "one") else UNITS_WORDS[count]
        word = m.group(2).lower()
        part = n * FRACTION_WORDS[word]
        if part >= 1:
            return atom
        scale = _SCALE_AFTER_PART.match(text, m.end()) if atom.scale == 1.0 else None
        factor = SCALE_ABBREVIATIONS[scale.group(1).lower()] if scale else 1.0
        atom.low = atom.high = (atom.low + part) * factor
        atom.end = scale.end() if scale else m.end()
        atom.precision = FRACTION_WORDS[word] * factor
        atom.scale = factor
        atom.is_year_like = False
    return atom
