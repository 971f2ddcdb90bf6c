"""Quality gate: event clustering with default settings on the labelled corpora must not fall below stored minimums.

The corpora live beside the project (``../shared/datasets``, or ``$COVERAGE_DATASETS``) and never inside it; where
they are absent the gate is skipped with a message. ``quality_minimums.json`` stores, per corpus, the SHA-256 of
its ``documents.jsonl`` + ``clusters.json`` and the minimum B-cubed F1 (the measured value minus 0.01). When a
corpus changes, the gate fails until the minimums are measured again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from coverage._cache import EmbeddingCache, default_cache_dir
from coverage.analysis.embedding import CachedEmbedder, SentenceTransformerEmbedder
from coverage.analysis.events import EventClusterer
from coverage.evaluation.adapters import ecbplus_to_folder, newswcl50_to_folder
from coverage.evaluation.scores import evaluate_clustering, labels_from_field
from coverage.ingest import load_corpus
from coverage.pipeline import embed_corpus
from coverage.settings import Settings

MINIMUMS = Path(__file__).with_name("quality_minimums.json")
ADAPTERS: dict[str, Callable[[Path, Path], Path]] = {
    "ecbplus": ecbplus_to_folder,
    # ECB+ as a naive converter writes it: first sentence as title, the rest as one block of text.
    "ecbplus-plain": partial(ecbplus_to_folder, style="plain"),
    "newswcl50": newswcl50_to_folder,
}
SOURCES = {"ecbplus-plain": "ecbplus"}
"""Gate entries that read another entry's corpus (the same corpus converted another way)."""


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
def embed() -> Iterator[CachedEmbedder]:
    cache = EmbeddingCache(default_cache_dir())
    yield CachedEmbedder(SentenceTransformerEmbedder(), cache)
    cache.close()


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADAPTERS))
def test_event_clustering_meets_stored_minimum(
    name: str, datasets: Path, embed: CachedEmbedder, tmp_path: Path
) -> None:
    source = datasets / SOURCES.get(name, name)
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
    vectors = embed_corpus(articles, embed, pool=Settings().embedding.pool_sentences)  # as the pipeline embeds

    labels = EventClusterer().fit(articles, vectors.paragraphs, vectors.leads).labels_
    scores = evaluate_clustering(articles, labels, labels_from_field(articles, "event"))

    assert scores.bcubed_f1 >= stored["bcubed_f1"], (
        f"{name}: B-cubed F1 {scores.bcubed_f1:.4f} (P {scores.bcubed_precision:.4f}, R {scores.bcubed_recall:.4f}) "
        f"is below the stored minimum {stored['bcubed_f1']}"
    )


def test_ecbplus_plain_style_writes_a_title_and_one_block(tmp_path: Path) -> None:
    sentences = ["http : //example.com/story", "A quake hit Quetta .", "It killed 23 .", "Rescuers dug ."]
    doc = {"doc_id": "1_1ecb", "subtopic": "1ecb", "url": "http://example.com/story", "sentences": []}
    doc["sentences"] = [{"text": text} for text in sentences]
    (tmp_path / "documents.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (tmp_path / "clusters.json").write_text(json.dumps([{"subtopic": "1ecb", "docs": ["1_1ecb"]}]), encoding="utf-8")
    plain = json.loads((ecbplus_to_folder(tmp_path, tmp_path / "plain", style="plain") / "1_1ecb.json").read_text())
    assert plain["title"] == "A quake hit Quetta ."
    assert plain["text"] == "It killed 23 . Rescuers dug ." and "published" not in plain
    own = json.loads((ecbplus_to_folder(tmp_path, tmp_path / "own") / "1_1ecb.json").read_text())
    assert "title" not in own and own["text"] == "A quake hit Quetta . It killed 23 . Rescuers dug ."
    with pytest.raises(ValueError, match="style"):
        ecbplus_to_folder(tmp_path, tmp_path / "bad", style="html")
