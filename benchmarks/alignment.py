"""Paragraph and sentence alignment, measured against Bertalign on the same inputs with the same model.

Usage::

    .venv/bin/python benchmarks/alignment.py [--out FILE.json] [--no-bertalign] [--seed 0] [--only SET ...]
    .venv/bin/python benchmarks/alignment.py --sweep link_threshold=0.5,0.55,0.6 [--only SET ...]

Reads the evaluation corpora in ``$COVERAGE_DATASETS`` (default ``../shared/datasets`` beside the repository)
and, where it exists, the demo corpus gold in ``datasets/kazakhstan-2022.ground_truth.json``. Sets (see
``benchmarks/README.md``):

- ``ecb-pairs``: the 116 human cross-document sentence pairs of ECB+ (QA-Align dev): both documents are aligned
  sentence by sentence. The gold is not exhaustive, so precision is a lower bound, counted only over links that
  touch a gold sentence; recall is the main figure. ``ecb-paragraphs``: the same documents in paragraphs of three
  sentences. ``ecb-pairs-3s`` and ``ecb-pairs-nested``: sentences of those paragraphs, aligned as one list or
  only inside linked paragraphs (:meth:`coverage.Aligner.align_sentences`).
- ``null-sentences``, ``null-paragraphs``: documents of one ECB+ topic about two different events; every link
  is false, so the figure is false links per 100 segments.
- ``shuffled``, ``merged``, ``split``, ``dropped``, ``inserted``: order-free perturbations of real articles
  (NewsWCL50 paragraphs; ECB+ sentences in threes), gold known by construction; ``monotone``: drops, merges and
  splits without reordering, for the order-preserving mode.
- ``demo``: the hand-made paragraph links of the demo corpus (not exhaustive either).

Bertalign runs in its own Python >= 3.12 environment (``.bench/bertalign-venv``, made on first use) through
``benchmarks/_bertalign_worker.py``; see that file for how it is fed the vectors of our embedding model.
Embeddings are cached in ``$COVERAGE_BENCH_CACHE`` (default ``/tmp/cov-cache``), so repeated runs are quick.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coverage import Aligner, EmbeddingCache, SentenceTransformerEmbedder  # noqa: E402
from coverage.analysis.embedding import embed_unique  # noqa: E402
from coverage.settings import AlignmentSettings  # noqa: E402
from coverage.text.cleaning import split_sentences  # noqa: E402

logger = logging.getLogger("benchmarks.alignment")

DATASETS = Path(os.environ.get("COVERAGE_DATASETS", ROOT.parent / "shared" / "datasets"))
DEMO = ROOT / "datasets" / "kazakhstan-2022"
CACHE = Path(os.environ.get("COVERAGE_BENCH_CACHE", "/tmp/cov-cache"))
BENCH = ROOT / ".bench"
BERTALIGN_VENV = BENCH / "bertalign-venv"
BERTALIGN_VERSION = "2.0.1"
# What Bertalign imports, less torch and sentence-transformers (see _bertalign_worker.py); numba's np.dot needs
# scipy's BLAS, which sentence-transformers would otherwise have brought in.
BERTALIGN_DEPS = ["numba", "numpy", "scipy", "lingua-language-detector", "sentence-splitter"]
PYTHON_312_PLACES = [str(p) for p in sorted(Path("/root/.pyenv/versions").glob("3.1[2-9]*/bin/python3"))]
WORKER = Path(__file__).resolve().parent / "_bertalign_worker.py"

# Perturbation parameters: the share of paragraphs each operation touches. Chosen as round numbers, not fitted.
NEWSWCL_ARTICLES = 25
ECB_ARTICLES = 40
ECB_SENTENCES_PER_PARAGRAPH = 3
MIN_PARAGRAPHS = 4
WORD_DROP = 0.1  # every perturbed paragraph also loses this share of its words: an edited copy, not a clone
MOVE_SHARE = 0.3  # order-free sets other than "shuffled" move this share of their paragraphs elsewhere
MERGE_SHARE = 0.5
SPLIT_SHARE = 0.5
DROP_SHARE = 0.3
INSERT_SHARE = 0.3
MONOTONE_SHARES = {"drop": 0.2, "merge": 0.25, "split": 0.25}
NULL_PAIRS_PER_TOPIC = 3
EMBED_SAMPLE = 200  # texts per system timed without the cache, to estimate the embedding cost


@dataclass(frozen=True)
class Case:
    """Two texts to align and the gold links between them.

    ``a``/``b`` are the segments both systems see; ``a_owner``/``b_owner`` map each segment to the item the gold
    indexes (the same index unless the sentence splitter cut a gold sentence in two). ``exhaustive`` is False
    where the gold lists only some of the true links.
    """

    name: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    gold: frozenset[tuple[int, int]]
    a_owner: tuple[int, ...] = ()
    b_owner: tuple[int, ...] = ()
    exhaustive: bool = True
    sources: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the items the gold indexes, where not a/b

    def owners(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return (self.a_owner or tuple(range(len(self.a))), self.b_owner or tuple(range(len(self.b))))


@dataclass(frozen=True)
class Benchmark:
    """A named set of cases at one granularity."""

    name: str
    cases: tuple[Case, ...]
    granularity: str = "paragraph"
    order_free: bool = True
    description: str = ""


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    gold: int = 0
    seconds: float = 0.0
    links: int = 0
    segments: int = 0
    per_case: list[tuple[int, int, int]] = field(default_factory=list)

    def add(
        self,
        case: Case,
        links: Iterable[tuple[int, int]],
        seconds: float,
        spans: tuple[Sequence[Sequence[int]], Sequence[Sequence[int]]] | None = None,
    ) -> None:
        """Score one case; ``spans`` give the gold items each segment covers where that is not ``case.owners()``."""
        a_owner, b_owner = spans or tuple([(k,) for k in side] for side in case.owners())
        predicted = {(i, j) for p, q in links for i in a_owner[p] for j in b_owner[q]}
        self.links += len(set(links))
        self.segments += len(a_owner) + len(b_owner)
        if not case.exhaustive:
            rows = {i for i, _ in case.gold}
            cols = {j for _, j in case.gold}
            predicted = {(i, j) for i, j in predicted if i in rows or j in cols}
        tp = len(predicted & case.gold)
        self.tp += tp
        self.predicted += len(predicted)
        self.gold += len(case.gold)
        self.seconds += seconds
        self.per_case.append((tp, len(predicted), len(case.gold)))

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "links_per_100_segments": round(100 * self.links / self.segments, 2) if self.segments else 0.0,
            "align_seconds": round(self.seconds, 4),
        }


# ----------------------------------------------------------------------------------------------- data sets


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _tokens_key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def _split_owned(sentences: Sequence[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Sentences as our splitter cuts them (what both systems see), each with the index of its source sentence."""
    pieces: list[str] = []
    owners: list[int] = []
    for index, sentence in enumerate(sentences):
        for piece in split_sentences(sentence) or [_norm(sentence) or "."]:
            pieces.append(piece)
            owners.append(index)
    return tuple(pieces), tuple(owners)


def ecb_pairs(root: Path) -> Benchmark:
    """The QA-Align dev pairs: one case per document pair, gold = the annotated sentence pairs."""
    documents = {d["doc_id"]: d for d in _read_jsonl(root / "ecbplus" / "documents.jsonl")}
    rows = _read_jsonl(root / "ecbplus" / "qa_align_dev_gold_ecbplus_pairs.jsonl")
    gold: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for row in rows:
        i = _locate_sentence(documents[row["doc_1"]], row["sent_1"], row["text_1"])
        j = _locate_sentence(documents[row["doc_2"]], row["sent_2"], row["text_2"])
        gold[(row["doc_1"], row["doc_2"])].add((i, j))
    cases = []
    for (doc_a, doc_b), pairs in sorted(gold.items()):
        sources = (
            tuple(_norm(s["text"]) for s in documents[doc_a]["sentences"]),
            tuple(_norm(s["text"]) for s in documents[doc_b]["sentences"]),
        )
        a, a_owner = _split_owned(sources[0])
        b, b_owner = _split_owned(sources[1])
        cases.append(
            Case(f"{doc_a}~{doc_b}", a, b, frozenset(pairs), a_owner, b_owner, exhaustive=False, sources=sources)
        )
    return Benchmark(
        "ecb-pairs",
        tuple(cases),
        granularity="sentence",
        description=f"ECB+ QA-Align dev: {len(rows)} human cross-document sentence pairs, {len(cases)} document pairs",
    )


def ecb_paragraph_pairs(sentences: Benchmark) -> Benchmark:
    """The same document pairs as paragraphs of three gold sentences; gold: paragraph pairs holding a gold pair."""
    step = ECB_SENTENCES_PER_PARAGRAPH
    cases = []
    for case in sentences.cases:
        a, b = (tuple(" ".join(side[k : k + step]) for k in range(0, len(side), step)) for side in case.sources)
        gold = frozenset((i // step, j // step) for i, j in case.gold)
        cases.append(Case(case.name, a, b, gold, exhaustive=False))
    return Benchmark(
        "ecb-paragraphs",
        tuple(cases),
        description=f"the ecb-pairs documents as paragraphs of {step} sentences; gold: the paragraph pairs that "
        "hold a gold sentence pair",
    )


def _locate_sentence(document: dict[str, Any], sent_id: int, text: str) -> int:
    """Index of the gold sentence: its id, unless the text says the reference is off by a sentence or two."""
    sentences = document["sentences"]
    position = {s["sent_id"]: k for k, s in enumerate(sentences)}
    key = _tokens_key(text)
    if sent_id in position and _tokens_key(sentences[position[sent_id]]["text"]) == key:
        return position[sent_id]
    matches = [k for k, s in enumerate(sentences) if _tokens_key(s["text"]) == key]
    if matches:
        return min(matches, key=lambda k: abs(k - position.get(sent_id, k)))
    logger.warning("%s: gold sentence %s not found by its text; using its id", document["doc_id"], sent_id)
    return position[sent_id]


def ecb_null(root: Path, seed: int, granularity: str) -> Benchmark:
    """Hard negatives: documents of one ECB+ topic that report two different events; every link is false.

    Three seeded document pairs per topic (one document of each event). Both events are of the same kind (two
    earthquakes, two arrests of one athlete), so their texts share words, places and phrasing but not facts.
    """
    documents = _read_jsonl(root / "ecbplus" / "documents.jsonl")
    by_topic: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for document in documents:
        by_topic[document["topic"]][document["subtopic"]].append(document)
    rng = _rng(seed, "null", granularity)
    cases = []
    for topic in sorted(by_topic, key=str):
        events = sorted(by_topic[topic])
        if len(events) < 2:
            continue
        for _ in range(NULL_PAIRS_PER_TOPIC):
            first, second = rng.choice(by_topic[topic][events[0]]), rng.choice(by_topic[topic][events[1]])
            a, b = _null_segments(first, granularity), _null_segments(second, granularity)
            if a and b:
                cases.append(Case(f"{first['doc_id']}~{second['doc_id']}", a, b, frozenset()))
    unit = "sentences" if granularity == "sentence" else f"paragraphs of {ECB_SENTENCES_PER_PARAGRAPH} sentences"
    return Benchmark(
        f"null-{granularity}s",
        tuple(cases),
        granularity=granularity,
        description=f"ECB+ same topic, different event: {len(cases)} document pairs as {unit}; no true link",
    )


def _null_segments(document: dict[str, Any], granularity: str) -> tuple[str, ...]:
    sentences = [_norm(s["text"]) for s in document["sentences"]]
    sentences = [s for s in sentences if s and not s.startswith("http")]
    if granularity == "sentence":
        return _split_owned(sentences)[0]
    step = ECB_SENTENCES_PER_PARAGRAPH
    return tuple(" ".join(sentences[k : k + step]) for k in range(0, len(sentences), step))


@dataclass(frozen=True)
class Source:
    """A real article as paragraphs, with the event it reports (for insertions from a sibling article)."""

    id: str
    event: str
    paragraphs: tuple[str, ...]


def newswcl_sources(root: Path) -> list[Source]:
    out = []
    for document in _read_jsonl(root / "newswcl50" / "documents.jsonl"):
        paragraphs: dict[int, list[str]] = defaultdict(list)
        for sentence in document["sentences"]:
            paragraphs[sentence["paragraph_index"]].append(sentence["text"])
        texts = tuple(_norm(" ".join(paragraphs[k])) for k in sorted(paragraphs))
        out.append(Source(document["doc_id"], f"newswcl-{document['event_id']}", tuple(t for t in texts if t)))
    return out


def ecb_sources(root: Path) -> list[Source]:
    out = []
    for document in _read_jsonl(root / "ecbplus" / "documents.jsonl"):
        sentences = [_norm(s["text"]) for s in document["sentences"]]
        sentences = [s for s in sentences if s and not s.startswith("http")]
        step = ECB_SENTENCES_PER_PARAGRAPH
        paragraphs = tuple(" ".join(sentences[k : k + step]) for k in range(0, len(sentences), step))
        out.append(Source(document["doc_id"], f"ecb-{document['subtopic']}", paragraphs))
    return out


def _rng(seed: int, *parts: str) -> random.Random:
    return random.Random(zlib.crc32("\x00".join([str(seed), *parts]).encode()))


def _choose_articles(seed: int) -> tuple[list[Source], dict[str, list[Source]]]:
    """The base articles of the perturbation sets, and every article by event (for insertions)."""
    newswcl = [s for s in newswcl_sources(DATASETS) if len(s.paragraphs) >= MIN_PARAGRAPHS]
    ecb = [s for s in ecb_sources(DATASETS) if len(s.paragraphs) >= MIN_PARAGRAPHS]
    by_event: dict[str, list[Source]] = defaultdict(list)
    for source in newswcl + ecb:
        by_event[source.event].append(source)
    rng = _rng(seed, "articles")
    ecb_with_sibling = [s for s in ecb if len(by_event[s.event]) > 1]
    chosen = rng.sample(newswcl, min(NEWSWCL_ARTICLES, len(newswcl))) + rng.sample(
        ecb_with_sibling, min(ECB_ARTICLES, len(ecb_with_sibling))
    )
    return chosen, by_event


# A piece of the perturbed copy: its text and the paragraphs of the original it carries.
Piece = tuple[str, frozenset[int]]


def _edit(text: str, rng: random.Random) -> str:
    """Drop a share of the words (never all): a light edit so that copies are not byte-identical."""
    words = text.split()
    kept = [w for w in words if rng.random() >= WORD_DROP]
    return " ".join(kept) if len(kept) >= max(1, len(words) // 2) else text


def _pieces(source: Source) -> list[Piece]:
    return [(p, frozenset({i})) for i, p in enumerate(source.paragraphs)]


def _merge(pieces: list[Piece], share: float, rng: random.Random) -> list[Piece]:
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        if k + 1 < len(pieces) and rng.random() < share:
            out.append((pieces[k][0] + " " + pieces[k + 1][0], pieces[k][1] | pieces[k + 1][1]))
            k += 2
        else:
            out.append(pieces[k])
            k += 1
    return out


def _split(pieces: list[Piece], share: float, rng: random.Random) -> list[Piece]:
    out: list[Piece] = []
    for text, origin in pieces:
        sentences = split_sentences(text)
        if len(sentences) >= 2 and rng.random() < share:
            cut = rng.randint(1, len(sentences) - 1)
            out.append((" ".join(sentences[:cut]), origin))
            out.append((" ".join(sentences[cut:]), origin))
        else:
            out.append((text, origin))
    return out


def _drop(pieces: list[Piece], share: float, rng: random.Random) -> list[Piece]:
    kept = [p for p in pieces if rng.random() >= share]
    return kept if len(kept) >= 2 else pieces[:2]


def _insert(pieces: list[Piece], share: float, rng: random.Random, others: Sequence[Source]) -> list[Piece]:
    pool = [p for other in others for p in other.paragraphs]
    count = min(len(pool), max(1, round(share * len(pieces))))
    out = list(pieces)
    for paragraph in rng.sample(pool, count):
        out.insert(rng.randint(0, len(out)), (paragraph, frozenset()))
    return out


def _move(pieces: list[Piece], share: float, rng: random.Random) -> list[Piece]:
    """Move a share of the pieces to random new places (the others keep their relative order)."""
    out = list(pieces)
    for _ in range(max(1, round(share * len(out)))):
        item = out.pop(rng.randrange(len(out)))
        out.insert(rng.randint(0, len(out)), item)
    return out


def _shuffle(pieces: list[Piece], rng: random.Random) -> list[Piece]:
    out = list(pieces)
    rng.shuffle(out)
    return out


def perturbation_sets(seed: int) -> list[Benchmark]:
    chosen, by_event = _choose_articles(seed)
    recipes: dict[str, tuple[str, Callable[[list[Piece], random.Random, Source], list[Piece]]]] = {
        "shuffled": ("paragraphs in a random order", lambda p, r, s: _shuffle(p, r)),
        "merged": (
            f"adjacent pairs joined (p={MERGE_SHARE}), {MOVE_SHARE:.0%} moved",
            lambda p, r, s: _move(_merge(p, MERGE_SHARE, r), MOVE_SHARE, r),
        ),
        "split": (
            f"paragraphs cut in two at a sentence boundary (p={SPLIT_SHARE}), {MOVE_SHARE:.0%} moved",
            lambda p, r, s: _move(_split(p, SPLIT_SHARE, r), MOVE_SHARE, r),
        ),
        "dropped": (
            f"paragraphs dropped (p={DROP_SHARE}), {MOVE_SHARE:.0%} moved",
            lambda p, r, s: _move(_drop(p, DROP_SHARE, r), MOVE_SHARE, r),
        ),
        "inserted": (
            f"{INSERT_SHARE:.0%} more paragraphs from another article of the event, {MOVE_SHARE:.0%} moved",
            lambda p, r, s: _move(
                _insert(p, INSERT_SHARE, r, [o for o in by_event[s.event] if o.id != s.id]), MOVE_SHARE, r
            ),
        ),
        "monotone": (
            "drops (p={drop}), merges (p={merge}), splits (p={split}); order kept".format(**MONOTONE_SHARES),
            lambda p, r, s: _split(
                _merge(_drop(p, MONOTONE_SHARES["drop"], r), MONOTONE_SHARES["merge"], r),
                MONOTONE_SHARES["split"],
                r,
            ),
        ),
    }
    out = []
    for name, (description, recipe) in recipes.items():
        cases = []
        for source in chosen:
            rng = _rng(seed, name, source.id)
            pieces = recipe(_pieces(source), rng, source)
            b = tuple(_edit(text, rng) for text, _ in pieces)
            gold = frozenset((i, j) for j, (_, origin) in enumerate(pieces) for i in origin)
            cases.append(Case(f"{name}:{source.id}", source.paragraphs, b, gold))
        out.append(
            Benchmark(
                name,
                tuple(cases),
                order_free=name != "monotone",
                description=f"{len(cases)} articles; {description}; {WORD_DROP:.0%} of words dropped",
            )
        )
    return out


def demo_set(root: Path) -> Benchmark | None:
    """The demo corpus's hand-made paragraph links, where its ground truth exists."""
    truth_path = next((p for p in _demo_truth_paths(root) if p.exists()), None)
    if truth_path is None:
        return None
    from coverage import load_corpus

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    corpus = load_corpus(root)
    located: list[tuple[tuple[str, int], tuple[str, int]]] = []
    for item in truth.get("paragraph_links", []):
        ends = _link_ends(item)
        refs = [_find_anchor(corpus.articles, outlet, anchor) for outlet, anchor in ends]
        if refs[0] is None or refs[1] is None:
            logger.warning("demo gold link not found in the corpus: %s", item)
            continue
        located.append((refs[0], refs[1]))
    articles = {a.id: a for a in corpus.articles}
    gold: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for (id_a, p), (id_b, q) in located:
        if id_a == id_b:
            continue
        if id_a > id_b:
            (id_a, p), (id_b, q) = (id_b, q), (id_a, p)
        gold[(id_a, id_b)].add((p, q))
    involved = sorted({i for pair in gold for i in pair})
    cases = []
    for k, id_a in enumerate(involved):
        for id_b in involved[k + 1 :]:
            if articles[id_a].outlet.casefold() == articles[id_b].outlet.casefold():
                continue
            a, b = articles[id_a].paragraphs, articles[id_b].paragraphs
            cases.append(Case(f"{id_a}~{id_b}", a, b, frozenset(gold.get((id_a, id_b), set())), exhaustive=False))
    return Benchmark(
        "demo",
        tuple(cases),
        description=f"demo corpus: {len(located)} hand-made paragraph links over {len(involved)} articles",
    )


def _demo_truth_paths(root: Path) -> list[Path]:
    """Where the demo gold may lie: beside the corpus folder (so the tool never reads it), or inside it."""
    return [root.with_name(f"{root.name}.ground_truth.json"), root / "ground_truth.json"]


def _link_ends(item: Any) -> list[tuple[str, str]]:
    """(outlet, anchor) of both ends of a gold link, from the few shapes a hand-written file may take."""

    def end(value: Any) -> tuple[str, str]:
        if isinstance(value, dict):
            outlet = value.get("outlet") or value.get("source") or value.get("article")
            anchor = value.get("anchor") or value.get("text") or value.get("quote")
            if isinstance(outlet, str) and isinstance(anchor, str):
                return outlet, anchor
        raise ValueError(f"cannot read a gold link end from {value!r}")

    if isinstance(item, list) and len(item) == 2:
        return [end(item[0]), end(item[1])]
    if isinstance(item, dict):
        for first, second in (("a", "b"), ("left", "right"), ("source", "target"), ("from", "to")):
            if first in item and second in item and isinstance(item[first], dict):
                return [end(item[first]), end(item[second])]
        if "outlet_a" in item:
            return [(item["outlet_a"], item["anchor_a"]), (item["outlet_b"], item["anchor_b"])]
        for key in ("ends", "paragraphs", "pair"):
            if isinstance(item.get(key), list) and len(item[key]) == 2:
                return [end(item[key][0]), end(item[key][1])]
    raise ValueError(f"cannot read a gold paragraph link from {item!r}")


def _find_anchor(articles: Sequence[Any], outlet: str, anchor: str) -> tuple[str, int] | None:
    needle = _norm(anchor).casefold()
    for article in articles:
        if article.outlet.casefold() != outlet.casefold() and article.id != outlet:
            continue
        for index, paragraph in enumerate(article.paragraphs):
            if needle in _norm(paragraph).casefold():
                return article.id, index
    return None


# ----------------------------------------------------------------------------------------------- systems


class CachedEmbedder:
    """The bundled model behind the on-disk cache, as an :class:`coverage.Embedder` for the aligner's own calls."""

    def __init__(self, embedder: SentenceTransformerEmbedder) -> None:
        self.embedder = embedder
        self.cache = EmbeddingCache(CACHE)

    @property
    def name(self) -> str:
        return self.embedder.name

    def encode(self, texts: Sequence[str], *, progress: Any = None) -> np.ndarray:
        vectors, _ = embed_unique(texts, self.embedder, cache=self.cache)
        return vectors


def embed_all(texts: Iterable[str], embedder: SentenceTransformerEmbedder) -> dict[str, np.ndarray]:
    unique = list(dict.fromkeys(texts))
    if not unique:
        return {}
    vectors, computed = embed_unique(unique, embedder, cache=EmbeddingCache(CACHE))
    if computed:
        logger.info("embedded %d new texts (%d cached)", computed, len(unique) - computed)
    return dict(zip(unique, vectors, strict=True))


def run_ours(benchmark: Benchmark, vectors: dict[str, np.ndarray], settings: AlignmentSettings) -> Score:
    aligner = Aligner(settings)
    score = Score()
    for case in benchmark.cases:
        embeddings = [np.stack([vectors[t] for t in case.a]), np.stack([vectors[t] for t in case.b])]
        start = time.perf_counter()
        alignment = aligner.align(
            [list(case.a), list(case.b)], embeddings=embeddings, granularity=benchmark.granularity
        )
        links = [(i, j) for i, j, _ in alignment.pairs()]
        seconds = time.perf_counter() - start
        if alignment.segments != (case.a, case.b):
            raise RuntimeError(f"{case.name}: the aligner cut the segments differently from the benchmark")
        score.add(case, links, seconds)
    return score


def run_nested(
    benchmark: Benchmark, embedder: CachedEmbedder, settings: AlignmentSettings, *, within: bool = True
) -> Score:
    """The gold items in paragraphs of three; paragraphs aligned first, then sentences inside linked paragraphs.

    ``within=False`` aligns the same sentences without the paragraph stage, for comparison.
    """
    aligner = Aligner(settings, embedder=embedder)
    score = Score()
    step = ECB_SENTENCES_PER_PARAGRAPH
    for case in benchmark.cases:
        paragraphs = [[" ".join(items[k : k + step]) for k in range(0, len(items), step)] for items in case.sources]
        texts = [p for side in paragraphs for p in side]
        embedder.encode(texts)  # warm the cache: the timing below is the alignment's, not the model's
        sentences = [[s for p in side for s in split_sentences(p)] for side in paragraphs]
        embedder.encode([s for side in sentences for s in side])
        start = time.perf_counter()
        if within:
            by_sentence = aligner.align_sentences(aligner.align(paragraphs))
        else:
            by_sentence = aligner.align(paragraphs, granularity="sentence")
        seconds = time.perf_counter() - start
        spans = (
            _spans_by_offset(by_sentence.segments[0], case.sources[0], step),
            _spans_by_offset(by_sentence.segments[1], case.sources[1], step),
        )
        score.add(case, [(i, j) for i, j, _ in by_sentence.pairs()], seconds, spans=spans)
    return score


def _spans_by_offset(segments: Sequence[str], items: Sequence[str], step: int) -> list[tuple[int, ...]]:
    """The gold items each segment overlaps, where segments were cut from items joined ``step`` at a time.

    The splitter may join two items into one segment (a headline without a full stop before the first
    sentence): such a segment stands for both.
    """
    spans: list[tuple[int, ...]] = []
    group, cursor = -1, 0
    bounds: list[tuple[int, int]] = []
    text = ""
    for segment in segments:
        position = text.find(segment, cursor) if text else -1
        while position < 0:
            group += 1
            members = items[group * step : (group + 1) * step]
            text = " ".join(members)
            starts = [sum(len(m) + 1 for m in members[:k]) for k in range(len(members))]
            bounds = [(start, start + len(m)) for start, m in zip(starts, members, strict=True)]
            cursor = 0
            position = text.find(segment)
        end = position + len(segment)
        spans.append(tuple(group * step + k for k, (lo, hi) in enumerate(bounds) if lo < end and position < hi))
        cursor = end
    return spans


def bertalign_python() -> Path | None:
    """The interpreter of the Bertalign environment, made on first use; ``None`` where it cannot be made."""
    python = BERTALIGN_VENV / "bin" / "python"
    wanted = " ".join([f"bertalign=={BERTALIGN_VERSION}", *BERTALIGN_DEPS])
    marker = BERTALIGN_VENV / f".installed-{hashlib.sha256(wanted.encode()).hexdigest()[:12]}"
    if python.exists() and marker.exists():
        return python
    candidates = [
        os.environ.get("BERTALIGN_PYTHON"),
        *PYTHON_312_PLACES,
        shutil.which("python3.12"),
        shutil.which("python3.13"),
    ]
    base = next((c for c in candidates if c and _is_python_312(c)), None)
    if base is None:
        logger.warning("Bertalign needs Python >= 3.12 (set BERTALIGN_PYTHON); skipping it")
        return None
    logger.info("creating %s with %s", BERTALIGN_VENV, base)
    try:
        subprocess.run([base, "-m", "venv", str(BERTALIGN_VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--no-deps", f"bertalign=={BERTALIGN_VERSION}"], check=True)
        subprocess.run([*pip, *BERTALIGN_DEPS], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        logger.warning("cannot make the Bertalign environment (%s); skipping it", exc)
        return None
    marker.touch()
    return python


def _is_python_312(python: str) -> bool:
    check = "import sys; sys.exit(sys.version_info < (3, 12))"
    try:
        return subprocess.run([python, "-c", check], capture_output=True, check=False, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _worker(python: Path, job: dict[str, Any]) -> dict[str, Any]:
    result = subprocess.run(
        [str(python), str(WORKER)], input=json.dumps(job), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"Bertalign worker failed:\n{result.stderr[-4000:]}")
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


def bertalign_texts(python: Path, benchmarks: Sequence[Benchmark]) -> list[str]:
    cases = [[list(c.a), list(c.b)] for bench in benchmarks for c in bench.cases]
    texts: list[str] = _worker(python, {"phase": "texts", "cases": cases})["texts"]
    return texts


def run_bertalign(
    python: Path, benchmark: Benchmark, vectors: dict[str, np.ndarray], texts: Sequence[str]
) -> tuple[Score, bool]:
    with tempfile.TemporaryDirectory(prefix="bertalign-") as folder:
        texts_path, vectors_path = Path(folder) / "texts.json", Path(folder) / "vectors.npy"
        texts_path.write_text(json.dumps(list(texts)), encoding="utf-8")
        np.save(vectors_path, np.stack([vectors[t] for t in texts]).astype(np.float32))
        job = {
            "phase": "align",
            "cases": [[list(c.a), list(c.b)] for c in benchmark.cases],
            "texts": str(texts_path),
            "vectors": str(vectors_path),
        }
        answer = _worker(python, job)
    score = Score()
    for case, result in zip(benchmark.cases, answer["results"], strict=True):
        links = sorted({(i, j) for s, t in result["beads"] for i in s for j in t})
        score.add(case, links, result["seconds"])
    return score, bool(answer["stubbed_torch"])


def embedding_rate(texts: Sequence[str], embedder: SentenceTransformerEmbedder, sample: int, seed: int) -> float:
    """Seconds per text when embedding a seeded sample of ``texts`` without the cache."""
    if not texts:
        return 0.0
    chosen = random.Random(seed).sample(list(texts), min(sample, len(texts)))
    embedder.encode(chosen[:8])  # load the model outside the timing
    start = time.perf_counter()
    embedder.encode(chosen)
    return (time.perf_counter() - start) / len(chosen)


# ----------------------------------------------------------------------------------------------- report


def _fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cell(entry: dict[str, Any], system: str) -> str:
    s = entry["scores"].get(system)
    if s is None:
        return f"{'-':^23}"
    if entry["gold"] == 0:
        return f"{s['links_per_100_segments']:.1f} false/100 segs".rjust(23)
    return f"{s['precision']:>7.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"


def format_table(results: dict[str, Any]) -> str:
    systems = results["systems"]
    header = f"{'set':<16} {'cases':>5} {'gold':>5}"
    for system in systems:
        header += f" | {system:^23}"
    lines = [header, f"{'':<28}" + "".join(f" | {'P':>7}{'R':>8}{'F1':>8}" for _ in systems)]
    lines.append("-" * len(lines[0]))
    for name, entry in results["sets"].items():
        row = f"{name:<16} {entry['cases']:>5} {entry['gold']:>5}"
        for system in systems:
            row += " | " + _cell(entry, system)
        lines.append(row)
    lines.append("")
    lines.append("alignment seconds, embeddings given (ours / ours-monotone / bertalign):")
    for name, entry in results["sets"].items():
        parts = [f"{entry['scores'][s]['align_seconds']:.2f}" if s in entry["scores"] else "-" for s in systems]
        lines.append(f"  {name:<16} " + " / ".join(parts))
    for system, info in results["embedding"].items():
        lines.append(
            f"embedding for {system}: {info['texts']} texts, {info['chars']} characters, "
            f"~{info['estimated_seconds']:.0f} s uncached ({info['seconds_per_text'] * 1000:.1f} ms/text on a sample)"
        )
    return "\n".join(lines)


NESTED = {"ecb-pairs-3s": False, "ecb-pairs-nested": True}  # set name -> sentences only inside linked paragraphs


def build_benchmarks(seed: int, only: Sequence[str] | None = None) -> list[Benchmark]:
    pairs = ecb_pairs(DATASETS)
    benchmarks = [
        pairs,
        ecb_paragraph_pairs(pairs),
        Benchmark(
            "ecb-pairs-3s",
            pairs.cases,
            "sentence",
            True,
            "the ecb-pairs documents as paragraphs of 3 gold sentences, re-split into sentences and aligned as one "
            "list (a segment the splitter joins from two gold sentences stands for both)",
        ),
        Benchmark(
            "ecb-pairs-nested",
            pairs.cases,
            "sentence",
            True,
            "as ecb-pairs-3s, but paragraphs aligned first, then sentences inside linked paragraphs only",
        ),
        ecb_null(DATASETS, seed, "sentence"),
        ecb_null(DATASETS, seed, "paragraph"),
        *perturbation_sets(seed),
    ]
    demo = demo_set(DEMO)
    if demo is not None:
        benchmarks.append(demo)
    else:
        logger.info("no %s: the demo set is skipped", _demo_truth_paths(DEMO)[0])
    return [b for b in benchmarks if not only or b.name in only]


def score_ours(
    bench: Benchmark, vectors: dict[str, np.ndarray], cached: CachedEmbedder, settings: AlignmentSettings
) -> Score:
    if bench.name in NESTED:
        return run_nested(bench, cached, settings, within=NESTED[bench.name])
    return run_ours(bench, vectors, settings)


def sweep(
    benchmarks: Sequence[Benchmark],
    vectors: dict[str, np.ndarray],
    cached: CachedEmbedder,
    base: AlignmentSettings,
    key: str,
    values: Sequence[str],
) -> str:
    """One line per value of one setting: F1 (or false links per 100 segments where there is no gold) per set."""
    from coverage.settings import Settings

    header = f"{key:<22}" + "".join(f" {b.name[:16]:>16}" for b in benchmarks)
    lines = [header, "-" * len(header)]
    for value in values:
        settings = Settings(alignment=base).set([f"alignment.{key}={value}"]).alignment
        row = f"{value:<22}"
        for bench in benchmarks:
            score = score_ours(bench, vectors, cached, settings)
            if score.gold:
                cell = f"{score.precision:.2f}/{score.recall:.2f}/{score.f1:.3f}"
            else:
                cell = f"{100 * score.links / max(score.segments, 1):.1f}/100"
            row += f" {cell:>16}"
        lines.append(row)
    lines.append("cells: P/R/F1, or false links per 100 segments on the null sets")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the results as JSON to this file")
    parser.add_argument("--no-bertalign", action="store_true", help="measure our aligner only")
    parser.add_argument("--seed", type=int, default=0, help="seed of the perturbation and null sets (default 0)")
    parser.add_argument("--only", nargs="*", help="run only these sets")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override an alignment setting for our aligner, e.g. --set link_threshold=0.6",
    )
    parser.add_argument(
        "--sweep",
        metavar="KEY=V1,V2,...",
        help="instead of the comparison, measure our aligner (free mode) at each value of one setting",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not DATASETS.exists():
        print(f"no evaluation corpora at {DATASETS} (set COVERAGE_DATASETS); nothing to measure", file=sys.stderr)
        return 2

    from coverage.settings import Settings

    base = Settings().set([f"alignment.{item}" for item in args.overrides]).alignment
    benchmarks = build_benchmarks(args.seed, args.only)
    flat = [b for b in benchmarks if b.name not in NESTED]
    embedder = SentenceTransformerEmbedder()
    cached = CachedEmbedder(embedder)
    ours_texts = [t for bench in flat for c in bench.cases for t in (*c.a, *c.b)]
    vectors = embed_all(ours_texts, embedder)
    if args.sweep:
        key, _, values = args.sweep.partition("=")
        print(sweep(benchmarks, vectors, cached, replace(base, mode="free"), key.strip(), values.split(",")))
        return 0

    python = None if args.no_bertalign else bertalign_python()
    theirs_texts: list[str] = []
    if python is not None:
        theirs_texts = bertalign_texts(python, flat)
        vectors.update(embed_all(theirs_texts, embedder))
    results = compare_systems(benchmarks, vectors, cached, base, python, theirs_texts)
    results["seed"] = args.seed
    counts = {"ours": list(dict.fromkeys(ours_texts))}
    if python is not None:
        counts["bertalign"] = theirs_texts
    rates = {system: embedding_rate(texts, embedder, EMBED_SAMPLE, args.seed) for system, texts in counts.items()}
    results["embedding"] = {
        system: {
            "texts": len(counts[system]),
            "chars": sum(len(t) for t in counts[system]),
            "seconds_per_text": round(rates[system], 5),
            "estimated_seconds": round(rates[system] * len(counts[system]), 1),
        }
        for system in counts
    }
    print(format_table(results))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


def compare_systems(
    benchmarks: Sequence[Benchmark],
    vectors: dict[str, np.ndarray],
    cached: CachedEmbedder,
    base: AlignmentSettings,
    python: Path | None,
    theirs_texts: Sequence[str],
) -> dict[str, Any]:
    """Ours (free and monotone) and Bertalign (where ``python`` is given) on every set."""
    free, monotone = replace(base, mode="free"), replace(base, mode="monotone")
    systems = ["ours", "ours-monotone"] + (["bertalign"] if python is not None else [])
    results: dict[str, Any] = {
        "systems": systems,
        "settings": {"ours": asdict(free), "ours-monotone": asdict(monotone)},
        "datasets": str(DATASETS),
        "fingerprint": _fingerprint(
            [
                DATASETS / "ecbplus" / "documents.jsonl",
                DATASETS / "ecbplus" / "qa_align_dev_gold_ecbplus_pairs.jsonl",
                DATASETS / "newswcl50" / "documents.jsonl",
                *_demo_truth_paths(DEMO),
            ]
        ),
        "sets": {},
    }
    stubbed = None
    for bench in benchmarks:
        entry: dict[str, Any] = {
            "description": bench.description,
            "granularity": bench.granularity,
            "order_free": bench.order_free,
            "cases": len(bench.cases),
            "gold": sum(len(c.gold) for c in bench.cases),
            "gold_exhaustive": all(c.exhaustive for c in bench.cases),
            "scores": {
                "ours": score_ours(bench, vectors, cached, free).as_dict(),
                "ours-monotone": score_ours(bench, vectors, cached, monotone).as_dict(),
            },
        }
        if python is not None and bench.name not in NESTED:
            theirs, stubbed = run_bertalign(python, bench, vectors, theirs_texts)
            entry["scores"]["bertalign"] = theirs.as_dict()
        results["sets"][bench.name] = entry
        logger.info("%s done", bench.name)
    if python is not None:
        results["bertalign"] = {
            "version": BERTALIGN_VERSION,
            "max_align": 5,
            "vectors": "all-MiniLM-L6-v2 from the caller (the same model and cache as ours)",
            "top_k_search": "numpy (torch absent)" if stubbed else "torch",
        }
    return results


if __name__ == "__main__":
    sys.exit(main())
