"""A figure's claim frame: the words around it that say what it measures.

Two outlets word one claim differently ("net migration surged to 606,000", "net migration
rose to a record 606,000", "the headline figure for net migration, 606,000"), so the
thing a figure measures cannot be one exact phrase. The frame is the set of content words
of the figure's clause, read up to :data:`REACH` words on each side and never past another
figure: lower case, the last letters of a plural dropped, words that mean the same for one
kind of claim folded to one (``figures/data/frame_words.yaml``), and words that say nothing
about what is measured left out (function words, reporting verbs, qualifiers, words of time
and quantity, the names of places, which are the claim's entity, not its thing). The thing
the context stage found, if any, is part of the frame too.

The consistency check scores two frames by the words they share
(:mod:`figures.checks.matching`); this module only reads them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from figures.context.things import singular
from figures.context.words import read_yaml
from figures.core.errors import RuleFileError, UsageError

__all__ = ["FRAME_WORDS_FILE", "READER_VARIABLE", "REACH", "fold", "frame_words", "reader_name"]

READER_VARIABLE = "FIGURES_FRAME_READER"  # "parsed" reads frames from a parse: an experiment, see parsed.py

FRAME_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "frame_words.yaml"
_STORY_WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "story_words.yaml"
REACH = 8  # words read on each side of a figure: a clause's words beyond say less about it
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_NUMBER = re.compile(r"\d")
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], dict[str, str]]:
    """(ignored words, word -> the word it stands for), from the data file; an error names the file."""
    # libyaml's parser: the pure-Python one costs the first claim of a process tens of milliseconds
    data = read_yaml(FRAME_WORDS_FILE) or {}
    common = read_yaml(_STORY_WORDS_FILE) or {}
    if set(data) != {"ignore", "same"}:
        raise RuleFileError(str(FRAME_WORDS_FILE), None, "expected exactly the lists `ignore` and `same`")
    ignore, same = data["ignore"], data["same"]
    if not isinstance(ignore, list) or not all(isinstance(w, str) and w == w.lower() for w in ignore):
        raise RuleFileError(str(FRAME_WORDS_FILE), None, "`ignore`: a list of lowercase words")
    if not isinstance(same, list) or not all(
        isinstance(g, list) and g and all(isinstance(w, str) and w == w.lower() for w in g) for g in same
    ):
        raise RuleFileError(str(FRAME_WORDS_FILE), None, "`same`: a list of groups of lowercase words")
    stands: dict[str, str] = {}
    for group in same:
        for w in group:
            if w in stands and stands[w] != group[0]:
                raise RuleFileError(str(FRAME_WORDS_FILE), None, f"`same`: {w!r} is in two groups")
            stands[w] = group[0]
    story_common = {str(w).lower() for w in common.get("common") or []}
    return frozenset((set(ignore) | story_common) - set(stands)), stands


def fold(word: str) -> str | None:
    """The frame word a written word stands for, or ``None`` when it says nothing about what is measured."""
    ignore, stands = _lists()
    w = _POSSESSIVE.sub("", word.lower()).strip("-'’")
    if len(w) < 2 or w in ignore:
        return None
    if w in stands:
        return stands[w]
    w = singular(w)
    if w in ignore:
        return None
    return stands.get(w, w)


def _words(text: str, is_place: Callable[[str], bool]) -> list[str]:
    out = []
    for m in _WORD.finditer(text):
        raw = m.group(0)
        if raw[:1].isupper() and is_place(raw):
            continue  # a place is the claim's entity or scope, compared on its own
        w = fold(raw)
        if w is not None:
            out.append(w)
    return out


def frame_words(
    sentence: str,
    start: int,
    end: int,
    bounds: tuple[int, int],
    thing: str | None,
    is_place: Callable[[str], bool],
) -> tuple[str, ...]:
    """The frame of the figure at ``sentence[start:end]``: sorted, each word once.

    ``bounds`` is the stretch of the sentence that belongs to the figure (its clause, cut at
    the figures before and after it).
    """
    lo, hi = bounds
    before = sentence[max(lo, 0) : start]
    after = sentence[end : min(hi, len(sentence))]
    # stop at a number: it is another figure's, or a date's
    digit = _NUMBER.search(after)
    if digit:
        after = after[: digit.start()]
    digits = list(_NUMBER.finditer(before))
    if digits:
        before = before[digits[-1].end() :]
    words = _words(before, is_place)[-REACH:] + _words(after, is_place)[:REACH]
    if thing:
        words += _words(thing, is_place)
    return tuple(sorted(set(words)))


def reader_name() -> str:
    """The frame reader in force: ``words`` (the default, this module) or ``parsed`` (:mod:`figures.context.parsed`).

    Chosen by the environment variable :data:`READER_VARIABLE`; the parsed reader is measured
    against the default in ``docs/design/claims.md`` ("A parser, measured").
    """
    choice = os.environ.get(READER_VARIABLE, "") or "words"
    if choice not in ("words", "parsed"):
        raise UsageError(f"{READER_VARIABLE}={choice}: unknown frame reader; use 'words' (the default) or 'parsed'")
    return choice
