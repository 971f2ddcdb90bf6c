"""What a count is when the noun after the number does not say it alone: a singular noun after ``one`` (``One crew
member``), a singular unit joined to the number as a modifier (``a 90-member assembly``), people named
by the verb before them (``employs 600 people``: employees) or after them (``800 people joined the march``:
protesters) and ``gave their lives`` (killed).

Each function reads the tokens of one sentence; when the words are not there, it answers ``None`` and the reading
of :mod:`coverage.analysis.figures.extraction` is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _looks_like_noun, _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _MONTHS, _NP_STOP, _QUALIFIER_WORDS
from coverage.model.figures import FigureKind
from coverage.text.lexicon import word_set

_NOT_SINGULAR_ENDINGS = ("ed", "ing", "ly", "s")
_MIN_NOUN_LETTERS = 3
# Verbs before a count of people that say who the people are: "employs 600 people" counts employees.
_ROLE_VERBS = {
    "employs": "employees",
    "employ": "employees",
    "employed": "employees",
    "employing": "employees",
}
_LIFE_VERBS = {"gave", "give", "gives", "giving", "lost", "lose", "loses", "losing"}
_POSSESSIVES = {"their", "his", "her", "its"}


def is_noun(word: str, singular: bool) -> bool:
    """Whether ``word`` can end a counted noun: a plural or a known noun, or after ``one`` a singular one."""
    return _looks_like_noun(word) or (singular and _singular_noun(word))


def _singular_noun(word: str) -> bool:
    return (
        word.isalpha()
        and len(word) >= _MIN_NOUN_LETTERS
        and not word.endswith(_NOT_SINGULAR_ENDINGS)
        and word not in _AUX
        and word not in _NP_STOP
        and word not in _CUE_KIND
        and word not in _QUALIFIER_WORDS
    )


def plural(word: str) -> str:
    """``member`` -> ``members``, ``party`` -> ``parties``."""
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def attributive_unit(toks: Sequence[_Tok], phrase: _Phrase) -> tuple[str, int] | None:
    """``a 90-member assembly``, ``the 46-seat threshold``: the singular noun joined to the number by a hyphen is
    what it counts, made plural (``members``), and the index after it; only when another noun follows (the noun the
    compound modifies: ``a 3-pointer with 2 seconds left`` is no count of pointers) and the number is whole (``a
    6.1-magnitude quake`` is a magnitude)."""
    k = phrase.end
    if not (k < len(toks) and toks[k].text == "-" and _adjacent(toks[k - 1], toks[k])):
        return None  # "an eight round decision": a round of another fight may be meant; only compounds count
    k += 1
    word, following = _word(toks, k), _word(toks, k + 1)
    if not word or toks[k].text != word or not _singular_noun(word) or phrase.value != int(phrase.value):
        return None
    if not following or following in _NP_STOP or following in _AUX:  # "a 3-pointer with 2 seconds left"
        return None
    return plural(word), k + 1


def role_of(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``employs 600 people``: the people the verb before the number names (``employees``), or ``None``."""
    return _ROLE_VERBS.get(_word(toks, phrase.start - 1))


def lives_cue(toks: Sequence[_Tok], index: int) -> int | None:
    """``gave their lives``, ``lost their lives`` at ``index``: the index of ``lives`` (a word for the dead)."""
    if (
        _word(toks, index) in _LIFE_VERBS
        and _word(toks, index + 1) in _POSSESSIVES
        and _word(toks, index + 2) == "lives"
    ):
        return index + 2
    return None


_PROTEST_VERBS = word_set("marched marching protested protesting demonstrated demonstrating rallied rallying")
_PROTEST_NOUNS = word_set("march protest demonstration rally")
_JOIN_VERBS = word_set("joined join joining attended")
_PROTEST_GAP = word_set("were are was had have been reported as also then later")
_ANOTHER = word_set("another other further more")
_PLACE_WORDS = word_set("in through across")
_CLAUSE_PUNCTUATION = frozenset({",", ";", ":", ".", "(", ")", "!", "?"})
_NOT_PLACES = _MONTHS | word_set("monday tuesday wednesday thursday friday saturday sunday the a an")


def protest_role(toks: Sequence[_Tok], phrase: _Phrase, index: int) -> str | None:
    """``Several thousand dock workers marched``, ``800 people joined the march``, ``5,000 workers set off ... to
    protest``: people who march or protest right after their count (read from ``index``, after the counted noun)
    are ``protesters``, with the place the sentence names (``protesters in Thessaloniki``: crowds of two cities are
    two quantities). ``another 1,000 demonstrated`` is another crowd: no role."""
    if _word(toks, phrase.start - 1) in _ANOTHER:
        return None
    k = index
    while _word(toks, k) in _PROTEST_GAP:
        k += 1
    word = _word(toks, k)
    marching = word in _PROTEST_VERBS or (word in _JOIN_VERBS and _protest_noun_ahead(toks, k + 1))
    if not marching and not _to_protest(toks, k):
        return None
    place = _place(toks)
    return f"protesters in {place}" if place else "protesters"


def _protest_noun_ahead(toks: Sequence[_Tok], index: int) -> bool:
    """``[joined] the so-called "peaceful" march``: a protest noun before the clause ends."""
    for k in range(index, len(toks)):
        if toks[k].text in _CLAUSE_PUNCTUATION:
            return False
        if _word(toks, k) in _PROTEST_NOUNS:
            return True
    return False


def _to_protest(toks: Sequence[_Tok], index: int) -> bool:
    """``set off from the container terminal on Monday morning to protest``: ``to`` and a protest verb later in
    the clause."""
    for k in range(index, len(toks) - 1):
        if toks[k].text in _CLAUSE_PUNCTUATION:
            return False
        if _word(toks, k) == "to" and _word(toks, k + 1) in ("protest", "march", "demonstrate", "rally"):
            return True
    return False


def _place(toks: Sequence[_Tok]) -> str | None:
    """The first ``in``/``through``/``across`` with a capitalised name in the sentence (``In Heraklion, ...``)."""
    for k in range(len(toks) - 1):
        name = toks[k + 1]
        if _word(toks, k) in _PLACE_WORDS and name.kind == "word" and name.text[:1].isupper():
            return name.text if name.lower not in _NOT_PLACES else None
    return None


def injury_after(toks: Sequence[_Tok], index: int) -> FigureKind | None:
    """``with injuries``, ``for injuries``, ``suffered minor injuries``, ``sustained serious wounds`` at ``index``:
    the kind of the word after the verb or preposition and its modifiers."""
    if _word(toks, index) not in ("with", "for", "suffered", "sustained"):
        return None
    k = index + 1
    while _word(toks, k) in _AUX or _word(toks, k) in ("serious", "severe", "light", "critical", "fatal"):
        k += 1
    return _CUE_KIND.get(_word(toks, k))
