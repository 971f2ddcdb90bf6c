"""Links between a number and the words around it that say how it relates to them: past a short ``of`` phrase to
its verb (``300 residents of nearby streets were evacuated``), a part of a total of a kind (``Forty of the
injured``), two figures joined by ``and`` (``16 killed and 1,300 wounded``), a part introduced as one (``including
103``, ``of them``) and the place a part is in (``103 in Almaty``)."""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _NP_MODIFIERS, _PLACE_GAP, _SUBSET_MARKERS
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


def is_subset(toks: Sequence[_Tok], index: int) -> bool:
    """``including``, ``among them``, ``of them,`` right before ``index``: the number is a part of a total."""
    if index > 0 and toks[index - 1].text == ",":  # "Of them, 40 were hospitalised"
        index -= 1
    for marker in _SUBSET_MARKERS:
        start = index - len(marker)
        if start >= 0 and all(_word(toks, start + k) == word for k, word in enumerate(marker)):
            return True
    return index > 0 and toks[index - 1].text == ":" and _word(toks, index - 2) == "including"


def place_after(toks: Sequence[_Tok], index: int) -> str | None:
    """``in Almaty`` after a figure (``103 in Almaty``, ``103 of them in Almaty``, ``103 were killed in Almaty``):
    the place name."""
    while _word(toks, index) in _PLACE_GAP:
        index += 1
    if _word(toks, index) != "in":
        return None
    words = []
    k = index + 1
    while k < len(toks) and toks[k].kind == "word" and toks[k].text[:1].isupper():
        words.append(toks[k].text)
        k += 1
    return " ".join(words) or None
