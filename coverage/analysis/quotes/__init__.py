"""Quotes: direct quotes with their speakers (:func:`extract_quotes`), and the same quote across outlets
(:func:`match_quotes`)."""

from coverage.analysis.quotes.extraction import extract_quotes
from coverage.analysis.quotes.matching import match_quotes
from coverage.model.quotes import Attribution, Quote, QuoteGroup, QuoteVariant, SpeakerKind, VariantFlag

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
