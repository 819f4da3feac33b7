"""The claim index: every article's claims, kept so that unchanged files are never extracted again.

A cache in ``.figures/index.sqlite``: deleting it changes no output, only the time a
run takes. One row per article file holds its size, modification time and content
hash, the fingerprint of the code and rules that built its claims, and the claims
themselves (their fields as MessagePack data); a second table lists the claim keys of each
file, so a new article is checked against an archive by reading only the files that
share a key with it.

A file is fresh when its fingerprint matches and its content hash is unchanged.
Hashing is skipped only when the file's size, modification time and status-change
time (ctime, which no program can set back: restoring a modification time after an
edit moves it) all match the row, and the row was taken more than
:data:`RACY_SECONDS` after that ctime (a file changed twice within the clock's tick
would otherwise look unchanged). A touched but unchanged file is hashed once, not
extracted again. Any change to the extractor, context or ingest code, the package version or
the rule files changes the fingerprint, and every file built under another one is
extracted again. Files under a folder that was walked and that are gone lose their rows.

The index also keeps each walked folder's file list, with the modification time of
every folder under it, so that checking a new article against an indexed archive
neither walks nor stats the archive's files. A folder's modification time changes
when a file is added, removed or renamed in it (and an editor's save by rename is a
rename), so the list is trusted while every folder keeps its time; otherwise the
folder is walked again. A file edited in place leaves its folder's time alone: the
files whose claims a check loads (those sharing a claim key with the articles
checked) are stat'ed, and extracted again when changed; a file whose edit gives it a
key it did not have is only seen after ``figures index`` or a full check of the folder.

SQLite in WAL mode: readers never block, and each write is one ``BEGIN IMMEDIATE``
transaction with a busy timeout, so two runs (two CI jobs) writing at once wait for
each other instead of failing or corrupting the file.

Nothing read from the index runs: claims are stored as MessagePack data of the model's
fields and decoded into the model's types, so a row that does not decode, does not
validate, or holds another file's claims is stale, and its file is extracted again.
The file is not trusted at all when ``.figures`` or the file is a symbolic link, or
when git tracks it (a committed index may say anything). One
that is not SQLite, is laid out for another version, or is damaged is replaced; one
that cannot be used (locked, read-only, a full disk) is left alone. Either way the run
goes on with one warning, and gives what a run without the index gives.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import filelock
import msgspec

from figures import __version__
from figures.core.errors import FiguresError
from figures.model import Claim
from figures.rules.loader import DEFAULT_RULES
from figures.rules.records import Rulebook

INDEX_FOLDER = ".figures"
INDEX_FILE = "index.sqlite"
# Held by a run that brings the whole index up to date (``figures index``): a second one waits for it.
LOCK_FILE = "index.lock"
# The layout of the file and of its rows; kept in the file's user_version, and part of every fingerprint.
SCHEMA = 3
# Seconds a run waits for another run's write before it goes on without the index.
LOCK_WAIT = 10.0
# The files SQLite keeps beside the index: a link or a tracked copy of any of them is refused too.
_SIDE_FILES = ("", "-wal", "-shm", "-journal")
_TABLES = (
    "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, "
    "seen_ns INTEGER, sha256 TEXT, fingerprint TEXT, claims BLOB)",
    "CREATE TABLE keys (key TEXT, path TEXT, PRIMARY KEY (key, path)) WITHOUT ROWID",
    "CREATE INDEX keys_by_path ON keys (path)",
    "CREATE TABLE walks (walk TEXT PRIMARY KEY, fingerprint TEXT, folders BLOB)",
    "CREATE TABLE walk_files (walk TEXT, seq INTEGER, path TEXT, PRIMARY KEY (walk, seq)) WITHOUT ROWID",
    "CREATE INDEX walk_files_by_path ON walk_files (path)",
)
# SQLite's primary result codes for a file that is damaged or is no database at all.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(type=tuple[Claim, ...])
NO_CLAIMS = _ENCODER.encode(())  # what is stored for a file that cannot be read
_PACKAGE = Path(__file__).parent.parent
# The code whose output the index keeps: a change to any of it makes every row stale.
_CLAIM_CODE = ("ingest", "extract", "context", "model.py", "rules", "core", "data")
# A folder changed this recently may change again within its clock's tick: its listing is not trusted.
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class FileState:
    """What the index needs to know about an article file on disk, and when it was looked at (``seen_ns``)."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    seen_ns: int = 0

    def same_as(self, size: int, mtime_ns: int, ctime_ns: int, seen_ns: int) -> bool:
        """Whether a row taken as (size, times, seen) certainly still describes this file without hashing it."""
        settled = seen_ns - ctime_ns > RACY_SECONDS * 1e9
        return settled and (size, mtime_ns, ctime_ns) == (self.size, self.mtime_ns, self.ctime_ns)


@dataclass(frozen=True)
class Stored:
    """One article's claims as built from the content with ``sha256``: encoded, with their claim keys."""

    state: FileState
    sha256: str
    claims: bytes  # a tuple of claims, by encode_claims
    keys: tuple[str, ...]


class IndexUnavailable(FiguresError):
    """The claim index cannot be used; ``hint`` says what to do about it."""

    def __init__(self, path: str, problem: str, hint: str) -> None:
        self.path, self.problem, self.hint = path, problem, hint
        super().__init__(f"{path}: {problem}; {hint}")

    def warning(self) -> str:
        """The line a run that goes on without the index prints."""
        return f"{self.path}: {self.problem}; the run goes on without the claim index, as with --no-index; {self.hint}"


def encode_claims(claims: tuple[Claim, ...]) -> bytes | None:
    """An article's claims as MessagePack data of their fields; ``None`` when a text cannot be encoded."""
    try:
        return _ENCODER.encode(claims)
    except (TypeError, ValueError, OverflowError):  # a lone surrogate is no UTF-8: such claims are not kept
        return None


def decode_claims(blob: object, path: str) -> tuple[Claim, ...] | None:
    """The claims a row holds, typed and validated, if they are claims of ``path``; else ``None``."""
    try:
        claims = _DECODER.decode(blob)  # type: ignore[arg-type]
    except (msgspec.DecodeError, TypeError, ValueError, RecursionError):
        return None
    if any(c.path != path for c in claims):
        return None
    return claims


def file_state(path: str) -> FileState | None:
    """The file's size and times, or ``None`` when it is gone."""
    seen = time.time_ns()  # before the stat: a change after it is later than the row says it looked
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileState(path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, seen)


def folder_times(root: str) -> list[tuple[str, int]] | None:
    """Every folder under ``root`` (itself included) with its modification time, sorted; ``None`` if gone.

    Folders are found as a folder walk finds them: symbolic links to folders are not followed.
    """
    out: list[tuple[str, int]] = []
    todo = [root]
    while todo:
        folder = todo.pop()
        try:
            out.append((folder, os.stat(folder).st_mtime_ns))
            with os.scandir(folder) as entries:
                todo.extend(os.path.join(folder, e.name) for e in entries if e.is_dir() and not e.is_symlink())
        except OSError:
            return None
    return sorted(out)


def content_hash(path: str) -> str:
    """SHA-256 of the file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _hash_of(path: str) -> str | None:
    """The file's content hash, or ``None`` when it cannot be read (then it is read again, and said so)."""
    try:
        return content_hash(path)
    except OSError:
        return None


def _hash_files(digest, root: Path) -> None:
    files = (
        [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    )
    for p in files:
        digest.update(p.relative_to(root.parent).as_posix().encode())
        digest.update(p.read_bytes())


def code_version() -> str:
    """The package version and a hash of the code that turns a file into claims."""
    digest = hashlib.sha256(__version__.encode())
    for part in _CLAIM_CODE:
        _hash_files(digest, _PACKAGE / part)
    return f"{__version__}+{digest.hexdigest()[:16]}"


def rules_hash(rulebook: Rulebook) -> str:
    """A hash of the rule files the claims were built with: the defaults and the project's."""
    digest = hashlib.sha256()
    _hash_files(digest, DEFAULT_RULES)
    if rulebook.root is not None:
        digest.update(b"\0project\0")
        _hash_files(digest, Path(rulebook.root))
    return digest.hexdigest()[:16]


def fingerprint(rulebook: Rulebook) -> str:
    """What must match for a stored row to be reused: schema, code version and rules."""
    return f"{SCHEMA}:{code_version()}:{rules_hash(rulebook)}"


def _damaged(err: sqlite3.Error) -> bool:
    """Whether SQLite says the file is damaged or no database, rather than busy, read-only or full."""
    return (getattr(err, "sqlite_errorcode", 0) & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def _hint(err: Exception, folder: Path) -> str:
    """What to do about an index that cannot be used."""
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return f"another run holds it: let it finish, or delete {folder}/ if none does"
    if "full" in text or "no space" in text or "too large" in text:
        return f"free some space on the disk that holds {folder}/"
    if any(w in text for w in ("readonly", "read-only", "unable to open", "permission")):
        return f"make {folder}/ and its files writable, or delete {folder}/"
    return f"delete {folder}/ so that the next run builds it again"


@functools.cache
def _expected_schema() -> tuple[tuple, ...]:
    """The tables of an index as this version lays it out, as SQLite describes them."""
    db = sqlite3.connect(":memory:")
    for sql in _TABLES:
        db.execute(sql)
    found = _schema_of(db)
    db.close()
    return found


def _schema_of(db: sqlite3.Connection) -> tuple[tuple, ...]:
    return tuple(sorted(db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"), key=repr))


def _configure(db: sqlite3.Connection) -> None:
    db.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT * 1000)}")
    # The file may come from anywhere: its schema runs no functions, and damaged pages are seen as such.
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA cell_size_check = ON")


def _write_ahead(db: sqlite3.Connection) -> None:
    """Put the index in write-ahead-log mode, waiting as long as the busy timeout would.

    Two runs that open a new index at once both switch it; SQLite can answer the second
    "database is locked" at once, without calling the busy handler, so the wait is here.
    """
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if getattr(err, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise


def tracked_by_git(folder: Path) -> list[str]:
    """The index files in ``folder`` that git tracks; none without git or outside a repository."""
    if shutil.which("git") is None:
        return []
    try:
        done = subprocess.run(
            # safe.directory: a checkout owned by another user (a CI container) must still be asked; then
            # no setting of that checkout may run a program (fsmonitor), and git writes nothing to it
            [
                "git",
                "-c",
                "safe.directory=*",
                "-c",
                "core.fsmonitor=false",
                "ls-files",
                "-z",
                "--",
                *(INDEX_FILE + side for side in _SIDE_FILES),
            ],
            cwd=folder,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return [str(folder / os.fsdecode(name)) for name in done.stdout.split(b"\0") if name]


class _Rebuild(Exception):
    """The file is no index this version can read: it is replaced."""


def _guarded(fallback: Callable):
    """Run an index method; if SQLite fails, go on without the index for the rest of the run (see ``_fail``)."""

    def wrap(method: Callable) -> Callable:
        @functools.wraps(method)
        def run(self: ClaimIndex, *args, **kwargs):
            if self.failure is None:
                try:
                    return method(self, *args, **kwargs)
                except sqlite3.Error as err:
                    self._fail(err)
            return fallback(*args, **kwargs)

        return run

    return wrap


class ClaimIndex:
    """The claims of every article file a run has seen, in one SQLite file.

    Opening it raises :class:`IndexUnavailable` when it cannot be used; a file that is
    no index this version can read is replaced (``rebuilt`` says why). When SQLite
    fails later in the run, the index is given up for the rest of it (``failure`` says
    why, and ``warn`` is called with it): every method then answers as if the index
    held nothing, so the run's output is the same; a damaged file is removed on closing.
    """

    def __init__(self, folder: str | Path, fingerprint: str, warn: Callable[[str], None] | None = None) -> None:
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.warn = warn
        self.extracted = 0  # files whose claims a caller stored this session: what was not reused
        self.failure: IndexUnavailable | None = None
        self.rebuilt: str | None = None  # why the file found was replaced
        self._remove = False
        self.db = self._open()

    @property
    def file(self) -> str:
        """The database file, as the index was opened (relative or not): what messages name."""
        return str(self.folder / INDEX_FILE)

    @property
    def location(self) -> str:
        """The database file for a worker to read stored claims from: absolute, as a worker may run elsewhere."""
        return os.path.abspath(self.file)

    def _refuse(self, problem: str, hint: str) -> IndexUnavailable:
        return IndexUnavailable(self.file, problem, hint)

    def _open(self) -> sqlite3.Connection:
        folder = self.folder
        if folder.is_symlink() or any(Path(self.file + side).is_symlink() for side in _SIDE_FILES):
            link = folder if folder.is_symlink() else Path(self.file)
            raise self._refuse(
                f"{link} is a symbolic link, and the claim index is never kept through one",
                f"remove the link ({link})",
            )
        if folder.exists() and not folder.is_dir():
            raise self._refuse(f"{folder} is not a folder", f"remove {folder}")
        tracked = tracked_by_git(folder) if folder.is_dir() else []
        if tracked:
            raise self._refuse(
                "git tracks it, and a committed claim index is never trusted",
                f"untrack it (git rm --cached {' '.join(tracked)}) and add {folder}/ to .gitignore",
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise self._refuse(f"cannot create {folder} ({err.strerror or err})", _hint(err, folder)) from None
        try:
            return self._connect()
        except _Rebuild as why:
            reason = str(why)
        self._remove_files()
        try:
            db = self._connect()
        except _Rebuild as why:
            raise self._refuse(f"not a claim index ({why})", f"delete {folder}/") from None
        self.rebuilt = f"{self.file}: not a claim index this version of figures can read ({reason}); replaced it"
        if self.warn is not None:
            self.warn(self.rebuilt)
        return db

    def _connect(self) -> sqlite3.Connection:
        db = None
        try:
            db = sqlite3.connect(self.file, timeout=LOCK_WAIT, isolation_level=None)
            _configure(db)
            _write_ahead(db)
            db.execute("PRAGMA synchronous = NORMAL")
            with _transaction(db):
                found = _schema_of(db)
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if not found and version == 0:
                    for sql in _TABLES:
                        db.execute(sql)
                    db.execute(f"PRAGMA user_version = {SCHEMA}")
                elif version != SCHEMA or found != _expected_schema():
                    raise _Rebuild("built by another version of figures, or not by figures")
            return db
        except sqlite3.Error as err:
            if db is not None:
                db.close()
            if _damaged(err):
                raise _Rebuild(str(err)) from None
            raise self._refuse(str(err), _hint(err, self.folder)) from None
        except _Rebuild:
            if db is not None:
                db.close()
            raise

    def _remove_files(self) -> None:
        try:
            for side in _SIDE_FILES:
                Path(self.file + side).unlink(missing_ok=True)
        except OSError as err:
            raise self._refuse(
                f"not a claim index, and cannot be replaced ({err.strerror or err})",
                f"delete {self.folder}/ or make it writable",
            ) from None

    def _fail(self, err: sqlite3.Error) -> None:
        """Give up the index for the rest of the run: say why once; a damaged file goes when the index is closed."""
        if _damaged(err):
            self._remove = True
            self.failure = self._refuse(f"damaged ({err})", "it is removed, and the next run builds it again")
        else:
            self.failure = self._refuse(str(err), _hint(err, self.folder))
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.warn is not None:
            self.warn(self.failure.warning())

    def close(self) -> None:
        """Close the database; the index stays on disk (unless it was found damaged)."""
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        _drop_reader(self.location)
        if self._remove:
            with contextlib.suppress(OSError, IndexUnavailable):
                self._remove_files()

    @contextlib.contextmanager
    def updating(self, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the index while bringing it up to date: another run that asks waits, told once by ``waiting``.

        Two updates at once would each extract every stale file; the second one, once
        it has waited, finds them fresh. The lock is the kernel's (``flock``), so a run
        that dies outright leaves nothing held. A lock that cannot be taken at all (a
        file system without locks) is not waited for: the index's writes are safe
        either way, only the work may be done twice.
        """
        lock = filelock.FileLock(str(self.folder / LOCK_FILE), is_singleton=False)
        try:
            try:
                lock.acquire(timeout=0)
            except filelock.Timeout:
                if waiting is not None:
                    waiting(
                        f"another `figures index` run is updating {self.folder}/; waiting for it to finish "
                        f"(it holds {self.folder / LOCK_FILE})"
                    )
                lock.acquire()
        except OSError:
            yield
            return
        try:
            yield
        finally:
            lock.release()

    @_guarded(lambda states: list(states))
    def stale(self, states: Iterable[FileState]) -> list[FileState]:
        """The files whose stored claims cannot be reused: new, changed, or built by other code or rules."""
        states = list(states)
        rows = {}
        for n in range(0, len(states), 500):
            chunk = [s.path for s in states[n : n + 500]]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT path, size, mtime_ns, ctime_ns, seen_ns, sha256, fingerprint "
                f"FROM files WHERE path IN ({marks})"
            )
            rows.update((row[0], row[1:]) for row in self.db.execute(sql, chunk))
        out, touched = [], []
        for state in states:
            row = rows.get(state.path)
            if row is None or row[5] != self.fingerprint:
                out.append(state)
            elif not state.same_as(*row[:4]):
                (touched if _hash_of(state.path) == row[4] else out).append(state)
        if touched:
            with _transaction(self.db):
                self.db.executemany(
                    "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, seen_ns = ? WHERE path = ?",
                    [(s.size, s.mtime_ns, s.ctime_ns, s.seen_ns, s.path) for s in touched],
                )
        return out

    @_guarded(lambda entries: None)
    def store(self, entries: Iterable[Stored]) -> None:
        """Keep a batch of articles' claims, in one transaction."""
        entries = list(entries)
        if not entries:
            return
        with _transaction(self.db):
            # A folder listing is trusted only while every file of it was stored with its fingerprint.
            self.db.execute(
                "DELETE FROM walk_files WHERE walk IN (SELECT walk FROM walks WHERE fingerprint != ?)",
                (self.fingerprint,),
            )
            self.db.execute("DELETE FROM walks WHERE fingerprint != ?", (self.fingerprint,))
            # one statement per table for the whole batch: SQLite prepares it once
            self.db.executemany("DELETE FROM keys WHERE path = ?", [(e.state.path,) for e in entries])
            self.db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.state.path, e.state.size, e.state.mtime_ns, e.state.ctime_ns, e.state.seen_ns)
                    + (e.sha256, self.fingerprint, e.claims)
                    for e in entries
                ],
            )
            self.db.executemany(
                "INSERT OR IGNORE INTO keys VALUES (?, ?)", [(k, e.state.path) for e in entries for k in e.keys]
            )
        self.extracted += len(entries)

    @_guarded(lambda folders, present: 0)
    def forget_missing(self, folders: Iterable[str], present: Iterable[str]) -> int:
        """Drop the rows of files under the walked ``folders`` that the walk no longer found."""
        present = set(present)
        gone = []
        for folder in folders:
            prefix = folder.rstrip("/\\") + os.sep
            for (path,) in self.db.execute(
                "SELECT path FROM files WHERE substr(path, 1, ?) = ?", (len(prefix), prefix)
            ):
                if path not in present:
                    gone.append(path)
        if gone:
            with _transaction(self.db):
                for path in gone:
                    self.db.execute("DELETE FROM files WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM keys WHERE path = ?", (path,))
        return len(gone)

    @staticmethod
    def walk_id(root: str, exclude: tuple[str, ...]) -> str:
        """The name of a folder walk: the folder as given and the globs it skipped."""
        return json.dumps([root, list(exclude)])

    @_guarded(lambda walk, folders, files: None)
    def record_walk(self, walk: str, folders: list[tuple[str, int]], files: list[str]) -> None:
        """Keep the files a walk found, with the folders' times taken before the walk began.

        Call it once every listed file's claims are stored. A folder changed within
        :data:`RACY_SECONDS` of now is recorded with no time, so the next run walks it again.
        """
        now = time.time_ns()
        racy = int(RACY_SECONDS * 1e9)
        folders = [(f, t if now - t > racy else -1) for f, t in folders]
        with _transaction(self.db):
            self.db.execute("DELETE FROM walk_files WHERE walk = ?", (walk,))
            self.db.execute(
                "INSERT OR REPLACE INTO walks VALUES (?, ?, ?)", (walk, self.fingerprint, json.dumps(folders))
            )
            self.db.executemany("INSERT INTO walk_files VALUES (?, ?, ?)", [(walk, n, p) for n, p in enumerate(files)])

    @_guarded(lambda walk: False)
    def trusted_walk(self, walk: str) -> bool:
        """Whether a recorded walk still lists the folder's files: built with this fingerprint, no folder changed."""
        row = self.db.execute("SELECT fingerprint, folders FROM walks WHERE walk = ?", (walk,)).fetchone()
        if row is None or row[0] != self.fingerprint:
            return False
        try:
            folders = [(str(f), int(t)) for f, t in json.loads(row[1])]
        except (TypeError, ValueError, RecursionError):
            return False
        for folder, mtime_ns in folders:
            try:
                if os.stat(folder).st_mtime_ns != mtime_ns:
                    return False
            except (OSError, ValueError):
                return False
        return True

    @_guarded(lambda walk, keys: None)
    def walked_with_keys(self, walk: str, keys: Iterable[str]) -> list[str] | None:
        """The files of a recorded walk that hold a claim with any of these keys, in the walk's order.

        ``None`` when the index failed on the way, or lists a file outside the walked
        folder: the folder must be walked.
        """
        keys = sorted(set(keys))
        found: dict[int, str] = {}
        for n in range(0, len(keys), 500):
            chunk = keys[n : n + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT seq, path FROM walk_files WHERE walk = ? AND path IN "
                f"(SELECT path FROM keys WHERE key IN ({marks}))"
            )
            found.update(self.db.execute(sql, [walk, *chunk]))
        root = str(json.loads(walk)[0]).rstrip("/\\") + os.sep
        if not all(isinstance(p, str) and p.startswith(root) for p in found.values()):
            return None
        return [found[n] for n in sorted(found)]

    @_guarded(lambda keys: None)
    def paths_with_keys(self, keys: Iterable[str]) -> set[str] | None:
        """The files holding a claim with any of these keys; ``None`` when the index failed: any file may."""
        out: set[str] = set()
        keys = sorted(set(keys))
        for n in range(0, len(keys), 500):
            chunk = keys[n : n + 500]
            marks = ",".join("?" * len(chunk))
            out.update(p for (p,) in self.db.execute(f"SELECT DISTINCT path FROM keys WHERE key IN ({marks})", chunk))
        return out

    @_guarded(lambda paths: {})
    def claims(self, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
        """The stored claims of these files (those the index holds, and that decode)."""
        return _load(self.db, self.fingerprint, paths)

    @_guarded(lambda: 0)
    def size(self) -> int:
        """How many files the index holds."""
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]


def _load(db: sqlite3.Connection, fingerprint: str, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
    """The claims of the rows that decode; a file whose row does not is left out, so it is extracted again."""
    out: dict[str, tuple[Claim, ...]] = {}
    paths = list(paths)
    for n in range(0, len(paths), 500):
        chunk = paths[n : n + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT path, claims FROM files WHERE fingerprint = ? AND path IN ({marks})"
        for path, blob in db.execute(sql, [fingerprint, *chunk]):
            claims = decode_claims(blob, path)
            if claims is not None:
                out[path] = claims
    return out


# Each process's own connections for reading (a connection must not cross a fork), by process and
# file, with the file's identity: an index replaced since is opened again.
_readers: dict[tuple[int, str], tuple[sqlite3.Connection, tuple[int, int]]] = {}


def _drop_reader(db_file: str) -> None:
    reader = _readers.pop((os.getpid(), db_file), None)
    if reader is not None:
        with contextlib.suppress(sqlite3.Error):
            reader[0].close()


def stored_claims(db_file: str, fingerprint: str, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
    """The claims the index file holds for these files, read on this process's own connection.

    Anything SQLite fails on gives no claims: the files are extracted again.
    """
    where = (os.getpid(), db_file)
    try:
        st = os.stat(db_file)
        identity = (st.st_dev, st.st_ino)
        reader = _readers.get(where)
        if reader is None or reader[1] != identity:
            _drop_reader(db_file)
            # mode=rw: a file removed since the run began is not created again, empty
            uri = f"file:{urllib.parse.quote(os.path.abspath(db_file))}?mode=rw"
            db = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT, isolation_level=None, check_same_thread=False)
            _readers[where] = reader = (db, identity)
            _configure(db)
        return _load(reader[0], fingerprint, paths)
    except (OSError, sqlite3.Error):
        _drop_reader(db_file)
        return {}
