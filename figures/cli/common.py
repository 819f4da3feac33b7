"""What every command shares: exit codes, one-line errors and warnings, reading articles, failing."""

from __future__ import annotations

import contextlib
import enum
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from figures.core import limits
from figures.core.errors import InputError, one_line
from figures.ingest import iter_article_paths, read_article
from figures.model import Article, Severity

# The path that names standard input, as linters take it.
STDIN = "-"


class ExitCode(enum.IntEnum):
    """Linter conventions: 0 clean, 1 findings, 2 usage, configuration or input error."""

    OK = 0
    FINDINGS = 1
    ERROR = 2


def error_line(message: str) -> None:
    """Print one clear error line to standard error."""
    print(f"figures: error: {one_line(message)}", file=sys.stderr)


def warning_line(message: str) -> None:
    """Print one warning line to standard error: something went wrong that changes no output."""
    print(f"figures: warning: {one_line(message)}", file=sys.stderr)


def read_articles(
    paths: list[str], follow_links: bool = False, exclude: tuple[str, ...] = (), skip: frozenset[Path] = frozenset()
) -> tuple[list[Article], int]:
    """Read every article (those resolving to a path in ``skip`` left out); report each unreadable one, or
    link out of its folder, on its own line and go on."""
    article_paths, errors = iter_article_paths(paths, exclude, follow_links=follow_links)
    for err in errors:
        error_line(str(err))
    articles = []
    failures = len(errors)
    for path in article_paths:
        if skip and path.resolve() in skip:
            continue
        try:
            articles.append(read_article(path))
        except InputError as err:
            error_line(str(err))
            failures += 1
    return articles, failures


def failing(findings, fail_on: str) -> bool:
    if fail_on == "never":
        return False
    threshold = Severity(fail_on).rank
    return any(f.severity.rank >= threshold for f in findings)


@contextlib.contextmanager
def stdin_article(name: str | None) -> Iterator[Path]:
    """Standard input saved as an article file named like ``name``, so its suffix picks its format.

    The file lives in a private temporary folder for the length of the run. At most
    one byte over the size limit is read: a larger input is refused as a larger file is.
    """
    data = sys.stdin.buffer.read(limits.current().max_article_bytes + 1)
    with tempfile.TemporaryDirectory(prefix="figures-stdin-") as folder:
        path = Path(folder) / (Path(name).name if name else "stdin")
        path.write_bytes(data)
        yield path


def corpus_without(corpus: list[str], article: str, exclude: tuple[str, ...], follow_links: bool) -> list[str]:
    """The corpus without the file ``article`` (the saved version of a text read from standard input)."""
    target = Path(article).resolve()
    out: list[str] = []
    for raw in corpus:
        if Path(raw).is_dir():
            # its files are named one by one from here on: a link out of the folder must not be among them
            files, _ = iter_article_paths([raw], exclude, follow_links)
            out.extend(str(f) for f in files if f.resolve() != target)
        elif not (Path(raw).is_file() and Path(raw).resolve() == target):
            out.append(raw)  # a missing path stays, so the engine names it
    return out
