"""What a count is when the noun after the number does not say it alone: a singular noun after ``one`` (``One crew
member``), a singular unit used as a modifier (``a 2.5 million crown fine``, ``a 90-member assembly``), people named
by the verb before them (``employs 600 people``: employees) or after them (``800 people joined the march``:
protesters) and ``gave their lives`` (killed).

Each function reads the tokens of one sentence; when the words are not there, it answers ``None`` and the reading
of :mod:`coverage.analysis.figures.extraction` is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.analysis.figures.tokens import _adjacent, _looks_like_noun, _Phrase, _Tok, _word
from coverage.analysis.figures.words import _AUX, _CUE_KIND, _NP_STOP, _QUALIFIER_WORDS
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
    """``a 2.5 million crown fine``, ``a 90-member assembly``, ``the 46-seat threshold``: the singular noun after
    the number is what it counts, made plural (``crowns``), and the index after it. Only when the number is joined
    to the noun by a hyphen or follows ``a``/``an`` (a modifier: ``the 46 needed`` is not one), and another word
    follows the noun (the noun the phrase modifies)."""
    k = phrase.end
    hyphen = k < len(toks) and toks[k].text == "-" and _adjacent(toks[k - 1], toks[k])
    if hyphen:
        k += 1
    elif _word(toks, phrase.start - 1) not in ("a", "an"):
        return None
    word = _word(toks, k)
    if not word or toks[k].text != word or not _singular_noun(word) or not _word(toks, k + 1):
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


_PROTEST_WORDS = word_set(
    "marched march marching protest protested protesting demonstrated demonstrating demonstration rallied rally"
)
_CLAUSE_PUNCTUATION = frozenset({",", ";", ":", ".", "(", ")", "!", "?"})


def protest_role(toks: Sequence[_Tok], index: int) -> str | None:
    """``Several thousand dock workers marched``, ``about 800 people joined the march``: people who marched or
    protested in the clause after their count (read from ``index``, after the counted noun) are ``protesters``."""
    for k in range(index, len(toks)):
        if toks[k].text in _CLAUSE_PUNCTUATION:
            return None
        if _word(toks, k) in _PROTEST_WORDS:
            return "protesters"
    return None
