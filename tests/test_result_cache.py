"""The analysis and chart caches: a second run on an unchanged folder recomputes nothing, and any change that
could alter the result (a file, a setting, the code) is a miss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import coverage.pipeline as pipeline
import coverage.report.plots as plots
from coverage import EmbeddingCache, HashingEmbedder, Settings, compare
from coverage.report.jsonio import to_json
from coverage.report.markdown import write_markdown

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
    "Fuel prices doubled on January 1, which started the first protests in the oil town of Zhanaozen.",
]


class Counting(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__(64)
        self.texts = 0

    def encode(self, texts, *, progress=None):  # type: ignore[no-untyped-def]
        self.texts += len(texts)
        return super().encode(texts, progress=progress)


@pytest.fixture
def folder(write) -> Path:  # type: ignore[no-untyped-def]
    return write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join(P[:3]),
            "beta/b.json": {"title": "Kazakhstan detains thousands", "text": "\n\n".join([P[1], P[0]])},
            "gamma/c.md": "---\ntitle: Fuel prices\ndate: 2022-01-10\n---\n\n"
            + "\n\n".join([P[3], P[0].replace("5,800", "more than 9,000")]),
        }
    )


def count_analyses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make pipeline.build_events (the analysis a cache hit skips) record each call."""
    calls: list[int] = []
    original = pipeline.build_events

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pipeline, "build_events", counted)
    return calls


def settings_in(cache: Path) -> Settings:
    return Settings().replace(embedding={"cache_dir": cache}, events={"threshold": 0.05})


def test_second_run_reuses_the_analysis_and_gives_the_same_result(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_in(tmp_path / "cache")
    first_embedder, second_embedder = Counting(), Counting()
    first = compare(folder, settings, embedder=first_embedder)
    calls = count_analyses(monkeypatch)
    second = compare(folder, settings, embedder=second_embedder)
    assert first_embedder.texts > 0
    assert second_embedder.texts == 0 and calls == []
    assert to_json(first) == to_json(second)
    assert second.corpus.articles == first.corpus.articles


def test_an_edited_file_a_setting_or_the_code_is_a_new_analysis(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_in(tmp_path / "cache")
    corpus = pipeline.load_corpus(folder, settings.ingest)
    key = pipeline.result_key(corpus, settings, "m")
    assert key == pipeline.result_key(corpus, settings.replace(embedding={"cache_dir": tmp_path / "other"}), "m")
    assert key != pipeline.result_key(corpus, settings, "another model")
    assert key != pipeline.result_key(corpus, settings.replace(facts={"majority": 0.9}), "m")
    (folder / "beta" / "b.json").write_text('{"title": "Kazakhstan detains thousands", "text": "Changed."}')
    edited = pipeline.load_corpus(folder, settings.ingest)
    assert key != pipeline.result_key(edited, settings, "m")
    monkeypatch.setattr(pipeline, "code_fingerprint", lambda: "other code")
    assert key != pipeline.result_key(corpus, settings, "m")

    first = compare(folder, settings, embedder=Counting())
    embedder = Counting()
    (folder / "alpha" / "a.txt").write_text("Unrest in Kazakhstan\n\n" + "\n\n".join(P[1:3]))
    second = compare(folder, settings, embedder=embedder)
    assert embedder.texts > 0  # the title+lead of the edited article is new
    assert to_json(first) != to_json(second)


def test_a_damaged_or_foreign_cached_analysis_is_recomputed(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings_in(tmp_path / "cache")
    expected = to_json(compare(folder, settings, embedder=Counting()))
    for damage in ("UPDATE blobs SET data = substr(data, 1, 10) WHERE kind = 'result'", None):
        with sqlite3.connect(tmp_path / "cache" / "embeddings.sqlite3") as db:
            if damage:
                db.execute(damage)
            else:  # well-formed pickle of something that is not a list of events, with a matching checksum
                import hashlib
                import pickle

                data = pickle.dumps({"not": "events"})
                check = hashlib.blake2b(data, digest_size=8).hexdigest()
                db.execute("UPDATE blobs SET data = ?, check_ = ? WHERE kind = 'result'", (data, check))
        with monkeypatch.context() as patch:
            calls = count_analyses(patch)
            again = compare(folder, settings, embedder=Counting())
        assert calls == [1]
        assert to_json(again) == expected


def test_no_cache_setting_writes_no_cache(folder: Path, tmp_path: Path) -> None:
    settings = settings_in(tmp_path / "cache").replace(embedding={"cache": False})
    compare(folder, settings, embedder=Counting())
    assert not (tmp_path / "cache").exists()


def test_blob_store_keeps_only_the_most_recent_entries_of_a_kind(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    for i in range(5):
        cache.put_blob(f"r{i}", "result", b"x" * i, keep=3)
    cache.put_blob("c0", "chart", b"png", keep=3)
    assert [cache.get_blob(f"r{i}") for i in range(5)] == [None, None, b"xx", b"xxx", b"xxxx"]
    assert cache.get_blob("c0") == b"png"
    cache.close()


def test_charts_come_from_the_cache_on_a_second_run_and_do_not_depend_on_workers(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = compare(folder, settings_in(tmp_path / "cache").replace(embedding={"cache": False}), embedder=Counting())
    events = [e for e in result.events if len(e.outlets) > 1]
    assert events, "the fixture must give a multi-outlet event"
    serial = plots.render_charts(events, parallel_from=10**6)
    assert serial and all(data.startswith(b"\x89PNG") for data in serial.values())
    monkeypatch.setattr(plots, "_workers", lambda: 2)
    assert plots.render_charts(events, parallel_from=0) == serial  # drawn in 2 spawned processes

    cache = EmbeddingCache(tmp_path / "charts")
    write_markdown(result, tmp_path / "first", cache=cache)
    drawn: list[str] = []
    monkeypatch.setattr(plots, "_draw", lambda event, chart: drawn.append(chart))
    write_markdown(result, tmp_path / "second", cache=cache)
    cache.close()
    assert drawn == []
    first = sorted(p.name for p in (tmp_path / "first").iterdir())
    assert first == sorted(p.name for p in (tmp_path / "second").iterdir())
    for name in first:
        assert (tmp_path / "first" / name).read_bytes() == (tmp_path / "second" / name).read_bytes()
    assert any(name.endswith(".png") for name in first)


def test_library_versions_are_part_of_the_key(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_in(tmp_path / "cache")
    corpus = pipeline.load_corpus(folder, settings.ingest)
    key = pipeline.result_key(corpus, settings, "m")
    monkeypatch.setattr(pipeline, "_library_versions", lambda: "numpy==0.0")
    assert pipeline.result_key(corpus, settings, "m") != key


def test_an_unusable_cache_folder_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = EmbeddingCache(blocker)
    assert cache.get_blob("x") is None
    cache.put_blob("x", "result", b"data", keep=1)  # logged, not raised
    assert cache.get_many(["x"]) == {}


def test_charts_are_drawn_here_when_worker_processes_fail(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import concurrent.futures

    result = compare(folder, settings_in(tmp_path / "cache").replace(embedding={"cache": False}), embedder=Counting())
    events = [e for e in result.events if len(e.outlets) > 1]
    serial = plots.render_charts(events, parallel_from=10**6)

    class Refusing:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Refusing)
    monkeypatch.setattr(plots, "_workers", lambda: 2)
    assert plots.render_charts(events, parallel_from=0) == serial
