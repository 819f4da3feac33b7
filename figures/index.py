"""The claim index: every article's claims, kept so that unchanged files are never extracted again.

A cache in ``.figures/index.sqlite``: deleting it changes no output, only the time a
run takes. One row per article file holds its size, modification time and content
hash, the fingerprint of the code and rules that built its claims, and the claims
themselves (pickled frozen dataclasses); a second table lists the claim keys of each
file, so a new article is checked against an archive by reading only the files that
share a key with it.

A file is fresh when its fingerprint matches and its size and modification time are
unchanged, or its content hash is (a touched but unchanged file is not extracted
again). Any change to the extractor, context or ingest code, the package version or
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
transaction with a long busy timeout, so two runs (two CI jobs) writing at once wait
for each other instead of failing or corrupting the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from figures import __version__
from figures.model import Claim
from figures.rulebook import DEFAULT_RULES, Rulebook

INDEX_FOLDER = ".figures"
INDEX_FILE = "index.sqlite"
SCHEMA = 1
_PACKAGE = Path(__file__).parent
# The code whose output the index keeps: a change to any of it makes every row stale.
_CLAIM_CODE = ("ingest", "extract", "context", "model.py", "rulebook.py", "units.py", "data")
# A folder changed this recently may change again within its clock's tick: its listing is not trusted.
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class FileState:
    """What the index needs to know about an article file on disk."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Stored:
    """One article's claims as built from the content with ``sha256``: pickled, with their claim keys."""

    state: FileState
    sha256: str
    claims: bytes  # a pickled tuple of claims
    keys: tuple[str, ...]


def file_state(path: str) -> FileState | None:
    """The file's size and modification time, or ``None`` when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileState(path, st.st_size, st.st_mtime_ns)


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


class ClaimIndex:
    """The claims of every article file a run has seen, in one SQLite file."""

    def __init__(self, folder: str | Path, fingerprint: str) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self.db = sqlite3.connect(self.folder / INDEX_FILE, timeout=120, isolation_level=None)
        self.db.execute("PRAGMA busy_timeout = 120000")
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        self._write(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
            "sha256 TEXT, fingerprint TEXT, claims BLOB)",
            "CREATE TABLE IF NOT EXISTS keys (key TEXT, path TEXT, PRIMARY KEY (key, path)) WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS keys_by_path ON keys (path)",
            "CREATE TABLE IF NOT EXISTS walks (walk TEXT PRIMARY KEY, fingerprint TEXT, folders BLOB)",
            "CREATE TABLE IF NOT EXISTS walk_files (walk TEXT, seq INTEGER, path TEXT, PRIMARY KEY (walk, seq)) "
            "WITHOUT ROWID",
            "CREATE INDEX IF NOT EXISTS walk_files_by_path ON walk_files (path)",
        )
        self.extracted = 0  # files whose claims a caller stored this session: what was not reused

    @property
    def file(self) -> str:
        """The database file, for a worker to read stored claims from."""
        return str(self.folder / INDEX_FILE)

    def close(self) -> None:
        """Close the database; the index stays on disk."""
        self.db.close()
        reader = _readers.pop((os.getpid(), self.file), None)
        if reader is not None:
            reader.close()

    def _write(self, *statements: str) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for sql in statements:
                self.db.execute(sql)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def stale(self, states: Iterable[FileState]) -> list[FileState]:
        """The files whose stored claims cannot be reused: new, changed, or built by other code or rules."""
        states = list(states)
        rows = {}
        for n in range(0, len(states), 500):
            chunk = [s.path for s in states[n : n + 500]]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT path, size, mtime_ns, sha256, fingerprint FROM files WHERE path IN ({marks})"
            rows.update((row[0], row[1:]) for row in self.db.execute(sql, chunk))
        out, touched = [], []
        for state in states:
            row = rows.get(state.path)
            if row is None or row[3] != self.fingerprint:
                out.append(state)
            elif (row[0], row[1]) != (state.size, state.mtime_ns):
                try:
                    same = content_hash(state.path) == row[2]
                except OSError:
                    same = False
                (touched if same else out).append(state)
        if touched:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany(
                    "UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                    [(s.size, s.mtime_ns, s.path) for s in touched],
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return out

    def store(self, entries: Iterable[Stored]) -> None:
        """Keep a batch of articles' claims, in one transaction."""
        entries = list(entries)
        if not entries:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            # A folder listing is trusted only while every file of it was stored with its fingerprint.
            self.db.execute(
                "DELETE FROM walk_files WHERE walk IN (SELECT walk FROM walks WHERE fingerprint != ?)",
                (self.fingerprint,),
            )
            self.db.execute("DELETE FROM walks WHERE fingerprint != ?", (self.fingerprint,))
            for e in entries:
                self.db.execute("DELETE FROM keys WHERE path = ?", (e.state.path,))
                self.db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (e.state.path, e.state.size, e.state.mtime_ns, e.sha256, self.fingerprint, e.claims),
                )
                self.db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", [(k, e.state.path) for k in e.keys])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.extracted += len(entries)

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
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for path in gone:
                    self.db.execute("DELETE FROM files WHERE path = ?", (path,))
                    self.db.execute("DELETE FROM keys WHERE path = ?", (path,))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        return len(gone)

    @staticmethod
    def walk_id(root: str, exclude: tuple[str, ...]) -> str:
        """The name of a folder walk: the folder as given and the globs it skipped."""
        return json.dumps([root, list(exclude)])

    def record_walk(self, walk: str, folders: list[tuple[str, int]], files: list[str]) -> None:
        """Keep the files a walk found, with the folders' times taken before the walk began.

        Call it once every listed file's claims are stored. A folder changed within
        :data:`RACY_SECONDS` of now is recorded with no time, so the next run walks it again.
        """
        now = time.time_ns()
        racy = int(RACY_SECONDS * 1e9)
        folders = [(f, t if now - t > racy else -1) for f, t in folders]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM walk_files WHERE walk = ?", (walk,))
            self.db.execute(
                "INSERT OR REPLACE INTO walks VALUES (?, ?, ?)", (walk, self.fingerprint, json.dumps(folders))
            )
            self.db.executemany("INSERT INTO walk_files VALUES (?, ?, ?)", [(walk, n, p) for n, p in enumerate(files)])
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def trusted_walk(self, walk: str) -> bool:
        """Whether a recorded walk still lists the folder's files: built with this fingerprint, no folder changed."""
        row = self.db.execute("SELECT fingerprint, folders FROM walks WHERE walk = ?", (walk,)).fetchone()
        if row is None or row[0] != self.fingerprint:
            return False
        for folder, mtime_ns in json.loads(row[1]):
            try:
                if os.stat(folder).st_mtime_ns != mtime_ns:
                    return False
            except OSError:
                return False
        return True

    def walked_with_keys(self, walk: str, keys: Iterable[str]) -> list[str]:
        """The files of a recorded walk that hold a claim with any of these keys, in the walk's order."""
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
        return [found[n] for n in sorted(found)]

    def paths_with_keys(self, keys: Iterable[str]) -> set[str]:
        """The files holding a claim with any of these keys."""
        out: set[str] = set()
        keys = sorted(set(keys))
        for n in range(0, len(keys), 500):
            chunk = keys[n : n + 500]
            marks = ",".join("?" * len(chunk))
            out.update(p for (p,) in self.db.execute(f"SELECT DISTINCT path FROM keys WHERE key IN ({marks})", chunk))
        return out

    def claims(self, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
        """The stored claims of these files (those the index holds)."""
        return _load(self.db, self.fingerprint, paths)

    def size(self) -> int:
        """How many files the index holds."""
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]


def _load(db: sqlite3.Connection, fingerprint: str, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
    out: dict[str, tuple[Claim, ...]] = {}
    paths = list(paths)
    for n in range(0, len(paths), 500):
        chunk = paths[n : n + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"SELECT path, claims FROM files WHERE fingerprint = ? AND path IN ({marks})"
        for path, blob in db.execute(sql, [fingerprint, *chunk]):
            out[path] = pickle.loads(blob)
    return out


# Each process's own connections for reading (a connection must not cross a fork): by process and file.
_readers: dict[tuple[int, str], sqlite3.Connection] = {}


def stored_claims(db_file: str, fingerprint: str, paths: Iterable[str]) -> dict[str, tuple[Claim, ...]]:
    """The claims the index file holds for these files, read on this process's own connection."""
    where = (os.getpid(), db_file)
    db = _readers.get(where)
    if db is None:
        db = _readers[where] = sqlite3.connect(db_file, timeout=120, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA busy_timeout = 120000")
    return _load(db, fingerprint, paths)
