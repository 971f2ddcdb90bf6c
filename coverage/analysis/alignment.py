"""Alignment: which paragraphs (or sentences) of two or more texts carry the same content.

Two reports of one event are not translations of each other: outlets reorder, merge, split and drop material.
The default mode is therefore order-free, a competitive linking over cosine similarities between two texts:

1. Pairs of units (paragraphs or sentences) are taken from the most similar down to the threshold
   (``link_threshold`` for paragraphs, ``sentence_threshold`` for sentences); weaker pairs never link.
2. Two units that are both still unlinked link one to one.
3. An unlinked unit may *join* a linked one (1-n: a paragraph merged from two, or split in two) when the linked
   one is its best match (within ``relative_margin``) and is explained better with the newcomer than without:
   the cosine between it and the length-weighted sum of its partners' vectors grows by more than ``join_gain``.
   A paragraph that merely resembles one whose partner is already found (the same kind of fact from another
   part of the story, a paragraph the other outlet dropped) fails that test.
4. Pairs of two units that are both linked already are left alone.

The ``monotone`` mode keeps links in reading order, for versions of one article: the best chain of 1-1 links by
dynamic programming, then each link grown over unlinked neighbours by the same join test.

:meth:`Aligner.align_sentences` aligns the sentences of paragraphs already linked, as the comparison of facts
needs: sentence links never leave a pair of linked paragraphs.

Units group the linked paragraphs of all texts by average linkage over link scores (pairs inside one text do
not count for or against a merge), so a unit is content that several texts share and the texts without a
member in it omit it. ``benchmarks/alignment.py`` measures all of this, against Bertalign.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np

from coverage._errors import ConfigError
from coverage.analysis.embedding import Embedder, SentenceTransformerEmbedder, embed_unique
from coverage.model import Link, ParagraphRef, Unit
from coverage.model.alignment import Alignment
from coverage.settings import AlignmentSettings

__all__ = ["GRANULARITIES", "Aligner", "Alignment", "group_units", "link_pair", "segment_weights"]

GRANULARITIES = ("paragraph", "sentence", "clause")


def segment_weights(segments: Sequence[str]) -> np.ndarray:
    """How much each segment weighs when the vectors of several are summed: the square root of its word count.

    A sentence embedding is a normalised mean over tokens, so the text made of two segments points between their
    vectors, nearer the longer one; the square root tempers that because a long segment's mean is less peaked.
    """
    return np.sqrt(np.array([max(1, len(s.split())) for s in segments], dtype=np.float64))


def link_pair(
    a: np.ndarray,
    b: np.ndarray,
    settings: AlignmentSettings,
    *,
    granularity: str = "paragraph",
    weights: tuple[np.ndarray, np.ndarray] | None = None,
    allowed: np.ndarray | None = None,
) -> list[tuple[int, int, float]]:
    """Links between the rows of two embedding matrices, as (row in a, row in b, cosine), sorted.

    ``weights`` (one per row of a and of b, see :func:`segment_weights`) weigh the rows when a join test sums
    them; equal weights when ``None``. ``allowed`` (a boolean matrix) restricts which pairs may link.
    """
    if len(a) == 0 or len(b) == 0:
        return []
    sim = np.asarray(a, dtype=np.float64) @ np.asarray(b, dtype=np.float64).T
    if allowed is not None:
        sim = np.where(allowed, sim, -2.0)
    wa, wb = weights if weights is not None else (np.ones(len(a)), np.ones(len(b)))
    threshold = settings.link_threshold if granularity == "paragraph" else settings.sentence_threshold
    if settings.mode == "monotone":
        links = _monotone(sim, np.asarray(a), np.asarray(b), wa, wb, threshold, settings)
    else:
        links = _competitive(sim, np.asarray(a), np.asarray(b), wa, wb, threshold, settings)
    return sorted((i, j, float(sim[i, j])) for i, j in links)


def _fit(target: np.ndarray, vectors: np.ndarray, weights: np.ndarray) -> float:
    """Cosine between ``target`` and the weighted sum of ``vectors`` (the rows)."""
    total = (vectors * weights[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(total))
    return float(target @ total) / norm if norm > 0 else 0.0


def _joins(target: np.ndarray, partners: np.ndarray, weights: np.ndarray, settings: AlignmentSettings) -> bool:
    """True when the last of ``partners`` explains ``target`` better together with the others than they alone."""
    before = _fit(target, partners[:-1], weights[:-1])
    return _fit(target, partners, weights) > before + settings.join_gain


def _competitive(
    sim: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    wa: np.ndarray,
    wb: np.ndarray,
    threshold: float,
    settings: AlignmentSettings,
) -> list[tuple[int, int]]:
    """Order-free linking: most similar pairs first, 1-1 links, then 1-n joins that explain their target better."""
    n, m = sim.shape
    best_row = sim.max(axis=1)
    best_col = sim.max(axis=0)
    of_a: list[list[int]] = [[] for _ in range(n)]  # partners in b of each row of a
    of_b: list[list[int]] = [[] for _ in range(m)]
    links: list[tuple[int, int]] = []
    flat = np.argsort(-sim, axis=None, kind="stable")
    for index in flat:
        i, j = divmod(int(index), m)
        score = sim[i, j]
        if score < threshold:
            break
        if of_a[i] and of_b[j]:
            continue
        if not of_a[i] and not of_b[j]:
            accept = score >= threshold
        elif not of_a[i]:  # row i of a would join the rows of a already linked to j
            members = [*of_b[j], i]
            accept = score >= best_row[i] - settings.relative_margin and _joins(b[j], a[members], wa[members], settings)
        else:
            members = [*of_a[i], j]
            accept = score >= best_col[j] - settings.relative_margin and _joins(a[i], b[members], wb[members], settings)
        if accept:
            of_a[i].append(j)
            of_b[j].append(i)
            links.append((i, j))
    return links


def _monotone(
    sim: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    wa: np.ndarray,
    wb: np.ndarray,
    threshold: float,
    settings: AlignmentSettings,
) -> list[tuple[int, int]]:
    """Order-preserving alignment: the best chain of 1-1 links by dynamic programming, then neighbours joined."""
    n, m = sim.shape
    gain = sim - threshold
    score = np.zeros((n + 1, m + 1))
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 diagonal, 1 skip a, 2 skip b
    move[1:, 0] = 1
    move[0, 1:] = 2
    for i in range(1, n + 1):  # one row at a time: score[i, j] = max(diagonal, up, left), left by a running max
        diagonal = np.where(gain[i - 1] >= 0, score[i - 1, :-1] + gain[i - 1], -np.inf)
        up = score[i - 1, 1:]
        score[i, 1:] = np.maximum.accumulate(np.maximum(diagonal, up))
        left = score[i, :-1]
        move[i, 1:] = np.where((diagonal >= up) & (diagonal >= left), 0, np.where(up >= left, 1, 2))
    chain: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if move[i, j] == 0:
            chain.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move[i, j] == 1:
            i -= 1
        else:
            j -= 1
    chain.reverse()
    of_a: list[list[int]] = [[] for _ in range(n)]
    of_b: list[list[int]] = [[] for _ in range(m)]
    for i, j in chain:
        of_a[i].append(j)
        of_b[j].append(i)
    links = list(chain)
    # A merged or split paragraph: grow each link over unlinked neighbours, outwards, on one side only (rows of a
    # joining one row of b, or the reverse), so that links never cross.
    for i, j in chain:
        for step in (-1, 1):
            k = i + step
            while 0 <= k < n and not of_a[k] and sim[k, j] >= threshold:
                members = [*of_b[j], k]
                if not _joins(b[j], a[members], wa[members], settings):
                    break
                of_a[k].append(j)
                of_b[j].append(k)
                links.append((k, j))
                k += step
        for step in (-1, 1):
            k = j + step
            while len(of_b[j]) == 1 and 0 <= k < m and not of_b[k] and sim[i, k] >= threshold:
                members = [*of_a[i], k]
                if not _joins(a[i], b[members], wb[members], settings):
                    break
                of_a[i].append(k)
                of_b[k].append(i)
                links.append((i, k))
                k += step
    return links


def group_units(
    refs: Sequence[ParagraphRef],
    links: Sequence[Link],
    *,
    threshold: float,
) -> list[list[int]]:
    """Average-linkage grouping of ``refs`` over link scores; returns lists of indices into ``refs``.

    Pairs of different texts without a link count as similarity 0; pairs inside one text count for nothing,
    so a paragraph split in two by one outlet can still join the unit of the other outlets' paragraph.

    Only linked pairs are ever looked at: each group keeps the summed scores to the groups it is linked to and how
    many of its members come from each text (the number of pairs of different texts between two groups follows
    from those counts), and the best pair waits in a heap. Time and memory grow with the links, not with the
    square of the paragraphs. The best pair is the one with the highest average, then the lowest first index,
    then the lowest second index, as a scan of the full matrix in reading order would find it.
    """
    index = {ref: i for i, ref in enumerate(refs)}
    text_of = [ref.article for ref in refs]
    near: list[dict[int, float]] = [{} for _ in refs]  # summed link scores to the other linked groups
    for link in links:
        i, j = index[link.a], index[link.b]
        if i != j and link.score > near[i].get(j, 0.0):
            near[i][j] = near[j][i] = link.score
    members: list[list[int]] = [[i] for i in range(len(refs))]
    texts: list[Counter[str]] = [Counter([text]) for text in text_of]
    version = [0] * len(refs)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(i: int, k: int) -> None:
        low, high = min(i, k), max(i, k)
        count = len(members[i]) * len(members[k]) - _same_text_pairs(texts[i], texts[k])
        average = near[i][k] / count if count > 0 else 0.0
        heapq.heappush(heap, (-average, low, high, version[low], version[high]))

    for i in range(len(refs)):
        for k in near[i]:
            if k > i:
                push(i, k)
    while heap:
        negative, i, j, version_i, version_j = heapq.heappop(heap)
        if version_i != version[i] or version_j != version[j] or not members[i] or not members[j]:
            continue  # a pair of groups since merged: its entry is stale
        if -negative < threshold:
            break
        members[i].extend(members[j])
        members[j] = []
        texts[i].update(texts[j])
        version[i] += 1
        for k, score in near[j].items():
            del near[k][j]
            if k != i:
                near[i][k] = near[k][i] = near[i].get(k, 0.0) + score
        near[i].pop(j, None)
        near[j] = {}
        for k in near[i]:
            push(i, k)
    return [sorted(group) for group in members if group]


def _same_text_pairs(a: Counter[str], b: Counter[str]) -> int:
    """Pairs of members, one of each group, from the same text (they count for nothing in an average)."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(n * large[text] for text, n in small.items() if text in large)


class Aligner:
    """Align two or more texts paragraph by paragraph (or sentence by sentence), order-free by default.

    ``Aligner().align(["text A ...", "text B ..."])`` splits each string into paragraphs; lists of paragraphs and
    precomputed embeddings (``embeddings=[matrix_a, matrix_b]``) are accepted too. ``groups`` (e.g. outlets)
    restrict links to texts of different groups; ``units`` then report which groups each unit misses.
    ``align_sentences(alignment)`` then aligns the sentences inside the linked paragraphs.
    """

    def __init__(self, settings: AlignmentSettings | None = None, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder

    def align(
        self,
        texts: Sequence[str | Sequence[str]],
        *,
        embeddings: Sequence[np.ndarray] | None = None,
        ids: Sequence[str] | None = None,
        groups: Sequence[str] | None = None,
        granularity: str = "paragraph",
    ) -> Alignment:
        """Align ``texts`` (strings, or lists of paragraphs) at ``granularity`` ``paragraph`` or ``sentence``.

        ``embeddings``: one matrix per text, one row per segment (paragraph, or sentence after splitting).
        """
        settings = self._settings()
        if granularity not in GRANULARITIES:
            raise ConfigError("granularity must be 'paragraph', 'sentence' or 'clause'", key="granularity")
        split = [_segments(text, granularity) for text in texts]
        segments = [tuple(s for s, _ in pieces) for pieces in split]
        parents = [tuple(p for _, p in pieces) for pieces in split]
        ids, groups = self._names(len(segments), ids, groups)
        vectors = self._vectors(segments, embeddings)
        return self._link(segments, vectors, ids, groups, granularity, tuple(parents), None, settings)

    def align_sentences(self, paragraphs: Alignment, *, embeddings: Sequence[np.ndarray] | None = None) -> Alignment:
        """Align the sentences of the texts of a paragraph alignment, inside linked paragraph pairs only.

        ``embeddings``: one matrix per text, one row per sentence (as :attr:`Alignment.segments` of the result
        will list them). The result's ``parents`` give the paragraph of each sentence.
        """
        settings = self._settings()
        if paragraphs.granularity != "paragraph":
            raise ConfigError("align_sentences needs a paragraph alignment", key="granularity")
        split = [_segments(list(text), "sentence") for text in paragraphs.segments]
        segments = [tuple(s for s, _ in pieces) for pieces in split]
        parents = tuple(tuple(p for _, p in pieces) for pieces in split)
        vectors = self._vectors(segments, embeddings)
        position = {name: k for k, name in enumerate(paragraphs.ids)}
        linked: dict[tuple[int, int], set[tuple[int, int]]] = {}
        for link in paragraphs.links:
            ta, tb = position[link.a.article], position[link.b.article]
            pair = (link.a.paragraph, link.b.paragraph) if ta < tb else (link.b.paragraph, link.a.paragraph)
            linked.setdefault((min(ta, tb), max(ta, tb)), set()).add(pair)
        groups = paragraphs.groups or paragraphs.ids
        return self._link(segments, vectors, paragraphs.ids, groups, "sentence", parents, linked, settings)

    def _settings(self) -> AlignmentSettings:
        settings = self.settings or AlignmentSettings()
        settings.validate()
        return settings

    @staticmethod
    def _names(
        count: int, ids: Sequence[str] | None, groups: Sequence[str] | None
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        names = tuple(ids) if ids is not None else tuple(f"t{i}" for i in range(count))
        grouped = tuple(groups) if groups is not None else names
        if len(names) != count or len(grouped) != count or len(set(names)) != len(names):
            raise ConfigError("ids and groups must give one distinct id per text", key="ids")
        return names, grouped

    def _vectors(
        self, segments: Sequence[tuple[str, ...]], embeddings: Sequence[np.ndarray] | None
    ) -> list[np.ndarray]:
        if embeddings is None:
            embedder = self.embedder or SentenceTransformerEmbedder()
            vectors, _ = embed_unique([s for seg in segments for s in seg], embedder)
            out, start = [], 0
            for seg in segments:
                out.append(vectors[start : start + len(seg)])
                start += len(seg)
            return out
        if len(embeddings) != len(segments) or any(len(e) != len(s) for e, s in zip(embeddings, segments, strict=True)):
            raise ConfigError("one embedding row per segment of each text is needed", key="embeddings")
        return [np.asarray(e) for e in embeddings]

    def _link(
        self,
        segments: Sequence[tuple[str, ...]],
        vectors: Sequence[np.ndarray],
        ids: tuple[str, ...],
        groups: tuple[str, ...],
        granularity: str,
        parents: tuple[tuple[int, ...], ...],
        within: dict[tuple[int, int], set[tuple[int, int]]] | None,
        settings: AlignmentSettings,
    ) -> Alignment:
        weights = [segment_weights(seg) for seg in segments]
        links: list[Link] = []
        for i in range(len(segments)):
            for j in range(i + 1, len(segments)):
                if groups[i] == groups[j]:
                    continue
                allowed = None
                if within is not None:
                    pairs = within.get((i, j), set())
                    if not pairs:
                        continue
                    allowed = np.zeros((len(segments[i]), len(segments[j])), dtype=bool)
                    for p, q in pairs:
                        allowed[np.ix_(np.asarray(parents[i]) == p, np.asarray(parents[j]) == q)] = True
                found = link_pair(
                    vectors[i],
                    vectors[j],
                    settings,
                    granularity=granularity,
                    weights=(weights[i], weights[j]),
                    allowed=allowed,
                )
                for p, q, score in found:
                    links.append(Link(ParagraphRef(ids[i], p), ParagraphRef(ids[j], q), round(score, 4)))
        units = _units(segments, ids, groups, links, settings)
        links.sort(key=lambda link: (link.a, link.b))
        return Alignment(
            ids=ids,
            segments=tuple(segments),
            links=tuple(links),
            units=tuple(units),
            granularity=granularity,
            parents=parents,
            groups=groups,
        )


def _units(
    segments: Sequence[tuple[str, ...]],
    ids: tuple[str, ...],
    groups: tuple[str, ...],
    links: Sequence[Link],
    settings: AlignmentSettings,
) -> list[Unit]:
    refs = [ParagraphRef(ids[i], p) for i in range(len(segments)) for p in range(len(segments[i]))]
    position = {ref: k for k, ref in enumerate(refs)}
    text_of = {ParagraphRef(ids[i], p): text for i in range(len(segments)) for p, text in enumerate(segments[i])}
    group_of = dict(zip(ids, groups, strict=True))
    all_groups = sorted(set(groups), key=str.casefold)
    grouped = group_units(refs, links, threshold=settings.unit_threshold)
    order = sorted(grouped, key=lambda g: (-len({group_of[refs[k].article] for k in g}), refs[g[0]]))
    partners = _partners(refs, links, grouped)
    units: list[Unit] = []
    for number, group in enumerate(order, start=1):
        members = tuple(refs[k] for k in group)
        present = sorted({group_of[m.article] for m in members}, key=str.casefold)
        scores = [score for m in group for _, score in partners[m]]
        centre = max(members, key=lambda m: (sum(score for _, score in partners[position[m]]), -position[m]))
        units.append(
            Unit(
                id=f"u{number}",
                text=text_of[centre],
                members=members,
                outlets=tuple(present),
                missing=tuple(g for g in all_groups if g not in present),
                score=round(float(np.mean(scores)), 4) if scores else 0.0,
            )
        )
    return units


def _partners(
    refs: Sequence[ParagraphRef], links: Sequence[Link], grouped: Sequence[list[int]]
) -> list[list[tuple[int, float]]]:
    """For each ref, its linked refs of the same group with the link's score, in the order of the group's members
    (one entry per linked pair and direction, the last link of a pair winning, as a dictionary of scores has it)."""
    position = {ref: k for k, ref in enumerate(refs)}
    group_of = {k: g for g, group in enumerate(grouped) for k in group}
    rank = {k: r for group in grouped for r, k in enumerate(group)}
    score: dict[tuple[int, int], float] = {}
    for link in links:
        a, b = position[link.a], position[link.b]
        if group_of[a] == group_of[b]:
            score[(a, b)] = score[(b, a)] = link.score
    out: list[list[tuple[int, float]]] = [[] for _ in refs]
    for (a, b), value in score.items():
        out[a].append((b, value))
    for row in out:
        row.sort(key=lambda item: rank[item[0]])
    return out


def _segments(text: str | Sequence[str], granularity: str) -> list[tuple[str, int]]:
    """The segments of a text, each with the index of the paragraph it comes from."""
    from coverage.text.cleaning import split_clauses, split_paragraphs, split_sentences

    paragraphs = split_paragraphs(text, keep_headings=True) if isinstance(text, str) else list(text)
    if granularity == "clause":
        return [(c, k) for k, p in enumerate(paragraphs) for s in split_sentences(p) for c in split_clauses(s)]
    if granularity == "sentence":
        return [(s, k) for k, p in enumerate(paragraphs) for s in split_sentences(p)]
    return [(p, k) for k, p in enumerate(paragraphs)]
