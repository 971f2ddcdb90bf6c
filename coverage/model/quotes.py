"""Quotes: a direct quote with its speaker (:class:`Quote`), and one quote across outlets (:class:`QuoteGroup`).
Filled by :mod:`coverage.analysis.quotes`."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

__all__ = ["Attribution", "Quote", "QuoteGroup", "QuoteVariant", "SpeakerKind", "VariantFlag"]


class SpeakerKind(enum.StrEnum):
    """Who a speaker is, from the role words of the speaker phrase."""

    OFFICIAL = "official"
    WITNESS = "witness"
    EXPERT = "expert"
    ORGANISATION = "organisation"
    ANONYMOUS = "anonymous"
    UNKNOWN = "unknown"


class Attribution(enum.StrEnum):
    """Where the speaker of a quote was found (the rules of :mod:`coverage.analysis.quotes.extraction`)."""

    AFTER = "after"
    BEFORE = "before"
    SENTENCE = "sentence"
    PREVIOUS = "previous"
    NONE = "none"


class VariantFlag(enum.StrEnum):
    """How one outlet's version of a quote differs from the group's canonical text."""

    VERBATIM = "verbatim"
    TRUNCATED = "truncated"
    REWORDED = "reworded"
    DIFFERENT_SPEAKER = "different_speaker"


@dataclass(frozen=True)
class Quote:
    """A direct quote: its text (inside the marks), speaker, and place.

    ``paragraph`` is the index of the paragraph where it opens and ``start`` the offset of the opening mark
    there; ``last_paragraph``/``end`` the same for its end (after the closing mark, or the paragraph's end when
    it has none). ``sentence`` is the sentence where it opens.
    """

    text: str
    speaker: str | None
    speaker_kind: SpeakerKind
    paragraph: int
    partial: bool
    start: int
    end: int
    last_paragraph: int
    sentence: str
    attribution: Attribution = Attribution.NONE


@dataclass(frozen=True)
class QuoteVariant:
    """One article's version of a quote in a :class:`QuoteGroup`."""

    article_id: str
    outlet: str
    published: date | None
    paragraph: int
    text: str
    speaker: str | None
    flags: tuple[VariantFlag, ...]
    quote: Quote

    @property
    def notes(self) -> tuple[str, ...]:
        """The flags worth pointing out: every one but ``verbatim``."""
        return tuple(str(f) for f in self.flags if f is not VariantFlag.VERBATIM)


@dataclass(frozen=True)
class QuoteGroup:
    """The same quote across articles: the most common speaker, the canonical text, every version."""

    speaker: str | None
    text: str
    variants: tuple[QuoteVariant, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({v.outlet for v in self.variants}, key=str.casefold))

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v.article_id for v in self.variants))

    def flagged(self, flag: VariantFlag) -> tuple[QuoteVariant, ...]:
        return tuple(v for v in self.variants if flag in v.flags)
