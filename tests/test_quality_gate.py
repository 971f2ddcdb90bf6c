"""Quality gate: event clustering with default settings on the labelled corpora must not fall below stored minimums.

The corpora live beside the project (``../shared/datasets``, or ``$COVERAGE_DATASETS``) and never inside it; where
they are absent the gate is skipped with a message. ``quality_minimums.json`` stores, per corpus, the SHA-256 of
its ``documents.jsonl`` + ``clusters.json`` and the minimum B-cubed F1 (the measured value minus 0.01). When a
corpus changes, the gate fails until the minimums are measured again.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from coverage._cache import EmbeddingCache, default_cache_dir
from coverage.analysis.embedding import SentenceTransformerEmbedder, embed_unique
from coverage.analysis.events import EventClusterer
from coverage.evaluation.adapters import ecbplus_to_folder, newswcl50_to_folder
from coverage.evaluation.scores import evaluate_clustering, labels_from_field
from coverage.ingest import load_corpus

MINIMUMS = Path(__file__).with_name("quality_minimums.json")
ADAPTERS: dict[str, Callable[[Path, Path], Path]] = {"ecbplus": ecbplus_to_folder, "newswcl50": newswcl50_to_folder}


def datasets_folder() -> Path:
    override = os.environ.get("COVERAGE_DATASETS")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "shared" / "datasets"


def corpus_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in ("documents.jsonl", "clusters.json"):
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def datasets() -> Path:
    folder = datasets_folder()
    if not folder.is_dir():
        pytest.skip(f"shared datasets not found at {folder}: quality gate skipped")
    return folder


@pytest.fixture(scope="session")
def embed() -> Iterator[Callable[[list[str]], np.ndarray]]:
    embedder = SentenceTransformerEmbedder()
    cache = EmbeddingCache(default_cache_dir())

    def run(texts: list[str]) -> np.ndarray:
        vectors, _ = embed_unique(texts, embedder, cache=cache)
        return vectors

    yield run
    cache.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_event_clustering_meets_stored_minimum(
    name: str, datasets: Path, embed: Callable[[list[str]], np.ndarray], tmp_path: Path
) -> None:
    source = datasets / name
    if not source.is_dir():
        pytest.skip(f"{name} not found at {source}: quality gate skipped")
    stored = json.loads(MINIMUMS.read_text(encoding="utf-8"))[name]
    if corpus_hash(source) != stored["sha256"]:
        pytest.fail(
            f"the {name} corpus changed (its SHA-256 differs from tests/quality_minimums.json): "
            "re-measure the minimums and store the new hash"
        )
    corpus = load_corpus(ADAPTERS[name](source, tmp_path / name))
    articles = list(corpus.articles)
    paragraphs = embed([p for a in articles for p in a.paragraphs])
    leads = embed([f"{a.title}\n{a.paragraphs[0]}" for a in articles])
    bounds = np.cumsum([0] + [len(a.paragraphs) for a in articles])
    per_article = [paragraphs[start:stop] for start, stop in itertools.pairwise(bounds)]

    labels = EventClusterer().fit(articles, per_article, leads).labels_
    scores = evaluate_clustering(articles, labels, labels_from_field(articles, "event"))

    assert scores.bcubed_f1 >= stored["bcubed_f1"], (
        f"{name}: B-cubed F1 {scores.bcubed_f1:.4f} (P {scores.bcubed_precision:.4f}, R {scores.bcubed_recall:.4f}) "
        f"is below the stored minimum {stored['bcubed_f1']}"
    )
