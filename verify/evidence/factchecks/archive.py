"""The fact-check archive: one SQLite file with a full-text index (FTS5), its schema versioned.

    archive = Archive.open("factchecks/archive.sqlite")     # created, or migrated, or refused
    archive.add(batch)                 # (FactCheck, Features) pairs; duplicates are skipped
    archive.search(["north", "korea", "n10000"], limit=50)   # BM25, best first

- **Schema versions** live in ``PRAGMA user_version``; ``MIGRATIONS`` brings any older archive
  up to ``SCHEMA_VERSION`` in one transaction. An archive from a newer ``verify`` is refused
  (never written): it may hold columns this one would lose.
- **Duplicates** (the same ``url`` and ``claim_reviewed``) are found by a 16-byte key with a
  unique index, not by comparing texts.
- **The index is contentless** (``content=''``): it keeps the folded words only, not a second
  copy of every claim, so 100,000 fact-checks stay well under 200 MB.
- **Errors in words**: a file that is not a database, a database locked by another process, a
  folder that cannot be written: a ``FactCheckError`` naming the file and what to do.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, NamedTuple

from ...records.folders import make_folder_for
from .folding import Features
from .records import FactCheck, FactCheckError

LOCK_TIMEOUT_S = 5.0
"""How long to wait for another process's write to end before saying the archive is locked."""

_V1 = (
    """CREATE TABLE factchecks (
        id INTEGER PRIMARY KEY,
        key BLOB NOT NULL UNIQUE,
        url TEXT NOT NULL,
        claim_reviewed TEXT NOT NULL,
        rating TEXT NOT NULL DEFAULT '',
        rating_value REAL, best_rating REAL, worst_rating REAL,
        author TEXT NOT NULL DEFAULT '',
        date_published TEXT NOT NULL DEFAULT '',
        claimant TEXT NOT NULL DEFAULT '',
        claim_date TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        features TEXT NOT NULL)""",
    # Contentless: the index keeps the folded words' postings, not a second copy of the text.
    # (Full detail: SQLite's BM25 scores nothing on a contentless index with detail=column.)
    "CREATE VIRTUAL TABLE factchecks_words USING fts5(words, content='')",
)
_V2 = (
    # Where each fact-check came from, so a checker can tell their own work from a feed's.
    """CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported INTEGER NOT NULL, duplicates INTEGER NOT NULL, refused INTEGER NOT NULL)""",
    "ALTER TABLE factchecks ADD COLUMN import_id INTEGER REFERENCES imports(id)",
)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
"""``MIGRATIONS[n]`` brings schema version ``n`` to ``n + 1``; never edit a released one."""
SCHEMA_VERSION = len(MIGRATIONS)

_FIELDS = ("url", "claim_reviewed", "rating", "rating_value", "best_rating", "worst_rating",
           "author", "date_published", "claimant", "claim_date", "language")


class Stored(NamedTuple):
    """A fact-check read back from the archive, with its features and its BM25 rank."""

    fact_check: FactCheck
    features: Features
    bm25: float
    """SQLite's BM25 (lower is better); 0.0 when not found by a search."""


def duplicate_key(url: str, claim_reviewed: str) -> bytes:
    """The 16 bytes that identify a fact-check: the same url and claim are the same record."""
    return hashlib.blake2b(f"{url}\x00{claim_reviewed}".encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()


class Archive:
    """An open archive file. Use as a context manager, or call ``close``."""

    def __init__(self, connection: sqlite3.Connection, path: Path, read_only: bool):
        self._db = connection
        self.path = path
        self.read_only = read_only
        self._count: int | None = None
        self._counts: dict[str, int] = {}
        self._vocabulary = False

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, read_only: bool = False,
             timeout: float = LOCK_TIMEOUT_S, schema: int = SCHEMA_VERSION) -> "Archive":
        """Open (and with ``create``, make) the archive at ``path``, migrated to ``schema``
        (the default, the current one; tests pass an older one to make an old archive)."""
        path = Path(path)
        if path.is_dir():
            raise FactCheckError(f"{path} is a folder; give the archive's file, e.g. "
                                 f"{path / 'archive.sqlite'}", source=str(path))
        if not path.exists() and (read_only or not create):
            raise FactCheckError(f"{path}: no fact-check archive there; import fact-checks "
                                 f"first: verify factchecks import FILE --archive {path}",
                                 source=str(path))
        if not read_only:
            _make_folder(path)
        try:
            db = _connect(path, read_only, timeout)
            archive = cls(db, path, read_only)
            archive._migrate(schema)
        except sqlite3.Error as err:
            raise _archive_error(path, err) from None
        return archive

    def _migrate(self, target: int) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise FactCheckError(
                f"{self.path}: this archive has schema version {version}, made by a newer "
                f"verify (this one reads up to version {SCHEMA_VERSION}); upgrade verify "
                "(pip install -U verify), or give another --archive", source=str(self.path))
        if version >= target:
            return
        if self.read_only:
            raise FactCheckError(f"{self.path}: the archive has schema version {version} and "
                                 f"needs upgrading to {SCHEMA_VERSION}; open it once for "
                                 "writing (verify factchecks import)", source=str(self.path))
        _check_is_empty_or_ours(self._db, version, self.path)
        with self._db:  # one transaction: a crash leaves the old version, whole
            for step in range(version, target):
                for statement in MIGRATIONS[step]:
                    self._db.execute(statement)
            self._db.execute(f"PRAGMA user_version = {int(target)}")

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ---------------------------------------------------------------------------

    def known(self, keys: Iterable[bytes]) -> set[bytes]:
        """The keys of ``keys`` already in the archive."""
        keys = list(keys)
        found: set[bytes] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self._run(
                f"SELECT key FROM factchecks WHERE key IN ({marks})", chunk))
        return found

    def begin_import(self, file: str) -> int:
        """Record an import of ``file`` (its counts are set by ``end_import``); its id."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._db:
            cursor = self._run("INSERT INTO imports (file, imported_at, imported, duplicates, "
                               "refused) VALUES (?, ?, 0, 0, 0)", (file, now))
        return cursor.lastrowid

    def end_import(self, import_id: int, imported: int, duplicates: int, refused: int) -> None:
        with self._db:
            self._run("UPDATE imports SET imported = ?, duplicates = ?, refused = ? WHERE id = ?",
                      (imported, duplicates, refused, import_id))

    def add(self, batch: list[tuple[FactCheck, Features]], import_id: int | None = None) -> int:
        """Store the pairs of ``batch`` in one transaction; how many were new (a duplicate of a
        stored record, or of an earlier one in the batch, is skipped)."""
        added = 0
        self._count, self._counts = None, {}
        with self._db:
            for fc, feats in batch:
                cursor = self._run(
                    f"INSERT OR IGNORE INTO factchecks (key, {', '.join(_FIELDS)}, features, "
                    f"import_id) VALUES ({', '.join('?' * (len(_FIELDS) + 3))})",
                    (duplicate_key(fc.url, fc.claim_reviewed),
                     *(getattr(fc, f) for f in _FIELDS), feats.to_json(), import_id))
                if cursor.rowcount:
                    added += 1
                    self._run("INSERT INTO factchecks_words (rowid, words) VALUES (?, ?)",
                              (cursor.lastrowid, " ".join(feats.index_words)))
        return added

    # --- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return self._run("SELECT count(*) FROM factchecks").fetchone()[0]

    def count_cached(self) -> int:
        """``count()``, read once until the next ``add``: the matcher asks for every claim."""
        if self._count is None:
            self._count = self.count()
        return self._count

    def document_counts(self, words: Iterable[str]) -> dict[str, int]:
        """How many fact-checks have each word in the index (words in none are left out)."""
        todo = [w for w in set(words) if w not in self._counts]
        if todo:
            if not self._vocabulary:
                # A view of the index's own word counts, for this connection only (no schema).
                self._run("CREATE VIRTUAL TABLE IF NOT EXISTS temp.factchecks_vocabulary "
                          "USING fts5vocab(main, factchecks_words, row)")
                self._vocabulary = True
            for i in range(0, len(todo), 500):
                chunk = todo[i:i + 500]
                rows = self._run("SELECT term, doc FROM temp.factchecks_vocabulary WHERE term "
                                 f"IN ({','.join('?' * len(chunk))})", chunk)
                found = dict(rows.fetchall())
                self._counts.update((w, found.get(w, 0)) for w in chunk)
        return {w: self._counts[w] for w in words}

    def search(self, words: list[str], limit: int = 50) -> list[Stored]:
        """The fact-checks whose index shares any of ``words``, best BM25 first."""
        words = [w for w in dict.fromkeys(words) if w.isalnum()]
        if not words:
            return []
        query = " OR ".join(f'"{w}"' for w in words)
        rows = self._run(
            f"SELECT {', '.join('f.' + x for x in _FIELDS)}, f.features, w.rank "
            "FROM factchecks_words w JOIN factchecks f ON f.id = w.rowid "
            "WHERE factchecks_words MATCH ? ORDER BY w.rank LIMIT ?", (query, int(limit)))
        return [_stored(row) for row in rows]

    def all(self) -> list[Stored]:
        rows = self._run(f"SELECT {', '.join(_FIELDS)}, features, 0.0 FROM factchecks "
                         "ORDER BY id")
        return [_stored(row) for row in rows]

    def imports(self) -> list[dict]:
        cursor = self._run("SELECT file, imported_at, imported, duplicates, refused FROM imports "
                           "ORDER BY id")
        return [dict(zip(("file", "imported_at", "imported", "duplicates", "refused"), row))
                for row in cursor]

    def _run(self, sql: str, params: Iterable = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, tuple(params))
        except sqlite3.Error as err:
            raise _archive_error(self.path, err) from None


def _stored(row: tuple) -> Stored:
    fields = dict(zip(_FIELDS, row[:len(_FIELDS)]))
    return Stored(FactCheck(**fields), Features.from_json(row[len(_FIELDS)]), row[-1])


def _make_folder(path: Path) -> None:
    make_folder_for(path, error=FactCheckError, what="make the archive's folder",
                    advice="give another --archive")


def _connect(path: Path, read_only: bool, timeout: float) -> sqlite3.Connection:
    if read_only:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    else:
        db = sqlite3.connect(path, timeout=timeout)
    db.execute("PRAGMA foreign_keys = ON")

    # Reading the schema version is the first access: a file that is not a database fails here.
    db.execute("PRAGMA user_version").fetchone()
    return db


def _check_is_empty_or_ours(db: sqlite3.Connection, version: int, path: Path) -> None:
    """A version-0 file with tables in it is some other program's database: never add to it."""
    if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        db.close()
        raise FactCheckError(f"{path} is an SQLite database but not a fact-check archive; "
                             "give another --archive", source=str(path))


def _archive_error(path: Path, err: sqlite3.Error) -> FactCheckError:
    text = str(err)
    if "locked" in text or "busy" in text:
        message = (f"{path}: the archive is locked by another process (an import still "
                   "running?); wait for it to finish, or close the other program, and retry")
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        message = (f"{path} is damaged or not a fact-check archive ({text}); move it away "
                   "(a new one is made on the next import) or restore it from a backup")
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        message = (f"{path}: cannot write the archive ({text}); check the file's permissions, "
                   "or give another --archive")
    elif "disk" in text or "full" in text:
        message = f"{path}: the disk is full or failing ({text}); free some space and retry"
    else:
        message = f"{path}: the archive could not be read or written ({text})"
    return FactCheckError(message, source=str(path))
