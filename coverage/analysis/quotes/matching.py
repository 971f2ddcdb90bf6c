"""Matching: the same quote across articles, by its normalised words, and how each outlet's version differs."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from coverage.analysis.quotes.speakers import _DETERMINERS, _MODIFIERS, _ROLE_WORDS
from coverage.model import Article
from coverage.model.quotes import Quote, QuoteGroup, QuoteVariant, VariantFlag
from coverage.settings import QuoteSettings
from coverage.text.lexicon import word_set

_STOPWORDS = word_set(
    "the a an and or of to in on at for is are was were be been it this that we i you they he she our "
    "their with by as has have had not will all from"
)
_NORMAL_TOKEN = re.compile(r"[\w']+")
_CONTRACTIONS = {"n't": "not", "'ll": "will", "'re": "are", "'ve": "have", "'m": "am", "'d": "would"}
_IRREGULAR_STEMS = {"wo": "will", "ca": "can", "sha": "shall"}  # won't, can't, shan't
_BRITISH = re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations)$")


def match_quotes(
    quotes_per_article: Iterable[tuple[Article, Sequence[Quote]]],
    settings: QuoteSettings | None = None,
) -> list[QuoteGroup]:
    """Group the same quote across articles and flag how each version differs from the canonical one.

    Two quotes match when one is contained word for word in the other (after normalisation: case,
    punctuation, -ise/-ize; at least ``match_min_tokens`` words) or when ``min_containment`` of the shorter
    one's content words are in the longer one (both with at least ``fuzzy_min_tokens`` content words). Quotes
    are taken longest first and join the group with the best-matching member. A reworded match, or a short quote
    (``scare_max_words``) contained in another, is no match when both speakers are named and differ. A group's
    speaker is the speaker of its canonical words that most variants agree with; variants whose named speaker
    differs are flagged ``different_speaker``. Every quote is in exactly one group; groups quoted by more outlets
    come first.
    """
    settings = settings or QuoteSettings()
    items: list[tuple[Article, Quote, tuple[str, ...]]] = [
        (article, quote, _normal_tokens(quote.text)) for article, quotes in quotes_per_article for quote in quotes
    ]
    order = sorted(range(len(items)), key=lambda i: -len(items[i][2]))
    groups: list[list[int]] = []
    for index in order:
        best, best_score = None, 0.0
        for number, group in enumerate(groups):
            score = max(_pair_score(items[member], items[index], settings) for member in group)
            if score > best_score:
                best, best_score = number, score
        if best is None:
            groups.append([index])
        else:
            groups[best].append(index)
    result = [_make_group([items[i] for i in sorted(group)]) for group in groups]
    first_seen = {id(group): min(indices) for group, indices in zip(result, groups, strict=True)}
    return sorted(result, key=lambda g: (-len(g.outlets), -len(g.variants), first_seen[id(g)]))


def _normal_tokens(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return tuple(_BRITISH.sub(r"iz\1", w.strip("'")) for w in _NORMAL_TOKEN.findall(text) if w.strip("'"))


def _contained(short: Sequence[str], long: Sequence[str]) -> bool:
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _match_score(a: tuple[str, ...], b: tuple[str, ...], settings: QuoteSettings) -> float:
    """1.0 for containment word for word, the content-word containment for a reworded match, else 0."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= settings.match_min_tokens and _contained(short, long):
        return 1.0
    content_a = {w for w in _uncontracted(a) if w not in _STOPWORDS}
    content_b = {w for w in _uncontracted(b) if w not in _STOPWORDS}
    if min(len(content_a), len(content_b)) < settings.fuzzy_min_tokens:
        return 0.0
    containment = len(content_a & content_b) / min(len(content_a), len(content_b))
    return containment if containment >= settings.min_containment else 0.0


def _uncontracted(tokens: Sequence[str]) -> list[str]:
    """The words of contractions (``don't`` -> ``do not``, ``we'll`` -> ``we will``): a reworded version that only
    spells them out or contracts them says the same words."""
    words: list[str] = []
    for token in tokens:
        stem, ending = next(
            ((token[: -len(e)], e) for e in _CONTRACTIONS if token.endswith(e) and len(token) > len(e)), (token, "")
        )
        if ending:
            words.extend((_IRREGULAR_STEMS.get(stem, stem), _CONTRACTIONS[ending]))
        else:
            words.append(token)
    return words


def _pair_score(
    a: tuple[Article, Quote, tuple[str, ...]], b: tuple[Article, Quote, tuple[str, ...]], settings: QuoteSettings
) -> float:
    """:func:`_match_score`, and for a one-word partial quote (the ministry insists the situation has "stabilized")
    contained in another quote, a weaker match (``single_word_score``) unless both speakers are named and differ.

    Two named speakers who differ also part a reworded match and a short quote (``scare_max_words``) contained in a
    longer one: a few shared words ("building block") said by two people are two quotes, while the same long quote
    word for word under two names stays one group, flagged ``different_speaker``."""
    score = _match_score(a[2], b[2], settings)
    brief = min(len(a[2]), len(b[2])) <= settings.scare_max_words
    if score and (score < 1.0 or brief) and _different_named(a[1], b[1]):
        return 0.0
    if score or min(len(a[2]), len(b[2])) != 1:
        return score
    short, long = (a, b) if len(a[2]) == 1 else (b, a)
    word = short[2][0]
    if word in _STOPWORDS or len(word) < settings.single_word_min_letters or word not in long[2]:
        return 0.0
    return 0.0 if _different_named(a[1], b[1]) else settings.single_word_score


def _different_named(a: Quote, b: Quote) -> bool:
    """Whether two quotes' speakers are both named and share no name."""
    return _named(a.speaker) and _named(b.speaker) and not _speaker_key(a.speaker) & _speaker_key(b.speaker)


def _speaker_key(speaker: str | None) -> frozenset[str]:
    """Names in a speaker phrase (``President Kassym-Jomart Tokayev`` -> {kassym-jomart, tokayev}); role words
    when it has no name (``a witness`` -> {witness})."""
    if not speaker:
        return frozenset()
    words = re.findall(r"[\w’'-]+", speaker)
    names = {
        w.lower().removesuffix("'s").removesuffix("’s")
        for w in words
        if w[:1].isupper() and w.lower() not in _ROLE_WORDS | _MODIFIERS | _DETERMINERS
    }
    if names:
        return frozenset(names)
    return frozenset(w.lower() for w in words if w.lower() not in _DETERMINERS)


def _named(speaker: str | None) -> bool:
    """Whether a speaker phrase holds a name (a capitalised word that is no role, modifier or determiner)."""
    return bool(speaker) and any(
        w[:1].isupper() and w.lower() not in _ROLE_WORDS | _MODIFIERS | _DETERMINERS
        for w in re.findall(r"[\w’'-]+", speaker or "")
    )


def _make_group(items: Sequence[tuple[Article, Quote, tuple[str, ...]]]) -> QuoteGroup:
    counts = Counter(tokens for _, _, tokens in items)
    canonical_tokens = max(counts, key=lambda t: (counts[t], len(t)))
    canonical_text = next(q.text for _, q, t in items if t == canonical_tokens)
    keys = [_speaker_key(q.speaker) for _, q, _ in items]
    speakers = [(q.speaker, k) for (_, q, _), k in zip(items, keys, strict=True) if q.speaker and k]
    speaker: str | None = None
    group_key: frozenset[str] = frozenset()
    if speakers:  # the speaker most variants agree with (names overlap), written in full
        # of the canonical words' speakers first: a speaker of a reworded version may not have said these words
        said = [
            (q.speaker, k)
            for (_, q, t), k in zip(items, keys, strict=True)
            if q.speaker and k and t == canonical_tokens
        ]
        support = {name: sum(1 for _, other in speakers if key & other) for name, key in said or speakers}
        speaker = max(support, key=lambda name: (support[name], _named(name), len(name)))
        group_key = _speaker_key(speaker)
    variants = []
    for (article, quote, tokens), key in zip(items, keys, strict=True):
        flags: list[VariantFlag] = []
        if tokens == canonical_tokens:
            flags.append(VariantFlag.VERBATIM)
        elif _contained(tokens, canonical_tokens) or _contained(canonical_tokens, tokens):
            flags.append(VariantFlag.TRUNCATED)
        else:
            flags.append(VariantFlag.REWORDED)
        # a different speaker only when both are named ("the central bank chief" may well be "Marsh")
        if key and group_key and not key & group_key and _named(quote.speaker) and _named(speaker):
            flags.append(VariantFlag.DIFFERENT_SPEAKER)
        variants.append(
            QuoteVariant(
                article_id=article.id,
                outlet=article.outlet,
                published=article.published,
                paragraph=quote.paragraph,
                text=quote.text,
                speaker=quote.speaker,
                flags=tuple(flags),
                quote=quote,
            )
        )
    return QuoteGroup(speaker=speaker, text=canonical_text, variants=tuple(variants))
