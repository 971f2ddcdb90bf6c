"""Result types: frozen dataclasses that the stages fill and the reports read.

They import nothing of the stages (:mod:`coverage.analysis`) or of the reports; a result renders itself in a terminal
through ``__rich_console__``, which imports :mod:`coverage.report.terminal` only when called.
"""

from coverage.model.core import (
    Article,
    Comparison,
    Copy,
    Corpus,
    Event,
    EventEvidence,
    Fact,
    FactEvidence,
    Link,
    ParagraphRef,
    Skipped,
    SkipReason,
    Unit,
)

__all__ = [
    "Article",
    "Comparison",
    "Copy",
    "Corpus",
    "Event",
    "EventEvidence",
    "Fact",
    "FactEvidence",
    "Link",
    "ParagraphRef",
    "SkipReason",
    "Skipped",
    "Unit",
]
