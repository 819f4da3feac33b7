"""Text from articles, file names and front matter made safe for an output.

Three dangers, one place for each:

* :func:`printable`: a line break in a file name would start a new line in the text
  output, which GitHub Actions may read as a workflow command (``::error ...``); an
  escape sequence would drive the reader's terminal. Control characters (C0, C1,
  DEL, line and paragraph separators) and the bidirectional overrides that reorder
  what a reader sees become visible escapes such as ``\\x1b``.
* :func:`writable`: a lone surrogate (a file name that is not UTF-8, a ``"\\ud800"``
  in front matter) cannot be written as UTF-8 at all; it becomes U+FFFD.
* :func:`for_spreadsheet`: XLSX cannot hold most C0 control characters
  (the pattern of openpyxl's ``ILLEGAL_CHARACTERS_RE``); they become U+FFFD too.

Figures beside such characters are flagged :data:`REPLACED_FLAG` (see
:meth:`figures.model.Article.in_source`), so a reader knows the output differs from the file.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
REPLACED_FLAG = "replaced_characters"  # on a figure some output shows with characters replaced
# C0 and C1 controls, DEL, NEL, line and paragraph separators, bidi embeddings, overrides and isolates.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE, kept here so that reading an article needs no openpyxl
XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
_REPLACED = re.compile(r"[\ud800-\udfff]|[\000-\010]|[\013-\014]|[\016-\037]")


def printable(text: str) -> str:
    """``text`` on one line, its control and escape characters written as escapes (``\\n``, ``\\x1b``)."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], writable(text))


def writable(text: str) -> str:
    """``text`` with each lone surrogate, which no UTF-8 output can hold, replaced by U+FFFD."""
    return _SURROGATE.sub(REPLACEMENT, text)


def for_spreadsheet(text: str) -> str:
    """``text`` with lone surrogates and the control characters XLSX cannot hold replaced by U+FFFD."""
    return _REPLACED.sub(REPLACEMENT, text)


def replaced_in_outputs(text: str) -> bool:
    """Whether some output shows ``text`` with a character replaced (see :func:`for_spreadsheet`)."""
    return _REPLACED.search(text) is not None


def replaced_at(text: str) -> list[int]:
    """The offsets of the characters of ``text`` that some output replaces."""
    return [m.start() for m in _REPLACED.finditer(text)]
