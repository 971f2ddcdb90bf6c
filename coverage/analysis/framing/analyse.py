"""The framing of one event: terms, labels, frames, attribution and headlines per outlet (:func:`analyse_framing`)."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.analysis.framing.attribution import HEDGES, INTENSIFIERS, _count_phrases, attribution_counts
from coverage.analysis.framing.frames import FRAMES, assign_frames, frame_prototypes
from coverage.analysis.framing.labels import find_labels
from coverage.analysis.framing.loaded import find_loaded_terms, loaded_texts
from coverage.analysis.framing.names import _tokens
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


def framing_texts(event: Event, sentence_alignment: Alignment | None, settings: FramingSettings) -> list[str]:
    """The texts :func:`analyse_framing` will most likely ask the embedder for on ``event`` (besides the frame
    prototypes, embedded once per process): the loaded-word check's words exactly, the label finder's
    descriptions as far as the label evidence can be foreseen without embeddings (:func:`_label_texts`).

    A prediction, for embedding the texts of all events in one batch ahead of the per-event analysis (see
    ``coverage.pipeline``): a text not predicted is embedded when asked, a text predicted in vain costs its share
    of that one batch; the analysis does not depend on it. A failure here only loses the prediction."""
    if sentence_alignment is None or len(event.outlets) < 2:
        return []
    outlet_of = {a.id: a.outlet for a in event.articles}
    texts = loaded_texts(sentence_alignment, outlet_of, settings)
    try:
        texts += sorted(_label_texts(sentence_alignment, outlet_of, settings))
    except Exception as exc:  # the label finder changed shape: embed its texts when it asks, as before
        logger.debug("label texts of %s not predicted: %s", event.id, exc)
    return texts


def _label_texts(alignment: Alignment, outlet_of: Mapping[str, str], settings: FramingSettings) -> set[str]:
    """The descriptions :func:`~coverage.analysis.framing.labels.find_labels` embeds before any embedding can
    change its course: those left unmatched on both sides of a linked sentence pair of different outlets, pairs
    of descriptions with one head word whose modifiers nest or that outlets choose between, and the plural
    descriptions with a party beside them that the people test reads (with its prototypes), and the last words
    of all these and the prototypes of the actor test, where the label module has one. The label module may
    give its own list instead (a ``texts_to_embed(alignment, outlet_of, settings)`` function), which is then used.
    """
    from coverage.analysis.framing import labels as label_module

    own = getattr(label_module, "texts_to_embed", None)
    if own is not None:
        return set(own(alignment, outlet_of, settings))
    position = {name: k for k, name in enumerate(alignment.ids)}
    outlets = [
        outlet_of[name] if name in outlet_of else (alignment.groups[k] if alignment.groups else name)
        for k, name in enumerate(alignment.ids)
    ]
    labels, mentions, _ = label_module._collect_labels(alignment, outlets, settings, _stop_words())
    descriptions = {label for label, info in labels.items() if not info.name}
    if not descriptions:
        return set()
    limit = settings.label_max_sentence_tokens
    blocks = {
        (t, s)
        for t, segments in enumerate(alignment.segments)
        for s, segment in enumerate(segments)
        if len(segment) > limit and len(_tokens(segment)) > limit
    }
    evidence = [m for m in mentions if (m.text, m.sentence) not in blocks]
    texts: set[str] = set()
    in_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for m in evidence:
        in_sentence[(m.text, m.sentence)].add(m.label)
    for link in alignment.links:
        ta, tb = position[link.a.article], position[link.b.article]
        if outlets[ta] == outlets[tb]:
            continue
        left, right = in_sentence[(ta, link.a.paragraph)], in_sentence[(tb, link.b.paragraph)]
        only_a, only_b = (left - right) & descriptions, (right - left) & descriptions
        if only_a and only_b:
            texts |= only_a | only_b
    by_head: dict[str, list[str]] = defaultdict(list)
    for label in sorted(descriptions):
        by_head[labels[label].head].append(label)
    for group in by_head.values():
        for k, a in enumerate(group):
            for b in group[k + 1 :]:
                ma, mb = labels[a].modifiers, labels[b].modifiers
                ua, ub = set(labels[a].counts), set(labels[b].counts)
                if ma <= mb or mb <= ma or (ua - ub and ub - ua):
                    texts |= {a, b}
    if settings.label_cast_shared:
        together: dict[str, set[str]] = defaultdict(set)
        for present in in_sentence.values():
            for label in present:
                together[label] |= present - {label}
        plural = {
            label
            for label in descriptions
            if labels[label].words[-1] != labels[label].head and any(not labels[o].name for o in together[label])
        }
        if plural:
            texts |= plural | set(label_module.PEOPLE) | set(label_module.NOT_PEOPLE)
    # the actor test reads the descriptions that evidence joins, and their last words, against its prototypes
    actor = (*getattr(label_module, "ACTOR", ()), *getattr(label_module, "NOT_ACTOR", ()))
    if actor and texts:
        texts |= {labels[x].words[-1] for x in texts if x in labels} | set(actor)
    return texts
