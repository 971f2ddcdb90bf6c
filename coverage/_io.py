"""Atomic file writes, safe file names, and the code fingerprint that cache keys carry."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def write_atomic(path: Path, data: str | bytes | bytearray | Iterable[str]) -> None:
    """Write ``data`` (text, bytes, or text in pieces) to ``path`` through a temporary file in the same folder and a
    rename: never half a file. A new file gets the mode the umask gives (``0644`` under ``022``), a replaced file
    keeps its own."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces: Iterable[bytes]
    if isinstance(data, bytes | bytearray):
        pieces = (bytes(data),)
    elif isinstance(data, str):
        pieces = (data.encode("utf-8"),)
    else:
        pieces = (piece.encode("utf-8") for piece in data)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(handle, _mode_for(path))  # mkstemp makes it 0600 whatever the umask
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The permission bits of the file at ``path``, or for a new file those the umask leaves of ``0666``."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)  # reading the umask means setting it; put it back at once
        os.umask(umask)
        return 0o666 & ~umask


def slugify(text: str, *, max_length: int = 60, fallback: str = "untitled") -> str:
    """A file-name-safe slug: ASCII letters, digits and dashes, no dots or separators, never empty or reserved."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    if not slug or slug in _RESERVED:
        slug = fallback if not slug else f"{slug}-{fallback}"
    return slug


@functools.cache
def code_fingerprint() -> str:
    """A hash of this package's source files: part of every cached result's key, so that a changed analysis
    (an upgrade, a local edit) never serves results computed by the old code."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
