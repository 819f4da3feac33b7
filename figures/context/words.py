"""The word lists of ``figures/data/claim_words.yaml``, read once, as patterns.

The lists are data so that a reader can see and extend them without reading the code
that uses them; the file's header documents its schema.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from figures.core.errors import RuleFileError

__all__ = ["WORDS_FILE", "any_of", "phrases"]

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "claim_words.yaml"
_LISTS = (
    "increment",
    "than_forecast_comparative",
    "as_forecast_adverb",
    "beat_forecast_verb",
    "forecast_noun",
    "prior_period",
    "comparison",
    "comparison_next",
    "request",
    "prosecution_side",
    "defence_side",
    "record",
)


@lru_cache(maxsize=1)
def _load() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}
    unknown = sorted(set(data) - set(_LISTS))
    missing = sorted(set(_LISTS) - set(data))
    if unknown or missing:
        raise RuleFileError(str(WORDS_FILE), None, f"unknown lists {unknown} or missing lists {missing}")
    out: dict[str, tuple[str, ...]] = {}
    for name in _LISTS:
        items = data[name]
        if not isinstance(items, list) or not all(isinstance(p, str) and p == p.lower() for p in items):
            raise RuleFileError(str(WORDS_FILE), None, f"{name}: a list of lowercase phrases")
        # longest first, so that "an additional" wins over "additional" in one alternation
        out[name] = tuple(sorted(items, key=lambda p: (-len(p), p)))
    return out


def phrases(name: str) -> tuple[str, ...]:
    """The phrases of one list, longest first."""
    return _load()[name]


def _phrase_pattern(phrase: str) -> str:
    return r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", phrase))


@lru_cache(maxsize=32)
def any_of(name: str) -> str:
    """A regex (no groups, no anchors) that matches any phrase of the list as whole words."""
    return r"(?<![\w-])(?:" + "|".join(_phrase_pattern(p) for p in phrases(name)) + r")(?!\w)"
