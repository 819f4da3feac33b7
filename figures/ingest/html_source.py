"""Where the main text of an HTML page stands in the file itself.

The text figures reads from an ``.html`` file is the page's main text as trafilatura
found it, so its lines and columns are not the ones an editor shows. This module
finds each sentence of that text in the file. It reads the file's visible text
(comments, tags, and the content of the ``<title>``, scripts and styles left out;
entities such as ``&nbsp;`` and ``&#8212;`` decoded) and compares the two letter by
letter, ignoring white space (which tags and line breaks change) and invisible
characters such as soft hyphens. The cells of a table row and the items of a list,
which trafilatura writes as ``| cell | cell |`` and ``- item``, are found one by one.
A sentence found maps each of its characters to the file; one that is not found
takes the position of its paragraph's first sentence when that one is found, and
otherwise has none (line 0).
"""

from __future__ import annotations

import bisect
import html
import re

from figures.ingest.sentences import split_sentences
from figures.model import SourceMap

# Elements whose content is never page text; the browser reads an unclosed one to the end of the file.
# (<head> itself is not one: its end tag may be left out, and only its <title> holds text.)
_HIDDEN = ("script", "style", "title", "template", "noscript", "textarea")
_MARKUP = re.compile(
    r"<!--|<!\[CDATA\[|<(" + "|".join(_HIDDEN) + r")(?=[\s>/])[^>]*>|</?[A-Za-z][^>]*>|<[!?][^>]*>",
    re.IGNORECASE,
)
_CLOSE = {name: re.compile(f"</{name}(?=[\\s>/])", re.IGNORECASE) for name in _HIDDEN}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# Invisible characters the main text may drop: soft hyphen, zero-width space and joiners, BOM.
_INVISIBLE = frozenset("\xad\u200b\u200c\u200d\u2060\ufeff")
# A paragraph's first letters, when its first sentence is not found whole.
_PARAGRAPH_PREFIX = 24


def visible_letters(source: str) -> tuple[str, list[int]]:
    """The non-space characters of the page's visible text, and where each one stands in ``source``."""
    letters: list[str] = []
    offsets: list[int] = []
    pos = 0
    size = len(source)
    while pos < size:
        m = _MARKUP.search(source, pos)
        end = m.start() if m else size
        _text(source, pos, end, letters, offsets)
        if m is None:
            break
        token = m.group(0)
        if token == "<!--":
            close = source.find("-->", m.end())
            pos = size if close < 0 else close + 3
        elif token == "<![CDATA[":
            close = source.find("]]>", m.end())
            pos = size if close < 0 else close + 3
        elif m.group(1):
            found = _CLOSE[m.group(1).lower()].search(source, m.end())
            if found is None:
                break  # an unclosed <script> hides the rest of the page
            gt = source.find(">", found.end())
            pos = size if gt < 0 else gt + 1
        else:
            pos = m.end()
    return "".join(letters), offsets


def _text(source: str, a: int, b: int, letters: list[str], offsets: list[int]) -> None:
    pos = a
    while pos < b:
        amp = source.find("&", pos, b)
        stop = b if amp < 0 else amp
        for i in range(pos, stop):
            ch = source[i]
            if not ch.isspace() and ch not in _INVISIBLE:
                letters.append(ch)
                offsets.append(i)
        if amp < 0:
            return
        m = _ENTITY.match(source, amp, b)
        if m is None:
            letters.append("&")
            offsets.append(amp)
            pos = amp + 1
            continue
        for ch in html.unescape(m.group(0)):
            if not ch.isspace() and ch not in _INVISIBLE:
                letters.append(ch)
                offsets.append(amp)
        pos = m.end()


def _letters(text: str, a: int, b: int) -> tuple[str, list[int]]:
    idx = [i for i in range(a, b) if not text[i].isspace() and text[i] not in _INVISIBLE]
    return "".join(text[i] for i in idx), idx


def source_map(source: str, text: str) -> SourceMap:
    """Where each character of ``text`` (the main text found in the HTML ``source``) stands in ``source``."""
    page, page_offsets = visible_letters(source)
    finder = _Finder(page)
    where = [-1] * len(text)
    for start, end in _paragraphs(text):
        paragraph_at = -1
        for n, sentence in enumerate(split_sentences(text, start, end)):
            # A table row or list item reads "| cell | cell |" or "- item": its cells are found one by one.
            cells = _cells(text, sentence.start, sentence.end)
            whole = [(sentence.start, sentence.end)]
            for pieces in (whole, cells) if cells != whole else (whole,):
                for a, b in pieces:
                    letters, idx = _letters(text, a, b)
                    found = finder.find(letters)
                    for k, i in enumerate(idx if found >= 0 else ()):
                        where[i] = page_offsets[found + k]
                if any(where[i] >= 0 for i in range(sentence.start, sentence.end)):
                    break
            first = next((where[i] for i in range(sentence.start, sentence.end) if not text[i].isspace()), -1)
            if n == 0:
                paragraph_at = first
                if first < 0:
                    letters = _letters(text, sentence.start, sentence.end)[0]
                    at = finder.find(letters[:_PARAGRAPH_PREFIX])
                    paragraph_at = page_offsets[at] if at >= 0 else -1
            for i in range(sentence.start, sentence.end):
                if where[i] < 0:
                    where[i] = paragraph_at
    _fill_spaces(text, where)
    line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    lines, columns = [], []
    for offset in where:
        if offset < 0:
            lines.append(0)
            columns.append(0)
        else:
            line = bisect.bisect_right(line_starts, offset)
            lines.append(line)
            columns.append(offset - line_starts[line - 1] + 1)
    return SourceMap(tuple(lines), tuple(columns))


class _Finder:
    """Finds letters in the page, near where the last ones were found.

    The main text follows the page's order, so a search starts after the last find and
    looks ahead a window first. A search of the whole page is a fallback, with a budget:
    a text that is nowhere in the page costs a few passes over it, not one per sentence.
    """

    WINDOW = 50_000
    FULL_SEARCHES = 32

    def __init__(self, page: str) -> None:
        self.page = page
        self.cursor = 0
        self.budget = self.FULL_SEARCHES

    def find(self, letters: str) -> int:
        """Where ``letters`` start in the page, or -1; a find moves the cursor past them."""
        if not letters:
            return -1
        found = self.page.find(letters, self.cursor, self.cursor + self.WINDOW + len(letters))
        if found < 0 and self.budget > 0:
            self.budget -= 1
            found = self.page.find(letters)
        if found >= 0:
            self.cursor = found + len(letters)
        return found


_CELL_MARK = re.compile(r"(?m)^[ \t]*[-*][ \t]+|[ \t]*\|[ \t]*")


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The spans of ``text[a:b]`` between the marks trafilatura writes for tables and lists."""
    out = []
    pos = a
    for m in _CELL_MARK.finditer(text, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    return out


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _fill_spaces(text: str, where: list[int]) -> None:
    """A space stands where the next character stands (a figure never starts with one, but a span may)."""
    following = -1
    for i in range(len(text) - 1, -1, -1):
        if text[i].isspace():
            where[i] = following
        else:
            following = where[i]
