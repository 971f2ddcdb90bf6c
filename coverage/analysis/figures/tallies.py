"""Vote tallies: ``voted 7-2``, ``split 7-2``, ``a 7-2 vote``, ``by a 5-4 margin`` are two figures, the votes for
and the votes against. A dash between two numbers is otherwise a score or a range, never a tally (``a 3-1 win``).
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _parse_digits, _Phrase, _Tok, _word
from coverage.analysis.figures.words import _YEAR_DIGITS
from coverage.model.figures import Bound
from coverage.text.lexicon import word_set

VOTES_FOR = "votes for"
VOTES_AGAINST = "votes against"
_VOTE_BEFORE = word_set("voted vote votes split ruled decided passed approved backed endorsed rejected")
_VOTE_AFTER = word_set("vote votes decision ruling majority margin split verdict")
_SKIP_BEFORE = word_set("a an by in on")
_DASHES = ("-", "–")
_SUPPORT = word_set("backed supported approved endorsed")


def tally_at(toks: Sequence[_Tok], index: int) -> list[_Phrase] | None:
    """The two sides of a vote tally starting at ``index``, or ``None``."""
    if index + 2 >= len(toks) or toks[index].kind != "num" or toks[index + 1].text not in _DASHES:
        return None
    if not (_adjacent(toks[index], toks[index + 1]) and _adjacent(toks[index + 1], toks[index + 2])):
        return None
    first, second = _parse_digits(toks[index].text), _parse_digits(toks[index + 2].text)
    if first is None or second is None or toks[index + 2].kind != "num" or not (first[1] and second[1]):
        return None
    if first[0] < second[0] or _season(toks[index].text, toks[index + 2].text) or not _vote_context(toks, index):
        return None
    return [_side(index, first[0], VOTES_FOR), _side(index + 2, second[0], VOTES_AGAINST)]


def _season(first: str, second: str) -> bool:
    """``2019-20``: a span of years, not a tally."""
    return len(first) == _YEAR_DIGITS and len(second) <= len(first) // 2


def _vote_context(toks: Sequence[_Tok], index: int) -> bool:
    k = index - 1
    while _word(toks, k) in _SKIP_BEFORE:
        k -= 1
    return _word(toks, k) in _VOTE_BEFORE or _word(toks, index + 3) in _VOTE_AFTER


def _side(index: int, value: float, side: str) -> _Phrase:
    return _Phrase(
        start=index,
        end=index + 1,
        core_start=index,
        core_end=index + 1,
        value=value,
        bound=Bound.EXACT,
        qualifier=None,
        digits=True,
        tally=side,
    )


def support_of(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``backed by seven of nine members``: the votes for a decision, or ``None``."""
    if _word(toks, phrase.start - 1) == "by" and _word(toks, phrase.start - 2) in _SUPPORT:
        return VOTES_FOR
    return None
