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
    "Attribution",
    "Bound",
    "ClaimScores",
    "ClusteringScores",
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
    "EventFraming",
    "Fact",
    "FactEvidence",
    "FigureGroup",
    "FigureKind",
    "FigureMention",
    "HashingEmbedder",
    "InputError",
    "LabelGroup",
    "Link",
    "LocatedFigure",
    "ModelError",
    "OutletCheck",
    "OutletFraming",
    "OutletProfile",
    "OutletProfiles",
    "ParagraphRef",
    "Quote",
    "QuoteGroup",
    "QuoteVariant",
    "SentenceTransformerEmbedder",
    "Settings",
    "SkipReason",
    "Skipped",
    "SpeakerKind",
    "Term",
    "Unit",
    "VariantFlag",
    "Verdict",
    "__version__",
    "compare",
    "evaluate_folder",
    "load_corpus",
    "load_outlet_profiles",
    "score_claims",
    "to_json",
    "write_exports",
    "write_json",
    "write_markdown",
]

_WHERE = {
    "Aligner": "coverage.analysis.alignment",
    "Alignment": "coverage.model",
    "Article": "coverage.model",
    "Attribution": "coverage.model",
    "Bound": "coverage.model",
    "ClusteringScores": "coverage.evaluation.scores",
    "Comparison": "coverage.model",
    "ConfigError": "coverage._errors",
    "Copy": "coverage.model",
    "Corpus": "coverage.model",
    "CoverageError": "coverage._errors",
    "Embedder": "coverage.analysis.embedding",
    "EmbeddingCache": "coverage._cache",
    "Event": "coverage.model",
    "EventClusterer": "coverage.analysis.events",
    "EventEvidence": "coverage.model",
    "EventFraming": "coverage.model",
    "Fact": "coverage.model",
    "FactEvidence": "coverage.model",
    "FigureGroup": "coverage.model",
    "FigureKind": "coverage.model",
    "FigureMention": "coverage.model",
    "HashingEmbedder": "coverage.analysis.embedding",
    "InputError": "coverage._errors",
    "LabelGroup": "coverage.model",
    "Link": "coverage.model",
    "LocatedFigure": "coverage.model",
    "ModelError": "coverage._errors",
    "OutletCheck": "coverage.model",
    "OutletFraming": "coverage.model",
    "OutletProfile": "coverage.model",
    "OutletProfiles": "coverage.model",
    "ParagraphRef": "coverage.model",
    "Quote": "coverage.model",
    "QuoteGroup": "coverage.model",
    "QuoteVariant": "coverage.model",
    "SentenceTransformerEmbedder": "coverage.analysis.embedding",
    "Settings": "coverage.settings",
    "SkipReason": "coverage.model",
    "Skipped": "coverage.model",
    "SpeakerKind": "coverage.model",
    "Term": "coverage.model",
    "Unit": "coverage.model",
    "VariantFlag": "coverage.model",
    "Verdict": "coverage.model",
    "ClaimScores": "coverage.evaluation.claims",
    "score_claims": "coverage.evaluation.claims",
    "compare": "coverage.pipeline",
    "evaluate_folder": "coverage.evaluation",
    "load_corpus": "coverage.ingest",
    "load_outlet_profiles": "coverage.analysis.outlets",
    "to_json": "coverage.report.jsonio",
    "write_exports": "coverage.report.tables",
    "write_json": "coverage.report.jsonio",
    "write_markdown": "coverage.report.markdown",
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
    from coverage._cache import EmbeddingCache
    from coverage._errors import ConfigError, CoverageError, InputError, ModelError
    from coverage.analysis.alignment import Aligner
    from coverage.analysis.embedding import Embedder, HashingEmbedder, SentenceTransformerEmbedder
    from coverage.analysis.events import EventClusterer
    from coverage.analysis.outlets import load_outlet_profiles
    from coverage.evaluation import evaluate_folder
    from coverage.evaluation.claims import ClaimScores, score_claims
    from coverage.evaluation.scores import ClusteringScores
    from coverage.ingest import load_corpus
    from coverage.model import (
        Alignment,
        Article,
        Attribution,
        Bound,
        Comparison,
        Copy,
        Corpus,
        Event,
        EventEvidence,
        EventFraming,
        Fact,
        FactEvidence,
        FigureGroup,
        FigureKind,
        FigureMention,
        LabelGroup,
        Link,
        LocatedFigure,
        OutletCheck,
        OutletFraming,
        OutletProfile,
        OutletProfiles,
        ParagraphRef,
        Quote,
        QuoteGroup,
        QuoteVariant,
        Skipped,
        SkipReason,
        SpeakerKind,
        Term,
        Unit,
        VariantFlag,
        Verdict,
    )
    from coverage.pipeline import compare
    from coverage.report.jsonio import to_json, write_json
    from coverage.report.markdown import write_markdown
    from coverage.report.tables import write_exports
    from coverage.settings import Settings
