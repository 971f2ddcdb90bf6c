"""coverage: a comparative coverage analyser for news.

Point it at a folder of articles from many outlets: it groups the articles that report the same event,
aligns them paragraph by paragraph and shows what each outlet includes, omits or states differently.

>>> import coverage
>>> result = coverage.compare("datasets/kazakhstan-2022")      # doctest: +SKIP
>>> coverage.write_markdown(result, "reports")                  # doctest: +SKIP

Every stage is usable on its own: :func:`load_corpus`, :class:`EventClusterer`, :class:`Aligner`.
Names are imported on first use, so ``import coverage`` (and ``coverage --help``) stays fast.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Aligner",
    "Alignment",
    "Article",
    "Comparison",
    "ConfigError",
    "Copy",
    "Corpus",
    "CoverageError",
    "Embedder",
    "EmbeddingCache",
    "Event",
    "EventClusterer",
    "EventEvidence",
    "HashingEmbedder",
    "InputError",
    "Link",
    "ModelError",
    "ParagraphRef",
    "SentenceTransformerEmbedder",
    "Settings",
    "SkipReason",
    "Skipped",
    "Unit",
    "__version__",
    "compare",
    "load_corpus",
    "to_json",
    "write_json",
    "write_markdown",
]

_WHERE = {
    "Aligner": "coverage.alignment",
    "Alignment": "coverage.alignment",
    "Article": "coverage._models",
    "Comparison": "coverage._models",
    "ConfigError": "coverage._errors",
    "Copy": "coverage._models",
    "Corpus": "coverage._models",
    "CoverageError": "coverage._errors",
    "Embedder": "coverage.embedding",
    "EmbeddingCache": "coverage.embedding",
    "Event": "coverage._models",
    "EventClusterer": "coverage.events",
    "EventEvidence": "coverage._models",
    "HashingEmbedder": "coverage.embedding",
    "InputError": "coverage._errors",
    "Link": "coverage._models",
    "ModelError": "coverage._errors",
    "ParagraphRef": "coverage._models",
    "SentenceTransformerEmbedder": "coverage.embedding",
    "Settings": "coverage.settings",
    "SkipReason": "coverage._models",
    "Skipped": "coverage._models",
    "Unit": "coverage._models",
    "compare": "coverage.pipeline",
    "load_corpus": "coverage.ingest",
    "to_json": "coverage.jsonio",
    "write_json": "coverage.jsonio",
    "write_markdown": "coverage.markdown",
}

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'coverage' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from coverage._errors import ConfigError, CoverageError, InputError, ModelError
    from coverage._models import (
        Article,
        Comparison,
        Copy,
        Corpus,
        Event,
        EventEvidence,
        Link,
        ParagraphRef,
        Skipped,
        SkipReason,
        Unit,
    )
    from coverage.alignment import Aligner, Alignment
    from coverage.embedding import Embedder, EmbeddingCache, HashingEmbedder, SentenceTransformerEmbedder
    from coverage.events import EventClusterer
    from coverage.ingest import load_corpus
    from coverage.jsonio import to_json, write_json
    from coverage.markdown import write_markdown
    from coverage.pipeline import compare
    from coverage.settings import Settings
