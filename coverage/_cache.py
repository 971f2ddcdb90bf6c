"""The on-disk cache: one SQLite file per folder holding embedding vectors (keyed by model and text hash) and
*blobs*, whole analysis results (:func:`coverage.compare`) and rendered charts (:mod:`coverage.report.plots`), keyed
by a hash of their inputs and of the package's code.

Blobs are authenticated: each carries an HMAC-SHA256 of its key and bytes under a secret kept in ``cache.key``
(mode 0600) beside the database, so a row rewritten by anyone who cannot read that file is ignored, never loaded.
A cache folder, database or key file that is world-writable or owned by another user is refused (the run goes on
without the cache, with a warning), as is a key file that its group can read or write; a group-writable folder or
database is used with a warning.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import sqlite3
import stat
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coverage.settings import EmbeddingSettings

__all__ = ["CacheRefused", "EmbeddingCache", "default_cache_dir", "open_cache"]

logger = logging.getLogger(__name__)

_SQLITE_HEADER = b"SQLite format 3\x00"
"""The first bytes of every SQLite database: a file without them is not a database (it is corrupt)."""
_KEY_BYTES = 32


class CacheRefused(OSError):
    """The cache folder or one of its files is unsafe to use (writable by others, owned by someone else)."""


def _check_private(path: Path, *, strict: bool = False) -> None:
    """Raise :class:`CacheRefused` when ``path`` is owned by another user or writable by everyone (by its group
    too when ``strict``); a group-writable path (a umask of 002) is allowed with a warning, as blobs are
    authenticated by a key its group cannot read."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise CacheRefused(f"{path} is a symbolic link")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise CacheRefused(f"{path} is owned by another user")
    if info.st_mode & stat.S_IWOTH or (strict and info.st_mode & stat.S_IWGRP):
        raise CacheRefused(f"{path} is writable by other users")
    if info.st_mode & stat.S_IWGRP:
        logger.warning("cache %s is writable by its group; consider chmod g-w", path)


def _is_database(path: Path) -> bool:
    """False only for a file that exists, is not empty and does not start as an SQLite database does."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return not head or head == _SQLITE_HEADER


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

    connect_timeout: float = 60
    """Seconds to wait for another run's lock on the database before going on without the cache."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "embeddings.sqlite3"
        self.key_path = self.folder / "cache.key"
        self._connection: sqlite3.Connection | None = None
        self._secret: bytes | None = None
        self._refused: CacheRefused | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._refused is not None:
            raise self._refused
        if self._connection is None:
            try:
                self._check_folder()
            except CacheRefused as exc:
                logger.warning("cache refused: %s; running without it", exc)
                self._refused = exc
                raise
            connection = sqlite3.connect(self.path, timeout=self.connect_timeout)
            try:
                self._create_tables(connection)
            except sqlite3.DatabaseError:
                connection.close()
                if _is_database(self.path):
                    raise  # locked, disk full, read-only: the cache stays as it is for the next run
                logger.warning("embedding cache %s is not a database; starting a new one", self.path)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                connection = sqlite3.connect(self.path, timeout=self.connect_timeout)
                self._create_tables(connection)
            self._connection = connection
        return self._connection

    def _check_folder(self) -> None:
        """Create the folder (private to the user) if needed; refuse one that others can write to."""
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _check_private(self.folder)
        for path in (self.path, self.key_path):
            if path.exists() or path.is_symlink():
                _check_private(path)

    def _key(self) -> bytes:
        """The secret that authenticates blobs, created (0600) on first use."""
        if self._secret is None:
            try:
                descriptor = os.open(self.key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            except FileExistsError:
                _check_private(self.key_path, strict=True)
                if self.key_path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH):
                    raise CacheRefused(f"{self.key_path} is readable by other users") from None
                secret = self.key_path.read_bytes()
                if len(secret) != _KEY_BYTES:
                    raise CacheRefused(f"{self.key_path} is not a cache key") from None
            else:
                secret = secrets.token_bytes(_KEY_BYTES)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(secret)
            self._secret = secret
        return self._secret

    def _seal(self, key: str, data: bytes) -> str:
        return hmac.new(self._key(), key.encode("utf-8") + b"\0" + data, hashlib.sha256).hexdigest()

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
        except CacheRefused:
            pass
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
        except CacheRefused:
            pass
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cannot write the embedding cache (%s); results are not cached", exc)

    def get_blob(self, key: str) -> bytes | None:
        """The bytes stored under ``key`` (an analysis result, a chart), or ``None`` when absent or damaged."""
        try:
            row = self._connect().execute("SELECT check_, data FROM blobs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            check, data = row
            sealed = self._seal(key, bytes(data))
        except CacheRefused:
            return None
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cache unreadable (%s); computing without it", exc)
            return None
        if not isinstance(check, str) or not hmac.compare_digest(sealed, check):
            logger.warning("cache entry %s is damaged or was not written by this user; recomputing it", key[:12])
            return None
        return bytes(data)

    def put_blob(self, key: str, kind: str, data: bytes, *, keep: int) -> None:
        """Store ``data`` under ``key``; of the entries of ``kind``, only the ``keep`` most recently stored stay
        (``used`` is a counter that only goes up, so the order does not depend on the clock)."""
        try:
            connection = self._connect()
            check = self._seal(key, data)
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
        except CacheRefused:
            return
        except (sqlite3.DatabaseError, OSError) as exc:
            logger.warning("cannot write the cache (%s); results are not cached", exc)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def open_cache(settings: EmbeddingSettings) -> EmbeddingCache | None:
    """The cache the settings ask for: ``cache_dir`` (default: the user cache folder), or ``None`` when off."""
    return EmbeddingCache(settings.cache_dir or default_cache_dir()) if settings.cache else None
