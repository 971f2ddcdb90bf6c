"""Per-event work stays bounded on pathological inputs: many copies of one story, one huge single-line file.

The sparse average linkage of :func:`coverage.analysis.alignment.group_units` is checked against the dense version
it replaced (kept here as the reference), on random link sets.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.analysis.alignment import group_units
from coverage.model import Link, ParagraphRef

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))


def dense_group_units(refs: Sequence[ParagraphRef], links: Sequence[Link], *, threshold: float) -> list[list[int]]:
    """The dense n x n implementation that :func:`group_units` replaced (O(n^2) memory, O(n^3) time)."""
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


@st.composite
def link_sets(draw: st.DrawFn) -> tuple[list[ParagraphRef], list[Link], float]:
    """Refs of 2-6 texts (1-6 paragraphs each) and random links between refs of different texts; scores drawn
    from a few values, so that ties (which the order of merging must break the same way) are common."""
    sizes = draw(st.lists(st.integers(1, 6), min_size=2, max_size=6))
    refs = [ParagraphRef(f"t{t}", p) for t, size in enumerate(sizes) for p in range(size)]
    pairs = [(a, b) for a in range(len(refs)) for b in range(a + 1, len(refs)) if refs[a].article != refs[b].article]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=3 * len(refs), unique=True)) if pairs else []
    scores = st.sampled_from([0.5, 0.6, 0.65, 0.7, 0.8, 0.9, 1.0]) | st.floats(0.3, 1.0)
    links = [Link(refs[a], refs[b], draw(scores)) for a, b in chosen]
    threshold = draw(st.sampled_from([0.0, 0.2, 0.3, 0.45, 0.6]))
    return refs, links, threshold


@settings(max_examples=300, deadline=None)
@given(link_sets())
def test_sparse_grouping_equals_the_dense_one(case: tuple[list[ParagraphRef], list[Link], float]) -> None:
    refs, links, threshold = case
    assert group_units(refs, links, threshold=threshold) == dense_group_units(refs, links, threshold=threshold)


def test_grouping_many_copies_is_fast() -> None:
    """150 copies of a 13-paragraph text, each paragraph linked to its counterpart in every other copy: 145,275
    links, one group per paragraph. The dense version held three 1,950 x 1,950 matrices and rescanned them at each
    of the 1,937 merges; this one looks at the links only."""
    import time

    texts, paragraphs = 150, 13
    refs = [ParagraphRef(f"t{t:03d}", p) for t in range(texts) for p in range(paragraphs)]
    rng = np.random.default_rng(0)
    links = [
        Link(ParagraphRef(f"t{a:03d}", p), ParagraphRef(f"t{b:03d}", p), float(rng.uniform(0.8, 1.0)))
        for a in range(texts)
        for b in range(a + 1, texts)
        for p in range(paragraphs)
    ]
    start = time.perf_counter()
    groups = group_units(refs, links, threshold=0.3)
    assert time.perf_counter() - start < 20
    assert sorted(groups) == [[t * paragraphs + p for t in range(texts)] for p in range(paragraphs)]
