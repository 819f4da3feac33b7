"""A company's business segments: "services revenue", "Mac sales", "revenue from the iPad".

A results story gives the company's revenue and the revenue of its parts. A segment's
figure is the company's (the article's main subject), for the segment: its thing is
``revenue (services)`` and its subject the company, so "services revenue reached
$23.2 billion" in one article and "Services brought in $22.3 billion" in another are
one claim, and neither is compared with the company's total. A name owned with a
possessive ("Samsung's revenue") is a company, not a segment.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from figures.context.words import alternation, word_set

_BEFORE_SALES = re.compile(r"(?<![\w'’])([A-Za-z][\w-]*)\s+(?:revenue|revenues|sales|turnover)\b(?![’']s)")
_FROM_SEGMENT = re.compile(
    r"\b(?:revenue|revenues|sales|turnover)\s+(?:from|of)\s+(?:the\s+|its\s+)?((?-i:[A-Za-z])[\w-]*)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _earned_before() -> re.Pattern[str]:
    """Money a business brought in (``earned_verbs``): "Services, which include the App Store, brought in a
    record $22.3 billion"."""
    return re.compile(
        rf"\b{alternation('earned_verbs')}\s+"
        r"(?:(?:a|an|about|some|nearly|almost|roughly|more\s+than|record|a\s+record)\s+)*$",
        re.IGNORECASE,
    )


_OPENING_NAME = re.compile(r"^[\s—–-]*((?-i:[A-Z])[\w-]*)\b")


def is_sales(thing: str | None) -> bool:
    """Is the thing a company's revenue (a measure or the words of one)?"""
    return bool(thing) and thing.split()[-1] in word_set("sales_words")


def earned(before: str) -> bool:
    """Does the clause put the figure as money a business brought in ("brought in $22.3 billion")?"""
    return bool(_earned_before().search(before[-60:]))


def segment_of(
    clause_text: str,
    fig_offset: int,
    subject: str | None,
    owner: str,
    sentence_before: str = "",
    is_place: Callable[[str], bool] = lambda _: False,
) -> str | None:
    """The segment of ``owner`` a revenue figure is for, in lower case, or ``None`` for the whole.

    ``clause_text`` is the figure's clause, ``fig_offset`` where the figure starts in it,
    ``subject`` the name the clause gives as the value's owner, if any, and
    ``sentence_before`` the sentence up to the figure (its subject may open it before a
    relative clause: "Services, which include the App Store, brought in ..."). A place
    ("sales in Greater China") is never a segment.
    """
    found = _segment(clause_text[:fig_offset], subject, owner, clause_text, sentence_before)
    return None if found is None or is_place(found) else found.lower()


def _segment(before: str, subject: str | None, owner: str, clause_text: str, sentence_before: str) -> str | None:
    if subject and subject != owner and not re.search(rf"\b{re.escape(subject)}[’']s\b", clause_text):
        if owner.split()[0] not in subject.split():
            return subject  # "Revenue from the Mac", "iPad revenue dropped 10%"
    for m in reversed(list(_BEFORE_SALES.finditer(before))):
        word = m.group(1)
        if (
            word.lower() not in word_set("not_segments")
            and word != owner.split()[0]
            and not word.endswith(("'s", "’s"))
        ):
            return word  # "services revenue reached", "Mac sales fell"
        break
    m = _FROM_SEGMENT.search(before)
    if m and m.group(1).lower() not in word_set("not_segments") and m.group(1) != owner.split()[0]:
        return m.group(1)
    if earned(before):
        opening = before if not re.match(r"\W*(?:which|who|that)\b", before, re.IGNORECASE) else sentence_before
        m = _OPENING_NAME.match(opening)
        if m and m.group(1) not in (owner.split()[0], "The", "It", "Its", "Revenue", "Sales", "Which", "That"):
            return m.group(1)
    return None
