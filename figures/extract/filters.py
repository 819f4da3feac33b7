"""Numbers that are not quantities: years, labels, product names, codes, addresses."""

from __future__ import annotations

import re

from figures.extract.atoms import Atom, magnitude_letter
from figures.extract.draft import Draft
from figures.extract.lexicon import IDENTIFIER_WORDS, MONTHS, QUALIFIERS_BEFORE, STOPWORDS
from figures.extract.words import any_of, word_list, word_set
from figures.model import Qualifier

_ONE_IDIOMS = re.compile(
    r"\s+(?:"
    + any_of("one_idiom_next")
    + r"|of\s+"
    + any_of("one_of_pronouns")
    # "one of the best": a superlative class, not a count of one
    + r"|of\s+the\s+(?:"
    + any_of("one_of_the_classes")
    + r"|\w{3,}est\b))",
    re.IGNORECASE,
)
_SIGN_WORD = re.compile(r"(?<![A-Za-z])(?:minus|plus|magnitude)$", re.IGNORECASE)
# "one in five adults", "one out of four": the first number of a proportion.
_ONE_IN = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten)\b)", re.I
)
# "five to one", "3 to 1": odds and ratios.
_N_TO = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|hundred)[ \u00a0]+to[ \u00a0]+$", re.I)


def _ending_with(name: str, space: str = r"\s*") -> re.Pattern[str]:
    """A word of the list ``name`` (any case) right before the end, then white space."""
    words = "|".join(re.escape(w) for w in word_list(name))
    return re.compile(rf"\b(?:{words}){space}$", re.IGNORECASE)


_ONE_BEFORE = _ending_with("pronoun_one_before", r"\s+")
_TIME_PREP = _ending_with("year_before")
_SPELLED_YEAR_BEFORE = _ending_with("spelled_year_before", r"[ \u00a0]+")
_YEAR_LEVELS = re.compile(r"[ \u00a0]+levels?\b", re.IGNORECASE)
_STREET = re.compile(any_of("street_words") + r"\.?$")
_ERA_BEFORE = re.compile(r"A\.D|AD|CE")
_ERA_AFTER = re.compile(r"[ \u00a0]?(?:BC|BCE|B\.C\.|AD|A\.D\.|CE)(?!\w)")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]+ $")
_IDENTIFIER_STEMS = frozenset(w.rstrip(".") for w in IDENTIFIER_WORDS)
_WORD_BEFORE = re.compile(r"([A-Za-z#§][A-Za-z.]*)\.?\s*$")
# "the first three months of the year", "the previous three months": a quarter, not a span.
_QUARTER_BEFORE = re.compile(any_of("quarter_openers") + r"[ \u00a0]+$", re.IGNORECASE)
# "21 U.S.C. § 846": the number of a title of a legal code.
_CODE_TITLE_AFTER = re.compile(
    r"[ \u00a0]+(?:" + "|".join(re.escape(t) for t in word_list("code_titles")) + r")(?![A-Za-z])"
)
_MONTH = "(?:" + "|".join(sorted((m.capitalize() for m in MONTHS), key=lambda m: (-len(m), m))) + r")\b\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# "June 8 and 9": the second day of a date; "from 3-7 March": the first day of a range of days.
_DAY_LIST_BEFORE = re.compile(rf"\b{_MONTH}[ \u00a0]+{_DAY}[ \u00a0]*(?:and|&|or|to|[-–])[ \u00a0]*$")
_DAY_RANGE_AFTER = re.compile(rf"[ \u00a0]*(?:[-–]|and|&|to)[ \u00a0]*{_DAY}[ \u00a0]+(?:of[ \u00a0]+)?{_MONTH}")
_POSSESSIVE = re.compile(r"['’]s\b")
_CAPITALISED_AFTER = re.compile(r"[ \u00a0]+[A-Z][a-z]")
_SINGULAR_COUNT_NOUNS = word_set("singular_count_nouns")
_HYPHENATED_NOUN = re.compile(r"-[a-z]")
_NAME_JUST_BEFORE = re.compile(r"[A-Z][\w&'’]*[ \u00a0]$")
_INDEX_AFTER = re.compile(r"[ \u00a0]+ind(?:ex|ices)\b(?![ \u00a0]+points?\b)", re.IGNORECASE)
_PHRASE_END_LABELS = word_set("phrase_end_labels")
_PHRASE_END_LABEL_BEFORE = _ending_with("phrase_end_labels", r"[ \u00a0]+")
_PHRASE_END = re.compile(r"[ \u00a0]*(?:[,.;:)]|$|(?:and|or|of|to)\b)")
_LIST_WORD_BEFORE = re.compile(r"(?:,|and|or|&|to)[ \u00a0]*$")
_LIST_AFTER = re.compile(r"[ \u00a0]*(?:,|and|or|&|to)[ \u00a0]*\d")
# "zones 4 and 5", "counts 2, 3 and 7": a later number of a list of labels.
_LABEL_LIST_BEFORE = re.compile(
    r"\b([A-Za-z][A-Za-z.]*)[ \u00a0]+\d{1,4}(?:[ \u00a0]*,[ \u00a0]*\d{1,4})*[ \u00a0]*(?:,|and|or|&|to)[ \u00a0]*$"
)
_PAIR_WITH_SLASH = re.compile(r"\d{1,2}/\d{1,2}(?!\d)")
# "1920 x 1080 pixels": a dimension, not a year.
_TIMES_AFTER = re.compile(r"[ \u00a0]?[x×][ \u00a0]?\d")


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
        return not _SIGN_WORD.search(text, max(0, a - 10), a - 1)  # "F-16", but "minus-8"
    found = word_before(text, atom, floor)
    if found is None or magnitude_letter(text, a):
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


_DETERMINER_BEFORE = _ending_with("model_determiners", r"[ \u00a0]+")
_LOWER_WORD_AFTER = re.compile(r"[ \u00a0]+([a-z]+)\b")


def _model_before_singular(text: str, draft: Draft, s_start: int) -> bool:
    """A bare number between a determiner and a singular noun is a name: "the 747 jumbo jet"."""
    atom = draft.atoms[0]
    if len(draft.atoms) != 1 or atom.kind != "digits" or draft.unit or draft.noun or draft.qualifier != Qualifier.EXACT:
        return False
    if draft.low is None or draft.low <= 1 or "," in atom.raw_digits or "." in atom.raw_digits or atom.scale != 1.0:
        return False  # a scaled number ("a 9K price point") is never a model's name
    m = _LOWER_WORD_AFTER.match(text, draft.end)
    if m is None or m.group(1) in STOPWORDS or m.group(1).endswith("s") or m.group(1) in _SINGULAR_COUNT_NOUNS:
        return False
    m = _DETERMINER_BEFORE.search(text, max(s_start, draft.start - 8), draft.start)
    if m is None:
        return False
    # "a 3 cylinder engine", "a 2 bedroom flat": a small number after "a" sizes the thing;
    # "the 747 jumbo jet", "a 787 jet" name it.
    return not (m.group().lower().startswith(("a ", "an ", "a\u00a0", "an\u00a0")) and draft.low < 100)


def keep_draft(text: str, draft: Draft, s_start: int) -> bool:
    """Is this draft a quantity (not a year, a label, or a pronoun "one")?"""
    if draft.dropped:
        return False
    for reject in _NOT_QUANTITIES:
        if reject(text, draft, s_start):
            return False
    return True


def _bare(draft: Draft) -> bool:
    """A single number with no unit."""
    return len(draft.atoms) == 1 and not draft.unit


def _bare_digits(draft: Draft) -> bool:
    """A single number written in digits, with no unit and no currency sign."""
    return _bare(draft) and draft.atoms[0].kind == "digits" and not draft.currency_prefix


def _year(text: str, draft: Draft, s_start: int) -> bool:
    """A bare 4-digit number from 1800 to 2100 is a year unless a unit or a qualifier makes it
    an amount ("about 2000 people") or it is one side of a size ("1920 x 1080 pixels")."""
    atom = draft.atoms[0]
    if not (len(draft.atoms) == 1 and atom.is_year_like and not draft.currency_prefix) or draft.unit:
        return False
    if _TIMES_AFTER.match(text, atom.end):
        return False
    if atom.kind == "words":  # "in nineteen eighty", but "one thousand nine hundred workers" is a count
        return _SPELLED_YEAR_BEFORE.search(text, max(s_start, atom.start - 8), atom.start) is not None
    return (
        draft.qualifier == Qualifier.EXACT
        or bool(_TIME_PREP.search(text, max(s_start, atom.start - 12), atom.start))
        or _YEAR_LEVELS.match(text, atom.end) is not None  # "below 1990 levels"
    )


def _name_word(text: str, draft: Draft, s_start: int) -> bool:
    """ "Department One", "One Nation", "Ten's": a capitalised number word in a name.

    A capitalised number word is part of a name after a name, before another capitalised
    word inside the sentence ("the Three Rivers Festival"), or with a possessive.
    """
    atom = draft.atoms[0]
    if atom.kind != "words" or not text[atom.start].isupper():
        return False
    if _NAME_BEFORE.search(text, max(s_start, atom.start - 30), atom.start) is not None:
        return True
    if _POSSESSIVE.match(text, atom.end):
        return True
    inside = text[s_start : atom.start].strip(" \u00a0\"'“‘(") != ""
    return inside and len(draft.atoms) == 1 and _CAPITALISED_AFTER.match(text, atom.end) is not None


def _identifier(text: str, draft: Draft, s_start: int) -> bool:
    """ "Article 359"; "the Pixel 8 Pro": a number between capitalised words is a name.

    A number hyphenated to a lower-case noun sizes it ("a Duratec 4-cylinder"); a number
    before "index" names the index ("the Standard & Poor's 500 index").
    """
    if not _bare(draft):
        return False
    atom = draft.atoms[0]
    if _INDEX_AFTER.match(text, atom.end) and _NAME_JUST_BEFORE.search(text, max(s_start, atom.start - 20), atom.start):
        return True
    return not _HYPHENATED_NOUN.match(text, atom.end) and is_identifier(text, atom, s_start)


def _label(text: str, draft: Draft, s_start: int) -> bool:
    """ "Section 427 Row 21": a label even when a capitalised word follows.

    A label takes no unit: "fined the platform 1.2 billion euros" is an amount.
    """
    atom = draft.atoms[0]
    return (
        len(draft.atoms) == 1
        and atom.kind == "digits"
        and not draft.currency_prefix
        and not draft.unit
        and after_label_word(text, atom, s_start)
    )


def _score(text: str, draft: Draft, s_start: int) -> bool:
    return "score" in draft.flags


def _code(text: str, draft: Draft, s_start: int) -> bool:
    """ "9AB8", "5G", "M21", "0288.HK", "24/7": a code, not a quantity; no amount is written with a leading zero."""
    if not _bare_digits(draft):
        return False
    atom = draft.atoms[0]
    raw = atom.raw_digits
    if len(raw) > 1 and raw[0] == "0" and raw.isdigit():
        return True
    if _PAIR_WITH_SLASH.match(text, atom.start) and len(raw) <= 2:
        return True  # "24/7", "9/11"
    nxt = text[atom.end : atom.end + 1]
    if nxt == "x" and _X_COMPARATIVE.match(text, atom.end):
        return False  # "10x faster": a multiplier
    return nxt.isalpha() or (nxt.isdigit() and atom.end == draft.end)


# "10x faster", "2.5x more efficient": a multiplier written with a glued x.
_X_COMPARATIVE = re.compile(r"x[ \u00a0]+(?:more|less|as|the|[a-z]+er)\b")
# "a one-time charge", "a one-off payment", "1 times gains": once, not a count of one.
_ONE_OFF_AFTER = re.compile(
    r"-(?:time|off)\b|[ \u00a0]+times[ \u00a0]+(?!" + any_of("one_times_compared") + r")[a-z]", re.IGNORECASE
)


# "one year ago", "one month earlier": a time said as "a year ago", not a span of one year.
_ONE_PERIOD_AGO = re.compile(
    r"one[ \u00a0]+(?:"
    + "|".join(word_list("earlier_periods"))
    + r")[ \u00a0]+(?:"
    + "|".join(word_list("past_markers"))
    + r")\b",
    re.IGNORECASE,
)


def _one_period_ago(text: str, draft: Draft, s_start: int) -> bool:
    """ "up from 34% one month ago": when, not how long."""
    atom = draft.atoms[0]
    return len(draft.atoms) == 1 and atom.kind == "words" and _ONE_PERIOD_AGO.match(text, atom.start) is not None


# "a two-party system", "a three-way race": a number that names a kind of thing, not a count.
_KIND_COMPOUND = re.compile(r"-" + any_of("kind_compounds"), re.IGNORECASE)


def _kind_compound(text: str, draft: Draft, s_start: int) -> bool:
    """ "two-party preferred", "a two-state solution", "a two-horse race": a kind, not a quantity."""
    atom = draft.atoms[0]
    return len(draft.atoms) == 1 and atom.kind == "words" and _KIND_COMPOUND.match(text, atom.end) is not None


def _one_off(text: str, draft: Draft, s_start: int) -> bool:
    """ "a one-time charge", "1 times gains": an adjective of a single event, not a quantity."""
    atom = draft.atoms[0]
    return (
        len(draft.atoms) == 1
        and text[atom.start : atom.end].lower() in ("one", "1")
        and _ONE_OFF_AFTER.match(text, atom.end) is not None
    )


def _legal_label(text: str, draft: Draft, s_start: int) -> bool:
    """ "21 U.S.C.", "section 3(2)": the title of a code, a subsection in brackets after a label."""
    if not _bare_digits(draft):
        return False
    atom = draft.atoms[0]
    if _CODE_TITLE_AFTER.match(text, atom.end):
        return True
    if _phrase_end_label(text, atom, s_start):
        return True
    a = atom.start
    return a >= 2 and text[a - 1] == "(" and text[a - 2] in "0123456789)" and text[atom.end : atom.end + 1] == ")"


def _phrase_end_label(text: str, atom: Atom, s_start: int) -> bool:
    """ "on count 8, and": a label that ends its phrase; "they count 1,200 dead" is a verb's object."""
    return (
        _PHRASE_END_LABEL_BEFORE.search(text, max(s_start, atom.start - 10), atom.start) is not None
        and _PHRASE_END.match(text, atom.end) is not None
    )


def _label_stem(word: str) -> bool:
    """Is ``word`` a label word, or the plural of one ("zones", "counts", "articles")?"""
    stem = word.lower().rstrip(".")
    if stem in _PHRASE_END_LABELS:
        return True  # in a list of numbers, "counts 2, 3 and 7" are labels
    return stem in _IDENTIFIER_STEMS or (stem.endswith("s") and stem[:-1] in _IDENTIFIER_STEMS)


def _listed_label(text: str, draft: Draft, s_start: int) -> bool:
    """ "zones 4 and 5", "article 6 and 9": labels listed after a label word, singular or plural."""
    if not _bare_digits(draft):
        return False
    atom = draft.atoms[0]
    if _LIST_AFTER.match(text, atom.end):  # the first of the list
        found = word_before(text, atom, s_start)
        if found is not None and _label_stem(found[0]):
            return True
    if not _LIST_WORD_BEFORE.search(text, max(s_start, atom.start - 5), atom.start):
        return False
    m = _LABEL_LIST_BEFORE.search(text, max(s_start, atom.start - 40), atom.start)
    return m is not None and _label_stem(m.group(1))


def _slash_date(text: str, draft: Draft, s_start: int) -> bool:
    """ "the 9/11 attacks": a month and a day, not nine elevenths (a fraction's bottom is rarely over ten)."""
    atom = draft.atoms[0]
    if len(draft.atoms) != 1 or draft.unit != "fraction" or atom.kind != "fraction":
        return False
    top, _, bottom = text[atom.start : atom.end].partition("/")
    return top.isdigit() and bottom.isdigit() and 2 <= int(top) <= 12 and 11 <= int(bottom) <= 31


def _day(text: str, draft: Draft, s_start: int) -> bool:
    """ "June 8 and 9", "from 3-7 March": a day of a date next to the one the date names."""
    if not _bare_digits(draft) or len(draft.atoms[0].raw_digits) > 2:
        return False
    atom = draft.atoms[0]
    if _DAY_LIST_BEFORE.search(text, max(s_start, atom.start - 24), atom.start):
        return True
    return _DAY_RANGE_AFTER.match(text, atom.end) is not None


def _quarter(text: str, draft: Draft, s_start: int) -> bool:
    """ "the first three months of the year": a quarter named by its months, not a span of time."""
    if draft.unit != "month" or draft.low != 3 or draft.high != 3 or len(draft.atoms) != 1:
        return False
    return _QUARTER_BEFORE.search(text, max(s_start, draft.start - 12), draft.start) is not None


def _address(text: str, draft: Draft, s_start: int) -> bool:
    """ "575 Wilbraham Road"."""
    return bool(draft.noun) and draft.atoms[0].kind == "digits" and _STREET.search(draft.noun) is not None


def _era(text: str, draft: Draft, s_start: int) -> bool:
    """ "A.D. 1000 and 1260", "300 BC": years of an era."""
    return draft.atoms[0].kind == "digits" and not draft.unit and era_year(text, draft, s_start)


def _pronoun_one(text: str, draft: Draft, s_start: int) -> bool:
    """ "one of us", "no one", "the one that": "one" as a pronoun, not a count of one."""
    atom = draft.atoms[0]
    if not (_bare(draft) and atom.kind == "words" and atom.low == 1) or text[atom.start : atom.end].lower() != "one":
        return False
    before = max(s_start, atom.start - 12)
    if _ONE_IDIOMS.match(text, atom.end) or _ONE_BEFORE.search(text, before, atom.start):
        return True
    # "one in five", "five to one": a proportion or odds
    return (
        not draft.noun
        and draft.qualifier == Qualifier.EXACT
        and not _ONE_IN.match(text, atom.end)
        and not _N_TO.search(text, before, atom.start)
    )


def _bare_half(text: str, draft: Draft, s_start: int) -> bool:
    atom = draft.atoms[0]
    return atom.kind == "fraction" and atom.low == 0.5 and not draft.unit


# Each names a kind of number that is not a quantity; a draft that any of them matches is dropped.
_NOT_QUANTITIES = (
    _year,
    _name_word,
    _identifier,
    _label,
    _score,
    _model_before_singular,  # "the 747 jumbo jet": a count of more than one takes a plural noun
    _code,
    _legal_label,
    _listed_label,
    _slash_date,
    _day,
    _quarter,
    _address,
    _era,
    _pronoun_one,
    _bare_half,
    _one_off,
    _one_period_ago,
    _kind_compound,
)
