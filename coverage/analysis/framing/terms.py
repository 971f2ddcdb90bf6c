"""Distinctive terms: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), each
outlet against the rest of the event, over unigrams and 2-3 word phrases (see :mod:`coverage.analysis.framing`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from coverage.model import Article
from coverage.model.framing import Term
from coverage.settings import FramingSettings

_WORD = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")
_CHUNK = re.compile(r"[.,;:!?()\[\]\"“”«»—–]|\s-\s")


@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "mr", "ms", "mrs", "said", "says", "also"}


def _ngrams(text: str, max_n: int, stop: frozenset[str]) -> Iterable[str]:
    """Unigrams and phrases of ``text`` within punctuation-free chunks; no stop word at either end, no numbers."""
    for chunk in _CHUNK.split(text.lower()):
        words = _WORD.findall(chunk)
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0] in stop or gram[-1] in stop or any(w.isdigit() for w in gram) or len(gram[0]) < 2:
                    continue
                yield " ".join(gram)


def corpus_term_counts(articles: Iterable[Article], *, max_ngram: int = 3) -> Counter[str]:
    """Term (unigram and phrase) counts over ``articles``: the prior of :func:`distinctive_terms`."""
    stop = _stop_words()
    counts: Counter[str] = Counter()
    for article in articles:
        for paragraph in article.paragraphs:
            counts.update(_ngrams(paragraph, max_ngram, stop))
    return counts


def distinctive_terms(
    counts: Mapping[str, Counter[str]],
    *,
    prior: Counter[str] | None = None,
    settings: FramingSettings | None = None,
) -> dict[str, tuple[Term, ...]]:
    """Distinctive terms of each group of ``counts`` against the others pooled (Monroe et al. 2008, eq. 16-22).

    ``prior``: corpus counts, scaled to ``settings.prior_size`` pseudo-counts; ``None`` uses the pooled counts.
    Only terms with z at least ``min_z`` and count at least ``min_count`` in the group are returned.
    """
    settings = settings or FramingSettings()
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    base = prior if prior else pooled
    vocab = sorted(set(pooled))
    if not vocab:
        return {name: () for name in counts}
    base_total = sum(base.values())
    size = len(set(base) | set(vocab))
    # alpha_w: corpus share times the prior size, add-one smoothed so that every event term has some prior mass
    alpha = np.array([settings.prior_size * (base.get(w, 0) + 1) / (base_total + size) for w in vocab])
    alpha0 = settings.prior_size
    totals = np.array([pooled[w] for w in vocab], dtype=np.float64)
    out: dict[str, tuple[Term, ...]] = {}
    for name, c in counts.items():
        y_i = np.array([c.get(w, 0) for w in vocab], dtype=np.float64)
        y_j = totals - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        if n_i == 0 or n_j == 0:
            out[name] = ()
            continue
        delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log(
            (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
        )
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        keep = [
            Term(vocab[k], float(z[k]), int(y_i[k]))
            for k in range(len(vocab))
            if z[k] >= settings.min_z and y_i[k] >= settings.min_count
        ]
        keep.sort(key=lambda t: (-t.z, t.term))
        out[name] = tuple(keep[: settings.max_terms])
    return out
