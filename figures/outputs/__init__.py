"""Output formats: one module per format; each only formats what it is given."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from figures.core.errors import OutputError
from figures.core.files import special_kind
from figures.core.sanitise import writable
from figures.outputs import github, json_format, sarif, text

# Every findings format, by the name --format and the configuration's ``format`` take: one module
# each, with ``format_findings(findings, summary, checked)``. The first is the default.
FINDINGS_FORMATS: dict[str, ModuleType] = {"text": text, "json": json_format, "sarif": sarif, "github": github}

# Where a spreadsheet may start a cell: the start of ours, or any separator it may split ours at
# (opened with ";", ",", tab or "|" as the separator, or splitting rows at a line end inside quotes),
# then any spaces; there, these characters start a formula. A "'" is put before them, after any
# "'" already there, so that taking one away gives back exactly the text (see csv_text).
_FORMULA_AT = re.compile(r"(?:^|(?<=[;,\t|\n]))( *'*)(?=[=+\-@\t\n])")
_ESCAPED_AT = re.compile(r"(?:^|(?<=[;,\t|\n]))( *)'(?='*[=+\-@\t\n])")


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet never reads as a formula, whatever separator it opens the file with.

    A ``'`` goes before ``=``, ``+``, ``-``, ``@``, a tab or a line end wherever a cell
    could start: at the start, and after ``;``, ``,``, a tab, ``|`` or a line end (and
    any spaces). A carriage return becomes a line feed: the writer quotes a field with
    a line feed, but a bare ``\r`` would go out unquoted and start a new row.
    :func:`csv_text` undoes it.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _FORMULA_AT.sub(r"\1'", value)
    return value


def csv_text(cell: str) -> str:
    """The text :func:`csv_cell` made the cell from: one ``'`` less wherever it added one."""
    return _ESCAPED_AT.sub(r"\1", cell)


def format_findings(findings: list, fmt: str, summary: bool = True, checked: int | None = None) -> str:
    """Findings in one of the linter formats of :data:`FINDINGS_FORMATS`."""
    return FINDINGS_FORMATS[fmt].format_findings(findings, summary=summary, checked=checked)


# What a CI script writes as a file name for the process's own streams: they are written to, never replaced.
_STREAMS = {
    "-": "stdout",
    "/dev/stdout": "stdout",
    "/dev/fd/1": "stdout",
    "/dev/stderr": "stderr",
    "/dev/fd/2": "stderr",
}


def write_output(text: str | bytes, destination: str | None) -> None:
    """Write to a file atomically (temporary file, then rename), or to standard output.

    The file appears whole or not at all: on any failure the previous file stays as
    it was and :class:`OutputError` names the file and the reason. A symbolic link is
    written through: its target is replaced and the link kept. A pipe, a socket or a
    device is refused, never opened nor replaced.
    """
    write_chunks((text,), destination)


def write_chunks(chunks: Iterable[str | bytes], destination: str | None) -> None:
    """As :func:`write_output`, writing each chunk as it comes: an output need not be held whole to be written.

    The file still appears whole or not at all: the chunks go to a temporary file,
    renamed over the destination once the last is written; an error while they are
    made (or written) leaves the previous file as it was.
    """
    stream = _STREAMS.get(destination or "-")
    if stream is not None:
        out = getattr(sys, stream)
        for chunk in chunks:
            if isinstance(chunk, bytes):
                out.buffer.write(chunk)
            else:
                out.write(writable(chunk))
        return
    assert destination is not None
    target = _writable_target(destination)
    try:
        # a short prefix: the output's own name may already be as long as a name can be
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:32]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write in {target.parent} ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                # a file name that is not UTF-8, a "\ud800" in front matter: U+FFFD
                handle.write(chunk if isinstance(chunk, bytes) else writable(chunk).encode("utf-8"))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # a temporary file is private; the output is not
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"{destination}: could not be written ({exc.strerror or exc}); the previous file, if any, is unchanged"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _writable_target(destination: str) -> Path:
    """The file a write to ``destination`` replaces, or :class:`OutputError` saying why it cannot be written."""
    # the rename replaces what it lands on, so it must land on the link's target, not the link
    target = Path(os.path.realpath(destination)) if os.path.islink(destination) else Path(destination)
    if not target.parent.is_dir():
        raise OutputError(f"{destination}: the folder {target.parent} does not exist; create it first")
    if target.is_dir():
        raise OutputError(f"{destination}: is a folder; give a file name")
    kind = special_kind(target)
    if kind:
        raise OutputError(
            f"{destination}: is {kind}, not a regular file; figures writes only files "
            "(leave out -o, or give -o -, to write to standard output)"
        )
    return target


def generated_on(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The day a report is written (UTC, ISO form): ``SOURCE_DATE_EPOCH`` when set, so a rebuild is byte-identical.

    A malformed value is refused, as reproducible builds ask, rather than silently replaced by today.
    """
    import datetime

    from figures.core.errors import UsageError

    stamp = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not stamp:
        return datetime.datetime.now(datetime.UTC).date().isoformat()
    try:
        return datetime.datetime.fromtimestamp(int(stamp), datetime.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={stamp!r}: not a count of seconds since 1970-01-01 UTC; set it to one or unset it"
        ) from None
