"""Figures whose words name no referent, matched across outlets by their value and the words around them.

The referent rules (what a number counts: ``killed``, ``shares of X change (fall)``, the ``of ...`` phrase of a
percentage) leave many figures without one: ``tariffs of 25% on steel``, ``11 of which were tank cars``, ``a 25 per
cent import tax``. Such a figure is never compared on its own. Here it joins another outlet's figure when

- both are percentages (a bare count without its noun, an age or a score, is left alone) and their values can
  both be true (:meth:`FigureMention.compatible`); two values that cannot both be true are one quantity only with
  more evidence: half the context words shared, three at least, and an *anchor*, another figure of one kind and a
  common value in both sentences (``fell 412 points, or 2.3%`` and ``plunging 412 points, or 3.2 per cent``);
- the content words around the two numbers (six words each side, within the sentence) share at
  least two stems and at least a third of the smaller set (the share the claims verification also asks of a
  sentence that carries a fact);
- each is the other's best match in the other's article (mutual best: two 25%s in one sentence of one outlet, or
  two candidates alike, give no match).

A figure without a referent that matches a figure with one joins that figure's quantity; figures without one that
match each other form a quantity of their own, named by the words they share.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from coverage.analysis.verification.terms import stem
from coverage.model.figures import FigureKind, LocatedFigure
from coverage.text.lexicon import word_set

__all__ = ["context_links"]

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_WINDOW = 6
_MIN_SHARED = 2
_MIN_SHARE = 1 / 3
_STRONG_SHARE = 1 / 2
_STOP = word_set(
    "a an the of in on at to for from by with and or but as is was were are be been being has have had that "
    "which who whom whose this these those it its their his her they them there than then also about around "
    "nearly some more less over under up down per cent percent after before since while when where would will "
    "could should may might can said says say told according just only among including between into onto out "
    "off one two three four five six seven eight nine ten"
)


def _words(mention_sentence: str, text: str) -> frozenset[str]:
    at = mention_sentence.find(text)
    if at < 0:
        return frozenset()
    before = _WORD.findall(mention_sentence[:at])[-_WINDOW:]
    after = _WORD.findall(mention_sentence[at + len(text) :])[:_WINDOW]
    return frozenset(stem(w.lower()) for w in before + after if w.lower() not in _STOP and len(w) > 2)


def _key(item: LocatedFigure) -> tuple[FigureKind, str | None, str]:
    figure = item.figure
    currency = figure.referent if figure.kind is FigureKind.MONEY else ""
    return figure.kind, figure.unit, currency


def context_links(
    loose: Sequence[LocatedFigure], placed: Sequence[LocatedFigure]
) -> list[tuple[LocatedFigure, LocatedFigure, frozenset[str]]]:
    """Pairs (a loose figure, its match) where the match is loose or placed, with the stems their contexts share;
    each loose figure in at most one pair per other article (mutual best matches only)."""
    contexts = {id(item): _words(item.figure.sentence, item.figure.text) for item in (*loose, *placed)}
    by_article: dict[str, list[LocatedFigure]] = defaultdict(list)
    for item in (*loose, *placed):
        by_article[item.article_id].append(item)

    sentences: dict[tuple[str, str], list[LocatedFigure]] = defaultdict(list)
    for item in (*loose, *placed):
        sentences[(item.article_id, item.figure.sentence)].append(item)

    def anchored(a: LocatedFigure, b: LocatedFigure) -> bool:
        """Both sentences give another figure of one kind and unit with a value both can hold (``412 points, or
        2.3%`` and ``412 points, or 3.2 per cent``): the sentences state one thing, their other numbers differ."""
        return any(
            _key(x) == _key(y) and x.figure.compatible(y.figure) and x.figure.text != a.figure.text
            for x in sentences[(a.article_id, a.figure.sentence)]
            if x is not a
            for y in sentences[(b.article_id, b.figure.sentence)]
            if y is not b
        )

    def score(a: LocatedFigure, b: LocatedFigure) -> float:
        if a.outlet == b.outlet or _key(a) != _key(b):
            return 0.0
        shared = contexts[id(a)] & contexts[id(b)]
        smaller = min(len(contexts[id(a)]), len(contexts[id(b)]))
        if len(shared) < _MIN_SHARED or not smaller or len(shared) / smaller < _MIN_SHARE:
            return 0.0
        strong = len(shared) > _MIN_SHARED and len(shared) / smaller >= _STRONG_SHARE
        if not a.figure.compatible(b.figure) and not (strong and anchored(a, b)):
            return 0.0  # another value for the same quantity needs most of the words alike and an anchor figure
        return len(shared) / smaller

    def best(a: LocatedFigure, article: str) -> LocatedFigure | None:
        scored = sorted(((score(a, b), n, b) for n, b in enumerate(by_article[article])), key=lambda t: (-t[0], t[1]))
        if not scored or scored[0][0] == 0.0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None  # nothing alike, or two alike: no match
        return scored[0][2]

    pairs: list[tuple[LocatedFigure, LocatedFigure, frozenset[str]]] = []
    seen: set[tuple[int, int]] = set()
    for a in loose:
        for article in sorted(by_article):
            if article == a.article_id:
                continue
            b = best(a, article)
            if b is None or best(b, a.article_id) is not a:
                continue
            key = (min(id(a), id(b)), max(id(a), id(b)))
            if key in seen:  # a is loose: a pair of two placed figures is never made
                continue
            seen.add(key)
            pairs.append((a, b, contexts[id(a)] & contexts[id(b)]))
    return pairs
