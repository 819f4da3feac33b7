"""What every command shares: exit codes, one-line errors and warnings, reading articles, failing."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

from figures.core.errors import InputError, one_line
from figures.ingest import iter_article_paths, read_article
from figures.model import Article, Severity


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
