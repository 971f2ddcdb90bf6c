"""The sentences of an event's articles, indexed once for verification: vectors, terms and rarity weights."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coverage.analysis.verification.terms import terms
from coverage.model import Article

__all__ = ["SentenceIndex"]


@dataclass
class SentenceIndex:
    """The sentences of an event's articles with their vectors, terms and rarity weights."""

    articles: Sequence[Article]
    sentences: list[list[str]]
    """``sentences[i]``: the sentences of article i, in reading order."""
    parents: list[list[int]]
    """``parents[i][k]``: the paragraph of article i that sentence k comes from."""
    vectors: list[np.ndarray]
    """``vectors[i]``: one unit-length row per sentence of article i."""

    def __post_init__(self) -> None:
        self.terms = [[terms(s) for s in sentences] for sentences in self.sentences]
        frequency: Counter[str] = Counter()
        total = 0
        for article_terms in self.terms:
            for t in article_terms:
                frequency.update(t.stems | t.numbers)
                total += 1
        self._idf = {w: math.log((1 + total) / (1 + n)) + 1.0 for w, n in frequency.items()}
        self._default_idf = math.log(1 + total) + 1.0
        self.position = {a.id: i for i, a in enumerate(self.articles)}

    def weight(self, word: str) -> float:
        return self._idf.get(word, self._default_idf)

    def locate(self, article_id: str, paragraph: int, sentence: str) -> int | None:
        """The index of ``sentence`` (from ``paragraph``) among the sentences of ``article_id``."""
        i = self.position[article_id]
        for k, (text, parent) in enumerate(zip(self.sentences[i], self.parents[i], strict=True)):
            if parent == paragraph and text == sentence:
                return k
        return None
