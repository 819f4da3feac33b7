"""Files figures reads or writes are regular files: a pipe, a socket or a device is never opened as one.

Opening a FIFO for reading waits until something writes to it, and a device such as
``/dev/zero`` never ends: either would hang a CI job. Replacing a device with a
regular file (``-o /dev/null`` run as root) breaks the machine. So every path is
stat'ed first, and a file is opened without blocking and stat'ed again, which also
catches a file swapped for a pipe between the two.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from figures.core.errors import FiguresError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class NotRegularFile(FiguresError):
    """A path that should be a file is a pipe, a socket, a device or a folder."""

    def __init__(self, path: str | Path, kind: str, what: str) -> None:
        self.path = str(path)
        self.kind = kind
        super().__init__(f"{path}: is {kind}, not a regular file; give the {what} as an ordinary file")


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a regular file; ``None`` when it is one."""
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "a special file"


def special_kind(path: str | Path) -> str | None:
    """What ``path`` (its links followed) is when it exists and is not a regular file or a folder."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return None if stat.S_ISDIR(mode) else kind_of(mode)


def open_regular(path: str | Path, what: str) -> BinaryIO:
    """``path`` opened for reading in binary; :class:`NotRegularFile` for anything but a regular file.

    It is stat'ed before it is opened, opened without blocking (a FIFO would wait for a
    writer) and stat'ed again, so a file swapped for a pipe in between is caught too.
    ``what`` names the file's role for the message ("rule file", "baseline"). A file
    that does not exist raises :class:`FileNotFoundError`, as :func:`open` does.
    """
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegularFile(path, kind, what)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    handle = open(fd, "rb")
    kind = kind_of(os.fstat(fd).st_mode)
    if kind is not None:
        handle.close()
        raise NotRegularFile(path, kind, what)
    return handle


def read_regular(path: str | Path, what: str) -> bytes:
    """The bytes of a regular file (see :func:`open_regular`)."""
    with open_regular(path, what) as handle:
        return handle.read()
