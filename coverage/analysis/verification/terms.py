"""What a sentence says, as comparable tokens: content stems (news synonyms merged), names, numbers in digits or
words, figures with their kind, quoted words and who is quoted. The verification (:mod:`.verdicts`) compares these.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Terms", "numbers_differ", "quoted_spans", "shares_quote", "stages_differ", "stem", "terms"]

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
# Words that news uses interchangeably for the same event: one class each, so that coverage counts them once.
_SYNONYMS = {
    "die": "kill",
    "dead": "kill",
    "death": "kill",
    "kill": "kill",
    "wound": "injur",
    "hurt": "injur",
    "injur": "injur",
    "injuri": "injur",
    "detain": "arrest",
    "detent": "arrest",
    "arrest": "arrest",
    "jail": "prison",
    "imprison": "prison",
    "prison": "prison",
    "sentenc": "sentenc",
    "percent": "percent",
    "per": "per",
}
_EXTRA_STOP = {"said", "says", "say", "told", "also", "would", "could", "according", "mr", "ms", "mrs", "per", "cent"}


_QUOTED = re.compile(r"[\"“«]([^\"”»]{8,})[\"”»]")
_MIN_QUOTE_WORDS = 3


_MAGNITUDE = re.compile(
    r"\bmagnitude(?:[\s-]+of)?[\s-]+(\d+(?:\.\d+)?)\b|\b(\d+(?:\.\d+)?)[\s-]*magnitude\b"
    r"|\bM\s?(\d\.\d)\b|\bmeasuring\s+(\d\.\d)\b",
    re.IGNORECASE,
)
"""An earthquake's magnitude ("a preliminary magnitude of 2.0", "4.6-magnitude", "M4.6", "measuring 4.6"): a
figure of its own kind, so that a quake of 2.0 is not the same fact as one of 4.6."""


def _magnitudes(sentence: str) -> set[tuple[str, float, float]]:
    out = set()
    for match in _MAGNITUDE.finditer(sentence):
        value = float(next(g for g in match.groups() if g is not None))
        out.add(("magnitude", value, value))
    return out


_STAGES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (axis, stage, re.compile(pattern, re.IGNORECASE))
    for axis, stage, pattern in (
        ("legal", "arrest", r"\b(?:arrest\w*|detain\w*|(?:in|into) custody|apprehend\w*)\b"),
        ("legal", "charge", r"\b(?:charg(?:ed|es|ing)|indict\w*|accused\s+of)\b"),
        (
            "legal",
            "trial",
            r"\b(?:trial|testif\w*|arraign\w*|pleaded\s+not|pleads?\s+not|preliminary\s+hearing|appeared\s+in\s+court)\b",
        ),
        ("legal", "verdict", r"\b(?:convict(?:ed|ion)|guilty|acquitt\w*|verdict)\b"),
        ("legal", "sentence", r"\b(?:sentenced|sentencing|jailed\s+for)\b"),
        ("fate", "alive", r"\b(?:rescued|survived|alive)\b"),
        ("fate", "dead", r"\b(?:dead|died|dies|killed|bodies)\b"),
    )
)
"""Markers of a story's stage, on two axes: where a case stands (arrested, charged, on trial, convicted,
sentenced) and how a person came out (rescued, dead). "The trial is under way" and "was found guilty" are different
facts of one story however alike their words; so are "rescued alive" and "found dead"."""


def _stages(sentence: str) -> frozenset[tuple[str, str]]:
    return frozenset((axis, stage) for axis, stage, pattern in _STAGES if pattern.search(sentence))


def stages_differ(a: Terms, b: Terms) -> bool:
    """On some axis (:data:`_STAGES`) both sentences mark a stage of the story and share none: different stages,
    so different facts ("is accused of shooting" / "was convicted of shooting")."""
    for axis in {x for x, _ in a.stages} & {x for x, _ in b.stages}:
        if not {s for x, s in a.stages if x == axis} & {s for x, s in b.stages if x == axis}:
            return True
    return False


def quoted_spans(sentence: str) -> list[str]:
    """Words inside quote marks, lower-cased and without punctuation, three words or more."""
    out = []
    for match in _QUOTED.finditer(sentence):
        words = re.findall(r"[^\W_]+", match.group(1).lower())
        if len(words) >= _MIN_QUOTE_WORDS:
            out.append(" ".join(words))
    return out


def shares_quote(a: Sequence[str], b: Sequence[str]) -> bool:
    """One sentence quotes words (three or more) that the other quotes too: the same quote, maybe cut."""
    return any(x in y or y in x for x in a for y in b)


def _other_speaker(fact: Terms, candidate: Terms) -> bool:
    """Both quote the same words, each naming its speaker, and the names differ: a quote given to someone else."""
    return (
        shares_quote(fact.quotes, candidate.quotes)
        and bool(fact.speakers)
        and bool(candidate.speakers)
        and not fact.speakers & candidate.speakers
    )


def numbers_differ(fact: Terms, candidate: Terms) -> bool:
    """Both give a figure of the same kind (killed, arrested, money, a percentage...), and each gives one that no
    figure of the other can be, qualifiers read ("nearly 6,000" and "more than 5,800" can both be true): the same
    quantity stated with another number. A quote given to another speaker differs too."""
    if _other_speaker(fact, candidate):
        return True
    kinds = {f[0] for f in fact.figures} & {f[0] for f in candidate.figures}
    for kind in kinds:
        mine = [(low, high) for k, low, high in fact.figures if k == kind]
        theirs = [(low, high) for k, low, high in candidate.figures if k == kind]

        def alone(ranges: list[tuple[float, float]], others: list[tuple[float, float]]) -> bool:
            return any(all(high < o_low or low > o_high for o_low, o_high in others) for low, high in ranges)

        if alone(mine, theirs) and alone(theirs, mine):
            return True
    return False


@functools.cache
def _stemmer() -> Any:
    import snowballstemmer  # Porter2 (Snowball English), pure Python: "killed", "killing" -> "kill"

    return snowballstemmer.stemmer("english")


@functools.cache
def stem(word: str) -> str:
    """The Snowball stem of a lower-cased word, with the synonym classes of :data:`_SYNONYMS` merged."""
    stem = str(_stemmer().stemWord(word))
    stem = _SYNONYMS.get(stem, stem)
    # Porter2 keeps a final e in some forms only ("queues" -> "queue", "queued" -> "queu"): drop it everywhere.
    return stem[:-1] if len(stem) > 4 and stem.endswith("e") else stem


@functools.cache
def _stopwords() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _EXTRA_STOP


def _number(token: str) -> str | None:
    """A canonical string for a number token (``12``, ``1,300`` -> ``1300``, ``twelve`` -> ``12``), else None."""
    lower = token.lower()
    if lower in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[lower])
    cleaned = lower.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return _canonical(float(cleaned))
    return None


@dataclass(frozen=True)
class Terms:
    """What a sentence says, as comparable tokens: content stems, names and numbers."""

    stems: frozenset[str]
    names: tuple[str, ...]
    """Capitalised words not at the start of the sentence, lower-cased, in reading order."""
    numbers: frozenset[str]
    figures: frozenset[tuple[str, float, float]] = frozenset()
    """(kind, low, high) of the figures that count something specific (killed, arrested, money, percentages...):
    the range of values the words allow ("nearly 6,000": 5,400..6,000; "more than 5,800": 5,800..inf)."""
    quotes: tuple[str, ...] = ()
    """Quoted words (see :func:`quoted_spans`)."""
    speakers: frozenset[str] = frozenset()
    """Names outside quote marks in a sentence that quotes someone: who is quoted."""
    stages: frozenset[tuple[str, str]] = frozenset()
    """(axis, stage) of the story the sentence marks (see :func:`stages_differ`)."""

    @functools.cached_property
    def words(self) -> frozenset[str]:
        """Stems and numbers: what coverage counts."""
        return self.stems | self.numbers

    @functools.cached_property
    def content(self) -> frozenset[str]:
        """:attr:`words` less the names, when two or more words are left (what it says besides who)."""
        rest = self.words - {stem(n) for n in self.names}
        return rest if len(rest) >= 2 else self.words

    @property
    def distinctive_numbers(self) -> frozenset[str]:
        """Numbers unlikely to match by chance: above ten or with decimals, and not a year."""
        out = set()
        for n in self.numbers:
            value = float(n)
            if (value > 10 or not value.is_integer()) and not (1900 <= value <= 2100 and value.is_integer()):
                out.add(n)
        return frozenset(out)


def terms(sentence: str) -> Terms:
    """The content of ``sentence`` as stems (synonym classes merged), names and numbers."""
    stop = _stopwords()
    stems: set[str] = set()
    names: list[str] = []
    numbers: set[str] = set()
    spelled: set[str] = set()
    for match in _TOKEN.finditer(sentence):
        token = match.group()
        number = _number(token)
        if number is not None:
            (numbers if token[0].isdigit() else spelled).add(number)
            continue
        lower = token.lower()
        if lower in stop or len(lower) < 3:
            continue
        word = stem(lower)
        stems.add(word)
        if token[0].isupper():
            names.append(lower)
    figures: set[tuple[str, float, float]] = set()
    if numbers or spelled:
        # Imported here: figures' context matching reads this module's stems (figures.context imports stem).
        from coverage.analysis.figures import extract_figures

        found = extract_figures(sentence)
        for figure in found:
            value = _canonical(figure.value)
            numbers.add(value)
            kind = str(figure.kind)
            if kind == "count":
                words = figure.referent.lower().split()
                if not words:
                    continue
                kind = "count:" + stem(words[-1])
            low = figure.low if figure.low is not None else figure.value
            high = figure.high if figure.high is not None else math.inf
            figures.add((kind, min(low, figure.value), max(high, figure.value)))
        if not found:
            numbers |= spelled  # "twelve" alone; in "three hundred" the figure's value stands for the words
        figures |= _magnitudes(sentence)
    quotes = tuple(quoted_spans(sentence))
    speakers: frozenset[str] = frozenset()
    if quotes:
        outside = _QUOTED.sub(" ", sentence)
        speakers = (
            frozenset(m.group().lower() for m in _TOKEN.finditer(outside) if m.group()[0].isupper()) - _stopwords()
        )
    return Terms(
        frozenset(stems), tuple(names), frozenset(numbers), frozenset(figures), quotes, speakers, _stages(sentence)
    )


def _canonical(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
