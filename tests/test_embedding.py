from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from coverage import Article, EmbeddingCache, HashingEmbedder, ModelError, SentenceTransformerEmbedder
from coverage.embedding import embed_unique
from coverage.pipeline import embed_corpus


class Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(64)
        self.calls: list[int] = []

    def encode(self, texts, *, progress=None):  # type: ignore[no-untyped-def]
        self.calls.append(len(texts))
        return super().encode(texts, progress=progress)


def article(i: int, paragraphs: tuple[str, ...]) -> Article:
    return Article(id=f"a{i}", path=f"a{i}.txt", outlet=f"o{i}", title=f"Title {i}", paragraphs=paragraphs)


def test_identical_paragraphs_are_embedded_once(tmp_path: Path) -> None:
    embedder = Counting()
    vectors, computed = embed_unique(["x y", "z", "x y"], embedder)
    assert computed == 2 and embedder.calls == [2]
    assert np.allclose(vectors[0], vectors[2])


def test_second_run_computes_no_embedding(tmp_path: Path) -> None:
    articles = [article(1, ("Troops arrived.", "The toll rose.")), article(2, ("The toll rose.", "Internet was cut."))]
    embedder = Counting()
    cache = EmbeddingCache(tmp_path / "cache")
    first = embed_corpus(articles, embedder, cache=cache)
    assert first.computed == 5  # 3 distinct paragraphs + 2 title+lead texts
    second = embed_corpus(articles, embedder, cache=EmbeddingCache(tmp_path / "cache"))
    assert second.computed == 0 and embedder.calls == [5]
    for a, b in zip(first.paragraphs, second.paragraphs, strict=True):
        assert np.array_equal(a, b)


def test_a_damaged_cache_entry_is_recomputed(tmp_path: Path) -> None:
    embedder = Counting()
    cache = EmbeddingCache(tmp_path)
    embed_unique(["alpha", "beta"], embedder, cache=cache)
    cache.close()
    with sqlite3.connect(tmp_path / "embeddings.sqlite3") as db:
        db.execute("UPDATE vectors SET data = substr(data, 1, 10) WHERE rowid = 1")
    vectors, computed = embed_unique(["alpha", "beta"], embedder, cache=EmbeddingCache(tmp_path))
    assert computed == 1 and vectors.shape == (2, 64)


def test_a_cache_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "embeddings.sqlite3").write_bytes(b"this is not sqlite" * 100)
    vectors, computed = embed_unique(["alpha"], Counting(), cache=EmbeddingCache(tmp_path))
    assert computed == 1 and vectors.shape == (1, 64)


def test_cache_is_keyed_by_model(tmp_path: Path) -> None:
    embed_unique(["alpha"], HashingEmbedder(64), cache=EmbeddingCache(tmp_path))
    _, computed = embed_unique(["alpha"], HashingEmbedder(32), cache=EmbeddingCache(tmp_path))
    assert computed == 1


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as info:
        SentenceTransformerEmbedder(str(tmp_path / "nowhere")).encode(["x"])
    assert info.value.model == str(tmp_path / "nowhere")


@pytest.mark.slow
def test_bundled_model_loads_offline_and_embeds() -> None:
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.encode(["Troops were sent to Almaty.", "Soldiers were deployed in Almaty.", "Apple earnings"])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3
