"""Framing: the words each outlet chooses, the names it gives the same actors, and the angles it takes.

:func:`analyse_framing` compares the outlets of one :class:`~coverage.model.Event` in five ways:

Distinctive terms
    Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), each
    outlet against the rest of the event, over unigrams and 2-3 word phrases that neither start nor end with a
    stop word and never cross punctuation. The prior is the corpus term distribution (:func:`corpus_term_counts`)
    scaled to ``prior_size`` pseudo-counts, or the event's own pooled counts when no corpus counts are given.
    A term is distinctive when its z-score is at least ``min_z``; with little text nothing is, and the outlet's
    ``significant`` flag says so instead of listing noise.
Labels
    The names outlets give one referent. Mentions are read from every sentence without a tagger: capitalised name
    spans ("Kim Jong Un", "Department of Justice") and descriptions, runs of content words ending in a noun-like
    head ("the migrant caravan", "illegal aliens"); which words are noun- or verb-like is learnt from the event's
    own text (a word that ends a phrase opened by "the" is a noun; one after "he" or "will", or right before "the",
    is a verb). Labels (distinct lower-cased mentions) are joined into referents by inflection, name aliases
    ("trump" / "donald trump", "dnc" / "democratic national committee"), titles and appositions ("President
    Trump" makes "the president" a name for Trump), token substitutions in aligned sentence pairs
    ("security forces opened fire on protesters" / "on rioters"), one head word, and mentions left unmatched in
    aligned sentence pairs that two outlets word differently, paired by embedding similarity when the outlets use
    one word and not the other. Incompatible names ("north korea", "south korea") are never joined. A group is
    reported where outlets differ in the head words they use; it is named after its most frequent name.
Frames
    The 15 generic policy frames of the Media Frames Corpus (Boydstun et al. 2014). A paragraph gets the frame
    whose prototype (mean embedding of a written description and example sentences) is nearest, or ``other``
    below ``frame_threshold``. Shares per outlet link back to the paragraphs.
Attribution and certainty
    Counts of attribution verbs per outlet, and hedges and intensifiers per 1,000 words (word lists).
Headlines
    Each outlet's titles, side by side.

Deterministic. The embedder is used for the frame prototypes (cached per embedder name) and for the labels' own
embeddings (through the embedder's cache, when it has one).
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.model import Alignment, Article, Event, ParagraphRef
from coverage.model.framing import EventFraming, LabelGroup, OutletFraming, Term
from coverage.settings import FramingSettings
from coverage.text.lexicon import HONORIFICS, MONTHS, WEEKDAYS

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


# ---------------------------------------------------------------------------------------------------------------
# Tokens and n-grams

_WORD = re.compile(r"[a-z0-9]+(?:['’\-][a-z0-9]+)*")
_CHUNK = re.compile(r"[.,;:!?()\[\]\"“”«»—–]|\s-\s")


@functools.cache
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
_CASED_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr)\.|\w+(?:['’\-]\w+)*|[^\w\s]"
)
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_HONORIFICS = HONORIFICS | {f"{word}." for word in HONORIFICS}
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
)
_VERB_CUES = frozenset(
    {
        "he",
        "she",
        "they",
        "we",
        "i",
        "who",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "not",
        "n't",
        "didn't",
        "doesn't",
        "won't",
        "wouldn't",
        "also",
    }
)
_FUNCTION_WORDS = frozenset(
    {
        "just",
        "only",
        "even",
        "still",
        "already",
        "now",
        "ago",
        "yet",
        "ever",
        "also",
        "too",
        "very",
        "much",
        "many",
        "more",
        "most",
        "less",
        "least",
        "such",
        "own",
        "same",
        "other",
        "another",
        "like",
        "unlike",
        "including",
        "near",
        "later",
        "earlier",
        "soon",
        "again",
        "instead",
        "recently",
        "finally",
        "despite",
        "amid",
        "amidst",
        "inside",
        "outside",
        "regarding",
        "concerning",
        "versus",
        "via",
        "per",
        "plus",
        "onto",
        "toward",
        "towards",
    }
)
"""Words outside sklearn's stop list that never start or end a mention."""
_IRREGULAR_VERBS = frozenset(
    [
        "am",
        "are",
        "be",
        "been",
        "began",
        "begun",
        "bought",
        "brought",
        "built",
        "came",
        "caught",
        "chose",
        "chosen",
        "did",
        "does",
        "doing",
        "done",
        "drew",
        "driven",
        "drove",
        "fell",
        "felt",
        "flew",
        "forgot",
        "found",
        "fought",
        "gave",
        "get",
        "gets",
        "given",
        "goes",
        "going",
        "gone",
        "got",
        "gotten",
        "grew",
        "had",
        "has",
        "held",
        "hid",
        "hit",
        "kept",
        "knew",
        "known",
        "led",
        "left",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "put",
        "ran",
        "read",
        "rose",
        "said",
        "saw",
        "seen",
        "sent",
        "set",
        "shot",
        "shown",
        "sold",
        "sought",
        "spoke",
        "spoken",
        "stood",
        "struck",
        "swore",
        "taken",
        "taught",
        "thought",
        "threw",
        "told",
        "took",
        "understood",
        "went",
        "won",
        "wore",
        "wrote",
        "written",
    ]
)
"""Irregular verb forms, which no suffix gives away."""
_GENERATIONS = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "seems", "seemed", "remains", "remained"})
"""A word right after one of these is an adjective ("is *open*") unless seen as a noun too."""
_OBJECTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
"""Words that open an object: a word right before one is verb-like ("dispatched the")."""
_CALENDAR = (
    WEEKDAYS
    | (MONTHS - {"may"})
    | {
        "today",
        "yesterday",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
    }
)
"""Days, months and units of time: not what anyone is called."""
_NAME_JOINERS = frozenset({"of", "de", "del", "al", "bin", "von", "van", "la", "le", "du"})


def _tokens(sentence: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(_SPACED_HYPHEN.sub("-", sentence))]


def _cased_tokens(sentence: str) -> list[str]:
    return _CASED_TOKEN.findall(_SPACED_HYPHEN.sub("-", sentence))


def _substitutions(a: list[str], b: list[str], settings: FramingSettings) -> list[tuple[str, str]]:
    """The 1..label_max_tokens substitutions between two token lists whose surrounding context agrees."""
    if a == b:  # identical sentences (wire copy): nothing substituted
        return []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    # quick_ratio() bounds ratio() from above and costs a count of shared tokens, not the matching blocks.
    if matcher.quick_ratio() < settings.label_min_similarity or matcher.ratio() < settings.label_min_similarity:
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


def _singular(word: str) -> str:
    """``word`` without a plural ending: ``countries`` -> ``country``, ``taxes`` -> ``tax``, ``talks`` -> ``talk``."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _variant(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two spans that differ only in inflection or an article (``lawyer``/``lawyers``, ``korea's``/``korean``,
    ``a request``/``requests``): a change of form, not of label."""
    stop = _stop_words()
    cx = [_stem(t) for t in x if t not in stop]
    cy = [_stem(t) for t in y if t not in stop]
    return cx == cy


def _content(span: list[str], stop: frozenset[str]) -> bool:
    """A label span has a content word: not only stop words, punctuation or numbers."""
    return any(t not in stop and any(ch.isalpha() for ch in t) for t in span)


def _by_count(counts: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda s: (-counts[s], s)))


@dataclass(frozen=True)
class _Mention:
    """One mention: where it is (text, sentence), its label (lower-cased words) and whether it is a name."""

    text: int
    sentence: int
    label: str
    name: bool


@dataclass
class _Label:
    """What is known of one label (a distinct mention string) in the event."""

    label: str
    name: bool
    words: tuple[str, ...]
    core: frozenset[str]
    core_words: tuple[str, ...]
    organisation: bool
    head: str
    modifiers: frozenset[str]
    counts: Counter[str]


class _Lexicon:
    """Word classes learnt from the event's own text, no tagger: a word that ends a short phrase opened by a
    determiner ("the migrant *caravan*") is noun-like, one seen after a pronoun or modal verb-like; a capitalised
    word never written in lower case is part of a name."""

    def __init__(self, sentences: Iterable[list[str]]) -> None:
        self.noun: Counter[str] = Counter()  # by stem
        self.verb: Counter[str] = Counter()
        self.lower: set[str] = set()
        self.capital: set[str] = set()
        self.adjective: Counter[str] = Counter()
        stop = _stop_words()
        for tokens in sentences:
            lowered = [t.lower() for t in tokens]
            for k, token in enumerate(tokens):
                if k > 0 and token[:1].islower():
                    self.lower.add(lowered[k])
                if k > 0 and token[:1].isupper():
                    self.capital.add(lowered[k])
                if k > 0 and lowered[k - 1] in _COPULAS:
                    self.adjective[lowered[k]] += 1
                if (
                    (k > 0 and lowered[k - 1] in _VERB_CUES)
                    or (k + 1 < len(tokens) and lowered[k + 1] in _OBJECTS)
                    or (k > 0 and lowered[k - 1] == "to" and token.islower() and not token.endswith("s"))
                ):
                    self.verb[lowered[k]] += 1
                if lowered[k] in _DETERMINERS:
                    end = k + 1
                    while end < len(tokens) and end - k <= 4 and _open_word(lowered[end], stop):
                        end += 1
                    if k + 1 < end and (end == len(tokens) or not _open_word(lowered[end], stop)):
                        last = end - 1
                        if last > k + 1 and lowered[last].endswith(("ed", "ing")):
                            last -= 1  # "the questions *obtained* by": a participle after the head
                        self.noun[_stem(lowered[last])] += 1
        attribution = {form for forms in ATTRIBUTION.values() for form in forms if " " not in form}
        self.verbs = attribution | _IRREGULAR_VERBS | {w for w in self.verb if self.verb[w] > self.noun[_stem(w)]}

    def verb_like(self, word: str) -> bool:
        return word in self.verbs or (word.endswith("ly") and not self.noun[_stem(word)])

    def participle(self, word: str) -> bool:
        return word.endswith(("ed", "ing")) and not self.noun[_stem(word)]

    def title_like(self, word: str) -> bool:
        """A word also written in lower case as a noun: a title or common noun inside a capitalised run."""
        return word in self.lower and bool(self.noun[_stem(word)])

    def noun_like(self, word: str, plain: bool = True) -> bool:
        """Seen as the head of a determiner phrase, or, in a ``plain`` phrase (no name in it: "mueller asks" is
        a sentence), a word never seen as a verb or after "is" ("illegal aliens", "police"; not "long", "open")."""
        if self.noun[_stem(word)]:
            return self.noun[_stem(word)] >= self.verb[word]
        if not plain or len(word) < 3 or self.verb[word] or self.adjective[word] or self.participle(word):
            return False
        return not word.endswith(("ly", "ous", "ful", "ive", "able", "ible"))


def _open_word(word: str, stop: frozenset[str]) -> bool:
    """A word that can be part of a noun phrase: has a letter, not a stop word, not a contraction."""
    return (
        word not in stop
        and word not in _FUNCTION_WORDS
        and any(c.isalpha() for c in word)
        and not word.endswith(("n't", "n’t"))
    )


def _name_word(token: str, first: bool, lexicon: _Lexicon) -> bool:
    """A capitalised word (not a stop word; at the start of a sentence only when capitalised inside sentences too
    and never written in lower case), an honorific or a capitalised abbreviation."""
    low = token.lower()
    if low in _HONORIFICS or (token[:1].isupper() and token.endswith(".")):
        return True
    if first:  # "Later" or "Rioters" opening a sentence: a name only when also capitalised inside sentences
        return token[:1].isupper() and low not in lexicon.lower and low in lexicon.capital
    return token[:1].isupper() and low not in _stop_words()


def _mentions(
    sentences: Sequence[Sequence[str]], lexicon: _Lexicon, settings: FramingSettings
) -> Iterable[tuple[int, int, list[str], bool, str]]:
    """(text, sentence, cased words, is a name, title) of the candidate mentions: name spans (capitalised runs,
    "of" allowed inside) and descriptions (runs of content words ending in a noun-like head)."""
    stop = _stop_words()
    for t, text in enumerate(sentences):
        for s, sentence in enumerate(text):
            tokens = _cased_tokens(sentence)
            # classes: N name word, W common word, J name joiner, B boundary
            classes: list[str] = []
            for k, token in enumerate(tokens):
                low = token.lower()
                if not any(ch.isalpha() for ch in token) or low in _CALENDAR:
                    classes.append("B")
                elif _name_word(token, k == 0, lexicon):
                    classes.append("N")
                elif low in _NAME_JOINERS and classes and classes[-1] == "N":
                    classes.append("J")
                elif not _open_word(low, stop) or lexicon.verb_like(low):
                    classes.append("B")
                else:
                    classes.append("W")
            original = list(classes)
            for k in range(1, len(tokens) - 1):  # "FBI Director James Comey": the title is a common word
                if original[k - 1] == original[k] == original[k + 1] == "N" and lexicon.title_like(tokens[k].lower()):
                    classes[k] = "W"
            k = 0
            while k < len(tokens):
                if classes[k] == "B" or classes[k] == "J":
                    k += 1
                    continue
                end = k
                while end < len(tokens) and classes[end] in "NWJ":
                    end += 1
                    if tokens[end - 1].lower().endswith(("'s", "’s")):
                        break
                yield from _split_run(t, s, tokens[k:end], classes[k:end], lexicon, settings)
                k = end


def _split_run(
    t: int, s: int, tokens: list[str], classes: list[str], lexicon: _Lexicon, settings: FramingSettings
) -> Iterable[tuple[int, int, list[str], bool, str]]:
    """Mentions inside one run of name and common words: its name spans, and its description(s)."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in tokens]
    while classes and classes[-1] == "J":
        words, classes = words[:-1], classes[:-1]
    # a participle after the first word of a description is a verb ("rioters looted shops"): split there
    pieces: list[tuple[list[str], list[str]]] = []
    start = 0
    for k in range(1, len(words)):
        if classes[k] == "W" and lexicon.participle(words[k].lower()):
            pieces.append((words[start:k], classes[start:k]))
            start = k + 1
    pieces.append((words[start:], classes[start:]))
    for piece, kinds in pieces:
        while piece and kinds[-1] == "W" and lexicon.participle(piece[-1].lower()):
            piece, kinds = piece[:-1], kinds[:-1]
        k = 0
        last_common = ""
        while k < len(piece):
            if kinds[k] == "N":
                end = k
                while end < len(piece) and (
                    kinds[end] == "N"
                    or (
                        kinds[end] == "J"
                        and end - k == 1
                        and end + 1 < len(piece)
                        and lexicon.title_like(piece[k].lower())
                    )
                ):  # "Department of Justice", but "President Moon of South Korea" is two names
                    end += 1
                while kinds[end - 1] == "J":
                    end -= 1
                if end == len(piece) or kinds[end] != "W":  # "Israeli officials": a modifier, not a mention
                    yield t, s, piece[k:end], True, last_common
                last_common = ""
                k = end
            else:
                last_common = piece[k].lower() if kinds[k] == "W" else ""  # a common word right before a name
                k += 1
        # the description: the run up to its last common word, when that word is noun-like
        ends = [k for k, kind in enumerate(kinds) if kind == "W"]
        if ends:
            last = ends[-1]
            description = piece[max(0, last + 1 - settings.mention_max_tokens) : last + 1]
            while description and description[0].lower() in _NAME_JOINERS:
                description = description[1:]
            plain = all(kind == "W" for kind in kinds[max(0, last + 1 - len(description)) : last + 1])
            if description and lexicon.noun_like(description[-1].lower(), plain):
                yield t, s, description, False, ""


def _core(words: Sequence[str], lexicon: _Lexicon) -> tuple[str, ...]:
    """The words that identify a name, in order: without the leading titles that the event also uses as common
    nouns ("president" in "president trump")."""
    start = 0
    while start < len(words) - 1 and lexicon.title_like(words[start]):
        start += 1
    return tuple(words[start:])


def _alias(a: _Label, b: _Label) -> bool:
    """One name is the start or the end of the other ("trump" / "donald trump", "kim" / "kim jong-un"), or its
    initials ("dnc")."""
    short, long = sorted((a.core_words, b.core_words), key=len)
    n = len(short)
    if long[-1] in _GENERATIONS and short[-1] != long[-1]:
        return False  # "donald trump jr." is not "donald trump"
    if long[-n:] == short or _acronym_of(a, b) or _acronym_of(b, a):
        return True
    # "kim" for "kim jong-un", but not "washington" for "washington post" (a name ending in a common noun)
    longer = a if len(a.core_words) > len(b.core_words) else b
    return long[:n] == short and not longer.organisation


def _alias_candidates(names: Sequence[_Label]) -> list[tuple[_Label, _Label]]:
    """The pairs of names (first label < second) that :func:`_alias` can accept: an alias shares its first or last
    word with the other name, or is its initials. Checking only these keeps the alias step linear in practice
    where all pairs grow with the square of the names of an event."""
    by_word: dict[tuple[str, str], list[_Label]] = defaultdict(list)
    by_initials: dict[str, list[_Label]] = defaultdict(list)
    for info in names:
        if info.core_words:
            by_word[("first", info.core_words[0])].append(info)
            by_word[("last", info.core_words[-1])].append(info)
        if len(info.words) >= 2:
            by_initials[_initials(info.words)].append(info)
    pairs: set[tuple[str, str]] = set()
    for group in by_word.values():
        pairs.update(_pair(a.label, b.label) for k, a in enumerate(group) for b in group[k + 1 :] if a.label != b.label)
    for info in names:
        if len(info.words) == 1:
            letters = info.words[0].replace(".", "")
            pairs.update(_pair(info.label, other.label) for other in by_initials.get(letters, ()))
    by_label = {info.label: info for info in names}
    return [(by_label[a], by_label[b]) for a, b in sorted(pairs) if a != b]


def _label_words(words: Sequence[str]) -> list[str]:
    return [w.lower() for w in words if w.lower() not in _HONORIFICS]


def _normalise_label(text: str) -> str:
    """A mention string as a label: lower-cased words, leading determiners and honorifics dropped."""
    words = _label_words(_cased_tokens(text))
    while words and (words[0] in _DETERMINERS or words[0] in _stop_words()):
        words = words[1:]
    return " ".join(w.removesuffix("'s").removesuffix("’s") for w in words if any(c.isalnum() for c in w))


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _NAME_JOINERS and w[:1].isalpha())


class _Components:
    """Union-find over labels that refuses merges putting incompatible names or descriptions in one referent."""

    def __init__(self, labels: Mapping[str, _Label], cosine: Callable[[str, str], float], high: float) -> None:
        self.labels = labels
        self.cosine = cosine
        self.high = high
        self.parent = {label: label for label in labels}
        self.members = {label: [label] for label in labels}

    def find(self, label: str) -> str:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def _compatible(self, a: _Label, b: _Label, names: Sequence[frozenset[str]]) -> bool:
        if a.name and b.name:
            if _alias(a, b):
                return True
            return any(a.core | b.core <= core for core in names)
        if not a.name and not b.name and a.head == b.head and a.modifiers and b.modifiers:
            if a.modifiers <= b.modifiers or b.modifiers <= a.modifiers:
                return True
            return self.cosine(a.label, b.label) >= self.high
        return True

    def union(self, x: str, y: str, floor: float | None = None) -> bool:
        """Join the referents of ``x`` and ``y`` unless that puts incompatible labels together or, with ``floor``
        (evidence from similarity or alignment), unless one of them holds a name (names are joined by alias and
        title evidence only) or the labels of the two are on average less similar than ``floor``."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        left, right = self.members[rx], self.members[ry]
        if floor is not None:
            if any(self.labels[m].name for m in left + right):
                return False
            if np.mean([self.cosine(a, b) for a in left for b in right]) < floor:
                return False
        names = [self.labels[m].core for m in left + right if self.labels[m].name]
        for a in left:
            for b in right:
                if not self._compatible(self.labels[a], self.labels[b], names):
                    return False
        keep, drop = min(rx, ry), max(rx, ry)
        self.parent[drop] = keep
        self.members[keep] = left + right if keep == rx else right + left
        del self.members[drop]
        return True


def _label_of(span: str, present: Sequence[str], labels: Mapping[str, _Label]) -> str:
    """The label of a substituted span: itself as a label, else the sentence's mention that ends with it."""
    label = _normalise_label(span)
    if label in labels or not label:
        return label
    words = tuple(label.split())
    ending = sorted(m for m in present if labels[m].words[-len(words) :] == words)
    return ending[0] if ending else label


def _minimal_pairs(
    edges: list[tuple[int, float, str, str]], labels: Mapping[str, _Label], embedder: Embedder, threshold: float
) -> list[tuple[int, float, str, str]]:
    """Drop the similarity edges between labels that share words but whose differing words are unlike:
    "south korean president" / "south korean newspaper" look alike only for "south korean"; "illegal aliens" /
    "illegal immigrants" stay, as "aliens" and "immigrants" are alike."""
    rest: dict[tuple[str, str], tuple[str, str]] = {}
    for rank, _, a, b in edges:
        wa, wb = {_stem(w) for w in labels[a].words}, {_stem(w) for w in labels[b].words}
        if rank >= 4 and wa & wb and not (wa <= wb or wb <= wa):
            rest[(a, b)] = (
                " ".join(w for w in labels[a].words if _stem(w) not in wb),
                " ".join(w for w in labels[b].words if _stem(w) not in wa),
            )
    if not rest:
        return edges
    texts = sorted({t for pair in rest.values() for t in pair})
    vectors = dict(zip(texts, np.asarray(embedder.encode(texts), dtype=np.float64), strict=True))
    unlike = {key for key, (x, y) in rest.items() if float(vectors[x] @ vectors[y]) < threshold}
    return [edge for edge in edges if (edge[2], edge[3]) not in unlike]


def _refs(refs: Iterable[ParagraphRef]) -> tuple[ParagraphRef, ...]:
    """Distinct paragraph references in article and paragraph order."""
    return tuple(sorted(set(refs), key=lambda r: (r.article, r.paragraph)))


def _contrast(group: LabelGroup, *, ignore: frozenset[str] = frozenset()) -> int:
    """Mentions in ``group`` of labels that not every outlet of the group uses: how much the outlets differ
    (labels in ``ignore`` not counted)."""
    outlets = set(group.counts)
    users: dict[str, set[str]] = defaultdict(set)
    for outlet, counts in group.counts.items():
        for label in counts:
            users[label].add(outlet)
    return sum(
        n
        for counts in group.counts.values()
        for label, n in counts.items()
        if users[label] != outlets and label not in ignore
    )


def _acronym_of(short: _Label, long: _Label) -> bool:
    """``dnc`` / ``u.s.`` as the initials of ``democratic national committee`` / ``united states``."""
    if len(short.words) != 1 or len(long.words) < 2:
        return False
    letters = short.words[0].replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters == _initials(long.words)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def find_labels(
    alignment: Alignment,
    outlet_of: Mapping[str, str],
    *,
    settings: FramingSettings | None = None,
    embedder: Embedder | None = None,
) -> tuple[LabelGroup, ...]:
    """Label groups: the names each outlet gives one referent, where outlets differ.

    Mentions are taken from every sentence of ``alignment.segments``: name spans and descriptions (see
    :func:`_mentions`). Labels (distinct lower-cased mention strings, determiners dropped) are joined into
    referents by, in order of trust: inflection variants; name aliases (one name's words inside the other's,
    initials); a description given as the title or apposition of a name ("President Trump", "the dictator, Kim");
    token substitutions in sentence pairs the alignment links whose context agrees; descriptions with one head
    word; and mentions left unmatched in linked sentence pairs of different outlets, paired with their most
    similar counterpart (embeddings) where the outlets choose between the two words. Merges that would put two
    incompatible names ("north korea", "south korea") or two differently modified descriptions ("intelligence
    officials", "administration officials") in one referent are refused, and similarity evidence never joins a
    referent that holds a name (names join by alias and title only) nor one that is on average less similar
    than ``label_context_similarity``.

    ``outlet_of`` maps the alignment's text ids to outlets (ids it lacks fall back to ``alignment.groups``).
    ``embedder`` embeds the labels (through its cache); without it only string and alignment evidence is used.
    """
    settings = settings or FramingSettings()
    position = {name: k for k, name in enumerate(alignment.ids)}

    def outlet(name: str) -> str:
        if name in outlet_of:
            return outlet_of[name]
        k = position[name]
        return alignment.groups[k] if alignment.groups else name

    outlets = [outlet(name) for name in alignment.ids]
    cased = [[_cased_tokens(s) for s in segments] for segments in alignment.segments]
    lexicon = _Lexicon(tokens for text in cased for tokens in text)
    stop = _stop_words()
    mentions: list[_Mention] = []
    labels: dict[str, _Label] = {}
    titles: dict[str, Counter[str]] = defaultdict(Counter)  # common noun -> name labels it is the title of
    for t, s, words, is_name, title in _mentions(alignment.segments, lexicon, settings):
        lowered = _label_words(words)
        label = " ".join(lowered)
        if not label or not _content(lowered, stop) or (not is_name and len(label) < 3):
            continue
        if label not in labels:
            core = _core(lowered, lexicon) if is_name else tuple(lowered)
            labels[label] = _Label(
                label=label,
                name=is_name,
                words=tuple(lowered),
                core=frozenset(core),
                core_words=core,
                organisation=is_name and len(core) > 1 and lexicon.title_like(core[-1]),
                head=_singular(lowered[-1]),
                modifiers=frozenset(_singular(w) for w in lowered[:-1] if w not in stop),
                counts=Counter(),
            )
        labels[label].counts[outlets[t]] += 1
        mentions.append(_Mention(t, s, label, is_name))
        if is_name:
            leading = [w for w in lowered[:-1] if w not in labels[label].core]
            for w in leading + ([title] if title else []):
                titles[w][label] += 1
    if not labels:
        return ()
    # Similarity is only ever asked of descriptions: names are joined by alias and title evidence alone (see
    # _Components), so only descriptions are embedded (on ECB+ a third of the labels are names).
    described = sorted(label for label, info in labels.items() if not info.name)
    similarity: dict[tuple[str, str], float] = {}
    vectors: dict[str, np.ndarray] = {}
    if embedder is not None and described:
        matrix = np.asarray(embedder.encode(described), dtype=np.float64)
        vectors = dict(zip(described, matrix, strict=True))

    def cosine(a: str, b: str) -> float:
        key = _pair(a, b)
        if key not in similarity:
            similarity[key] = float(vectors[a] @ vectors[b]) if vectors else 0.0
        return similarity[key]

    def complementary(a: str, b: str) -> bool:
        """Some outlet uses ``a`` and not ``b``, and another ``b`` and not ``a``: a choice between two words, where
        "steel" and "aluminum", both used by every outlet, are two things."""
        ua, ub = set(labels[a].counts), set(labels[b].counts)
        return bool(ua - ub) and bool(ub - ua)

    def total_of(label: str) -> int:
        return sum(labels[label].counts.values())

    edges: list[tuple[int, float, str, str]] = []  # (rank of the evidence, -strength, label, label)
    by_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for label, info in labels.items():
        by_words[tuple(_stem(w) for w in info.words if w not in stop)].append(label)
    for group in by_words.values():
        edges.extend((0, 0.0, group[0], other) for other in group[1:])
    for na, nb in _alias_candidates([info for info in labels.values() if info.name]):
        if _alias(na, nb):
            edges.append((1, -float(sum(na.counts.values()) + sum(nb.counts.values())), na.label, nb.label))
    for info in labels.values():
        if not info.name and len(info.words) == 1 and info.words[0] in titles:
            # evidence per person (last name word): "President Trump" and "President Donald Trump" both count
            by_person: Counter[str] = Counter()
            for name, n in titles[info.words[0]].items():
                by_person[labels[name].core_words[-1]] += n
            best = sorted(by_person, key=lambda p: (-by_person[p], p))
            if by_person[best[0]] >= 2 and (len(best) == 1 or by_person[best[0]] > by_person[best[1]]):
                named = [n for n in titles[info.words[0]] if labels[n].core_words[-1] == best[0]]
                edges.append((2, -float(by_person[best[0]]), info.label, min(named, key=lambda n: (-total_of(n), n))))
    examples: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    in_sentence: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m in mentions:
        in_sentence[(m.text, m.sentence)].append(m.label)
    paired: Counter[tuple[str, str]] = Counter()
    for link in alignment.links:
        ta, tb = position[link.a.article], position[link.b.article]
        if outlets[ta] == outlets[tb]:
            continue
        sa = alignment.segments[ta][link.a.paragraph]
        sb = alignment.segments[tb][link.b.paragraph]
        for x, y in _substitutions(_tokens(sa), _tokens(sb), settings):
            lx = _label_of(x, in_sentence[(ta, link.a.paragraph)], labels)
            ly = _label_of(y, in_sentence[(tb, link.b.paragraph)], labels)
            if lx in labels and ly in labels and lx != ly:
                edges.append((3, 0.0, *_pair(lx, ly)))
                examples[_pair(lx, ly)].append((sa, sb))
        if not vectors:
            continue
        left = set(in_sentence[(ta, link.a.paragraph)])
        right = set(in_sentence[(tb, link.b.paragraph)])
        only_a = sorted(x for x in left - right if not labels[x].name)
        only_b = sorted(y for y in right - left if not labels[y].name)
        if not only_a or not only_b:
            continue
        score = np.array([[cosine(x, y) for y in only_b] for x in only_a])
        for i, x in enumerate(only_a):
            j = int(score[i].argmax())
            if (
                int(score[:, j].argmax()) == i
                and score[i, j] >= settings.label_context_similarity
                and complementary(x, only_b[j])
            ):
                paired[_pair(x, only_b[j])] += 1
                examples[_pair(x, only_b[j])].append((sa, sb))
    for (a, b), n in sorted(paired.items()):
        if n >= settings.label_context_pairs:
            edges.append((4, -cosine(a, b), a, b))
    by_head: dict[str, list[str]] = defaultdict(list)
    for label, info in labels.items():
        if not info.name:
            by_head[info.head].append(label)
    if vectors:
        for group in by_head.values():
            for k, a in enumerate(sorted(group)):
                for b in sorted(group)[k + 1 :]:
                    ma, mb = labels[a].modifiers, labels[b].modifiers
                    nested = ma <= mb or mb <= ma
                    need = settings.label_head_similarity if nested else settings.label_similarity
                    if cosine(a, b) >= need and (nested or complementary(a, b)):
                        edges.append((5, -cosine(a, b), a, b))
    if embedder is not None:
        edges = _minimal_pairs(edges, labels, embedder, settings.label_context_similarity)
    components = _Components(labels, cosine, settings.label_similarity)
    for rank, _, a, b in sorted(edges):
        components.union(a, b, settings.label_context_similarity if rank >= 3 and embedder is not None else None)
    found_in: dict[tuple[str, str], list[ParagraphRef]] = defaultdict(list)
    if alignment.parents or alignment.granularity == "paragraph":  # else sentences cannot be traced to paragraphs
        for m in mentions:
            paragraph = alignment.parents[m.text][m.sentence] if alignment.parents else m.sentence
            found_in[(outlets[m.text], m.label)].append(ParagraphRef(alignment.ids[m.text], paragraph))
    groups = []
    for members in components.members.values():
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for label in members:
            for name, n in labels[label].counts.items():
                counts[name][label] += n
        if len(counts) < 2 or sum(sum(c.values()) for c in counts.values()) < settings.label_min_mentions:
            continue
        heads: Counter[str] = Counter()
        for c in counts.values():
            for label, n in c.items():
                heads[labels[label].head] += n
        strong = {h for h, n in heads.items() if n >= settings.label_min_mentions}
        if len(strong) < 2 or len({frozenset(labels[m].head for m in c) & strong for c in counts.values()}) < 2:
            continue  # outlets differ only in modifiers ("the memos", "the redacted memos") or in one-off words
        total: Counter[str] = Counter()
        for c in counts.values():
            total.update(c)
        named = [label for label in total if labels[label].name]
        referent = min(named or list(total), key=lambda s: (-total[s], s))
        ordered = sorted(counts, key=str.casefold)
        pairs = [_pair(a, b) for k, a in enumerate(sorted(members)) for b in sorted(members)[k + 1 :]]
        shown = tuple(dict.fromkeys(e for p in pairs for e in examples.get(p, [])))[:3]
        groups.append(
            LabelGroup(
                referent=referent,
                by_outlet={o: _by_count(counts[o]) for o in ordered},
                counts={o: dict(sorted(counts[o].items())) for o in ordered},
                examples=shown,
                where={o: {label: _refs(found_in[(o, label)]) for label in sorted(counts[o])} for o in ordered},
            )
        )
    # Descriptions chosen differently ("protesters" / "terrorists") come before names spelt differently ("tokayev" /
    # "kassym-jomart tokayev"): the first is a framing choice, the second mostly style.
    names = frozenset(label for label, info in labels.items() if info.name)
    groups.sort(
        key=lambda g: (
            -_contrast(g, ignore=names),
            -_contrast(g),
            -sum(sum(c.values()) for c in g.counts.values()),
            g.referent,
        )
    )
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
            from coverage.analysis.embedding import SentenceTransformerEmbedder

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
        labels = find_labels(
            sentence_alignment, {a.id: a.outlet for a in articles}, settings=settings, embedder=embedder
        )
    logger.debug("framing of %s: %d outlets, %d label groups", event.id, len(results), len(labels))
    return EventFraming(event=event.id, outlets=tuple(results), labels=labels)
