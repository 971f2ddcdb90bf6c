"""Syndication: wire copy republished by several outlets, whole or with paragraphs added or cut.

Two articles of different outlets are copies when most paragraphs of the shorter one have a near-identical
paragraph in the other (cosine similarity of at least ``near_identical``). What each copy added or cut is kept,
so a report can show it and a story republished five times does not read as five independent reports.

Each copy is reported once, against one source: of the articles it copies, the earliest (then the one sharing
most, then by id). Five copies of a wire story are five copies of it, not the ten pairs among them, so the list
grows with the articles, not with their square.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np

from coverage.model import Article, Copy
from coverage.settings import SyndicationSettings

__all__ = ["Copy", "find_copies"]


def find_copies(
    articles: Sequence[Article], vectors: Sequence[np.ndarray], settings: SyndicationSettings | None = None
) -> list[Copy]:
    """Articles that copy another of a different outlet, each once, against its earliest source (see above)."""
    settings = settings or SyndicationSettings()
    published = {a.id: a.published or date.max for a in articles}
    best: dict[str, Copy] = {}
    for copy in _copy_pairs(articles, vectors, settings):
        known = best.get(copy.article)
        rank = (published[copy.source], -copy.shared, copy.source)
        if known is None or rank < (published[known.source], -known.shared, known.source):
            best[copy.article] = copy
    order = {a.id: k for k, a in enumerate(articles)}
    pair = {c.article: sorted((order[c.source], order[c.article])) for c in best.values()}
    return sorted(best.values(), key=lambda c: pair[c.article])  # in the order the pairs were compared


def _copy_pairs(
    articles: Sequence[Article], vectors: Sequence[np.ndarray], settings: SyndicationSettings
) -> list[Copy]:
    """Every pair of articles (of different outlets) where one is a copy of the other."""
    copies: list[Copy] = []
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            a, b = articles[i], articles[j]
            if a.outlet == b.outlet or len(vectors[i]) == 0 or len(vectors[j]) == 0:
                continue
            sim = vectors[i] @ vectors[j].T
            in_a = sim.max(axis=1) >= settings.near_identical
            in_b = sim.max(axis=0) >= settings.near_identical
            shorter = min(len(in_a), len(in_b))
            shared = min(int(in_a.sum()), int(in_b.sum())) / shorter
            if shared < settings.min_shared or shorter < settings.min_paragraphs:
                continue
            # The source is the earlier article; on a tie, the one with fewer additions.
            a_first = (a.published or date.max, int((~in_a).sum()), a.id) <= (
                b.published or date.max,
                int((~in_b).sum()),
                b.id,
            )
            source, copy, in_source, in_copy = (a, b, in_a, in_b) if a_first else (b, a, in_b, in_a)
            copies.append(
                Copy(
                    article=copy.id,
                    source=source.id,
                    shared=round(shared, 3),
                    added=tuple(int(k) for k in np.nonzero(~in_copy)[0]),
                    cut=tuple(int(k) for k in np.nonzero(~in_source)[0]),
                )
            )
    return copies
