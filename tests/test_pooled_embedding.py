"""Pooled embedding: each sentence embedded once; paragraph and title+lead vectors pooled from sentence vectors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from coverage.analysis.embedding import HashingEmbedder, pool, pooled_vectors
from coverage.model import Article
from coverage.pipeline import embed_corpus, lead_text, sentence_embedder


class _Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(128)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, progress: object = None) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def _article(name: str, title: str, paragraphs: tuple[str, ...]) -> Article:
    return Article(id=name, path=f"{name}.txt", outlet=name.upper(), title=title, paragraphs=paragraphs)


ARTICLES = [
    _article("a", "Storm hits the coast", ("The storm hit the coast. Ten people died.", "Roads were closed.")),
    _article("b", "", ("Roads were closed.",)),
]


def test_pool_weights_sentences_by_words_and_normalises() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    pooled = pool(vectors, ["one two three", "four"])
    assert np.isclose(np.linalg.norm(pooled), 1.0)
    assert np.allclose(pooled, [3 / np.sqrt(10), 1 / np.sqrt(10)])


def test_every_sentence_is_embedded_once_and_the_lead_as_a_text() -> None:
    embedder = _Counting()
    vectors = embed_corpus(ARTICLES, embedder, pool=True)
    assert sorted(embedder.seen) == sorted(
        [
            "The storm hit the coast.",
            "Ten people died.",
            "Roads were closed.",
            lead_text(ARTICLES[0]),
            lead_text(ARTICLES[1]),
        ]
    )
    assert [m.shape for m in vectors.paragraphs] == [(2, 128), (1, 128)]
    sentences = embedder.encode(["The storm hit the coast.", "Ten people died.", "Roads were closed."])
    assert np.allclose(vectors.paragraphs[1][0], sentences[2])  # a one-sentence paragraph is its sentence
    assert np.allclose(vectors.paragraphs[0][0], pool(sentences[:2], ["The storm hit the coast.", "Ten people died."]))
    assert np.allclose(vectors.leads, embedder.encode([lead_text(a) for a in ARTICLES]))


def test_the_facts_reuse_the_sentence_vectors() -> None:
    embedder = _Counting()
    vectors = embed_corpus(ARTICLES, embedder, pool=True)
    before = len(embedder.seen)
    embed = sentence_embedder(vectors, embedder)
    out = embed(["Ten people died.", "A sentence no paragraph has."])
    assert embedder.seen[before:] == ["A sentence no paragraph has."]
    assert out.shape == (2, 128)


def test_pooled_vectors_of_an_article_without_paragraphs() -> None:
    paragraphs, leads, _, computed = pooled_vectors([("Only a title", [])], HashingEmbedder(64))
    assert paragraphs[0].shape == (0, 64) and leads.shape == (1, 64) and computed == 1
