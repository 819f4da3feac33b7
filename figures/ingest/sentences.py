"""Sentences with exact character offsets.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by white space and an upper-case letter, a digit or an opening quote, or
at a blank line. Abbreviations ("Feb. 26", "No. 6", "St. Petersburg", "U.S.") and
initials do not end a sentence. A sentence longer than the ``max_sentence_chars``
limit is cut into pieces at white space, so no sentence makes a later step slow.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from figures.core import limits

ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec no nos st mr mrs ms dr prof gen
    col lt sgt capt gov sen rep rev jr sr vs etc approx est inc ltd co corp dept univ
    fig art para sec vol ed eds al p pp ca cf ie eg mt ft mln bn min max""".split()
)

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n")
_NEXT_START = re.compile(r"\s+[\"'“‘(\[]?[A-Z0-9]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the ``.`` at ``dot`` end an abbreviation or an initial rather than a sentence?"""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1)
    if "." in word:  # U.S, e.g, a.m
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split ``text[start:end]`` into sentences whose offsets index ``text``.

    Extraction and the context stage both split each article; the last few splits are
    remembered, so an article is split once.
    """
    # the limit is part of the key: a worker may serve runs under other limits
    longest = limits.current().max_sentence_chars
    return list(_split(text, start, len(text) if end is None else end, longest))


@lru_cache(maxsize=4)
def _split(text: str, start: int, end: int, longest: int) -> tuple[Sentence, ...]:
    return tuple(_split_now(text, start, end, longest))


def _split_now(text: str, start: int, end: int, longest: int) -> list[Sentence]:
    out: list[Sentence] = []
    pos = start
    cursor = start
    while cursor < end:
        m = _END.search(text, cursor, end)
        if m is None:
            break
        cut = m.end()
        cursor = cut
        if not m.group().startswith("\n"):
            if m.group() == "." and _is_abbreviation(text, m.start()):
                continue
            if not _NEXT_START.match(text, cut, end):
                continue
        _append(out, text, pos, cut, longest)
        pos = cut
    _append(out, text, pos, end, longest)
    return out


def sentence_at(sentences: list[Sentence], pos: int) -> Sentence | None:
    """The sentence that contains offset ``pos`` (``sentences`` in text order), or ``None``."""
    i = bisect.bisect_right([s.start for s in sentences], pos) - 1 if sentences else -1
    return sentences[i] if i >= 0 and sentences[i].start <= pos < sentences[i].end else None


def _append(out: list[Sentence], text: str, a: int, b: int, longest: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > longest:
        # A "sentence" this long is a table or a list; pieces of it keep every later step linear.
        cut = _piece_end(text, a, a + longest)
        _append_one(out, text, a, cut)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    _append_one(out, text, a, b)


def _piece_end(text: str, a: int, limit: int) -> int:
    """Where to cut a piece of at most ``limit - a`` characters: after white space if any, else anywhere."""
    space = max(text.rfind(" ", a + 1, limit), text.rfind("\n", a + 1, limit))
    return space if space > a + (limit - a) // 2 else limit


def _append_one(out: list[Sentence], text: str, a: int, b: int) -> None:
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Sentence(a, b, text[a:b]))
