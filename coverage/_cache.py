"""The on-disk cache: one SQLite file per folder holding embedding vectors (keyed by model and text hash) and
*blobs*, whole analysis results (:func:`coverage.compare`) and rendered charts (:mod:`coverage.report.plots`), keyed
by a hash of their inputs and of the package's code.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coverage.settings import EmbeddingSettings

if TYPE_CHECKING:
    pass

__all__ = ["EmbeddingCache", "default_cache_dir", "open_cache"]

logger = logging.getLogger(__name__)


def default_cache_dir() -> Path:
    """``$XDG_CACHE_HOME/news-coverage`` (``~/.cache/news-coverage``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-coverage"


class EmbeddingCache:
    """Vectors on disk, keyed by model name and text hash, in one SQLite file per folder.

    SQLite gives atomic writes and safe sharing between concurrent runs; a row whose bytes do not match its
    stored shape and checksum is treated as missing and recomputed. The same file also keeps *blobs*: whole
    analysis results (:func:`coverage.compare`) and rendered charts (:mod:`coverage.report.plots`), keyed by a hash of
    their inputs and of the package's code, so running again on an unchanged folder recomputes nothing.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "embeddings.sqlite3"
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=60)
            try:
                self._create_tables(connection)
            except sqlite3.DatabaseError:
                connection.close()
                logger.warning("embedding cache %s is corrupt; starting a new one", self.path)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                connection = sqlite3.connect(self.path, timeout=60)
                self._create_tables(connection)
            self._connection = connection
        return self._connection

    @staticmethod
    def _create_tables(connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, check_ TEXT, data BLOB)"
        )
        connection.execute(
            "CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, kind TEXT, check_ TEXT, data BLOB, used REAL)"
        )
        connection.commit()

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        try:
            connection = self._connect()
            for start in range(0, len(keys), 500):
                chunk = list(keys[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, dim, check_, data FROM vectors WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, dim, check, data in rows:
                    if len(data) == 4 * dim and hashlib.blake2b(data, digest_size=8).hexdigest() == check:
                        found[key] = np.frombuffer(data, dtype=np.float32)
                    else:
                        logger.warning("embedding cache entry %s is damaged; recomputing it", key[:12])
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("embedding cache unreadable (%s); computing without it", exc)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        rows = []
        for key, vector in items.items():
            data = np.ascontiguousarray(vector, dtype=np.float32).tobytes()
            rows.append((key, len(vector), hashlib.blake2b(data, digest_size=8).hexdigest(), data))
        try:
            connection = self._connect()
            with connection:
                connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cannot write the embedding cache (%s); results are not cached", exc)

    def get_blob(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` (an analysis result, a chart), or ``None`` when absent or damaged."""
        try:
            row = self._connect().execute("SELECT check_, data FROM blobs WHERE key = ?", (key,)).fetchone()
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cache unreadable (%s); computing without it", exc)
            return None
        if row is None:
            return None
        check, data = row
        if hashlib.blake2b(data, digest_size=8).hexdigest() != check:
            logger.warning("cache entry %s is damaged; recomputing it", key[:12])
            return None
        return bytes(data)

    def put_blob(self, key: str, kind: str, data: bytes, *, keep: int) -> None:
        """Store ``data`` under ``key``; of the entries of ``kind``, only the ``keep`` most recently stored stay
        (``used`` is a counter that only goes up, so the order does not depend on the clock)."""
        check = hashlib.blake2b(data, digest_size=8).hexdigest()
        try:
            connection = self._connect()
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(used), 0) + 1 FROM blobs))",
                    (key, kind, check, data),
                )
                connection.execute(
                    "DELETE FROM blobs WHERE kind = ? AND key NOT IN "
                    "(SELECT key FROM blobs WHERE kind = ? ORDER BY used DESC, key LIMIT ?)",
                    (kind, kind, keep),
                )
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cannot write the cache (%s); results are not cached", exc)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def open_cache(settings: EmbeddingSettings) -> EmbeddingCache | None:
    """The cache the settings ask for: ``cache_dir`` (default: the user cache folder), or ``None`` when off."""
    return EmbeddingCache(settings.cache_dir or default_cache_dir()) if settings.cache else None
