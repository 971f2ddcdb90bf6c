"""The framing of one event: terms, labels, frames, attribution and headlines per outlet (:func:`analyse_framing`)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.analysis.framing.attribution import HEDGES, INTENSIFIERS, _count_phrases, attribution_counts
from coverage.analysis.framing.frames import FRAMES, assign_frames, frame_prototypes
from coverage.analysis.framing.labels import find_labels
from coverage.analysis.framing.loaded import find_loaded_terms
from coverage.analysis.framing.terms import _ngrams, _stop_words, distinctive_terms, name_words
from coverage.model import Alignment, Event
from coverage.model.framing import EventFraming, LabelGroup, LoadedTerm, OutletFraming
from coverage.settings import FramingSettings

logger = logging.getLogger(__name__)


def analyse_framing(
    event: Event,
    *,
    paragraph_vectors: Sequence[np.ndarray] | None = None,
    sentence_alignment: Alignment | None = None,
    corpus_counts: Counter[str] | None = None,
    embedder: Embedder | None = None,
    settings: FramingSettings | None = None,
) -> EventFraming:
    """Framing of ``event`` across its outlets.

    ``paragraph_vectors``: one matrix per article of ``event.articles`` (same order), one row per paragraph,
    from ``embedder``; without them no frames are assigned (all shares 0). ``embedder`` defaults to the bundled
    sentence-transformers model, loaded only when frames are computed. ``sentence_alignment``: a sentence
    alignment of the event's articles (ids = article ids) for the labels; ``None`` finds none.
    ``corpus_counts``: :func:`corpus_term_counts` over the whole corpus, the prior of the distinctive terms.
    """
    settings = settings or FramingSettings()
    articles = event.articles
    outlets = sorted({a.outlet for a in articles}, key=str.casefold)
    stop = _stop_words()
    names = name_words(p for a in articles for p in a.paragraphs)
    term_counts: dict[str, Counter[str]] = {o: Counter() for o in outlets}
    for article in articles:
        for paragraph in article.paragraphs:
            term_counts[article.outlet].update(_ngrams(paragraph, settings.max_ngram, stop, names))
    terms = distinctive_terms(term_counts, prior=corpus_counts, settings=settings) if len(outlets) > 1 else {}

    frame_of: dict[tuple[str, int], str] = {}
    if paragraph_vectors is not None:
        if len(paragraph_vectors) != len(articles):
            raise ValueError("paragraph_vectors needs one matrix per article of the event")
        if embedder is None:
            from coverage.analysis.embedding import SentenceTransformerEmbedder

            embedder = SentenceTransformerEmbedder()
        prototypes = frame_prototypes(embedder)
        for article, vectors in zip(articles, paragraph_vectors, strict=True):
            if len(vectors) != len(article.paragraphs):
                raise ValueError(f"paragraph_vectors of {article.id} needs one row per paragraph")
            for index, frame in enumerate(assign_frames(vectors, prototypes, threshold=settings.frame_threshold)):
                frame_of[(article.id, index)] = frame

    results = []
    for outlet in outlets:
        mine = [a for a in articles if a.outlet == outlet]
        text = "\n\n".join(a.text for a in mine)
        n_words = sum(a.n_words for a in mine)
        per_k = 1000.0 / n_words if n_words else 0.0
        refs = [(a.id, i) for a in mine for i in range(len(a.paragraphs)) if (a.id, i) in frame_of]
        by_frame: dict[str, list[tuple[str, int]]] = {f: [] for f in FRAMES}
        for ref in refs:
            by_frame[frame_of[ref]].append(ref)
        hedges = _count_phrases(text, HEDGES)
        intensifiers = _count_phrases(text, INTENSIFIERS)
        outlet_terms = terms.get(outlet, ())
        results.append(
            OutletFraming(
                outlet=outlet,
                terms=outlet_terms,
                significant=bool(outlet_terms),
                frames={f: (len(v) / len(refs) if refs else 0.0) for f, v in by_frame.items()},
                frame_paragraphs={f: tuple(v) for f, v in by_frame.items() if v},
                attribution=attribution_counts(text),
                hedges=sum(hedges.values()) * per_k,
                intensifiers=sum(intensifiers.values()) * per_k,
                hedge_counts=dict(sorted(hedges.items())),
                intensifier_counts=dict(sorted(intensifiers.items())),
                headlines=tuple(a.title for a in mine if a.title),
                n_words=n_words,
            )
        )
    labels: tuple[LabelGroup, ...] = ()
    loaded: tuple[LoadedTerm, ...] = ()
    if sentence_alignment is not None:
        outlet_of = {a.id: a.outlet for a in articles}
        labels = find_labels(sentence_alignment, outlet_of, settings=settings, embedder=embedder)
        loaded = find_loaded_terms(sentence_alignment, outlet_of, settings=settings, embedder=embedder)
    logger.debug("framing of %s: %d outlets, %d label groups", event.id, len(results), len(labels))
    return EventFraming(event=event.id, outlets=tuple(results), labels=labels, loaded=loaded)
