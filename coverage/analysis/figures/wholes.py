"""A whole and its part: in ``214 of the Assembly's 399 seats`` and ``214 seats in the 399-member chamber`` the 399
is the size of the whole (the chamber), not another count of what the 214 counts; ``seven of the nine counts``: the
nine are all the counts. The whole's referent gets `` (total)``, so it is grouped with the whole's size in other
articles and never compared with a part of it (a coalition's seats, the counts a defendant was convicted on).
The seats a majority takes (``the 46 needed to govern alone``, ``the 46-seat threshold for a majority``) are
``seats for a majority``, not seats anyone holds.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _Phrase, _Tok, _word
from coverage.model.figures import FigureKind
from coverage.text.lexicon import word_set

TOTAL = " (total)"
_DETERMINERS = word_set("the its their his her our")
_SEATS = word_set("seat seats member members")  # "the 399-member chamber", "the 100-seat senate"
_CHAMBERS = word_set(
    "chamber house parliament assembly senate legislature congress council diet duma bundestag knesset"
)
_BODIES = word_set("board jury panel committee cabinet court commission bloc body")


def possessive(toks: Sequence[_Tok], index: int) -> bool:
    """``Assembly's``, ``parliament's``: a possessive word between ``of the`` and the whole's number."""
    return toks[index].kind == "word" and toks[index].lower.endswith(("'s", "’s")) if index < len(toks) else False


def whole_referent(
    toks: Sequence[_Tok], phrase: _Phrase, kind: FigureKind, referent: str, previous: _Phrase | None
) -> str:
    """The referent of a count that is the size of a whole (see the module), else ``referent`` unchanged;
    ``previous`` is the number phrase before it in the sentence (the part: ``214 of the 399``)."""
    if kind is not FigureKind.COUNT or not referent or referent.endswith(TOTAL):
        return referent
    if referent == "employees" and _word(toks, phrase.end + 1) == "strong":
        return referent  # "7% of its 61,000-strong workforce": a workforce is all the employees already
    size = _body_size(toks, phrase)
    if size is not None:
        return size
    k = phrase.start - 1
    if k >= 0 and possessive(toks, k):
        k -= 1
    if _word(toks, k) in _DETERMINERS:
        k -= 1
    if _word(toks, k) == "of" and previous is not None and previous.end == k:
        return referent + TOTAL
    return referent


def _body_size(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``399-member chamber``, ``100-seat senate``: the seats of a chamber; ``nine-member jury``: its members."""
    k = phrase.end
    if k + 2 >= len(toks) or toks[k].text not in ("-", "–") or _word(toks, k + 1) not in _SEATS:
        return None
    body = _word(toks, k + 2)
    if body in _CHAMBERS:
        return "seats" + TOTAL
    return "members" + TOTAL if body in _BODIES else None


MAJORITY = "seats for a majority"
_THRESHOLDS = word_set("threshold majority mark")
_NEEDED = word_set("needed required")
_NEEDS = word_set("needs need needed requires require")
_TO_GOVERN = word_set("govern rule form command")


def majority_referent(toks: Sequence[_Tok], phrase: _Phrase, kind: FigureKind, referent: str) -> str:
    """``the 46-seat threshold for a majority``, ``the 46 needed to govern alone``, ``She needs 46 to rule``: the
    seats a majority takes, not seats anyone holds; ``referent`` unchanged otherwise."""
    if kind is not FigureKind.COUNT or referent not in ("", "seats"):
        return referent
    k = phrase.end
    if toks[k].text in ("-", "–") if k < len(toks) else False:
        seat = _word(toks, k + 1) in ("seat", "seats")
        return MAJORITY if seat and _word(toks, k + 2) in _THRESHOLDS else referent
    if referent:
        return referent
    after = _word(toks, k) in _NEEDED and _word(toks, k + 1) == "to" and _word(toks, k + 2) in _TO_GOVERN
    before = _word(toks, phrase.start - 1) in _NEEDS and _word(toks, k) == "to" and _word(toks, k + 1) in _TO_GOVERN
    return MAJORITY if after or before else referent
