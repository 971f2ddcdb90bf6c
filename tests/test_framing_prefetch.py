"""The framing's texts of all events embedded in one call ahead (pipeline.SharedEmbedder): same events as building
each event with its own embedder calls, in a handful of calls instead of several per event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from coverage import pipeline
from coverage.analysis.alignment import Aligner
from coverage.analysis.embedding import HashingEmbedder
from coverage.analysis.framing.analyse import framing_texts
from coverage.ingest import load_corpus
from coverage.model import Event
from coverage.settings import Settings
from tests.conftest import DEMO


class _Counting:
    """A hashing embedder that counts the calls and texts asked of it."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.calls: list[int] = []

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str], *, progress: object = None) -> np.ndarray:
        self.calls.append(len(texts))
        return self.inner.encode(texts)


def _events(builder: pipeline.EventBuilder | None, embedder: _Counting) -> list[Event]:
    settings = Settings()
    settings = replace(settings, embedding=replace(settings.embedding, model="hashing", cache=False))
    corpus = load_corpus(DEMO, settings.ingest)
    vectors = pipeline.embed_corpus(corpus.articles, embedder.inner, pool=False)
    return pipeline.build_events(
        corpus.articles,
        vectors,
        settings,
        embed_sentences=pipeline.sentence_embedder(vectors, embedder.inner),
        embedder=embedder,
        builder=builder,
    )


def test_prefetched_framing_equals_event_by_event() -> None:
    settings = Settings()
    one_by_one = _Counting()

    def each(jobs: list[pipeline.EventJob], counts: Counter[str]) -> list[Event]:
        aligner = Aligner(settings.alignment)
        return [pipeline.build_event(job, aligner, settings, corpus_counts=counts, embedder=one_by_one) for job in jobs]

    before = _events(each, one_by_one)
    shared = _Counting()
    after = _events(None, shared)
    assert [e.framing for e in after] == [e.framing for e in before]
    assert after == before
    assert any(e.framing is not None and e.framing.labels for e in after)  # something was compared
    assert len(shared.calls) < len(one_by_one.calls)
    assert max(shared.calls) > 100  # the prefetch: the texts of all events in one call


def test_framing_texts_predict_what_the_framing_embeds() -> None:
    """Nearly every text the framing asks for after the prefetch was in it (the rest are embedded when asked),
    and an event without a sentence alignment predicts nothing."""
    from coverage.analysis.framing.frames import FRAMES

    embedder = _Counting()
    events = _events(None, embedder)
    prefetched = max(embedder.calls)
    prototypes = sum(len(v) for v in FRAMES.values())
    later = sum(embedder.calls) - prefetched - sum(n for n in embedder.calls if n == prototypes)
    assert later <= 0.1 * prefetched
    assert framing_texts(events[0], None, Settings().framing) == []
