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

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from figures.ingest.sentences import split_sentences
from figures.model import SourceMap

# Elements whose content is never page text; the browser reads an unclosed one to the end of the file.
# (<head> itself is not one: its end tag may be left out, and only its <title> holds text.)
_HIDDEN = ("script", "style", "title", "template", "noscript", "textarea")
_COMMENT_OPEN = re.compile("<!--")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)|<[!?]")
_CLOSE = {name: re.compile(f"</{name}(?=[\\s>/])", re.IGNORECASE) for name in _HIDDEN}
# Invisible characters the main text may drop: soft hyphen, zero-width space and joiners, BOM.
_INVISIBLE = frozenset("\xad\u200b\u200c\u200d\u2060\ufeff")
_LETTER_RUN = re.compile("[^\\s" + "".join(sorted(_INVISIBLE)) + "]+")
# Runs of letters, or an entity (which may be followed by more of its name: "&amp;", "&copy").
_TEXT_RUN = re.compile(
    "[^\\s&"
    + "".join(sorted(_INVISIBLE))
    + "]+|&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)?"
)
# A paragraph's first letters, when its first sentence is not found whole.
_PARAGRAPH_PREFIX = 24

# Bounds on a page's markup, checked in one pass before the page is parsed: lxml's cost
# grows with the square of one tag's attributes (200,000 take many minutes), and a news
# page has tens of attributes per tag, tags nested tens deep, and tens of thousands of tags.
MAX_ATTRIBUTES = 1_000
MAX_DEPTH = 1_000
MAX_TAGS = 200_000
# Elements with no end tag, and elements an opening of the same name closes ("<p>one<p>two").
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SELF_ENDING = frozenset("p li dt dd tr td th option optgroup rp rt tbody thead tfoot".split())
# One attribute, or the end of the tag; an unclosed quoted value runs to the end of the page, as in a browser.
_ATTRIBUTE = re.compile(r"""[\s/]*(?:(>)|[^\s/>=]+(?:\s*=\s*(?:"[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|[^\s>]*))?|([^>]))""")


def markup_problem(source: str) -> tuple[str, int] | None:
    """The first way the page's markup passes a bound, and its line; ``None`` when it is within them.

    One pass over the page that costs its length: comments, and the content of
    scripts and styles, are skipped as the visible text skips them.
    """
    pos, size, tags = 0, len(source), 0
    open_tags = _OpenTags()
    while pos < size:
        lt = source.find("<", pos)
        if lt < 0:
            return None
        if source.startswith("<!--", lt):
            close = source.find("-->", lt + 4)
            pos = size if close < 0 else close + 3  # an unclosed comment runs to the end of the page
            continue
        tag = _TAG.match(source, lt)
        if tag is None or not tag.group(2):
            pos = lt + 1 if tag is None else _tag_end(source, tag.end())
            continue
        tags += 1
        if tags > MAX_TAGS:
            return f"has more than {MAX_TAGS:,} tags", _line(source, lt)
        attributes, pos = _attributes(source, tag.end())
        if attributes > MAX_ATTRIBUTES:
            return f"has a tag with more than {MAX_ATTRIBUTES:,} attributes", _line(source, lt)
        pos = _enter(source, tag, pos, open_tags)
        if len(open_tags.names) > MAX_DEPTH:
            return f"nests tags more than {MAX_DEPTH:,} deep", _line(source, lt)
    return None


def _enter(source: str, tag: re.Match[str], pos: int, open_tags: _OpenTags) -> int:
    """Where the scan goes on after a start or end tag that ends at ``pos``, with ``open_tags`` updated.

    The content of a script or a style is skipped to its end tag, or to the end of the page.
    """
    name = tag.group(2).lower()
    if tag.group(1):
        open_tags.close(name)
        return pos
    if name in _VOID or source[pos - 2 : pos] == "/>":
        return pos
    if name in _SELF_ENDING and name in open_tags.names[-4:]:  # "<tr><td>1<tr>": a new row ends cell and row
        open_tags.close(name)
    if name in _CLOSE:
        end = _CLOSE[name].search(source, pos)
        return len(source) if end is None else end.start()
    open_tags.open(name)
    return pos


class _OpenTags:
    """The elements open at a point of the page, innermost last; each is opened and closed once."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.count: dict[str, int] = {}

    def open(self, name: str) -> None:
        self.names.append(name)
        self.count[name] = self.count.get(name, 0) + 1

    def close(self, name: str) -> None:
        """Close the innermost ``name`` and what is open inside it; an end tag of nothing open is ignored."""
        if not self.count.get(name):
            return
        while self.names:
            top = self.names.pop()
            self.count[top] -= 1
            if top == name:
                return


def _attributes(source: str, pos: int) -> tuple[int, int]:
    """How many attributes the tag whose name ends at ``pos`` has, and where the tag ends."""
    count = 0
    size = len(source)
    while pos < size:
        m = _ATTRIBUTE.match(source, pos)
        if m is None or m.group(1) is not None:
            return count, size if m is None else m.end()
        pos = m.end()
        if m.group(2) is None:
            count += 1
            if count > MAX_ATTRIBUTES:
                return count, pos
    return count, size


def _tag_end(source: str, pos: int) -> int:
    gt = source.find(">", pos)
    return len(source) if gt < 0 else gt + 1


def _line(source: str, pos: int) -> int:
    return source.count("\n", 0, pos) + 1


def visible_letters(source: str) -> tuple[str, list[int]]:
    """The non-space characters of the page's visible text, and where each one stands in ``source``.

    One pass, whatever the page holds: an unclosed comment, tag or script ends the
    visible text, as it does in a browser.
    """
    letters: list[str] = []
    offsets: list[int] = []
    for kind, a, b in _pieces(source):
        if kind == "text":
            _text(source, a, b, letters, offsets)
    return "".join(letters), offsets


def page_comments(source: str) -> str:
    """The page with every ``<!--`` that opens no comment made inert, and nothing else changed.

    Suppression comments are read from it, at their lines and columns in the file:
    a ``<!--`` in a script, a textarea, a tag's attribute or a CDATA section opens
    no comment in a browser, so it is no suppression either.
    """
    opened = {a for kind, a, _ in _pieces(source) if kind == "comment"}
    return _COMMENT_OPEN.sub(lambda m: m.group() if m.start() in opened else " !--", source)


def _pieces(source: str) -> Iterator[tuple[str, int, int]]:
    """The page in order as a browser reads it: ``("text", a, b)`` between tags, ``("comment", a, b)``."""
    pos = 0
    size = len(source)
    while pos < size:
        lt = source.find("<", pos)
        yield "text", pos, size if lt < 0 else lt
        if lt < 0:
            break
        if source.startswith("<!--", lt):
            close = source.find("-->", lt + 4)
            pos = size if close < 0 else close + 3
            yield "comment", lt, pos
            continue
        if source.startswith("<![CDATA[", lt):
            close = source.find("]]>", lt + 9)
            pos = size if close < 0 else close + 3
            continue
        tag = _TAG.match(source, lt)
        if tag is None:  # "5 < 6": a "<" that starts no tag is text
            yield "text", lt, lt + 1
            pos = lt + 1
            continue
        gt = source.find(">", tag.end())
        if gt < 0:
            break
        pos = gt + 1
        name = (tag.group(2) or "").lower()
        if name in _CLOSE and not tag.group(1):
            end = _CLOSE[name].search(source, pos)
            if end is None:
                break
            gt = source.find(">", end.end())
            pos = size if gt < 0 else gt + 1


def _text(source: str, a: int, b: int, letters: list[str], offsets: list[int]) -> None:
    """Append the letters of ``source[a:b]``, text between tags, decoding its entities."""
    for m in _TEXT_RUN.finditer(source, a, b):
        run = m.group(0)
        if run[0] != "&":
            letters.append(run)
            offsets.extend(range(m.start(), m.end()))
            continue
        for ch in html.unescape(run):
            if not ch.isspace() and ch not in _INVISIBLE:
                letters.append(ch)
                offsets.append(m.start())


def _letters(text: str, a: int, b: int) -> tuple[str, list[int]]:
    """The letters of ``text[a:b]`` and their offsets."""
    runs = list(_LETTER_RUN.finditer(text, a, b))
    return "".join(m.group(0) for m in runs), [i for m in runs for i in range(m.start(), m.end())]


def source_map(source: str, text: str) -> SourceMap:
    """Where each character of ``text`` (the main text found in the HTML ``source``) stands in ``source``."""
    page, page_offsets = visible_letters(source)
    placing = _Placing(text, _Finder(page), page_offsets, [-1] * len(text))
    for start, end in _paragraphs(text):
        paragraph_at = -1
        for n, sentence in enumerate(split_sentences(text, start, end)):
            first, complete = placing.sentence(sentence.start, sentence.end)
            if n == 0:
                paragraph_at = placing.paragraph(sentence.start, sentence.end, first)
            if not complete:  # what was not found stands at its paragraph's start
                placing.fill(sentence.start, sentence.end, paragraph_at)
    _fill_spaces(text, placing.where)
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    return SourceMap(tuple(placing.where), tuple(line_starts))


@dataclass
class _Placing:
    """The text's characters placed in the page as they are found: ``where`` holds their file offsets, -1 unplaced."""

    text: str
    finder: _Finder
    page_offsets: list[int]
    where: list[int]

    def place(self, a: int, b: int) -> int:
        """Place the letters of ``text[a:b]`` if the page has them; the file offset of the first, or -1."""
        letters, idx = _letters(self.text, a, b)
        found = self.finder.find(letters)
        if found < 0:
            return -1
        for k, i in enumerate(idx):
            self.where[i] = self.page_offsets[found + k]
        return self.where[idx[0]]

    def sentence(self, start: int, end: int) -> tuple[int, bool]:
        """Place a sentence whole, or else cell by cell: the offset of its first letter placed, and whether whole.

        A table row or list item reads "| cell | cell |" or "- item": its cells are found one by one.
        """
        whole = [(start, end)]
        cells = _cells(self.text, start, end)
        for pieces in (whole, cells) if cells != whole else (whole,):
            placed = [at for at in (self.place(a, b) for a, b in pieces) if at >= 0]
            if placed:
                return placed[0], pieces is whole
        return -1, False

    def paragraph(self, start: int, end: int, first: int) -> int:
        """Where a paragraph starts, from its first sentence: where it was placed, else its first letters."""
        if first >= 0:
            return first
        letters = _letters(self.text, start, end)[0]
        at = self.finder.find(letters[:_PARAGRAPH_PREFIX])
        return self.page_offsets[at] if at >= 0 else -1

    def fill(self, start: int, end: int, at: int) -> None:
        for i in range(start, end):
            if self.where[i] < 0:
                self.where[i] = at


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
