"""Number phrases that are not figures: years, dates, times, ages, ordinals, scores, numbers of articles and
numbers in names; :func:`_ignore_reason` says why."""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _adjacent_number, _Phrase, _Tok, _word
from coverage.analysis.figures.words import (
    _ABBREVIATED_DESIGNATORS,
    _AGE_AFTER,
    _AGE_WORDS,
    _CUE_KIND,
    _DECADES,
    _DESIGNATORS,
    _LEFT_LINK,
    _MONTHS,
    _NOT_NAMES,
    _QUOTE_MARKS,
    _REFERENT_CLASSES,
    _SCALE_ABBREVIATIONS,
    _TIME_AFTER,
    _UNIT_NOUNS,
    _UNIT_SUFFIXES,
    _YEAR_DIGITS,
)
from coverage.model.figures import Bound
from coverage.settings import FigureSettings


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
