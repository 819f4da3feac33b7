"""Resource limits: how much of a stranger's input figures reads, with safe defaults.

Each limit is set in the configuration (``figures.toml`` or ``[tool.figures]``) and
documented in the README's "Limits and safety". Past a limit figures does not slow
down or fail: an article too large is a finding (FG001), a sentence too long or too
full of numbers is read only as far as the limit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The limits in force; the defaults are far above any news article."""

    max_article_mb: float = 10.0  # the longest news articles are well under 1 MB of text
    max_sentence_chars: int = 2_000  # a sentence longer than this is a table or a list, not prose
    max_figures_per_sentence: int = 150  # past this a "sentence" is a table of numbers

    @property
    def max_article_bytes(self) -> int:
        """The article size limit in bytes."""
        return int(self.max_article_mb * 1024 * 1024)


_current = Limits()


def current() -> Limits:
    """The limits in force for this run."""
    return _current


def configure(limits: Limits) -> None:
    """Set the limits for this run (the command line does it from the configuration)."""
    global _current
    _current = limits
