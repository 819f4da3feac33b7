"""Assemble figures from atoms: ranges, qualifiers, currencies, units, periods, nouns.

Each step reads a bounded window of text next to a number, so the cost of a whole
article is linear in its length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from figures.extract.atoms import Atom
from figures.extract.lexicon import (
    CURRENCY_PREFIXES,
    IDENTIFIER_WORDS,
    PERIOD_ADJECTIVES,
    PERIOD_NOUNS,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SPACED_SHORT_UNITS_OK,
    STOPWORDS,
    TIME_UNITS,
    UNITS_AFTER,
    UnitWord,
)
from figures.extract.longtail import longtail_units
from figures.extract.numerals import parse_digits
from figures.model import Qualifier


@dataclass
class Draft:
    """A figure being assembled; becomes a :class:`~figures.model.Figure`."""

    start: int
    end: int
    value_start: int
    low: float | None
    high: float | None
    qualifier: Qualifier
    atoms: list[Atom]
    sentence: int
    unit: str = ""
    dimension: str = "count"
    noun: str = ""
    period: str | None = None
    precision: float | None = None
    flags: list[str] = field(default_factory=list)
    unit_end: int = 0
    currency_prefix: bool = False
    between: bool = False
    noun_end: int = 0
    equivalent: Draft | None = None
    parts: list[int] = field(default_factory=list)
    part_of: int | None = None
    each_of: int | None = None
    dropped: bool = False


_QUAL_BEFORE = sorted(QUALIFIERS_BEFORE, key=len, reverse=True)
_QUAL_AFTER = sorted(QUALIFIERS_AFTER, key=len, reverse=True)
_PREFIXES = sorted(CURRENCY_PREFIXES, key=len, reverse=True)
_SCORE = re.compile(r"[-–]")
_RANGE_DASH = re.compile(r"[ \u00a0]?[-–—][ \u00a0]?$")
_RANGE_WORD = re.compile(r"-?\s+(?:to|through|thru|till|until)\s+$", re.IGNORECASE)
_RANGE_AND = re.compile(r"\s+(?:and|to|-|–)\s+$", re.IGNORECASE)
_RANGE_OR = re.compile(r"\s+or\s+(?:maybe|perhaps|possibly)\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(between|from)\s+(?:A\.D\.\s*|AD\s+)?$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(between\s+)?(?:the\s+)?(?:aged|ages?)(?:\s+of)?\s+(between\s+)?$", re.IGNORECASE)
_HYPHEN_TIME = re.compile(
    r"-(year|month|week|day|hour|minute|second|decade)s?(-old\b|-long\b)?(?![\w-])", re.IGNORECASE
)
_SPACED_AGE = re.compile(r"[ \u00a0](year|month|week|day)s?[-\u2011]old\b", re.IGNORECASE)
_HYPHEN_NOUN = re.compile(r"-([a-z]{3,})\b(?!-)")
_PLUS = re.compile(r"(?:\+|-plus\b)")
_OLD = re.compile(r"\s+old\b", re.IGNORECASE)
_WORD = re.compile(r"[ \u00a0]+([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_UNIT_TOKENS = re.compile(r"([ \u00a0]?)([^\s\d(),;:!?\"“”]+(?:[ \u00a0][^\s\d(),;:!?\"“”]+){0,3})")
_PERIOD_AFTER = re.compile(
    r"\s*(?:(?:per|a|an|each|every|/)\s*(month|year|annum|week|day|hour|mo|yr|wk)\b(?!\s+(?:earlier|ago|later|before|after))"
    r"|\s(monthly|annually|yearly|weekly|daily|hourly)\b)",
    re.IGNORECASE,
)
_PERIOD_FAR = re.compile(r"^[^.;:!?\d]{0,60}?\b(?:each|every|per)\s+(month|year|week|day|hour)\b", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(
    r"\b(monthly|annual|annually|yearly|weekly|daily|hourly|per-month)\s+(?:[A-Za-z-]+\s+){0,3}"
    r"(?:of|at|is|was|were|worth|totall?ing|amounting\s+to|around|about|some|up\s+to|over|"
    r"more\s+than|nearly|almost)?\s*$",
    re.IGNORECASE,
)
_ONE_IDIOMS = re.compile(
    r"\s+(?:another|day|time|way|thing|by\s+one|must|can|could|would|should|may|might|will|"
    r"of\s+(?:us|them|those|these|its|his|her|their|our))\b",
    re.IGNORECASE,
)
_ONE_BEFORE = re.compile(r"\b(?:no|any|every|each|the|this|that|which|some|someone|anyone)\s+$", re.IGNORECASE)
_TIME_PREP = re.compile(
    r"\b(?:in|since|by|from|until|till|to|of|between|and|during|before|after|early|late|mid|"
    r"summer|winter|spring|autumn|fall|end|through|the|this|last|next|year|years|'s|’s|circa|c\.)\s*$",
    re.IGNORECASE,
)
_OF_THE = re.compile(r"\s+of(?:\s+(?:the|these|those|them|its|their|his|her))?(?=\s)", re.IGNORECASE)
_STREET = re.compile(r"\b(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Square|Sq|Place|Highway)\.?$")
_NEGATIVE = re.compile(r"(?:\b(minus)[ \u00a0-]?|(?<![\w.,])[−-])$", re.IGNORECASE)
_DIGIT_BEFORE = re.compile(r"\d[ \u00a0]*$")
_ERA_BEFORE = re.compile(r"A\.D|AD|CE")
_ERA_AFTER = re.compile(r"[ \u00a0]?(?:BC|BCE|B\.C\.|AD|A\.D\.|CE)(?!\w)")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")
_OF = re.compile(r"\s+of(?=\s)", re.IGNORECASE)
_MEASURED = frozenset({"currency", "time", "length", "mass", "area", "volume"})
_IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "police", "personnel", "staff", "troops"})


_QUAL_BEFORE_AT_END = re.compile(
    "(?:"
    + "|".join((r"(?<![\w])" if p[0].isalnum() else "") + re.escape(p).replace(r"\ ", r"\s+") for p in _QUAL_BEFORE)
    + r")\s*$",
    re.IGNORECASE,
)


def qualifier_before(text: str, pos: int, floor: int) -> tuple[Qualifier, int] | None:
    """A qualifier phrase ending just before ``pos`` (white space allowed between)."""
    window = text[max(floor, pos - 30) : pos]
    m = _QUAL_BEFORE_AT_END.search(window)
    if m is None:
        return None
    phrase = " ".join(m.group().split()).lower()
    return QUALIFIERS_BEFORE[phrase], pos - len(window) + m.start()


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


def count_noun(text: str, pos: int, limit: int, allow_of: bool) -> tuple[str, int]:
    """The thing counted after a number: "63,389 Tajiks", "4.5 million workers"."""
    start = pos
    if allow_of:
        m = _OF_THE.match(text, pos, limit)
        if m:
            start = m.end()
    words: list[tuple[str, int, int]] = []
    cursor = start
    for _ in range(5):
        m = _WORD.match(text, cursor, limit)
        if not m:
            break
        words.append((m.group(1), m.start(1), m.end(1)))
        cursor = m.end()
    noun_first: int | None = None
    i = 0
    while i < len(words):
        word, a, b = words[i]
        low = word.lower()
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if word[0].isupper():
            if noun_first is None:
                noun_first = a
            if nxt.lower() == "and" and i + 2 < len(words) and words[i + 2][0][0].isupper():
                i += 2  # "Tajik and Uzbek citizens"
                continue
            # "63,389 Tajiks", "11,865 Kyrgyz acquired": a capitalised head noun;
            # "Russian soldiers": a capitalised modifier before a lower-case head.
            if _plural(low) or not nxt or not nxt[0].islower() or nxt.lower() in STOPWORDS or _verbish(nxt):
                if _plural(low) or not nxt or nxt[0].islower() or not nxt[0].isalpha():
                    return text[noun_first:b], b
            i += 1
            continue
        if low in STOPWORDS or _verbish(word):
            break
        if noun_first is None:
            noun_first = a
        # "migrant workers", "contract soldiers": a singular word before a plural head
        if nxt and nxt[0].islower() and nxt.lower() not in STOPWORDS and not _verbish(nxt):
            if not _plural(low) and (_plural(nxt.lower())):
                return text[noun_first : words[i + 1][2]], words[i + 1][2]
        return text[noun_first:b], b
    return "", pos


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss") and len(word) > 3)


def _verbish(word: str) -> bool:
    low = word.lower()
    return (
        (low.endswith("ed") and len(low) > 4)
        or (low.endswith("ing") and len(low) > 5)
        or low
        in (
            "said",
            "says",
            "told",
            "were",
            "was",
            "are",
            "is",
            "have",
            "has",
            "had",
            "died",
            "fled",
            "left",
            "went",
            "came",
            "got",
            "made",
            "took",
            "gave",
            "face",
            "faced",
            "work",
            "worked",
            "live",
            "lived",
            "remain",
            "remained",
            "became",
            "become",
            "sought",
            "signed",
            "joined",
        )
    )


def period_before(text: str, pos: int, floor: int) -> str | None:
    window = text[max(floor, pos - 60) : pos]
    m = _PERIOD_BEFORE.search(window)
    if m:
        return PERIOD_ADJECTIVES[m.group(1).lower()]
    return None


def period_after(text: str, pos: int, limit: int, far: bool) -> tuple[str, int] | None:
    m = _PERIOD_AFTER.match(text, pos, limit)
    if m:
        word = (m.group(1) or m.group(2)).lower()
        return PERIOD_NOUNS.get(word) or PERIOD_ADJECTIVES[word], m.end()
    if far:
        m = _PERIOD_FAR.match(text[pos:limit])
        if m:
            return PERIOD_NOUNS[m.group(1).lower()], pos + m.end()
    return None


def qualifier_after(text: str, pos: int, limit: int) -> tuple[Qualifier, int] | None:
    window = text[pos : min(limit, pos + 20)].lower()
    stripped = window.lstrip(" ,")
    offset = len(window) - len(stripped)
    for phrase in _QUAL_AFTER:
        if stripped.startswith(phrase):
            end = offset + len(phrase)
            if end < len(window) and window[end].isalnum():
                continue
            return QUALIFIERS_AFTER[phrase], pos + end
    return None


_IDENTIFIER_STEMS = frozenset(w.rstrip(".") for w in IDENTIFIER_WORDS)


_WORD_BEFORE = re.compile(r"([A-Za-z#][A-Za-z.]*)\.?\s*$")


def word_before(text: str, atom: Atom, floor: int) -> tuple[str, int] | None:
    """The word right before a number, and where it starts: ("Section", 10) for "Section 427"."""
    window_start = max(floor, atom.start - 16)
    m = _WORD_BEFORE.search(text, window_start, atom.start)
    return (m.group(1), m.start(1)) if m else None


def after_label_word(text: str, atom: Atom, floor: int) -> bool:
    """Does a word that makes numbers labels stand right before the number ("Section 427", "No. 6")?"""
    found = word_before(text, atom, floor)
    return found is not None and found[0].lower().rstrip(".") in _IDENTIFIER_STEMS


def era_year(text: str, draft: Draft, floor: int) -> bool:
    """Is the number a year of an era ("A.D. 1000", "300 BC", "between AD 1000 and 1260")?"""
    if _ERA_AFTER.match(text, draft.atoms[-1].end):
        return True
    found = word_before(text, draft.atoms[0], floor)
    return found is not None and _ERA_BEFORE.fullmatch(found[0].rstrip(".")) is not None


def is_identifier(text: str, atom: Atom, floor: int) -> bool:
    """Is a bare number a label ("Prison No. 6", "Article 359", "Big 12", "F-16")?"""
    a = atom.start
    if a >= 2 and text[a - 1] == "-" and text[a - 2].isalpha():
        return True
    found = word_before(text, atom, floor)
    if found is None:
        return False
    word, start_of_word = found
    if word.lower().rstrip(".") in _IDENTIFIER_STEMS:
        return True
    if any(c.isupper() for c in word[1:]) and word[0].islower() and atom.kind == "digits":
        return True  # "iPhone 11", "eBay 2": a product name
    if word[0].isupper() and atom.kind == "digits" and "," not in atom.raw_digits:
        # A capitalised word glued to a number ("Big 12", "Windows 10") unless it starts
        # the sentence or is a word that commonly precedes a quantity.
        if start_of_word <= floor or text[floor:start_of_word].strip() == "":
            return False
        if word.lower() in STOPWORDS or word.lower() in QUALIFIERS_BEFORE:
            return False
        return True
    return False


def draft_from_atoms(
    text: str, atoms: list[Atom], sentence_of: list[int], bounds: list[tuple[int, int]]
) -> list[Draft]:
    """Group atoms into drafts: one per figure, ranges merged."""
    drafts: list[Draft] = []
    i = 0
    n = len(atoms)
    while i < n:
        atom = atoms[i]
        s_idx = sentence_of[i]
        s_start, s_end = bounds[s_idx]
        draft = _single(text, atom, s_idx, s_start, s_end)
        j = i + 1
        if j < n and sentence_of[j] == s_idx:
            merged = _try_range(text, draft, atoms[j], s_start, s_end)
            if merged is not None:
                draft = merged
                j += 1
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
    draft.unit_end = atom.end
    if not draft.currency_prefix:
        pos = atom.end
        if atom.kind == "fraction":
            m = re.compile(r"\s+(?:a|an)(?=\s)", re.IGNORECASE).match(text, pos, s_end)
            if m:
                um = unit_after(text, m.end(), s_end)
                if um and um.dimension == "time":
                    pos = m.end()
        um = unit_after(text, pos, s_end)
        if um is not None:
            if um.unit:
                draft.unit, draft.dimension = um.unit, um.dimension
            elif um.noun:
                draft.noun = um.noun
            draft.flags.extend(um.flags)
            draft.unit_end = draft.end = um.end
        elif atom.kind == "fraction":
            draft.unit, draft.dimension = "percent", "percent"
            draft.low = draft.high = round(atom.low * 100, 6)
    else:
        # "$5 million", "US$58.24": the amount ends after the number and its scale.
        draft.unit_end = draft.end = atom.end
    neg = _NEGATIVE.search(text, max(s_start, draft.start - 7), draft.start)
    if (
        neg
        and atom.kind == "digits"
        and (neg.group(1) or not _DIGIT_BEFORE.search(text, max(s_start, neg.start() - 3), neg.start()))
    ):
        # "minus 233 Celsius", "−5%", "a -3.2% fall"; not the second half of "5 -12"
        draft.low, draft.high = -atom.high, -atom.low
        draft.start = neg.start()
    age = _AGE_BEFORE.search(text, max(s_start, draft.start - 32), draft.start)
    if age and draft.dimension in ("count", "time", "age") and draft.unit in ("", "year"):
        draft.unit, draft.dimension = "year", "age"
    return draft


def _try_range(text: str, first: Draft, second_atom: Atom, s_start: int, s_end: int) -> Draft | None:
    second = _single(text, second_atom, first.sentence, s_start, s_end)
    gap_end = second.start
    between = text[first.unit_end : gap_end]
    if len(between) > 16:
        return None
    marker = _BETWEEN.search(text, max(s_start, first.start - 20), first.start)
    age = _AGE_BEFORE.search(text, max(s_start, first.start - 24), first.start)
    has_between = bool(marker and marker.group(1).lower() == "between") or bool(age and (age.group(1) or age.group(2)))
    approx = False
    if _RANGE_DASH.fullmatch(between) or _RANGE_WORD.fullmatch(between):
        pass
    elif has_between and _RANGE_AND.fullmatch(between):
        pass
    elif _RANGE_OR.fullmatch(between):
        approx = True
    else:
        return None
    a, b = first.atoms[0], second_atom
    short_year = b.kind == "digits" and len(b.raw_digits) == 2 and _RANGE_DASH.fullmatch(between) is not None
    if a.is_year_like and not first.unit and not (b.is_year_like or short_year) and _RANGE_WORD.fullmatch(between):
        return None  # "in 2020 to 63,389 Tajiks": a year, then a figure
    if a.is_year_like and (b.is_year_like or short_year):
        first.dropped = True
        first.flags.append("year_span")
        first.end = second.end
        first.atoms.append(b)
        return first
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if a.scale == 1.0 and b.scale > 1.0 and a.kind == "digits" and a.low * b.scale <= b.high:
        first.low = a.low * b.scale
        first.high = a.high * b.scale
        first.precision = (first.precision or 1.0) * b.scale
    if first.low is not None and second.high is not None and first.low > second.high:
        if _SCORE.fullmatch(between) and not first.unit and not second.unit and b.kind == "digits":
            # "passed 52-48", "won 3-1": a score, not a range and not two quantities
            first.flags.append("score")
            first.end = second.end
            first.atoms.append(b)
            return first
        return None
    unit, dimension = (first.unit, first.dimension) if first.unit else (second.unit, second.dimension)
    if first.dimension == "age" or second.dimension == "age":
        dimension = "age"
    precision = (
        min(p for p in (first.precision, second.precision) if p is not None)
        if (first.precision is not None or second.precision is not None)
        else None
    )
    merged = Draft(
        start=first.start,
        end=second.end,
        value_start=first.value_start,
        low=first.low,
        high=second.high,
        qualifier=Qualifier.APPROXIMATELY if approx and first.low == second.high else Qualifier.RANGE,
        atoms=[first.atoms[0], second_atom],
        sentence=first.sentence,
        unit=unit,
        dimension=dimension,
        noun=second.noun or first.noun,
        precision=precision,
        flags=sorted(set(first.flags) | set(second.flags)),
        unit_end=second.unit_end,
        currency_prefix=first.currency_prefix,
        between=has_between,
    )
    if marker and marker.group(1).lower() == "between":
        merged.start = marker.start()
    if age and merged.dimension == "count" and not merged.unit:
        merged.unit, merged.dimension = "year", "age"
    if approx:
        merged.flags.append("alternatives")
    return merged


def finish_draft(text: str, draft: Draft, s_start: int, s_end: int) -> None:
    """Read the qualifier, the counted noun and the period around a draft, in place."""
    atom = draft.atoms[0]
    if draft.dropped:
        return
    # Qualifiers before.
    if not draft.between:
        q = qualifier_before(text, draft.start, s_start)
        if q is not None:
            qual, qstart = q
            draft.start = qstart
            draft.qualifier = _combine(draft.qualifier, qual)
    # Qualifiers after, and "50+".
    pm = _PLUS.match(text, draft.unit_end if draft.unit else atoms_end(draft), s_end)
    if pm and draft.qualifier == Qualifier.EXACT:
        draft.qualifier = Qualifier.AT_LEAST
        draft.end = max(draft.end, pm.end())
    # "tens of thousands of rubles": a unit after "of".
    if not draft.unit and atom.kind in ("vague", "words"):
        om = _OF.match(text, draft.end, s_end)
        if om:
            um = unit_after(text, om.end(), s_end)
            if um is not None and um.unit and um.dimension in _MEASURED:
                draft.unit, draft.dimension = um.unit, um.dimension
                draft.end = draft.unit_end = um.end
    # Counted noun.
    if not draft.unit:
        allow_of = atom.kind in ("words", "vague", "fraction") or (draft.noun == "" and atom.kind == "digits")
        noun, noun_end = ("", draft.end) if draft.noun else count_noun(text, draft.end, s_end, allow_of)
        if noun:
            draft.noun = noun
            direct = not re.match(r"\s+of\b", text[draft.end : draft.end + 4], re.IGNORECASE)
            if direct:
                draft.end = noun_end
            draft.noun_end = noun_end
        _reread_count(draft)
    # Periods: after the unit or noun, or an adjective before ("a monthly salary of").
    if draft.dimension in ("currency", "count"):
        after = period_after(
            text, max(draft.end, draft.noun_end), s_end, far=draft.dimension == "count" and bool(draft.noun)
        )
        if after is not None:
            draft.period = after[0]
            if after[1] - draft.end <= 12:
                draft.end = after[1]
        elif draft.dimension == "currency":
            draft.period = period_before(text, draft.start, s_start)
    qa = qualifier_after(text, draft.end, s_end)
    if qa is not None and draft.qualifier in (Qualifier.EXACT, Qualifier.APPROXIMATELY):
        draft.qualifier = qa[0]
        draft.end = qa[1]


def atoms_end(draft: Draft) -> int:
    return draft.atoms[-1].end


def _combine(current: Qualifier, new: Qualifier) -> Qualifier:
    if current == Qualifier.RANGE:
        return current
    return new


def _reread_count(draft: Draft) -> None:
    """ "63.389 Tajiks": a count of whole things read with a dot as a thousands separator."""
    atom = draft.atoms[0]
    if len(draft.atoms) != 1 or atom.kind != "digits" or atom.scale != 1.0 or not draft.noun:
        return
    if re.fullmatch(r"\d{1,3}\.\d{3}", atom.raw_digits):
        numeral = parse_digits(atom.raw_digits, count_context=True)
        draft.low = draft.high = numeral.value
        draft.precision = numeral.precision
        for flag in numeral.flags:
            if flag not in draft.flags:
                draft.flags.append(flag)


def apply_bounds(draft: Draft) -> None:
    """Turn the qualifier into the interval's open or closed ends."""
    q = draft.qualifier
    if q in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        draft.high = None
    elif q in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        draft.high = draft.high if draft.high is not None else draft.low
        draft.low = None


def keep_draft(text: str, draft: Draft, s_start: int) -> bool:
    """Is this draft a quantity (not a year, a label, or a pronoun "one")?"""
    if draft.dropped:
        return False
    atom = draft.atoms[0]
    if len(draft.atoms) == 1 and atom.is_year_like and not draft.currency_prefix:
        # A bare 4-digit number from 1800 to 2100 is a year unless a unit or a
        # qualifier makes it an amount ("about 2000 people").
        if not draft.unit and draft.qualifier == Qualifier.EXACT:
            return False
        if not draft.unit and _TIME_PREP.search(text, max(s_start, atom.start - 12), atom.start):
            return False
    if (
        atom.kind == "words"
        and text[atom.start].isupper()
        and _NAME_BEFORE.search(text, max(s_start, atom.start - 30), atom.start)
    ):
        # "Department One", "Formula One": a capitalised number word after a name is part of it
        return False
    if len(draft.atoms) == 1 and not draft.unit and not draft.noun and is_identifier(text, atom, s_start):
        return False
    if (
        len(draft.atoms) == 1
        and atom.kind == "digits"
        and not draft.currency_prefix
        and after_label_word(text, atom, s_start)
    ):
        return False  # "Section 427 Row 21": a label even when a capitalised word follows
    if "score" in draft.flags:
        return False
    if atom.kind == "digits" and not draft.unit and not draft.currency_prefix and len(draft.atoms) == 1:
        nxt = text[atom.end : atom.end + 1]
        if nxt.isalpha() or (nxt.isdigit() and atom.end == draft.end):
            return False  # "9AB8", "5G", "M21": a code, not a quantity
    if draft.noun and _STREET.search(draft.noun) and atom.kind == "digits":
        return False  # "575 Wilbraham Road": an address
    if atom.kind == "digits" and not draft.unit and era_year(text, draft, s_start):
        return False  # "A.D. 1000 and 1260", "300 BC": years of an era
    if atom.kind == "words" and atom.low == 1 and len(draft.atoms) == 1 and not draft.unit:
        if text[atom.start : atom.end].lower() == "one":
            if _ONE_IDIOMS.match(text, atom.end) or _ONE_BEFORE.search(text, max(s_start, atom.start - 12), atom.start):
                return False
            if not draft.noun and draft.qualifier == Qualifier.EXACT:
                return False
    if atom.kind == "fraction" and atom.low == 0.5 and not draft.unit:
        return False
    return True
