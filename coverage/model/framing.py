"""Framing results: distinctive terms, per-outlet framing, label groups, and the framing of one event.
Filled by :mod:`coverage.analysis.framing`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from coverage.model.alignment import ParagraphRef

__all__ = ["EventFraming", "LabelGroup", "LoadedTerm", "OutletFraming", "Term"]


@dataclass(frozen=True)
class Term:
    """A word or phrase distinctive of an outlet: its log-odds z-score and its count in the outlet."""

    term: str
    z: float
    count: int


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet covers the event.

    ``significant`` is False when no term reaches the significance threshold (``terms`` is then empty).
    ``frames`` maps every frame name to the outlet's share of paragraphs (summing to 1 when it has paragraphs);
    ``frame_paragraphs`` maps a frame to its (article id, paragraph index) pairs. ``hedges`` and
    ``intensifiers`` are per 1,000 words.
    """

    outlet: str
    terms: tuple[Term, ...]
    significant: bool
    frames: Mapping[str, float]
    frame_paragraphs: Mapping[str, tuple[tuple[str, int], ...]]
    attribution: Mapping[str, int]
    hedges: float
    intensifiers: float
    hedge_counts: Mapping[str, int]
    intensifier_counts: Mapping[str, int]
    headlines: tuple[str, ...]
    n_words: int

    def top_frames(self, n: int) -> list[tuple[str, float]]:
        """The ``n`` frames with the largest share of paragraphs (above 0), largest first."""
        ranked = sorted(((share, name) for name, share in self.frames.items() if share > 0), reverse=True)
        return [(name, share) for share, name in ranked[:n]]

    def top_attribution(self, n: int) -> list[tuple[str, int]]:
        """The ``n`` most used attribution verbs with their counts."""
        return sorted(self.attribution.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def term_summary(self, n: int) -> str:
        """``term (z), ...`` for the ``n`` most distinctive terms, or ``none significant``."""
        return ", ".join(f"{t.term} ({t.z:.1f})" for t in self.terms[:n]) if self.significant else "none significant"


@dataclass(frozen=True)
class LabelGroup:
    """Names given to one referent across outlets (see :func:`find_labels`).

    ``by_outlet``: the labels each outlet uses, most frequent first; ``counts``: how often each.
    ``examples``: up to three aligned sentence pairs (sentence a, sentence b) where one label stands for another.
    ``where``: the evidence, per outlet and label, the paragraphs that use it (in article and paragraph order).
    """

    referent: str
    by_outlet: Mapping[str, tuple[str, ...]]
    counts: Mapping[str, Mapping[str, int]]
    examples: tuple[tuple[str, str], ...] = ()
    where: Mapping[str, Mapping[str, tuple[ParagraphRef, ...]]] = field(default_factory=dict)

    @property
    def spans(self) -> tuple[str, ...]:
        return tuple(sorted({s for spans in self.by_outlet.values() for s in spans}))


@dataclass(frozen=True)
class LoadedTerm:
    """A loaded word choice of one outlet, shown in its sentence (see :func:`find_loaded_terms`).

    ``instead``: (other outlet, the words it wrote) in sentences the alignment links to ``sentence``, where the
    two differ only there ("claimed" / "said"); ``valence``: the word's rating in the VADER lexicon (-4 to +4,
    0 when unrated); ``cues``: why it is loaded ("substitution", "lexicon", "report verb"); ``score`` orders the
    terms of an outlet. ``where``: the paragraph of ``sentence``, when known.
    """

    outlet: str
    term: str
    sentence: str
    instead: tuple[tuple[str, str], ...]
    valence: float
    cues: tuple[str, ...]
    score: float
    where: ParagraphRef | None = None


@dataclass(frozen=True)
class EventFraming:
    """Framing of one event: per outlet (sorted by name), the label groups across outlets, and the loaded word
    choices (best first within each outlet, outlets by name)."""

    event: str
    outlets: tuple[OutletFraming, ...]
    labels: tuple[LabelGroup, ...]
    loaded: tuple[LoadedTerm, ...] = ()

    def loaded_of(self, outlet: str) -> tuple[LoadedTerm, ...]:
        """The loaded terms of ``outlet``, best first."""
        return tuple(t for t in self.loaded if t.outlet == outlet)

    @property
    def headlines(self) -> dict[str, tuple[str, ...]]:
        return {o.outlet: o.headlines for o in self.outlets}

    def outlet(self, name: str) -> OutletFraming:
        for item in self.outlets:
            if item.outlet == name:
                return item
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """``{"<outlet>": {"terms", "significant", "frames", "frame_paragraphs", "attribution", "hedges",
        "intensifiers", "headlines"}, "labels": [{"referent", "by_outlet", "counts", "where"}], "loaded": [{"outlet",
        "term", "sentence", "instead", "valence", "cues", "score", "where"}]}``."""
        out: dict[str, Any] = {}
        for o in self.outlets:
            out[o.outlet] = {
                "terms": [{"term": t.term, "z": round(t.z, 3), "count": t.count} for t in o.terms],
                "significant": o.significant,
                "frames": {k: round(v, 4) for k, v in o.frames.items()},
                "frame_paragraphs": {k: [list(r) for r in v] for k, v in o.frame_paragraphs.items()},
                "attribution": dict(o.attribution),
                "hedges": round(o.hedges, 3),
                "intensifiers": round(o.intensifiers, 3),
                "headlines": list(o.headlines),
            }
        out["labels"] = [
            {
                "referent": g.referent,
                "by_outlet": {k: list(v) for k, v in g.by_outlet.items()},
                "counts": {k: dict(v) for k, v in g.counts.items()},
                "where": {
                    outlet: {label: [[r.article, r.paragraph] for r in refs] for label, refs in by_label.items()}
                    for outlet, by_label in g.where.items()
                },
            }
            for g in self.labels
        ]
        out["loaded"] = [
            {
                "outlet": t.outlet,
                "term": t.term,
                "sentence": t.sentence,
                "instead": [list(i) for i in t.instead],
                "valence": t.valence,
                "cues": list(t.cues),
                "score": round(t.score, 3),
                "where": [t.where.article, t.where.paragraph] if t.where else None,
            }
            for t in self.loaded
        ]
        return out
