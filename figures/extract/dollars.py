"""Which dollar a bare "$" is: the local one in a story about a dollar country.

Local papers in Australia, Canada and New Zealand write their own dollar as a bare "$";
wire copy writes it "A$", "C$" and keeps "$" for the US dollar.
So a bare "$" is the local dollar only when the text names places or markets of exactly
one dollar country, names no American ones, and writes no dollar with its country's
letters. The word lists are ``local_dollars`` and ``us_dollar_words`` of
``figures/data/extract_words.yaml``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from figures.extract.draft import Draft
from figures.extract.words import word_list, word_map

# A dollar written with its country: "A$", "US$", "$A", "USD", "Canadian dollars".
_NAMED_DOLLAR = re.compile(
    r"[A-Z]{1,3}\$|\$[A-Z]{1,2}\b|\b(?:USD|AUD|NZD|CAD|SGD|HKD)\b"
    r"|\b(?:US|U\.S\.|Australian|Canadian|Singapore|New Zealand|Hong Kong|American)[ \u00a0]+dollars?\b"
)
# The bare sign just before an amount: "$5", "$ 5", not "A$5" or "US$5".
_BARE_SIGN = re.compile(r"(?<![A-Za-z$])\$[ \u00a0]?$")


def _names(words: list[str]) -> str:
    """Whole-word alternatives for proper names, as written and in capitals ("AUSTRALIA'S")."""
    forms = sorted({f for w in words for f in (w, w.upper())}, key=lambda w: (-len(w), w))
    # Every name opens with a capital: the lookahead lets most positions fail at once.
    return r"(?=[A-Z])(?<![\w.])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]]]:
    us = re.compile(_names(word_list("us_dollar_words")))
    local = [(code, re.compile(_names(words))) for code, words in word_map("local_dollars").items()]
    return us, local


def _local_code(text: str) -> str | None:
    """The one dollar country the text names, or None when it names none, several or the US."""
    us, local = _patterns()
    found = [code for code, pattern in local if pattern.search(text)]
    if len(found) != 1 or _NAMED_DOLLAR.search(text) or us.search(text):
        return None
    return found[0]


def _bare_dollar(text: str, d: Draft) -> bool:
    return d.unit == "USD" and _BARE_SIGN.search(text, max(0, d.value_start - 2), d.value_start) is not None


def local_dollars(text: str, drafts: list[Draft]) -> None:
    """Give amounts written with a bare "$" the local dollar of a story about a dollar country, in place."""
    bare = [d for d in drafts if _bare_dollar(text, d)]
    bare += [d.equivalent for d in drafts if d.equivalent is not None and _bare_dollar(text, d.equivalent)]
    if not bare:
        return
    code = _local_code(text)
    if code is None:
        return
    for d in bare:
        d.unit = code
