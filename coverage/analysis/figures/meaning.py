"""What a figure means beyond its kind: what a percentage measures (its topic), whether it is an earlier value, a
forecast or another year's, and the subject of a changing total (``the death toll ... rose to 7``).

Each function reads the tokens of one sentence around a number phrase; none guesses: when the words are not there,
the answer is empty and the figure is not grouped with others (see :func:`coverage.analysis.figures.group_figures`).
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.numbers import _Phrase, _Tok, _word
from coverage.analysis.figures.rates import change_in, of_gdp, qualified, special_topic
from coverage.analysis.figures.words import (
    _CHANGE_VERBS,
    _CUE_KIND,
    _CURRENCY_WORDS,
    _FORECAST_AFTER,
    _MONTHS,
    _SHARE_WORDS,
    _TOPIC_CLASSES,
    _TOPIC_MODIFIERS,
    _TOPICS,
    _YEAR_DIGITS,
)
from coverage.model.figures import FigureKind
from coverage.settings import FigureSettings
from coverage.text.lexicon import word_set

_CLAUSE_ENDS = {";", ":", "(", ")"}
_MOVE_WORDS = frozenset({"stronger", "weaker", "higher", "lower", "up", "down"})


def _names(text: str) -> frozenset[str]:
    """Capitalised names written as one string (case kept)."""
    return frozenset(text.split())


# The last word of a party's name (capitalised, after another capitalised word), and names that stand alone.
_PARTY_NOUNS = _names(
    "Party Movement Alliance Union Front Bloc Coalition League Congress Greens Labour Democrats Republicans "
    "Socialists Conservatives Liberals"
)
_PARTY_NAMES = _names("Greens Labour Democrats Republicans Socialists Conservatives Liberals")
_NOT_PARTY = _names("European Soviet African Eurasian Economic Monetary Postal Trade Customs Credit Students")


def topic_of(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> str:
    """What a percentage measures: the topic noun right after it (``the 2% target``) or the nearest one before it
    (``inflation stood at 6.2%``, ``the average mortgage rate is 7.1%``); ``vote share`` after a verb of winning
    or ``party``, or in a sentence naming a party, unless the percentage is a change (``raised ... by 5%``); ``""``
    when there is none."""

    def at(k: int) -> str | None:
        return topic_at(toks, k)

    changed = change_in(toks, phrase.end, at) if phrase.points else None
    following = at(phrase.end)
    if changed or following:  # "a two-point rise in VAT", "the 2% target", "the 3% ceiling"
        return changed or qualified(toks, phrase.end, following or "", at)
    move = _currency_move(toks, phrase, settings)
    if move is not None:
        return move
    change = _word(toks, phrase.start - 1) == "by" and not phrase.points
    k = phrase.start - 1
    steps = 0
    while k >= 0 and steps < settings.topic_window:
        if toks[k].text in _CLAUSE_ENDS:
            return ""
        word = _word(toks, k)
        topic = at(k) if not of_gdp(toks, k - 1) else None  # "debt fell to 90% of GDP from 95%": debt
        if topic is not None:
            return qualified(toks, k, topic, at)
        if not change and ((word in _SHARE_WORDS and not phrase.points) or _is_party(toks, k)):
            return "vote share"
        k -= 1
        steps += 1
    if party_sentence(toks) and not change and not _has_topic(toks):
        return "vote share"  # "... Homeland Movement: running on ..., it climbed to 19.2 per cent"
    return "gdp" if of_gdp(toks, phrase.end) else ""  # "2% of GDP" for nothing named: a share of GDP


def topic_at(toks: Sequence[_Tok], index: int) -> str | None:
    """The topic the word at ``index`` names (``inflation``, ``the mortgage rate``, ``value added tax``), or
    ``None``."""
    special = special_topic(toks, index)
    if special is not None:
        return special
    return _topic(toks, index) if _word(toks, index) in _TOPICS else None


def _currency_move(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> str | None:
    """``The crown was 0.8% stronger against the euro``: ``crowns against EUR`` (the currency named before the
    number, against the one after it); ``None`` when it is not a currency's move or the first currency is not named
    in the clause."""
    k = phrase.end
    if _word(toks, k) not in _MOVE_WORDS or _word(toks, k + 1) not in ("against", "versus", "vs"):
        return None
    k += 2
    while _word(toks, k) == "the":
        k += 1
    other = _CURRENCY_WORDS.get(_word(toks, k))
    if other is None:
        return None
    for j in range(phrase.start - 1, max(-1, phrase.start - 1 - settings.topic_window), -1):
        if toks[j].text in _CLAUSE_ENDS:
            break
        if _word(toks, j) in _CURRENCY_WORDS:
            return f"{_CURRENCY_WORDS[_word(toks, j)]} against {other}"
    return None


def _is_party(toks: Sequence[_Tok], index: int) -> bool:
    """A party's name ends at ``index``: ``Homeland Movement``, ``Civic Union``, ``the Greens`` (not ``European
    Union``: a name of another kind)."""
    if not 0 <= index < len(toks) or toks[index].text not in _PARTY_NOUNS:
        return False
    if toks[index].text in _PARTY_NAMES:
        return True
    before = toks[index - 1] if index > 0 else None
    return before is not None and before.kind == "word" and before.text[:1].isupper() and before.text not in _NOT_PARTY


def party_sentence(toks: Sequence[_Tok]) -> bool:
    """Whether the sentence names a party (``Homeland Movement``, ``Piet Kovar's party``): its percentages without
    another topic are vote shares, its points are percentage points."""
    return any(_is_party(toks, k) or _word(toks, k) in ("party", "parties") for k in range(len(toks)))


def _has_topic(toks: Sequence[_Tok]) -> bool:
    return any(_word(toks, k) in _TOPICS for k in range(len(toks)))


def _topic(toks: Sequence[_Tok], index: int) -> str:
    word = _TOPIC_CLASSES.get(toks[index].lower, toks[index].lower)
    before = _word(toks, index - 1)
    if before in _TOPIC_MODIFIERS and before != word:
        return _TOPIC_CLASSES.get(f"{before} {word}", f"{before} {word}")
    return word


def marker_of(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> str:
    """`` (before)`` for an earlier value (``up from 4.25%``, ``compared with 64 percent``, ``at the previous
    election``), `` (forecast)`` for a value expected later (``3.5% by the end of this year``), `` (2021)`` for a
    value of a named year (``64 percent in 2021``, ``In 2021 the party had won 47 seats``); ``""`` otherwise."""
    before = _word(toks, phrase.start - 1)
    if before == "the":  # "down from the 1.8 per cent it pencilled in"
        before = _word(toks, phrase.start - 2) if _word(toks, phrase.start - 2) == "from" else before
    if before == "from" or (before in ("with", "to") and _word(toks, phrase.start - 2) == "compared"):
        return " (before)"
    after = [_word(toks, phrase.end + k) for k in range(5)]
    by_when = after[1] in _FORECAST_AFTER or after[2] in _FORECAST_AFTER or _is_month(toks, phrase.end + 1)
    if after[0] == "by" and (by_when or _is_year(toks, phrase.end + 1, settings)):  # "below 3% by 2028"
        return " (forecast)"
    for k in range(1, 4):
        if phrase.end + k - 1 < len(toks) and toks[phrase.end + k - 1].text in (",", ";", ":"):
            break  # "€24bn-€25bn, against a previous range": the earlier value is another's
        if after[k] in ("previous", "last", "earlier", "ago"):
            return " (before)"
        if after[k - 1] == "in" and _is_year(toks, phrase.end + k, settings):
            return f" ({toks[phrase.end + k].text})"
    k = phrase.start - 1
    while k >= 1 and toks[k].text not in _CLAUSE_ENDS | {","}:
        if _is_year(toks, k, settings) and _word(toks, k - 1) == "in":
            return f" ({toks[k].text})"
        k -= 1
    return ""


def _is_month(toks: Sequence[_Tok], index: int) -> bool:
    return 0 <= index < len(toks) and toks[index].lower in _MONTHS and toks[index].text[:1].isupper()


def _is_year(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> bool:
    if not 0 <= index < len(toks) or toks[index].kind != "num" or len(toks[index].text) != _YEAR_DIGITS:
        return False
    return toks[index].text.isdigit() and settings.year_min <= int(toks[index].text) <= settings.year_max


def subject_cue(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> FigureKind | None:
    """The kind of a changing total: ``[the death toll from clashes ... ] rose to 7`` (the verb of change right
    before the number, then a kind word up to ``subject_window`` words back in the clause)."""
    k = index - 1
    if _word(toks, k) in ("to", "at"):
        k -= 1
    if _word(toks, k) not in _CHANGE_VERBS:
        return None
    start = k
    while k >= 0 and start - k <= settings.subject_window:
        if toks[k].text in _CLAUSE_ENDS | {","}:
            return None
        if _word(toks, k) in ("toll", "death", "deaths"):
            return FigureKind.KILLED
        if _word(toks, k) in _CUE_KIND and _word(toks, k) not in ("lives",):
            return _CUE_KIND[_word(toks, k)]
        k -= 1
    return None


_EXPECT_WORDS = word_set(
    "expected expecting expect expects priced pencilled penciled forecast forecasting predicted predicting "
    "anticipated anticipating"
)
_EXPECT_GAP = word_set("a an in for on had have mostly widely largely")


def expected_change(toks: Sequence[_Tok], phrase: _Phrase) -> bool:
    """``markets had priced in a quarter-point rise``, ``economists had pencilled in a 25-basis-point move``: a
    change that was expected (never compared with the change that was made)."""
    k = phrase.start - 1
    while _word(toks, k) in _EXPECT_GAP:
        k -= 1
    return _word(toks, k) in _EXPECT_WORDS
