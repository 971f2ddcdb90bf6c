"""Quotes: direct quotes with their speakers, and the same quote across outlets."""

from coverage.analysis.quotes.extraction import (
    Attribution,
    Quote,
    QuoteGroup,
    QuoteVariant,
    SpeakerKind,
    VariantFlag,
    extract_quotes,
    match_quotes,
)

__all__ = [
    "Attribution",
    "Quote",
    "QuoteGroup",
    "QuoteVariant",
    "SpeakerKind",
    "VariantFlag",
    "extract_quotes",
    "match_quotes",
]
