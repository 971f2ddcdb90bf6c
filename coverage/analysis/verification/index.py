"""The sentences of an event's articles, indexed once for verification: vectors, terms and rarity weights."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coverage.analysis.verification.terms import terms
from coverage.model import Article

__all__ = ["TOPIC_SHARE", "SentenceIndex"]

TOPIC_SHARE = 0.25
"""A word (stem or number) in at least this share of an event's sentences, and in more than two sentences per
article (a fact is told once or twice in an article: headline and lead), is the story's topic: what the whole story
is about ("Lohan", "Betty Ford", "BlackBerry Curve 8900"), not what one of its facts says. Two sentences that share
only such words are alike in topic, not the same fact (:func:`coverage.analysis.verification.verdicts`)."""


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
        self.topic = frozenset(
            w for w, n in frequency.items() if n >= TOPIC_SHARE * total and n > 2 * len(self.articles)
        )
        """The story's topic words (see :data:`TOPIC_SHARE`)."""
        self._default_idf = math.log(1 + total) + 1.0
        self.position = {a.id: i for i, a in enumerate(self.articles)}

    def weight(self, word: str) -> float:
        return self._idf.get(word, self._default_idf)

    def share(self, wanted: frozenset[str], have: frozenset[str]) -> float:
        """The IDF-weighted share of ``wanted`` that ``have`` carries (0 when nothing is wanted). Summed with
        ``math.fsum``: exactly rounded in any order, and a set's order changes with the process's hash seed, so two
        candidates carrying the same words score exactly alike in every process (Ray's workers included)."""
        total = math.fsum(self.weight(w) for w in wanted)
        return math.fsum(self.weight(w) for w in wanted & have) / total if total else 0.0

    def locate(self, article_id: str, paragraph: int, sentence: str) -> int | None:
        """The index of ``sentence`` (from ``paragraph``) among the sentences of ``article_id``."""
        i = self.position[article_id]
        for k, (text, parent) in enumerate(zip(self.sentences[i], self.parents[i], strict=True)):
            if parent == paragraph and text == sentence:
                return k
        return None
