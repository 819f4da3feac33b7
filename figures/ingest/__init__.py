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

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from figures.core import limits
from figures.core.datafile import load_flat_yaml, load_toml
from figures.core.errors import InputError, RuleFileError
from figures.ingest import walk
from figures.model import Article, SourceFormat

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Files a folder walk leaves out: they describe a folder, they are not articles.
NOT_ARTICLES = ("README*", "INDEX*", "CHANGELOG*", "LICENSE*", "CONTRIBUTING*")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
# Hugo's TOML front matter, between +++ lines.
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_META_KEYS = ("title", "outlet", "date", "url")


class LinkOutside(InputError):
    """A file found in a folder walk that is a symbolic link to a file outside the folder: not read."""

    def __init__(self, path: str, root: str) -> None:
        super().__init__(
            path,
            f"is a symbolic link to a file outside {root}, so it is not read",
            "pass --follow-links to read it, or put the file itself in the folder",
        )


def iter_article_paths(
    paths: list[str], exclude: tuple[str, ...] = (), follow_links: bool = False
) -> tuple[list[Path], list[InputError]]:
    """Expand files and folders into article paths, sorted; missing paths become errors.

    A folder walk skips files named like README or INDEX and any path matching an
    ``exclude`` glob; a file named on the command line is always read. A file in a
    folder that is a symbolic link to a file outside that folder is not listed but
    reported as a :class:`LinkOutside` error, unless ``follow_links``: a folder of
    articles may come from anyone (a pull request), and a link in it must not put
    ``/etc/passwd`` or a key into the findings. A link named on the command line, or
    a folder given as a link, was chosen by the user and is followed.
    """
    files, errors = article_files(paths, exclude, follow_links)
    return [Path(f) for f in files], errors


def article_files(
    paths: list[str], exclude: tuple[str, ...] = (), follow_links: bool = False
) -> tuple[list[str], list[InputError]]:
    """:func:`iter_article_paths` as strings, which a walk of a large archive holds in a fraction of the memory."""
    found: list[str] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            unreadable: list[InputError] = []
            walked = sorted(_walk(str(path), exclude, unreadable), key=lambda f: f.split(os.sep))  # Path's order
            if not follow_links:
                inside = [f for f in walked if _stays_in(f, path)]
                if len(inside) < len(walked):
                    kept = set(inside)
                    errors.extend(LinkOutside(f, raw) for f in walked if f not in kept)
                    walked = inside
            found.extend(walked)
            errors.extend(unreadable)
            if not walked and not unreadable and not _has_articles(path):  # only READMEs or excluded files is fine
                errors.append(InputError(raw, "has no articles (.txt, .md, .html) in it", "check the path"))
        elif path.is_file():
            found.append(str(path))
        else:
            errors.append(_not_a_file(raw, path))
    return list(dict.fromkeys(found)), errors


def _walk(root: str, exclude: tuple[str, ...], unreadable: list[InputError]) -> Iterator[str]:
    """The article files under a folder; links to folders are not followed, links to files are.

    An article that cannot be read (a dangling link, a pipe, a path too long for the
    system) and a folder that cannot be listed go to ``unreadable``, so none is left out unsaid.
    """

    def cannot_list(exc: OSError) -> None:
        unreadable.append(InputError(exc.filename or root, f"cannot be read ({exc.strerror or exc})"))

    under = {root: walk.layers_above(root)}  # each folder's ignore files, its parents' first
    for folder, subfolders, names in os.walk(root, onerror=cannot_list):
        layers = under.pop(folder)
        _enter(folder, subfolders, layers, under)
        for name in names:
            if os.path.splitext(name)[1].lower() not in ARTICLE_SUFFIXES:
                continue
            if any(fnmatch.fnmatch(name.upper(), pat) for pat in NOT_ARTICLES):
                continue
            full = os.path.join(folder, name)
            if layers and walk.ignored(full, layers):
                continue
            posix = full.replace(os.sep, "/")
            if any(fnmatch.fnmatch(posix, pat) or fnmatch.fnmatch(name, pat) for pat in exclude):
                continue
            if os.path.isfile(full):  # never a FIFO or a device, which could block the read
                yield full[2:] if full.startswith("." + os.sep) else full  # "./a.md" is "a.md", as a linter names it
            else:
                unreadable.append(_not_a_file(full, Path(full)))


def _enter(folder: str, subfolders: list[str], layers: list[walk.Layer], under: dict[str, list[walk.Layer]]) -> None:
    """Leave out of ``subfolders`` (which os.walk enters) the skipped ones; note the ignore files of the rest."""
    for child in list(subfolders):
        kept = walk.walk_layers(folder, child, layers)
        if kept is None:
            subfolders.remove(child)
        else:
            under[os.path.join(folder, child)] = kept


def _stays_in(file: str, root: Path) -> bool:
    """Whether a file found in a walk of ``root`` is no symbolic link, or one that leads to a file under ``root``."""
    if not os.path.islink(file):  # the walk follows no link to a folder: only the file itself can lead out
        return True
    return Path(os.path.realpath(file)).is_relative_to(os.path.realpath(root))


def _has_articles(folder: Path) -> bool:
    return any(p.suffix.lower() in ARTICLE_SUFFIXES for p in folder.rglob("*"))


def _not_a_file(raw: str, path: Path) -> InputError:
    """Why a path that is neither a folder nor a file cannot be read, without ever opening it."""
    try:
        os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return InputError(raw, "is a symbolic link that leads nowhere (dangling)", "link to a real file")
        return InputError(raw, "no such file or folder", "check the path")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputError(raw, "is a symbolic link that leads nowhere (a loop)", "link to a real file")
        return InputError(
            raw,
            f"cannot be read ({exc.strerror or exc})",
            "use a shorter path" if exc.errno == errno.ENAMETOOLONG else "",
        )
    # a FIFO, a socket, a device: opening it could wait forever
    return InputError(raw, "is not a regular file (a pipe, socket or device)", "pass .txt, .md or .html files")


def read_article(path: Path | str) -> Article:
    """Read one article file; raise :class:`InputError` with a one-line reason."""
    path = Path(path)
    name = str(path)
    _check_file(path, name)
    text = _decode(name, _read_bytes(path, name))
    if not text.strip():
        raise InputError(name, "is empty", "remove it or add the article's text")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _from_html(name, text)
    if suffix in (".md", ".markdown") or text.startswith(("---", "+++")):
        return _from_markdown(name, text)
    return Article(path=name, text=text, source_format=SourceFormat.TXT)


def _check_file(path: Path, name: str) -> None:
    """Refuse, without opening it, what is not a regular file of at most the size limit."""
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


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; it may have gone, or become a folder, since it was looked at."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not an article") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None


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
    toml = None if m else _TOML_FRONT_MATTER.match(text)
    if m:
        meta = _yaml_meta(name, m.group(1))
    elif toml:
        m, meta = toml, _toml_meta(name, toml.group(1))
    else:
        return Article(path=name, text=text, source_format=SourceFormat.MD)
    if not isinstance(meta, dict):
        raise InputError(name, "front matter must be a mapping of keys to values", "use 'key: value' lines")
    for key in _META_KEYS:
        # A list or mapping (an alias bomb is one) is no title or date, and printing it could take forever.
        if isinstance(meta.get(key), (list, dict, set)):
            raise InputError(name, f"front matter '{key}' must be a single value", f"write '{key}: text'")
    fields = {k: ("" if meta.get(k) is None else str(meta.get(k))) for k in _META_KEYS}
    # imported here: extraction imports ingest for its sentences, and need not load the context stage
    from figures.context.time import parse_article_date

    if fields["date"] and parse_article_date(fields["date"]) is None:
        # A date nobody can read would silently turn every "last year" in the article into a guess.
        raise InputError(name, f"front matter 'date' is '{fields['date'][:40]}', not a date", "write it as YYYY-MM-DD")
    return Article(path=name, text=text, body_start=m.end(), source_format=SourceFormat.MD, **fields)


def _yaml_meta(name: str, block: str) -> object:
    """The YAML front matter between ``---`` lines, or :class:`InputError` naming its line."""
    try:
        return load_flat_yaml(block, name, line_offset=1) or {}
    except RuleFileError as err:
        where = f"{name}:{err.line}" if err.line else name
        if err.problem.startswith("invalid YAML: "):
            problem = f"front matter is not valid YAML ({err.problem.removeprefix('invalid YAML: ')})"
            raise InputError(where, problem, "fix the block between the --- lines") from None
        # "date: 2022-13-45" is read as a date, and is none
        problem = f"front matter has a value that is not what it looks like ({err.problem})"
        raise InputError(where, problem, "fix the date or quote it") from None


def _toml_meta(name: str, block: str) -> dict:
    """Hugo's TOML front matter between ``+++`` lines, or :class:`InputError` naming its line."""
    try:
        return load_toml(block, name)
    except RuleFileError as err:
        where = f"{name}:{err.line + 1}" if err.line else name  # the block starts on the file's second line
        problem = err.problem.removeprefix("invalid TOML: ")
        raise InputError(
            where, f"front matter is not valid TOML ({problem})", "fix the block between the +++ lines"
        ) from None


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
    from figures.ingest.html_source import page_comments, source_map

    return Article(
        path=name,
        text=body,
        title=title,
        outlet=outlet,
        date=date,
        url=url,
        source_format=SourceFormat.HTML,
        source_map=source_map(html, body),
        page=page_comments(html),
    )
