"""Bounds of the label finder: only compared labels are embedded, and blocks of text give no pairwise evidence."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from coverage.analysis.alignment import Alignment
from coverage.analysis.embedding import HashingEmbedder
from coverage.analysis.framing import find_labels
from coverage.analysis.framing.labels import ACTOR, NOT_ACTOR
from coverage.model import Link, ParagraphRef
from coverage.settings import FramingSettings


class _Counting(HashingEmbedder):
    """A hashing embedder that remembers every text it was asked to embed."""

    def __init__(self) -> None:
        super().__init__(256)
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, progress: object = None) -> np.ndarray:
        self.seen.extend(texts)
        return super().encode(texts)


def _forced(texts: dict[str, tuple[str, ...]], links: tuple[tuple[str, int, str, int], ...]) -> Alignment:
    return Alignment(
        ids=tuple(texts),
        segments=tuple(texts.values()),
        links=tuple(Link(ParagraphRef(a, i), ParagraphRef(b, j), 0.9) for a, i, b, j in links),
        units=(),
        granularity="sentence",
    )


def test_only_descriptions_some_evidence_compares_are_embedded() -> None:
    texts = {
        "a": ("The striking dock workers marched on Monday.", "Later the rusty crane collapsed."),
        "b": ("The dock workers marched on Monday.", "Later the rusty crane collapsed."),
    }
    embedder = _Counting()
    links = (("a", 0, "b", 0), ("a", 1, "b", 1))
    find_labels(_forced(texts, links), {"a": "A", "b": "B"}, embedder=embedder)
    # one head word, nested modifiers: compared, so embedded (with the head word and the prototypes of the test
    # that a label names an actor) ...
    prototypes = set(ACTOR) | set(NOT_ACTOR)
    assert set(embedder.seen) - prototypes == {"striking dock workers", "dock workers", "workers"}
    # ... while "rusty crane" (its own head, both outlets use it, alone in its sentence) is compared with nothing
    # and is no longer embedded (before, every description was)


def _block(word: str, filler: int) -> str:
    """One 'sentence' of ``filler`` varied words around "the <word> stormed the hall"."""
    words = [f"w{k}x" for k in range(filler)]
    half = filler // 2
    return " ".join([*words[:half], "and", "the", word, "stormed", "the", "hall", "and", *words[half:]]) + "."


def test_a_block_of_text_gives_labels_but_no_substitution_evidence() -> None:
    once = FramingSettings(label_min_mentions=1)
    short = {"a": (_block("rioters", 6),), "b": (_block("protesters", 6),)}
    groups = find_labels(_forced(short, (("a", 0, "b", 0),)), {"a": "A", "b": "B"}, settings=once)
    assert any({"rioters", "protesters"} <= set(g.spans) for g in groups)  # a sentence: the substitution counts
    long = {"a": (_block("rioters", 400),), "b": (_block("protesters", 400),)}
    alignment = _forced(long, (("a", 0, "b", 0),))
    groups = find_labels(alignment, {"a": "A", "b": "B"}, settings=once)
    assert not any({"rioters", "protesters"} <= set(g.spans) for g in groups)
    wide = FramingSettings(label_min_mentions=1, label_max_sentence_tokens=10_000)  # the cap is what refused it
    groups = find_labels(alignment, {"a": "A", "b": "B"}, settings=wide)
    assert any({"rioters", "protesters"} <= set(g.spans) for g in groups)


def test_one_huge_unsplit_sentence_pair_stays_fast() -> None:
    words = [f"{a}x {n}s" for a in ("red", "blue", "old", "new", "big", "small") for n in ("ship", "car", "gun", "dog")]
    body = " and the ".join(words[k % len(words)] + f" met w{k}" for k in range(4_000))
    texts = {"a": (f"The {body}.",), "b": (f"The {body} again.",)}
    start = time.perf_counter()
    find_labels(_forced(texts, (("a", 0, "b", 0),)), {"a": "A", "b": "B"}, embedder=_Counting())
    assert time.perf_counter() - start < 20  # quadratic in the sentence before the cap: minutes
