"""Ingest: walk a folder, read every file, and account for each one as articles or as skipped.

Formats: ``.txt`` (title on the first non-empty line), ``.md`` (optional YAML front matter), ``.html``/``.htm``
(trafilatura, never any network access), ``.json`` (an article object or a list of them) and ``.jsonl`` (one
article a line). Text that is not UTF-8 is decoded by detection (latin-1, cp1252, ...).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from coverage._errors import InputError
from coverage.model import Article, Corpus, Skipped, SkipReason
from coverage.settings import IngestSettings
from coverage.text.cleaning import clean_text, find_template_lines, normalize, split_paragraphs

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "load_corpus", "load_file", "parse_date"]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl")

_OUTLET_KEYS = ("outlet", "source", "publisher", "site_name", "sitename")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "date", "published_at", "datePublished")
_TEXT_KEYS = ("text", "body", "content")
_URL_KEYS = ("url", "link")


@dataclass
class _Record:
    """An article as read from a file, before cleaning."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class _Skip(Exception):
    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


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
    if not root.exists():
        raise InputError(f"{root}: no such folder", path=root)
    if not root.is_dir():
        raise InputError(f"{root}: not a folder", path=root)
    entries = sorted(_walk(root), key=lambda item: item[0])
    records: list[_Record] = []
    skipped: list[Skipped] = []
    first_by_hash: dict[str, str] = {}
    for done, (rel, path, problem) in enumerate(entries, start=1):
        if progress is not None:
            progress(done, len(entries))
        if problem is not None:
            skipped.append(Skipped(rel, *problem))
            continue
        try:
            data = _read_bytes(path, settings)
            digest = hashlib.sha256(data).hexdigest()
            if digest in first_by_hash:
                raise _Skip(SkipReason.DUPLICATE, f"same bytes as {first_by_hash[digest]}")
            first_by_hash[digest] = rel
            found, bad = _parse(rel, path.suffix.lower(), data)
            records.extend(found)
            skipped.extend(bad)
        except _Skip as skip:
            skipped.append(Skipped(rel, skip.reason, skip.detail))
    articles, empty = _finish(root, records, settings)
    skipped.extend(empty)
    skipped.sort(key=lambda s: s.path)
    logger.info("read %d files: %d articles, %d skipped", len(entries), len(articles), len(skipped))
    return Corpus(root=root, files_seen=len(entries), articles=tuple(articles), skipped=tuple(skipped))


def _walk(root: Path) -> Iterator[tuple[str, Path, tuple[SkipReason, str] | None]]:
    """Every entry under root as (relative path, path, problem or None). Folder links are not followed."""

    def on_error(error: OSError) -> None:
        failed.append(error)

    failed: list[OSError] = []
    for folder, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        base = Path(folder)
        for name in sorted(dirnames):
            full = base / name
            if full.is_symlink():
                yield _rel(root, full), full, (SkipReason.NOT_A_FILE, "link to a folder, not followed")
        dirnames[:] = sorted(d for d in dirnames if not (base / d).is_symlink())
        for name in sorted(filenames):
            full = base / name
            if full.is_symlink() and not full.exists():
                yield _rel(root, full), full, (SkipReason.UNREADABLE, "broken or looping symbolic link")
            elif not full.is_file():
                yield _rel(root, full), full, (SkipReason.NOT_A_FILE, "not a regular file")
            else:
                yield _rel(root, full), full, None
    for error in failed:
        where = Path(error.filename) if error.filename else root
        if where != root:
            yield _rel(root, where), where, (SkipReason.UNREADABLE, f"cannot list folder: {error.strerror}")
        else:
            raise InputError(f"{root}: cannot read folder: {error.strerror}", path=root)


def _rel(root: Path, path: Path) -> str:
    rel = os.path.relpath(path, root)
    return rel.replace(os.sep, "/").encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_bytes(path: Path, settings: IngestSettings) -> bytes:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise _Skip(
            SkipReason.UNSUPPORTED, f"'{path.suffix or path.name}' is not one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise _Skip(SkipReason.TOO_LARGE, f"{size / 1e6:.1f} MB, limit {settings.max_file_bytes / 1e6:.0f} MB")
        with path.open("rb") as handle:
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise _Skip(SkipReason.UNREADABLE, exc.strerror or str(exc)) from exc
    if not data.strip():
        raise _Skip(SkipReason.EMPTY, "no bytes" if not data else "only white space")
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
        raise _Skip(SkipReason.BINARY, f"not text ({exc})") from exc


def _parse(rel: str, suffix: str, data: bytes) -> tuple[list[_Record], list[Skipped]]:
    text = _decode(data)
    if suffix == ".txt":
        return [_from_txt(rel, text)], []
    if suffix in (".md", ".markdown"):
        return [_from_markdown(rel, text)], []
    if suffix in (".html", ".htm"):
        return [_from_html(rel, text)], []
    if suffix == ".json":
        return _from_json(rel, text)
    return _from_jsonl(rel, text)


def _from_txt(rel: str, text: str) -> _Record:
    lines = normalize(text).split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise _Skip(SkipReason.EMPTY, "only white space")
    return _Record(id=rel, path=rel, title=lines[index].strip(), text="\n".join(lines[index + 1 :]))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def _from_markdown(rel: str, text: str) -> _Record:
    text = normalize(text)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        import yaml

        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 2}, column {mark.column + 1}: " if mark else ""
            raise _Skip(SkipReason.BAD_RECORD, f"bad YAML front matter: {where}{getattr(exc, 'problem', exc)}") from exc
        if isinstance(loaded, dict):
            meta = {str(k): v for k, v in loaded.items()}
        text = text[match.end() :]
    body_lines: list[str] = []
    title = None
    for line in text.split("\n"):
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading and title is None and not any(body_lines_line.strip() for body_lines_line in body_lines):
            title = heading.group(1)
            continue
        if heading:
            line = heading.group(1)
        body_lines.append(_strip_markdown(line))
    record = _record_from_mapping(rel, {**meta, "text": "\n".join(body_lines)}, rel)
    if record.title is None:
        record.title = title
    return record


def _strip_markdown(line: str) -> str:
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<!\w)([*_])(\S.*?\S|\S)\1(?!\w)", r"\2", line)
    line = re.sub(r"^\s*>\s?", "", line)
    return line


def _from_html(rel: str, text: str) -> _Record:
    import trafilatura

    # bare_extraction works on the string given: trafilatura fetches nothing unless asked to download.
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    )
    found: dict[str, Any] = {}
    if document is not None:
        found = document if isinstance(document, dict) else document.as_dict()
    text_found = str(found.get("text") or "")
    if not text_found.strip():
        raise _Skip(SkipReason.NO_TEXT, "no article text found in the HTML")
    body = "\n\n".join(line for line in text_found.split("\n") if line.strip())
    meta = {
        "title": found.get("title"),
        "site_name": found.get("sitename"),
        "date": found.get("date"),
        "url": found.get("url"),
        "author": found.get("author"),
    }
    return _record_from_mapping(rel, {**{k: v for k, v in meta.items() if v}, "text": body}, rel)


def _from_json(rel: str, text: str) -> tuple[list[_Record], list[Skipped]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Skip(SkipReason.INVALID_JSON, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise _Skip(SkipReason.INVALID_JSON, "nested too deeply") from exc
    if isinstance(data, dict) and not any(k in data for k in _TEXT_KEYS) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [_record_or_skip(rel, data, rel)], []
    if isinstance(data, list):
        records, skipped = [], []
        for index, item in enumerate(data):
            try:
                records.append(_record_or_skip(f"{rel}#{index}", item, rel))
            except _Skip as skip:
                skipped.append(Skipped(f"{rel}#{index}", skip.reason, skip.detail))
        if not records and not skipped:
            raise _Skip(SkipReason.EMPTY, "empty JSON list")
        return records, skipped
    raise _Skip(SkipReason.BAD_RECORD, f"JSON {type(data).__name__} is not an article object or list")


def _from_jsonl(rel: str, text: str) -> tuple[list[_Record], list[Skipped]]:
    records, skipped = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{rel}#line{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, SkipReason.INVALID_JSON, f"line {number}, column {exc.colno}: {exc.msg}"))
            continue
        except RecursionError:
            skipped.append(Skipped(where, SkipReason.INVALID_JSON, f"line {number}: nested too deeply"))
            continue
        try:
            records.append(_record_or_skip(where, item, rel))
        except _Skip as skip:
            skipped.append(Skipped(where, skip.reason, skip.detail))
    if not records and not skipped:
        raise _Skip(SkipReason.EMPTY, "no lines")
    return records, skipped


def _record_or_skip(record_id: str, item: object, rel: str) -> _Record:
    if not isinstance(item, dict):
        raise _Skip(SkipReason.BAD_RECORD, f"a JSON {type(item).__name__}, not an article object")
    record = _record_from_mapping(record_id, item, rel)
    if not record.text.strip():
        raise _Skip(SkipReason.BAD_RECORD, f"no {' / '.join(_TEXT_KEYS)} field with text")
    return record


def _first(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if isinstance(value, dict):  # {"source": {"name": "..."}} as news APIs write it
            value = value.get("name") or value.get("title")
        if value not in (None, "", []):
            return value
    return None


def _record_from_mapping(record_id: str, item: Mapping[str, Any], rel: str) -> _Record:
    text = _first(item, _TEXT_KEYS)
    if isinstance(text, list):
        text = "\n\n".join(str(p) for p in text)
    title = _first(item, _TITLE_KEYS)
    outlet = _first(item, _OUTLET_KEYS)
    url = _first(item, _URL_KEYS)
    published = _first(item, _DATE_KEYS)
    return _Record(
        id=record_id,
        path=rel,
        text=str(text) if text is not None else "",
        title=normalize(str(title)).strip() if title is not None else None,
        outlet=normalize(str(outlet)).strip() if outlet is not None else None,
        url=str(url) if url is not None else None,
        published=parse_date(published),
        metadata={str(k): v for k, v in item.items() if str(k).lower() not in _TEXT_KEYS},
    )


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y%m%d")


def parse_date(value: object) -> date | None:
    """A publication date from ISO strings, common written forms or epoch seconds; ``None`` if unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        try:
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    head = re.split(r"[T ]\d{1,2}:\d{2}", text)[0].strip().rstrip(",")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None


def _outlet_for(root: Path, record: _Record) -> str:
    if record.outlet:
        return record.outlet
    parts = record.path.split("/")
    if len(parts) > 1:
        return parts[0]
    if record.url:
        host = urlparse(record.url if "//" in record.url else f"//{record.url}").hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    return "unknown"


def _finish(root: Path, records: list[_Record], settings: IngestSettings) -> tuple[list[Article], list[Skipped]]:
    """Clean every record (with the template lines of its outlet) and cut it into paragraphs."""
    by_outlet: dict[str, list[_Record]] = defaultdict(list)
    for record in records:
        record.outlet = _outlet_for(root, record)
        by_outlet[record.outlet].append(record)
    templates = {outlet: find_template_lines([r.text for r in group], settings) for outlet, group in by_outlet.items()}
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for record in records:
        assert record.outlet is not None
        cleaned = clean_text(record.text, title=record.title, drop_lines=templates[record.outlet])
        paragraphs = split_paragraphs(cleaned, settings)
        if sum(len(p) for p in paragraphs) < settings.min_article_chars:
            skipped.append(
                Skipped(record.id, SkipReason.NO_TEXT, f"{sum(len(p) for p in paragraphs)} characters of text left")
            )
            continue
        title = record.title or _fallback_title(paragraphs[0])
        articles.append(
            Article(
                id=record.id,
                path=record.path,
                outlet=record.outlet,
                title=title,
                paragraphs=tuple(paragraphs),
                published=record.published,
                url=record.url,
                metadata=record.metadata,
            )
        )
    return articles, skipped


def _fallback_title(paragraph: str, words: int = 12) -> str:
    parts = paragraph.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def load_file(path: Path | str, settings: IngestSettings | None = None) -> Article:
    """Read one article file (the first article of a .json list or .jsonl); :class:`InputError` if unusable."""
    settings = settings or IngestSettings()
    path = Path(path)
    try:
        data = _read_bytes(path, settings)
        records, bad = _parse(path.name, path.suffix.lower(), data)
    except _Skip as skip:
        raise InputError(f"{path}: {Skipped(path.name, skip.reason, skip.detail).message}", path=path) from None
    articles, empty = _finish(path.parent, records, settings)
    if not articles:
        why = (empty or bad or [Skipped(path.name, SkipReason.NO_TEXT)])[0].message
        raise InputError(f"{path}: {why}", path=path)
    return articles[0]
