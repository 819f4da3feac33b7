"""Resource limits: how much of a stranger's input figures reads, with safe defaults.

Each limit is set in the configuration (``figures.toml`` or ``[tool.figures]``) and
documented in the README's "Limits and safety". Past a limit figures does not slow
down or fail: an article too large is a finding (FG001), a sentence too long or too
full of numbers is read only as far as the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The limits in force; the defaults are far above any news article."""

    max_article_mb: float = 10.0  # the longest news articles are well under 1 MB of text
    max_sentence_chars: int = 2_000  # a sentence longer than this is a table or a list, not prose
    max_figures_per_sentence: int = 150  # past this a "sentence" is a table of numbers

    @property
    def key(self) -> str:
        """The limits in one line: claims read under other limits are other claims."""
        return f"{float(self.max_article_mb)!r}:{self.max_sentence_chars}:{self.max_figures_per_sentence}"

    @property
    def max_article_bytes(self) -> int:
        """The article size limit in bytes."""
        return int(self.max_article_mb * 1024 * 1024)


_current = Limits()
# A task's own limits, per thread: a Dask worker may run tasks of two runs at once.
_task: ContextVar[Limits | None] = ContextVar("figures_task_limits", default=None)


def current() -> Limits:
    """The limits in force: the running task's, else this run's."""
    task = _task.get()
    return _current if task is None else task


def configure(limits: Limits) -> None:
    """Set the limits for this run (the command line does it from the configuration)."""
    global _current
    _current = limits


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """``limits`` in force for the length of a task, then the ones before.

    A worker (a pool process, a spawned process, a Dask worker) never sees the
    configuration the main process read: each task carries the limits of its run,
    and a worker that serves several runs puts each run's back when its task is done.
    """
    token = _task.set(limits)
    try:
        yield
    finally:
        _task.reset(token)
