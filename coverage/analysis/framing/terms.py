"""Distinctive terms: log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), each
outlet against the rest of the event, over unigrams and 2-3 word phrases (see :mod:`coverage.analysis.framing`).

Terms are word choices, so what no outlet chooses is left out: weekdays, months, numbers (in digits or words) and
names (words the event's own text capitalises inside sentences: "Tokayev", "Almaty"); names are compared by the
label groups instead.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from coverage.model import Article
from coverage.model.framing import Term
from coverage.settings import FramingSettings
from coverage.text.lexicon import MONTHS, WEEKDAYS, word_set

_WORD = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")
_CHUNK = re.compile(r"[.,;:!?()\[\]\"“”«»—–]|\s-\s")
_CASED_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")
_DIGIT = re.compile(r"\d")
_SENTENCE_OPENER = re.compile(r"(?:^|[.!?:;\"“”'‘(\[—–]|\s-)\s*$")

NUMBER_WORDS = word_set(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand "
    "thousands million millions billion billions trillion trillions dozen dozens first second third fourth fifth "
    "sixth seventh eighth ninth tenth half"
)
"""Numbers and ordinals written as words: counts, not word choices."""
_NOT_TERMS = WEEKDAYS | MONTHS | NUMBER_WORDS


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words that ``texts`` write capitalised inside sentences at least as often as in lower case:
    the words of names ("tokayev", "almaty", "csto"). A word seen only at the start of sentences is no name."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for text in texts:
        for match in _CASED_WORD.finditer(text):
            word = match.group(0)
            if not word[0].isalpha():
                continue
            if word[0].islower():
                lower[word.lower()] += 1
            elif not _SENTENCE_OPENER.search(text[max(0, match.start() - 3) : match.start()]):
                upper[word.lower()] += 1
    return frozenset(w for w, n in upper.items() if n >= lower[w])


@functools.cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "mr", "ms", "mrs", "said", "says", "also"}


def _ngrams(text: str, max_n: int, stop: frozenset[str], names: frozenset[str] = frozenset()) -> Iterable[str]:
    """Unigrams and phrases of ``text`` within punctuation-free chunks; no stop word at either end, and no word that
    is a number, weekday, month or one of ``names`` (see :func:`name_words`)."""
    for chunk in _CHUNK.split(text.lower()):
        words = _WORD.findall(chunk)
        if not words:
            continue
        # per word, once: whether it may end a term, start one, and stand in one at all
        edge = [w not in stop for w in words]
        usable = [not (w in _NOT_TERMS or w in names or _DIGIT.search(w)) for w in words]
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                j = i + n
                if not (edge[i] and edge[j - 1] and len(words[i]) >= 2):
                    continue
                if n == 1:
                    if usable[i]:
                        yield words[i]
                elif all(usable[i:j]):
                    yield " ".join(words[i:j])


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
    size = len(base) + sum(1 for w in vocab if w not in base)  # |base ∪ vocab|, without a set of the corpus terms
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
        chosen = np.flatnonzero((z >= settings.min_z) & (y_i >= settings.min_count))
        keep = [Term(vocab[k], float(z[k]), int(y_i[k])) for k in chosen]
        keep.sort(key=lambda t: (-t.z, t.term))
        out[name] = tuple(keep[: settings.max_terms])
    return out
