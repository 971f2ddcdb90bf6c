"""Ingest: walk a folder, read every file, and account for each one as articles or as skipped.

Each format has its reader in :mod:`coverage.ingest.readers`, registered by suffix (:mod:`coverage.ingest.registry`).
Formats: ``.txt`` (title on the first non-empty line), ``.md`` (optional YAML front matter), ``.html``/``.htm``
(trafilatura, never any network access), ``.json`` (an article object or a list of them) and ``.jsonl`` (one
article a line). Text that is not UTF-8 is decoded by detection (latin-1, cp1252, ...).

What is not read is reported as skipped with its reason: hidden files and folders (unless
``IngestSettings.include_hidden``), links that lead out of the folder (unless ``follow_symlinks``), the run's own
outputs (``exclude``), paths the system cannot open (too long), cookie-consent and paywall pages. Names are cleaned of
control characters (written out visibly), and outlet names that differ only in case, punctuation, width or a web
address's form are merged under their most common spelling.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from urllib.parse import urlparse

from coverage._errors import InputError
from coverage.ingest.records import Record, Skip
from coverage.ingest.registry import SUPPORTED_SUFFIXES, reader_for
from coverage.ingest.tables import TABLE_SUFFIXES, is_table, read_unit, table_units
from coverage.model import Article, Corpus, Skipped, SkipReason
from coverage.settings import IngestSettings
from coverage.text.cleaning import (
    clean_text,
    find_template_lines,
    gate_notice,
    outlet_key,
    split_paragraphs,
    text_width,
    visible_controls,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "finish_outlet",
    "list_entries",
    "load_corpus",
    "load_file",
    "name_outlets",
    "outlet_of",
    "outlet_spellings",
    "read_file",
]

logger = logging.getLogger(__name__)


ProgressCallback = Callable[[int, int], None]


def load_corpus(
    root: Path | str,
    settings: IngestSettings | None = None,
    *,
    progress: ProgressCallback | None = None,
) -> Corpus:
    """Read every file under ``root`` (recursively) into a :class:`Corpus`.

    Each file becomes one or more articles or a :class:`Skipped` entry with its reason; nothing is dropped
    silently. Raises :class:`InputError` when ``root`` is not a readable folder.
    """
    settings = settings or IngestSettings()
    root = Path(root)
    entries, table = list_entries(root, settings)
    if table:
        return _load_table(root, entries, settings)
    records: list[Record] = []
    skipped: list[Skipped] = []
    first_by_hash: dict[str, str] = {}
    for done, (rel, path, problem) in enumerate(entries, start=1):
        if progress is not None:
            progress(done, len(entries))
        if problem is not None:
            skipped.append(Skipped(rel, *problem))
            continue
        digest, found, bad = read_file(rel, path, settings)
        if digest in first_by_hash:
            skipped.append(Skipped(rel, SkipReason.DUPLICATE, f"same bytes as {first_by_hash[digest]}"))
            continue
        if digest is not None:
            first_by_hash[digest] = rel
        records.extend(found)
        skipped.extend(bad)
    articles, empty = _finish(root, records, settings)
    skipped.extend(empty)
    skipped.sort(key=lambda s: s.path)
    logger.info("read %d files: %d articles, %d skipped", len(entries), len(articles), len(skipped))
    return Corpus(root=root, files_seen=len(entries), articles=tuple(articles), skipped=tuple(skipped))


Entry = tuple[str, Path, "Problem | None"]
"""A path under the corpus root: its relative name, its path, and why it is not read (``None``: it is read)."""


def list_entries(root: Path, settings: IngestSettings) -> tuple[list[Entry], bool]:
    """The entries of ``root`` in name order, and whether ``root`` is a table (a table file, or a folder of Parquet
    files); :class:`InputError` when it is neither a folder nor a table."""
    if not root.exists():
        raise InputError(f"{root}: no such folder or table", path=root)
    if root.is_file():
        if not is_table(root):
            raise InputError(f"{root}: not a folder, nor a table ({', '.join(TABLE_SUFFIXES)})", path=root)
        return [(root.name, root, None)], True
    if not root.is_dir():
        raise InputError(f"{root}: not a folder", path=root)
    entries = sorted(_walk(root, settings), key=lambda item: item[0])
    return entries, is_table(root, entries)


def read_file(rel: str, path: Path, settings: IngestSettings) -> tuple[str | None, list[Record], list[Skipped]]:
    """One file's SHA-256 (``None`` when it was not read), records and skipped records (the file itself skipped
    when it is not an article source). Duplicates are the caller's to find, from the digests."""
    try:
        data = _read_bytes(path, settings)
    except Skip as skip:
        return None, [], [Skipped(rel, skip.reason, skip.detail)]
    digest = hashlib.sha256(data).hexdigest()
    try:
        found, bad = _parse(rel, path.suffix.lower(), data)
    except Skip as skip:
        return digest, [], [Skipped(rel, skip.reason, skip.detail)]
    return digest, found, bad


def _load_table(root: Path, entries: list[Entry], settings: IngestSettings) -> Corpus:
    """A table file, or a folder of Parquet files (:mod:`coverage.ingest.tables`), as a corpus."""
    skipped = [Skipped(rel, *problem) for rel, _, problem in entries if problem is not None]
    units, bad = table_units(root, [(rel, path) for rel, path, problem in entries if problem is None])
    skipped.extend(bad)
    records: list[Record] = []
    for unit in units:
        found, rows = read_unit(unit, settings)
        records.extend(found)
        skipped.extend(rows)
    articles, empty = _finish(root, records, settings)
    skipped.extend(empty)
    skipped.sort(key=lambda s: s.path)
    logger.info("read %d table files: %d articles, %d skipped", len(entries), len(articles), len(skipped))
    return Corpus(root=root, files_seen=len(entries), articles=tuple(articles), skipped=tuple(skipped))


Problem = tuple[SkipReason, str]


def _walk(root: Path, settings: IngestSettings) -> Iterator[tuple[str, Path, Problem | None]]:
    """Every entry under root as (relative path, path, problem or None). Folder links are not followed; file links
    only inside the folder (or anywhere with ``follow_symlinks``); hidden entries and ``exclude`` are reported."""

    def on_error(error: OSError) -> None:
        failed.append(error)

    failed: list[OSError] = []
    inside = root.resolve()
    excluded = {_resolved(p) for p in settings.exclude}
    for folder, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        kept = []
        for name in sorted(dirnames):
            full = base / name
            problem = _folder_problem(full, name, excluded, settings)
            if problem is None:
                kept.append(name)
            else:
                yield _rel(root, full), full, problem
        dirnames[:] = kept
        for name in sorted(filenames):
            full = base / name
            yield _rel(root, full), full, _file_problem(full, name, inside, excluded, settings)
    for error in failed:
        where = Path(error.filename) if error.filename else root
        if where != root:
            yield _rel(root, where), where, (SkipReason.UNREADABLE, f"cannot list folder: {error.strerror}")
        else:
            raise InputError(f"{root}: cannot read folder: {error.strerror}", path=root)


_HIDDEN = "hidden {}, not read (--include-hidden to read it)"


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _folder_problem(full: Path, name: str, excluded: Collection[Path], settings: IngestSettings) -> Problem | None:
    try:
        if full.is_symlink():
            return SkipReason.NOT_A_FILE, "link to a folder, not followed"
        if name.startswith(".") and not settings.include_hidden:
            return SkipReason.HIDDEN, _HIDDEN.format("folder")
        if excluded and _resolved(full) in excluded:
            return SkipReason.OUTPUT, "an output folder of this run, not read"
    except OSError as exc:
        return SkipReason.UNREADABLE, exc.strerror or str(exc)
    return None


def _file_problem(
    full: Path, name: str, inside: Path, excluded: Collection[Path], settings: IngestSettings
) -> Problem | None:
    try:
        if name.startswith(".") and not settings.include_hidden:
            return SkipReason.HIDDEN, _HIDDEN.format("file")
        if full.is_symlink():
            if not full.exists():
                return SkipReason.UNREADABLE, "broken or looping symbolic link"
            target = full.resolve()
            if not settings.follow_symlinks and not target.is_relative_to(inside):
                return SkipReason.OUTSIDE, "link to a file outside the folder, not followed (--follow-symlinks)"
        if not full.is_file():
            return SkipReason.NOT_A_FILE, "not a regular file"
        if excluded and _resolved(full) in excluded:
            return SkipReason.OUTPUT, "an output file of this run, not read"
    except (OSError, RuntimeError) as exc:  # a name too long for the system, a link loop
        return SkipReason.UNREADABLE, getattr(exc, "strerror", None) or str(exc)
    return None


def _rel(root: Path, path: Path) -> str:
    rel = os.path.relpath(path, root)
    return visible_controls(rel.replace(os.sep, "/").encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def _read_bytes(path: Path, settings: IngestSettings) -> bytes:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise Skip(
            SkipReason.UNSUPPORTED, f"'{path.suffix or path.name}' is not one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise Skip(SkipReason.TOO_LARGE, f"{size / 1e6:.1f} MB, limit {settings.max_file_bytes / 1e6:.0f} MB")
        with path.open("rb") as handle:
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise Skip(SkipReason.UNREADABLE, exc.strerror or str(exc)) from exc
    if not data.strip():
        raise Skip(SkipReason.EMPTY, "no bytes" if not data else "only white space")
    return data


_CHAOS_TIE = 0.01
"""Encodings whose detection scores differ by less than this are treated as a tie."""


def decode_bytes(data: bytes) -> str:
    """Decode text that may not be UTF-8 (latin-1, cp1252, ...); raise ``ValueError`` for binary data."""
    head = data[:8192]
    if b"\x00" in head:
        raise ValueError("NUL bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if matches:
        best = matches[0]
        # Detection often ties between single-byte code pages on mostly-ASCII text; cp1252 is what Western web
        # text almost always is, so it wins among the near-equal candidates (it also covers latin-1's letters).
        near = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE and m.coherence >= best.coherence - _CHAOS_TIE]
        if any(m.encoding in ("cp1252", "latin_1", "iso8859_15") for m in near):
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode("cp1252")
        if best.encoding not in ("utf_16", "utf_32"):
            return str(best)
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    if controls > len(head) * 0.05:
        raise ValueError("control bytes")
    return data.decode("cp1252", errors="replace")


def _decode(data: bytes) -> str:
    try:
        return decode_bytes(data)
    except ValueError as exc:
        raise Skip(SkipReason.BINARY, f"not text ({exc})") from exc


def _parse(rel: str, suffix: str, data: bytes) -> tuple[list[Record], list[Skipped]]:
    text = _decode(data)
    reader = reader_for(suffix)
    assert reader is not None, suffix  # _read_bytes refused the file otherwise
    return reader(rel, text)


def outlet_of(record: Record) -> str:
    """The outlet a record names, else its first folder, else its address's host, else ``unknown``."""
    if record.outlet:
        return record.outlet
    parts = record.path.split("/")
    if len(parts) > 1:
        return parts[0]
    if record.url:
        try:
            host = urlparse(record.url if "//" in record.url else f"//{record.url}").hostname or ""
        except ValueError:  # not an address ("http://[x")
            host = ""
        host = host.removeprefix("www.")
        if host:
            return host
    return "unknown"


def _finish(root: Path, records: list[Record], settings: IngestSettings) -> tuple[list[Article], list[Skipped]]:
    """Clean every record (with the template lines of its outlet) and cut it into paragraphs."""
    name_outlets(records)
    by_outlet: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        assert record.outlet is not None
        by_outlet[record.outlet].append(index)
    done: dict[int, Article | Skipped] = {}
    for indexes in by_outlet.values():
        done.update(zip(indexes, finish_outlet([records[i] for i in indexes], settings), strict=True))
    ordered = [done[i] for i in range(len(records))]
    return [a for a in ordered if isinstance(a, Article)], [s for s in ordered if isinstance(s, Skipped)]


def name_outlets(records: list[Record]) -> None:
    """Give each record its outlet (its own field, else its first folder, else its address's host), spellings that
    differ only in case, punctuation or width merged (:func:`outlet_spellings`)."""
    for record in records:
        record.outlet = outlet_of(record)
    spelling = outlet_spellings([r.outlet for r in records if r.outlet is not None])
    for record in records:
        assert record.outlet is not None
        record.outlet = spelling[record.outlet]


def finish_outlet(records: list[Record], settings: IngestSettings) -> list[Article | Skipped]:
    """The records of one outlet, each cleaned (the outlet's template lines dropped) into an article or a skip."""
    templates = find_template_lines([r.text for r in records], settings)
    return [_finish_record(record, templates, settings) for record in records]


def _finish_record(record: Record, templates: Collection[str], settings: IngestSettings) -> Article | Skipped:
    assert record.outlet is not None
    cleaned = clean_text(record.text, title=record.title, drop_lines=templates)
    if len(cleaned) > settings.max_article_chars:
        limit = f"limit {settings.max_article_chars:,} (ingest.max_article_chars)"
        return Skipped(record.id, SkipReason.TOO_LARGE, f"{len(cleaned):,} characters of text, {limit}")
    paragraphs = split_paragraphs(cleaned, settings)
    gate = gate_notice(paragraphs, settings)
    if gate is not None:
        return Skipped(record.id, SkipReason.GATE_PAGE, f"a {gate} page")
    if sum(text_width(p) for p in paragraphs) < settings.min_article_chars:
        return Skipped(record.id, SkipReason.NO_TEXT, f"{sum(len(p) for p in paragraphs)} characters of text left")
    return Article(
        id=record.id,
        path=record.path,
        outlet=record.outlet,
        title=record.title or _fallback_title(paragraphs[0]),
        paragraphs=tuple(paragraphs),
        published=record.published,
        url=record.url,
        metadata=record.metadata,
    )


def outlet_spellings(outlets: list[str]) -> dict[str, str]:
    """Each outlet name to the most common spelling of its :func:`~coverage.text.cleaning.outlet_key` (ties: the
    first in sorted order), so that ``bbc news``, ``BBC News.`` and ``ＢＢＣ Ｎｅｗｓ`` are one outlet."""
    counts = Counter(outlets)
    best: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        best.setdefault(outlet_key(name), name)
    return {name: best[outlet_key(name)] for name in counts}


def _fallback_title(paragraph: str, words: int = 12, chars: int = 80) -> str:
    parts = paragraph.split()
    title = " ".join(parts[:words])
    if len(title) > chars:  # scripts without spaces between words
        return title[: chars - 1] + "…"
    return title + (" …" if len(parts) > words else "")


def load_file(path: Path | str, settings: IngestSettings | None = None) -> Article:
    """Read one article file (the first article of a .json list or .jsonl); :class:`InputError` if unusable."""
    settings = settings or IngestSettings()
    path = Path(path)
    try:
        data = _read_bytes(path, settings)
        records, bad = _parse(path.name, path.suffix.lower(), data)
    except Skip as skip:
        raise InputError(f"{path}: {Skipped(path.name, skip.reason, skip.detail).message}", path=path) from None
    articles, empty = _finish(path.parent, records, settings)
    if not articles:
        why = (empty or bad or [Skipped(path.name, SkipReason.NO_TEXT)])[0].message
        raise InputError(f"{path}: {why}", path=path)
    return articles[0]
