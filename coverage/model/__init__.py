"""Result types: frozen dataclasses that the stages fill and the reports read.

They import nothing of the stages (:mod:`coverage.analysis`) or of the reports; a result renders itself in a terminal
through ``__rich_console__``, which imports :mod:`coverage.report.terminal` only when called.
"""

from coverage.model.alignment import Alignment, Link, ParagraphRef, Unit
from coverage.model.corpus import Article, Corpus, Skipped, SkipReason
from coverage.model.event import Comparison, Copy, Event, EventEvidence, Fact, FactEvidence, OutletCheck, Verdict
from coverage.model.figures import (
    Bound,
    FigureGroup,
    FigureKind,
    FigureMention,
    LocatedFigure,
)
from coverage.model.framing import (
    EventFraming,
    LabelGroup,
    OutletFraming,
    Term,
)
from coverage.model.outlets import OutletProfile, OutletProfiles
from coverage.model.quotes import (
    Attribution,
    Quote,
    QuoteGroup,
    QuoteVariant,
    SpeakerKind,
    VariantFlag,
)

__all__ = [
    "Alignment",
    "Article",
    "Attribution",
    "Bound",
    "Comparison",
    "Copy",
    "Corpus",
    "Event",
    "EventEvidence",
    "EventFraming",
    "Fact",
    "FactEvidence",
    "FigureGroup",
    "FigureKind",
    "FigureMention",
    "LabelGroup",
    "Link",
    "LocatedFigure",
    "OutletCheck",
    "OutletFraming",
    "OutletProfile",
    "OutletProfiles",
    "ParagraphRef",
    "Quote",
    "QuoteGroup",
    "QuoteVariant",
    "SkipReason",
    "Skipped",
    "SpeakerKind",
    "Term",
    "Unit",
    "VariantFlag",
    "Verdict",
]
