"""What a share, a length of time or a part of a count measures, when the words around the number say it.

- A share of a noun (``60% of scheduled trains``, ``six in ten trains were axed``, ``one train in five ran``) is a
  share of the noun's head (``trains``), and of what happened to them when the verb after says it (``trains
  cancelled``, ``trains running``: a share of trains running is not a share cancelled).
- A percentage before a word for a pay rise (``a 4.5% pay rise``, ``a 4.5 per cent pay offer``, ``offered 4.5%``)
  is a ``pay rise``; one asked for (``pressing for 7%``, ``demanding a 9% pay rise``) is a ``pay rise (sought)``.
- A prison term (``jailed for six years``, ``a six-year term``, ``6 years in prison``) is a ``prison term``; the
  term prosecutors asked for (``had sought a nine-year term``) is ``prison term (sought)``, a suspended one
  ``prison term (suspended)``, the most the law allows (``a maximum penalty of 10 years``) ``prison term
  (maximum)``.
- The length of an event given as a compound (``a 48-hour strike``, ``a two-day stoppage``, ``the 11-week trial``)
  or an ``of`` phrase (``two days of action``) is ``length of <event>`` (a walkout, stoppage or industrial action
  is a ``strike``), in its unit: 48 hours and two days are one length.
- ``seven of the nine counts``: the seven are counts too (``charges``), not ``nine counts``.

Each function reads the tokens of one sentence and answers ``None`` when the words are not there.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.numbers import _phrase_at
from coverage.analysis.figures.roles import _singular_noun, is_noun, plural
from coverage.analysis.figures.tokens import _adjacent, _looks_like_noun, _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _NP_STOP, _QUALIFIER_WORDS
from coverage.settings import FigureSettings
from coverage.text.lexicon import word_set

_SHORT_UNITS = frozenset({"minutes", "hours", "days", "weeks"})  # lengths of events (a strike, a trial)
_TERM_UNITS = frozenset({"years", "months"})
_CLAUSE_ENDS = frozenset(",;:.()")
_WINDOW = 5  # words looked back for a verb of sentencing or of asking

# Asking for a quantity is not getting it: "had sought 12 years", "pressing for at least 7 per cent".
_ASKING = word_set(
    "sought seek seeks seeking asked asking demand demands demanded demanding requested request requesting "
    "wanted want wants pressing press pressed calling claim claims claiming"
)
_SENTENCING = word_set(
    "sentenced sentencing sentence jailed jailing jail imprisoned imprisoning imprisonment caged locked prison "
    "penalty term"
)
_TERM_NOUNS = word_set("term sentence jail prison imprisonment penalty")
_TERM_AFTER = (("in", "prison"), ("in", "jail"), ("behind", "bars"), ("of", "imprisonment"), ("in", "custody"))
_MAXIMUM = word_set("maximum max")

_PAY_NOUNS = {
    ("pay", "rise"),
    ("pay", "raise"),
    ("pay", "increase"),
    ("pay", "offer"),
    ("pay", "award"),
    ("pay", "deal"),
    ("wage", "rise"),
    ("wage", "increase"),
    ("wage", "offer"),
    ("salary", "increase"),
    ("salary", "rise"),
}
_OFFER = word_set("offer offered offering offers")

_EVENT_CLASSES = {"stoppage": "strike", "walkout": "strike", "action": "strike", "strikes": "strike"}
_SHARE_VERBS = {
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "axed": "cancelled",
    "scrapped": "cancelled",
    "ran": "running",
    "running": "running",
    "run": "running",
    "operated": "running",
    "operating": "running",
}


def _back(toks: Sequence[_Tok], index: int, words: frozenset[str]) -> bool:
    """A word of ``words`` among the ``_WINDOW`` words before ``index``, in the same clause."""
    for k in range(index - 1, max(-1, index - 1 - _WINDOW), -1):
        if toks[k].text in _CLAUSE_ENDS:
            return False
        if toks[k].lower in words:
            return True
    return False


def share_referent(toks: Sequence[_Tok], phrase: _Phrase) -> str:
    """What a share without an ``of`` phrase is of: the noun after ``six in ten`` or inside ``one train in five``,
    with the verb after it when it says what happened to them; ``""`` if none."""
    inside = _word(toks, phrase.core_end)
    if phrase.core_end < phrase.end - 1 and _singular_noun(inside) and _word(toks, phrase.core_end + 1) == "in":
        head, after = plural(inside), phrase.end  # "one train in five ran"
    elif inside == "in" and _looks_like_noun(_word(toks, phrase.end)):
        head, after = _word(toks, phrase.end), phrase.end + 1  # "six in ten trains were axed"
    else:
        return ""
    return share_of(head, toks, after)


def share_of(head: str, toks: Sequence[_Tok], after: int) -> str:
    """``trains``, or ``trains cancelled`` when the verb at ``after`` (past auxiliaries) says what happened to them."""
    while _word(toks, after) in _AUX:
        after += 1
    verb = _SHARE_VERBS.get(_word(toks, after))
    return f"{head} {verb}" if verb else head


def pay_referent(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``a 4.5% pay rise``, ``a 4.5 per cent pay offer``, ``a 4.5% offer``, ``offered four and a half per cent``:
    ``pay rise``, or ``pay rise (sought)`` when it is asked for; ``None`` otherwise."""
    after = (_word(toks, phrase.end), _word(toks, phrase.end + 1))
    named = after in _PAY_NOUNS or after[0] in _OFFER
    offered = _word(toks, phrase.start - 1) in _OFFER
    if not (named or offered):
        return None
    return "pay rise (sought)" if _back(toks, phrase.start, _ASKING) else "pay rise"


def span_referent(toks: Sequence[_Tok], phrase: _Phrase, unit: str, after_unit: int) -> str | None:
    """The referent of a length of time in ``unit`` (plural) whose unit word ends before ``after_unit``: a prison
    term or the length of an event (see the module docstring), or ``None`` for any other span."""
    compound = (
        after_unit >= 2 and toks[after_unit - 2].text == "-" and _adjacent(toks[after_unit - 2], toks[after_unit - 1])
    )
    following = _word(toks, after_unit)
    if unit in _TERM_UNITS:
        return _term(toks, phrase, after_unit, compound)
    if unit not in _SHORT_UNITS:
        return None
    if compound:
        event = _head_after(toks, after_unit)
    elif following == "of":
        event = _head_after(toks, after_unit + 1)
    else:
        return None
    return f"length of {_EVENT_CLASSES.get(event, event)}" if event else None


def _term(toks: Sequence[_Tok], phrase: _Phrase, after_unit: int, compound: bool) -> str | None:
    following = (_word(toks, after_unit), _word(toks, after_unit + 1))
    suspended = "suspended" in following or _word(toks, phrase.start - 1) == "suspended"
    if compound:
        is_term = following[0] in _TERM_NOUNS or (following[0] == "suspended" and following[1] in _TERM_NOUNS)
    else:  # "jailed for 6 years", "6 years in prison", "who had sought 12 years"
        asked = _word(toks, phrase.start - 1) in _ASKING
        is_term = following in _TERM_AFTER or _back(toks, phrase.start, _SENTENCING) or asked
        suspended = suspended or _back(toks, phrase.start, frozenset({"suspended"}))
    if not is_term:
        return None
    if _back(toks, phrase.start, _ASKING):
        return "prison term (sought)"
    if _back(toks, phrase.start, _MAXIMUM):
        return "prison term (maximum)"
    return "prison term (suspended)" if suspended else "prison term"


def _head_after(toks: Sequence[_Tok], index: int) -> str | None:
    """The last word of the noun phrase at ``index`` (``national strike over pay`` -> ``strike``), or ``None``."""
    head = None
    for k in range(index, min(len(toks), index + 3)):
        word = _word(toks, k)
        if not word or word in _NP_STOP | _AUX | _QUALIFIER_WORDS or word in _CUE_KIND or word.endswith("ed"):
            break
        head = word
    return head


def time_unit(noun: str | None) -> str | None:
    """``hours`` for a count of hours (``48-hour``), so that lengths in two units compare; else ``None``."""
    unit = noun.split()[-1] if noun else None
    return unit if unit in _SHORT_UNITS | _TERM_UNITS else None


def part_of_count(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> int | None:
    """``seven of the nine counts``, ``7 of 9 charges``: the index of the noun both numbers count (the part counts
    what the whole counts); ``None`` when no number follows ``of`` (``the``)."""
    k = phrase.end
    if _word(toks, k) != "of":
        return None
    start = k + 2 if _word(toks, k + 1) == "the" else k + 1
    whole = _phrase_at(toks, start, settings)
    if whole is None:
        return None
    if whole.value <= phrase.value or whole.percent or whole.currency:
        return None
    return whole.end


def workforce(words: Sequence[str]) -> bool:
    """``85,000 workers``, ``rail and bus workers``: a plain count of workers counts a workforce (``employees``)."""
    return bool(words) and words[-1] in ("workers", "worker")


def modifier_and(toks: Sequence[_Tok], index: int, before: str, singular: bool) -> bool:
    """``and`` at ``index`` between two modifiers of one noun (``rail and bus workers``, ``train and bus
    services``): the word before is no noun (``police officers and soldiers`` are two nouns), the one after is a word
    that may start a noun phrase."""
    after = _word(toks, index + 1)
    return bool(after) and not is_noun(before, singular) and after not in _NP_STOP | _AUX and after not in _CUE_KIND
