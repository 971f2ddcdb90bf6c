"""What a count of a physical measure or of people is, from the words around it:

- a speed, however written: ``70km/h``, ``70 km/h``, ``70 kilometres an hour`` -> ``km/h`` (``mph``,
  ``miles an hour`` -> ``mph``);
- an area burned or flooded: ``has burned 1,850 hectares``, ``The blaze tore through more than 1,800 hectares``
  -> ``area burned`` (``flooded``, ``floodwaters swept through``: ``area flooded``; a verb of either, such as
  ``devoured`` or ``destroyed``, only with a word of fire or water in the sentence): not the ``600 hectares`` a
  company owns;
- people moved out: ``2,500 people forced out of their homes``, ``1,200 residents have been moved out``, ``forcing
  1,200 people to leave their homes``: evacuated;
- people treated: ``five residents were treated for smoke inhalation``, ``Five locals needed treatment``;
- ``the number of homes destroyed has risen to 23``: a count of homes.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CHANGE_VERBS
from coverage.text.lexicon import word_set

_KM = word_set("km kms kilometres kilometers kilometre kilometer")
_MILES = word_set("mile miles")
_AREAS = word_set("hectares acres hectare acre")
_BURN_VERBS = word_set("burned burnt burn burns burning scorched charred blackened torched")
_FLOOD_VERBS = word_set("flooded inundated submerged")
_SPREAD_VERBS = word_set("devoured consumed destroyed ravaged engulfed razed swept tore spread")  # fire or water
_FIRE_WORDS = word_set("fire fires wildfire wildfires blaze blazes flames inferno bushfire bushfires burned")
_WATER_WORDS = word_set("flood floods flooding floodwaters water waters river rains storm surge")
_THROUGH = word_set("through across over")
_AREA_GAP = word_set("has have had already now more than nearly almost about some around over at least up to")
_MOVED = word_set("forced moved driven ordered")
_OUT = word_set("out from")
_LEAVE = word_set("leave flee")
_HOMES = word_set("home homes area town village city")
_BE = word_set("were was are is have has had")
_TREATED = word_set("treated treatment")
_TREAT_LINK = word_set("needed need needs received receive required require requiring needing were was are being")
_WINDOW = 4  # words looked at after a noun, or back from an area to its verb


def speed_referent(toks: Sequence[_Tok], phrase: _Phrase, referent: str) -> str:
    """``km/h`` or ``mph`` for a count of kilometres or miles per hour, else ``referent``."""
    unit = referent if " " not in referent else ""
    end = phrase.end + 1 if unit and _word(toks, phrase.end) in (unit, unit.removesuffix("s")) else phrase.end
    per_hour = _word(toks, end) in ("an", "per", "a") and _word(toks, end + 1) == "hour"
    if unit in _KM and (per_hour or (end < len(toks) and toks[end].text == "/" and _word(toks, end + 1) == "h")):
        return "km/h"
    return "mph" if unit in _MILES and per_hour else referent


def area_referent(toks: Sequence[_Tok], phrase: _Phrase, referent: str) -> str:
    """``area burned`` / ``area flooded`` for an area after a verb of burning or flooding (see the module)."""
    if referent not in _AREAS and referent.split()[-1:] != ["hectares"]:
        return referent
    k = phrase.start - 1
    steps = 0
    while k >= 0 and steps <= _WINDOW and (_word(toks, k) in _AREA_GAP or _word(toks, k) in _THROUGH):
        k -= 1
        steps += 1
    verb = _word(toks, k)
    if verb in _SPREAD_VERBS:  # "the blaze devoured", "floodwaters swept through": what spread, from the sentence
        words = {_word(toks, j) for j in range(len(toks))}
        verb = "burned" if words & _FIRE_WORDS else "flooded" if words & _WATER_WORDS else verb
    if verb in _BURN_VERBS:
        return "area burned"
    return "area flooded" if verb in _FLOOD_VERBS else referent


def moved_out(toks: Sequence[_Tok], phrase: _Phrase, after_noun: int) -> bool:
    """People made to leave their homes (see the module): evacuated."""
    k = after_noun
    if _word(toks, k).endswith("ing"):  # "Three hundred people living near the site were forced to leave"
        k = next((j for j in range(k + 1, k + 1 + _WINDOW) if _word(toks, j) in _BE), k)
    start = k
    while _word(toks, k) in _AUX and _word(toks, k) not in _LEAVE and k - start < _WINDOW:
        k += 1
    word = _word(toks, k)
    if word in _MOVED:
        return _word(toks, k + 1) in _OUT or (_word(toks, k + 1) == "to" and _word(toks, k + 2) in _LEAVE)
    if word in _LEAVE and _word(toks, phrase.start - 1) in ("forcing", "forced", "ordering", "ordered"):
        return any(_word(toks, j) in _HOMES for j in range(k + 1, k + 1 + _WINDOW))
    return False


def treated_role(toks: Sequence[_Tok], after_noun: int) -> str | None:
    """``were treated for``, ``needed treatment``: ``people treated``, or ``None``."""
    for k in range(after_noun, min(len(toks), after_noun + _WINDOW)):
        word = _word(toks, k)
        if word in _TREATED:
            return "people treated"
        if word not in _TREAT_LINK and word not in _AUX:
            return None
    return None


def counted_subject(toks: Sequence[_Tok], index: int, window: int) -> str | None:
    """``the number of homes destroyed has risen to 23``: the noun after ``number of``, or ``None``."""
    k = index - 1
    if _word(toks, k) in ("to", "at"):
        k -= 1
    if _word(toks, k) not in _CHANGE_VERBS:
        return None
    for j in range(k - 1, max(0, k - window), -1):
        if toks[j].kind == "sym":
            return None
        if _word(toks, j) == "of" and _word(toks, j - 1) in ("number", "numbers"):
            noun = _word(toks, j + 1)
            return noun if noun.endswith("s") and noun.isalpha() else None
    return None
