"""What stands around a number: qualifiers (``at least``), currencies (``$``, ``US$``, ``euro``), percent and
points (``per cent``, ``basis points``, ``half a percentage point``)."""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _Phrase, _Tok, _word
from coverage.analysis.figures.words import (
    _CURRENCY_CODES,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _DOLLAR_PREFIXES,
    _QUALIFIERS_BY_FIRST,
)
from coverage.model.figures import Bound
from coverage.settings import FigureSettings


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


def bounds_of(phrase: _Phrase, settings: FigureSettings) -> tuple[float | None, float | None]:
    """The interval ``(low, high)`` a phrase stands for, from its qualifier (see the extraction module)."""
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
