"""Number phrases: the number itself (digits, words, vague plurals, fractions), with its qualifier, currency and
unit, and ranges; :func:`_find_phrases` finds them in a sentence's tokens.

The parts live in :mod:`~coverage.analysis.figures.tokens` (tokens and digits), :mod:`~.spelled` (numbers in words,
fractions), :mod:`~.units` (qualifiers, currencies, percent and points) and :mod:`~.ignored` (years, dates, ages and
other numbers that are not figures).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from coverage.analysis.figures.ignored import _ignore_reason
from coverage.analysis.figures.roles import _singular_noun
from coverage.analysis.figures.spelled import (
    _match_fraction,
    _match_fraction_of_scale,
    _match_words,
    _with_mixed_fraction,
)
from coverage.analysis.figures.tallies import ordinal_at, tally_at
from coverage.analysis.figures.tokens import (
    _adjacent,
    _adjacent_number,
    _Core,
    _looks_like_noun,
    _parse_digits,
    _Phrase,
    _Tok,
    _tokenize,
    _word,
)
from coverage.analysis.figures.units import (
    _fraction_point_at,
    _match_currency_prefix,
    _match_qualifier,
    _percent_suffix,
    _points_suffix,
)
from coverage.analysis.figures.words import (
    _CURRENCY_CODES,
    _CURRENCY_WORDS,
    _DOZEN,
    _FEW,
    _HUNDRED,
    _PERCENT_SCALE,
    _POUNDS,
    _QUOTE_MARKS,
    _SAFE_ABBREVIATIONS,
    _SCALE_ABBREVIATIONS,
    _SCALES,
    _UNIT_NOUNS,
    _VAGUE,
    _VAGUE_OF,
    _YEAR_DIGITS,
)
from coverage.model.figures import Bound
from coverage.settings import FigureSettings

__all__ = ["_Phrase", "_Tok", "_between_at", "_find_phrases", "_looks_like_noun", "_phrase_at", "_tokenize", "_word"]

logger = logging.getLogger(__name__)


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
        return _with_mixed_fraction(toks, _Core(value, end, digits=True, plain_digits=plain))
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
    fraction = _match_fraction_of_scale(toks, index) or _match_fraction(toks, index)
    if fraction is not None:
        return fraction
    return _with_mixed_fraction(toks, _match_words(toks, index))


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
    scale = _SCALES.get(_word(toks, second.core_start + 1), 1.0) if first.core_end - first.core_start == 1 else 1.0
    low = first.value * scale if first.value * scale <= second.value else first.value  # "between 24 and 25 billion"
    return _Phrase(
        start=index,
        end=second.end,
        core_start=index + 1,
        core_end=second.end,
        value=low,
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
        currency, end = _currency_suffix(toks, end, core)
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
    elif not percent and currency is None and value == 1 and core.bare_one:
        share = _one_noun_in(toks, end, settings)  # "one train in five": a share of trains
        if share is not None:
            value, percent, end = _PERCENT_SCALE / share[0], True, share[1]
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


def _one_noun_in(toks: Sequence[_Tok], end: int, settings: FigureSettings) -> tuple[float, int] | None:
    """``[one] train in five``, ``[one] adult in three``: the denominator and the index after it, or ``None``."""
    if not _singular_noun(_word(toks, end)) or _word(toks, end + 1) != "in":
        return None
    denominator = _match_core(toks, end + 2, settings)
    if denominator is None or denominator.vague is not None or denominator.percent or denominator.digits:
        return None
    if not 1 < denominator.value <= settings.max_denominator or _word(toks, denominator.end) in _UNIT_NOUNS:
        return None
    return denominator.value, denominator.end


def _currency_suffix(toks: Sequence[_Tok], end: int, core: _Core) -> tuple[str | None, int]:
    """The currency after a number at ``end`` (``5 million euros``, ``US dollars``, ``200,000-crown``, ``USD``,
    ``2 million pounds``) and the index after it; ``(None, end)`` when there is none."""
    word = _word(toks, end)
    if word == "us" and _word(toks, end + 1) in ("dollars", "dollar"):
        return "USD", end + 2
    if word in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[word], end + 1
    if _hyphen(toks, end) and _word(toks, end + 1) in _CURRENCY_WORDS:  # "a 200,000-crown loan"
        return _CURRENCY_WORDS[_word(toks, end + 1)], end + 2
    if end < len(toks) and toks[end].text in _CURRENCY_CODES:
        return toks[end].text, end + 1
    if word in _POUNDS and (core.value >= _SCALES["thousand"] and not core.plain_digits):
        return "GBP", end + 1
    return None, end


def _hyphen(toks: Sequence[_Tok], index: int) -> bool:
    """A hyphen at ``index`` joined to the tokens on both sides (``200,000-crown``)."""
    return (
        0 < index < len(toks) - 1
        and toks[index].text == "-"
        and _adjacent(toks[index - 1], toks[index])
        and _adjacent(toks[index], toks[index + 1])
    )


def _find_phrases(text: str, toks: Sequence[_Tok], settings: FigureSettings) -> list[_Phrase]:
    phrases: list[_Phrase] = []
    index = 0
    while index < len(toks):
        counted = tally_at(toks, index) or ordinal_at(toks, index)
        if counted is not None:  # "voted 7-2": the votes for and against; "its third increase since October"
            phrases.extend(counted if isinstance(counted, list) else [counted])
            index = phrases[-1].end
            continue
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
