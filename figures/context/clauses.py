"""Clauses: the stretch of a sentence that a figure's context words must come from.

A sentence often states several claims ("Inflation eased to 64.3%, while unemployment
held at 10.2%"); the words that say what a figure measures, whom it is about and in
what role belong to the figure's own clause. Without a parser, a clause ends at a
semicolon, a colon, a dash between spaces, a parenthesis, or a comma before a word
that opens a new clause (while, whereas, but, although, though, which, as, compared,
up/down from ..., "and" before a name, an article or a preposition), or before a word
that opens a subordinate clause with or without a comma (after, because, although,
despite, following, while, whereas, unlike). Commas alone do
not end a clause: "In Kyrgyzstan, those who fight abroad face up to 10 years" is one
clause.
"""

from __future__ import annotations

import re

from figures.context.time import one_of, word_list

# A dateline before a story's first words: "ANKARA, Jan 3 (Wire) — ", "LEEDS — ".
DATELINE = (
    r"(?:(?-i:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*),?(?:\s+(?-i:[A-Z][a-z]{1,5})\.,?)?"  # "CUPERTINO, Calif.,"
    r"(?:\s+\w+\.?\s+\d{1,2})?\s*(?:\([^)]*\))?\s*[—–-]+\s*)"
)
DATELINE_RE = re.compile(DATELINE)

_BOUNDARY = re.compile(
    r"\s*[;:]\s+|\s+[—–-]{1,2}\s+|\s*[()]\s*"
    rf"|\s+(?={one_of(word_list('subordinators'))}\s)"
    rf"|,\s+(?=(?:{one_of(word_list('clause_openers'))}"
    rf"|and\s+(?:{one_of(word_list('and_clause_openers'))}|(?-i:[A-Z])\w*|\d))\b)",
    re.IGNORECASE,
)


def clause_breaks(sentence: str) -> list[tuple[int, int]]:
    """Every clause boundary of a sentence, as (start, end) offsets; read once per sentence."""
    return [m.span() for m in _BOUNDARY.finditer(sentence)]


def clause_bounds(sentence: str, pos: int, breaks: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The clause of ``sentence`` that holds offset ``pos``, as (start, end) offsets into the sentence."""
    start, end = 0, len(sentence)
    for b_start, b_end in clause_breaks(sentence) if breaks is None else breaks:
        if b_end <= pos:
            start = b_end
        elif b_start >= pos:
            end = b_start
            break
    return start, end
