from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import Aligner, ConfigError, HashingEmbedder, ParagraphRef
from coverage.alignment import group_units, link_pair
from coverage.settings import AlignmentSettings


def basis(*rows: list[float]) -> np.ndarray:
    m = np.array(rows, dtype=np.float32)
    return m / np.linalg.norm(m, axis=1, keepdims=True)


# Three topics: e0 toll, e1 arrests, e2 troops; a mix of two is a merged paragraph.
TOLL, ARRESTS, TROOPS, OTHER = [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]


def test_order_free_links_survive_reordering() -> None:
    a = basis(TOLL, ARRESTS, TROOPS)
    b = basis(TROOPS, TOLL, ARRESTS)
    links = link_pair(a, b, AlignmentSettings())
    assert [(i, j) for i, j, _ in links] == [(0, 1), (1, 2), (2, 0)]
    assert all(score == pytest.approx(1.0) for _, _, score in links)


def test_monotone_mode_keeps_reading_order() -> None:
    a = basis(TOLL, ARRESTS, TROOPS)
    b = basis(TROOPS, TOLL, ARRESTS)
    links = link_pair(a, b, AlignmentSettings(mode="monotone"))
    pairs = [(i, j) for i, j, _ in links]
    assert pairs == [(0, 1), (1, 2)]  # the longest order-preserving chain; troops moved, so it is not linked
    assert all(i1 < i2 and j1 < j2 for (i1, j1), (i2, j2) in zip(pairs, pairs[1:], strict=False))


def test_one_paragraph_links_to_the_two_it_merges() -> None:
    a = basis(TOLL, ARRESTS, OTHER)
    b = basis([1, 1, 0, 0])  # one paragraph that gives both the toll and the arrests
    pairs = {(i, j) for i, j, _ in link_pair(a, b, AlignmentSettings())}
    assert pairs == {(0, 0), (1, 0)}


def test_nothing_links_below_the_threshold() -> None:
    a = basis(TOLL, ARRESTS)
    b = basis(TROOPS, OTHER)
    assert link_pair(a, b, AlignmentSettings()) == []


def test_units_group_shared_content_and_name_the_outlets_that_omit_it() -> None:
    aligner = Aligner(AlignmentSettings())
    alignment = aligner.align(
        [["toll", "arrests", "troops"], ["troops", "toll"], ["arrests and toll", "weather"]],
        embeddings=[basis(TOLL, ARRESTS, TROOPS), basis(TROOPS, TOLL), basis([1, 1, 0, 0], OTHER)],
        ids=["a", "b", "c"],
        groups=["A", "B", "C"],
    )
    by_text = {u.text: u for u in alignment.units}
    toll = next(u for u in alignment.units if ParagraphRef("a", 0) in u.members)
    assert set(toll.outlets) == {"A", "B", "C"} and toll.missing == ()
    troops = next(u for u in alignment.units if ParagraphRef("a", 2) in u.members)
    assert troops.outlets == ("A", "B") and troops.missing == ("C",)
    assert by_text["weather"].outlets == ("C",) and by_text["weather"].missing == ("A", "B")
    assert alignment.unmatched(2) == [1]
    # Every paragraph is in exactly one unit.
    members = [m for u in alignment.units for m in u.members]
    assert len(members) == len(set(members)) == 7


def test_texts_of_the_same_group_are_not_linked() -> None:
    alignment = Aligner().align(
        [["toll"], ["toll"]], embeddings=[basis(TOLL), basis(TOLL)], ids=["a", "b"], groups=["Same", "Same"]
    )
    assert alignment.links == ()


def test_plain_strings_with_the_hashing_embedder() -> None:
    a = "Nearly 6,000 people were arrested, the interior ministry said.\n\nTroops from Russia arrived on Thursday."
    b = "Troops from Russia arrived on Thursday, officials said.\n\nThe weather was cold and grey all week long."
    alignment = Aligner(embedder=HashingEmbedder()).align([a, b])
    assert alignment.pairs() == [(1, 0, pytest.approx(alignment.pairs()[0][2]))]
    assert alignment.unmatched(0) == [0] and alignment.unmatched(1) == [1]


def test_sentence_granularity_splits_paragraphs() -> None:
    a = "Troops arrived on Thursday. The toll rose to 164."
    b = "The toll rose to 164 on Sunday."
    alignment = Aligner(embedder=HashingEmbedder()).align([[a], [b]], granularity="sentence")
    assert alignment.segments[0] == ("Troops arrived on Thursday.", "The toll rose to 164.")
    assert [(i, j) for i, j, _ in alignment.pairs()] == [(1, 0)]


def test_bad_arguments_are_config_errors() -> None:
    with pytest.raises(ConfigError):
        Aligner(AlignmentSettings(mode="sideways")).align([["a"], ["b"]], embeddings=[basis(TOLL), basis(TOLL)])
    with pytest.raises(ConfigError):
        Aligner().align([["a"], ["b"]], embeddings=[basis(TOLL)])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=6), min_size=2, max_size=5), st.integers(0, 2**16))
def test_units_partition_all_paragraphs(sizes: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    embeddings = [basis(*rng.normal(size=(n, 8)).tolist()) for n in sizes]
    alignment = Aligner(AlignmentSettings(link_threshold=0.2)).align(
        [[f"p{i}"] * n for i, n in enumerate(sizes)], embeddings=embeddings
    )
    members = [m for u in alignment.units for m in u.members]
    assert sorted(members) == sorted(ParagraphRef(f"t{i}", p) for i, n in enumerate(sizes) for p in range(n))
    for link in alignment.links:
        assert link.a.article != link.b.article and link.score >= 0.2


def test_group_units_respects_the_threshold() -> None:
    refs = [ParagraphRef("a", 0), ParagraphRef("b", 0), ParagraphRef("c", 0)]
    from coverage import Link

    links = [Link(refs[0], refs[1], 0.9), Link(refs[1], refs[2], 0.9)]
    # a-c are unlinked (0): average of (0.9, 0) for c joining {a, b} is 0.45, below 0.55.
    assert group_units(refs, links, threshold=0.55) == [[0, 1], [2]]
    assert group_units(refs, links, threshold=0.4) == [[0, 1, 2]]
