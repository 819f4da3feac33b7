"""Whole-text scans for words in any case, run on the text lowered once.

``re.IGNORECASE`` compares every character in both cases and costs about twice a
case-sensitive scan. The extractor scans each text for number words, fractions and
vague amounts; a :class:`Caseless` pattern runs its lower-case form on the text lowered
once (:func:`lowered`), and its case-blind form only when lowering would change what
matches: the dotted capital I (the one character whose lower case is two characters,
so offsets would move), the dotless i and the long s (which ``re.IGNORECASE`` takes for
"i" and "s" and ``str.lower`` keeps as they are). Every other character matches a
lower-case ASCII letter under ``re.IGNORECASE`` exactly when its lower case is that
letter, and lowering never moves a character in or out of ``\\w``, ``\\s`` or ``\\d``,
so both forms find the same spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters after which the lowered text would not match as re.IGNORECASE does.
_UNSAFE = ("\u0130", "\u0131", "\u017f")


def lowered(text: str) -> str | None:
    """``text`` in lower case, with every offset kept, or ``None`` when a :class:`Caseless`
    pattern must run case-blind on ``text`` itself."""
    if not text.isascii() and any(c in text for c in _UNSAFE):
        return None
    return text.lower()


class Caseless:
    """A pattern of lower-case words matched in any case (its source must not rely on
    capitals: its letters and classes are lower case or name both cases).

    Only the lower-case form is compiled with the module: the case-blind one serves the
    rare text that cannot be lowered, and is compiled the first time one comes.
    """

    __slots__ = ("_any_case", "lower_case", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.lower_case = re.compile(source)
        self._any_case: re.Pattern[str] | None = None

    @property
    def any_case(self) -> re.Pattern[str]:
        """The pattern compiled with ``re.IGNORECASE``."""
        if self._any_case is None:
            self._any_case = re.compile(self.source, re.IGNORECASE)
        return self._any_case

    def finditer(self, text: str, folded: str | None) -> Iterator[re.Match[str]]:
        """The matches in ``text``, found in ``folded`` (:func:`lowered`) when there is one.

        The spans are those of ``text``; the groups' strings are lower case when ``folded`` is used.
        """
        if folded is None:
            return self.any_case.finditer(text)
        return self.lower_case.finditer(folded)
