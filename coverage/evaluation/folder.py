"""Evaluate the event clustering of a folder against gold labels: read, embed, cluster, score."""

from __future__ import annotations

from pathlib import Path

from coverage._cache import open_cache
from coverage._errors import ConfigError, InputError
from coverage.analysis.embedding import Embedder, make_embedder
from coverage.analysis.events import EventClusterer
from coverage.evaluation.scores import ClusteringScores, evaluate_clustering, labels_from_field, load_labels
from coverage.ingest import load_corpus
from coverage.pipeline import Stage, embed_corpus
from coverage.settings import Settings

__all__ = ["evaluate_folder"]


def evaluate_folder(
    folder: Path | str,
    settings: Settings | None = None,
    *,
    labels: Path | str | None = None,
    label_field: str | None = None,
    embedder: Embedder | None = None,
    progress: Stage | None = None,
) -> ClusteringScores:
    """Cluster the articles of ``folder`` into events and score the clustering against gold labels.

    The labels come from exactly one of ``labels`` (a JSON object or CSV file mapping each article's relative path
    to its event label, see :func:`~coverage.evaluation.scores.load_labels`) or ``label_field`` (a metadata field
    of the articles). Raises :class:`~coverage.InputError` when no article can be read.
    """
    if (labels is None) == (label_field is None):
        raise ConfigError("give exactly one of labels or label_field", key="labels")
    settings = settings or Settings()
    folder = Path(folder)
    corpus = load_corpus(folder, settings.ingest)
    if not corpus.articles:
        raise InputError(f"no article could be read from {folder}", path=folder)
    gold = load_labels(Path(labels)) if labels is not None else labels_from_field(corpus.articles, str(label_field))
    cache = open_cache(settings.embedding)
    try:
        vectors = embed_corpus(
            corpus.articles,
            embedder or make_embedder(settings.embedding),
            cache=cache,
            progress=progress,
            pool=settings.embedding.pool_sentences,
        )
    finally:
        if cache is not None:
            cache.close()
    clusterer = EventClusterer(settings.events).fit(corpus.articles, vectors.paragraphs, vectors.leads)
    return evaluate_clustering(corpus.articles, [int(x) for x in clusterer.labels_], gold)
