"""Read articles: plain text, Markdown with YAML front matter, and HTML.

Offsets always index :attr:`Article.text`. For ``.txt`` and ``.md`` that is the
file's own text with its line ends made ``\n``, so lines and columns point into the
file; for ``.html`` it is the main text found by trafilatura (menus, ads and scripts
left out), and :attr:`Article.source_map` gives each of its characters' line and
column in the file (see :mod:`figures.ingest.html_source`). A file is checked
before it is opened: only regular files under the ``max_article_mb`` limit are
read, so a FIFO or a device never blocks a run.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

import yaml

from figures import limits
from figures.errors import InputError
from figures.model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Files a folder walk leaves out: they describe a folder, they are not articles.
NOT_ARTICLES = ("README*", "INDEX*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_META_KEYS = ("title", "outlet", "date", "url")


def iter_article_paths(paths: list[str], exclude: tuple[str, ...] = ()) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into article paths, sorted; missing paths become errors.

    A folder walk skips files named like README or INDEX and any path matching an
    ``exclude`` glob; a file named on the command line is always read.
    """
    files, errors = article_files(paths, exclude)
    return [Path(f) for f in files], errors


def article_files(paths: list[str], exclude: tuple[str, ...] = ()) -> tuple[list[str], list[InputError]]:
    """:func:`iter_article_paths` as strings, which a walk of a large archive holds in a fraction of the memory."""
    found: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            walked = sorted(_walk(str(path), exclude), key=lambda f: f.split(os.sep))  # the order of Path's parts
            found.extend(walked)
            if not walked and not _has_articles(path):  # a folder with only READMEs or excluded files is fine
                errors.append(InputError(raw, "has no articles (.txt, .md, .html) in it", "check the path"))
        elif path.is_file():
            found.append(str(path))
        else:
            errors.append(_not_a_file(raw, path))
    return list(dict.fromkeys(found)), errors


def _walk(root: str, exclude: tuple[str, ...]) -> Iterator[str]:
    """The article files under a folder; links to folders are not followed, links to files are."""
    for folder, _, names in os.walk(root):
        for name in names:
            if os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            if any(fnmatch.fnmatch(name.upper(), pat) for pat in NOT_ARTICLES):
                continue
            full = os.path.join(folder, name)
            posix = full.replace(os.sep, "/")
            if any(fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                continue
            if os.path.isfile(full):  # never a FIFO or a device, which could block the read
                yield full


def _has_articles(folder: Path) -> bool:
    return any(p.suffix.lower() in ARTICLE_SUFFIXES for p in folder.rglob("*"))


def _not_a_file(raw: str, path: Path) -> InputError:
    """Why a path that is neither a folder nor a file cannot be read, without ever opening it."""
    if path.is_symlink():
        return InputError(raw, "is a symbolic link that leads nowhere (dangling, or a loop)", "link to a real file")
    if path.exists():  # a FIFO, a socket, a device: opening it could wait forever
        return InputError(raw, "is not a regular file (a pipe, socket or device)", "pass .txt, .md or .html files")
    return InputError(raw, "no such file or folder", "check the path")


def read_article(path: Path | str) -> Article:
    """Read one article file; raise :class:`InputError` with a one-line reason."""
    path = Path(path)
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a folder, not an article")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file (a pipe, socket or device)", "pass .txt, .md or .html files")
    limit = limits.current().max_article_bytes
    if info.st_size > limit:
        raise InputError(
            name,
            f"is {info.st_size / 1048576:.1f} MB, more than the {limit / 1048576:g} MB limit",
            "raise max_article_mb in the configuration if it really is one article",
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not an article") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    text = _decode(name, data)
    if not text.strip():
        raise InputError(name, "is empty", "remove it or add the article's text")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _from_html(name, text)
    if suffix in (".md", ".markdown") or text.startswith("---"):
        return _from_markdown(name, text)
    return Article(path=name, text=text, source_format="txt")


def _decode(name: str, data: bytes) -> str:
    """UTF-8 (with or without a BOM) or UTF-16 with its BOM; line ends made ``\n``; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(name, "starts like UTF-16 but is not", "re-save the file as UTF-8") from None
    else:
        if b"\x00" in data:
            raise InputError(name, "is a binary file, not an article (it holds NUL bytes)", "pass .txt, .md or .html")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(
                name,
                f"is not valid UTF-8 (byte {exc.start}, line {line})",
                "re-save the file as UTF-8 (it may be in a legacy encoding such as Windows-1251)",
            ) from None
    if "\x00" in text:
        raise InputError(name, "is a binary file, not an article (it holds NUL characters)", "pass .txt, .md or .html")
    # Old Mac and Windows line ends: lines are counted on "\n", so "\r" alone would make one long line.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _from_markdown(name: str, text: str) -> Article:
    m = _FRONT_MATTER.match(text)
    if not m:
        return Article(path=name, text=text, source_format="md")
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        raise InputError(
            f"{name}:{line}", "front matter is not valid YAML", "fix the block between the --- lines"
        ) from None
    except (ValueError, OverflowError) as exc:  # "date: 2022-13-45" is read as a date, and is none
        raise InputError(
            name, f"front matter has a value that is not what it looks like ({exc})", "fix the date or quote it"
        ) from None
    if not isinstance(meta, dict):
        raise InputError(name, "front matter must be a mapping of keys to values", "use 'key: value' lines")
    for key in _META_KEYS:
        # A list or mapping (an alias bomb is one) is no title or date, and printing it could take forever.
        if isinstance(meta.get(key), (list, dict, set)):
            raise InputError(name, f"front matter '{key}' must be a single value", f"write '{key}: text'")
    fields = {k: ("" if meta.get(k) is None else str(meta.get(k))) for k in _META_KEYS}
    return Article(path=name, text=text, body_start=m.end(), source_format="md", **fields)


def _from_html(name: str, html: str) -> Article:
    import trafilatura  # imported here: only HTML input pays for it

    from figures.ingest.html_source import markup_problem

    problem = markup_problem(html)
    if problem is not None:
        raise InputError(f"{name}:{problem[1]}", problem[0], "check that it is a news page, not generated markup")

    body = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not body or not body.strip():
        raise InputError(name, "has no article text that could be found", "check that it is a news page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta else None) or ""
    outlet = (meta.sitename if meta else None) or ""
    date = (meta.date if meta else None) or ""
    url = (meta.url if meta else None) or ""
    from figures.ingest.html_source import source_map

    return Article(
        path=name,
        text=body,
        title=title,
        outlet=outlet,
        date=date,
        url=url,
        source_format="html",
        source_map=source_map(html, body),
    )
