"""Framing: distinctive terms, labels for the same referent, frames, attribution and certainty."""

from coverage.analysis.framing.labels import (
    FRAMES,
    EventFraming,
    LabelGroup,
    OutletFraming,
    Term,
    analyse_framing,
    assign_frames,
    attribution_counts,
    corpus_term_counts,
    distinctive_terms,
    find_labels,
    frame_prototypes,
)

__all__ = [
    "FRAMES",
    "EventFraming",
    "LabelGroup",
    "OutletFraming",
    "Term",
    "analyse_framing",
    "assign_frames",
    "attribution_counts",
    "corpus_term_counts",
    "distinctive_terms",
    "find_labels",
    "frame_prototypes",
]
