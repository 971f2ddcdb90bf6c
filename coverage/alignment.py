"""Alignment: which paragraphs (or sentences) of two or more texts carry the same content.

Two reports of one event are not translations of each other: outlets reorder, merge, split and drop material.
The default mode is therefore order-free: every pair of units from different texts whose cosine similarity
passes ``link_threshold`` and is close to the best match of either side is linked, so one paragraph may link
to several (1-n, n-m). The ``monotone`` mode keeps links in reading order, for versions of one article.

Units group the linked paragraphs of all texts by average linkage over link scores (pairs inside one text do
not count for or against a merge), so a unit is content that several texts share and the texts without a
member in it omit it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coverage._errors import ConfigError
from coverage._models import Link, ParagraphRef, Unit
from coverage.embedding import Embedder, SentenceTransformerEmbedder, embed_unique
from coverage.settings import AlignmentSettings

__all__ = ["Aligner", "Alignment", "link_pair", "group_units"]


@dataclass(frozen=True)
class Alignment:
    """Links between units of different texts and the groups (units) they form.

    ``ids`` name the texts (``ParagraphRef.article``); ``segments[i]`` are the paragraphs or sentences of text i
    that ``ParagraphRef.paragraph`` indexes.
    """

    ids: tuple[str, ...]
    segments: tuple[tuple[str, ...], ...]
    links: tuple[Link, ...]
    units: tuple[Unit, ...]

    def unmatched(self, text: int) -> list[int]:
        """Indices of the segments of text ``text`` that link to nothing (1-0: omitted elsewhere)."""
        name = self.ids[text]
        linked = {r.paragraph for link in self.links for r in (link.a, link.b) if r.article == name}
        return [i for i in range(len(self.segments[text])) if i not in linked]

    def pairs(self, a: int = 0, b: int = 1) -> list[tuple[int, int, float]]:
        """The links between text ``a`` and text ``b`` as (index in a, index in b, score)."""
        ida, idb = self.ids[a], self.ids[b]
        out = []
        for link in self.links:
            if link.a.article == ida and link.b.article == idb:
                out.append((link.a.paragraph, link.b.paragraph, link.score))
            elif link.a.article == idb and link.b.article == ida:
                out.append((link.b.paragraph, link.a.paragraph, link.score))
        return sorted(out)


def link_pair(a: np.ndarray, b: np.ndarray, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    """Links between the rows of two embedding matrices, as (row in a, row in b, cosine)."""
    if len(a) == 0 or len(b) == 0:
        return []
    sim = a @ b.T
    if settings.mode == "monotone":
        return _monotone(sim, settings)
    best_row = sim.max(axis=1, keepdims=True)
    best_col = sim.max(axis=0, keepdims=True)
    keep = (sim >= settings.link_threshold) & (
        (sim >= best_row - settings.relative_margin) | (sim >= best_col - settings.relative_margin)
    )
    rows, cols = np.nonzero(keep)
    return [(int(i), int(j), float(sim[i, j])) for i, j in zip(rows, cols, strict=True)]


def _monotone(sim: np.ndarray, settings: AlignmentSettings) -> list[tuple[int, int, float]]:
    """Order-preserving alignment: the best chain of 1-1 links by dynamic programming, then adjacent 1-2 merges."""
    n, m = sim.shape
    gain = sim - settings.link_threshold
    score = np.zeros((n + 1, m + 1))
    move = np.zeros((n + 1, m + 1), dtype=np.int8)  # 0 diagonal, 1 skip a, 2 skip b
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = (score[i - 1, j - 1] + gain[i - 1, j - 1] if gain[i - 1, j - 1] >= 0 else -np.inf,
                       score[i - 1, j], score[i, j - 1])
            k = int(np.argmax(options))
            score[i, j] = options[k]
            move[i, j] = k
        move[i, 0] = 1
    move[0, 1:] = 2
    links: list[tuple[int, int, float]] = []
    i, j = n, m
    while i > 0 and j > 0:
        if move[i, j] == 0:
            links.append((i - 1, j - 1, float(sim[i - 1, j - 1])))
            i, j = i - 1, j - 1
        elif move[i, j] == 1:
            i -= 1
        else:
            j -= 1
    links.reverse()
    matched_a = {i for i, _, _ in links}
    matched_b = {j for _, j, _ in links}
    extra = []
    for i, j, _ in links:
        for ni in (i - 1, i + 1):  # a split paragraph: two neighbours in a match one paragraph in b
            if 0 <= ni < n and ni not in matched_a and sim[ni, j] >= settings.link_threshold:
                extra.append((ni, j, float(sim[ni, j])))
                matched_a.add(ni)
        for nj in (j - 1, j + 1):
            if 0 <= nj < m and nj not in matched_b and sim[i, nj] >= settings.link_threshold:
                extra.append((i, nj, float(sim[i, nj])))
                matched_b.add(nj)
    return sorted(links + extra)


def group_units(
    refs: Sequence[ParagraphRef],
    links: Sequence[Link],
    *,
    threshold: float,
) -> list[list[int]]:
    """Average-linkage grouping of ``refs`` over link scores; returns lists of indices into ``refs``.

    Pairs of different texts without a link count as similarity 0; pairs inside one text count for nothing,
    so a paragraph split in two by one outlet can still join the unit of the other outlets' paragraph.
    """
    n = len(refs)
    index = {ref: i for i, ref in enumerate(refs)}
    total = np.zeros((n, n))
    for link in links:
        i, j = index[link.a], index[link.b]
        total[i, j] = total[j, i] = max(total[i, j], link.score)
    _, codes = np.unique(np.array([ref.article for ref in refs], dtype=object).astype(str), return_inverse=True)
    count = (codes[:, None] != codes[None, :]).astype(float)
    linked = total > 0
    members: list[list[int]] = [[i] for i in range(n)]
    alive = np.ones(n, dtype=bool)
    while True:
        with np.errstate(divide="ignore", invalid="ignore"):
            average = np.where(count > 0, total / np.maximum(count, 1e-12), 0.0)
        candidate = linked & alive[:, None] & alive[None, :]
        np.fill_diagonal(candidate, False)
        if not candidate.any():
            break
        masked = np.where(candidate, average, -np.inf)
        flat = int(np.argmax(masked))
        i, j = divmod(flat, n)
        if masked[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        members[i].extend(members[j])
        members[j] = []
        alive[j] = False
        total[i, :] += total[j, :]
        total[:, i] += total[:, j]
        count[i, :] += count[j, :]
        count[:, i] += count[:, j]
        linked[i, :] |= linked[j, :]
        linked[:, i] |= linked[:, j]
        total[j, :] = total[:, j] = 0
        count[j, :] = count[:, j] = 0
        linked[j, :] = linked[:, j] = False
        total[i, i] = count[i, i] = 0
        linked[i, i] = False
    return [sorted(group) for group in members if group]


class Aligner:
    """Align two or more texts paragraph by paragraph (or sentence by sentence), order-free by default.

    ``Aligner().align(["text A ...", "text B ..."])`` splits each string into paragraphs; lists of paragraphs and
    precomputed embeddings (``embeddings=[matrix_a, matrix_b]``) are accepted too. ``groups`` (e.g. outlets)
    restrict links to texts of different groups; ``units`` then report which groups each unit misses.
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
        settings = self.settings or AlignmentSettings()
        if settings.mode not in ("free", "monotone"):
            raise ConfigError("alignment.mode must be 'free' or 'monotone'", key="alignment.mode")
        if granularity not in ("paragraph", "sentence"):
            raise ConfigError("granularity must be 'paragraph' or 'sentence'", key="granularity")
        segments = [tuple(_segments(text, granularity)) for text in texts]
        ids = tuple(ids) if ids is not None else tuple(f"t{i}" for i in range(len(segments)))
        groups = tuple(groups) if groups is not None else ids
        if len(ids) != len(segments) or len(groups) != len(segments) or len(set(ids)) != len(ids):
            raise ConfigError("ids and groups must give one distinct id per text", key="ids")
        if embeddings is None:
            embedder = self.embedder or SentenceTransformerEmbedder()
            flat = [s for seg in segments for s in seg]
            vectors, _ = embed_unique(flat, embedder)
            embeddings, start = [], 0
            for seg in segments:
                embeddings.append(vectors[start : start + len(seg)])
                start += len(seg)
        elif len(embeddings) != len(segments) or any(len(e) != len(s) for e, s in zip(embeddings, segments, strict=True)):
            raise ConfigError("one embedding row per paragraph of each text is needed", key="embeddings")
        links: list[Link] = []
        for i in range(len(segments)):
            for j in range(i + 1, len(segments)):
                if groups[i] == groups[j]:
                    continue
                for p, q, score in link_pair(np.asarray(embeddings[i]), np.asarray(embeddings[j]), settings):
                    links.append(Link(ParagraphRef(ids[i], p), ParagraphRef(ids[j], q), round(score, 4)))
        refs = [ParagraphRef(ids[i], p) for i in range(len(segments)) for p in range(len(segments[i]))]
        text_of = {ref: segments[ids.index(ref.article)][ref.paragraph] for ref in refs}
        group_of = dict(zip(ids, groups, strict=True))
        all_groups = sorted(set(groups), key=str.casefold)
        units: list[Unit] = []
        link_score = {(link.a, link.b): link.score for link in links}
        link_score.update({(link.b, link.a): link.score for link in links})
        grouped = group_units(refs, links, threshold=settings.unit_threshold)
        order = sorted(grouped, key=lambda g: (-len({group_of[refs[k].article] for k in g}), refs[g[0]]))
        for number, group in enumerate(order, start=1):
            members = tuple(refs[k] for k in group)
            present = sorted({group_of[m.article] for m in members}, key=str.casefold)
            scores = [link_score[(a, b)] for a in members for b in members if (a, b) in link_score]
            centre = max(members, key=lambda m: (sum(link_score.get((m, o), 0.0) for o in members), -refs.index(m)))
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
        links.sort(key=lambda link: (link.a, link.b))
        return Alignment(ids=ids, segments=tuple(segments), links=tuple(links), units=tuple(units))


def _segments(text: str | Sequence[str], granularity: str) -> list[str]:
    from coverage.cleaning import split_paragraphs, split_sentences

    paragraphs = split_paragraphs(text, keep_headings=True) if isinstance(text, str) else list(text)
    if granularity == "sentence":
        return [s for p in paragraphs for s in split_sentences(p)]
    return paragraphs
