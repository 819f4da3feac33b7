"""figures: check the numbers in news articles.

The library API: :func:`check` (articles against a corpus and rules, a :class:`Result`)
and :func:`extract_text` (the figures of a text), with the model's types.
"""

from __future__ import annotations

from importlib import metadata
from typing import TYPE_CHECKING, Any

from figures.extract import extract_text
from figures.model import Article, Claim, ClaimTime, Figure, Finding, Qualifier, Severity

if TYPE_CHECKING:
    from figures.api import Result, check

# The distribution's name on the package index; the import package and the command are figures.
DISTRIBUTION = "news-figures"
try:
    __version__ = metadata.version(DISTRIBUTION)  # set from the git tag when the package was built
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.1.0.dev0"

__all__ = [
    "Article",
    "Claim",
    "ClaimTime",
    "Figure",
    "Finding",
    "Qualifier",
    "Result",
    "Severity",
    "check",
    "extract_text",
]


def __getattr__(name: str) -> Any:
    # The checking machinery loads on first use, so importing figures for extract_text stays light.
    if name in ("check", "Result"):
        from figures import api

        return getattr(api, name)
    raise AttributeError(f"module 'figures' has no attribute {name!r}")
