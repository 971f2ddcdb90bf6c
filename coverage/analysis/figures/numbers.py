"""Number phrases: tokens, the numbers they spell (digits, words, fractions, ranges) and their qualifiers."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from coverage.analysis.figures.words import (
    _ABBREVIATED_DESIGNATORS,
    _AGE_AFTER,
    _AGE_WORDS,
    _CUE_KIND,
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DECADES,
    _DECIMAL_COMMA,
    _DECIMAL_POINT,
    _DESIGNATORS,
    _DOLLAR_PREFIXES,
    _DOZEN,
    _EURO_THOUSANDS,
    _FEW,
    _FRACTIONS,
    _HALF_NOT_SHARE,
    _HUNDRED,
    _IRREGULAR_NOUNS,
    _LEADING_DECIMAL,
    _LEFT_LINK,
    _MONTHS,
    _NOT_NAMES,
    _PERCENT_SCALE,
    _PLAIN,
    _POUNDS,
    _QUALIFIERS_BY_FIRST,
    _QUOTE_MARKS,
    _REFERENT_CLASSES,
    _SAFE_ABBREVIATIONS,
    _SCALE_ABBREVIATIONS,
    _SCALES,
    _TEENS,
    _TENS,
    _THOUSANDS,
    _TIME_AFTER,
    _TOKEN,
    _UNIT_NOUNS,
    _UNIT_SUFFIXES,
    _UNITS,
    _VAGUE,
    _VAGUE_OF,
    _YEAR_DIGITS,
)
from coverage.model.figures import Bound
from coverage.settings import FigureSettings

logger = logging.getLogger(__name__)


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
    points: bool = False  # percentage points (basis points are read as hundredths of one)


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
    return 0


def _points_suffix(toks: Sequence[_Tok], index: int) -> tuple[int, float]:
    """How many tokens at ``index`` say "percentage points" or "basis points" (hyphens included), and the factor
    that turns the number into percentage points (0.01 for basis points); ``(0, 1.0)`` when none."""
    k = index
    if k < len(toks) and toks[k].text == "-":
        k += 1
    word = _word(toks, k)
    if word in ("bp", "bps"):
        return k + 1 - index, 0.01
    if word not in ("percentage", "basis"):
        return 0, 1.0
    factor = 1.0 if word == "percentage" else 0.01
    k += 1
    if k < len(toks) and toks[k].text == "-":
        k += 1
    if _word(toks, k) not in ("point", "points"):
        return 0, 1.0
    return k + 1 - index, factor


def _fraction_point_at(toks: Sequence[_Tok], index: int) -> _Phrase | None:
    """``half a percentage point``, ``a quarter-point``, ``a quarter of a percentage point``: percentage points."""
    k = index + 1 if _word(toks, index) in ("a", "an") else index
    word = _word(toks, k)
    if word not in ("half", "quarter"):
        return None
    value = 0.5 if word == "half" else 0.25
    k += 1
    if k < len(toks) and toks[k].text == "-":
        k += 1
    if _word(toks, k) == "of":
        k += 1
    if _word(toks, k) in ("a", "an"):
        k += 1
    if _word(toks, k) == "percentage":
        k += 1
        if k < len(toks) and toks[k].text == "-":
            k += 1
    if _word(toks, k) not in ("point", "points"):
        return None
    return _Phrase(
        start=index,
        end=k + 1,
        core_start=index,
        core_end=k + 1,
        value=value,
        bound=Bound.EXACT,
        qualifier=None,
        percent=True,
        points=True,
    )


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
    points = False
    if not percent and _percent_suffix(toks, end):
        end += _percent_suffix(toks, end)
        percent = True
    elif not percent and currency is None and _points_suffix(toks, end)[0]:
        length, factor = _points_suffix(toks, end)
        value, end, percent, points = value * factor, end + length, True, True
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
        points=points,
    )


def _find_phrases(text: str, toks: Sequence[_Tok], settings: FigureSettings) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    index = 0
    while index < len(toks):
        phrase = (
            _fraction_point_at(toks, index)
            or _between_at(toks, index, settings)
            or _dash_range_at(toks, index)
            or _phrase_at(toks, index, settings)
        )
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


def _looks_like_noun(word: str) -> bool:
    return word in _IRREGULAR_NOUNS or word in _UNIT_NOUNS or (len(word) > 2 and word.endswith("s"))
