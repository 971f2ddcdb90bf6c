"""Hostile and broken input: never a traceback, never lost data, never an injected terminal or report."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from coverage import HashingEmbedder, Settings, compare, load_corpus
from coverage._io import slugify, write_atomic
from coverage.report.terminal import render_comparison
from coverage.text.cleaning import clean_text, split_paragraphs

BODY = "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty."


def test_ansi_sequences_and_rich_markup_never_reach_the_terminal_as_commands(write) -> None:
    hostile = (
        f"Title \x1b[2J\x1b[31mred\x1b[0m [link=http://evil]click[/link]\n\n{BODY} \x1b]8;;http://x\x07osc\x1b]8;;\x07"
    )
    root = write({"a/x.txt": hostile, "b/y.txt": f"Other\n\n{BODY}"})
    result = compare(root, Settings().replace(embedding={"cache": False}), embedder=HashingEmbedder())
    stream = io.StringIO()
    console = Console(file=stream, width=120, force_terminal=True, color_system="truecolor")
    for renderable in render_comparison(result):
        console.print(renderable)
    text = stream.getvalue()
    assert "\x1b[2J" not in text and "\x1b]8;;http://x" not in text
    assert "\x1b]8;" not in text  # no hyperlink escape from the [link=...] markup in the article
    assert "[link=http://evil]click[/link]" in text


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "x" * 500, "CON", "?!*:|<>", "Беспорядки в Казахстане", "", ".hidden", "a/b\\c"],
)
def test_titles_give_safe_slugs(title: str) -> None:
    slug = slugify(title)
    assert slug and len(slug) <= 60
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert slug.lower() not in {"con", "prn", "aux", "nul"}


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.md"
    write_atomic(target, "old")

    def boom(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_symlink_loops_and_broken_links_are_reported(write, tmp_path: Path) -> None:
    root = write({"a/x.txt": f"T\n\n{BODY}"})
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    corpus = load_corpus(root)
    reasons = {s.path: s.message for s in corpus.skipped}
    assert "loop" in reasons and "not followed" in reasons["loop"]
    assert "dangling.txt" in reasons and "link" in reasons["dangling.txt"]
    assert len(corpus.articles) == 1


def test_non_utf8_file_names_are_accounted_for(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    name = os.fsencode(root) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(f"T\n\n{BODY}".encode())
    corpus = load_corpus(root)
    assert corpus.files_seen == 1 and len(corpus.articles) == 1
    assert corpus.articles[0].path.startswith("caf")
    json.dumps(corpus.articles[0].path)  # printable and serialisable


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_skipped(write) -> None:
    root = write({"secret.txt": f"T\n\n{BODY}"})
    (root / "secret.txt").chmod(0)
    assert load_corpus(root).skipped[0].reason.name == "UNREADABLE"


def test_deeply_nested_and_truncated_json(write) -> None:
    root = write({"deep.json": "[" * 100_000 + "]" * 100_000, "cut.json": '[{"title": "a", "text": "b'})
    reasons = {s.path: s.reason.name for s in load_corpus(root).skipped}
    assert reasons["cut.json"] == "INVALID_JSON"
    assert reasons["deep.json"] in {"INVALID_JSON", "BAD_RECORD"}


def test_a_json_list_of_thousands_of_articles(write) -> None:
    items = [{"title": f"t{i}", "text": f"{BODY} Number {i}.", "outlet": f"o{i % 7}"} for i in range(3000)]
    corpus = load_corpus(write({"many.json": items}))
    assert len(corpus.articles) == 3000 and corpus.skipped == ()


FILES = st.dictionaries(
    st.from_regex(r"[a-z]{1,6}(/[a-z]{1,6})?\.(txt|md|json|jsonl|html|bin)", fullmatch=True),
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=300),
        st.just(f"Title\n\n{BODY}"),
        st.just(json.dumps({"title": "t", "text": BODY})),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(FILES)
def test_every_file_is_an_article_or_skipped(tmp_path_factory: pytest.TempPathFactory, files: dict) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    written = set()
    for name, content in files.items():
        path = root / name
        if any(p.is_file() for p in path.parents if p != root and p.exists()):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            continue
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
        written.add(name)
    corpus = load_corpus(root)
    assert corpus.files_seen == len(written)
    sources = {a.path for a in corpus.articles} | {s.path.split("#")[0] for s in corpus.skipped}
    assert sources == written


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_cleaning_never_fails_and_never_returns_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    for paragraph in split_paragraphs(cleaned):
        assert paragraph.strip() == paragraph and "\n\n" not in paragraph


FAST_SETTINGS = Settings().replace(embedding={"cache": False})


def test_no_network_access_in_any_code_path(write, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = (
        "<html><head><title>T</title><link rel='stylesheet' href='https://cdn.example/x.css'>"
        "<script src='https://evil.example/x.js'></script></head><body><article><h1>Unrest</h1>"
        f"<p>{BODY}</p><iframe src='https://evil.example/frame'></iframe><img src='https://evil.example/i.png'>"
        "<form action='https://evil.example/post'><input name='q'></form></article></body></html>"
    )
    root = write({"a/page.html": page, "b/x.txt": f"Other\n\n{BODY}"})
    result = compare(root, FAST_SETTINGS, embedder=HashingEmbedder())
    texts = [p for a in result.corpus.articles for p in a.paragraphs]
    assert BODY in texts and not any("evil.example" in t for t in texts)


def test_a_file_over_50_mb_is_skipped_with_a_reason(write) -> None:
    root = write({"a/ok.txt": f"T\n\n{BODY}"})
    with open(root / "huge.txt", "wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    corpus = load_corpus(root)
    (skipped,) = corpus.skipped
    assert skipped.path == "huge.txt" and skipped.reason.name == "TOO_LARGE" and "MB" in skipped.message


def test_ctrl_c_exits_130_without_a_traceback(write, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import coverage.pipeline
    from coverage.cli import cli

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(coverage.pipeline, "compare", interrupted)
    root = write({"a/x.txt": f"T\n\n{BODY}"})
    result = CliRunner().invoke(cli, ["compare", str(root), "--model", "hashing"])
    assert result.exit_code == 130 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"one.txt": f"Only one\n\n{BODY}"},
        {f"same/a{i}.txt": f"Story {i}\n\n{BODY} Extra detail number {i}." for i in range(5)},
        {"a/no-title.json": {"text": BODY}, "b/no-date.json": {"text": BODY + " More.", "title": ""}},
    ],
    ids=["empty", "one-article", "one-outlet", "no-titles-no-dates"],
)
def test_degenerate_corpora(write, files: dict) -> None:
    root = write(files)
    result = compare(root, FAST_SETTINGS, embedder=HashingEmbedder())
    assert len(result.corpus.articles) == len(files)
    assert sum(len(e.articles) for e in result.events) == len(files)
    for event in result.events:
        assert event.title  # a title even when no article has one


def test_thousands_of_articles_from_one_outlet(write) -> None:
    items = [{"title": f"Report {i}", "text": f"{BODY} Case {i} of {i * 7}."} for i in range(1500)]
    root = write({"wire/feed.json": items})
    result = compare(root, FAST_SETTINGS, embedder=HashingEmbedder())
    assert sum(len(e.articles) for e in result.events) == 1500
    assert all(e.outlets == ("wire",) for e in result.events)


def test_same_output_with_and_without_the_cache(write, tmp_path: Path) -> None:
    from coverage.report.jsonio import to_json
    from coverage.report.markdown import render_event_markdown

    root = write({"a/x.txt": f"T1\n\n{BODY}\n\nTroops arrived on Thursday.", "b/y.txt": f"T2\n\n{BODY}"})
    cached = Settings().replace(embedding={"cache_dir": str(tmp_path / "cache")})
    runs = [
        compare(root, FAST_SETTINGS, embedder=HashingEmbedder()),
        compare(root, cached, embedder=HashingEmbedder()),
        compare(root, cached, embedder=HashingEmbedder()),  # now from the cache
    ]
    assert len({to_json(r) for r in runs}) == 1
    assert len({render_event_markdown(r.events[0]) for r in runs}) == 1


def _fill_cache(folder: str, start: int) -> None:
    from coverage._cache import EmbeddingCache
    from coverage.analysis.embedding import embed_unique

    texts = [f"text number {i}" for i in range(start, start + 300)]
    embed_unique(texts, HashingEmbedder(), cache=EmbeddingCache(Path(folder)))


def test_two_runs_sharing_a_cache_do_not_corrupt_it(tmp_path: Path) -> None:
    import multiprocessing

    from coverage._cache import EmbeddingCache
    from coverage.analysis.embedding import embed_unique

    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_fill_cache, args=(str(tmp_path), start)) for start in (0, 150)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    _, computed = embed_unique(
        [f"text number {i}" for i in range(450)], HashingEmbedder(), cache=EmbeddingCache(tmp_path)
    )
    assert computed == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_figure_and_quote_extraction_never_fail(text: str) -> None:
    from coverage.analysis.figures import extract_figures
    from coverage.analysis.quotes import extract_quotes

    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
    extract_quotes([text, text[::-1]])
