"""Event clustering on small synthetic corpora: what is merged, what is kept apart, and invariants."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage._errors import ConfigError
from coverage.analysis.embedding import HashingEmbedder
from coverage.analysis.events import (
    EventClusterer,
    _build_features,
    _neighbour_pairs,
    _ordinals,
    extract_names,
    extract_numbers,
)
from coverage.ingest import load_corpus
from coverage.model import Article
from coverage.settings import EventSettings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from pathological import copies_corpus

QUETTA = [
    (
        "Earthquake kills 23 in Quetta",
        "A magnitude 6.1 earthquake struck Quetta in Pakistan's Balochistan province on Tuesday, killing 23 people.",
        "Rescue teams in Quetta searched collapsed mud houses; officials said 23 bodies had been recovered.",
    ),
    (
        "Quetta quake leaves 23 dead",
        "At least 23 people died when a 6.1-magnitude quake hit Quetta, Balochistan, early on Tuesday.",
        "Pakistan's army sent helicopters to Quetta as aftershocks shook the Balochistan capital.",
    ),
    (
        "Pakistan earthquake: 23 killed in Balochistan",
        "The 6.1 magnitude earthquake near Quetta killed 23 and injured dozens, Balochistan officials said.",
        "Hospitals in Quetta asked for blood donations after the earthquake on Tuesday.",
    ),
]
LIMA = [
    (
        "Lima earthquake: 112 dead",
        "Peru declared an emergency after a 7.4 magnitude earthquake killed 112 people around Lima on Sunday.",
        "Officials in Lima said the earthquake destroyed brick houses in the Callao port district.",
    ),
    (
        "Peru counts its dead after Lima quake",
        "Rescue workers pulled survivors from the rubble in Callao; the toll from Sunday's 7.4 quake rose to 112.",
        "President Castillo flew to Lima, where the earthquake was felt for almost a minute.",
    ),
    (
        "Strong quake shakes Peru's capital",
        "The earthquake of magnitude 7.4 left 112 dead in Lima and Callao, Peru's civil defence institute said.",
        "Schools in Lima stay closed on Monday while engineers inspect buildings damaged by the earthquake.",
    ),
]
# The Quetta reports with place, country and numbers swapped: same wording, a different event.
LIMA_TEMPLATED = [
    tuple(
        text.replace("Quetta", "Lima")
        .replace("Pakistan", "Peru")
        .replace("Balochistan", "Callao")
        .replace("23", "112")
        .replace("6.1", "7.4")
        for text in story
    )
    for story in QUETTA
]
PHONE = (
    "Acme unveils the Nova 5 phone",
    "Acme Corporation presented its Nova 5 smartphone in San Francisco with a larger battery and a new camera.",
    "The Nova 5 goes on sale in October for 799 dollars, Acme said.",
)


def _article(index: int, story: tuple[str, str, str], published: date | None = None) -> Article:
    title, *paragraphs = story
    return Article(
        id=f"a{index}.json",
        path=f"a{index}.json",
        outlet=f"outlet{index % 3}",
        title=title,
        paragraphs=tuple(paragraphs),
        published=published,
    )


def _vectors(articles: Sequence[Article]) -> tuple[list[np.ndarray], np.ndarray]:
    embedder = HashingEmbedder(256)
    paragraphs = [embedder.encode(list(a.paragraphs)) for a in articles]
    leads = embedder.encode([f"{a.title}\n{a.paragraphs[0]}" for a in articles])
    return paragraphs, leads


def _fit(articles: Sequence[Article], event_settings: EventSettings | None = None) -> EventClusterer:
    paragraphs, leads = _vectors(articles)
    return EventClusterer(event_settings).fit(articles, paragraphs, leads)


def _groups(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == label).tolist()) for label in set(labels.tolist())}


def test_look_alike_events_with_different_places_and_numbers_are_separated() -> None:
    stories = [QUETTA[0], LIMA[0], QUETTA[1], LIMA[1], QUETTA[2], LIMA[2], PHONE]
    clusterer = _fit([_article(i, s) for i, s in enumerate(stories)])
    assert _groups(clusterer.labels_) == {frozenset({0, 2, 4}), frozenset({1, 3, 5}), frozenset({6})}


def test_names_and_numbers_separate_events_told_in_the_same_words() -> None:
    stories = [QUETTA[0], LIMA_TEMPLATED[0], QUETTA[1], LIMA_TEMPLATED[1], QUETTA[2], LIMA_TEMPLATED[2]]
    articles = [_article(i, s) for i, s in enumerate(stories)]
    # Embeddings and TF-IDF of the words alone pair each report with its look-alike from the other quake.
    words_only = EventSettings(weight_names=0.0, profile_weight=0.0)
    assert _groups(_fit(articles, words_only).labels_) == {frozenset({0, 1}), frozenset({2, 3}), frozenset({4, 5})}
    names_only = EventSettings(weight_lead=0.0, weight_body=0.0, weight_lexical=0.0, weight_names=1.0)
    assert _groups(_fit(articles, names_only).labels_) == {frozenset({0, 2, 4}), frozenset({1, 3, 5})}


def test_same_story_in_other_words_is_merged_with_evidence() -> None:
    clusterer = _fit([_article(i, s) for i, s in enumerate([*QUETTA, PHONE])])
    assert clusterer.labels_.tolist() == [0, 0, 0, 1]
    quake, phone = clusterer.evidence_
    assert "Quetta" in quake.shared_terms and "Balochistan" in quake.shared_terms
    assert "23" in quake.shared_numbers and "6.1" in quake.shared_numbers
    assert quake.similarity is not None and 0.0 < quake.similarity <= 1.0
    assert phone.similarity is None
    assert len(quake.shared_terms) <= EventSettings().evidence_terms


def test_articles_published_far_apart_are_split_unless_nearly_identical() -> None:
    day = date(2024, 3, 1)
    close = [_article(i, s, day + timedelta(days=i)) for i, s in enumerate(QUETTA)]
    assert len(set(_fit(close).labels_.tolist())) == 1
    far = [_article(i, s, day + timedelta(days=30 * i)) for i, s in enumerate(QUETTA)]
    assert _fit(far).labels_.tolist() == [0, 1, 2]
    unknown = [_article(0, QUETTA[0], day), _article(1, QUETTA[1], None), _article(2, QUETTA[2], day)]
    assert len(set(_fit(unknown).labels_.tolist())) == 1
    copies = [_article(i, QUETTA[0], day + timedelta(days=30 * i)) for i in range(3)]
    assert len(set(_fit(copies).labels_.tolist())) == 1


def test_a_story_covered_day_after_day_stays_one_event() -> None:
    # Days 0, 2 and 4: the first and last reports are further apart than the window, but the coverage has no gap.
    window = EventSettings().date_window_days
    day = date(2024, 3, 1)
    rolling = [_article(i, s, day + timedelta(days=(window - 1) * i)) for i, s in enumerate(QUETTA)]
    assert (len(QUETTA) - 1) * (window - 1) > window
    assert len(set(_fit(rolling).labels_.tolist())) == 1


def test_labels_are_deterministic_and_numbered_by_first_appearance() -> None:
    stories = [PHONE, QUETTA[0], LIMA[0], QUETTA[1], LIMA[1]]
    articles = [_article(i, s) for i, s in enumerate(stories)]
    first = _fit(articles).labels_
    assert first.tolist() == [0, 1, 2, 1, 2]
    assert _fit(articles).labels_.tolist() == first.tolist()
    assert EventClusterer(random_state=7).fit(articles, *_vectors(articles)).labels_.tolist() == first.tolist()


def test_wire_copies_do_not_hide_the_rest_of_the_event() -> None:
    # Four copies of one wire story fill each copy's closest neighbours; the other reports must still join.
    stories = [QUETTA[0]] * 4 + [QUETTA[1], QUETTA[2], PHONE]
    clusterer = _fit([_article(i, s) for i, s in enumerate(stories)])
    assert _groups(clusterer.labels_) == {frozenset(range(6)), frozenset({6})}


def test_threshold_one_keeps_every_article_apart_and_zero_threshold_merges_related() -> None:
    articles = [_article(i, s) for i, s in enumerate(QUETTA)]
    assert _fit(articles, EventSettings(threshold=1.0, tight_threshold=1.0)).labels_.tolist() == [0, 1, 2]
    assert _fit(articles, EventSettings(threshold=0.0)).labels_.tolist() == [0, 0, 0]


def test_empty_and_single_article() -> None:
    empty = EventClusterer().fit([], [], np.zeros((0, 8), dtype=np.float32))
    assert empty.labels_.tolist() == [] and empty.evidence_ == []
    single = _fit([_article(0, PHONE)])
    assert single.labels_.tolist() == [0]
    assert single.evidence_[0].similarity is None


def test_rejects_mismatched_inputs_and_bad_settings() -> None:
    articles = [_article(i, s) for i, s in enumerate(QUETTA)]
    paragraphs, leads = _vectors(articles)
    with pytest.raises(ValueError, match="3 articles but 2 paragraph matrices"):
        EventClusterer().fit(articles, paragraphs[:2], leads)
    with pytest.raises(ConfigError, match=r"events\.threshold"):
        EventClusterer(EventSettings(threshold=1.5)).fit(articles, paragraphs, leads)
    with pytest.raises(ConfigError, match=r"events\.weight_"):
        no_weight = EventSettings(weight_lead=0, weight_body=0, weight_lexical=0, weight_names=0)
        EventClusterer(no_weight).fit(articles, paragraphs, leads)


def test_init_stores_parameters_unchanged() -> None:
    custom = EventSettings(threshold=0.4)
    clusterer = EventClusterer(custom, random_state=3)
    assert clusterer.settings is custom and clusterer.random_state == 3
    assert not hasattr(clusterer, "labels_")


def test_extract_names_and_numbers() -> None:
    text = "On Tuesday the U.N. said 1,200 people fled Quetta after the 6.1 quake. The Red Cross helped."
    assert extract_names(text) == ["U.N", "Quetta", "Red", "Cross"]
    assert extract_numbers(text) == ["1200", "6.1"]


_WORDS = ["quake", "Quetta", "Lima", "flood", "vote", "Senate", "fire", "Paris", "strike", "market", "12", "7.4"]


@st.composite
def _corpora(draw: st.DrawFn) -> tuple[list[Article], list[np.ndarray], np.ndarray]:
    n = draw(st.integers(min_value=1, max_value=12))
    dim = 6
    articles: list[Article] = []
    paragraphs: list[np.ndarray] = []
    leads = []
    for index in range(n):
        n_paragraphs = draw(st.integers(min_value=1, max_value=3))
        texts = tuple(
            " ".join(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8))) for _ in range(n_paragraphs)
        )
        day = draw(st.one_of(st.none(), st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 3, 1))))
        articles.append(
            Article(id=f"{index}", path=f"{index}", outlet="o", title=texts[0], paragraphs=texts, published=day)
        )
        vectors = draw(
            st.lists(
                st.lists(st.floats(-1, 1, allow_nan=False, width=32), min_size=dim, max_size=dim),
                min_size=n_paragraphs,
                max_size=n_paragraphs,
            )
        )
        paragraphs.append(np.array(vectors, dtype=np.float32))
        leads.append(np.array(vectors[0], dtype=np.float32))
    return articles, paragraphs, np.array(leads)


@given(_corpora(), st.floats(0.0, 1.0), st.integers(0, 5))
@settings(max_examples=60, deadline=None)
def test_clusters_never_overlap_and_cover_every_article(
    corpus: tuple[list[Article], list[np.ndarray], np.ndarray], threshold: float, profile_neighbors: int
) -> None:
    articles, paragraphs, leads = corpus
    chosen = EventSettings(threshold=threshold, profile_neighbors=profile_neighbors, n_neighbors=3)
    clusterer = EventClusterer(chosen).fit(articles, paragraphs, leads)
    labels = clusterer.labels_.tolist()
    assert len(labels) == len(articles)
    # One label per article (no overlap), labels 0..k-1 in order of first appearance (every cluster non-empty).
    assert list(dict.fromkeys(labels)) == list(range(len(set(labels))))
    assert len(clusterer.evidence_) == len(set(labels))
    again = EventClusterer(chosen).fit(articles, paragraphs, leads).labels_.tolist()
    assert again == labels


def test_a_small_number_every_story_has_is_no_shared_evidence() -> None:
    stories = [(t, a, b + " The first tremor came at 2 in the morning.") for t, a, b in QUETTA]
    clusterer = _fit([_article(i, s) for i, s in enumerate([*stories, PHONE])])
    quake = clusterer.evidence_[0]
    assert "23" in quake.shared_numbers and "6.1" in quake.shared_numbers
    assert "2" not in quake.shared_numbers


def _pairs(articles: Sequence[Article], chosen: EventSettings) -> set[tuple[int, int]]:
    paragraphs, leads = _vectors(articles)
    features = _build_features(articles, paragraphs, leads, chosen)
    rows, cols, _ = _neighbour_pairs(features, _ordinals(articles), chosen, 0)
    return set(zip(rows.tolist(), cols.tolist(), strict=True))


def _brute_force_pairs(articles: Sequence[Article], chosen: EventSettings) -> set[tuple[int, int]]:
    paragraphs, leads = _vectors(articles)
    features = _build_features(articles, paragraphs, leads, chosen)
    full = features.dense @ features.dense.T + (features.sparse @ features.sparse.T).toarray()
    np.fill_diagonal(full, -np.inf)
    k = min(chosen.n_neighbors, len(articles) - 1)
    top = np.argsort(-full, axis=1, kind="stable")[:, :k]
    return {(min(i, int(j)), max(i, int(j))) for i in range(len(articles)) for j in top[i]}


def _mixed_corpus() -> list[Article]:
    day = date(2024, 3, 1)
    stories = [(t, a, f"{b} Report number {i}.") for i, (t, a, b) in enumerate([*QUETTA, *LIMA, PHONE] * 3)]
    return [_article(i, s, None if i % 4 == 0 else day + timedelta(days=(i * 5) % 40)) for i, s in enumerate(stories)]


def test_neighbour_search_without_a_date_limit_is_the_exact_search() -> None:
    articles = _mixed_corpus()
    wide = EventSettings(n_neighbors=3, search_window_days=10_000)
    assert _pairs(articles, wide) == _brute_force_pairs(articles, wide)


def test_dated_articles_find_neighbours_only_within_the_search_window() -> None:
    articles = _mixed_corpus()
    narrow = EventSettings(n_neighbors=3, search_window_days=4, search_min_candidates=1)
    days = _ordinals(articles)
    pairs = _pairs(articles, narrow)
    assert pairs
    for i, j in pairs:
        if days[i] >= 0 and days[j] >= 0:
            assert abs(days[i] - days[j]) <= 4
    # Undated articles are linked to dated ones too (their candidates are every article).
    assert any((days[i] < 0) != (days[j] < 0) for i, j in pairs)
    # Where the window holds too few articles, the nearest in date widen it.
    pooled = EventSettings(n_neighbors=3, search_window_days=4, search_min_candidates=2 * len(articles))
    assert _pairs(articles, pooled) == _brute_force_pairs(articles, pooled)


def test_approximate_search_above_the_exact_limit_finds_the_same_events() -> None:
    stories = [*QUETTA, *LIMA, PHONE] * 4
    articles = [_article(i, s) for i, s in enumerate(stories)]
    exact = _fit(articles)
    approximate = EventSettings(exact_search_max=10, search_min_candidates=7, search_probes=2)
    labels = _fit(articles, approximate).labels_
    assert _groups(labels) == _groups(exact.labels_)
    assert _fit(articles, approximate).labels_.tolist() == labels.tolist()


def test_the_body_vector_does_not_depend_on_how_the_text_was_cut_into_paragraphs() -> None:
    # Paragraph vectors pooled from sentences (word-weighted): one block of text or the same text in two
    # paragraphs of different lengths must give the same body vector.
    short, long = "Quetta was hit.", "Rescue teams searched collapsed mud houses through the night in Balochistan."
    rng = np.random.default_rng(0)
    first, second = rng.normal(size=8).astype(np.float32), rng.normal(size=8).astype(np.float32)
    n_short, n_long = len(short.split()), len(long.split())
    pooled = (n_short * first + n_long * second) / (n_short + n_long)
    block = Article(id="a", path="a", outlet="o", title="Quake", paragraphs=(f"{short} {long}",))
    cut = Article(id="b", path="b", outlet="o", title="Quake", paragraphs=(short, long))
    articles = [block, cut]
    lead = np.vstack([first, first])
    features = _build_features(articles, [pooled[None, :], np.vstack([first, second])], lead, EventSettings())
    np.testing.assert_allclose(features.dense[0], features.dense[1], atol=1e-6)


def test_a_story_in_more_copies_than_neighbours_stays_one_event(tmp_path: Path) -> None:
    # 120 copies (4x n_neighbors), each a little different: a copy links to only n_neighbors of the others, and
    # without collapsing copies the averages count the missing pairs as 0 and the story split in two or more.
    copies = list(load_corpus(copies_corpus(tmp_path / "corpus", 120)).articles)
    articles = [*copies[:60], _article(120, PHONE), *copies[60:]]
    labels = _fit(articles).labels_
    assert labels.tolist() == [0] * 60 + [1] + [0] * 60
