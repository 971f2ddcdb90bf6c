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
from coverage.analysis.figures.wholes import possessive
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _NP_STOP, _QUALIFIER_WORDS
from coverage.model.figures import Bound
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
    "sentenced sentencing sentence sentences jailed jailing imprisoned imprisoning caged locked penalty"
)
# Words that may stand between a verb of sentencing and the term: "was locked up for", "a sentence of more than".
_TERM_LINKS = word_set(
    "to for of a an the his her him them their was were is be been had has have already up more than at least "
    "about around some nearly almost"
)
# A "five-year term" of office is no prison term.
_OFFICE = word_set("elected election elections office presidential president mandate parliament parliamentary seats")
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

# Events whose length is reported and can be disputed: "a 48-hour strike", "the 11-week trial".
_EVENTS = word_set(
    "strike strikes stoppage walkout action trial ceasefire truce curfew shutdown lockdown blockade siege visit "
    "summit hearing inquiry search tour conference talks mission closure ban outage delay festival"
)
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


def _linked(toks: Sequence[_Tok], index: int, words: frozenset[str]) -> bool:
    """A word of ``words`` before ``index`` with only ``_TERM_LINKS`` between (``was locked up for``)."""
    for k in range(index - 1, max(-1, index - 1 - _WINDOW), -1):
        if toks[k].lower in words:
            return True
        if toks[k].lower not in _TERM_LINKS:
            return False
    return False


def _term(toks: Sequence[_Tok], phrase: _Phrase, after_unit: int, compound: bool) -> str | None:
    following = (_word(toks, after_unit), _word(toks, after_unit + 1))
    suspended = "suspended" in following or _word(toks, phrase.start - 1) == "suspended"
    if compound:  # "a six-year term" (not in a sentence about an election or an office), "a 3-year jail sentence"
        noun = following[1] if following[0] in ("suspended", "jail", "prison") else following[0]
        office = noun == "term" and any(t.lower in _OFFICE for t in toks)
        is_term = noun in _TERM_NOUNS and not office
    else:  # "jailed for 6 years", "6 years in prison", "who had sought 12 years" (not "eight years ago")
        before = phrase.start - 2 if _word(toks, phrase.start - 1) == "for" else phrase.start - 1
        asked = _word(toks, before) in _ASKING  # "had sought 12 years", "asked for 11 years"
        is_term = following in _TERM_AFTER or _linked(toks, phrase.start, _SENTENCING) or asked
        is_term = is_term and following[0] != "ago"
        suspended = suspended or _back(toks, phrase.start, frozenset({"suspended"}))
    if not is_term:
        return None
    if _back(toks, phrase.start, _ASKING):
        return "prison term (sought)"
    if _back(toks, phrase.start, _MAXIMUM) or phrase.bound is Bound.AT_MOST:  # "faces up to 55 years in prison"
        return "prison term (maximum)"
    return "prison term (suspended)" if suspended else "prison term"


def _head_after(toks: Sequence[_Tok], index: int) -> str | None:
    """The event the noun phrase at ``index`` names (``national strike over pay`` -> ``strike``), or ``None`` when
    it names none of ``_EVENTS`` (``a 72-hour window``: not the length of anything reported as such)."""
    head = None
    for k in range(index, min(len(toks), index + 3)):
        word = _word(toks, k)
        if not word or word in _NP_STOP | _AUX | _QUALIFIER_WORDS or word in _CUE_KIND:
            break
        if word in _EVENTS:
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
    start = k + 2 if _word(toks, k + 1) in ("the", "its", "their") else k + 1
    if start < len(toks) and possessive(toks, start):  # "214 of the Assembly's 399 seats"
        start += 1
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
    services``): the word before is no noun (``police officers and soldiers`` are two nouns), the one after is a
    modifier and the one after it the noun."""
    after = _word(toks, index + 1)
    noun = is_noun(before, singular) and not before.endswith(("us", "ss"))  # "bus and tram services"
    head = _word(toks, index + 2)  # "A and B Ns" only: "0.98 inches thin and weighs 6.6 pounds" is no noun
    stop = after in _NP_STOP or after in _AUX or after in _CUE_KIND
    return bool(after) and not noun and not stop and is_noun(head, singular)
