"""What the framing analysis is measured against: a plain frequency-ratio baseline, and the words the analysis
flags, both as ranked word lists per outlet (:func:`frequency_ratio_words`, :func:`flagged_words`).

A flagged word is right when gold marks it as that outlet's word choice (a label of an actor or action that other
outlets name differently, or an expert-marked framing word). Both lists are scored at the same length per outlet
(:func:`score_words`), so the analysis beats the baseline only by ranking better, never by saying less.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coverage.analysis.framing.names import _singular
from coverage.analysis.framing.terms import _NOT_TERMS, _stop_words
from coverage.model.framing import EventFraming

_WORD = re.compile(r"[a-z]+(?:['’\-][a-z]+)*")


def content_words(text: str) -> list[str]:
    """The content words of ``text``, lower-cased and singular: no stop word, number, weekday or month."""
    stop = _stop_words()
    return [_singular(w) for w in _WORD.findall(text.lower()) if w not in stop and w not in _NOT_TERMS and len(w) > 2]


def frequency_ratio_words(texts: Mapping[str, str]) -> dict[str, list[str]]:
    """The baseline: each outlet's content words ranked by how much more often it uses them than the others
    (relative frequency over the others' relative frequency, add-one smoothed), ties by count then word."""
    counts = {o: Counter(content_words(t)) for o, t in texts.items()}
    out: dict[str, list[str]] = {}
    for outlet, mine in counts.items():
        rest: Counter[str] = Counter()
        for other, c in counts.items():
            if other != outlet:
                rest.update(c)
        n_mine, n_rest = max(sum(mine.values()), 1), max(sum(rest.values()), 1)
        ratio = {w: (n / n_mine) / ((rest[w] + 1) / n_rest) for w, n in mine.items()}
        out[outlet] = sorted(ratio, key=lambda w: (-ratio[w], -mine[w], w))
    return out


def _unique(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


def flagged_words(framing: EventFraming) -> dict[str, list[str]]:
    """The content words the analysis flags for each outlet, best first: its loaded terms, then the labels of
    label groups it uses and not every outlet of the group uses, then its distinctive terms."""
    out: dict[str, list[str]] = {}
    for o in framing.outlets:
        words = [w for t in framing.loaded_of(o.outlet) for w in content_words(t.term)]
        for group in framing.labels:
            users: Counter[str] = Counter(label for labels in group.by_outlet.values() for label in labels)
            for label in group.by_outlet.get(o.outlet, ()):
                if users[label] < len(group.by_outlet):
                    words.extend(content_words(label))
        words.extend(w for t in o.terms for w in content_words(t.term))
        out[o.outlet] = _unique(words)
    return out


def gold_words(groups: Sequence[Mapping[str, Sequence[str]]]) -> dict[str, set[str]]:
    """Gold word choices per outlet from label groups (outlet -> labels, one mapping per actor): the content
    words of an outlet's labels that not every outlet of the group uses."""
    out: dict[str, set[str]] = {}
    for group in groups:
        words = {o: {w for label in labels for w in content_words(label)} for o, labels in group.items()}
        everyone = set.intersection(*words.values()) if words else set()
        for o, mine in words.items():
            out.setdefault(o, set()).update(mine - everyone)
    return out


@dataclass(frozen=True)
class WordScores:
    """Flagged words that gold marks (``hits``) out of ``flagged``, and gold words found out of ``gold``."""

    hits: int
    flagged: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        return self.hits / self.flagged if self.flagged else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def __add__(self, other: WordScores) -> WordScores:
        return WordScores(
            self.hits + other.hits, self.flagged + other.flagged, self.found + other.found, self.gold + other.gold
        )


def score_words(
    flagged: Mapping[str, Sequence[str]], baseline: Mapping[str, Sequence[str]], gold: Mapping[str, set[str]]
) -> tuple[WordScores, WordScores]:
    """Scores of ``flagged`` and of ``baseline`` cut to the same length per outlet, over the outlets of ``gold``."""
    ours = theirs = WordScores(0, 0, 0, 0)
    for outlet, words in gold.items():
        mine = list(flagged.get(outlet, ()))
        base = list(baseline.get(outlet, ()))[: len(mine)]
        ours += WordScores(sum(w in words for w in mine), len(mine), len(words & set(mine)), len(words))
        theirs += WordScores(sum(w in words for w in base), len(base), len(words & set(base)), len(words))
    return ours, theirs


def score_event(
    framing: EventFraming, texts: Mapping[str, str], gold: Mapping[str, set[str]]
) -> tuple[WordScores, WordScores]:
    """The analysis and the baseline on one event: ``texts`` is each outlet's text, ``gold`` its gold words."""
    return score_words(flagged_words(framing), frequency_ratio_words(texts), gold)
