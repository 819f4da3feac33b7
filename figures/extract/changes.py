"""The direction of a change: "slid 2%", "gained 3.1%", "+0.4%", "a 7% rise", "grew by 3,000".

A figure right after a verb of change (or after a noun of change and "of") states a
change, not a level, and gets a direction. A verb followed by "to" or "from", or by a
threshold ("below", "above"), introduces a level ("rose to 5.2%", "fell from 4.6% to
3.9%", "sank below 100"), so those figures get none, and a change followed by "to"
and a second figure ("rose 6.5% to 164p") is two figures, never one range.

The words before a number are read once, right to left, as a short list, so the cost
per figure does not grow with the size of the lexicon. The word lists are data, in
``figures/data/extract_words.yaml``.
"""

from __future__ import annotations

import re

from figures.extract.words import any_of, word_list, word_set
from figures.model import Direction

INCREASE = Direction.INCREASE
DECREASE = Direction.DECREASE

_UP_VERBS = word_set("up_verbs")
_DOWN_VERBS = word_set("down_verbs")
# Verbs of a price or a currency's value: a change only for shares and money ("the franc
# strengthened 0.7%", "the peso depreciated 0.9%"), never for a count.
_UP_PRICE_VERBS = word_set("up_price_verbs")
_DOWN_PRICE_VERBS = word_set("down_price_verbs")
# Verbs whose object is usually a thing, not a change ("raised $5m"), unless "by" follows.
_BY_ONLY = word_set("by_only_verbs")
_BY_ONLY_DOWN = word_set("by_only_down_verbs")
# Two-word verbs: "edged up", "ticked down".
_PARTICLE_VERBS = word_set("particle_verbs")
_FILLERS = word_set("change_fillers")
# Verbs that are a change only for shares and money ("lost 2%", not "lost 3 children").
_WEAK = word_set("weak_verbs") | _UP_PRICE_VERBS | _DOWN_PRICE_VERBS
_BE = word_set("be_words")
# Verbs that take "up" or "down" as part of another meaning: "made up 30%", "wrote down $2bn".
_NOT_CHANGE_PARTICLE = word_set("not_change_particle_verbs")
_UP_NOUNS = word_set("up_nouns")
_DOWN_NOUNS = word_set("down_nouns")
_CHANGE_DIMENSIONS = frozenset({"percent", "percentage_point", "currency"})
# Every word that states a move, for readers that only ask whether a stretch of text moves.
CHANGE_WORDS = (
    _UP_VERBS
    | _DOWN_VERBS
    | _UP_PRICE_VERBS
    | _DOWN_PRICE_VERBS
    | _BY_ONLY
    | _UP_NOUNS
    | _DOWN_NOUNS
    | {"up", "down", "higher", "lower"}
)
# Nouns of a change that, before money, name an amount instead: "a loss of $120 million" is
# what was lost, not a fall; "a loss of 4%" is a fall.
_AMOUNT_NOUNS = word_set("amount_nouns")
# Verbs that move a level without saying which way: "went from $40 to $65" is two levels, not a range.
MOVE_VERBS = word_set("move_verbs")

# "a year earlier", "one decade ago": a period at an earlier time, a pattern to join into others.
EARLIER_PERIOD = (
    r"(?:" + "|".join(word_list("earlier_periods")) + r")[ \u00a0]+(?:" + "|".join(word_list("past_markers")) + r")\b"
)

# "last year", "last season": the same measure at an earlier time.
LAST_PERIOD = r"last[ \u00a0]+(?:" + "|".join(word_list("last_periods")) + r")\b"

# The words right before a position, read on the reversed text: letters and spaces only,
# so punctuation ends the list ("Sales, up 3%": the list is just "up").
_REVERSED_TAIL = re.compile(r"[ \u00a0]*((?:[A-Za-z]+(?:['’-][A-Za-z]+)*[ \u00a0]+){0,7}[A-Za-z]+(?:['’-][A-Za-z]+)*)")
_THRESHOLD = re.compile(r"(?:" + "|".join(word_list("threshold_words")) + r")\b", re.IGNORECASE)
# "30% more energy than": the noun of what is compared, then "than".
_THAN_AFTER_NOUN = re.compile(r"(?:[ \u00a0]+[A-Za-z-]+){1,2}?[ \u00a0]+than[ \u00a0]+", re.IGNORECASE)
_EARLIER_TIME = re.compile(
    r"(?:in[ \u00a0]+\d{4}\b"
    r"|(?:a|one|the)[ \u00a0]+"
    + EARLIER_PERIOD
    + r"|(?:in[ \u00a0]+)?"
    + LAST_PERIOD
    + r"|(?:in[ \u00a0]+|during[ \u00a0]+)?the[ \u00a0]+(?:(?:previous|prior)[ \u00a0]+\w+"
    r"|same[ \u00a0]+(?:period|quarter|month|week|year|time|season|day)\b)"
    r"|(?:before|previously)\b)",
    re.IGNORECASE,
)
_STOPWORDS = word_set("stopwords")
_ALL_CHANGE = _UP_NOUNS | _DOWN_NOUNS
_UP_AFTER = word_set("up_after_figure")
_DOWN_AFTER = word_set("down_after_figure")
_NOUN_AFTER = re.compile(
    r"[ \u00a0-]+(?:(?P<up>"
    + "|".join(sorted(_UP_NOUNS | _UP_AFTER))
    + r")|(?P<down>"
    + "|".join(sorted(_DOWN_NOUNS | _DOWN_AFTER))
    + r"))\b",
    re.IGNORECASE,
)
# "a 4% pay rise", "a 6% year-on-year drop", "a 3% annual pay rise": one or two words naming
# what moved or when, then the noun of change.
_NOUN_AFTER_WORD = re.compile(
    r"[ \u00a0-]+(?P<word>(?P<on>(?:year|month|quarter|week|day)[ \u00a0]+on[ \u00a0]+(?:year|month|quarter|week|day))"
    r"|[a-z]+(?:-[a-z]+)*(?:[ \u00a0]+[a-z]+)?)[ \u00a0]+(?:(?P<up>"
    + "|".join(sorted(_UP_NOUNS))
    + r")|(?P<down>"
    + "|".join(sorted(_DOWN_NOUNS))
    + r"))\b",
)
_THAN = re.compile(r"[ \u00a0]+than[ \u00a0]+", re.IGNORECASE)
# "9% below the level a year earlier", "14% above the previous year", "28% below 1990 levels":
# set against the same measure at an earlier time, a share or an amount is a change.
_AGAINST_EARLIER = re.compile(
    r"[ \u00a0]+(?:(?P<up>above|over)|(?P<down>below|under))[ \u00a0]+(?:"
    r"(?:the|its|their)[ \u00a0]+(?:previous|prior|same)[ \u00a0]+\w+"
    r"|(?:a|one|the)[ \u00a0]+"
    + EARLIER_PERIOD
    + r"|"
    + LAST_PERIOD
    + r"|(?:the|its|their)[ \u00a0]+(?:level|levels|figure|total)[ \u00a0]+(?:of[ \u00a0]+)?(?:a|one|the)[ \u00a0]+"
    + EARLIER_PERIOD
    + r"|(?:(?:the|its|their)[ \u00a0]+)?(?:(?:19|20)\d\d|pre-[a-z]+)[ \u00a0]+(?:level|levels|figure|total)\b)",
    re.IGNORECASE,
)
# "lost 52 points, or 0.7%, lower at": a comparative after a change restated in apposition.
_COMPARATIVE_AFTER_COMMA = re.compile(
    r",[ \u00a0]+(?:(?P<up>"
    + "|".join(sorted(_UP_AFTER - {"more", "up"}))
    + r")|(?P<down>"
    + "|".join(sorted(_DOWN_AFTER - {"less", "down"}))
    + r"))\b",
    re.IGNORECASE,
)


# "six times last year's level", "eight times the level a year earlier", "three times the
# 2019 total": a multiple of the same measure at an earlier time is a rise.
TIMES_EARLIER = re.compile(
    r"[ \u00a0]+(?:(?:the[ \u00a0]+)?(?:last|previous|prior)[ \u00a0]+(?:year|month|week|quarter|season|decade)['’]s\b"
    r"|the[ \u00a0]+(?:(?:19|20)\d\d[ \u00a0]+(?:" + any_of("level_nouns") + r")\b"
    r"|(?:" + any_of("level_nouns") + r")[ \u00a0]+(?:of[ \u00a0]+)?(?:a|one|the)[ \u00a0]+" + EARLIER_PERIOD + r")"
    # "four times what the club paid in 2009", "three times what they were a decade ago"
    r"|what\b[^.;:,]{0,40}?\b(?:in[ \u00a0]+(?:19|20)\d\d\b|(?:a|one)[ \u00a0]+" + EARLIER_PERIOD + r"))",
    re.IGNORECASE,
)


def words_before(text: str, pos: int, floor: int) -> tuple[list[str], bool]:
    """Up to eight lower-case words right before ``pos``, and whether they open a clause.

    They open a clause when nothing but punctuation or the sentence start stands
    before the first of them.
    """
    window = text[max(floor, pos - 60) : pos][::-1]
    m = _REVERSED_TAIL.match(window)
    if m is None:
        return [], True
    words = m.group(1)[::-1].lower().split()
    rest = window[m.end() :]
    opens = len(words) < 8 and (not rest or not rest[0].isalnum())
    return words, opens


_OBJECT_DETERMINERS = word_set("object_determiners")
_DETERMINERS = _OBJECT_DETERMINERS | {"a", "an"}
# Counts whose verbs of gain and loss are changes: "added 18,000 jobs", "shed 1,200 jobs".
CHANGE_NOUNS = word_set("change_nouns")


def is_particle_verb(word: str) -> bool:
    """Does ``word`` take "up" or "down" as a particle of change ("ticked up", "edged down")?"""
    return word.lower() in _PARTICLE_VERBS


def _skip_fillers(words: list[str], i: int) -> int:
    while i >= 0 and words[i] in _FILLERS:
        i -= 1
    return i


def _verb_at(words: list[str], i: int) -> str | None:
    """The change verb ending at ``words[i]`` ("rose", "edged up"), as written, or ``None``."""
    if i < 0:
        return None
    w = words[i]
    if w in _BY_ONLY and i > 0 and words[i - 1] in _DETERMINERS:
        return None  # "the lower 19% rate": an adjective
    if w in _UP_VERBS or w in _DOWN_VERBS or w in _BY_ONLY or w in _UP_PRICE_VERBS or w in _DOWN_PRICE_VERBS:
        return w
    if w in ("up", "down", "higher", "lower") and i > 0 and words[i - 1] in _PARTICLE_VERBS:
        return w
    if w == "on" and i > 0 and words[i - 1] in ("put", "puts", "putting"):
        return "put on"  # "put on 3.1%", "put on 6kg"
    return None


def _direction_of(verb: str) -> str:
    down = verb in _DOWN_VERBS or verb in _DOWN_PRICE_VERBS or verb in _BY_ONLY_DOWN or verb in ("down", "lower")
    return DECREASE if down else INCREASE


def direction_before(
    text: str, pos: int, floor: int, dimension: str, before: tuple[list[str], bool] | None = None
) -> str | None:
    """The direction stated by a verb or noun of change just before ``pos``.

    ``before`` is :func:`words_before` at ``pos`` when the caller has it already.
    """
    words, opens = before if before is not None else words_before(text, pos, floor)
    if not words:
        return None
    i = _skip_fillers(words, len(words) - 1)
    if i >= 2 and words[i] == "of" and words[i - 1] in ("average", "total"):
        i = _skip_fillers(words, i - 2)  # "lost an average of 9%"
    if i >= 0 and words[i] in ("by", "at"):
        return _direction_before_by(words, i) if words[i] == "by" else _direction_at(words, i, dimension)
    if i >= 3 and words[i] == "of" and words[i - 1] in ("rate", "pace"):
        return _direction_at_rate(words, i - 1, dimension)
    verb = _verb_at(words, i)
    if verb is None:
        verb = _verb_before_object(words, i)
    if verb is not None:
        return _verb_direction(verb, dimension)
    return (
        _up_or_down(words, i, opens, dimension)
        or _noun_of_change(words, dimension)
        or _bare_object(words, i, dimension)
    )


def _direction_at(words: list[str], at: int, dimension: str) -> str | None:
    """ "grew at a 2.4% annual pace", "rose at 1.6%": a share a verb of change moved at."""
    if dimension not in ("percent", "percentage_point"):
        return None  # "rose at 5 stores": where, not how much
    verb = _verb_at(words, _skip_fillers(words, at - 1))
    return _verb_direction(verb, dimension) if verb is not None else None


def _direction_before_by(words: list[str], by: int) -> str | None:
    """ "grew by", "cut the region's crop by": the verb is within five words before "by".

    A form of "be" between them makes "by" a passive's agent: "the rise was driven by".
    "Up" or "down" right before "by" state the direction themselves: "were down by nearly
    a fifth", "pulled the index down by 40 points".
    """
    j = _skip_fillers(words, by - 1)
    if j >= 0 and words[j] in ("up", "down") and (j == 0 or words[j - 1] not in _NOT_CHANGE_PARTICLE):
        return INCREASE if words[j] == "up" else DECREASE
    for k in range(j, max(-1, j - 6), -1):
        if words[k] in _BE:
            return None
        verb = _verb_at(words, k)
        if verb is not None:
            return _direction_of(verb)
    return None


def _direction_at_rate(words: list[str], rate: int, dimension: str) -> str | None:
    """ "grew at an annual rate of 3.3%": the verb before "at", a pace and "of"."""
    for k in range(rate - 1, max(0, rate - 4), -1):
        if words[k] == "at":
            verb = _verb_at(words, k - 1)
            return _verb_direction(verb, dimension) if verb is not None else None
    return None


def _verb_before_object(words: list[str], i: int) -> str | None:
    """ "docked the club six points", "cut the base rate 0.25 points": a verb, its object, the change."""
    for k in (i - 1, i - 2):
        if k >= 1 and words[k] in _OBJECT_DETERMINERS:
            return _verb_at(words, k - 1)
    return None


def _bare_object(words: list[str], i: int, dimension: str) -> str | None:
    """ "cut fares 8%", "raised rates 15 basis points": a verb, a plural object, a share moved.

    Only a share or points move this way; "sold shares 5,000" is no change.
    """
    if dimension not in ("percent", "percentage_point") or i < 1 or not words[i].endswith("s"):
        return None
    verb = _verb_at(words, i - 1)
    return _direction_of(verb) if verb is not None and words[i] not in _BE else None


def _verb_direction(verb: str, dimension: str) -> str | None:
    """The direction a verb right before a figure gives it, if the verb moves that kind of figure.

    "raised $40 million" is money raised, but "lifting 0.8%" a rise; "lost 2%" is a fall,
    "lost 3 children" none; "put on 3.1%" and "put on 6kg" are gains, "put on 3 shows" none.
    """
    if verb in _BY_ONLY:
        return _direction_of(verb) if dimension in ("percent", "percentage_point") else None
    if verb in _WEAK and dimension not in _CHANGE_DIMENSIONS:
        return None
    if verb == "put on" and dimension == "count":
        return None
    return _direction_of(verb)


def _up_or_down(words: list[str], i: int, opens: bool, dimension: str) -> str | None:
    """ "was up 1.2%", "Sales, down 3%", "with exports up 2%", "closed Friday up 12 cents",
    "profit up 8%"; after a verb that takes "up" as part of its meaning it is no change
    ("made up 30%")."""
    if i < 0 or words[i] not in ("up", "down"):
        return None
    if (i == 0 and opens) or (i > 0 and words[i - 1] in _BE) or _with_subject(words, i):
        return INCREASE if words[i] == "up" else DECREASE
    if dimension in _CHANGE_DIMENSIONS and i > 0 and words[i - 1] not in _NOT_CHANGE_PARTICLE:
        return INCREASE if words[i] == "up" else DECREASE
    return None


def _with_subject(words: list[str], i: int) -> bool:
    """ "with farm output up": "with", a short noun phrase and no verb before "up" or "down"."""
    for k in range(i - 1, max(-1, i - 5), -1):
        if words[k] == "with":
            return k < i - 1 and not any(_verb_at(words, j) or words[j] in _PARTICLE_VERBS for j in range(k + 1, i))
    return False


def _noun_of_change(words: list[str], dimension: str) -> str | None:
    """ "a rise of 12%", "a fall of some 3%", "the gain was 0.4%": a noun of change, "of" or
    a form of "be", at most one word."""
    for of_at in (len(words) - 1, len(words) - 2):
        if of_at < 1 or words[of_at] not in ("of", "was", "is", "were"):
            continue
        noun = words[of_at - 1]
        if noun in _AMOUNT_NOUNS and dimension not in ("percent", "percentage_point"):
            return None  # "a loss of $120 million", "for the loss of 3 wickets": what was lost
        if noun in _UP_NOUNS:
            return INCREASE
        if noun in _DOWN_NOUNS:
            return DECREASE
    return None


def level_before(text: str, pos: int, floor: int, before: tuple[list[str], bool] | None = None) -> bool:
    """Is the number the level a change reached or started from ("rose to 5%", "fell from 10")?

    A threshold crossed is a level too: "slumped below $40,000", "climbed above 5%".
    ``before`` is :func:`words_before` at ``pos`` when the caller has it already.
    """
    if _THRESHOLD.match(text, pos):
        return True
    words, _ = before if before is not None else words_before(text, pos, floor)
    i = _skip_fillers(words, len(words) - 1)
    if i < 0 or words[i] not in ("to", "from"):
        return False
    k = _skip_fillers(words, i - 1)
    return _verb_at(words, k) is not None or (k >= 0 and words[k] in MOVE_VERBS)


_ODDS = re.compile(r"[ \u00a0]+(?:" + any_of("odds_nouns") + "|" + any_of("odds_adjectives") + ")", re.IGNORECASE)
# After a noun of change: "a 3.1% growth rate" is a level; "a 30% increase in the risk of" compares two groups.
_NOT_A_MOVE = re.compile(
    r"[ \u00a0]+(?:rate\b|pace\b|in[ \u00a0]+(?:the[ \u00a0]+)?" + any_of("odds_nouns") + ")",
    re.IGNORECASE,
)
# "18% lighter than before", "5cm wider than a year earlier": any comparative set against an earlier time.
_COMPARED_EARLIER = re.compile(r"[ \u00a0]+(?P<word>[A-Za-z]+er|more|less)[ \u00a0]+than[ \u00a0]+", re.IGNORECASE)
_DOWN_COMPARATIVES = word_set("down_comparatives")


def direction_after(text: str, pos: int, limit: int, dimension: str, after_article: bool = True) -> str | None:
    """A noun or comparative of change right after a share or an amount: "a 7% rise", "4% higher".

    After any other figure only a noun of change counts, and only when an article opens the
    figure (``after_article``): "a 1.5C rise", but not "20,000 fall ill".
    """
    earlier = _compared_earlier(text, pos, limit)
    if earlier is not None:
        return earlier
    m = _NOUN_AFTER.match(text, pos, limit)
    if m is None and dimension in _CHANGE_DIMENSIONS:
        m = _NOUN_AFTER_WORD.match(text, pos, limit)  # "a 4% pay rise", "a 2% price cut"
        if m is not None and not m.group("on") and _not_a_modifier(m.group("word")):
            m = None
        if m is None:
            m = _AGAINST_EARLIER.match(text, pos, limit)
            if m is not None:
                return INCREASE if m.group("up") else DECREASE
    if m is None:
        return None
    word = (m.group("up") or m.group("down")).lower()
    if dimension not in _CHANGE_DIMENSIONS and (not after_article or (word not in _UP_NOUNS | _DOWN_NOUNS)):
        return None  # "30 metres higher": a comparison; "a 1.5C rise", "a 20,000 fall": a change
    if (word in _UP_AFTER or word in _DOWN_AFTER) and not _moved(text, m.end(), limit, word):
        return None
    if (word in _UP_NOUNS or word in _DOWN_NOUNS) and _NOT_A_MOVE.match(text, m.end(), limit):
        return None
    return INCREASE if m.group("up") else DECREASE


def _compared_earlier(text: str, pos: int, limit: int) -> str | None:
    """The direction of "18% lighter than before", "2 million more than in 2019", or ``None``."""
    m = _COMPARED_EARLIER.match(text, pos, limit)
    if m is None or not _EARLIER_TIME.match(text, m.end(), limit):
        return None
    return DECREASE if m.group("word").lower() in _DOWN_COMPARATIVES else INCREASE


def _not_a_modifier(words: str) -> bool:
    """Are the words between a figure and a noun of change not what moved ("4% of growth")?"""
    return any(w in _STOPWORDS or w in _ALL_CHANGE for w in words.lower().split())


def noun_direction(noun: str, value: float | None) -> str | None:
    """ "4,500 job cuts", "2,000 job losses": a large count of a noun of change is the change."""
    head = noun.split()[-1].lower() if noun else ""
    if value is None or value < 20 or " " not in noun:
        return None  # "three rate cuts": a count of moves, not their size
    return INCREASE if head in _UP_NOUNS else DECREASE if head in _DOWN_NOUNS else None


def _moved(text: str, pos: int, limit: int, word: str) -> bool:
    """After "higher", "more", "up" ...: a move, or a comparison with another thing or a bound?

    "a 30% lower risk of" compares two groups; "20% higher than in the north" another
    place; "4% higher than a year earlier" is a move; "up to" is a bound.
    """
    if _ODDS.match(text, pos, limit):
        return False
    if word in ("more", "less", "up", "down") and text[pos : pos + 4].lower() in (" to ", " to\u00a0"):
        return False
    than = _THAN.match(text, pos, limit)
    if than is None and word in ("more", "less"):
        than = _THAN_AFTER_NOUN.match(text, pos, limit)  # "30% more energy than the old design"
    return than is None or _EARLIER_TIME.match(text, than.end(), limit) is not None


def comparative_after_apposition(text: str, pos: int) -> str | None:
    """ "fell 52 points, or 0.7%, lower": the direction a comparative after the restatement gives."""
    m = _COMPARATIVE_AFTER_COMMA.match(text, pos)
    if m is None:
        return None
    return INCREASE if m.group("up") else DECREASE


def sign_before(text: str, pos: int) -> bool:
    """Is the number written with a plus sign ("+0.4%")?"""
    return pos > 0 and text[pos - 1] == "+" and (pos < 2 or not text[pos - 2].isalnum())


_TO_LEVEL = re.compile(r"[ \u00a0]+to[ \u00a0]+(?:close[ \u00a0]+at[ \u00a0]+)?[$€£¥\d]")


def change_before_level(text: str, pos: int, end: int, floor: int, limit: int) -> str | None:
    """The direction of a count after a verb that moves only shares and money, when a level follows.

    "The Hang Seng lost 215 to 17,480": the level after "to" makes "lost 215" a change,
    as "lost 3 children" is not.
    """
    if not _TO_LEVEL.match(text, end, limit):
        return None
    return direction_before(text, pos, floor, "percent")
