"""Numbers spelled in words (``four hundred and twelve``) and fractions (``two-thirds``, ``a third of``)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _Core, _Tok, _word
from coverage.analysis.figures.words import (
    _DOZEN,
    _FRACTIONS,
    _HALF_NOT_SHARE,
    _HUNDRED,
    _PERCENT_SCALE,
    _SCALES,
    _TEENS,
    _TENS,
    _UNITS,
)


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


_MIXED_PARTS = {"half": 0.5, "quarter": 0.25}


def _with_mixed_fraction(toks: Sequence[_Tok], core: _Core | None) -> _Core | None:
    """``four and a half``, ``2 and a quarter``, ``one and a half million``: a whole number and a half or a quarter
    (times the scale word after it); the core unchanged when no such words follow."""
    if core is None or core.vague is not None or core.percent:
        return core
    k = core.end
    part = _MIXED_PARTS.get(_word(toks, k + 2))
    if part is None or _word(toks, k) != "and" or _word(toks, k + 1) not in ("a", "an"):
        return core
    value, end = core.value + part, k + 3
    scale = _SCALES.get(_word(toks, end))
    if scale is not None and core.value < scale:
        value, end = value * scale, end + 1
    return _Core(value, end, digits=core.digits)


def _match_fraction_of_scale(toks: Sequence[_Tok], index: int) -> _Core | None:
    """``a quarter of a million``, ``three quarters of a billion``, ``a third of a million``: that part of the scale
    (a number, not a share)."""
    word = toks[index].lower
    numerator = 1 if word in ("a", "one") else _UNITS.get(word)
    if not numerator:
        return None
    k = index + 1
    if k < len(toks) and toks[k].text == "-" and _adjacent(toks[k - 1], toks[k]):
        k += 1
    denominator = _FRACTIONS.get(_word(toks, k))
    scale = _SCALES.get(_word(toks, k + 3))
    if denominator is None or numerator >= denominator or scale is None:
        return None
    if _word(toks, k + 1) != "of" or _word(toks, k + 2) not in ("a", "an"):
        return None
    return _Core(scale * numerator / denominator, k + 4)
