"""A progress bar on standard error, for long runs at a terminal; silent in CI and when piped."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

# Fewer files than this are extracted in a few seconds: no bar.
MIN_FILES = 200


def wanted(total: int, stream: TextIO | None = None) -> bool:
    """Show progress only at a terminal, outside CI, for enough work to wait for."""
    stream = stream or sys.stderr
    return total >= MIN_FILES and stream.isatty() and not os.environ.get("CI")


class Progress:
    """Files done out of a total: tqdm's bar when it is installed, else one rewritten line."""

    def __init__(self, total: int, label: str = "extracting", stream: TextIO | None = None) -> None:
        self.total, self.label, self.done = total, label, 0
        self.stream = stream or sys.stderr
        self.started = self.shown = time.monotonic()
        try:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="file", file=self.stream, leave=False)
        except ImportError:
            self.bar = None

    def __call__(self, files: int) -> None:
        self.done += files
        if self.bar is not None:
            self.bar.update(files)
            return
        now = time.monotonic()
        if now - self.shown >= 0.2 or self.done >= self.total:
            self.shown = now
            rate = self.done / max(now - self.started, 1e-9)
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            self.stream.write(
                f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files, {rate:,.0f}/s"
            )
            self.stream.flush()

    def close(self) -> None:
        """Clear the bar."""
        if self.bar is not None:
            self.bar.close()
        elif self.done:
            self.stream.write("\r\033[K")
            self.stream.flush()
