"""One safe way to read the YAML, TOML and JSON files figures is given.

Rule files, the configuration, the baseline, the verdicts file and an article's front
matter are written by people figures does not know, so each is read the same way:

* at most a bounded number of bytes, so ``/dev/zero`` or a runaway file is refused
  instead of filling memory;
* YAML without aliases (``*name``), so a "billion laughs" of a few lines cannot grow
  into gigabytes; nothing in these files needs them;
* nesting at most :data:`MAX_NESTING` levels deep, checked before a recursive parser
  can hit Python's recursion limit;
* every problem as a :class:`~figures.core.errors.RuleFileError` naming the file and, where
  known, the line.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from figures.core.errors import RuleFileError
from figures.core.files import open_regular

# Far above any configuration, rule or verdicts file a newsroom writes, far below what hurts.
MAX_DATA_FILE_BYTES = 16 * 1024 * 1024
# Real files nest three or four levels; a recursive parser fails at a few hundred.
MAX_NESTING = 64


def read_text(path: str | Path, *, what: str = "file", limit: int = MAX_DATA_FILE_BYTES, hint: str = "") -> str:
    """The UTF-8 text of the regular file ``path``, read no further than ``limit`` bytes.

    A pipe, a socket or a device is never opened as one (:func:`figures.core.files.open_regular`:
    ``what`` names the file's role in that message), and the size on disk is not
    trusted either: the read itself stops one byte past the limit. A missing file raises :class:`FileNotFoundError`, so
    callers keep their own advice for it; every other problem is a :class:`RuleFileError`.
    """
    name = str(path)
    hint = hint or "check that the path names the right file"
    try:
        with open_regular(path, what) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:  # said without reading a byte of it
                raise RuleFileError(name, None, f"is {_megabytes(size)}, more than the {_megabytes(limit)} limit", hint)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise RuleFileError(name, None, "is a folder, not a file") from None
    except OSError as exc:
        raise RuleFileError(name, None, f"cannot be read ({exc.strerror or exc})") from None
    except ValueError:  # a NUL character, which no file name holds
        raise RuleFileError(name, None, "is not a file name (it holds a NUL character)", hint) from None
    if len(data) > limit:
        raise RuleFileError(name, None, f"is more than the {_megabytes(limit)} limit", hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise RuleFileError(
            name, line, f"is not valid UTF-8 (byte {exc.start})", "re-save it as UTF-8 (it may be Latin-1)"
        ) from None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


# ---------------------------------------------------------------------------
# YAML
# ---------------------------------------------------------------------------


class SafeYamlLoader(yaml.SafeLoader):
    """PyYAML's safe loader without aliases and with bounded nesting."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, f"nests more than {MAX_NESTING} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_yaml(text: str, name: str, *, loader: type[SafeYamlLoader] = SafeYamlLoader, line_offset: int = 0) -> Any:
    """Parse YAML ``text`` read from ``name``; ``line_offset`` is added to lines in errors."""
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        # An unclosed bracket is reported at the end of the file; where it opened helps more.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RuleFileError(name, line, f"invalid YAML: {problem}", "fix the syntax") from None
    except (ValueError, OverflowError) as exc:  # "time: 2022-13-45" unquoted is read as a date, and is none
        raise RuleFileError(name, None, f"invalid value: {exc}", "quote it or fix it") from None
    except RecursionError:  # the nesting check above should come first; never a traceback all the same
        raise RuleFileError(name, None, "nests too deeply", "flatten it") from None


# A flat block of ``key: value`` lines (an article's front matter) is read without the parser:
# building a loader costs far more than the few lines it reads. Only lines whose YAML
# meaning is certain take this path; anything else (indents, comments after a value, tabs,
# flow or block collections, anchors, tags, escapes) goes to the full loader above.
_FLAT_KEY = r"(?P<key>[A-Za-z0-9_][A-Za-z0-9_.-]{0,99})"
_PLAIN_START = r"""(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=\S))"""
_PLAIN_CHAR = r"(?:[^\s:#]|:(?=\S)|(?<=\S)#| +(?=[^\s#]))"
_FLAT_LINE = re.compile(
    _FLAT_KEY + r":(?: +(?:"
    r"'(?P<single>(?:[^']|'')*)'"
    r'|"(?P<double>[^"\\]*)"'
    rf"|(?P<plain>{_PLAIN_START}{_PLAIN_CHAR}*)"
    r"))? *"
)
# Line breaks and marks YAML reads differently from Python, and the tab it forbids in places.
_NOT_FLAT = re.compile("[\t\r\x85\u2028\u2029\ufeff]|" + yaml.reader.Reader.NON_PRINTABLE.pattern)
# Resolves and builds one scalar with the full loader's own tables; scalars need no state of it.
_SCALARS = SafeYamlLoader("")


class _NotFlat(Exception):
    """The text is not a flat block of ``key: value`` lines the fast path reads."""


def _flat_scalar(text: str | None) -> Any:
    """The value YAML gives the plain scalar ``text`` (``None`` when empty), or :class:`_NotFlat`."""
    text = text or ""
    tag = _SCALARS.resolve(yaml.ScalarNode, text, (True, False))
    construct = _SCALARS.yaml_constructors.get(tag)
    if construct is None:  # "<<" or "=": left to the loader, which says what is wrong
        raise _NotFlat
    return construct(_SCALARS, yaml.ScalarNode(tag, text))


def _flat_lines(text: str) -> list[re.Match[str]]:
    """The ``key: value`` lines of ``text``, or :class:`_NotFlat` if it holds anything else."""
    if _NOT_FLAT.search(text):
        raise _NotFlat
    lines = []
    for line in text.split("\n"):
        if not line.strip(" ") or line.startswith("#"):
            continue
        m = _FLAT_LINE.fullmatch(line)
        if m is None:
            raise _NotFlat
        lines.append(m)
    if not lines:
        raise _NotFlat
    return lines


def _flat_mapping(text: str) -> dict[Any, Any]:
    """The mapping of a block of ``key: value`` lines, or :class:`_NotFlat`.

    Every line is matched before any value is built, so that a syntax error further down
    is reported before a bad date above it, as the loader does.
    """
    mapping: dict[Any, Any] = {}
    for m in _flat_lines(text):
        key = _flat_scalar(m["key"])
        if m["single"] is not None:
            mapping[key] = m["single"].replace("''", "'")
        elif m["double"] is not None:
            mapping[key] = m["double"]
        else:
            mapping[key] = _flat_scalar(m["plain"])
    return mapping


def load_flat_yaml(text: str, name: str, *, line_offset: int = 0) -> Any:
    """:func:`load_yaml` with the same results and errors, fast for flat ``key: value`` lines.

    Front matter is a few such lines per article, and an archive has thousands of articles;
    what is not plainly flat is read by the full loader.
    """
    try:
        return _flat_mapping(text)
    except _NotFlat:
        return load_yaml(text, name, line_offset=line_offset)
    except (ValueError, OverflowError) as exc:  # "date: 2022-13-45", as the loader reports it
        raise RuleFileError(name, None, f"invalid value: {exc}", "quote it or fix it") from None


# ---------------------------------------------------------------------------
# TOML and JSON: both parsers recurse, so depth is measured on the text first
# ---------------------------------------------------------------------------

_JSON_TOKENS = re.compile(r'[\[\]{}"\\]')
_TOML_TOKENS = re.compile(r"\"\"\"|'''|[\[\]{}\"'\\#\n]")


# What a token does outside strings and comments: the token that ends what it opens, or how it changes the nesting.
_CLOSER_OF = {"#": "\n", '"': '"', "'": "'", '"""': '"""', "'''": "'''"}
_NESTING = {"[": 1, "{": 1, "]": -1, "}": -1}


def _too_deep(text: str, tokens: re.Pattern[str]) -> int | None:
    """The line where brackets outside strings and comments first nest past :data:`MAX_NESTING`."""
    depth = 0
    closer = ""  # the token that ends the string or comment we are in; "" in code
    escaped = -1  # the position a backslash in a basic string escapes
    for m in tokens.finditer(text):
        token, at = m.group(), m.start()
        if at == escaped:
            continue
        if closer:
            if token == "\\" and closer in ('"', '"""'):
                escaped = at + 1
            elif token == closer:
                closer = ""
            continue
        closer = _CLOSER_OF.get(token, "")
        depth = max(depth + _NESTING.get(token, 0), 0)
        if depth > MAX_NESTING:
            return text.count("\n", 0, at) + 1
    return None


def load_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML ``text`` read from ``name``."""
    line = _too_deep(text, _TOML_TOKENS)
    if line is not None:
        raise RuleFileError(name, line, f"invalid TOML: nests more than {MAX_NESTING} levels deep", "flatten it")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise RuleFileError(name, int(m.group(1)) if m else None, f"invalid TOML: {exc}") from None
    except (ValueError, RecursionError) as exc:  # an integer of thousands of digits; nesting the scan missed
        raise RuleFileError(name, None, f"invalid TOML: {str(exc)[:100] or 'nests too deeply'}") from None


def load_json(text: str, name: str, *, hint: str = "") -> Any:
    """Parse JSON ``text`` read from ``name``."""
    line = _too_deep(text, _JSON_TOKENS)
    if line is not None:
        raise RuleFileError(name, line, f"invalid JSON: nests more than {MAX_NESTING} levels deep", hint)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleFileError(name, exc.lineno, f"invalid JSON: {exc.msg}", hint) from None
    except (ValueError, RecursionError) as exc:  # an integer of thousands of digits; nesting the scan missed
        raise RuleFileError(name, None, f"invalid JSON: {str(exc)[:100] or 'nests too deeply'}", hint) from None
