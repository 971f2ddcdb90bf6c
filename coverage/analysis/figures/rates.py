"""Topics of rates and shares that news names in more than one way: ``value added tax`` and ``the standard VAT
rate`` (``vat``); a ``shortfall``, ``borrowing`` or plans ``to borrow`` 3% of GDP (``deficit``); a ``ceiling``,
``cap`` or ``threshold`` (``limit``); ``the economy will grow by 1.2%`` (``growth``, or ``growth forecast`` when it is
expected); a bare ``rate`` or ``forecast`` named after a more specific topic in the same sentence (``a hike in VAT,
taking the standard rate to 23%``: ``vat``; ``the economy will grow more slowly ..., slashing their forecast``:
``growth forecast``); a change in points ``in`` a topic (``a two-point rise in VAT``: ``vat change``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coverage.analysis.figures.tokens import _Tok, _word
from coverage.text.lexicon import word_set

_DEFICIT = word_set("borrowing borrow borrows")
_LIMITS = word_set("ceiling limit cap threshold")
_GROW = word_set("grow grows grew growing expand expands expanded expanding")
_ECONOMY = word_set("economy economies gdp output")
_FORECASTING = word_set(
    "will expects expected expect forecast forecasts projects projected predicts predicted sees pencilled penciled"
)
_GENERIC = word_set("rate forecast")
_RATE_OF = word_set("vat")
_TAX_BANDS = word_set(
    "standard reduced top basic"
)  # specific topics a bare "rate" after them in the sentence is the rate of
_CHANGE_NOUNS = word_set("increase rise hike cut reduction jump fall drop")
_WINDOW = 6  # words back from "grow" to the economy that grows
_GDP_WINDOW = 9  # words from "borrow" to "of GDP": "plans to borrow just over 3 per cent of GDP"


def special_topic(toks: Sequence[_Tok], index: int) -> str | None:
    """The topic a word names that the plain topic words do not (see the module), or ``None``."""
    word = _word(toks, index)
    if word == "tax" and _word(toks, index - 1) == "added":
        return "vat"
    if word == "shortfall" or (word in _DEFICIT and any(of_gdp(toks, k) for k in range(index, index + _GDP_WINDOW))):
        return "deficit"  # borrowing a share of GDP; "borrow money at 3 percent" is an interest rate
    if word in _LIMITS:
        return "limit"
    if word in _GROW and _economy_before(toks, index):
        expected = any(_word(toks, k) in _FORECASTING for k in range(index))
        return "growth forecast" if expected else "growth"
    return None


def _economy_before(toks: Sequence[_Tok], index: int) -> bool:
    for k in range(index - 1, max(-1, index - 1 - _WINDOW), -1):
        if toks[k].text in (";", ":", "."):
            return False
        if _word(toks, k) in _ECONOMY:
            return True
    return False


def qualified(toks: Sequence[_Tok], index: int, topic: str, topic_at: Callable[[int], str | None]) -> str:
    """A bare ``rate`` or ``forecast`` at ``index`` qualified by the nearest specific topic before it in the
    sentence (see the module); ``topic`` unchanged otherwise."""
    if topic not in _GENERIC or (topic == "rate" and _word(toks, index - 1) not in _TAX_BANDS):
        return topic  # "its rate" after VAT may be a central bank's; "the standard rate" is a tax's
    for k in range(index - 1, -1, -1):
        specific = topic_at(k)
        if specific is None or specific in _GENERIC:
            continue
        if topic == "forecast" and specific.startswith("growth"):
            return "growth forecast"
        return specific if topic == "rate" and specific in _RATE_OF else topic
    return topic


def change_in(toks: Sequence[_Tok], index: int, topic_at: Callable[[int], str | None]) -> str | None:
    """``increase in value added tax``, ``hike in VAT`` at ``index``: the topic changed, or ``None``."""
    if _word(toks, index) not in _CHANGE_NOUNS or _word(toks, index + 1) != "in":
        return None
    for k in range(index + 2, min(len(toks), index + 5)):
        topic = topic_at(k)
        if topic is not None:
            return topic
    return None


def of_gdp(toks: Sequence[_Tok], index: int) -> bool:
    """``of GDP``, ``of gross domestic product``, ``of national income`` at ``index``: a share of the economy's size,
    whose referent is what is measured against it (the deficit, the debt, spending), named before the number."""
    if _word(toks, index) != "of":
        return False
    k = index + 2 if _word(toks, index + 1) == "the" else index + 1
    words = (_word(toks, k), _word(toks, k + 1), _word(toks, k + 2))
    return words[0] == "gdp" or words == ("gross", "domestic", "product") or words[:2] == ("national", "income")


def earlier_value(toks: Sequence[_Tok], start: int) -> bool:
    """``from 1.8%``, ``down from the 1.8 per cent``: the number at ``start`` is the earlier value of a change
    (``compared with 35 percent`` is a contrast, not an earlier value)."""
    before = _word(toks, start - 1)
    return before == "from" or (before == "the" and _word(toks, start - 2) == "from")
