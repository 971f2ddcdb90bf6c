"""Cosine similarity of label descriptions, embedded on demand (used by :mod:`coverage.analysis.framing.labels`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.analysis.framing.names import _Label, _pair


class _Similarity:
    """Cosine similarity of description labels, from their embeddings (0 without), computed once per pair.

    Labels are embedded when first asked for (:meth:`need` embeds a batch at once), so only labels that some
    evidence compares are embedded: on ECB+ most descriptions are never compared (one head word in their event,
    no unmatched counterpart), and embedding them all cost more than the rest of the label finding."""

    def __init__(self, labels: Mapping[str, _Label], embedder: Embedder | None) -> None:
        self.labels = labels
        self.embedder = embedder
        # Similarity is only ever asked of descriptions: names are joined by alias and title evidence alone (see
        # _Components); on ECB+ a third of the labels are names.
        self.active = embedder is not None and any(not info.name for info in labels.values())
        self.vectors: dict[str, np.ndarray] = {}
        self._cache: dict[tuple[str, str], float] = {}

    def need(self, labels: Iterable[str]) -> None:
        """Embed, in one batch, those of ``labels`` not embedded yet."""
        missing = sorted(set(labels) - self.vectors.keys())
        if self.embedder is not None and missing:
            matrix = np.asarray(self.embedder.encode(missing), dtype=np.float64)
            self.vectors.update(zip(missing, matrix, strict=True))

    def matrix(self, rows: Sequence[str], columns: Sequence[str]) -> np.ndarray:
        """Cosines of every label of ``rows`` with every label of ``columns`` (one matrix product: a sentence of a
        very long unsplit paragraph can hold thousands of descriptions)."""
        if not self.active:
            return np.zeros((len(rows), len(columns)))
        self.need([*rows, *columns])
        left = np.stack([self.vectors[x] for x in rows])
        right = np.stack([self.vectors[y] for y in columns])
        product: np.ndarray = left @ right.T
        return product

    def cosine(self, a: str, b: str) -> float:
        key = _pair(a, b)
        if key not in self._cache:
            if self.active:
                self.need(key)
                self._cache[key] = float(self.vectors[a] @ self.vectors[b])
            else:
                self._cache[key] = 0.0
        return self._cache[key]

    def complementary(self, a: str, b: str) -> bool:
        """Some outlet uses ``a`` and not ``b``, and another ``b`` and not ``a``: a choice between two words, where
        "steel" and "aluminum", both used by every outlet, are two things."""
        ua, ub = set(self.labels[a].counts), set(self.labels[b].counts)
        return bool(ua - ub) and bool(ub - ua)
