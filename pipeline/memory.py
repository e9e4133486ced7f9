"""The translation memory: every reviewed translation in locales/, searchable.

An SQLite index (stdlib ``sqlite3``) in the project's git-ignored cache
``.newsroom/memory.sqlite``; the PO files (and ``locales/memory.tmx``, the
units imported from other tools) stay the truth, and the index can be
deleted and rebuilt at any time. It is updated incrementally: only catalogs
whose bytes changed are read again. Fuzzy lookup finds candidates through an
FTS5 index with the trigram tokenizer (which works for Chinese, where words
have no spaces) and scores them with rapidfuzz, so it never scans the whole
memory. Several syncs may use it at once: writes are transactions in WAL mode.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Match", "TranslationMemory", "Unit", "catalog_units"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS units_exact ON units (source_lang, target_lang, source);
CREATE INDEX IF NOT EXISTS units_path ON units (path);
CREATE VIRTUAL TABLE IF NOT EXISTS units_text USING fts5(
    source, content='units', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER IF NOT EXISTS units_added AFTER INSERT ON units BEGIN
    INSERT INTO units_text (rowid, source) VALUES (new.id, new.source);
END;
CREATE TRIGGER IF NOT EXISTS units_removed AFTER DELETE ON units BEGIN
    INSERT INTO units_text (units_text, rowid, source) VALUES ('delete', old.id, old.source);
END;
"""


@dataclass(frozen=True)
class Unit:
    """One reviewed translation: a source sentence and its target."""

    source_lang: str
    target_lang: str
    source: str
    target: str


@dataclass(frozen=True)
class Match:
    source: str
    target: str
    path: str
    score: float  # 100 for an exact match


def catalog_units(po: object, *, source_lang: str, target_lang: str) -> Iterator[Unit]:
    """The reviewed (translated, not fuzzy) entries of a catalog, obsolete ones too."""
    for entry in po:  # type: ignore[attr-defined]
        if entry.msgid and entry.msgstr and "fuzzy" not in entry.flags:
            yield Unit(source_lang, target_lang, entry.msgid, entry.msgstr)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class TranslationMemory:
    """The SQLite index of reviewed translations."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:  # not a database, or a damaged one: it is only an index, built again
            for damaged in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                damaged.unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            if db.execute("PRAGMA quick_check(1)").fetchone() != ("ok",):
                raise sqlite3.DatabaseError("the index fails SQLite's quick check")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def known_digests(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, digest FROM sources"))

    def replace_source(self, path: str, data: bytes, units: Iterable[Unit]) -> None:
        """Put the units of one file (a PO or TMX file) in place of what it held before."""
        with self._transaction():
            self.db.execute("DELETE FROM units WHERE path = ?", (path,))
            self.db.executemany(
                "INSERT INTO units (path, source_lang, target_lang, source, target) VALUES (?, ?, ?, ?, ?)",
                [(path, u.source_lang, u.target_lang, u.source, u.target) for u in units],
            )
            self.db.execute("INSERT OR REPLACE INTO sources (path, digest) VALUES (?, ?)", (path, _digest(data)))

    def forget_missing(self, present: Iterable[str]) -> None:
        """Drop the units of files that no longer exist."""
        gone = set(self.known_digests()) - set(present)
        with self._transaction():
            for path in gone:
                self.db.execute("DELETE FROM units WHERE path = ?", (path,))
                self.db.execute("DELETE FROM sources WHERE path = ?", (path,))

    def needs_update(self, path: str, data: bytes) -> bool:
        row = self.db.execute("SELECT digest FROM sources WHERE path = ?", (path,)).fetchone()
        return row is None or row[0] != _digest(data)

    def exact(self, source: str, *, source_lang: str, target_lang: str, exclude: str | None = None) -> Match | None:
        row = self.db.execute(
            "SELECT target, path FROM units WHERE source_lang = ? AND target_lang = ? AND source = ? AND path != ?"
            " ORDER BY path LIMIT 1",
            (source_lang, target_lang, source, exclude or ""),
        ).fetchone()
        return Match(source, row[0], row[1], 100.0) if row else None

    def fuzzy(
        self, source: str, *, source_lang: str, target_lang: str, threshold: float, exclude: str | None = None, candidates: int = 40
    ) -> Match | None:
        """The most similar reviewed source sentence scoring at least ``threshold`` (0-100)."""
        from rapidfuzz import fuzz

        grams = list(dict.fromkeys(source[i : i + 3] for i in range(len(source) - 2)))
        grams = [g for g in grams if g.strip() and '"' not in g][:64]
        if not grams:
            return None
        query = " OR ".join(f'"{gram}"' for gram in grams)
        rows = self.db.execute(
            "SELECT units.source, units.target, units.path FROM units_text JOIN units ON units.id = units_text.rowid"
            " WHERE units_text MATCH ? AND units.source_lang = ? AND units.target_lang = ? AND units.path != ?"
            " ORDER BY rank LIMIT ?",
            (query, source_lang, target_lang, exclude or "", candidates),
        ).fetchall()
        best: Match | None = None
        for candidate, target, path in rows:
            if candidate == source:
                continue
            score = fuzz.ratio(source, candidate)
            if score >= threshold and (best is None or score > best.score):
                best = Match(candidate, target, path, score)
        return best

    def all_units(self) -> list[tuple[Unit, str]]:
        rows = self.db.execute(
            "SELECT source_lang, target_lang, source, target, path FROM units ORDER BY source_lang, source, path"
        )
        return [(Unit(a, b, c, d), path) for a, b, c, d, path in rows]
