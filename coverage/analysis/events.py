"""Grouping of articles into events, without a number of clusters: :class:`EventClusterer`.

**Similarity.** Two articles are compared by a *combined similarity*, the weighted mean of four cosines:

- sentence embeddings of title + first paragraph (what the story is about),
- the mean of the paragraph embeddings (the body),
- TF-IDF vectors of the words, fitted on the corpus being clustered (rare words weigh most),
- TF-IDF vectors of names, places and numbers, found with regular expressions (capitalised words, numbers):
  two earthquakes differ in place, magnitude and toll even where their wording is the same.

Each signal is a block of an L2-normalised feature vector scaled by the square root of its weight, so the
combined similarity is one inner product. Articles published more than ``date_window_days`` apart keep their
similarity only when it is at least ``date_override_similarity`` (unknown dates are no constraint).

**Graph.** Candidate pairs are each article's ``n_neighbors`` most similar candidates; every later step works on
this sparse graph, and a pair outside it counts as similarity 0. Events are local in time, so the search is
blocked by publication date:

- a dated article's candidates are the articles published within ``search_window_days`` of it, widened to the
  ``search_min_candidates`` nearest in date where those days hold fewer (the graph must stay selective: among a
  handful of candidates, unrelated articles become neighbours only because nothing closer was published), and
  the undated articles;
- undated articles go in their own pass: their candidates are every article, dated ones included, so an undated
  report links to the dated coverage of its event (and, as pairs are undirected, that coverage to it). Above
  ``exact_search_max`` articles this pass is approximate: a k-means partition (an inverted-file index, seeded by
  ``random_state``) into cells of ``search_min_candidates`` articles, each cell searching its
  ``search_probes`` nearest cells; dated articles then stop taking the undated ones as candidates.

Rows go in blocks of 512 in date order, so memory is O(block x candidates) and time O(N x candidates); no
N x N matrix is built anywhere. One global merge (below) follows over the union of the pairs.

**Gathered vectors.** :meth:`EventClusterer.fit` needs only the articles and their vectors, wherever they
were computed: a distributed engine embeds on its workers, gathers ``paragraph_vectors`` and ``lead_vectors``
on the driver and calls ``fit`` there; the blocking above bounds the work it does.

**Two levels of average linkage.**

1. Near-identical articles (wire copies, light rewrites) join *groups* by average linkage at
   ``tight_threshold``.
2. Each group gets a *neighbourhood profile*: itself (weight 1) and its ``profile_neighbors`` most similar
   groups, weighted by similarity, L2-normalised. Groups then merge best first while the linkage is at least
   ``threshold``; the linkage of clusters A and B is
   ``(1 - profile_weight) * average pair similarity + profile_weight * cosine of the summed profiles``.

The profile term is a shared-nearest-neighbour similarity: two articles on *one* event are each other's
closest articles, while two similar but *different* events of one topic (two shootings, two product launches)
have similar-looking articles whose closest articles differ. Summing profiles per cluster and taking their
cosine keeps the term from shrinking as a cluster grows (unlike an average over pairs), and building profiles
over level-1 groups keeps five copies of one wire story from filling an article's whole neighbourhood.
Single-article events are kept. The algorithm is deterministic: ties break by article order.
"""

from __future__ import annotations

import functools
import heapq
import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Self

import numpy as np
import scipy.sparse as sp

from coverage.model import Article, EventEvidence
from coverage.settings import EventSettings
from coverage.text.lexicon import HONORIFICS, MONTHS, WEEKDAYS

__all__ = ["EventClusterer", "extract_names", "extract_numbers"]

logger = logging.getLogger(__name__)

_ROW_BLOCK = 512
"""Rows of the similarity matrix computed at once when looking for neighbours."""

_NAME = re.compile(r"\b[A-Z][\w'’&.-]*\w|\b[A-Z]\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_NOT_NAMES = WEEKDAYS | (MONTHS - {"may"}) | HONORIFICS
"""Capitalised words that name no one: days, months, titles (stop words are excluded too)."""


@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _NOT_NAMES


def extract_names(text: str) -> list[str]:
    """Capitalised words that are not stop words, month or day names, in their original case.

    A rough stand-in for named-entity recognition: people, places, organisations, and sentence-initial words
    that are not common words.
    """
    stop = _stop_words()
    out = []
    for match in _NAME.finditer(text):
        word = match.group(0).strip(".'’-")
        if len(word) > 1 and word.lower() not in stop:
            out.append(word)
    return out


def extract_numbers(text: str) -> list[str]:
    """Numbers in ``text``, normalised: thousands separators dropped (``1,200`` -> ``1200``)."""
    out = []
    for match in _NUMBER.finditer(text):
        value = match.group(0)
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", value):
            value = value.replace(",", "")
        out.append(value.rstrip(".,"))
    return out


def _telling(number: str) -> bool:
    """A number worth showing as shared evidence: not a bare integer up to ten ("2", from "January 2" or "2
    people", is in most articles of any event and tells nothing about which)."""
    return not (number.isdigit() and int(number) <= 10)


def _article_text(article: Article) -> str:
    return "\n".join([article.title, *article.paragraphs])


def _name_features(names: list[str], text: str) -> list[str]:
    return [w.lower() for w in names] + [f"#{n}" for n in extract_numbers(text)]


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = (matrix / norms).astype(np.float32)
    return result


@dataclass(frozen=True)
class _Features:
    dense: np.ndarray
    """Scaled embedding blocks (n, 2d)."""
    sparse: sp.csr_matrix
    """Scaled TF-IDF blocks (n, vocabulary)."""
    names: list[list[str]]
    """Name and number features of each article."""
    surface: dict[str, str]
    """Most frequent original spelling of each name feature."""


class EventClusterer:
    """Group articles into events by average linkage over a sparse graph of combined similarities.

    ``settings`` holds the threshold, the neighbour count, the weights and the date rule (see
    :class:`coverage.settings.EventSettings`); ``random_state`` is accepted for the sklearn conventions (the
    algorithm is deterministic: ties break by article order).

    After :meth:`fit`: ``labels_`` (one event label per article, numbered 0.. in order of first appearance)
    and ``evidence_`` (one :class:`EventEvidence` per label).
    """

    labels_: np.ndarray
    evidence_: list[EventEvidence]

    def __init__(self, settings: EventSettings | None = None, *, random_state: int = 0) -> None:
        self.settings = settings
        self.random_state = random_state

    def fit(
        self,
        articles: Sequence[Article],
        paragraph_vectors: Sequence[np.ndarray],
        lead_vectors: np.ndarray,
    ) -> Self:
        """Cluster ``articles``; ``paragraph_vectors[i]`` are article i's paragraph embeddings (n_i, d) and
        ``lead_vectors[i]`` the embedding of its title + first paragraph."""
        settings = self.settings or EventSettings()
        settings.validate()
        n = len(articles)
        if len(paragraph_vectors) != n or len(lead_vectors) != n:
            raise ValueError(
                f"{n} articles but {len(paragraph_vectors)} paragraph matrices and {len(lead_vectors)} lead vectors"
            )
        if n == 0:
            self.labels_ = np.zeros(0, dtype=np.int64)
            self.evidence_ = []
            return self
        features = _build_features(articles, paragraph_vectors, np.asarray(lead_vectors), settings)
        roots = _cluster(features, articles, settings, self.random_state)
        self.labels_ = _number_by_first_appearance(roots)
        self.evidence_ = _evidence(features, self.labels_, settings)
        logger.info("%d articles -> %d events", n, len(self.evidence_))
        return self

    def fit_predict(
        self,
        articles: Sequence[Article],
        paragraph_vectors: Sequence[np.ndarray],
        lead_vectors: np.ndarray,
    ) -> np.ndarray:
        """:meth:`fit`, then return ``labels_``."""
        return self.fit(articles, paragraph_vectors, lead_vectors).labels_


def _weights(settings: EventSettings) -> tuple[float, float, float, float]:
    raw = (settings.weight_lead, settings.weight_body, settings.weight_lexical, settings.weight_names)
    total = sum(raw)  # > 0: EventSettings.validate() checks it
    lead, body, lexical, names = (w / total for w in raw)
    return lead, body, lexical, names


def _build_features(
    articles: Sequence[Article],
    paragraph_vectors: Sequence[np.ndarray],
    lead_vectors: np.ndarray,
    settings: EventSettings,
) -> _Features:
    from sklearn.feature_extraction.text import TfidfVectorizer

    w_lead, w_body, w_lexical, w_names = _weights(settings)
    lead = _normalise_rows(np.asarray(lead_vectors, dtype=np.float32).reshape(len(articles), -1))
    dim = lead.shape[1]
    body = np.zeros((len(articles), dim), dtype=np.float32)
    for index, vectors in enumerate(paragraph_vectors):
        matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, dim)
        if len(matrix):
            body[index] = _text_mean(matrix, articles[index].paragraphs)
    body = _normalise_rows(body)
    dense = np.hstack([np.sqrt(w_lead) * lead, np.sqrt(w_body) * body]).astype(np.float32)

    texts = [_article_text(a) for a in articles]
    blocks: list[sp.csr_matrix] = []
    lexical = TfidfVectorizer(stop_words="english", sublinear_tf=True, dtype=np.float32)
    try:
        blocks.append(sp.csr_matrix(lexical.fit_transform(texts)) * np.float32(np.sqrt(w_lexical)))
    except ValueError:  # no word left (empty vocabulary): the block is empty
        blocks.append(sp.csr_matrix((len(articles), 1), dtype=np.float32))
    found = [extract_names(t) for t in texts]
    names = [_name_features(words, t) for words, t in zip(found, texts, strict=True)]
    name_vectorizer = TfidfVectorizer(analyzer=lambda features: features, sublinear_tf=True, dtype=np.float32)
    try:
        blocks.append(sp.csr_matrix(name_vectorizer.fit_transform(names)) * np.float32(np.sqrt(w_names)))
    except ValueError:
        blocks.append(sp.csr_matrix((len(articles), 1), dtype=np.float32))
    spellings: dict[str, Counter[str]] = {}
    for words in found:
        for word in words:
            spellings.setdefault(word.lower(), Counter())[word] += 1
    surface = {key: counts.most_common(1)[0][0] for key, counts in spellings.items()}
    return _Features(dense=dense, sparse=sp.csr_matrix(sp.hstack(blocks)), names=names, surface=surface)


def _text_mean(vectors: np.ndarray, paragraphs: Sequence[str]) -> np.ndarray:
    """The mean of an article's paragraph vectors, each weighted by its paragraph's word count: the body is the
    mean over its text, however the text was cut into paragraphs (with paragraph vectors pooled from sentences,
    the word-weighted mean of all its sentences)."""
    words = np.array([len(p.split()) for p in paragraphs], dtype=np.float32)
    if len(words) != len(vectors) or not words.sum():
        plain: np.ndarray = vectors.mean(axis=0)
        return plain
    weighted: np.ndarray = (words @ vectors) / words.sum()
    return weighted


def _neighbour_pairs(
    features: _Features, ordinals: np.ndarray, settings: EventSettings, random_state: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each article's ``n_neighbors`` most similar candidates, as undirected pairs (i < j) with their combined
    similarity; see the module docstring.

    Candidates of a dated article: the articles published within ``search_window_days`` of it (at least the
    ``search_min_candidates`` nearest in date), and the undated ones while there are at most ``exact_search_max``.
    Candidates of an undated article: every article, or above ``exact_search_max`` articles those of the nearest
    cells of a partition (:func:`_cells`). Rows go in blocks of :data:`_ROW_BLOCK` (dated ones in date order, so
    that a block's candidates are one stretch of days): memory O(block x candidates), time O(N x candidates).
    """
    n = features.dense.shape[0]
    n_neighbors, radius, pool = settings.n_neighbors, settings.search_window_days, settings.search_min_candidates
    exact = n <= settings.exact_search_max
    dated = np.flatnonzero(ordinals >= 0)
    undated = np.flatnonzero(ordinals < 0)
    order = dated[np.argsort(ordinals[dated], kind="stable")]
    days = ordinals[order]
    position = np.arange(len(order))
    half = pool // 2
    first = np.minimum(np.searchsorted(days, days - radius, side="left"), np.maximum(position - half, 0))
    last = np.maximum(np.searchsorted(days, days + radius, side="right"), np.minimum(position + half + 1, len(order)))
    linked = undated if len(undated) <= settings.exact_search_max else undated[:0]
    found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for start in range(0, len(order), _ROW_BLOCK):
        block = slice(start, start + _ROW_BLOCK)
        low, high = int(first[block].min()), int(last[block].max())
        span = np.arange(low, high)
        outside = (span[None, :] < first[block, None]) | (span[None, :] >= last[block, None])
        cols = np.concatenate([order[low:high], linked])
        excluded = np.hstack([outside, np.zeros((len(outside), len(linked)), dtype=bool)])
        found.append(_nearest(features, order[block], cols, n_neighbors, excluded))
    if exact or not len(undated):
        searches = [(undated, np.arange(n))]
    else:
        searches = _cells(features.dense, undated, settings, random_state)
    for rows, cols in searches:
        for start in range(0, len(rows), _ROW_BLOCK):
            found.append(_nearest(features, rows[start : start + _ROW_BLOCK], cols, n_neighbors, None))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    rows, cols, values = (np.concatenate(parts) for parts in zip(*found, strict=True))
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    keys, where = np.unique(low * n + high, return_index=True)
    return keys // n, keys % n, values[where]


def _cells(
    dense: np.ndarray, rows: np.ndarray, settings: EventSettings, random_state: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """An inverted-file index: k-means cells of about ``search_min_candidates`` articles each (on the embedding
    blocks); the candidates of the ``rows`` in one cell are the articles of the ``search_probes`` cells whose
    centres lie nearest its centre. Returns (rows of a cell, their candidates) for every cell."""
    from sklearn.cluster import MiniBatchKMeans

    n = len(dense)
    n_cells = max(2, math.ceil(n / settings.search_min_candidates))
    kmeans = MiniBatchKMeans(n_clusters=n_cells, random_state=random_state, n_init=3, batch_size=4096)
    cell = kmeans.fit_predict(dense)
    centres = _normalise_rows(kmeans.cluster_centers_)
    probes = min(settings.search_probes, n_cells)
    nearest_cells = np.argsort(-(centres @ centres.T), axis=1, kind="stable")[:, :probes]
    out = []
    for index in range(n_cells):
        members = rows[cell[rows] == index]
        if len(members):
            out.append((members, np.flatnonzero(np.isin(cell, nearest_cells[index]))))
    return out


def _nearest(
    features: _Features, rows: np.ndarray, cols: np.ndarray, k: int, excluded: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` most similar of ``cols`` for each of ``rows``, as (row, col, similarity) triples; ``excluded``
    marks (row, col) pairs that are no candidates. A row is never its own neighbour."""
    k = min(k, len(cols))
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    scores = features.dense[rows] @ features.dense[cols].T
    scores += (features.sparse[rows] @ features.sparse[cols].T).toarray()
    scores[rows[:, None] == cols[None, :]] = -np.inf
    if excluded is not None:
        scores[excluded] = -np.inf
    top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(scores, top, axis=1).ravel().astype(np.float64)
    keep = np.isfinite(values)
    return np.repeat(rows, k)[keep], cols[top].ravel()[keep], values[keep]


def _unique_pairs(rows: np.ndarray, cols: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    keys = np.unique((low * n + high)[low != high])
    return keys // n, keys % n


def _apply_dates(
    ordinals: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    sums: np.ndarray,
    counts: np.ndarray,
    settings: EventSettings,
) -> np.ndarray:
    """Zero the summed similarity ``sums`` (over ``counts`` article pairs) of node pairs published too far apart,
    unless their content is nearly identical."""
    known = (ordinals[rows] >= 0) & (ordinals[cols] >= 0)
    far = known & (np.abs(ordinals[rows] - ordinals[cols]) > settings.date_window_days)
    sums = sums.copy()
    sums[far & (sums < settings.date_override_similarity * counts)] = 0.0
    return sums


def _ordinals(articles: Sequence[Article]) -> np.ndarray:
    """Publication day of each article as a day number, -1 where unknown."""
    return np.array([a.published.toordinal() if a.published else -1 for a in articles], dtype=np.int64)


@dataclass
class _Dates:
    """Earliest and latest known publication day of each cluster (-1: none known), and the date rule.

    Two clusters may merge when the gap between their publication periods is at most ``window`` days, or when
    their average similarity is at least ``override`` (near-identical content). A story covered day after day
    stays one event: the rule looks at the gap between the periods, not at the first and last article.
    """

    first: list[int]
    last: list[int]
    window: int
    override: float

    @classmethod
    def of(cls, ordinals: np.ndarray, units: np.ndarray, n_units: int, settings: EventSettings) -> _Dates:
        first = np.full(n_units, np.iinfo(np.int64).max)
        last = np.full(n_units, -1)
        known = ordinals >= 0
        np.minimum.at(first, units[known], ordinals[known])
        np.maximum.at(last, units[known], ordinals[known])
        first[last < 0] = -1
        return cls(first.tolist(), last.tolist(), settings.date_window_days, settings.date_override_similarity)

    def allows(self, a: int, b: int, average: float) -> bool:
        if self.first[a] < 0 or self.first[b] < 0 or average >= self.override:
            return True
        return max(self.first[b] - self.last[a], self.first[a] - self.last[b]) <= self.window

    def merge(self, keep: int, gone: int) -> None:
        if self.first[gone] < 0:
            return
        if self.first[keep] < 0:
            self.first[keep], self.last[keep] = self.first[gone], self.last[gone]
        else:
            self.first[keep] = min(self.first[keep], self.first[gone])
            self.last[keep] = max(self.last[keep], self.last[gone])


_COPY_SIMILARITY = 0.99
"""Cosine of the lead and of the body embeddings at or above which two articles are copies of one text."""


def _copies(
    features: _Features, ordinals: np.ndarray, rows: np.ndarray, cols: np.ndarray, settings: EventSettings
) -> np.ndarray:
    """Copy group (0.. in order of first appearance) of each article: neighbour pairs whose lead and body
    embeddings both have cosine >= :data:`_COPY_SIMILARITY` (never when either block has weight 0: the settings
    then ask to tell articles apart by other features) and are published within ``date_window_days`` of each
    other (or either undated), joined transitively."""
    n = features.dense.shape[0]
    w_lead, w_body, _, _ = _weights(settings)
    dim = features.dense.shape[1] // 2
    same = np.zeros(len(rows), dtype=bool)
    if w_lead > 0 and w_body > 0:
        for start in range(0, len(rows), _ROW_BLOCK * 64):  # pairs in chunks: memory O(chunk x d)
            i, j = rows[start : start + _ROW_BLOCK * 64], cols[start : start + _ROW_BLOCK * 64]
            lead = np.einsum("ij,ij->i", features.dense[i, :dim], features.dense[j, :dim])
            body = np.einsum("ij,ij->i", features.dense[i, dim:], features.dense[j, dim:])
            same[start : start + len(i)] = (lead >= _COPY_SIMILARITY * w_lead) & (body >= _COPY_SIMILARITY * w_body)
    known = (ordinals[rows] >= 0) & (ordinals[cols] >= 0)
    same &= ~known | (np.abs(ordinals[rows] - ordinals[cols]) <= settings.date_window_days)
    parent = list(range(n))
    for i, j in zip(rows[same].tolist(), cols[same].tolist(), strict=True):
        a, b = _find(parent, i), _find(parent, j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return _number_by_first_appearance(np.array([_find(parent, i) for i in range(n)], dtype=np.int64))


def _cluster(
    features: _Features, articles: Sequence[Article], settings: EventSettings, random_state: int
) -> np.ndarray:
    """Cluster representative of every article; see the module docstring.

    Copies (:func:`_copies`) become one node, weighted by its article count and represented by its first article,
    before the clustering proper: otherwise a story in more copies than ``n_neighbors`` would split, as each copy
    links to only ``n_neighbors`` of the others and a missing pair counts as similarity 0 in the averages."""
    ordinals = _ordinals(articles)
    rows, cols, similarity = _neighbour_pairs(features, ordinals, settings, random_state)
    node_of = _copies(features, ordinals, rows, cols, settings)
    n_nodes = int(node_of.max()) + 1
    if n_nodes == len(articles):
        return _cluster_nodes(ordinals, np.ones(n_nodes), ordinals, rows, cols, similarity, settings)
    first = np.unique(node_of, return_index=True)[1]
    nodes = _Features(dense=features.dense[first], sparse=sp.csr_matrix(features.sparse[first]), names=[], surface={})
    rows, cols, similarity = _neighbour_pairs(nodes, ordinals[first], settings, random_state)
    sizes = np.bincount(node_of, minlength=n_nodes).astype(np.float64)
    node_roots = _cluster_nodes(ordinals, sizes, ordinals[first], rows, cols, similarity, settings, node_of)
    roots: np.ndarray = node_roots[node_of]
    return roots


def _cluster_nodes(
    ordinals: np.ndarray,
    sizes: np.ndarray,
    node_ordinals: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    similarity: np.ndarray,
    settings: EventSettings,
    node_of: np.ndarray | None = None,
) -> np.ndarray:
    """Cluster representative of every node: ``sizes`` articles each (``node_of``: the node of each article, with
    publication days ``ordinals``; None: one node per article); ``similarity`` of a node pair is that of their
    representatives, and stands for each of their ``size x size`` article pairs."""
    n = len(sizes)
    if node_of is None:
        node_of = np.arange(n)
    similarity = similarity * sizes[rows] * sizes[cols]
    no_profiles = np.zeros(len(rows))
    # Level 1: groups of near-identical stories (wire copies, updates), by plain average linkage.
    dates = _Dates.of(ordinals, node_of, n, settings)
    groups = _agglomerate(sizes, rows, cols, similarity, no_profiles, 0.0, settings.tight_threshold, dates)
    group_of = _number_by_first_appearance(groups)
    n_groups = int(group_of.max()) + 1
    if settings.profile_neighbors <= 0 or settings.profile_weight <= 0 or n_groups == 1:
        dates = _Dates.of(ordinals, node_of, n, settings)
        return _agglomerate(sizes, rows, cols, similarity, no_profiles, 0.0, settings.threshold, dates)
    # Level 2: groups merge on their average similarity mixed with their neighbourhood-profile similarity.
    # Profiles leave out pairs published too far apart (the date rule, pair by pair).
    group_sizes = np.bincount(group_of, weights=sizes, minlength=n_groups)
    g_rows, g_cols, g_sums = _group_pairs(group_of[rows], group_of[cols], similarity, n_groups)
    dated = _apply_dates(node_ordinals, rows, cols, similarity, sizes[rows] * sizes[cols], settings)
    p_rows, p_cols, p_sums = _group_pairs(group_of[rows], group_of[cols], dated, n_groups)
    profiles = _profiles(
        n_groups, p_rows, p_cols, p_sums / (group_sizes[p_rows] * group_sizes[p_cols]), settings.profile_neighbors
    )
    overlap = sp.triu(profiles @ profiles.T, k=1).tocoo()
    all_rows, all_cols = _unique_pairs(
        np.concatenate([g_rows, overlap.row]), np.concatenate([g_cols, overlap.col]), n_groups
    )
    keys = all_rows * n_groups + all_cols
    sums = _lookup(keys, g_rows * n_groups + g_cols, g_sums)
    shared = _lookup(keys, overlap.row.astype(np.int64) * n_groups + overlap.col, overlap.data)
    dates = _Dates.of(ordinals, group_of[node_of], n_groups, settings)
    group_roots = _agglomerate(
        group_sizes, all_rows, all_cols, sums, shared, settings.profile_weight, settings.threshold, dates
    )
    roots: np.ndarray = group_roots[group_of]
    return roots


def _lookup(keys: np.ndarray, known_keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``values`` at ``keys`` (0 where a key is not among ``known_keys``)."""
    out = np.zeros(len(keys))
    if len(known_keys) == 0 or len(keys) == 0:
        return out
    order = np.argsort(known_keys)
    sorted_keys = known_keys[order]
    where = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    found = sorted_keys[where] == keys
    out[found] = np.asarray(values, dtype=np.float64)[order][where[found]]
    return out


def _group_pairs(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sum ``values`` over pairs mapped to groups (i < j), dropping pairs inside one group."""
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    between = low != high
    keys, inverse = np.unique(low[between] * n + high[between], return_inverse=True)
    sums = np.bincount(inverse, weights=values[between], minlength=len(keys))
    return keys // n, keys % n, sums


def _profiles(n: int, rows: np.ndarray, cols: np.ndarray, similarity: np.ndarray, k: int) -> sp.csr_matrix:
    """Each unit's neighbourhood profile: itself (weight 1) and its ``k`` most similar units, L2-normalised."""
    sym_rows = np.concatenate([rows, cols])
    sym_cols = np.concatenate([cols, rows])
    sym_weights = np.concatenate([similarity, similarity])
    order = np.lexsort((sym_cols, -sym_weights, sym_rows))
    sym_rows, sym_cols, sym_weights = sym_rows[order], sym_cols[order], sym_weights[order]
    starts = np.searchsorted(sym_rows, np.arange(n))
    top = (np.arange(len(sym_rows)) - starts[sym_rows] < k) & (sym_weights > 0)
    profiles = sp.csr_matrix(
        (
            np.concatenate([sym_weights[top], np.ones(n)]),
            (np.concatenate([sym_rows[top], np.arange(n)]), np.concatenate([sym_cols[top], np.arange(n)])),
        ),
        shape=(n, n),
    )
    norms = np.sqrt(np.asarray(profiles.multiply(profiles).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1.0 / norms) @ profiles)


def _agglomerate(
    sizes: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    similarity: np.ndarray,
    profile: np.ndarray,
    share: float,
    threshold: float,
    dates: _Dates,
) -> np.ndarray:
    """Agglomerate units over a sparse graph; returns a representative unit for every unit.

    ``sizes`` are the units' article counts; ``similarity`` the summed article-pair similarities of each unit
    pair; ``profile`` their profile similarities. The linkage of clusters A and B mixes (weight ``share``) the
    average similarity of their article pairs (a pair not in the graph counts as 0) and the cosine of their
    summed unit profiles, ``sum of cross profile similarities / sqrt(|P_A|^2 |P_B|^2)`` with
    ``|P_A|^2 = units in A + 2 * (profile similarities inside A)``. The profile term does not shrink as a
    cluster grows. Merges go best first while the best linkage is at least ``threshold``.
    """
    n = len(sizes)
    size = [float(v) for v in sizes]
    units = [1] * n
    inside = [0.0] * n
    links: list[dict[int, tuple[float, float]]] = [{} for _ in range(n)]
    for i, j, w, q in zip(rows.tolist(), cols.tolist(), similarity.tolist(), profile.tolist(), strict=True):
        if w > 0 or q > 0:
            links[i][j] = (w, q)
            links[j][i] = (w, q)

    def linkage(a: int, b: int, sums: tuple[float, float]) -> float:
        average = sums[0] / (size[a] * size[b])
        if not share:
            return average
        cosine = sums[1] / math.sqrt((units[a] + 2 * inside[a]) * (units[b] + 2 * inside[b]))
        return (1.0 - share) * average + share * cosine

    version = [0] * n
    heap: list[tuple[float, int, int, int, int]] = []
    for i in range(n):
        for j, sums in links[i].items():
            value = linkage(i, j, sums)
            if i < j and value >= threshold:
                heap.append((-value, i, j, 0, 0))
    heapq.heapify(heap)
    parent = list(range(n))
    while heap:
        _, a, b, version_a, version_b = heapq.heappop(heap)
        if version[a] != version_a or version[b] != version_b:
            continue
        if not dates.allows(a, b, links[a][b][0] / (size[a] * size[b])):
            continue
        keep, gone = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
        parent[gone] = keep
        inside[keep] += inside[gone] + links[keep][gone][1]
        size[keep] += size[gone]
        units[keep] += units[gone]
        dates.merge(keep, gone)
        version[keep] += 1
        version[gone] += 1
        for other, (w, q) in links[gone].items():
            if other == keep:
                continue
            old_w, old_q = links[keep].get(other, (0.0, 0.0))
            links[keep][other] = (old_w + w, old_q + q)
            del links[other][gone]
            links[other][keep] = links[keep][other]
        links[keep].pop(gone, None)
        links[gone] = {}
        for other, sums in links[keep].items():
            value = linkage(keep, other, sums)
            if value >= threshold:
                low, high = min(keep, other), max(keep, other)
                heapq.heappush(heap, (-value, low, high, version[low], version[high]))
    return np.array([_find(parent, i) for i in range(n)], dtype=np.int64)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _number_by_first_appearance(roots: np.ndarray) -> np.ndarray:
    numbers: dict[int, int] = {}
    return np.array([numbers.setdefault(int(r), len(numbers)) for r in roots], dtype=np.int64)


def _evidence(features: _Features, labels: np.ndarray, settings: EventSettings) -> list[EventEvidence]:
    n_events = int(labels.max()) + 1 if len(labels) else 0
    membership = sp.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))), shape=(n_events, len(labels))
    )
    dense_sum = membership @ features.dense
    sparse_sum = membership @ features.sparse
    own = (
        np.einsum("ij,ij->i", features.dense, features.dense)
        + np.asarray(features.sparse.multiply(features.sparse).sum(axis=1)).ravel()
    )
    own_sum = membership @ own
    total = (
        np.einsum("ij,ij->i", dense_sum, dense_sum) + np.asarray(sparse_sum.multiply(sparse_sum).sum(axis=1)).ravel()
    )
    sizes = np.bincount(labels, minlength=n_events)
    members: list[list[int]] = [[] for _ in range(n_events)]
    for index, label in enumerate(labels.tolist()):
        members[label].append(index)
    out = []
    for event in range(n_events):
        count = int(sizes[event])
        similarity = None
        if count > 1:
            similarity = float((total[event] - own_sum[event]) / (count * (count - 1)))
        shared = Counter(f for i in members[event] for f in set(features.names[i]))
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        common = [f for f, c in ranked if c > 1 and c * 2 >= count]
        terms = tuple(features.surface.get(f, f) for f in common if not f.startswith("#"))
        numbers = tuple(f[1:] for f in common if f.startswith("#") and _telling(f[1:]))
        out.append(
            EventEvidence(
                shared_terms=terms[: settings.evidence_terms],
                shared_numbers=numbers[: settings.evidence_terms],
                similarity=similarity,
            )
        )
    return out
