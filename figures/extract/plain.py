"""A view of a text in which every number is written the plain way, with the way back.

Numbers reach a newsroom written in many hands: a zero-width space or a combining
accent left inside "1​000" by a web editor, Swiss grouping ("1'000'000"), Arabic
separators ("١٢٬٥٠٠", "٣٫٥"), fullwidth punctuation ("１２，５００"). Extraction reads
the view, where these are plain commas and dots and the invisible characters are gone;
:func:`to_text` maps the view's offsets back, so every figure still points at the
text as the file has it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Invisible characters that carry no meaning inside a number: soft hyphen, zero-width
# space, non-joiner, joiner, word joiner, byte order mark, and combining marks.
_INVISIBLE = "\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK = r"[.,'\u2019\u066b\u066c\uff0c\uff0e]"  # a decimal or grouping mark
# Between a digit (or a digit and its mark) and a digit (or a mark and its digit): "1​000", "2,​500".
_INSIDE = re.compile(rf"(?:(?<=\d)|(?<=\d{_MARK}))[{_INVISIBLE}]+(?=\d|{_MARK}\d)")
# Separators that are only ever separators become the plain ones, one character for one.
_SEPARATORS = str.maketrans({"\u066c": ",", "\u066b": "."})
_FULLWIDTH = re.compile(r"(?<=\d)[\uff0c\uff0e](?=\d)")
# "1'000'000", "12’500": Swiss grouping, every group after the first of three digits.
# "5'10" (feet and inches) and "the 1990's" are not.
_APOSTROPHE_GROUPS = re.compile(r"(?<![\d'\u2019])\d{1,3}(?:['\u2019]\d{3})+(?![\d'\u2019])")
_ODD = re.compile(rf"[{_INVISIBLE}\u066b\u066c\uff0c\uff0e]")
_APOSTROPHE_HINT = re.compile(r"['\u2019]\d{3}")  # found first: a search that starts at a quote is quick


def plain_view(text: str) -> tuple[str, list[int] | None]:
    """The text with its numbers written the plain way, and the offsets of what was removed.

    The second item is ``None`` when nothing was removed (offsets are the same in both);
    otherwise the sorted offsets in ``text`` of the removed characters. Text with none of
    these forms is returned as it is, at the cost of a search or two.
    """
    if (text.isascii() or _ODD.search(text) is None) and _APOSTROPHE_HINT.search(text) is None:
        return text, None
    removed: list[int] = []
    pieces: list[str] = []
    at = 0
    for m in _INSIDE.finditer(text):
        pieces.append(text[at : m.start()])
        removed.extend(range(m.start(), m.end()))
        at = m.end()
    pieces.append(text[at:])
    view = "".join(pieces).translate(_SEPARATORS)
    view = _FULLWIDTH.sub(lambda m: "," if m.group() == "\uff0c" else ".", view)
    view = _APOSTROPHE_GROUPS.sub(lambda m: re.sub(r"['\u2019]", ",", m.group()), view)
    return view, removed or None


def to_view(removed: list[int] | None, offset: int) -> int:
    """The view's offset for an offset in the text."""
    return offset if not removed else offset - bisect_right(removed, offset - 1)


def to_text(removed: list[int] | None, offset: int) -> int:
    """The text's offset for an offset in the view: a start stays before what was removed there."""
    if not removed:
        return offset
    # The k-th kept character sits at k plus the removed characters before it.
    lo, hi = offset, offset + len(removed)
    while lo < hi:
        mid = (lo + hi) // 2
        if mid - bisect_right(removed, mid) < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def end_to_text(removed: list[int] | None, offset: int) -> int:
    """The text's offset for the end of a span in the view: just after its last character."""
    return offset if not removed or offset == 0 else to_text(removed, offset - 1) + 1
