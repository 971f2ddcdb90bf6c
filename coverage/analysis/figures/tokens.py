"""Tokens of a sentence and the data read from them: a number phrase's core and the phrase itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coverage.analysis.figures.words import (
    _DECIMAL_COMMA,
    _DECIMAL_POINT,
    _EURO_THOUSANDS,
    _IRREGULAR_NOUNS,
    _LEADING_DECIMAL,
    _PLAIN,
    _THOUSANDS,
    _TOKEN,
    _UNIT_NOUNS,
)
from coverage.model.figures import Bound


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
    counts: str | None = None  # what the phrase says it counts: "votes for" in "voted 7-2", "increases"


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


def _adjacent_number(toks: Sequence[_Tok], index: int, direction: int = 1) -> bool:
    """True when the symbol at ``index`` touches digits on its far side (``2-1``, ``11:00``, ``24/7``)."""
    other = index + direction
    if not (0 <= index < len(toks) and 0 <= other < len(toks)) or toks[other].kind != "num":
        return False
    return _adjacent(toks[index], toks[other]) if direction > 0 else _adjacent(toks[other], toks[index])


# Words ending in "s" that are not plural nouns ("dock workers marched towards ..." counts workers).
_NOT_PLURALS = frozenset(
    {"towards", "afterwards", "always", "perhaps", "unless", "thus", "its", "his", "this", "was", "has", "is", "less"}
)


def _looks_like_noun(word: str) -> bool:
    plural = len(word) > 2 and word.endswith("s") and word not in _NOT_PLURALS
    return word in _IRREGULAR_NOUNS or word in _UNIT_NOUNS or plural
