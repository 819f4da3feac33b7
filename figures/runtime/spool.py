"""Claims partitioned by claim key, kept on disk until every article has been read.

The consistency check must see every claim of a key at once, and the keys of an
archive are known only once all of it has been read. The batches' keyed claims come
as one pickled list per partition (:func:`figures.runtime.tasks.partition`); the spool keeps
them in memory up to a limit and then appends them to one file per partition in a
private temporary folder, removed when the spool is closed. Reading a partition back
gives its lists in the order they were added, so claims keep the corpus's order.

The lists stay pickled: the folder is made by ``mkdtemp`` (mode 0700, a new random
name) for this run alone and removed with it, so what its workers unpickle can only
have been written by this run or by its own user, who can run code anyway.
"""

from __future__ import annotations

import os
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

from figures.core.errors import OutputError

# Bytes of pickled claims held in memory before they are written out.
MEMORY_LIMIT = 8 * 1024 * 1024
# Articles whose keyed claims one partition is meant to hold: a partition is checked in one piece.
ARTICLES_PER_PART = 1000

_LENGTH = struct.Struct("<Q")


def parts_for(files: int, workers: int) -> int:
    """How many partitions for this many article files: enough to keep each small and every worker busy."""
    if files <= ARTICLES_PER_PART and workers <= 1:
        return 1
    return max(2 * workers, -(-files // ARTICLES_PER_PART))


class Spool:
    """Pickled claim lists by partition; use as a context manager so its folder is always removed."""

    def __init__(self, parts: int, limit: int | None = None) -> None:
        self.parts = parts
        self.limit = MEMORY_LIMIT if limit is None else limit
        self._held: dict[int, list[bytes]] = {}
        self._size = 0
        self._folder: tempfile.TemporaryDirectory | None = None
        self._written: set[int] = set()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Forget everything and remove the files."""
        self._held.clear()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def add(self, blobs: dict[int, bytes]) -> None:
        """Add one batch's pickled claims, by partition."""
        for part, blob in blobs.items():
            self._held.setdefault(part, []).append(blob)
            self._size += len(blob)
        if self._size > self.limit:
            self._flush()

    def _path(self, part: int) -> Path:
        assert self._folder is not None
        return Path(self._folder.name) / f"{part:06d}.bin"

    def _flush(self) -> None:
        try:
            if self._folder is None:
                self._folder = tempfile.TemporaryDirectory(prefix="figures-spool-")
            for part in sorted(self._held):
                with open(self._path(part), "ab") as f:
                    for blob in self._held[part]:
                        f.write(_LENGTH.pack(len(blob)))
                        f.write(blob)
                self._written.add(part)
        except OSError as err:
            where = self._folder.name if self._folder is not None else tempfile.gettempdir()
            raise OutputError(
                f"{where}: cannot keep the claims of a large run there ({err.strerror or err}); "
                "free some space or point TMPDIR at a disk with room (about 2 MB per 1,000 articles)"
            ) from err
        self._held.clear()
        self._size = 0

    def partitions(self) -> Iterator[tuple[bytes, ...]]:
        """Each partition that holds claims, in partition order, as its pickled lists in the order added."""
        for part in range(self.parts):
            blobs: list[bytes] = []
            if part in self._written:
                blobs.extend(_read(self._path(part)))
                os.remove(self._path(part))
            blobs.extend(self._held.pop(part, ()))
            if blobs:
                yield tuple(blobs)


def _read(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while head := f.read(_LENGTH.size):
            (size,) = _LENGTH.unpack(head)
            yield f.read(size)
