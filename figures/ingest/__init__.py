"""Read articles: plain text, Markdown with YAML front matter, and HTML.

Offsets always index :attr:`Article.text`. For ``.txt`` and ``.md`` that is the
file's own text, so lines and columns point into the file; for ``.html`` it is the
main text found by trafilatura (menus, ads and scripts left out).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import yaml

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
    found: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in ARTICLE_SUFFIXES
                    and not any(fnmatch.fnmatch(p.name.upper(), pat) for pat in NOT_ARTICLES)
                    and not any(fnmatch.fnmatch(p.as_posix(), pat) or fnmatch.fnmatch(p.name, pat) for pat in exclude)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            errors.append(InputError(raw, "no such file or folder", "check the path"))
    seen: set[Path] = set()
    unique = []
    for p in found:
        if p not in seen:
            seen.add(p)
            unique.append(p)
    return unique, errors


def read_article(path: Path | str) -> Article:
    """Read one article file; raise :class:`InputError` with a one-line reason."""
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file", "check the path") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not an article") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    if b"\x00" in data[:8192]:
        raise InputError(name, "is a binary file, not an article", "pass .txt, .md or .html files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            name, f"is not valid UTF-8 (byte {exc.start}, line {line})", "re-save the file as UTF-8"
        ) from None
    if not text.strip():
        raise InputError(name, "is empty", "remove it or add the article's text")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _from_html(name, text)
    if suffix in (".md", ".markdown") or text.startswith("---"):
        return _from_markdown(name, text)
    return Article(path=name, text=text, source_format="txt")


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

    body = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not body or not body.strip():
        raise InputError(name, "has no article text that could be found", "check that it is a news page")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta else None) or ""
    outlet = (meta.sitename if meta else None) or ""
    date = (meta.date if meta else None) or ""
    url = (meta.url if meta else None) or ""
    return Article(path=name, text=body, title=title, outlet=outlet, date=date, url=url, source_format="html")
