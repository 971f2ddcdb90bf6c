from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from coverage import Article, EmbeddingCache, HashingEmbedder, ModelError, SentenceTransformerEmbedder
from coverage.analysis.embedding import StaticEmbedder, embed_table, embed_unique, make_embedder
from coverage.pipeline import embed_corpus
from coverage.settings import EmbeddingSettings


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


@pytest.mark.slow
def test_a_vector_does_not_depend_on_the_texts_embedded_with_it() -> None:
    """Padding-free batches: with one thread, a text's vector is bit-for-bit the same alone, among others, in
    another order or in another call (so a cached vector, a fresh one and a Ray actor's agree)."""
    from threadpoolctl import threadpool_limits

    texts = [
        "The central bank raised its main rate by 50 basis points to 4.25 per cent.",
        "Protesters gathered outside parliament on Tuesday.",
        "Seven of the nine counts were upheld.",
        "The fire has burned 12,000 hectares since Friday, officials said.",
        "Ok.",
        "Turnout was 61 per cent, down from 67 per cent in the previous election, the commission said.",
        "Police said 43 people were injured.",
        "The company cut 4,500 jobs.",
    ]
    embedder = SentenceTransformerEmbedder()
    with threadpool_limits(limits=1):
        together = embedder.encode(texts)
        reversed_ = embedder.encode(texts[::-1])[::-1]
        alone = np.stack([embedder.encode([text])[0] for text in texts])
        halves = np.concatenate([embedder.encode(texts[:3]), embedder.encode(texts[3:])])
    assert np.array_equal(together, reversed_)
    assert np.array_equal(together, alone)
    assert np.array_equal(together, halves)


def test_fast_settings_give_the_static_embedder(tmp_path: Path) -> None:
    for settings in (
        EmbeddingSettings(fast=True, cache_dir=tmp_path),
        EmbeddingSettings(model="static", cache_dir=tmp_path),
    ):
        embedder = make_embedder(settings)
        assert isinstance(embedder, StaticEmbedder)
        assert embedder.name == "all-MiniLM-L6-v2-static"  # not the transformer's name: its own cache keys
        assert embedder.model_path().parent == tmp_path and embedder.model_path().name.startswith("static-")
    assert isinstance(make_embedder(EmbeddingSettings()), SentenceTransformerEmbedder)
    assert StaticEmbedder(pca_dims=128).name == "all-MiniLM-L6-v2-static128"


def test_static_embedder_without_model2vec_distill_is_a_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("model2vec")
    monkeypatch.setitem(sys.modules, "model2vec.distill", None)  # import fails as if the extra were missing
    with pytest.raises(ModelError, match="distill"):
        StaticEmbedder(folder=tmp_path).encode(["x"])
    assert not any(tmp_path.iterdir())  # nothing half-written


def test_embed_table_adds_a_fixed_size_float32_column(tmp_path: Path) -> None:
    frame = pl.DataFrame({"id": [1, 2, 3], "text": ["x y", "z", "x y"]})
    embedder = Counting()
    cache = EmbeddingCache(tmp_path / "cache")
    table = embed_table(frame, embedder, cache=cache)
    assert table.columns == ["id", "text", "embedding"]
    assert table.schema["embedding"] == pl.Array(pl.Float32, 64)
    vectors = table.get_column("embedding").to_numpy()
    assert vectors.shape == (3, 64) and vectors.dtype == np.float32
    assert np.array_equal(vectors, embed_unique(["x y", "z", "x y"], HashingEmbedder(64))[0])
    assert embedder.calls == [2]  # identical texts once
    table.write_parquet(tmp_path / "t.parquet")
    assert pl.read_parquet(tmp_path / "t.parquet").equals(table)
    embed_table(frame, embedder, cache=cache)
    assert embedder.calls == [2]  # the second time everything comes from the cache


def test_embed_table_other_column_empty_frame_and_bad_input() -> None:
    table = embed_table(pl.DataFrame({"body": ["a b"]}), HashingEmbedder(32), text_column="body")
    assert table.schema["embedding"] == pl.Array(pl.Float32, 32)
    empty = embed_table(pl.DataFrame({"text": []}, schema={"text": pl.String}), HashingEmbedder(32))
    assert empty.height == 0 and empty.schema["embedding"] == pl.Array(pl.Float32, 32)
    with pytest.raises(ValueError, match="no column"):
        embed_table(pl.DataFrame({"body": ["a"]}), HashingEmbedder(32))
    with pytest.raises(ValueError, match="null"):
        embed_table(pl.DataFrame({"text": ["a", None]}), HashingEmbedder(32))


@pytest.mark.slow
def test_static_embedder_is_distilled_once_and_close_to_the_model(tmp_path: Path) -> None:
    pytest.importorskip("model2vec")
    try:
        import model2vec.distill  # noqa: F401
    except ImportError:
        pytest.skip("model2vec's distill extra is not installed")
    texts = ["Troops were sent to Almaty.", "Soldiers were deployed in Almaty.", "Apple reported quarterly earnings."]
    embedder = StaticEmbedder(folder=tmp_path)
    vectors = embedder.encode(texts)
    assert vectors.shape == (3, 256) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert (embedder.model_path() / "model.safetensors").is_file()
    again = StaticEmbedder(folder=tmp_path)  # loads the stored model: same vectors, no second distillation
    assert np.array_equal(again.encode(texts), vectors)
    assert [p.name for p in tmp_path.iterdir()] == [embedder.model_path().name]


def test_cached_embedder_computes_each_text_once_across_runs(tmp_path: Path) -> None:
    from coverage.analysis.embedding import CachedEmbedder

    inner = Counting()
    first = CachedEmbedder(inner, EmbeddingCache(tmp_path)).encode(["frame description", "an example"])
    again = CachedEmbedder(inner, EmbeddingCache(tmp_path)).encode(["frame description", "an example"])
    assert inner.calls == [2]
    assert np.array_equal(first, again)
    assert CachedEmbedder(inner, EmbeddingCache(tmp_path)).name == inner.name
