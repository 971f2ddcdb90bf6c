"""The pipeline: ingest, embed, group events, align paragraphs, detect copies; one call, one result.

``compare(folder)`` returns a :class:`~coverage.Comparison` that renders itself in a terminal and that the
markdown and JSON writers take. Every stage is also usable on its own (see ``coverage.__all__``).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

import numpy as np

from coverage._cache import EmbeddingCache, open_cache
from coverage._io import code_fingerprint
from coverage.analysis.alignment import Aligner, Alignment
from coverage.analysis.embedding import CachedEmbedder, Embedder, embed_unique, make_embedder, pooled_vectors
from coverage.analysis.events import EventClusterer
from coverage.analysis.facts import build_facts, omission_context
from coverage.analysis.figures import article_figures, group_figures
from coverage.analysis.framing import analyse_framing, corpus_term_counts
from coverage.analysis.framing.analyse import framing_texts
from coverage.analysis.outlets import apply_profiles
from coverage.analysis.quotes import extract_quotes, match_quotes
from coverage.analysis.syndication import find_copies
from coverage.analysis.verification import SentenceIndex, absorb_facts, verify_facts
from coverage.ingest import load_corpus
from coverage.model import Article, Comparison, Corpus, Event, EventEvidence, Fact, Unit
from coverage.model.outlets import OutletProfiles
from coverage.settings import FactSettings, Settings
from coverage.text.cleaning import split_clauses, split_sentences

__all__ = [
    "EventBuilder",
    "EventJob",
    "SharedEmbedder",
    "Stage",
    "build_event",
    "compare",
    "embed_corpus",
    "lead_text",
    "plan_events",
    "result_key",
]

logger = logging.getLogger(__name__)

Stage = Callable[[str, int, int], None]
"""Progress hook: called with (stage description, done, total)."""


@dataclass(frozen=True)
class CorpusVectors:
    """Embeddings of a corpus: one matrix of paragraph vectors per article, and one title+lead vector each."""

    paragraphs: list[np.ndarray]
    leads: np.ndarray
    computed: int
    """How many distinct texts were embedded in this call (0 when all came from the cache)."""
    sentences: Mapping[str, np.ndarray] = field(default_factory=dict)
    """Sentence vectors by text, when the paragraph vectors were pooled from them (reused for the facts)."""


def lead_text(article: Article) -> str:
    """Title and first paragraph: what the event clustering compares first."""
    return f"{article.title}\n{article.paragraphs[0]}" if article.paragraphs else article.title


def embed_corpus(
    articles: Sequence[Article],
    embedder: Embedder,
    *,
    cache: EmbeddingCache | None = None,
    progress: Stage | None = None,
    pool: bool = True,
) -> CorpusVectors:
    """Embed every paragraph and every title+lead once (identical texts once, cached ones never).

    With ``pool`` (``EmbeddingSettings.pool_sentences``), every sentence is embedded once and paragraph vectors are
    pooled from them (:func:`~coverage.analysis.embedding.pooled_vectors`); the sentence vectors are kept."""

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress("Embedding paragraphs", done, total)

    if pool:
        split = [(lead_text(a), [split_sentences(p) or [p] for p in a.paragraphs]) for a in articles]
        paragraph_vectors, lead_vectors, sentences, done = pooled_vectors(split, embedder, cache=cache, progress=report)
        return CorpusVectors(paragraphs=paragraph_vectors, leads=lead_vectors, computed=done, sentences=sentences)
    texts = [p for a in articles for p in a.paragraphs] + [lead_text(a) for a in articles]
    vectors, computed = embed_unique(texts, embedder, cache=cache, progress=report)
    paragraphs, start = [], 0
    for article in articles:
        paragraphs.append(vectors[start : start + len(article.paragraphs)])
        start += len(article.paragraphs)
    dimension = vectors.shape[1] if len(vectors) else 0
    leads = vectors[start:] if len(articles) else np.zeros((0, dimension), dtype=np.float32)
    return CorpusVectors(paragraphs=paragraphs, leads=leads, computed=computed)


def sentence_embedder(
    vectors: CorpusVectors,
    embedder: Embedder,
    *,
    cache: EmbeddingCache | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Callable[[list[str]], np.ndarray]:
    """What ``build_events`` embeds sentences with: the vectors ``embed_corpus`` already has, the rest computed."""

    def embed_sentences(texts: list[str]) -> np.ndarray:
        known = vectors.sentences
        todo = [t for t in dict.fromkeys(texts) if t not in known]
        fresh = dict(zip(todo, embed_unique(todo, embedder, cache=cache, progress=progress)[0], strict=True))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([known[t] if t in known else fresh[t] for t in texts]).astype(np.float32)

    return embed_sentences


def compare(
    source: Path | str | Corpus,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Stage | None = None,
    profiles: OutletProfiles | None = None,
    builder: EventBuilder | None = None,
) -> Comparison:
    """Run the whole analysis on a folder (or an already loaded :class:`Corpus`).

    With ``profiles`` (:func:`coverage.load_outlet_profiles`), outlet names are merged into their canonical names
    before the analysis, and the profiles are kept on the result for the reports (coverage by lean and country).
    """
    settings = settings or Settings()
    settings.validate()
    if isinstance(source, Corpus):
        corpus = source
    else:
        corpus = load_corpus(
            source,
            settings.ingest,
            progress=(lambda d, t: progress("Reading files", d, t)) if progress else None,
        )
    if profiles is not None:
        corpus = apply_profiles(corpus, profiles)
    embedder = embedder or make_embedder(settings.embedding)
    cache = open_cache(settings.embedding)
    try:
        if cache is None:
            events = _analyse(corpus, settings, embedder, cache, progress, builder)
        else:  # the key reads every article and the package source: only worth it with a cache to look in
            key = result_key(corpus, settings, embedder.name)
            cached = _cached_events(cache, key)
            if cached is None:
                events = _analyse(corpus, settings, embedder, cache, progress, builder)
                cache.put_blob(key, "result", pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL), keep=KEEP_RESULTS)
            else:
                events = cached
    finally:
        if cache is not None:
            cache.close()
    return Comparison(corpus=corpus, events=tuple(events), model=embedder.name, profiles=profiles)


KEEP_RESULTS = 8
"""Analysis results kept in the cache (the most recent ones); each is a few MB for a 1,000-article folder."""


def result_key(corpus: Corpus, settings: Settings, model: str) -> str:
    """The cache key of an analysis: the package's code, the model's name, every setting that can change the result
    and every article as read (so an edited, added or removed file, or a new version, is a different key).

    Metadata enter through a bounded digest (:func:`_metadata_digest`), never through ``repr``: YAML front matter
    can share one list many times over, and its ``repr`` would write every copy out."""
    digest = hashlib.sha256()
    relevant = replace(settings, embedding=replace(settings.embedding, cache=True, cache_dir=None))
    for part in (code_fingerprint(), _library_versions(), model, repr(relevant)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for article in corpus.articles:
        fields = (article.id, article.path, article.outlet, article.title, article.paragraphs, article.published)
        digest.update(repr((*fields, article.url)).encode("utf-8", "surrogatepass") + b"\0")
        digest.update(_metadata_digest(article.metadata) + b"\0")
    return "result:" + digest.hexdigest()


_METADATA_NODES = 100_000
"""Values of an article's metadata read into its cache key; a shared value counts each time it is reached."""


def _metadata_digest(metadata: object) -> bytes:
    """A digest of nested metadata that visits each shared container once (by identity) and at most
    :data:`_METADATA_NODES` values in all: bounded time whatever the nesting or sharing."""
    digest = hashlib.sha256()
    seen: dict[int, int] = {}
    stack: list[object] = [metadata]
    budget = _METADATA_NODES
    while stack and budget > 0:
        budget -= 1
        item = stack.pop()
        if isinstance(item, dict | list | tuple):
            if id(item) in seen:
                digest.update(b"@%d;" % seen[id(item)])
                continue
            seen[id(item)] = len(seen)
            if isinstance(item, dict):
                digest.update(b"{%d;" % len(item))
                for key, value in reversed(list(item.items())):
                    stack.extend((value, key))
            else:
                digest.update(b"[%d;" % len(item))
                stack.extend(reversed(item))
        else:
            digest.update(f"{type(item).__name__}:{item!r};"[:10_000].encode("utf-8", "surrogatepass"))
    if stack:
        digest.update(b"...")
    return digest.digest()


@functools.cache
def _library_versions() -> str:
    """Python's and the analysing libraries' versions: an upgrade can change a result as much as our own code."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [sys.version]
    for name in ("numpy", "scipy", "scikit-learn", "sentence-transformers", "transformers", "torch", "model2vec"):
        try:
            parts.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} absent")
    return "\n".join(parts)


def _cached_events(cache: EmbeddingCache, key: str) -> list[Event] | None:
    """The events stored under ``key`` by an earlier run, or ``None``.

    Only an entry authenticated by the cache (an HMAC under the user's private key, see :mod:`coverage._cache`) is
    ever unpickled: a row rewritten by anyone without that key is ignored and recomputed, as is an entry that does
    not unpickle into events (damaged, or written by other code).
    """
    data = cache.get_blob(key)  # None unless its HMAC is ours: unpickling below never sees forged bytes
    if data is None:
        return None
    try:
        events = pickle.loads(data)  # authenticated above
    except Exception as exc:  # any failure to read back just means recomputing
        logger.warning("cached analysis unreadable (%s); recomputing it", exc)
        return None
    if not isinstance(events, list) or not all(isinstance(e, Event) for e in events):
        logger.warning("cached analysis has an unexpected form; recomputing it")
        return None
    return events


def _analyse(
    corpus: Corpus,
    settings: Settings,
    embedder: Embedder,
    cache: EmbeddingCache | None,
    progress: Stage | None,
    builder: EventBuilder | None = None,
) -> list[Event]:
    vectors = embed_corpus(
        corpus.articles, embedder, cache=cache, progress=progress, pool=settings.embedding.pool_sentences
    )

    def report(done: int, total: int) -> None:
        if progress is not None:
            progress("Embedding sentences", done, total)

    embed_sentences = sentence_embedder(vectors, embedder, cache=cache, progress=report)

    return build_events(
        corpus.articles,
        vectors,
        settings,
        embed_sentences=embed_sentences,
        embedder=CachedEmbedder(embedder, cache) if cache is not None else embedder,
        progress=progress,
        builder=builder,
    )


def build_events(
    articles: Sequence[Article],
    vectors: CorpusVectors,
    settings: Settings,
    *,
    embed_sentences: Callable[[list[str]], np.ndarray] | None = None,
    embedder: Embedder | None = None,
    progress: Stage | None = None,
    builder: EventBuilder | None = None,
) -> list[Event]:
    """Group articles into events, then align paragraphs and sentences, find copies, figures, quotes and facts.

    ``embed_sentences`` embeds the sentences of the events with two or more outlets (for the facts); without it
    no facts are built. ``builder`` builds the events from their jobs elsewhere (the Ray engine's actors); without
    it they are built here, one after the other, by :func:`build_event`.
    """
    if not articles:
        return []
    clusterer, order, members_of = plan_events(articles, vectors, settings)
    left_out = {label: _sample(articles, members_of[label], settings.events.max_articles) for label in order}
    sentences = _sentence_vectors(articles, members_of, embed_sentences, settings.facts.granularity)
    corpus_counts = corpus_term_counts(articles, max_ngram=settings.framing.max_ngram)
    jobs = [
        EventJob(
            f"E{number}",
            [articles[i] for i in members_of[label]],
            [vectors.paragraphs[i] for i in members_of[label]],
            vectors.leads[members_of[label]],
            [sentences[i] for i in members_of[label]] if all(i in sentences for i in members_of[label]) else None,
            clusterer.evidence_[label] if label < len(clusterer.evidence_) else EventEvidence(),
        )
        for number, label in enumerate(order, start=1)
    ]
    if builder is not None:
        events = builder(jobs, corpus_counts)
    else:
        aligner = Aligner(settings.alignment)
        shared = SharedEmbedder(embedder) if embedder is not None else None
        # Two passes: every event without its framing first, then the texts the framing of all events will embed
        # in one length-sorted batch, then the framing event by event from those vectors. Embedded event by
        # event, the same texts went to the model in a few hundred calls of a few texts each.
        parts = []
        for number, job in enumerate(jobs, start=1):
            parts.append(_event_parts(*job, aligner, settings))
            if progress is not None:
                progress("Aligning paragraphs and sentences", number, len(jobs))
        if shared is not None:
            shared.prefetch(
                text
                for event, sentence_alignment in parts
                if len(event.outlets) > 1
                for text in framing_texts(event, sentence_alignment, settings.framing)
            )
        events = []
        for number, (job, (event, sentence_alignment)) in enumerate(zip(jobs, parts, strict=True), start=1):
            events.append(
                _finish_event(
                    event, job.vectors, sentence_alignment, settings, corpus_counts=corpus_counts, embedder=shared
                )
            )
            if progress is not None:
                progress("Comparing framing", number, len(jobs))
    return [
        replace(e, left_out=left_out[label]) if left_out[label] else e for e, label in zip(events, order, strict=True)
    ]


class EventJob(NamedTuple):
    """What one event is built from: its id, its articles in report order, their paragraph vectors, title+lead
    vectors and sentence vectors (``None``: no facts), and the clustering's evidence."""

    event_id: str
    articles: list[Article]
    vectors: list[np.ndarray]
    leads: np.ndarray
    sentence_vectors: list[np.ndarray] | None
    evidence: EventEvidence


EventBuilder = Callable[[list[EventJob], Counter[str]], list[Event]]
"""Builds the events of a list of jobs, in their order, given the corpus' term counts (for the framing)."""


def build_event(
    job: EventJob,
    aligner: Aligner,
    settings: Settings,
    *,
    corpus_counts: Counter[str],
    embedder: Embedder | None,
) -> Event:
    """One event from its job (:func:`_build_event`)."""
    return _build_event(*job, aligner, settings, corpus_counts=corpus_counts, embedder=embedder)


def _sample(articles: Sequence[Article], members: list[int], limit: int) -> tuple[str, ...]:
    """Keep as many of an event's ``members`` (in place, in their order) as make at most the pairs of articles of
    different outlets that ``limit`` articles of different outlets make: each outlet's earliest article first, then
    each outlet's second, and so on (ties by date, then id). Returns the ids of those left out (none when the
    event is within the bound: any event of ``limit`` articles or fewer, and any event of one outlet)."""
    budget = limit * (limit - 1) // 2
    rank: dict[int, int] = {}
    seen: Counter[str] = Counter()
    for i in sorted(members, key=lambda i: (articles[i].published or date.max, articles[i].id)):
        rank[i] = seen[articles[i].outlet]
        seen[articles[i].outlet] += 1
    if (len(members) ** 2 - sum(n * n for n in seen.values())) // 2 <= budget:
        return ()
    kept: set[int] = set()
    taken: Counter[str] = Counter()
    for i in sorted(members, key=lambda i: (rank[i], articles[i].published or date.max, articles[i].id)):
        budget -= len(kept) - taken[articles[i].outlet]  # the new pairs: with each kept article of another outlet
        if budget < 0:
            break
        kept.add(i)
        taken[articles[i].outlet] += 1
    dropped = tuple(articles[i].id for i in members if i not in kept)
    members[:] = [i for i in members if i in kept]
    logger.info("an event of %d articles is analysed on a sample of %d", len(kept) + len(dropped), len(kept))
    return dropped


def plan_events(
    articles: Sequence[Article], vectors: CorpusVectors, settings: Settings
) -> tuple[EventClusterer, list[int], dict[int, list[int]]]:
    """The fitted clusterer, its labels in report order, and each label's article indexes in report order."""
    clusterer = EventClusterer(settings.events).fit(articles, vectors.paragraphs, vectors.leads)
    labels = np.asarray(clusterer.labels_)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    # Events with more outlets first, then more articles, then by earliest article path: a stable order.
    order = sorted(
        groups,
        key=lambda g: (
            -len({articles[i].outlet for i in groups[g]}),
            -len(groups[g]),
            min(articles[i].id for i in groups[g]),
        ),
    )
    members_of = {
        label: sorted(groups[label], key=lambda i: (articles[i].outlet.casefold(), articles[i].id)) for label in order
    }
    return clusterer, order, members_of


def _build_event(
    event_id: str,
    event_articles: list[Article],
    event_vectors: list[np.ndarray],
    leads: np.ndarray,
    sentence_vectors: list[np.ndarray] | None,
    evidence: EventEvidence,
    aligner: Aligner,
    settings: Settings,
    *,
    corpus_counts: Counter[str],
    embedder: Embedder | None,
) -> Event:
    """One event from its articles (in report order) and their vectors: links, units, facts, copies, figures,
    quotes, omissions and framing."""
    event, sentence_alignment = _event_parts(
        event_id, event_articles, event_vectors, leads, sentence_vectors, evidence, aligner, settings
    )
    return _finish_event(
        event, event_vectors, sentence_alignment, settings, corpus_counts=corpus_counts, embedder=embedder
    )


def _event_parts(
    event_id: str,
    event_articles: list[Article],
    event_vectors: list[np.ndarray],
    leads: np.ndarray,
    sentence_vectors: list[np.ndarray] | None,
    evidence: EventEvidence,
    aligner: Aligner,
    settings: Settings,
) -> tuple[Event, Alignment | None]:
    """An event without its claims and framing (links, units, facts, copies, figures, quotes, omissions), and
    the sentence alignment its framing reads (``None`` without sentence vectors or with one outlet)."""
    alignment = aligner.align(
        [a.paragraphs for a in event_articles],
        embeddings=event_vectors,
        ids=[a.id for a in event_articles],
        groups=[a.outlet for a in event_articles],
    )
    facts: tuple[Fact, ...] = ()
    sentence_alignment = None
    if sentence_vectors is not None and len({a.outlet for a in event_articles}) > 1:
        # Sentences are aligned across whole articles, not only inside linked paragraphs: a paragraph that
        # mixes several facts rarely links as a whole, yet each of its sentences may (demo corpus: 13 of 20
        # gold facts recovered this way against 9 inside linked paragraphs).
        sentence_alignment = aligner.align(
            [a.paragraphs for a in event_articles],
            embeddings=sentence_vectors,
            ids=[a.id for a in event_articles],
            groups=[a.outlet for a in event_articles],
            granularity=settings.facts.granularity,
        )
        if settings.facts.verify:
            facts = _verified(event_articles, sentence_alignment, sentence_vectors, settings, event_id)
        else:
            facts = tuple(build_facts(event_articles, sentence_alignment, settings.facts, prefix=f"{event_id}-"))
    copies = tuple(find_copies(event_articles, event_vectors, settings.syndication))
    originals = [k for k, a in enumerate(event_articles) if a.id not in {c.article for c in copies}]
    event = Event(
        id=event_id,
        title=_central_title([event_articles[k] for k in originals], leads[originals]),
        articles=tuple(event_articles),
        links=alignment.links,
        units=tuple(_prefix_units(alignment.units, event_id)),
        evidence=evidence,
        copies=copies,
        figures=tuple(
            group_figures([(a, article_figures(a, settings.figures)) for a in event_articles], settings.figures)
        ),
        quotes=tuple(
            match_quotes([(a, extract_quotes(a.paragraphs, settings.quotes)) for a in event_articles], settings.quotes)
        ),
        facts=facts,
        context=omission_context(event_articles, settings.facts),
    )
    return event, sentence_alignment


def _finish_event(
    event: Event,
    event_vectors: list[np.ndarray],
    sentence_alignment: Alignment | None,
    settings: Settings,
    *,
    corpus_counts: Counter[str],
    embedder: Embedder | None,
) -> Event:
    """The event of :func:`_event_parts` with its framing (two outlets or more) and its lists of claims."""
    framing = None
    if len(event.outlets) > 1:
        framing = analyse_framing(
            event,
            paragraph_vectors=event_vectors if embedder is not None else None,
            sentence_alignment=sentence_alignment,
            corpus_counts=corpus_counts,
            embedder=embedder,
            settings=settings.framing,
        )
    return replace(_with_claims(event, settings.facts), framing=framing)


class SharedEmbedder:
    """The embedder the per-event analysis asks (framing): one memory of vectors for the whole corpus, so a text
    asked by many events goes to the wrapped embedder (and its cache) once, and :meth:`prefetch` to embed the
    texts of all events in one call ahead of them (one length-sorted batch instead of a few small calls per
    event). Vectors are those of the wrapped embedder, whichever call computed them."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.vectors: dict[str, np.ndarray] = {}
        self.calls = 0
        """Calls made to the wrapped embedder."""

    @property
    def name(self) -> str:
        return self.embedder.name

    def _fill(self, texts: Iterable[str]) -> None:
        todo = [t for t in dict.fromkeys(texts) if t not in self.vectors]
        if todo:
            self.calls += 1
            self.vectors.update(zip(todo, np.asarray(self.embedder.encode(todo), dtype=np.float32), strict=True))

    def prefetch(self, texts: Iterable[str]) -> None:
        """Embed, in one call, those of ``texts`` not embedded yet."""
        self._fill(texts)

    def encode(self, texts: Sequence[str], *, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        self._fill(texts)
        if progress is not None:
            progress(len(texts), len(texts))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])


def _with_claims(event: Event, settings: FactSettings) -> Event:
    """The event with its lists of claims per outlet: sure omissions, less sure ones, facts only it states."""
    omissions = {
        o: _most_sure_first(event.omitted_facts(o, settings.majority, settings.min_confidence), o)
        for o in event.outlets
    }
    unsure = {
        o: tuple(i for i in _most_sure_first(event.omitted_facts(o, settings.majority), o) if i not in omissions[o])
        for o in event.outlets
    }
    exclusives = {
        o: tuple(f.id for f in event.exclusive_facts(o, settings.exclusive_confidence)) for o in event.outlets
    }
    return replace(
        event,
        omissions={o: ids for o, ids in omissions.items() if ids},
        unsure_omissions={o: ids for o, ids in unsure.items() if ids},
        exclusives={o: ids for o, ids in exclusives.items() if ids},
    )


def _verified(
    articles: Sequence[Article],
    sentences: Alignment,
    vectors: Sequence[np.ndarray],
    settings: Settings,
    event_id: str,
) -> tuple[Fact, ...]:
    """The facts of a sentence alignment, each outlet outside a fact searched for it (see
    :mod:`coverage.analysis.verification`), rows that verification found to be one fact merged, renumbered."""
    facts = build_facts(articles, sentences, settings.facts, prefix=f"{event_id}-")
    index = SentenceIndex(
        list(articles),
        [list(s) for s in sentences.segments],
        [list(p) for p in sentences.parents],
        list(vectors),
    )
    outlets = sorted({a.outlet for a in articles}, key=str.casefold)
    verified = verify_facts(facts, index, outlets, settings.facts)
    return tuple(_renumber(absorb_facts(verified, settings.facts), f"{event_id}-"))


def _most_sure_first(facts: Sequence[Fact], outlet: str) -> tuple[str, ...]:
    """Fact ids, the omissions the verification is surest of first (then in report order)."""

    def confidence(fact: Fact) -> float:
        check = fact.check(outlet)
        return check.confidence if check is not None else 1.0

    return tuple(f.id for f in sorted(facts, key=lambda f: -confidence(f)))


def _renumber(facts: Sequence[Fact], prefix: str) -> list[Fact]:
    """Facts in the report's order (widely carried first, then reading order), numbered from 1."""
    ordered = sorted(facts, key=lambda f: (-len(f.outlets), f.evidence[0].article, f.evidence[0].paragraph, f.text))
    return [replace(f, id=f"{prefix}f{n}") for n, f in enumerate(ordered, start=1)]


def _sentence_vectors(
    articles: Sequence[Article],
    members_of: dict[int, list[int]],
    embed_sentences: Callable[[list[str]], np.ndarray] | None,
    granularity: str = "sentence",
) -> dict[int, np.ndarray]:
    """Sentence (or clause) vectors, one matrix per article, of the articles in events with two or more outlets."""
    if embed_sentences is None:
        return {}
    wanted = [i for group in members_of.values() if len({articles[i].outlet for i in group}) > 1 for i in group]
    split = {
        i: [
            c
            for p in articles[i].paragraphs
            for s in split_sentences(p)
            for c in (split_clauses(s) if granularity == "clause" else [s])
        ]
        for i in wanted
    }
    flat = [s for i in wanted for s in split[i]]
    if not flat:
        return {}
    vectors = embed_sentences(flat)
    out, start = {}, 0
    for i in wanted:
        out[i] = vectors[start : start + len(split[i])]
        start += len(split[i])
    return out


def _central_title(articles: Sequence[Article], leads: np.ndarray) -> str:
    """The title of the article closest to the others (the medoid), so an event is named by a typical report."""
    if len(articles) <= 2:
        return min(articles, key=lambda a: (a.published or date.max, a.id)).title
    centrality = (leads @ leads.T).sum(axis=1)
    return articles[int(np.argmax(centrality))].title


def _prefix_units(units: Sequence[Unit], prefix: str) -> list[Unit]:
    return [replace(unit, id=f"{prefix}-{unit.id}") for unit in units]
