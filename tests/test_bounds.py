"""Per-event work stays bounded on pathological inputs: many copies of one story, one huge single-line file.

The sparse average linkage of :func:`coverage.analysis.alignment.group_units` is checked against the dense version
it replaced (kept here as the reference), on random link sets.
"""

from __future__ import annotations

import html
import io
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from coverage import HashingEmbedder, Settings, compare, load_corpus
from coverage.analysis.alignment import group_units
from coverage.model import Link, ParagraphRef, SkipReason
from coverage.report.html import event_page
from coverage.report.jsonio import to_json
from coverage.report.markdown import render_event_markdown
from coverage.report.terminal import render_comparison
from coverage.text.cleaning import cap_length, split_paragraphs

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from pathological import STORY, copies_corpus, one_line_file

FAST = Settings().replace(embedding={"cache": False, "model": "hashing"})


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


# --------------------------------------------------------------------------------------------- long paragraphs

words = st.text(alphabet="abcdefgh", min_size=1, max_size=30)
sentences = st.builds(
    lambda ws, end: " ".join(ws) + end, st.lists(words, min_size=1, max_size=40), st.sampled_from([".", "", "!"])
)


@settings(max_examples=200, deadline=None)
@given(st.lists(sentences, min_size=1, max_size=30).map(" ".join), st.integers(20, 300))
def test_capped_pieces_fit_and_lose_nothing(text: str, limit: int) -> None:
    pieces = cap_length(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())  # nothing lost but spaces
    if all(len(w) <= limit // 2 for w in text.split()):  # cut at spaces only: every word whole
        assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_a_paragraph_that_never_ends_is_cut_at_spaces() -> None:
    text = "the water rose " * 10_000  # 150,000 characters, no sentence end
    pieces = split_paragraphs(text, Settings().ingest)
    assert len(pieces) > 70 and max(len(p) for p in pieces) <= Settings().ingest.max_paragraph_chars
    assert all(p.startswith("the ") or p.startswith("water ") or p.startswith("rose ") for p in pieces)


def test_an_article_over_the_character_cap_is_skipped_with_the_reason(tmp_path: Path) -> None:
    one_line_file(tmp_path / "corpus", 0.2)  # 200,000 characters on one line, and one ordinary article
    corpus = load_corpus(tmp_path / "corpus", Settings().replace(ingest={"max_article_chars": 100_000}).ingest)
    assert [a.outlet for a in corpus.articles] == ["other"]
    [skipped] = corpus.skipped
    assert skipped.reason is SkipReason.TOO_LARGE and "ingest.max_article_chars" in skipped.message
    kept = load_corpus(tmp_path / "corpus", Settings().ingest)
    giant = next(a for a in kept.articles if a.outlet == "giant")
    assert max(len(p) for p in giant.paragraphs) <= Settings().ingest.max_paragraph_chars


def test_a_huge_one_line_file_is_skipped_in_bounded_memory(tmp_path: Path) -> None:
    """5 MB on one line: read, cleaned and skipped (over ``max_article_chars``) in a subprocess under 1 GB."""
    one_line_file(tmp_path / "corpus", 5)
    child = (
        "import json, re, sys\n"
        "from pathlib import Path\n"
        "from coverage import Settings, compare\n"
        "r = compare(sys.argv[1], Settings().replace(embedding={'cache': False, 'model': 'hashing'}))\n"
        # VmHWM is this process's own peak: ru_maxrss survives exec, so it would carry pytest's peak
        "peak = int(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1))\n"
        "print(json.dumps({'rss': peak / 1024,\n"
        "    'skipped': [s.message for s in r.corpus.skipped], 'events': len(r.events)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child, str(tmp_path / "corpus")], capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rss"] < 1024, result
    assert result["events"] == 1
    assert len(result["skipped"]) == 1 and "max_article_chars" in result["skipped"][0]


# ---------------------------------------------------------------------------------------------- big events


def test_an_event_over_the_cap_is_analysed_on_a_sample_and_says_so(tmp_path: Path) -> None:
    copies_corpus(tmp_path / "corpus", 12)
    settings = FAST.replace(events={"max_articles": 5, "threshold": 0.05})
    comparison = compare(tmp_path / "corpus", settings, embedder=HashingEmbedder())
    [event] = comparison.events
    assert len(event.articles) == 5 and len(event.left_out) == 7
    assert not {a.id for a in event.articles} & set(event.left_out)
    assert all(m.article not in event.left_out for u in event.units for m in u.members)
    # Each outlet has one article: the five earliest are kept (the corpus dates them 1, 2, 3 March in turn).
    dates = sorted((a.published, a.id) for a in comparison.corpus.articles)
    assert sorted(a.id for a in event.articles) == sorted(i for _, i in dates[:5])
    note = event.sample_note
    assert note.startswith("Analysed on a sample of 5 of its 12 articles")
    stream = io.StringIO()
    console = Console(file=stream, width=300, color_system=None, force_terminal=False)
    for renderable in render_comparison(comparison):
        console.print(renderable)
    assert note in stream.getvalue()
    assert note in render_event_markdown(event)
    assert html.escape(note) in event_page(event)
    data = json.loads(to_json(comparison))["events"][0]
    assert data["sample"] == {"note": note, "left_out": list(event.left_out)}


def test_an_event_within_the_cap_is_whole_and_says_nothing(tmp_path: Path) -> None:
    copies_corpus(tmp_path / "corpus", 6)
    comparison = compare(tmp_path / "corpus", FAST.replace(events={"threshold": 0.05}), embedder=HashingEmbedder())
    assert all(not e.left_out and not e.sample_note for e in comparison.events)
    assert "sample" not in json.loads(to_json(comparison))["events"][0]


def test_an_event_of_one_outlet_is_never_sampled(write) -> None:
    """Articles of one outlet are never compared with each other: however many, the work stays linear."""
    root = write({f"wire/{k}.txt": f"Floods {k}\n\n" + "\n\n".join(STORY) for k in range(8)})
    settings = FAST.replace(events={"max_articles": 3, "threshold": 0.05})
    comparison = compare(root, settings, embedder=HashingEmbedder())
    assert sum(len(e.articles) for e in comparison.events) == 8
    assert all(not e.left_out for e in comparison.events)


def test_four_hundred_copies_of_one_story_are_analysed(tmp_path: Path) -> None:
    """The analysis stays bounded: the big event on a sample of ``events.max_articles``, one copy record per copy."""
    copies_corpus(tmp_path / "corpus", 400)
    start = time.process_time()
    comparison = compare(tmp_path / "corpus", FAST, embedder=HashingEmbedder())
    assert time.process_time() - start < 120
    assert sum(len(e.articles) + len(e.left_out) for e in comparison.events) == 400
    limit = FAST.events.max_articles
    assert all(len(e.articles) <= limit for e in comparison.events)
    big = comparison.events[0]
    assert big.left_out and len(big.articles) == limit
    assert len(big.copies) < len(big.articles)  # each copy once, never every pair
    assert all(len(u.members) <= limit for u in big.units)
