"""Phrases that say what they count. Vote tallies: ``voted 7-2``, ``split 7-2``, ``a 7-2 vote``, ``by a 5-4
margin`` are two figures, the votes for and the votes against (a dash between two numbers is otherwise a score or a
range, never a tally: ``a 3-1 win``). Ordinals of a repeated event: ``its third increase since October`` counts 3
increases (an ordinal is otherwise no figure: ``the second half``, ``the first final in 22 years``).
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.roles import _singular_noun, plural
from coverage.analysis.figures.tokens import _adjacent, _parse_digits, _Phrase, _Tok, _word
from coverage.analysis.figures.words import _YEAR_DIGITS, _numbered
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
        counts=side,
    )


def support_of(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``backed by seven of nine members``: the votes for a decision; a side of a tally in words (``by 300 votes
    to 250``, ``voted 300 to 250``, ``300 in favour and 250 against``); or ``None``."""
    backed = _word(toks, phrase.start - 1) == "by" and _word(toks, phrase.start - 2) in _SUPPORT
    if backed and _word(toks, phrase.end) in ("of", "votes", "members"):  # not "supported by four aircraft"
        return VOTES_FOR
    return _side_in_words(toks, phrase)


def _side_in_words(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    after = _word(toks, phrase.end)
    in_favour = after == "in" and _word(toks, phrase.end + 1) in _FAVOUR
    if in_favour or (after == "for" and _word(toks, phrase.end + 1) in ("and", "")):
        return VOTES_FOR if _against_follows(toks, phrase.end) else None
    if after == "against" and _word(toks, phrase.end + 1) in _AFTER_SIDE:
        return VOTES_AGAINST if _for_before(toks, phrase.start) else None
    first_end = phrase.end + 1 if after in ("votes", "vote") else phrase.end
    if _word(toks, first_end) == "to" and _number(toks, first_end + 1):  # "by 300 votes to 250"
        return _first_side(toks, phrase.start)
    if _word(toks, phrase.start - 1) == "to":  # the second side: "... 300 [votes] to 250"
        k = phrase.start - 2 if _word(toks, phrase.start - 2) not in ("votes", "vote") else phrase.start - 3
        if _number(toks, k):
            first = _first_side(toks, k)
            return None if first is None else VOTES_AGAINST if first == VOTES_FOR else VOTES_FOR
    return None


_FAVOUR = word_set("favour favor")
_AFTER_SIDE = word_set("and with while") | {""}  # "" : a symbol or the end ("187 against.")
_FOR_FIRST = word_set("passed approved backed endorsed adopted carried voted won cleared")
_AGAINST_FIRST = word_set("rejected defeated")
_VERB_WINDOW = 9  # words back to the verb: "approved the 2027 budget on Wednesday by 212 votes to 187"
_TALLY_GAP = 6  # words between the side for and the side against: "212 in favour and 187 against"


def _number(toks: Sequence[_Tok], index: int) -> bool:
    return 0 <= index < len(toks) and toks[index].kind == "num"


def _first_side(toks: Sequence[_Tok], index: int) -> str | None:
    """The side the first number of ``by 300 votes to 250`` counts, from the verb before it (``passed by``: the
    votes for; ``rejected by``: the votes against); ``None`` without such a verb (``won by 3 goals to 1``)."""
    if _word(toks, index + 1) not in ("votes", "vote", ""):  # "by 3 goals to 1"
        return None
    for k in range(index - 1, max(-1, index - _VERB_WINDOW), -1):
        if toks[k].kind == "sym":
            return None
        if toks[k].lower in _AGAINST_FIRST:
            return VOTES_AGAINST
        if toks[k].lower in _FOR_FIRST:
            return VOTES_FOR
    return None


def _against_follows(toks: Sequence[_Tok], index: int) -> bool:
    """``[in favour] and 187 against``: a number then ``against`` soon after."""
    for k in range(index, min(len(toks) - 1, index + _TALLY_GAP)):
        if toks[k].kind == "num":
            return _word(toks, k + 1) == "against"
    return False


def _for_before(toks: Sequence[_Tok], index: int) -> bool:
    """``212 in favour and [187 against]``, ``212 for and [187 against]``."""
    for k in range(index - 1, max(-1, index - _TALLY_GAP), -1):
        if _word(toks, k) in _FAVOUR or (_word(toks, k) == "for" and _number(toks, k - 1)):
            return True
    return False


# "first" is left out: "the first X since" says there was none in between, not how many there were.
_ORDINALS = _numbered("second third fourth fifth sixth seventh eighth ninth tenth", 2)
_NOT_EVENTS = word_set("time")  # "for the third time since": a manner of speaking, not a counted event
_IN_A_ROW = word_set("straight consecutive successive")


def ordinal_at(toks: Sequence[_Tok], index: int) -> _Phrase | None:
    """``third increase since October``, ``fifth straight rise this year``, ``second cut in a row``: the number of
    events so far, counting the singular noun after the ordinal (made plural)."""
    number = _ORDINALS.get(_word(toks, index))
    if number is None:
        return None
    k = index + 1
    if _word(toks, k) in _IN_A_ROW:
        k += 1
    noun = _word(toks, k)
    if not noun or toks[k].text != noun or not _singular_noun(noun) or noun in _NOT_EVENTS:
        return None
    after = _word(toks, k + 1), _word(toks, k + 2), _word(toks, k + 3)
    if after[0] not in ("since", "this") and after != ("in", "a", "row"):
        return None
    return _Phrase(
        start=index,
        end=index + 1,
        core_start=index,
        core_end=index + 1,
        value=float(number),
        bound=Bound.EXACT,
        qualifier=None,
        counts=plural(noun),
    )
