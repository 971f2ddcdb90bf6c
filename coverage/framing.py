"""Framing: the words each outlet chooses, the names it gives the same actors, and the angles it takes.

:func:`analyse_framing` compares the outlets of one :class:`~coverage._models.Event` in five ways:

Distinctive terms
    Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), each
    outlet against the rest of the event, over unigrams and 2-3 word phrases that neither start nor end with a
    stop word and never cross punctuation. The prior is the corpus term distribution (:func:`corpus_term_counts`)
    scaled to ``prior_size`` pseudo-counts, or the event's own pooled counts when no corpus counts are given.
    A term is distinctive when its z-score is at least ``min_z``; with little text nothing is, and the outlet's
    ``significant`` flag says so instead of listing noise.
Labels
    On sentence pairs aligned across outlets, a token-level diff (``difflib``) keeps the substitutions of 1-3
    tokens whose surrounding context agrees ("protesters" vs "rioters"). Spans substituted for each other are
    one referent group (connected components); a group is named after its most frequent span.
Frames
    The 15 generic policy frames of the Media Frames Corpus (Boydstun et al. 2014). A paragraph gets the frame
    whose prototype (mean embedding of a written description and example sentences) is nearest, or ``other``
    below ``frame_threshold``. Shares per outlet link back to the paragraphs.
Attribution and certainty
    Counts of attribution verbs per outlet, and hedges and intensifiers per 1,000 words (word lists).
Headlines
    Each outlet's titles, side by side.

Deterministic. The embedder is only used for the frame prototypes, cached per embedder name.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coverage._models import Article, Event
from coverage.alignment import Alignment
from coverage.embedding import Embedder
from coverage.settings import FramingSettings

__all__ = [
    "FRAMES",
    "EventFraming",
    "FramingSettings",
    "LabelGroup",
    "OutletFraming",
    "Term",
    "analyse_framing",
    "assign_frames",
    "corpus_term_counts",
    "distinctive_terms",
    "find_labels",
    "frame_prototypes",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Term:
    """A word or phrase distinctive of an outlet: its log-odds z-score and its count in the outlet."""

    term: str
    z: float
    count: int


@dataclass(frozen=True)
class OutletFraming:
    """How one outlet covers the event.

    ``significant`` is False when no term reaches the significance threshold (``terms`` is then empty).
    ``frames`` maps every frame name to the outlet's share of paragraphs (summing to 1 when it has paragraphs);
    ``frame_paragraphs`` maps a frame to its (article id, paragraph index) pairs. ``hedges`` and
    ``intensifiers`` are per 1,000 words.
    """

    outlet: str
    terms: tuple[Term, ...]
    significant: bool
    frames: Mapping[str, float]
    frame_paragraphs: Mapping[str, tuple[tuple[str, int], ...]]
    attribution: Mapping[str, int]
    hedges: float
    intensifiers: float
    hedge_counts: Mapping[str, int]
    intensifier_counts: Mapping[str, int]
    headlines: tuple[str, ...]
    n_words: int

    def top_frames(self, n: int) -> list[tuple[str, float]]:
        """The ``n`` frames with the largest share of paragraphs (above 0), largest first."""
        ranked = sorted(((share, name) for name, share in self.frames.items() if share > 0), reverse=True)
        return [(name, share) for share, name in ranked[:n]]

    def top_attribution(self, n: int) -> list[tuple[str, int]]:
        """The ``n`` most used attribution verbs with their counts."""
        return sorted(self.attribution.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def term_summary(self, n: int) -> str:
        """``term (z), ...`` for the ``n`` most distinctive terms, or ``none significant``."""
        return ", ".join(f"{t.term} ({t.z:.1f})" for t in self.terms[:n]) if self.significant else "none significant"


@dataclass(frozen=True)
class LabelGroup:
    """Names given to one referent across outlets, found as substitutions in aligned sentences.

    ``by_outlet``: the spans each outlet uses, most frequent first; ``counts``: how often each.
    ``examples``: up to three aligned sentence pairs (sentence a, sentence b) showing a substitution.
    """

    referent: str
    by_outlet: Mapping[str, tuple[str, ...]]
    counts: Mapping[str, Mapping[str, int]]
    examples: tuple[tuple[str, str], ...] = ()

    @property
    def spans(self) -> tuple[str, ...]:
        return tuple(sorted({s for spans in self.by_outlet.values() for s in spans}))


@dataclass(frozen=True)
class EventFraming:
    """Framing of one event: per outlet (sorted by name) and the label groups across outlets."""

    event: str
    outlets: tuple[OutletFraming, ...]
    labels: tuple[LabelGroup, ...]

    @property
    def headlines(self) -> dict[str, tuple[str, ...]]:
        return {o.outlet: o.headlines for o in self.outlets}

    def outlet(self, name: str) -> OutletFraming:
        for item in self.outlets:
            if item.outlet == name:
                return item
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """``{"<outlet>": {"terms", "significant", "frames", "frame_paragraphs", "attribution", "hedges",
        "intensifiers", "headlines"}, "labels": [{"referent", "by_outlet", "counts"}]}``."""
        out: dict[str, Any] = {}
        for o in self.outlets:
            out[o.outlet] = {
                "terms": [{"term": t.term, "z": round(t.z, 3), "count": t.count} for t in o.terms],
                "significant": o.significant,
                "frames": {k: round(v, 4) for k, v in o.frames.items()},
                "frame_paragraphs": {k: [list(r) for r in v] for k, v in o.frame_paragraphs.items()},
                "attribution": dict(o.attribution),
                "hedges": round(o.hedges, 3),
                "intensifiers": round(o.intensifiers, 3),
                "headlines": list(o.headlines),
            }
        out["labels"] = [
            {
                "referent": g.referent,
                "by_outlet": {k: list(v) for k, v in g.by_outlet.items()},
                "counts": {k: dict(v) for k, v in g.counts.items()},
            }
            for g in self.labels
        ]
        return out


# ---------------------------------------------------------------------------------------------------------------
# Tokens and n-grams

_WORD = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")
_CHUNK = re.compile(r"[.,;:!?()\[\]\"“”«»—–]|\s-\s")


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "mr", "ms", "mrs", "said", "says", "also"}


def _ngrams(text: str, max_n: int, stop: frozenset[str]) -> Iterable[str]:
    """Unigrams and phrases of ``text`` within punctuation-free chunks; no stop word at either end, no numbers."""
    for chunk in _CHUNK.split(text.lower()):
        words = _WORD.findall(chunk)
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0] in stop or gram[-1] in stop or any(w.isdigit() for w in gram) or len(gram[0]) < 2:
                    continue
                yield " ".join(gram)


def corpus_term_counts(articles: Iterable[Article], *, max_ngram: int = 3) -> Counter[str]:
    """Term (unigram and phrase) counts over ``articles``: the prior of :func:`distinctive_terms`."""
    stop = _stop_words()
    counts: Counter[str] = Counter()
    for article in articles:
        for paragraph in article.paragraphs:
            counts.update(_ngrams(paragraph, max_ngram, stop))
    return counts


def distinctive_terms(
    counts: Mapping[str, Counter[str]],
    *,
    prior: Counter[str] | None = None,
    settings: FramingSettings | None = None,
) -> dict[str, tuple[Term, ...]]:
    """Distinctive terms of each group of ``counts`` against the others pooled (Monroe et al. 2008, eq. 16-22).

    ``prior``: corpus counts, scaled to ``settings.prior_size`` pseudo-counts; ``None`` uses the pooled counts.
    Only terms with z at least ``min_z`` and count at least ``min_count`` in the group are returned.
    """
    settings = settings or FramingSettings()
    pooled: Counter[str] = Counter()
    for c in counts.values():
        pooled.update(c)
    base = prior if prior else pooled
    vocab = sorted(set(pooled))
    if not vocab:
        return {name: () for name in counts}
    base_total = sum(base.values())
    size = len(set(base) | set(vocab))
    # alpha_w: corpus share times the prior size, add-one smoothed so that every event term has some prior mass
    alpha = np.array([settings.prior_size * (base.get(w, 0) + 1) / (base_total + size) for w in vocab])
    alpha0 = settings.prior_size
    totals = np.array([pooled[w] for w in vocab], dtype=np.float64)
    out: dict[str, tuple[Term, ...]] = {}
    for name, c in counts.items():
        y_i = np.array([c.get(w, 0) for w in vocab], dtype=np.float64)
        y_j = totals - y_i
        n_i, n_j = y_i.sum(), y_j.sum()
        if n_i == 0 or n_j == 0:
            out[name] = ()
            continue
        delta = np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha)) - np.log(
            (y_j + alpha) / (n_j + alpha0 - y_j - alpha)
        )
        z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
        keep = [
            Term(vocab[k], float(z[k]), int(y_i[k]))
            for k in range(len(vocab))
            if z[k] >= settings.min_z and y_i[k] >= settings.min_count
        ]
        keep.sort(key=lambda t: (-t.z, t.term))
        out[name] = tuple(keep[: settings.max_terms])
    return out


# ---------------------------------------------------------------------------------------------------------------
# Labels

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def _tokens(sentence: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(sentence)]


def _substitutions(a: list[str], b: list[str], settings: FramingSettings) -> list[tuple[str, str]]:
    """The 1..label_max_tokens substitutions between two token lists whose surrounding context agrees."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < settings.label_min_similarity:
        return []
    ops = matcher.get_opcodes()
    out = []
    stop = _stop_words()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or not (
            1 <= i2 - i1 <= settings.label_max_tokens and 1 <= j2 - j1 <= settings.label_max_tokens
        ):
            continue
        before = ops[k - 1] if k > 0 else None
        after = ops[k + 1] if k + 1 < len(ops) else None
        ok_before = before is not None and before[0] == "equal" and before[2] - before[1] >= settings.label_context
        ok_after = after is not None and after[0] == "equal" and after[2] - after[1] >= settings.label_context
        if not (ok_before and ok_after):
            continue
        x, y = a[i1:i2], b[j1:j2]
        if not _content(x, stop) or not _content(y, stop) or _variant(x, y):
            continue
        out.append((" ".join(x), " ".join(y)))
    return out


def _stem(token: str) -> str:
    token = token.removesuffix("'s").removesuffix("’s")
    for suffix in ("ies", "es", "s", "n", "ns"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def _variant(x: list[str], y: list[str]) -> bool:
    """Two spans that differ only in inflection or an article (``lawyer``/``lawyers``, ``korea's``/``korean``,
    ``a request``/``requests``): a change of form, not of label."""
    stop = _stop_words()
    cx = [_stem(t) for t in x if t not in stop]
    cy = [_stem(t) for t in y if t not in stop]
    return cx == cy


def _content(span: list[str], stop: frozenset[str]) -> bool:
    """A label span has a content word: not only stop words, punctuation or numbers."""
    return any(t not in stop and any(ch.isalpha() for ch in t) for t in span)


def _by_count(counts: Counter[str]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda s: (-counts[s], s)))


def find_labels(
    alignment: Alignment,
    outlet_of: Mapping[str, str],
    *,
    settings: FramingSettings | None = None,
) -> tuple[LabelGroup, ...]:
    """Label groups from the sentence links of ``alignment`` between different outlets.

    ``outlet_of`` maps the alignment's text ids to outlets (ids it lacks fall back to ``alignment.groups``).
    """
    settings = settings or FramingSettings()
    position = {name: k for k, name in enumerate(alignment.ids)}

    def outlet(name: str) -> str:
        if name in outlet_of:
            return outlet_of[name]
        k = position[name]
        return alignment.groups[k] if alignment.groups else name

    uses: list[tuple[str, str, str, str, str, str]] = []  # outlet a, span a, outlet b, span b, sentence a, b
    for link in alignment.links:
        oa, ob = outlet(link.a.article), outlet(link.b.article)
        if oa == ob:
            continue
        sa = alignment.segments[position[link.a.article]][link.a.paragraph]
        sb = alignment.segments[position[link.b.article]][link.b.paragraph]
        for x, y in _substitutions(_tokens(sa), _tokens(sb), settings):
            uses.append((oa, x, ob, y, sa, sb))
    # connected components over spans
    parent: dict[str, str] = {}

    def find(s: str) -> str:
        parent.setdefault(s, s)
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for _, x, _, y, _, _ in uses:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    members: dict[str, list[tuple[str, str, str, str, str, str]]] = defaultdict(list)
    for use in uses:
        members[find(use[1])].append(use)
    groups = []
    for group_uses in members.values():
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        total: Counter[str] = Counter()
        for oa, x, ob, y, _, _ in group_uses:
            counts[oa][x] += 1
            counts[ob][y] += 1
            total[x] += 1
            total[y] += 1
        referent = min(total, key=lambda s: (-total[s], s))
        outlets = sorted(counts, key=str.casefold)
        examples = tuple(dict.fromkeys((sa, sb) for *_, sa, sb in group_uses))[:3]
        groups.append(
            LabelGroup(
                referent=referent,
                by_outlet={o: _by_count(counts[o]) for o in outlets},
                counts={o: dict(sorted(counts[o].items())) for o in outlets},
                examples=examples,
            )
        )
    groups.sort(key=lambda g: (-sum(sum(c.values()) for c in g.counts.values()), g.referent))
    return tuple(groups)


# ---------------------------------------------------------------------------------------------------------------
# Frames

FRAMES: dict[str, tuple[str, ...]] = {
    "economic": (
        "Economic: the costs, benefits, or monetary and financial implications of the issue for individuals, "
        "businesses, markets, or the economy as a whole.",
        "The measure is expected to cost taxpayers billions of dollars and slow economic growth.",
        "Share prices fell sharply and the currency lost value as investors pulled out.",
        "Businesses reported lost revenue, higher prices and job losses.",
    ),
    "capacity and resources": (
        "Capacity and resources: the availability or lack of physical, human, or financial resources, and the "
        "capacity of systems and agencies to cope.",
        "Hospitals are running out of beds and staff to treat the growing number of patients.",
        "The agency says it lacks the personnel and equipment to process the backlog.",
        "Supplies of fuel, food and water are running short.",
    ),
    "morality": (
        "Morality: religious or ethical implications, questions of right and wrong, moral duty and conscience.",
        "Church leaders called the decision a moral failure and a betrayal of human dignity.",
        "It is simply wrong to abandon people in their hour of need, she said.",
        "Critics say the policy violates basic ethical principles.",
    ),
    "fairness and equality": (
        "Fairness and equality: equality or inequality in how laws, punishment, rewards and resources are "
        "distributed among individuals or groups; discrimination and equal rights.",
        "Activists say the rules discriminate against women and minorities.",
        "Poorer neighbourhoods bear an unequal share of the burden.",
        "The ruling ensures equal treatment for all citizens regardless of background.",
    ),
    "legality, constitutionality and jurisprudence": (
        "Legality, constitutionality and jurisprudence: legal, constitutional or jurisdictional aspects, court "
        "cases, lawsuits, rights and freedoms, and what the law permits.",
        "The supreme court ruled that the law was unconstitutional.",
        "Lawyers filed a lawsuit challenging the legality of the order.",
        "Judges will decide whether the government exceeded its legal authority.",
    ),
    "policy prescription and evaluation": (
        "Policy prescription and evaluation: particular policies proposed or enacted to address a problem, and "
        "whether they work or will work.",
        "The government proposed a new plan to reform the pension system.",
        "Experts doubt that the reform will achieve its stated goals.",
        "The bill would require companies to report their emissions every year.",
    ),
    "crime and punishment": (
        "Crime and punishment: violation of laws, crimes, arrests, police investigations, prosecution, sentencing "
        "and punishment.",
        "Police arrested dozens of suspects and charged them with looting and assault.",
        "The accused faces up to ten years in prison if convicted.",
        "Investigators opened a criminal case over the killings.",
    ),
    "security and defense": (
        "Security and defense: threats to the security and welfare of a nation or people, military and security "
        "forces, armed conflict, terrorism, and defence of borders and territory.",
        "Troops and armoured vehicles were deployed to secure the airport and government buildings.",
        "The military alliance sent forces to help restore order after the armed attack.",
        "Security forces launched a counter-terrorism operation against armed militants.",
    ),
    "health and safety": (
        "Health and safety: health care, illness, injury, deaths, disease, sanitation, public safety and the "
        "physical wellbeing of people.",
        "Doctors treated hundreds of injured people, and several died in hospital.",
        "Health officials warned of the risk of infection and urged people to stay indoors.",
        "The explosion injured workers and released toxic smoke.",
    ),
    "quality of life": (
        "Quality of life: the effects on people's daily lives, wellbeing, family, community, ease of living, "
        "mobility and happiness.",
        "Residents said they could not buy groceries or reach their families because of the shutdown.",
        "Without internet or phone service, daily life came to a standstill.",
        "Families waited in long queues for bread and cash.",
    ),
    "cultural identity": (
        "Cultural identity: the traditions, customs, language, religion and values of a social group, nation or "
        "ethnicity, and its history and heritage.",
        "The holiday is a symbol of national identity and tradition.",
        "The language law raised fears among the ethnic minority about their culture.",
        "Historians recall the country's heritage and its long struggle for independence.",
    ),
    "public opinion": (
        "Public opinion: the attitudes and opinions of the general public, including polls, protests, "
        "demonstrations, and public reactions and sentiment.",
        "Thousands of people took to the streets to demonstrate against the decision.",
        "A recent poll found that most voters oppose the plan.",
        "Anger spread on social media as ordinary citizens voiced their frustration.",
    ),
    "political": (
        "Political: the political considerations around the issue: parties, elections, leaders, power struggles, "
        "government actions, political manoeuvring and lobbying.",
        "The president dismissed the cabinet and appointed a new prime minister.",
        "The opposition party accused the ruling coalition of clinging to power.",
        "The move strengthens the leader's grip on power ahead of the elections.",
    ),
    "external regulation and reputation": (
        "External regulation and reputation: relations between nations, foreign policy, international "
        "cooperation, treaties, sanctions, diplomacy and the country's international reputation.",
        "Foreign ministers met to discuss sanctions and the diplomatic response.",
        "The United Nations and Western governments called for restraint.",
        "The crisis has damaged the country's reputation abroad and strained ties with its neighbours.",
    ),
    "other": (),
}
"""The 15 generic frames of the Media Frames Corpus (Boydstun et al. 2014): a description and example sentences
for each; ``other`` has none (it is what remains below the threshold)."""

_PROTOTYPES: dict[str, np.ndarray] = {}


def frame_prototypes(embedder: Embedder) -> np.ndarray:
    """One L2-normalised prototype row per frame of :data:`FRAMES` except ``other`` (the mean embedding of its
    description and examples), cached per embedder name."""
    cached = _PROTOTYPES.get(embedder.name)
    if cached is not None:
        return cached
    names = [f for f in FRAMES if FRAMES[f]]
    texts = [t for f in names for t in FRAMES[f]]
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64)
    rows, start = [], 0
    for f in names:
        n = len(FRAMES[f])
        mean = vectors[start : start + n].mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
        start += n
    matrix = np.vstack(rows)
    _PROTOTYPES[embedder.name] = matrix
    return matrix


def assign_frames(vectors: np.ndarray, prototypes: np.ndarray, *, threshold: float) -> list[str]:
    """The frame of each row of ``vectors``: the nearest prototype, or ``other`` below ``threshold``."""
    names = [f for f in FRAMES if FRAMES[f]]
    if len(vectors) == 0:
        return []
    sim = np.asarray(vectors, dtype=np.float64) @ prototypes.T
    best = sim.argmax(axis=1)
    return [names[int(k)] if sim[i, k] >= threshold else "other" for i, k in enumerate(best)]


# ---------------------------------------------------------------------------------------------------------------
# Attribution and certainty

ATTRIBUTION: dict[str, tuple[str, ...]] = {
    "said": ("said", "says", "say", "saying"),
    "told": ("told", "tells", "tell"),
    "claimed": ("claimed", "claims", "claim", "claiming"),
    "insisted": ("insisted", "insists", "insist", "insisting"),
    "admitted": ("admitted", "admits", "admit", "admitting"),
    "alleged": ("alleged", "alleges", "allege", "alleging"),
    "denied": ("denied", "denies", "deny", "denying"),
    "warned": ("warned", "warns", "warn", "warning"),
    "stated": ("stated", "states"),
    "added": ("added", "adding"),
    "announced": ("announced", "announces", "announce"),
    "acknowledged": ("acknowledged", "acknowledges", "acknowledge"),
    "according to": ("according to",),
}
"""Attribution verbs (by lemma-like key) and the forms counted."""

HEDGES: tuple[str, ...] = (
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "appeared",
    "appears",
    "appear",
    "seemed",
    "seems",
    "unconfirmed",
    "unverified",
    "unclear",
    "it is not clear",
    "it was not clear",
    "it is unclear",
    "it was unclear",
    "likely",
    "unlikely",
    "suggested",
    "suggests",
    "believed to",
    "thought to",
    "is said to",
    "are said to",
    "was said to",
)
"""Words and phrases that hedge a statement."""

INTENSIFIERS: tuple[str, ...] = (
    "brutal",
    "brutally",
    "massive",
    "massively",
    "clearly",
    "undeniably",
    "absolutely",
    "extremely",
    "utterly",
    "totally",
    "completely",
    "truly",
    "obviously",
    "certainly",
    "definitely",
    "unprecedented",
    "shocking",
    "horrific",
    "horrifying",
    "devastating",
    "outrageous",
    "catastrophic",
    "huge",
    "enormous",
    "bloody",
    "savage",
    "ruthless",
    "dramatic",
    "dramatically",
    "very",
    "incredibly",
    "deeply",
    "severely",
)
"""Words that intensify a statement."""


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted(set(phrases), key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives) + r")\b")


def _count_phrases(text: str, phrases: Iterable[str]) -> Counter[str]:
    return Counter(" ".join(m.group(0).split()) for m in _phrase_pattern(phrases).finditer(text.lower()))


def attribution_counts(text: str) -> dict[str, int]:
    """Counts of attribution verbs in ``text`` by key of :data:`ATTRIBUTION` (keys with a count only)."""
    form_of = {form: key for key, forms in ATTRIBUTION.items() for form in forms}
    counts: Counter[str] = Counter()
    for form, n in _count_phrases(text, form_of).items():
        counts[form_of[form]] += n
    return dict(sorted(counts.items()))


# ---------------------------------------------------------------------------------------------------------------
# Entry point


def analyse_framing(
    event: Event,
    *,
    paragraph_vectors: Sequence[np.ndarray] | None = None,
    sentence_alignment: Alignment | None = None,
    corpus_counts: Counter[str] | None = None,
    embedder: Embedder | None = None,
    settings: FramingSettings | None = None,
) -> EventFraming:
    """Framing of ``event`` across its outlets.

    ``paragraph_vectors``: one matrix per article of ``event.articles`` (same order), one row per paragraph,
    from ``embedder``; without them no frames are assigned (all shares 0). ``embedder`` defaults to the bundled
    sentence-transformers model, loaded only when frames are computed. ``sentence_alignment``: a sentence
    alignment of the event's articles (ids = article ids) for the labels; ``None`` finds none.
    ``corpus_counts``: :func:`corpus_term_counts` over the whole corpus, the prior of the distinctive terms.
    """
    settings = settings or FramingSettings()
    articles = event.articles
    outlets = sorted({a.outlet for a in articles}, key=str.casefold)
    stop = _stop_words()
    term_counts: dict[str, Counter[str]] = {o: Counter() for o in outlets}
    for article in articles:
        for paragraph in article.paragraphs:
            term_counts[article.outlet].update(_ngrams(paragraph, settings.max_ngram, stop))
    terms = distinctive_terms(term_counts, prior=corpus_counts, settings=settings) if len(outlets) > 1 else {}

    frame_of: dict[tuple[str, int], str] = {}
    if paragraph_vectors is not None:
        if len(paragraph_vectors) != len(articles):
            raise ValueError("paragraph_vectors needs one matrix per article of the event")
        if embedder is None:
            from coverage.embedding import SentenceTransformerEmbedder

            embedder = SentenceTransformerEmbedder()
        prototypes = frame_prototypes(embedder)
        for article, vectors in zip(articles, paragraph_vectors, strict=True):
            if len(vectors) != len(article.paragraphs):
                raise ValueError(f"paragraph_vectors of {article.id} needs one row per paragraph")
            for index, frame in enumerate(assign_frames(vectors, prototypes, threshold=settings.frame_threshold)):
                frame_of[(article.id, index)] = frame

    results = []
    for outlet in outlets:
        mine = [a for a in articles if a.outlet == outlet]
        text = "\n\n".join(a.text for a in mine)
        n_words = sum(a.n_words for a in mine)
        per_k = 1000.0 / n_words if n_words else 0.0
        refs = [(a.id, i) for a in mine for i in range(len(a.paragraphs)) if (a.id, i) in frame_of]
        by_frame: dict[str, list[tuple[str, int]]] = {f: [] for f in FRAMES}
        for ref in refs:
            by_frame[frame_of[ref]].append(ref)
        hedges = _count_phrases(text, HEDGES)
        intensifiers = _count_phrases(text, INTENSIFIERS)
        outlet_terms = terms.get(outlet, ())
        results.append(
            OutletFraming(
                outlet=outlet,
                terms=outlet_terms,
                significant=bool(outlet_terms),
                frames={f: (len(v) / len(refs) if refs else 0.0) for f, v in by_frame.items()},
                frame_paragraphs={f: tuple(v) for f, v in by_frame.items() if v},
                attribution=attribution_counts(text),
                hedges=sum(hedges.values()) * per_k,
                intensifiers=sum(intensifiers.values()) * per_k,
                hedge_counts=dict(sorted(hedges.items())),
                intensifier_counts=dict(sorted(intensifiers.items())),
                headlines=tuple(a.title for a in mine if a.title),
                n_words=n_words,
            )
        )
    labels: tuple[LabelGroup, ...] = ()
    if sentence_alignment is not None:
        labels = find_labels(sentence_alignment, {a.id: a.outlet for a in articles}, settings=settings)
    logger.debug("framing of %s: %d outlets, %d label groups", event.id, len(results), len(labels))
    return EventFraming(event=event.id, outlets=tuple(results), labels=labels)
