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

SQLite in WAL mode: readers never block, and each write is one ``BEGIN IMMEDIATE``
transaction with a long busy timeout, so two runs (two CI jobs) writing at once wait
for each other instead of failing or corrupting the file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
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


@dataclass(frozen=True)
class FileState:
    """What the index needs to know about an article file on disk."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Entry:
    """One article's claims as built from the content with ``sha256``."""

    state: FileState
    sha256: str
    claims: tuple[Claim, ...]


def file_state(path: str) -> FileState | None:
    """The file's size and modification time, or ``None`` when it is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileState(path, st.st_size, st.st_mtime_ns)


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
        )
        self.extracted = 0  # files whose claims a caller stored this session: what was not reused

    def close(self) -> None:
        """Close the database; the index stays on disk."""
        self.db.close()

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
        rows = {
            path: (size, mtime_ns, sha, fp)
            for path, size, mtime_ns, sha, fp in self.db.execute(
                "SELECT path, size, mtime_ns, sha256, fingerprint FROM files"
            )
        }
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

    def store(self, entries: Iterable[Entry]) -> None:
        """Keep a batch of articles' claims, in one transaction."""
        entries = list(entries)
        if not entries:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for e in entries:
                self.db.execute("DELETE FROM keys WHERE path = ?", (e.state.path,))
                self.db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        e.state.path,
                        e.state.size,
                        e.state.mtime_ns,
                        e.sha256,
                        self.fingerprint,
                        pickle.dumps(e.claims, protocol=pickle.HIGHEST_PROTOCOL),
                    ),
                )
                keys = sorted({c.key for c in e.claims if c.key is not None})
                self.db.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", [(k, e.state.path) for k in keys])
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
        out: dict[str, tuple[Claim, ...]] = {}
        paths = list(paths)
        for n in range(0, len(paths), 500):
            chunk = paths[n : n + 500]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT path, claims FROM files WHERE fingerprint = ? AND path IN ({marks})"
            for path, blob in self.db.execute(sql, [self.fingerprint, *chunk]):
                out[path] = pickle.loads(blob)
        return out

    def size(self) -> int:
        """How many files the index holds."""
        return self.db.execute("SELECT count(*) FROM files").fetchone()[0]
