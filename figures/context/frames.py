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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from figures.context.things import singular
from figures.context.words import classes, read_yaml
from figures.core.errors import RuleFileError, UsageError

__all__ = [
    "FRAME_WORDS_FILE",
    "READER_VARIABLE",
    "REACH",
    "OwnPhrase",
    "fold",
    "frame_words",
    "own_phrase",
    "reader_name",
]

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


# An amount's own phrase: a few words on each side, never past a comma, a bracket, another number
# or a word that opens another phrase ("$550 million in compensatory damages and $4.1 billion").
OWN_REACH = 4
OWN_REACH_BEFORE = 6  # a verb may govern the amount across its object: "fined the shipping firm Kvarn $12 million"
_OWN_CUT = re.compile(r"[,;:()\[\]\d]|\s(?:and|or|but|while|whereas|plus|after|before|than|from)\s", re.IGNORECASE)


@dataclass(frozen=True)
class OwnPhrase:
    """What an amount's or a count's own phrase names: a head (``own_heads``) and its parts (``own_parts``)."""

    head: str | None = None
    parts: tuple[str, ...] = ()


def _forms_pattern(forms: dict[str, str]) -> re.Pattern[str]:
    """Any written form of a list of classes as whole words, longest first, a space matching any run of space."""
    alternatives = (r"\s+".join(re.escape(w) for w in f.split()) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _own_patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    heads, parts = classes("own_heads"), classes("own_parts")
    return _forms_pattern(heads), heads, _forms_pattern(parts), parts


def _class_of(found: str, table: dict[str, str]) -> str | None:
    return table.get(" ".join(found.lower().split()))


def _own_window(sentence: str, start: int, end: int, bounds: tuple[int, int]) -> tuple[str, str]:
    """The words right before and right after a figure that are its own.

    At most :data:`OWN_REACH_BEFORE` words before and :data:`OWN_REACH` after, never past a cut.
    """
    lo, hi = bounds
    before = sentence[max(lo, 0) : start]
    cuts = list(_OWN_CUT.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = sentence[end : max(min(hi, len(sentence)), end)]
    cut = _OWN_CUT.search(after)
    if cut:
        after = after[: cut.start()]
    before_words, after_words = before.split()[-OWN_REACH_BEFORE:], after.split()[:OWN_REACH]
    return " ".join(before_words), " ".join(after_words)


def own_phrase(sentence: str, start: int, end: int, bounds: tuple[int, int]) -> OwnPhrase:
    """What the figure at ``sentence[start:end]`` is by its own phrase alone, within ``bounds``.

    The head is the nearest word of ``own_heads`` after the figure ("a $90 million opening"), else
    the nearest before it ("a penalty of", "was fined"); the parts are every word of ``own_parts``
    on either side ("$4 billion in punitive damages").
    """
    before, after = _own_window(sentence, start, end, bounds)
    head_pattern, heads, part_pattern, part_classes = _own_patterns()
    found = [m.group(0) for m in head_pattern.finditer(after)]
    if not found:
        found = [m.group(0) for m in head_pattern.finditer(before)][::-1]
    head = _class_of(found[0], heads) if found else None
    parts = {_class_of(m.group(0), part_classes) for m in part_pattern.finditer(before + " | " + after)}
    return OwnPhrase(head, tuple(sorted(p for p in parts if p)))


def reader_name() -> str:
    """The frame reader in force: ``words`` (the default, this module) or ``parsed`` (:mod:`figures.context.parsed`).

    Chosen by the environment variable :data:`READER_VARIABLE`; the parsed reader is measured
    against the default in ``docs/design/claims.md`` ("A parser, measured").
    """
    choice = os.environ.get(READER_VARIABLE, "") or "words"
    if choice not in ("words", "parsed"):
        raise UsageError(f"{READER_VARIABLE}={choice}: unknown frame reader; use 'words' (the default) or 'parsed'")
    return choice
