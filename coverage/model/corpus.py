"""What ingest reads: articles, the corpus of a folder, and the files it skipped (with a typed reason)."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TypeVar

__all__ = ["Article", "Corpus", "SkipReason", "Skipped"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def _by_id(items: Iterable[_T], wanted: str) -> _T:
    """The item whose ``id`` is ``wanted``; ``KeyError`` when there is none."""
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


class SkipReason(enum.StrEnum):
    """Why an input file (or one record inside it) did not become an article."""

    UNSUPPORTED = "unsupported file type"
    EMPTY = "empty file"
    BINARY = "binary content"
    INVALID_JSON = "invalid JSON"
    BAD_RECORD = "record without usable text"
    NO_TEXT = "no text left after cleaning"
    DUPLICATE = "byte-identical duplicate"
    TOO_LARGE = "file too large"
    UNREADABLE = "unreadable file"
    NOT_A_FILE = "not a regular file"
    HIDDEN = "hidden file or folder"
    OUTSIDE = "link out of the folder"
    OUTPUT = "output of this run"
    GATE_PAGE = "not an article"


@dataclass(frozen=True)
class Skipped:
    """An input file, or a record inside one, that is not in the analysis, with a typed reason."""

    path: str
    reason: SkipReason
    detail: str = ""

    @property
    def message(self) -> str:
        """Human-readable reason, e.g. ``invalid JSON: line 3, column 5: Expecting ','``."""
        return f"{self.reason.value}: {self.detail}" if self.detail else self.reason.value


@dataclass(frozen=True)
class Article:
    """One news article after cleaning. ``paragraphs`` are what every later stage indexes into."""

    id: str
    path: str
    outlet: str
    title: str
    paragraphs: tuple[str, ...]
    published: date | None = None
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def n_words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Corpus:
    """What :func:`coverage.load_corpus` read: every file seen is an article source or skipped."""

    root: Path
    files_seen: int
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.articles}, key=str.casefold))

    def article(self, article_id: str) -> Article:
        return _by_id(self.articles, article_id)
