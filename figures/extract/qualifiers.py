"""Qualifiers and rate periods around a number: "up to", "or more", "a month", "monthly"."""

from __future__ import annotations

import re

from figures.extract.draft import Draft
from figures.extract.lexicon import PERIOD_ADJECTIVES, PERIOD_NOUNS, QUALIFIERS_AFTER, QUALIFIERS_BEFORE
from figures.extract.words import any_of, word_map
from figures.model import Qualifier

_QUAL_BEFORE = sorted(QUALIFIERS_BEFORE, key=len, reverse=True)
_QUAL_AFTER = sorted(QUALIFIERS_AFTER, key=len, reverse=True)
_QUAL_AT_END: dict[str, Qualifier] = {k: Qualifier(v) for k, v in word_map("qualifiers_after_at_end").items()}
# "90mph and more than 100mm", "£500 or over £2,000": the words open the next figure's bound;
# "and above all", "and below-average pay" are no bound either.
_QUAL_AFTER_RE = re.compile(
    r"[ ,]*(?:("
    + "|".join(re.escape(p) for p in _QUAL_AFTER)
    + r")(?![^\W_]|-)(?![ \u00a0]+(?:than\b|all\b|[\d$€£¥]))|("
    + "|".join(re.escape(p) for p in sorted(_QUAL_AT_END, key=len, reverse=True))
    + r")(?=[ \u00a0]*(?:[,.;:!?)]|$)))",
    re.IGNORECASE,
)
# The adverbs of a period ("paid £500 monthly") may follow the amount; so may the
# abbreviations ("£1,200 pcm"), written in lower case only; "annual" and "per-month" go before.
_PERIOD_ADVERBS = [w for w in PERIOD_ADJECTIVES if w.endswith("ly")]
_PERIOD_ABBREVIATIONS = [w for w in PERIOD_ADJECTIVES if len(w.replace(".", "")) <= 3]
_PERIOD_AFTER = re.compile(
    r"\s*(?:(?:per|a|an|each|every|/)\s*("
    + "|".join(PERIOD_NOUNS)
    + r")\b(?!\s+(?:earlier|ago|later|before|after))"
    + r"|\s("
    + "|".join(_PERIOD_ADVERBS)
    + r"|(?-i:"
    + "|".join(map(re.escape, _PERIOD_ABBREVIATIONS))
    + r"))(?!\w))",
    re.IGNORECASE,
)
_PERIOD_FAR = re.compile(r"^[^.;:!?\d]{0,60}?\b(?:each|every|per)\s+(month|year|week|day|night|hour)\b", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(
    r"\b("
    + "|".join(map(re.escape, (w for w in PERIOD_ADJECTIVES if w not in _PERIOD_ABBREVIATIONS)))
    + r")\s+(?:[A-Za-z-]+\s+){0,3}(?:"
    + any_of("period_links")
    + r")?\s*$",
    re.IGNORECASE,
)


def _reversed_phrase(phrase: str) -> str:
    body = r"\s+".join(re.escape(word[::-1]) for word in reversed(phrase.split(" ")))
    # A phrase that starts with a letter starts a word ("over", not "Rover").
    return body + (r"(?![\w-])" if phrase[0].isalnum() else "")  # not "four-under 68" either


# Qualifiers end where the number starts, so they are matched on the reversed text
# before it: one anchored match per number, whatever the size of the lexicon.
_QUAL_BEFORE_REVERSED = re.compile(
    r"\s*(" + "|".join(_reversed_phrase(p) for p in _QUAL_BEFORE) + ")",
    re.IGNORECASE,
)


def qualifier_before(text: str, pos: int, floor: int) -> tuple[Qualifier, int] | None:
    """A qualifier phrase ending just before ``pos`` (white space allowed between)."""
    window = text[max(floor, pos - 32) : pos][::-1]
    m = _QUAL_BEFORE_REVERSED.match(window)
    if m is None:
        return None
    phrase = " ".join(m.group(1)[::-1].split()).lower()
    return QUALIFIERS_BEFORE[phrase], pos - m.end(1)


def period_before(text: str, pos: int, floor: int) -> str | None:
    """A rate period named by an adjective before the amount: "a monthly salary of"."""
    window = text[max(floor, pos - 60) : pos]
    m = _PERIOD_BEFORE.search(window)
    if m:
        return PERIOD_ADJECTIVES[m.group(1).lower()]
    return None


def period_after(text: str, pos: int, limit: int, far: bool) -> tuple[str, int] | None:
    """A rate period right after ``pos`` ("a month", "per year", "monthly"), and where it ends.

    ``far`` also accepts "each"/"every"/"per" a few words on ("53 people on each bus every day").
    """
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
    """A qualifier written after a number and its unit ("or more", "at least"), and where it ends."""
    m = _QUAL_AFTER_RE.match(text, pos, min(limit, pos + 20))
    if m is None:
        return None
    if m.group(1):
        return QUALIFIERS_AFTER[m.group(1).lower()], m.end()
    return _QUAL_AT_END[m.group(2).lower()], m.end()


def combine(current: Qualifier, new: Qualifier) -> Qualifier:
    """The qualifier of a figure that has ``current`` and is preceded by ``new``.

    A range stays a range under a bound ("up to 5-10 years" is read as a range), but
    "about 10-12 kg" keeps its "about": the interval is the range, the qualifier says
    the ends are approximate.
    """
    if current == Qualifier.RANGE and new != Qualifier.APPROXIMATELY:
        return current
    return new


def apply_bounds(draft: Draft) -> None:
    """Turn the qualifier into the interval's open or closed ends."""
    q = draft.qualifier
    if q in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        draft.high = None
    elif q in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        draft.high = draft.high if draft.high is not None else draft.low
        draft.low = None
