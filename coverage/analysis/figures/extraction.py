"""Figures in news text (how many were killed, injured, arrested ..., how much money, what share) and where
outlets disagree about them.

:func:`extract_figures` reads one text (a paragraph or a sentence) and returns a :class:`FigureMention` for
every number phrase that counts something; :func:`article_figures` does it for every paragraph of an article;
:func:`group_figures` groups the mentions of the same quantity across articles and says whether they conflict.
Everything is regular expressions and word lists: no model, no dependency.

Number phrases
    Digits (``37``, ``5,800``, ``1.2``, ``1,5`` with a decimal comma, ``1.500.000``), words (``thirty-seven``,
    ``four hundred and twelve thousand, three hundred five``, ``a dozen``, ``half a million``), mixes
    (``1.2 million``), money (``$1.2 billion``, ``US$3m``, ``5 million euros``), percentages (``80%``,
    ``12 per cent``, ``two-thirds``, ``one in five``) and vague plurals (``dozens``, ``hundreds of``,
    ``tens of thousands``, ``several hundred``).

    Separators: a ``,`` followed by groups of exactly three digits separates thousands (``1,500`` is 1500,
    never 1.5); a ``,`` followed by one or two digits is a decimal comma (``1,5 million``); a single ``.`` is a
    decimal point and dots only separate thousands when there are several groups (``1.500.000``).

Not figures (ignored)
    Years (a plain four-digit number between ``year_min`` and ``year_max`` unless a qualifier, a kind word or a
    word for people follows or precedes it: ``in 2022`` is a year, ``2000 protesters`` is a count), dates
    (``January 2``, ``Jan. 7``, ``7 January``), times (``8 p.m.``, ``10:30``), ages (``33-year-old``,
    ``aged 33``, ``John Smith, 33,``), ordinals (``21st``), decades (``1990s``), numbers of articles, laws,
    flights and the like (``Article 5``, ``No. 7``, ``Resolution 2231``), numbers that are part of names
    (``G7``, ``COVID-19``, ``F-16``, ``Apollo 11``, ``Group of Seven``), scores and slashed numbers (``2-1``,
    ``24/7``) and a bare ``one`` that counts nothing of interest (``one of the``, ``one day``).

Bounds
    A figure stands for the interval ``[low, high]`` (``None``: unbounded) implied by its qualifier:

    =================================================  ============  ==============================================
    qualifier                                          ``bound``     interval
    =================================================  ============  ==============================================
    none                                               exact         ``[v, v]``
    at least, more than, over, upwards of, ..., or     at_least      ``[v, None]``, inclusive: "more than 1,000"
    more, dozens, hundreds, several hundred ...                      and "1,000" are not called a conflict
    nearly, almost, just under, close to, ...          nearly        ``[v * (1 - nearly_margin), v]``
    about, around, some, roughly, an estimated, ...    about         ``[v * (1 - about_margin), v * (1 + ...)]``
    up to, as many as, at most, fewer than, under ...  at_most       ``[None, v]``
    between A and B                                    range         ``[A, B]``, value A
    =================================================  ============  ==============================================

    A vague plural has no value of its own: its ``value`` is its lower bound (``vague_multiplier`` times the
    unit: ``dozens`` 24, ``hundreds`` 200, ``tens of thousands`` 20,000) and ``high`` is ``None``.

Kinds and referents
    The kind comes from the words next to the number: a noun or participle after it, after the counted noun
    and auxiliaries (``164 dead``, ``26 "armed criminals" killed``, ``Nearly 6,000 people have been arrested``)
    or a verb or noun before it (``killing 26``, ``detained 5,800``, ``death toll rose to 225``). The referent
    is the counted noun, mapped to a class so that the same group of people is recognised under different
    names (``police officers``, ``among the police`` -> ``security forces``; ``protesters``, ``rioters``,
    ``armed criminals`` -> ``protesters``; no noun or ``people`` -> ``people``, the plain total). A figure
    introduced by ``including`` is a part of the figure before it: it takes that figure's kind and, for
    ``including 103 in Almaty``, the referent ``people in Almaty``.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from coverage.model import Article
from coverage.model.figures import Bound, FigureGroup, FigureKind, FigureMention, LocatedFigure
from coverage.settings import FigureSettings
from coverage.text.cleaning import split_sentences
from coverage.text.lexicon import MONTH_ABBREVIATIONS, MONTHS

__all__ = [
    "Bound",
    "FigureGroup",
    "FigureKind",
    "FigureMention",
    "FigureSettings",
    "LocatedFigure",
    "article_figures",
    "extract_figures",
    "group_figures",
    "parse_number",
    "sentence_spans",
]

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------------------------
# Vocabulary


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


def _numbered(text: str, start: int, step: int = 1) -> dict[str, int]:
    """Number words written as one string: ``_numbered("ten eleven", 10)`` -> ``{"ten": 10, "eleven": 11}``."""
    return {word: start + step * index for index, word in enumerate(text.split())}


_UNITS = _numbered("zero one two three four five six seven eight nine", 0)
_TEENS = _numbered("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10)
_TENS = _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
_HUNDRED = 100
_DOZEN = 12
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
_SAFE_ABBREVIATIONS = {"mn", "mln", "bn", "trn"}  # scale abbreviations that need no currency beside them
_VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_OF = {"tens": 10.0, "hundreds": 100.0}  # "tens of thousands", "hundreds of millions"
_FEW = {"several", "few"}  # "several hundred", "a few thousand"
_FRACTIONS = {
    word: denominator
    for denominator, forms in enumerate(
        (
            "half halves",
            "third thirds",
            "quarter quarters",
            "fifth fifths",
            "sixth sixths",
            "seventh sevenths",
            "eighth eighths",
            "ninth ninths",
            "tenth tenths",
        ),
        start=2,
    )
    for word in forms.split()
}
_PERCENT_SCALE = 100.0
_HALF_NOT_SHARE = _words("the a first second other latter last next")  # "the second half of 2008"

_QUALIFIER_PHRASES: dict[Bound, str] = {
    Bound.AT_LEAST: "at least|more than|over|upwards of|in excess of|no fewer than|no less than|not less than|"
    "just over|well over|greater than|a minimum of|above",
    Bound.NEARLY: "nearly|almost|just under|close to|just short of|just below|not quite|slightly under|"
    "slightly fewer than|slightly less than",
    Bound.ABOUT: "about|around|some|roughly|approximately|approx|an estimated|estimated|circa|an approximate",
    Bound.AT_MOST: "up to|as many as|at most|no more than|not more than|less than|fewer than|under|below|a maximum of",
}
_QUALIFIERS: tuple[tuple[tuple[str, ...], Bound], ...] = tuple(
    sorted(
        (
            (tuple(phrase.split()), bound)
            for bound, phrases in _QUALIFIER_PHRASES.items()
            for phrase in phrases.split("|")
        ),
        key=lambda item: -len(item[0]),
    )
)
_QUALIFIER_WORDS = {word for phrase, _ in _QUALIFIERS for word in phrase}
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Bound]]] = defaultdict(list)
for _phrase, _bound in _QUALIFIERS:  # same order as _QUALIFIERS (longest first) within each first word
    _QUALIFIERS_BY_FIRST[_phrase[0]].append((_phrase, _bound))

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₸": "KZT", "₽": "RUB", "₹": "INR"}
_DOLLAR_PREFIXES = {"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "KZT", "RUB", "CNY", "CHF", "INR", "AUD", "CAD"}
_CURRENCY_WORDS = {
    word: code
    for code, words in (
        ("USD", "dollar dollars"),
        ("EUR", "euro euros"),
        ("GBP", "sterling"),
        ("JPY", "yen"),
        ("CNY", "yuan renminbi"),
        ("KZT", "tenge"),
        ("RUB", "ruble rubles rouble roubles"),
        ("CHF", "franc francs"),
        ("INR", "rupee rupees"),
    )
    for word in words.split()
}
_POUNDS = {"pound", "pounds"}  # money only with a scale word ("2 million pounds"); else a weight

_KIND_CUES: dict[FigureKind, frozenset[str]] = {
    FigureKind.KILLED: _words(
        "killed kill kills killing killings dead deaths death died die dies dying fatalities fatality toll bodies "
        "lives perished slain murdered deceased drowned"
    ),
    FigureKind.INJURED: _words(
        "injured injure injures injuring injuries wounded wounding wounds hurt hospitalised hospitalized"
    ),
    FigureKind.MISSING: _words("missing unaccounted disappeared"),
    FigureKind.ARRESTED: _words(
        "arrested arrest arrests arresting detained detain detains detaining detention detentions detainees "
        "custody jailed apprehended imprisoned"
    ),
    FigureKind.EVACUATED: _words("evacuated evacuate evacuates evacuating evacuation evacuees"),
    FigureKind.DISPLACED: _words("displaced displace displacing homeless fled refugees uprooted sheltering"),
}
_CUE_KIND = {word: kind for kind, words in _KIND_CUES.items() for word in words}

# Words allowed between the counted noun and the kind word: "people have reportedly been killed".
_AUX = _words(
    "have has had been being be were was are is will would may might could reportedly allegedly also "
    "later since now confirmed reported feared believed found left taken into already still officially "
    "who subsequently thought presumed said to got remain remained so far"
)
# Words that end the counted noun.
_NP_STOP = _words(
    "in on at from for after before during since while but and or of across by with as than when where "
    "which that near among amid including this the a an per percent"
)
# Modifiers dropped from the counted noun: "three more people" counts "people".
_NP_MODIFIERS = {"more", "other", "additional", "further", "new", "extra", "some", "the"}
# Words that may stand between a kind word before the number and the number: "the toll rose to 225".
_LEFT_LINK = _words(
    "to at of from the a an rose risen rises rising climbed climbs reached reaches stood stands stand is "
    "was were are has had have been now jumped increased grew hit totalled totaled totalling total totals "
    "number numbers figure tally count put official officially confirmed reportedly estimated"
)
_IRREGULAR_NOUNS = _words(
    "people police staff personnel children men women military militia youth crew person man woman child "
    "enforcement dead"
)
# Units of time and measure: "killed 3 days after" counts days, not the dead.
_UNIT_NOUNS = _words(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades "
    "century centuries km kilometres kilometers kilometre kilometer mile miles metre metres meter meters "
    "feet foot inch inches kg kilograms kilos ton tons tonnes pound pounds litres liters gallons barrels "
    "acres hectares degrees points times magnitude mph"
)
_UNIT_SUFFIXES = _words("km kg m mm cm ft mph kph kmh mw gw kw kwh mwh t ha l gb mb tb kb ghz mhz mbps gbps")
_SUBSET_MARKERS = (("including",), ("incl",), ("among", "them"), ("of", "whom"), ("of", "them"), ("of", "which"))
_PARTITIVES = {"them", "those", "these", "whom", "us"}

_REFERENT_SYNONYMS: dict[str, str] = {
    "people": "people|persons|person|individuals|individual|others|residents|citizens|men|women",
    "security forces": "police|policemen|policeman|police officers|police officer|officers|officer|"
    "law enforcement|law enforcement officers|law enforcement officials|security forces|security personnel|"
    "security officers|servicemen|soldiers|soldier|troops|military personnel|military|guards",
    "protesters": "protesters|protestors|protester|demonstrators|demonstrator|rioters|rioter|armed criminals|"
    "criminals|bandits|terrorists|militants|insurgents|gunmen|looters|attackers|armed men",
    "civilians": "civilians|civilian",
    "children": "children|child|kids|minors",
    "journalists": "journalists|journalist|reporters",
    "foreign nationals": "foreigners|foreign nationals|foreign citizens",
}
"""Referent classes: a counted noun (or its last words) listed here is grouped under the class name."""
_REFERENT_CLASSES = {
    surface: canonical for canonical, surfaces in _REFERENT_SYNONYMS.items() for surface in surfaces.split("|")
}
_GENERIC_REFERENT = "people"
_PEOPLE_KINDS = {
    FigureKind.KILLED,
    FigureKind.INJURED,
    FigureKind.MISSING,
    FigureKind.ARRESTED,
    FigureKind.EVACUATED,
    FigureKind.DISPLACED,
}

_MONTHS = MONTHS | MONTH_ABBREVIATIONS
_DESIGNATORS = _words(
    "article articles section sections clause paragraph chapter number resolution law decree act "
    "amendment rule bill item page pages flight route highway interstate room gate terminal platform "
    "channel version level phase stage season episode volume vol part title grade category tier apollo "
    "boeing airbus model code unit district ward precinct block lot row seat bus train track"
)
_ABBREVIATED_DESIGNATORS = {"no", "nos", "art", "vol", "p", "pp", "sec", "nr"}
_DECADES = _words("twenties thirties forties fifties sixties seventies eighties nineties")
_AGE_WORDS = {"aged", "age", "ages"}
_NOT_NAMES = _words(
    "in on at by of to for from and but some about around nearly almost over only just all another since "
    "after before with the a an monday tuesday wednesday thursday friday saturday sunday"
)
_QUOTE_MARKS = set("\"'“”«»„‘’`")
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?\s?m\b\.?|o['’]clock\b|gmt\b|utc\b|hrs\b|h\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s?-?\s?(?:years?|yrs?|months?|weeks?|days?)[\s-]*old\b", re.IGNORECASE)

_TOKEN = re.compile(r"(?P<num>(?<![\w.])\.\d+|\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)|(?P<sym>\S)")
# Every number phrase has a core (see _match_core): a digit, or one of these words. A sentence with neither holds no
# figure, and is not tokenised at all (most sentences of a news article).
_NUMBER_WORDS = (
    set(_UNITS) | set(_TEENS) | set(_TENS) | set(_SCALES) | set(_VAGUE) | set(_VAGUE_OF) | set(_FRACTIONS)
) | {"hundred", "dozen"}
_MAY_HOLD_FIGURE = re.compile(r"\d|\b(?:" + "|".join(sorted(_NUMBER_WORDS)) + r")\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EURO_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_PLAIN = re.compile(r"\d+")
_LEADING_DECIMAL = re.compile(r"\.\d+")
_YEAR_DIGITS = 4


@dataclass(frozen=True)
class _Tok:
    text: str
    lower: str
    kind: str  # "num", "word" or "sym"
    start: int
    end: int


@dataclass(frozen=True)
class _Core:
    value: float
    end: int  # token index after the core
    vague: str | None = None
    percent: bool = False
    bare_one: bool = False
    digits: bool = False
    plain_digits: bool = False  # digits without separators or decimals (a possible year)


@dataclass(frozen=True)
class _Phrase:
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last token
    core_start: int
    core_end: int
    value: float
    bound: Bound
    qualifier: str | None
    high_value: float | None = None
    currency: str | None = None
    percent: bool = False
    bare_one: bool = False
    plain_digits: bool = False
    digits: bool = False
    vague: bool = False


@dataclass
class _Reading:
    """A phrase being classified (mutable while the sentence is read, then frozen into a FigureMention)."""

    phrase: _Phrase
    kind: FigureKind
    noun: str | None
    referent: str
    explicit_noun: bool
    among: str | None = None


# --------------------------------------------------------------------------------------------------------------
# Public functions


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, as :func:`coverage.text.cleaning.split_sentences` cuts them."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in split_sentences(text):
        found = _find_words(text, sentence.split(), cursor)
        if found is None:  # cannot happen with split_sentences as written; keep the rest as one sentence
            logger.debug("sentence not found in its text: %.60r", sentence)
            spans.append((cursor, len(text)))
            return spans
        spans.append(found)
        cursor = found[1]
    return spans


def _find_words(text: str, words: Sequence[str], start: int) -> tuple[int, int] | None:
    """The leftmost span from ``start`` where ``words`` occur separated by white space (no regex compiled)."""
    position = text.find(words[0], start)
    while position != -1:
        end = position + len(words[0])
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return position, end
        position = text.find(words[0], position + 1)
    return None


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or ``None`` when ``text`` is not exactly one number phrase.

    ``"37"``, ``"5,800"``, ``"1,5 million"`` (1,500,000), ``"thirty-seven"``, ``"a dozen"``, ``"$1.2 billion"``,
    ``"80%"`` (80.0), ``"two-thirds"`` (66.67, a percentage), ``"more than a thousand"`` (1000: the qualifier is
    allowed and ignored), ``"dozens"`` (24: vague plurals give their lower bound).
    """
    settings = FigureSettings()
    stripped = text.strip()
    toks = _tokenize(stripped, 0)
    if not toks:
        return None
    phrase = _between_at(toks, 0, settings) or _phrase_at(toks, 0, settings)
    if phrase is None or phrase.end != len(toks):
        return None
    return phrase.value


def extract_figures(text: str, settings: FigureSettings | None = None, *, paragraph: int = 0) -> list[FigureMention]:
    """Every figure in ``text`` (a paragraph or a sentence), in text order; see the module docstring."""
    settings = settings or FigureSettings()
    mentions: list[FigureMention] = []
    for start, end in sentence_spans(text):
        if not _MAY_HOLD_FIGURE.search(text, start, end):
            continue
        toks = _tokenize(text[start:end], start)
        phrases = _find_phrases(text, toks, settings)
        mentions.extend(_read_sentence(text, text[start:end], toks, phrases, settings, paragraph))
    return mentions


def article_figures(article: Article, settings: FigureSettings | None = None) -> list[FigureMention]:
    """The figures of every paragraph of ``article``, each with its paragraph index."""
    return [
        mention
        for index, paragraph in enumerate(article.paragraphs)
        for mention in extract_figures(paragraph, settings, paragraph=index)
    ]


_DURATION_WORDS = """second seconds minute minutes hour hours day days week weeks month months year years
decade decades century centuries time times"""
_DURATIONS = frozenset(_DURATION_WORDS.split())


def _is_duration(referent: str) -> bool:
    """``three decades``, ``two days``: spans of time, not quantities that outlets report differently."""
    words = referent.lower().split()
    return bool(words) and words[-1] in _DURATIONS


def group_figures(
    mentions_per_article: Iterable[tuple[Article, Sequence[FigureMention]]],
    settings: FigureSettings | None = None,
) -> list[FigureGroup]:
    """Group the mentions of the same quantity across articles and flag the ones that cannot all be true.

    Mentions are grouped by kind and referent (counts only with ``group_counts``; percentages and counts
    without a referent never); inside such a bucket, values within ``group_ratio`` of each other (sorted, single
    linkage) are one quantity. Groups come sorted by kind, referent and value.
    """
    settings = settings or FigureSettings()
    buckets: dict[tuple[FigureKind, str], list[LocatedFigure]] = defaultdict(list)
    for article, mentions in mentions_per_article:
        for mention in mentions:
            if mention.kind is FigureKind.COUNT and (not settings.group_counts or _is_duration(mention.referent)):
                continue
            if not mention.referent:
                continue
            located = LocatedFigure(article.id, article.outlet, article.published, mention)
            buckets[(mention.kind, mention.referent)].append(located)
    kind_order = list(FigureKind)
    groups: list[FigureGroup] = []
    for (kind, referent), items in sorted(buckets.items(), key=lambda kv: (kind_order.index(kv[0][0]), kv[0][1])):
        for cluster in _clusters_by_ratio(items, settings.group_ratio):
            groups.append(_make_group(kind, referent, cluster))
    return groups


# --------------------------------------------------------------------------------------------------------------
# Grouping


def _clusters_by_ratio(items: list[LocatedFigure], ratio: float) -> list[list[LocatedFigure]]:
    ordered = sorted(items, key=lambda m: m.figure.value)
    clusters: list[list[LocatedFigure]] = []
    for item in ordered:
        if clusters and _within_ratio(clusters[-1][-1].figure.value, item.figure.value, ratio):
            clusters[-1].append(item)
        else:
            clusters.append([item])
    return clusters


def _within_ratio(smaller: float, larger: float, ratio: float) -> bool:
    if smaller <= 0:
        return larger <= 0
    return larger <= smaller * ratio


def _make_group(kind: FigureKind, referent: str, cluster: list[LocatedFigure]) -> FigureGroup:
    # Two mentions conflict when they cannot both be true and neither has a compatible value in the other's
    # article: an article that also gives a matching total (164 beside 103 in Almaty) does not contradict it.
    by_article: dict[str, list[FigureMention]] = defaultdict(list)
    for item in cluster:
        by_article[item.article_id].append(item.figure)

    def matched(figure: FigureMention, article_id: str) -> bool:
        return any(figure.compatible(other) for other in by_article[article_id])

    conflicting = [
        (a, b)
        for a, b in combinations(cluster, 2)
        if a.article_id != b.article_id
        and not a.figure.compatible(b.figure)
        and not matched(a.figure, b.article_id)
        and not matched(b.figure, a.article_id)
    ]
    is_update = bool(conflicting) and all(_is_rise(a, b) for a, b in conflicting)
    mentions = tuple(
        sorted(
            cluster,
            key=lambda m: (m.published or date.min, m.outlet.casefold(), m.article_id, m.paragraph, m.figure.start),
        )
    )
    return FigureGroup(kind=kind, referent=referent, conflict=bool(conflicting), is_update=is_update, mentions=mentions)


def _is_rise(a: LocatedFigure, b: LocatedFigure) -> bool:
    """True when the later-published of two conflicting mentions is the higher one."""
    if a.published is None or b.published is None or a.published == b.published:
        return False
    earlier, later = (a, b) if a.published < b.published else (b, a)
    return earlier.figure.interval[1] < later.figure.interval[0]


# --------------------------------------------------------------------------------------------------------------
# Tokens and number phrases


def _tokenize(text: str, offset: int) -> list[_Tok]:
    toks: list[_Tok] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "sym"
        toks.append(_Tok(match.group(), match.group().lower(), kind, match.start() + offset, match.end() + offset))
    return toks


def _parse_digits(digits: str) -> tuple[float, bool] | None:
    """The value of a digit string and whether it is plain (no separator, no decimals); None when malformed."""
    if _PLAIN.fullmatch(digits):
        return float(digits), True
    if _THOUSANDS.fullmatch(digits):
        return float(digits.replace(",", "")), False
    if _EURO_THOUSANDS.fullmatch(digits):
        return float(digits.replace(".", "").replace(",", ".")), False
    if _DECIMAL_POINT.fullmatch(digits):
        return float(digits), False
    if _DECIMAL_COMMA.fullmatch(digits):
        return float(digits.replace(",", ".")), False
    if _LEADING_DECIMAL.fullmatch(digits):  # ".41"
        return float(f"0{digits}"), False
    return None


def _adjacent(a: _Tok, b: _Tok) -> bool:
    return a.end == b.start


def _word(toks: Sequence[_Tok], index: int) -> str:
    """The lower-case word at ``index``, or "" (past the end, a number or a symbol)."""
    if 0 <= index < len(toks) and toks[index].kind == "word":
        return toks[index].lower
    return ""


def _match_qualifier(toks: Sequence[_Tok], index: int) -> tuple[Bound, int] | None:
    first = _word(toks, index)
    for phrase, bound in _QUALIFIERS_BY_FIRST.get(first, ()) if first else ():
        if all(_word(toks, index + k) == word for k, word in enumerate(phrase[1:], start=1)):
            return bound, len(phrase)
    return None


def _match_currency_prefix(toks: Sequence[_Tok], index: int) -> tuple[str, int] | None:
    if index >= len(toks):
        return None
    tok = toks[index]
    if tok.kind == "sym" and tok.text in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[tok.text], 1
    if tok.kind == "word" and tok.text in _CURRENCY_CODES:
        return tok.text, 1
    if (  # "euro110 billion"
        tok.kind == "word"
        and tok.lower in _CURRENCY_WORDS
        and index + 1 < len(toks)
        and toks[index + 1].kind == "num"
        and _adjacent(tok, toks[index + 1])
    ):
        return _CURRENCY_WORDS[tok.lower], 1
    if (
        tok.kind == "word"
        and tok.lower in _DOLLAR_PREFIXES
        and tok.text.isupper()
        and index + 1 < len(toks)
        and toks[index + 1].text == "$"
        and _adjacent(tok, toks[index + 1])
    ):
        return _DOLLAR_PREFIXES[tok.lower], 2
    return None


def _step(state: tuple[float, float, str, float], word: str, following: str) -> tuple[float, float, str, float] | None:
    """One word of a number written in words: (total, group, phase, last scale) -> the next state or None."""
    total, group, phase, last_scale = state
    if word in ("a", "an"):
        if phase == "start" and (following in _SCALES or following in ("hundred", "dozen")):
            return total, 1.0, "unit", last_scale
        return None
    if word == "zero":
        return (0.0, 0.0, "zero", last_scale) if phase == "start" else None
    if word in _UNITS:
        if phase in ("start", "scale", "hundred"):
            return total, group + _UNITS[word], "unit", last_scale
        if phase == "tens":
            return total, group + _UNITS[word], "tens_unit", last_scale
        return None
    if word in _TEENS or word in _TENS:
        if phase in ("start", "scale", "hundred"):
            return total, group + (_TEENS.get(word) or _TENS[word]), "teen" if word in _TEENS else "tens", last_scale
        return None
    if word == "hundred":
        return (total, group * _HUNDRED, "hundred", last_scale) if phase == "unit" else None
    if word in _SCALES:
        scale = _SCALES[word]
        if phase in ("unit", "tens", "tens_unit", "teen", "hundred") and scale < last_scale:
            return total + group * scale, 0.0, "scale", scale
        return None
    if word == "dozen":
        return (0.0, group * _DOZEN, "dozen", last_scale) if phase == "unit" and total == 0 else None
    return None


def _match_words(toks: Sequence[_Tok], index: int) -> _Core | None:
    """A number written in words starting at ``index`` (greedy, grammatical), e.g. ``four hundred and twelve``."""
    state: tuple[float, float, str, float] = (0.0, 0.0, "start", math.inf)
    k = index
    best: tuple[float, int] | None = None
    words: list[str] = []
    while k < len(toks):
        tok = toks[k]
        phase = state[2]
        connector = (
            (
                tok.text == "-"
                and phase == "tens"
                and k > 0
                and k + 1 < len(toks)
                and _adjacent(toks[k - 1], tok)
                and _adjacent(tok, toks[k + 1])
            )
            or (tok.lower == "and" and phase in ("hundred", "scale"))
            or (tok.text == "," and phase == "scale")
        )
        if connector:
            following = _word(toks, k + 1)
            nxt = _step(state, following, _word(toks, k + 2)) if following else None
            if nxt is None or following in ("a", "an"):
                break
            k += 1
            continue
        if tok.kind != "word":
            break
        nxt = _step(state, tok.lower, _word(toks, k + 1))
        if nxt is None:
            break
        state = nxt
        words.append(tok.lower)
        k += 1
        best = (state[0] + state[1], k)
    if best is None:
        return None
    return _Core(value=best[0], end=best[1], bare_one=words == ["one"])


def _match_core(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> _Core | None:
    """The number itself at ``index``: digits (with a scale word), words, a vague plural or a fraction."""
    if index >= len(toks):
        return None
    tok = toks[index]
    word, following = tok.lower, _word(toks, index + 1)
    if tok.kind == "num":
        parsed = _parse_digits(tok.text)
        if parsed is None:
            return None
        value, plain = parsed
        end = index + 1
        scale_word = _word(toks, end)
        if scale_word in _SCALES:
            return _Core(value * _SCALES[scale_word], end + 1, digits=True)
        if scale_word == "hundred":
            return _Core(value * _HUNDRED, end + 1, digits=True)
        if scale_word == "dozen":
            return _Core(value * _DOZEN, end + 1, digits=True)
        return _Core(value, end, digits=True, plain_digits=plain)
    if tok.kind != "word":
        return None
    many = settings.vague_multiplier
    # "tens of thousands", "hundreds of millions"
    if word in _VAGUE_OF and following == "of" and _word(toks, index + 2) in _VAGUE and _word(toks, index + 2) != word:
        unit = _VAGUE[_word(toks, index + 2)]
        if unit > _VAGUE_OF[word]:
            return _Core(many * _VAGUE_OF[word] * unit, index + 3, vague=f"{word} of {_word(toks, index + 2)}")
    if word in _VAGUE and (word != "scores" or following == "of"):
        return _Core(many * _VAGUE[word], index + 1, vague=word)
    # "several hundred", "a few thousand"
    few_end = index + 2 if word == "a" and following == "few" else index + 1 if word in _FEW else None
    if few_end is not None:
        unit_word = _word(toks, few_end)
        few_unit = _SCALES.get(unit_word) or {"hundred": float(_HUNDRED), "dozen": float(_DOZEN)}.get(unit_word)
        if few_unit is not None:
            return _Core(many * few_unit, few_end + 1, vague=" ".join(t.lower for t in toks[index:few_end]))
        return None
    if word == "no" and following == "one":  # "No one was injured": zero, reported like a bare "one"
        return _Core(0.0, index + 2, bare_one=True)
    # "half a million"
    if word == "half" and following in ("a", "an") and _word(toks, index + 2) in _SCALES:
        return _Core(_SCALES[_word(toks, index + 2)] / 2, index + 3)
    fraction = _match_fraction(toks, index)
    if fraction is not None:
        return fraction
    return _match_words(toks, index)


def _match_fraction(toks: Sequence[_Tok], index: int) -> _Core | None:
    """``two-thirds``, ``one-half``, ``three quarters of``, ``a third of``, ``half of``: a share, as a percentage."""
    word = toks[index].lower
    if word == "half" and _word(toks, index + 1) == "of" and _word(toks, index - 1) not in _HALF_NOT_SHARE:
        return _Core(_PERCENT_SCALE / 2, index + 1, percent=True)
    numerator = 1 if word in ("a", "one") else _UNITS.get(word)
    if not numerator:
        return None
    k = index + 1
    hyphen = k < len(toks) and toks[k].text == "-" and _adjacent(toks[k - 1], toks[k])
    if hyphen:
        k += 1
    denominator = _FRACTIONS.get(_word(toks, k))
    if denominator is None or numerator >= denominator:
        return None
    if word == "a" and hyphen:
        return None
    if not hyphen and _word(toks, k + 1) != "of":  # "a third time", "three quarters" alone: not a share
        return None
    return _Core(_PERCENT_SCALE * numerator / denominator, k + 1, percent=True)


def _between_at(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> _Phrase | None:
    """``between 20 and 30``, ``between $60 million and $70 million``: a range."""
    if _word(toks, index) != "between":
        return None
    first = _phrase_at(toks, index + 1, settings)
    if first is None or first.bound is not Bound.EXACT or _word(toks, first.end) not in ("and", "to"):
        return None
    second = _phrase_at(toks, first.end + 1, settings)
    if second is None or second.bound is not Bound.EXACT or second.value < first.value:
        return None
    return _Phrase(
        start=index,
        end=second.end,
        core_start=index + 1,
        core_end=second.end,
        value=first.value,
        bound=Bound.RANGE,
        qualifier="between",
        high_value=second.value,
        currency=first.currency or second.currency,
        percent=first.percent or second.percent,
        digits=first.digits,
    )


def _dash_range_at(toks: Sequence[_Tok], index: int) -> _Phrase | None:
    """``90-120 days``: two numbers joined by a dash, the second larger, before a noun (``7-0 run`` is a score)."""
    if index + 3 >= len(toks) or toks[index].kind != "num" or toks[index + 1].text not in "-–":
        return None
    if not (_adjacent(toks[index], toks[index + 1]) and _adjacent_number(toks, index + 1)):
        return None
    if index > 0 and _adjacent(toks[index - 1], toks[index]) and toks[index - 1].text not in _QUOTE_MARKS:
        return None
    low, high = _parse_digits(toks[index].text), _parse_digits(toks[index + 2].text)
    following = _word(toks, index + 3)
    if low is None or high is None or not low[0] < high[0] or not following or not _looks_like_noun(following):
        return None
    return _Phrase(
        start=index,
        end=index + 3,
        core_start=index,
        core_end=index + 3,
        value=low[0],
        bound=Bound.RANGE,
        qualifier=None,
        high_value=high[0],
        digits=True,
    )


def _percent_suffix(toks: Sequence[_Tok], index: int) -> int:
    """How many tokens at ``index`` say "percent" (0 when none)."""
    if index < len(toks) and toks[index].text == "%":
        return 1
    word = _word(toks, index)
    if word in ("percent", "pct"):
        return 1
    if word == "per" and _word(toks, index + 1) == "cent":
        return 2
    if word == "percentage" and _word(toks, index + 1) == "points":
        return 2
    return 0


def _phrase_at(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> _Phrase | None:
    """A number phrase starting at ``index``: qualifier, currency, number, scale, percent, currency word."""
    k = index
    bound, qualifier = Bound.EXACT, None
    matched = _match_qualifier(toks, k)
    if matched is not None:
        bound, length = matched
        qualifier = " ".join(t.lower for t in toks[k : k + length])
        k += length
    currency = None
    prefix = _match_currency_prefix(toks, k)
    if prefix is not None:
        currency, length = prefix
        k += length
    core = _match_core(toks, k, settings)
    if core is None:
        return None
    core_start, value, end = k, core.value, core.end
    percent = core.percent
    # scale abbreviations: "$5m", "1.2bn"
    abbreviation = _word(toks, end)
    if core.digits and abbreviation in _SCALE_ABBREVIATIONS and (currency or abbreviation in _SAFE_ABBREVIATIONS):
        value *= _SCALE_ABBREVIATIONS[abbreviation]
        end += 1
    if not percent and _percent_suffix(toks, end):
        end += _percent_suffix(toks, end)
        percent = True
    if not percent and currency is None:
        word = _word(toks, end)
        if word == "us" and _word(toks, end + 1) in ("dollars", "dollar"):
            currency, end = "USD", end + 2
        elif word in _CURRENCY_WORDS:
            currency, end = _CURRENCY_WORDS[word], end + 1
        elif end < len(toks) and toks[end].text in _CURRENCY_CODES:
            currency, end = toks[end].text, end + 1
        elif word in _POUNDS and (core.value >= _SCALES["thousand"] and not core.plain_digits):
            currency, end = "GBP", end + 1
    vague = core.vague
    if vague is not None and bound is Bound.EXACT:
        bound, qualifier = Bound.AT_LEAST, vague
    if bound is Bound.EXACT:
        if _word(toks, end) == "or" and _word(toks, end + 1) == "more":
            bound, qualifier, end = Bound.AT_LEAST, "or more", end + 2
        elif _word(toks, end) == "or" and _word(toks, end + 1) == "so":
            bound, qualifier, end = Bound.ABOUT, "or so", end + 2
        elif end < len(toks) and toks[end].text == "+" and _adjacent(toks[end - 1], toks[end]):
            bound, qualifier, end = Bound.AT_LEAST, "+", end + 1
    # "one in five", "3 in 10": a share
    if not percent and currency is None and _word(toks, end) == "in" and vague is None:
        denominator = _match_core(toks, end + 1, settings)
        if (
            denominator is not None
            and denominator.vague is None
            and value < denominator.value <= settings.max_denominator
            and not (denominator.plain_digits and len(toks[end + 1].text) == _YEAR_DIGITS)
            and _word(toks, denominator.end) not in _UNIT_NOUNS
        ):
            value = _PERCENT_SCALE * value / denominator.value
            percent, end = True, denominator.end
    return _Phrase(
        start=index,
        end=end,
        core_start=core_start,
        core_end=core.end,
        value=value,
        bound=bound,
        qualifier=qualifier,
        currency=currency,
        percent=percent,
        bare_one=core.bare_one and not percent and currency is None and qualifier is None,
        plain_digits=core.plain_digits and currency is None and not percent and core.end == end,
        digits=core.digits,
        vague=vague is not None,
    )


def _find_phrases(text: str, toks: Sequence[_Tok], settings: FigureSettings) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    index = 0
    while index < len(toks):
        phrase = _between_at(toks, index, settings) or _dash_range_at(toks, index) or _phrase_at(toks, index, settings)
        if phrase is None:
            index += 1
            continue
        reason = _ignore_reason(text, toks, phrase, settings)
        if reason is None:
            phrases.append(phrase)
        else:
            logger.debug("not a figure (%s): %r", reason, text[toks[phrase.start].start : toks[phrase.end - 1].end])
        index = phrase.end
    return phrases


def _ignore_reason(text: str, toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> str | None:
    """Why a number phrase is not a figure (a year, a date, an age, part of a name, ...), or None."""
    first = toks[phrase.core_start]
    last = toks[phrase.core_end - 1]
    before = toks[phrase.core_start - 1] if phrase.core_start > 0 else None
    after = toks[phrase.core_end] if phrase.core_end < len(toks) else None
    word_before = _word(toks, phrase.start - 1)
    value = phrase.value
    small_integer = value == int(value) and value <= settings.max_day
    if first.kind == "num":
        if before is not None and _adjacent(before, first) and phrase.currency is None:
            if before.kind == "word":
                return "part of a name"
            if before.text in "-–" and phrase.core_start > 1 and _adjacent(toks[phrase.core_start - 2], before):
                joined = toks[phrase.core_start - 2]
                if joined.kind == "num":
                    return "score or range"
                if joined.lower not in _UNIT_NOUNS:  # "COVID-19", "F-16"; but "magnitude-5.9"
                    return "part of a name"
            if before.text in "#№" or (before.text in "/:" and _adjacent_number(toks, phrase.core_start - 1, -1)):
                return "slashed, time or numbered"
        if after is not None and _adjacent(last, after) and phrase.core_end == phrase.core_start + 1:
            if after.text in "/:-–" and _adjacent_number(toks, phrase.core_end):
                return "slashed, time or score"
            if after.kind == "word" and after.lower in ("st", "nd", "rd", "th"):
                return "ordinal"
            if after.kind == "word" and after.lower == "s":
                return "decade"
            if (
                after.kind == "word"
                and after.lower not in _UNIT_SUFFIXES
                and after.lower not in _SCALE_ABBREVIATIONS
                and after.lower not in ("am", "pm")
            ):
                return "part of a name"
        if _TIME_AFTER.match(text, last.end) and phrase.currency is None and not phrase.percent:
            return "time"
    elif phrase.start == phrase.core_start and first.text[:1].isupper() and not _sentence_initial(toks, phrase.start):
        return "part of a name"
    elif before is not None and before.text == "-" and _adjacent(before, first) and phrase.core_start > 1:
        if toks[phrase.core_start - 2].kind == "word" and _adjacent(toks[phrase.core_start - 2], before):
            return "part of a compound"  # "four-by-four", "one-on-one"
    elif (
        phrase.core_end + 1 < len(toks)
        and toks[phrase.core_end].text == "-"
        and _word(toks, phrase.core_end + 1) in ("by", "on", "to")
    ):
        return "part of a compound"
    if _word(toks, phrase.core_end) in _DECADES:
        return "decade"
    if _AGE_AFTER.match(text, last.end) or word_before in _AGE_WORDS:
        return "age"
    if phrase.currency is not None or phrase.percent:
        return None
    month_before = _is_month(toks, phrase.start - 1) or (
        before is not None and before.text == "." and _is_month(toks, phrase.core_start - 2)
    )
    if month_before and (small_integer or phrase.plain_digits):
        return "date"
    if _is_month(toks, phrase.core_end) and small_integer:
        return "date"
    if word_before in _DESIGNATORS or (
        before is not None and before.text == "." and _word(toks, phrase.core_start - 2) in _ABBREVIATED_DESIGNATORS
    ):
        return "number of an article, law or similar"
    if phrase.start > 0 and toks[phrase.start - 1].text == "No":
        return "number of an article, law or similar"
    if _is_age_apposition(toks, phrase, settings):
        return "age"
    if phrase.plain_digits and phrase.bound is Bound.EXACT and _is_year(toks, phrase, settings):
        return "year"
    if phrase.start > 0 and _is_name_number(toks, phrase):
        return "part of a name"
    return None


def _is_month(toks: Sequence[_Tok], index: int) -> bool:
    """A capitalised month name or abbreviation at ``index`` ("may" and "march" in lower case are verbs)."""
    return 0 <= index < len(toks) and toks[index].lower in _MONTHS and toks[index].text[:1].isupper()


def _adjacent_number(toks: Sequence[_Tok], index: int, direction: int = 1) -> bool:
    """True when the symbol at ``index`` touches digits on its far side (``2-1``, ``11:00``, ``24/7``)."""
    other = index + direction
    if not (0 <= index < len(toks) and 0 <= other < len(toks)) or toks[other].kind != "num":
        return False
    return _adjacent(toks[index], toks[other]) if direction > 0 else _adjacent(toks[other], toks[index])


def _sentence_initial(toks: Sequence[_Tok], index: int) -> bool:
    """True at the first word of the sentence, after opening punctuation or after a colon."""
    k = index - 1
    while k >= 0 and toks[k].kind == "sym" and toks[k].text in _QUOTE_MARKS | {"(", "[", "—", "-", "–"}:
        k -= 1
    return k < 0 or toks[k].text in (":", ".", ";", "!", "?")


def _is_age_apposition(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> bool:
    """``John Smith, 33, of Chicago`` or ``Smith (33)``."""
    if not phrase.plain_digits or phrase.start < 2 or phrase.end >= len(toks) or phrase.value > settings.max_age:
        return False
    opening, closing = toks[phrase.start - 1].text, toks[phrase.end].text
    name = toks[phrase.start - 2]
    return (
        (opening, closing) in ((",", ","), ("(", ")"))
        and name.kind == "word"
        and name.text[:1].isupper()
        and name.lower not in _NOT_NAMES
    )


def _is_year(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> bool:
    """A plain four-digit number in the year range that counts nothing (``in 2022``, ``the 2022 elections``)."""
    digits = toks[phrase.core_start].text
    if len(digits) != _YEAR_DIGITS or not settings.year_min <= phrase.value <= settings.year_max:
        return False
    following = _word(toks, phrase.end)
    if following in _CUE_KIND or following in _REFERENT_CLASSES:
        return False
    k = phrase.start - 1
    while (
        k >= 0 and toks[k].kind == "word" and toks[k].lower in _LEFT_LINK and phrase.start - k <= settings.left_window
    ):
        k -= 1
    return not (k >= 0 and toks[k].lower in _CUE_KIND)


def _is_name_number(toks: Sequence[_Tok], phrase: _Phrase) -> bool:
    """``Apollo 11``, ``Channel 4 News``: a capitalised word (not the first of the sentence) before, no noun after."""
    before = toks[phrase.start - 1]
    if before.kind != "word" or not before.text[:1].isupper() or before.lower in _NOT_NAMES:
        return False
    if before.lower in _MONTHS or _sentence_initial(toks, phrase.start - 1):
        return False
    following = toks[phrase.end] if phrase.end < len(toks) else None
    return following is None or following.kind != "word" or following.text[:1].isupper()


# --------------------------------------------------------------------------------------------------------------
# Kind and referent


def _skip_quotes(toks: Sequence[_Tok], index: int) -> int:
    while index < len(toks) and toks[index].kind == "sym" and toks[index].text in _QUOTE_MARKS:
        index += 1
    return index


def _looks_like_noun(word: str) -> bool:
    return word in _IRREGULAR_NOUNS or word in _UNIT_NOUNS or (len(word) > 2 and word.endswith("s"))


def _noun_phrase(
    toks: Sequence[_Tok], index: int, settings: FigureSettings, *, vague: bool = False, keep_first: bool = False
) -> tuple[list[_Tok], int]:
    """The counted noun at ``index`` (``police officers``, ``"armed criminals"``) and the index after it.

    ``of`` is read through after a vague plural (``hundreds of people``) and before ``the``/``those``
    (``26 of the protesters``). Trailing words that do not look like nouns are dropped (``protesters
    gathered`` -> ``protesters``), down to the first word with ``keep_first`` (``of the electorate``).
    """
    candidates: list[tuple[_Tok, int]] = []
    k = index
    if _word(toks, k) == "of" and _word(toks, k + 1) in _PARTITIVES:
        return [], k + 2
    if _word(toks, k) == "of" and _word(toks, k + 1) in ("the", "those"):
        k += 2
    elif _word(toks, k) == "of" and vague:
        k += 1
    while k < len(toks) and len(candidates) < settings.np_max_tokens:
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS | {"-"}:
            k += 1
            continue
        if tok.kind != "word" or tok.lower in _CUE_KIND or tok.lower in _AUX or tok.lower in _NP_STOP:
            break
        candidates.append((tok, k))
        k += 1
    # keep the longest prefix that ends in a noun ("protesters gathered" -> "protesters")
    while candidates[keep_first:] and not _looks_like_noun(candidates[-1][0].lower):
        candidates.pop()
    if not candidates:
        return [], index
    words = [tok for tok, _ in candidates]
    while words and words[0].lower in _NP_MODIFIERS and len(words) > 1:
        words.pop(0)
    return words, candidates[-1][1] + 1


def _gap_to_cue(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> int | None:
    """The index of a kind word after auxiliaries at ``index`` (``have reportedly been killed``), or None."""
    gaps = 0
    k = index
    while k < len(toks):
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS:
            k += 1
            continue
        if tok.kind == "word" and tok.lower in _CUE_KIND:
            return k
        if tok.kind == "word" and tok.lower in _AUX and gaps < settings.gap_max_tokens:
            k += 1
            gaps += 1
            continue
        if tok.text == "," and gaps == 0:  # "three people, a man and two women, were killed"
            closing = next(
                (
                    j
                    for j in range(k + 1, min(len(toks), k + 2 + settings.apposition_max_tokens))
                    if toks[j].text == ","
                ),
                None,
            )
            inside = toks[k + 1 : closing] if closing is not None else []
            if closing is not None and all(t.kind != "sym" and t.lower not in _CUE_KIND for t in inside):
                k = closing + 1
                gaps += 1
                continue
            if _word(toks, k + 1) in _AUX:  # the end of an apposition: "two women, were killed"
                k += 1
                gaps += 1
                continue
        return None
    return None


def _left_cue(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> FigureKind | None:
    """A kind word before the number, linked to it by a few words (``killing 26``, ``toll rose to 225``)."""
    k = index - 1
    steps = 0
    while k >= 0 and steps <= settings.left_window:
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS:
            k -= 1
            continue
        if tok.kind != "word":
            return None
        if tok.lower in _CUE_KIND and tok.lower not in ("death", "lives"):
            return _CUE_KIND[tok.lower]
        if tok.lower in ("death", "lives") and steps > 0:  # "death toll of" / "the lives of 12"
            return FigureKind.KILLED
        if tok.lower not in _LEFT_LINK and tok.lower not in _QUALIFIER_WORDS:
            return None
        k -= 1
        steps += 1
    return None


def _canonical(words: Sequence[str]) -> str:
    """The referent class of a counted noun: ``["kazakh", "police", "officers"]`` -> ``security forces``."""
    for start in range(len(words)):
        phrase = " ".join(words[start:])
        if phrase in _REFERENT_CLASSES:
            return _REFERENT_CLASSES[phrase]
    return " ".join(words)


def _among(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> str | None:
    """``among the police`` within ``among_window`` words after ``index``: the referent class."""
    for k in range(index, min(len(toks), index + settings.among_window)):
        if toks[k].kind != "word" and toks[k].text not in _QUOTE_MARKS:
            return None
        if toks[k].lower == "among":
            j = k + 1
            while _word(toks, j) in ("the", "its", "their"):
                j += 1
            words, _ = _noun_phrase(toks, j, settings)
            if not words and _word(toks, j) in _REFERENT_CLASSES:
                words = [toks[j]]
            if words and words[0].lower not in _PARTITIVES:
                return _canonical([w.lower for w in words])
            return None
    return None


def _is_subset(toks: Sequence[_Tok], index: int) -> bool:
    for marker in _SUBSET_MARKERS:
        start = index - len(marker)
        if start >= 0 and all(_word(toks, start + k) == word for k, word in enumerate(marker)):
            return True
    return index > 0 and toks[index - 1].text == ":" and _word(toks, index - 2) == "including"


def _place_after(toks: Sequence[_Tok], index: int) -> str | None:
    """``in Almaty`` right after a figure: the place name."""
    if _word(toks, index) != "in":
        return None
    words = []
    k = index + 1
    while k < len(toks) and toks[k].kind == "word" and toks[k].text[:1].isupper():
        words.append(toks[k].text)
        k += 1
    return " ".join(words) or None


def _percent_referent(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> str:
    """``80% of the population`` -> ``population``; ``""`` when no ``of`` phrase follows."""
    if _word(toks, index) != "of":
        return ""
    k = index + 1
    while _word(toks, k) in ("the", "its", "their", "all", "those", "these"):
        k += 1
    words, _ = _noun_phrase(toks, k, settings, keep_first=True)
    return " ".join(t.lower for t in words)


def _read_phrase(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> _Reading:
    """Kind, counted noun and referent of one phrase, from the words around it."""
    if phrase.currency is not None:
        return _Reading(phrase, FigureKind.MONEY, None, phrase.currency, explicit_noun=False)
    if phrase.percent:
        referent = _percent_referent(toks, phrase.end, settings)
        return _Reading(phrase, FigureKind.PERCENTAGE, None, referent, explicit_noun=False)
    noun, after_noun = _noun_phrase(toks, _skip_quotes(toks, phrase.end), settings, vague=phrase.vague)
    words = [t.lower for t in noun]
    kind = FigureKind.COUNT
    cue = None
    if words and words[-1] in _UNIT_NOUNS:
        return _Reading(phrase, kind, " ".join(words), _canonical(words), explicit_noun=True)
    cue = _gap_to_cue(toks, after_noun if noun else phrase.end, settings)
    if cue is not None:
        kind = _CUE_KIND[toks[cue].lower]
        if not noun:  # "5 injured protesters": the noun after the participle
            noun, _ = _noun_phrase(toks, cue + 1, settings)
            words = [t.lower for t in noun]
    elif _word(toks, after_noun) == "with" and _word(toks, after_noun + 1) in _CUE_KIND:
        kind = _CUE_KIND[_word(toks, after_noun + 1)]  # "50 people with injuries"
    else:
        left = _left_cue(toks, phrase.start, settings)
        if left is not None:
            kind = left
    among_from = cue + 1 if cue is not None else after_noun
    among = _among(toks, among_from, settings) if kind in _PEOPLE_KINDS else None
    referent = _canonical(words) if words else _GENERIC_REFERENT if kind in _PEOPLE_KINDS else ""
    reading = _Reading(phrase, kind, " ".join(words) or None, referent, explicit_noun=bool(words), among=among)
    if among is not None and referent == _GENERIC_REFERENT:
        reading.referent = among
    return reading


def _read_sentence(
    text: str,
    sentence: str,
    toks: Sequence[_Tok],
    phrases: Sequence[_Phrase],
    settings: FigureSettings,
    paragraph: int,
) -> list[FigureMention]:
    readings = [_read_phrase(toks, phrase, settings) for phrase in phrases]
    for index, reading in enumerate(readings):
        # "16 killed and more than 1,300 wounded among the police": the referent applies to both
        if reading.among is not None:
            k = index - 1
            while k >= 0 and _coordinated(toks, readings[k].phrase, readings[k + 1].phrase):
                if readings[k].explicit_noun or readings[k].kind not in _PEOPLE_KINDS:
                    break
                readings[k].referent = reading.among
                k -= 1
        # "at least 164 dead, including 103 in Almaty": a part of the figure before
        near = index > 0 and reading.phrase.start - readings[index - 1].phrase.end <= settings.subset_window
        if near and _is_subset(toks, reading.phrase.start):
            parent = readings[index - 1]
            if reading.kind is FigureKind.COUNT and parent.kind in _PEOPLE_KINDS and not _unit_noun(reading):
                reading.kind = parent.kind
                if not reading.explicit_noun:
                    reading.referent = parent.referent
            place = _place_after(toks, reading.phrase.end)
            if place is not None and reading.kind in _PEOPLE_KINDS:
                reading.referent = f"{reading.referent} in {place}"
    mentions = []
    for reading in readings:
        phrase = reading.phrase
        if phrase.bare_one and (reading.kind is FigureKind.COUNT or _word(toks, phrase.end) == "of"):
            continue  # "one of the", "one day"
        start, end = toks[phrase.start].start, toks[phrase.end - 1].end
        low, high = _bounds(phrase, settings)
        unit = phrase.currency or ("%" if phrase.percent else None)
        mentions.append(
            FigureMention(
                value=phrase.value,
                low=low,
                high=high,
                qualifier=phrase.qualifier,
                kind=reading.kind,
                referent=reading.referent,
                text=text[start:end],
                sentence=sentence,
                start=start,
                end=end,
                bound=phrase.bound,
                noun=reading.noun,
                unit=unit,
                paragraph=paragraph,
            )
        )
    return mentions


def _unit_noun(reading: _Reading) -> bool:
    return reading.noun is not None and reading.noun.split()[-1] in _UNIT_NOUNS


def _coordinated(toks: Sequence[_Tok], first: _Phrase, second: _Phrase) -> bool:
    """Two figures joined by ``and`` only (``16 killed and 1,300 wounded``): no comma, no ``as well as``."""
    between = toks[first.end : second.start]
    return any(t.lower == "and" for t in between) and all(
        t.kind == "word" and (t.lower == "and" or t.lower in _CUE_KIND or t.lower in _AUX or t.lower in _NP_MODIFIERS)
        for t in between
    )


def _bounds(phrase: _Phrase, settings: FigureSettings) -> tuple[float | None, float | None]:
    value = phrase.value
    if phrase.bound is Bound.AT_LEAST:
        return value, None
    if phrase.bound is Bound.AT_MOST:
        return None, value
    if phrase.bound is Bound.ABOUT:
        return value * (1 - settings.about_margin), value * (1 + settings.about_margin)
    if phrase.bound is Bound.NEARLY:
        return value * (1 - settings.nearly_margin), value
    if phrase.bound is Bound.RANGE:
        return value, phrase.high_value
    return value, value
