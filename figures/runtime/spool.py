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

A run killed outright (SIGKILL, a machine out of memory) cannot remove its folder.
The run holds a kernel lock on a file in it for as long as it lives, and the kernel
frees it when the process dies; a spool that opens removes its user's spool folders
whose lock nobody holds. Runs share the temporary folder, so a folder carries the
spool name only while its run holds its lock: it is made and locked under another
name and then renamed, and moved out of the way before it is removed. Another run's
clean-up can look at any moment and never takes a live run's folder for an abandoned one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import filelock

from figures.core.errors import OutputError

# Bytes of pickled claims held in memory before they are written out.
MEMORY_LIMIT = 8 * 1024 * 1024
# Articles whose keyed claims one partition is meant to hold: a partition is checked in one piece.
ARTICLES_PER_PART = 1000

_LENGTH = struct.Struct("<Q")
PREFIX = "figures-spool-"
# A spool folder being made or removed: not yet, or no longer, under its lock.
UNLOCKED = "figures-spooling-"
# Held by the run that owns a spool folder for as long as it lives.
OWNER_LOCK = "owner.lock"
# A spool folder without its lock (made by an older version), or one being made or removed (a run killed
# in between leaves it), is left alone this long.
UNLOCKED_GRACE_SECONDS = 3600.0
_UID = os.getuid() if hasattr(os, "getuid") else 0  # where there are no owners (Windows), st_uid is 0


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
        self._folder: str | None = None
        self._owner: filelock.BaseFileLock | None = None
        self._written: set[int] = set()

    def __enter__(self) -> Spool:
        remove_abandoned()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Forget everything and remove the files."""
        self._held.clear()
        if self._folder is not None:
            _remove(self._folder)
            self._folder = None
        if self._owner is not None:
            with contextlib.suppress(OSError):
                self._owner.release()
            self._owner = None

    def add(self, blobs: dict[int, bytes]) -> None:
        """Add one batch's pickled claims, by partition."""
        for part, blob in blobs.items():
            self._held.setdefault(part, []).append(blob)
            self._size += len(blob)
        if self._size > self.limit:
            self._flush()

    def _path(self, part: int) -> Path:
        assert self._folder is not None
        return Path(self._folder) / f"{part:06d}.bin"

    def _flush(self) -> None:
        try:
            if self._folder is None:
                self._folder, self._owner = _locked_folder()
            for part in sorted(self._held):
                with open(self._path(part), "ab") as f:
                    for blob in self._held[part]:
                        f.write(_LENGTH.pack(len(blob)))
                        f.write(blob)
                self._written.add(part)
        except OSError as err:
            where = self._folder if self._folder is not None else tempfile.gettempdir()
            raise OutputError(
                f"{where}: cannot keep the claims of a large run there ({err.strerror or err}); "
                "free some space or point TMPDIR at a disk with room (about 2 MB per 1,000 articles)"
            ) from err
        self._held.clear()
        self._size = 0

    def partitions(self, again: bool = False) -> Iterator[tuple[bytes, ...]]:
        """Each partition that holds claims, in partition order, as its pickled lists in the order added.

        A partition is let go once given, unless ``again``: then it can be read once more.
        """
        for part in range(self.parts):
            blobs: list[bytes] = []
            if part in self._written:
                blobs.extend(_read(self._path(part)))
                if not again:
                    os.remove(self._path(part))
                    self._written.discard(part)
            blobs.extend(self._held.get(part, ()) if again else self._held.pop(part, ()))
            if blobs:
                yield tuple(blobs)


def _locked_folder() -> tuple[str, filelock.BaseFileLock]:
    """A new spool folder and its lock, held: the folder takes the spool name only once the lock is held."""
    making = tempfile.mkdtemp(prefix=UNLOCKED)
    owner = filelock.FileLock(os.path.join(making, OWNER_LOCK), is_singleton=False)
    try:
        owner.acquire(timeout=0)  # no one else knows the folder yet
        folder = os.path.join(os.path.dirname(making), PREFIX + os.path.basename(making)[len(UNLOCKED) :])
        os.rename(making, folder)  # the lock is the open file's: it stays held
    except BaseException:
        with contextlib.suppress(OSError):
            owner.release()
        shutil.rmtree(making, ignore_errors=True)
        raise
    return folder, owner


def _remove(folder: str) -> None:
    """Remove a spool folder whose lock this run holds: out of the spool name first, so no one takes it up."""
    try:
        gone = tempfile.mkdtemp(prefix=UNLOCKED, dir=os.path.dirname(folder))
    except OSError:  # no room for even a folder: remove it in place
        shutil.rmtree(folder, ignore_errors=True)
        return
    with contextlib.suppress(FileNotFoundError):
        os.rename(folder, os.path.join(gone, "spool"))
    shutil.rmtree(gone)


def _read(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while head := f.read(_LENGTH.size):
            (size,) = _LENGTH.unpack(head)
            yield f.read(size)


def remove_abandoned() -> int:
    """Remove this user's spool folders in the temporary folder whose run is gone; how many were removed.

    Never fails a run: a folder that cannot be looked at or removed is left.
    """
    removed = 0
    try:
        entries = [e for e in os.scandir(tempfile.gettempdir()) if e.name.startswith((PREFIX, UNLOCKED))]
    except OSError:
        return 0
    for entry in entries:
        with contextlib.suppress(OSError, filelock.Timeout):
            if entry.is_symlink() or not entry.is_dir() or entry.stat().st_uid != _UID:
                continue
            if _abandoned(entry.path):
                shutil.rmtree(entry.path)
                removed += 1
    return removed


def _abandoned(folder: str) -> bool:
    """Whether no live run owns this spool folder: its lock is free (taken here, and kept while it goes)."""
    lock_path = os.path.join(folder, OWNER_LOCK)
    if os.path.basename(folder).startswith(UNLOCKED) or not os.path.lexists(lock_path):
        return time.time() - os.stat(folder).st_mtime > UNLOCKED_GRACE_SECONDS
    lock = filelock.FileLock(lock_path, is_singleton=False)
    lock.acquire(timeout=0)  # filelock.Timeout: a live run holds it
    lock.release()
    return True
