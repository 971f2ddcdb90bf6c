"""Links between a number and the words around it that say how it relates to them: past a short ``of`` phrase to
its verb (``300 residents of nearby streets were evacuated``), a part of a total of a kind (``Forty of the
injured``), two figures joined by ``and`` (``16 killed and 1,300 wounded``)."""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _NP_MODIFIERS
from coverage.model.figures import FigureKind
from coverage.settings import FigureSettings


def past_of_phrase(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> int:
    """The index after ``of nearby streets``, ``of the Oskel Trader``, ``from the Oskel Trader`` (an ``of`` or
    ``from`` phrase of at most ``gap_max_tokens`` words followed by an auxiliary), or ``index`` when there is none."""
    if _word(toks, index) not in ("of", "from"):
        return index
    k = index + 1
    while k < len(toks) and k - index <= settings.gap_max_tokens and toks[k].kind == "word":
        if toks[k].lower in _AUX and toks[k].text[:1].islower():
            return k
        k += 1
    return index


def partitive_cue(toks: Sequence[_Tok], index: int) -> FigureKind | None:
    """``of the injured``, ``of those killed`` after a number: the kind of the total it is a part of."""
    if _word(toks, index) == "of" and _word(toks, index + 1) in ("the", "those"):
        return _CUE_KIND.get(_word(toks, index + 2))
    return None


def coordinated(toks: Sequence[_Tok], first: _Phrase, second: _Phrase) -> bool:
    """Two figures joined by ``and`` only (``16 killed and 1,300 wounded``): no comma, no ``as well as``."""
    between = toks[first.end : second.start]
    return any(t.lower == "and" for t in between) and all(
        t.kind == "word" and (t.lower == "and" or t.lower in _CUE_KIND or t.lower in _AUX or t.lower in _NP_MODIFIERS)
        for t in between
    )
